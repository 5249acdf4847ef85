"""Seeded generator of the next-message tasks (schema 1.1, `kind: "next_message"`).

A next-message task is a brief, the thread so far and the prospect's latest reply; the model writes
the next message, or answers exactly `NO_REPLY` when the rules say to send nothing
(`../shared/domain/replies.md`, interface: `/work/briefs/interface.md`). Rows come from two sources,
both imported rather than copied:

- **engaged** replies with a concrete request come from the warm-reply scenarios of
  `authoring.programmatic` (rates inside the band, engineers within the bench or beyond it, a total
  for a multi-phase plan, a rate below the band, a project with a deadline), plus two requests of this
  module (a named client reference, contract terms). Those that hit a hand-off trigger carry
  `constraints.handoff`.
- **curious, soft_defer, objection and hard_no** replies use the clear-cut phrasings of
  `authoring.reply_pools` (never the ambiguous ones: those are the classifier's abstain cases), sent in
  answer to a first email that the reference composer wrote for a cold brief of
  `authoring.programmatic` (so the thread names the brief's signal).

Everything is drawn from `random.Random("next_message:<seed>")`, one child stream per task, so a seed
rebuilds the rows byte for byte. Held-out rows use the held-out parts of every phrasing pool, dates on
or after the cutoff and the canary. This module writes no reference: `tenacious_bench.next_message`
adds the composer's scorer-verified one (train/dev) or its hash (held-out).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from typing import Any

import regex

from tenacious_bench.authoring import programmatic as prg
from tenacious_bench.authoring import reply_generator as rg
from tenacious_bench.authoring import reply_pools as pools

GENERATOR_VERSION = "1.0.0"
TASK_ID_PREFIX = "TB-NXT-"
REPLY_CLASSES = ("engaged", "curious", "soft_defer", "objection", "hard_no")
OBJECTIONS = ("price", "incumbent", "small_poc", "offshore")
HANDOFFS = ("price_outside_bands", "total_contract", "staffing", "client_reference", "legal_terms")

# case -> (reply_class, objection, handoff, source). Source: a programmatic warm-reply scenario
# ("scenario:NAME"), a reply_pools case ("pool:CASE") or a request of this module ("own:NAME").
CASES: dict[str, tuple[str, str | None, str | None, str]] = {
    "engaged/rates": ("engaged", None, None, "scenario:rates"),
    "engaged/engineers": ("engaged", None, None, "scenario:engineers"),
    "engaged/timeline": ("engaged", None, None, "scenario:timeline"),
    "engaged/staffing": ("engaged", None, "staffing", "scenario:engineers"),
    "engaged/total_price": ("engaged", None, "total_contract", "scenario:total_price"),
    "engaged/below_band": ("engaged", None, "price_outside_bands", "scenario:below_band"),
    "engaged/client_reference": ("engaged", None, "client_reference", "own:client_reference"),
    "engaged/legal_terms": ("engaged", None, "legal_terms", "own:legal_terms"),
    "curious": ("curious", None, None, "pool:curious/tell_me_more"),
    "soft_defer": ("soft_defer", None, None, "pool:soft_defer/not_now"),
    "objection/price": ("objection", "price", None, "pool:objection/price"),
    "objection/incumbent": ("objection", "incumbent", None, "pool:objection/incumbent"),
    "objection/small_poc": ("objection", "small_poc", None, "pool:objection/small_poc"),
    "objection/offshore": ("objection", "offshore", None, "pool:objection/offshore"),
    "hard_no/not_interested": ("hard_no", None, None, "pool:hard_no/not_interested"),
    "hard_no/remove": ("hard_no", None, None, "pool:hard_no/remove"),
    "hard_no/contact_correction": ("hard_no", None, None, "pool:hard_no/contact_correction"),
}
# One block holds every case once, curious and soft defer twice (the commonest replies after engaged
# ones). Each split is a whole number of blocks, so every class, objection type and hand-off
# trigger is in every split (train 6 blocks, dev 2, held-out 2: 60/20/20).
BLOCK: tuple[str, ...] = (*CASES, "curious", "soft_defer")
BLOCKS = {"train": 6, "dev": 2, "held_out": 2}
SPLITS = ("train", "dev", "held_out")

# What each case tests (metadata.probe_ids; the programmatic probes of the brief are kept beside them).
PROBES: dict[str, str] = {
    "N01": "engaged: answer the prospect's question from the brief, bench and bands, then one ask",
    "N02": "curious: short context tied to the first email's signal, one 15-minute ask, at most 90 words",
    "N03": "soft defer: a gracious close naming a month for the next touch, no ask, at most 60 words",
    "N04": "price objection: no discount, no counter-offer, only the public bands; a mechanism, not a price",
    "N05": "incumbent objection: the current arrangement works; the gap named with a finding from the brief",
    "N06": "small proof of concept: agree, name the starter-project floor, a scoping call",
    "N07": "offshore objection: answer with overlap hours and the delivery lead",
    "N08": "hard no: no reply at all (NO_REPLY)",
    "N09": "hand-off: the delivery lead follows up; nothing committed that cannot be confirmed",
}
_CASE_PROBES = {"engaged": "N01", "curious": "N02", "soft_defer": "N03", "hard_no": "N08"}
_OBJECTION_PROBES = {"price": "N04", "incumbent": "N05", "small_poc": "N06", "offshore": "N07"}

# The two requests of this module: a named client reference and contract terms (hand-off triggers of
# replies.md). The last third of each pool is held out, as in every programmatic pool.
CLIENT_REFERENCE_ASKS = (
    "Thanks {sender}. Before a call I'd want to speak to one of your clients in {industry}. Who can you put me in touch with?",
    "{sender}, can you name a {industry} company you've staffed a team for? I'd like a reference call first.",
    "Interesting. Which {industry} clients have you worked with, and would one of them talk to me?",
    "Before anything else: do you have a reference customer in {industry} I could call?",
    "Our board will ask who else in {industry} uses you. Can you share a client name and a contact?",
    "Good timing. I need a {industry} reference before I can take this further. Who would that be?",
    "I'd want a named reference in {industry}, ideally someone running a team our size. Possible?",
    "Happy to look at this, but we only work with vendors who can give us a {industry} reference. Can you?",
    "Which {industry} teams have you placed engineers with? A reference I could phone would help a lot.",
)
LEGAL_TERMS_ASKS = (
    "Thanks {sender}. Before a call, can you send your MSA and DPA? Legal reviews those first.",
    "{sender}, what does your standard contract say about IP ownership and the liability cap?",
    "Interesting. Our procurement needs your MSA and your data-processing terms before anything else. Can you share them?",
    "Could you confirm your termination clause and notice period? That's usually where deals stall for us.",
    "Before we talk, I need to know whether you'd sign our MSA or insist on yours.",
    "Good timing. Legal will ask about indemnities and the DPA first. What are your standard terms?",
    "We'd need a DPA that covers EU data and an IP assignment clause. Is that something you agree to?",
    "Can you send over your contract terms, especially confidentiality and the liability cap?",
    "Our lawyers want the MSA before a first call. Can you share it, and is the liability cap negotiable?",
)
OWN_POOLS = {"client_reference": CLIENT_REFERENCE_ASKS, "legal_terms": LEGAL_TERMS_ASKS}
# Signals that name a gap Tenacious could fill (an incumbent objection's finding), best first.
_GAP_TYPES = ("capability_gap", "tech_stack", "job_posts")
_CONFIDENCE_ORDER = ("high", "medium", "low", "very_low")

INSTRUCTIONS = (
    "Write the next message to {first} {last} in this thread.",
    "{first} has replied. Write Tenacious's next message in the thread.",
    "Write what Tenacious sends next to {first} {last}, given the reply.",
    "Write the next message in the thread with {first} {last} at {company}.",
)


def _parse_source(source: str) -> tuple[str, str]:
    kind, _, name = source.partition(":")
    return kind, name


def plan(rng: random.Random) -> list[tuple[str, str]]:
    """(split, case) for every task, in task-id order: each split's blocks, shuffled together."""
    rows = [(split, case) for split in SPLITS for _ in range(BLOCKS[split]) for case in BLOCK]
    rng.shuffle(rows)
    return rows


