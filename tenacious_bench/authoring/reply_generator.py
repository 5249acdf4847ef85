"""Seeded generator of the reply-classification items (tenacious_bench/data/reply_classification).

Everything comes from one `random.Random(seed)`, so a seed rebuilds the files byte for byte. Each
item is a fictional prospect, Tenacious's first email (and sometimes a follow-up), and a reply built
from the hand-written phrasings of `reply_pools` (a case's phrasing, an optional greeting, neutral
first sentence and sign-off) or one of its hand-written whole replies. Labels come from the case,
fixed by the rules before any model is run; `why` says which rule. Held-out items use the held-out
pools only, dates on or after the cutoff and the canary; a held-out reply that would share an
8-gram with a train or dev reply is redrawn, and the build fails if that cannot be avoided.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
from pathlib import Path
from typing import Any

from tenacious_bench.authoring import reply_pools as pools
from tenacious_bench.replies import (
    CANARY,
    CUTOFF,
    MANIFEST_NAME,
    SPLITS,
    ReplyItem,
    body_ngram_overlap,
    item_row,
    parse_reply_item,
    sealing_problems,
)

GENERATOR_VERSION = "1.0.0"
DATASET_VERSION = "1.2.0"
DEFAULT_SEED = 2026
SIZES = {"train": 240, "dev": 80, "held_out": 100}
CREATED_AT = "2026-12-31"
PACKET_SIZE = 120
PACKET_SEED = 13

FIRST = ["Maya", "Tomasz", "Aisha", "Kenji", "Lucía", "Oluwaseun", "Priya", "Daniel", "Ingrid", "Mateo",
         "Fatima", "Wei", "Grace", "Rahul", "Sofia", "Emeka", "Hannah", "Jonas", "Leila", "Marcus",
         "Nadia", "Owen", "Chloe", "Andrés", "Yuki", "Samir", "Elena", "Kwame", "Zoe", "Viktor",
         "Amara", "Liam", "Mei", "Diego", "Farah", "Tobias", "Noor", "Felix", "Rosa", "Ibrahim"]
LAST = ["Okafor", "Nowak", "Rahman", "Tanaka", "Fernández", "Adeyemi", "Natarajan", "Cohen", "Larsen",
        "Silva", "Haddad", "Zhang", "Mensah", "Gupta", "Rossi", "Eze", "Becker", "Lindqvist", "Karimi",
        "Brooks", "Petrova", "Walsh", "Dubois", "Morales", "Sato", "Aziz", "Novak", "Boateng", "Kim",
        "Horvath", "Obi", "Murphy", "Chen", "Vargas", "Khalil", "Weber", "Qureshi", "Schmidt", "Costa", "Yilmaz"]
PREFIXES = ["Lumen", "Cobalt", "Harbor", "Quill", "Vanta", "Ridge", "Nimbus", "Kite", "Orchid", "Tessel",
            "Brook", "Atlas", "Fable", "Juniper", "Maple", "Onyx", "Pike", "Sable", "Tundra", "Vela"]
SUFFIXES = ["fold", "works", "ly", "stack", "labs", "metrics", "grid", "path", "loop", "base"]
TLDS = [".io", ".com", ".ai", ".co"]
TITLES = ["CTO", "VP of Engineering", "Head of Platform", "Director of Engineering", "Founder and CEO",
          "Engineering Manager", "Head of Data", "Co-founder and CTO"]
LOCATIONS = ["Austin, TX", "Berlin, Germany", "London, UK", "Toronto, Canada", "Denver, CO", "Lagos, Nigeria",
             "Amsterdam, Netherlands", "Boston, MA", "Singapore", "Chicago, IL", "Lisbon, Portugal", "Seattle, WA"]
SENDERS = ["Yabi", "Marta", "Daniel", "Sofia"]
STACKS = ["python", "go", "data", "ml", "infra", "react", "java"]
VENDORS = ["Brightloop", "Coderia", "Stackwise", "Ironbark Software", "Meridian Nearshore", "BlueHarbor Tech",
           "Northgate Devs"]
CITIES = ["Kraków", "Medellín", "Toronto", "Nairobi", "Porto", "Bucharest"]
TZS = ["Eastern", "Central", "Pacific", "London", "Berlin"]
COLLEAGUE_TITLES = ["CTO", "VP of Engineering", "Head of Platform", "Director of Engineering", "COO"]
ROUNDS = ["Seed", "Series A", "Series B", "Series C"]
ROLES = ["backend engineer", "data engineer", "platform engineer", "ML engineer", "frontend engineer"]


def _first_email(rng: random.Random, p: dict[str, Any], sender: str, date: dt.date) -> tuple[str, str]:
    """Tenacious's first email: (subject, body), from one of four signal situations."""
    first, company = p["first_name"], p["company"]
    kind = rng.choice(["funding", "jobs", "leader", "restructure"])
    if kind == "funding":
        amount, rnd = rng.choice([6, 9, 14, 22, 35, 48]), rng.choice(ROUNDS)
        subject = f"Your {rnd} and the engineering plan"
        opening = (f"Congratulations on the ${amount}M {rnd}. Teams at this stage often find that hiring "
                   "lags the roadmap by a quarter or two.")
    elif kind == "jobs":
        n, role = rng.randint(3, 14), rng.choice(ROLES)
        subject = f"{n} open {role} roles at {company}"
        opening = (f"I noticed {n} open {role} roles on your careers page. I cannot tell from the outside "
                   "whether hiring is keeping pace with the plan.")
    elif kind == "leader":
        subject = "Congratulations on the new role"
        opening = (f"Congratulations on joining {company}. New engineering leaders often review team "
                   "structure in their first months.")
    else:
        subject = "Delivery after the restructure"
        opening = ("I saw the news about the restructure at "
                   f"{company}. If the roadmap stayed the same while the team shrank, capacity may be tight.")
    body = (f"Hi {first},\n\n{opening}\n\nTenacious places managed engineering teams that work at least four "
            f"hours a day in your time zone. If that is on your list, would 15 minutes next week be useful?"
            f"\n\nBest,\n{sender}")
    return subject, body