def _thread_item(frm: str, date: dt.date, subject: str, body: str) -> dict[str, Any]:
    return {"from": frm, "channel": "email", "date": date.isoformat(), "subject": subject, "body": body}


def _reply_subject(first_subject: str) -> str:
    return first_subject if first_subject.lower().startswith("re:") else f"Re: {first_subject}"


class NextMessageGenerator:
    """Builds one next-message row at a time from the programmatic world (prospects, signals, bench)."""

    def __init__(self, seed: int, *, cutoff: dt.date, canary: str, created_at: str):
        self.seed = seed
        self.cutoff = cutoff
        self.canary = canary
        self.created_at = created_at
        self.world = prg._Generator(seed, cutoff, canary, created_at)

    def _draft(self, index: int, split: str, segment: int, kind: str, scenario: str, rng: random.Random) -> prg._Draft:
        return prg._Draft(index, split, segment, kind, scenario, split == "held_out", random.Random(rng.getrandbits(64)))

    # -- engaged rows from the programmatic warm-reply scenarios ---------------------------------
    def _from_scenario(self, index: int, split: str, segment: int, case: str, scenario: str,
                       rng: random.Random) -> dict[str, Any]:
        for _attempt in range(60):
            d = self._draft(index, split, segment, "warm_reply", scenario, rng)
            row = self.world.build(d)
            prg._fill_deadline(row, d)
            ask = next(s for s in row["signals"] if s["id"] == "ask")
            if scenario == "engineers":
                stack = ask["facts"]["stack"][0]
                short = ask["facts"]["engineers_requested"] > row["bench"][stack]
                if short != (case == "engaged/staffing"):
                    continue
            row["_probes"] = list(row["metadata"]["probe_ids"])
            # The last item is the prospect's email reply (the interface's rule for this kind).
            reply, opener = row["thread"][-1], row["thread"][0]
            reply["channel"] = "email"
            reply["subject"] = _reply_subject(opener["subject"])
            return row
        raise RuntimeError(f"next-message task {index}: no {scenario} draw fits case {case} in 60 attempts")

    # -- other rows: a composed first email to a cold brief, then the prospect's reply (a pool
    # phrasing, or a client-reference or contract-terms request of this module) -------------------
    def _cold_base(self, index: int, split: str, segment: int, rng: random.Random) -> tuple[dict[str, Any], prg._Draft]:
        d = self._draft(index, split, segment, "cold", "cold_core", rng)
        row = self.world.build(d)
        row["_probes"] = list(row["metadata"]["probe_ids"])
        return row, d

    def _first_email(self, row: dict[str, Any], seed: int) -> dict[str, str]:
        from tenacious_bench.composer import compose_email
        from tenacious_bench.task import parse_task

        cold = {k: v for k, v in row.items() if not k.startswith("_")}
        first = compose_email(parse_task(cold, where=f"cold brief of {row['task_id']}"), seed=seed)
        if first["subject"].startswith("Request: 15 minutes on ") and not regex.search(r"\b15[- ]minute", first["body"]):
            # The subject must not promise a call the body never offers (coherence rule thread_references).
            first = {**first, "subject": "Question: " + first["subject"].removeprefix("Request: 15 minutes on ")}
        return first

    def _reply_text(self, d: prg._Draft, row: dict[str, Any], case_source: str, reply_date: dt.date) -> tuple[str, str]:
        """(reply body, phrasing id) for a pool case, in the prospect's voice."""
        kind, name = _parse_source(case_source)
        p = row["prospect"]
        sender = row["sender"]["first_name"]
        pool = "held_out" if d.held_out else "train"
        if kind == "pool":
            phrasings = pools.CORES[name][pool]
            core = d.rng.choice(phrasings)
            slots = rg._slots(d.rng, p, sender, reply_date)
            slots["company"] = p["company"]
            body = rg._compose(d.rng, name, core, pool, slots)
            return body, f"{name}#{hashlib.sha256(core.encode()).hexdigest()[:8]}"
        part = prg.held_out_part(OWN_POOLS[name], d.held_out)
        core = d.rng.choice(list(part))
        text = core.format(sender=sender, industry=row["metadata"]["generator"]["industry"])
        sign = d.rng.choice(("", "\n\n{first}", "\n\nThanks,\n{first}", "\n\nBest,\n{first}"))
        return text + sign.format(first=p["first_name"]), f"{name}#{hashlib.sha256(core.encode()).hexdigest()[:8]}"

    def _pool_row(self, index: int, split: str, segment: int, case: str, rng: random.Random, seed: int) -> dict[str, Any]:
        reply_class, _, _, source = CASES[case]
        row, d = self._cold_base(index, split, segment, rng)
        first = self._first_email(row, seed)
        t0 = dt.date.fromisoformat(row["as_of"])  # the first email went out on the brief's date
        gap = d.rng.randint(0, 9)
        if not d.held_out:
            gap = min(gap, (self.cutoff - dt.timedelta(days=1) - t0).days)
        reply_date = t0 + dt.timedelta(days=gap)
        body, phrasing = self._reply_text(d, row, source, reply_date)
        row["thread"] = [
            _thread_item("tenacious", t0, first["subject"], first["body"]),
            _thread_item("prospect", reply_date, _reply_subject(first["subject"]), body),
        ]
        row["as_of"] = reply_date.isoformat()
        # Only curious replies (the first email's signal) and the incumbent objection (the finding that
        # names the gap: a peer capability, a legacy stack or open roles where the brief has one, else
        # the first email's signal) require a signal.
        if case == "objection/incumbent":
            gaps = [s for s in row["signals"] if s["type"] in _GAP_TYPES]
            if gaps:
                best = min(gaps, key=lambda s: (_CONFIDENCE_ORDER.index(s["confidence"]), _GAP_TYPES.index(s["type"])))
                row["constraints"]["required_signals"] = [best["id"]]
        elif reply_class != "curious":
            row["constraints"]["required_signals"] = []
        row["_phrasing"] = phrasing
        if case == "objection/small_poc" and not any("starter" in b["name"] for b in row["pricing_bands"]):
            # The reply names the starter-project floor: the brief must hold that band.
            prices = next(pl for pl in prg.PRICE_LISTS if pl[0][1] == row["pricing_bands"][0]["usd_low"])
            starter = next(b for b in prices if "starter" in b[0])
            bands = {b["name"]: b for b in row["pricing_bands"]}
            bands[starter[0]] = {"name": starter[0], "usd_low": starter[1], "usd_high": starter[2], "unit": starter[3]}
            order = [b[0] for b in prices]
            row["pricing_bands"] = [bands[n] for n in order if n in bands]
        return row

    def build(self, index: int, split: str, case: str, rng: random.Random, seed: int) -> dict[str, Any]:
        reply_class, objection, handoff, source = CASES[case]
        segment = prg.SEGMENTS[(index - 1) % len(prg.SEGMENTS)]
        kind, name = _parse_source(source)
        if kind == "scenario":
            row = self._from_scenario(index, split, segment, case, name, rng)
            row["_phrasing"] = f"{name}#{hashlib.sha256(row['thread'][-1]['body'].encode()).hexdigest()[:8]}"
        else:
            row = self._pool_row(index, split, segment, case, rng, seed)
        return self._finish(row, index, split, case, reply_class, objection, handoff, rng)

    def _finish(self, row: dict[str, Any], index: int, split: str, case: str, reply_class: str,
                objection: str | None, handoff: str | None, rng: random.Random) -> dict[str, Any]:
        p = row["prospect"]
        probes = sorted({*row.pop("_probes"), _OBJECTION_PROBES.get(objection or "", _CASE_PROBES.get(reply_class, "N01")),
                         *(("N09",) if handoff else ())})
        constraints: dict[str, Any] = {
            "required_signals": row["constraints"]["required_signals"],
            "forbidden_phrases": row["constraints"]["forbidden_phrases"],
            "reply_class": reply_class,
        }
        if objection:
            constraints["objection"] = objection
        if handoff:
            constraints["handoff"] = handoff
        industry = row["metadata"]["generator"]["industry"]
        difficulty = ("hard" if handoff or objection or case == "hard_no/contact_correction"
                      else "easy" if reply_class in ("curious", "hard_no") else "medium")
        metadata: dict[str, Any] = {
            "created_at": self.created_at,
            "probe_ids": probes,
            "difficulty": difficulty,
            "generator": {"name": "next_message", "version": GENERATOR_VERSION, "seed": self.seed, "case": case,
                          "industry": industry, "phrasing": row.pop("_phrasing")},
        }
        if split == "held_out":
            metadata["canary"] = self.canary
        instruction = rng.choice(INSTRUCTIONS).format(first=p["first_name"], last=p["last_name"], company=p["company"])
        return {
            "task_id": f"{TASK_ID_PREFIX}{index:04d}",
            "schema_version": "1.1",
            "split": split,
            "source_mode": "programmatic",
            "kind": "next_message",
            "as_of": row["as_of"],
            "segment": row["segment"],
            "prospect": p,
            "sender": row["sender"],
            "signals": row["signals"],
            "ai_maturity": row["ai_maturity"],
            "bench": row["bench"],
            "pricing_bands": row["pricing_bands"],
            "thread": row["thread"],
            "instruction": instruction,
            "constraints": constraints,
            "metadata": metadata,
        }


def generate_next_message_rows(seed: int, *, cutoff: dt.date, canary: str, created_at: str,
                               ) -> list[dict[str, Any]]:
    """Every next-message row (no reference yet), ids TB-NXT-0001..., in id order."""
    rng = random.Random(f"next_message:{seed}")
    gen = NextMessageGenerator(seed, cutoff=cutoff, canary=canary, created_at=created_at)
    rows = []
    for index, (split, case) in enumerate(plan(rng), 1):
        child = random.Random(rng.getrandbits(64))
        rows.append(gen.build(index, split, case, child, seed))
    return rows