def _follow_up(first: str, sender: str, stack: str) -> str:
    return (f"Hi {first},\n\nA short follow-up on my note. If capacity for {stack} work is on your list "
            f"this quarter, I'm happy to share how other teams have set this up. Would 15 minutes help?\n\n"
            f"Best,\n{sender}")


def _date_in(rng: random.Random, split: str) -> dt.date:
    if split == "held_out":
        start, days = CUTOFF + dt.timedelta(days=25), 130
    else:
        start, days = dt.date(2026, 1, 20), 150  # up to mid-June: thread, reply and as_of stay before the cutoff
    return start + dt.timedelta(days=rng.randrange(days))


def _month_after(d: dt.date, months: int) -> str:
    m = (d.month - 1 + months) % 12 + 1
    return dt.date(2000, m, 1).strftime("%B")


def _prospect(rng: random.Random) -> dict[str, Any]:
    name = rng.choice(PREFIXES) + rng.choice(SUFFIXES)
    return {
        "first_name": rng.choice(FIRST), "last_name": rng.choice(LAST), "title": rng.choice(TITLES),
        "company": name, "domain": name.lower() + rng.choice(TLDS), "employees": rng.choice(
            [18, 25, 40, 48, 75, 120, 180, 260, 400, 650, 900]), "location": rng.choice(LOCATIONS),
    }


def _slots(rng: random.Random, p: dict[str, Any], sender: str, reply_date: dt.date) -> dict[str, str]:
    colleague_first = rng.choice([f for f in FIRST if f != p["first_name"]])
    colleague_last = rng.choice(LAST)
    nq = (reply_date.month - 1) // 3 + 2
    quarter = f"Q{nq}" if nq <= 4 else "Q1"
    back = reply_date + dt.timedelta(days=rng.randint(4, 20))
    return {
        "sender": sender, "first": p["first_name"], "last": p["last_name"], "company": p["company"],
        "title": p["title"], "stack": rng.choice(STACKS), "n": str(rng.randint(2, 5)),
        "month": _month_after(reply_date, rng.randint(2, 5)), "quarter": quarter, "vendor": rng.choice(VENDORS),
        "city": rng.choice(CITIES), "tz": rng.choice(TZS), "colleague": f"{colleague_first} {colleague_last}",
        "colleague_first": colleague_first,
        "colleague_email": f"{colleague_first.lower()}@{p['domain']}",
        "colleague_title": rng.choice(COLLEAGUE_TITLES), "prev_month": _month_after(reply_date, -rng.randint(1, 4)),
        "return": f"{back.day} {back.strftime('%B')}",
    }


def _compose(rng: random.Random, case: str, core: str, pool: str, s: dict[str, str]) -> str:
    """A reply body around a phrasing: greeting, neutral first sentence, sign-off, sometimes in lower case."""
    text = core.format(**s)
    if case == "abstain/out_of_office":
        return text + ("\n\n" + f"{s['first']} {s['last']}" if rng.random() < 0.5 else "")
    if case == "abstain/someone_else":
        return text + "\n\n" + rng.choice([s["colleague_first"], f"{s['colleague']}\n{s['company']}", "Thanks"])
    if case not in ("abstain/sarcasm",) and rng.random() < 0.3:
        text = rng.choice(pools.PREAMBLES[pool]) + " " + text
    if rng.random() < 0.12:
        text = text.lower()
    greeting = rng.choice(pools.GREETINGS[pool]).format(**s)
    signoff = rng.choice(pools.SIGNOFFS[pool]).format(**s)
    parts = [x for x in (greeting, text, signoff) if x]
    sep = "\n\n" if rng.random() < 0.7 else "\n"
    return sep.join(parts)


def _item(rng: random.Random, split: str, case: str, body_fn: Any, source_mode: str, item_id: str,
          why_extra: str | None, from_kind: str | None, channel: str | None) -> ReplyItem:
    gold, objection, why, difficulty = pools.CASES[case]
    p = _prospect(rng)
    sender = rng.choice([n for n in SENDERS if n != p["first_name"]])
    reply_date = _date_in(rng, split)
    thread_date = reply_date - dt.timedelta(days=rng.randint(1, 18))
    s = _slots(rng, p, sender, reply_date)
    subject, first_body = _first_email(rng, p, sender, thread_date)
    thread = [{"from": "tenacious", "channel": "email", "date": thread_date.isoformat(), "subject": subject,
               "body": first_body}]
    if rng.random() < 0.25:
        follow = thread_date + dt.timedelta(days=rng.randint(0, (reply_date - thread_date).days))
        thread.append({"from": "tenacious", "channel": "email", "date": follow.isoformat(),
                       "subject": f"Re: {subject}", "body": _follow_up(p["first_name"], sender, s["stack"])})
    body = body_fn(s)
    if channel is None:
        channel = "linkedin" if (case != "abstain/out_of_office" and rng.random() < 0.08) else "email"
    if case == "abstain/out_of_office":
        reply_subject = rng.choice(["Automatic reply: ", "Out of Office: ", "Auto: "]) + subject
    else:
        reply_subject = "" if channel == "linkedin" else f"Re: {subject}"
    sender_field = "prospect"
    if case == "abstain/someone_else" or from_kind == "colleague":
        sender_field = f"{s['colleague']} <{s['colleague_email']}>"
    as_of = reply_date + dt.timedelta(days=rng.randint(0, 2))
    if split != "held_out" and as_of >= CUTOFF:
        as_of = reply_date
    metadata: dict[str, Any] = {"created_at": CREATED_AT, "case": case, "difficulty": difficulty}
    if objection:
        metadata["objection"] = objection
    if split == "held_out":
        metadata["canary"] = CANARY
    row = {
        "item_id": item_id, "schema_version": "1.1", "split": split, "source_mode": source_mode,
        "as_of": as_of.isoformat(), "prospect": p, "thread": thread,
        "reply": {"from": sender_field, "channel": channel, "date": reply_date.isoformat(),
                  "subject": reply_subject, "body": body},
        "gold": gold, "why": f"{gold}: {why_extra or why}", "metadata": metadata,
    }
    return row  # type: ignore[return-value]  # validated by the caller after the generator metadata is set


def _counts(total: int) -> dict[str, int]:
    """Largest-remainder allocation of `total` items over the cases by WEIGHTS."""
    raw = {c: w * total / sum(pools.WEIGHTS.values()) for c, w in pools.WEIGHTS.items()}
    counts = {c: int(v) for c, v in raw.items()}
    for c in sorted(raw, key=lambda c: (-(raw[c] - counts[c]), c))[: total - sum(counts.values())]:
        counts[c] += 1
    return counts


def generate_reply_items(seed: int = DEFAULT_SEED) -> dict[str, list[ReplyItem]]:
    """The three splits, validated and sealed; raises ValueError if a sealing rule cannot be met."""
    rng = random.Random(seed)
    hand = {"train": [], "dev": [], "held_out": []}  # type: dict[str, list[dict[str, Any]]]
    for i, h in enumerate(pools.HAND_WRITTEN):
        split = "held_out" if h["pool"] == "held_out" else ("dev" if i % 4 == 3 else "train")
        hand[split].append(h)
    out: dict[str, list[ReplyItem]] = {}
    seen_rows: list[ReplyItem] = []
    serial = {"programmatic": 0, "hand_authored": 0}

    def next_id(mode: str) -> str:
        serial[mode] += 1
        return f"TR-PRG-{serial[mode]:04d}" if mode == "programmatic" else f"TR-HND-{serial[mode]:03d}"

    for split in SPLITS:
        pool = "held_out" if split == "held_out" else "train"
        plan: list[tuple[str, Any, str, str | None, str | None, str | None]] = []
        for h in hand[split]:
            plan.append((str(h["case"]), h, "hand_authored", str(h["why"]), h["from"], h["channel"]))
        for case, k in _counts(SIZES[split] - len(hand[split])).items():
            phrasings = pools.CORES[case][pool]
            start = rng.randrange(len(phrasings))
            for j in range(k):
                plan.append((case, phrasings[(start + j) % len(phrasings)], "programmatic", None, None, None))
        rng.shuffle(plan)
        items: list[ReplyItem] = []
        for case, source, mode, why, from_kind, channel in plan:
            item_id = next_id(mode)
            for _attempt in range(30):
                if isinstance(source, dict):
                    template = str(source["body"])
                    body_fn = lambda s, t=template: t.format(**s)  # noqa: E731
                else:
                    body_fn = lambda s, c=case, core=source, pl=pool: _compose(rng, c, core, pl, s)  # noqa: E731
                row: Any = _item(rng, split, case, body_fn, mode, item_id, why, from_kind, channel)
                row["metadata"]["generator"] = {"version": GENERATOR_VERSION, "seed": seed,
                                                "phrasing": _phrasing_id(case, source)}
                item = parse_reply_item(row, where=f"generated {item_id}")
                if split != "held_out" or not body_ngram_overlap([item], seen_rows):
                    break
            else:
                hits = body_ngram_overlap([item], seen_rows)
                raise ValueError(f"{item_id}: held-out reply shares 8-grams with train/dev after 30 draws: {hits[:3]}")
            items.append(item)
        out[split] = items
        if split != "held_out":
            seen_rows += items
    problems = sealing_problems([i for s in SPLITS for i in out[s]])
    if problems:
        raise ValueError("\n".join(problems))
    return out


def _phrasing_id(case: str, source: Any) -> str:
    text = source["body"] if isinstance(source, dict) else source
    return f"{case}#{hashlib.sha256(str(text).encode()).hexdigest()[:8]}"


def _jsonl(rows: list[dict[str, Any]]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False, sort_keys=False) + "\n" for r in rows)


def packet_rows(splits: dict[str, list[ReplyItem]], size: int = PACKET_SIZE, seed: int = PACKET_SEED) -> list[dict[str, Any]]:
    """The blind second labeller's packet: a seeded sample over all splits, without gold, why or case."""
    everything = [i for s in SPLITS for i in splits[s]]
    chosen = random.Random(seed).sample(everything, size)
    rows = []
    for it in chosen:
        row = item_row(it)
        rows.append({"item_id": row["item_id"], "prospect": row["prospect"], "thread": row["thread"],
                     "reply": row["reply"]})
    return rows


def write_reply_dataset(out_dir: str | Path, seed: int = DEFAULT_SEED, packet_path: str | Path | None = None) -> dict[str, Any]:
    """Write train/dev/held_out JSONL and manifest.json (and the blind packet); return the manifest."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    splits = generate_reply_items(seed)
    files: dict[str, Any] = {}
    for split in SPLITS:
        text = _jsonl([item_row(i) for i in splits[split]])
        (out / f"{split}.jsonl").write_text(text, encoding="utf-8")
        files[f"{split}.jsonl"] = {"sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
                                   "rows": len(splits[split])}
    manifest = {"dataset_version": DATASET_VERSION, "schema_version": "1.1", "generator_version": GENERATOR_VERSION,
                "seed": seed, "cutoff": CUTOFF.isoformat(), "canary": CANARY, "files": files}
    (out / MANIFEST_NAME).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    if packet_path is not None:
        Path(packet_path).parent.mkdir(parents=True, exist_ok=True)
        Path(packet_path).write_text(_jsonl(packet_rows(splits)), encoding="utf-8")
    return manifest
