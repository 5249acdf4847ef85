"""The dataset card (Hugging Face dataset-card format), generated from the actual rows.

Every count and variety figure in the card is computed here from the rows being written, so the card
cannot drift from the files (a test re-derives the counts from the shipped JSONL).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import regex

from tenacious_bench.authoring.programmatic import GENERATOR_VERSION, PROBES
from tenacious_bench.task import parse_task

NGRAM = 8
_MASK_CAPS = regex.compile(r"\b\p{Lu}[\p{L}'’\-]*")
_MASK_NUM = regex.compile(r"\$?\d[\d,.]*(?:[kKmMbB]\b)?%?")
_WORD = regex.compile(r"[\p{L}\p{N}$%']+")


def masked_frame(text: str, values: list[str] = ()) -> str:
    """A phrasing with its fill-ins masked: given values (facts, anchors), capitalised words, numbers."""
    for v in sorted((v for v in values if v), key=len, reverse=True):
        text = text.replace(v, "X")
    return _MASK_NUM.sub("#", _MASK_CAPS.sub("X", text))


def _signal_values(s: dict[str, Any]) -> list[str]:
    out = list(s["anchors"])
    for v in s["facts"].values():
        out += [x for x in (v if isinstance(v, list) else [v]) if isinstance(x, str)]
    return out


def variety(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Distinct masked phrasings per signal type and per thread-message sender, and the 8-gram share."""
    from tenacious_bench.prompts import render_brief

    per_type: dict[str, set[str]] = {}
    per_type_n: Counter[str] = Counter()
    for r in rows:
        for s in r["signals"]:
            per_type.setdefault(s["type"], set()).add(masked_frame(s["text"], _signal_values(s)))
            per_type_n[s["type"]] += 1
    thread: dict[str, set[str]] = {}
    thread_n: Counter[str] = Counter()
    for r in rows:
        for m in r["thread"]:
            key = f"{m['from']} {m['channel']}"
            # The first sentence after the greeting is the frame a reader notices first.
            thread.setdefault(key, set()).add(masked_frame(m["body"]))
            thread_n[key] += 1
    total = 0
    distinct: set[tuple[str, ...]] = set()
    for r in rows:
        words = [w.lower() for w in _WORD.findall(render_brief(parse_task(r)))]
        grams = [tuple(words[i:i + NGRAM]) for i in range(len(words) - NGRAM + 1)]
        total += len(grams)
        distinct.update(grams)
    return {
        "signal_phrasings": {t: (len(per_type[t]), per_type_n[t]) for t in sorted(per_type)},
        "thread_phrasings": {k: (len(thread[k]), thread_n[k]) for k in sorted(thread)},
        "distinct_8gram_share": (len(distinct) / total) if total else 0.0,
        "ngrams_total": total,
        "ngrams_distinct": len(distinct),
        "companies": len({r["prospect"]["company"] for r in rows}),
        "locations": len({r["prospect"]["location"] for r in rows}),
        "employees_min": min(r["prospect"]["employees"] for r in rows),
        "employees_max": max(r["prospect"]["employees"] for r in rows),
        "as_of_min": min(r["as_of"] for r in rows),
        "as_of_max": max(r["as_of"] for r in rows),
    }


def counts(by_split: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """Row counts per split and per (split, field value) for the card and its test."""
    out: dict[str, Any] = {"rows": {s: len(rs) for s, rs in by_split.items()}}
    for field in ("segment", "kind", "source_mode"):
        out[field] = {s: dict(sorted(Counter(str(r[field]) for r in rs).items())) for s, rs in by_split.items()}
    out["difficulty"] = {s: dict(sorted(Counter(r["metadata"]["difficulty"] for r in rs).items()))
                         for s, rs in by_split.items()}
    return out


def previous_ids(version: str = "1.1") -> set[str]:
    """Task ids of a frozen earlier version (empty if it is not shipped)."""
    import json

    from tenacious_bench.dataset import SPLITS, VERSIONS, package_data_dir

    if version not in VERSIONS:
        return set()
    folder = package_data_dir(version)
    return {json.loads(line)["task_id"] for s in SPLITS if (folder / f"{s}.jsonl").is_file()
            for line in (folder / f"{s}.jsonl").read_text(encoding="utf-8").splitlines()}


def additions(by_split: dict[str, list[dict[str, Any]]]) -> dict[str, dict[str, int]]:
    """Per split: rows with other threads, zero-signal rows, and the rows added since 1.1 (ids 1.1 lacks)."""
    before = previous_ids("1.1")

    def added(r: dict[str, Any]) -> bool:
        return r["task_id"] not in before

    return {
        s: {
            "other_threads": sum(1 for r in rs if r.get("other_threads")),
            "zero_signal": sum(1 for r in rs if not r["constraints"]["required_signals"]),
            "added": sum(1 for r in rs if added(r)),
            "added_other_threads": sum(1 for r in rs if added(r) and r.get("other_threads")),
            "added_zero_signal": sum(1 for r in rs if added(r) and not r.get("other_threads")
                                     and not r["constraints"]["required_signals"]),
            "added_hand_authored": sum(1 for r in rs if added(r) and r["source_mode"] == "hand_authored"),
        }
        for s, rs in by_split.items()
    }


def _table(title: str, data: dict[str, dict[str, int]], splits: list[str]) -> str:
    values = sorted({v for d in data.values() for v in d})
    lines = [f"| {title} | " + " | ".join(splits) + " | total |", "|---" * (len(splits) + 2) + "|"]
    for v in values:
        cells = [data[s].get(v, 0) for s in splits]
        lines.append(f"| {v} | " + " | ".join(str(c) for c in cells) + f" | {sum(cells)} |")
    return "\n".join(lines)


def hub_configs(data_files: dict[str, str]) -> list[str]:
    """The front matter's `configs` lines (Hub metadata): one default config, a file pattern per split."""
    lines = ["configs:", "- config_name: default", "  default: true", "  data_files:"]
    lines += [f"  - split: {split}\n    path: {path}" for split, path in data_files.items()]
    return lines


def usage_section(repo_id: str | None = None) -> str:
    """The card's "Usage" section: load by Hub id at a pinned revision, run both harnesses on it."""
    rid = repo_id or "ORG/NAME"
    return f"""## Usage

Pin the revision: load by the commit sha that `tenacious-bench publish dataset` printed (or the
repo's commit history shows). A branch such as `main` moves when the dataset is republished, so an
unpinned load can silently change the tasks between two runs and make scores incomparable.

```python
import datasets
from tenacious_bench.hub.dataset import load_hub_tasks

rows = datasets.load_dataset("{rid}", split="held_out", revision="COMMIT_SHA")
tasks = load_hub_tasks("{rid}", "held_out", revision="COMMIT_SHA")  # validated task objects
```

```bash
inspect eval tenacious_bench/outreach --model MODEL -T dataset={rid} -T revision=COMMIT_SHA
lm_eval --model hf --model_args pretrained=MODEL --tasks tenacious --apply_chat_template \\
  --metadata '{{"hub_dataset": "{rid}", "hub_revision": "COMMIT_SHA"}}'
```

The package (`pip install tenacious-bench`) ships the same tasks and works offline; the Hub copy is
an optional source. Rows are the task objects of `task-format.md`; in parquet, map fields (`facts`,
`bench`, `metadata.generator`) hold every key of the split with null for the keys a row lacks, and
`tenacious_bench.hub.rows.task_dict` drops those nulls. Beside the data, the Hub repo holds
`task.schema.json` (the JSON Schema of a row), `style_guide.yaml` (the style guide the scorer uses)
and `tenacious_bench_manifest.json` (dataset version and the sha256 of every file).
"""


def _problems_of_version(version: str) -> int:
    """Coherence problems of a shipped earlier version (its frozen files), for the changelog."""
    from tenacious_bench.coherence import dataset_problems
    from tenacious_bench.dataset import SPLITS, load_split

    return len(dataset_problems([t for s in SPLITS for t in load_split(s, version=version)]))


def review_section() -> str:
    """The task-quality review's rounds, from the shipped `review.json` beside the data (empty if none)."""
    import json

    from tenacious_bench.dataset import package_data_dir

    path = package_data_dir() / "review.json"
    if not path.is_file():
        return ""
    review = json.loads(path.read_text())
    rows = "\n".join(
        f"| {r['round']} | {r['generator']} | {r['reviewers']} | {r['held_out'][0]}/{r['held_out'][1]} "
        f"({r['held_out'][0] / r['held_out'][1]:.0%}) | {r['train'][0]}/{r['train'][1]} "
        f"({r['train'][0] / r['train'][1]:.0%}) | `{r['ratings']}` |"
        for r in review["rounds"]
    )
    return f"""## Task-quality review

{review["protocol"]}

| round | generator | reviewers | held-out at 4+ on all three | train at 4+ on all three | ratings |
|---|---|---|---|---|---|
{rows}
"""


def next_message_section(rows: dict[str, list[dict[str, Any]]]) -> str:
    """The card's section on the next-message tasks (their rows by split), counts from the rows."""
    from tenacious_bench.next_message import counts_table

    tasks = {s: [parse_task(r) for r in rs] for s, rs in rows.items()}
    n = {s: len(rs) for s, rs in rows.items()}
    return f"""## Next-message tasks

{sum(n.values())} tasks of kind `next_message` (schema 1.1) in `next_message/` ({", ".join(f"{s} {k}" for s, k in n.items())}),
with their own `next_message/manifest.json` (generator, seed, each file's sha256); loaded by
`tenacious_bench.next_message.load_next_message_split(split)`, run by the Inspect task
`tenacious_bench/next_message` and the lm-eval task `tenacious_next_message`. (They are no config of this
card: held-out rows carry metadata keys train rows lack, and the JSON loader casts every split to the
first file's schema; `datasets.load_dataset("json", data_files=...)` reads one split at a time.) The thread ends with the prospect's reply to our first email; the model writes the
next message, or answers exactly `NO_REPLY` when the rules say to send nothing (a hard no).
`constraints.reply_class` names the class (`engaged`, `curious`, `soft_defer`, `objection`, `hard_no`; the
prompt does not), `constraints.objection` the objection type (`price`, `incumbent`, `small_poc`, `offshore`;
exactly on objections) and `constraints.handoff` (optional) the hand-off trigger the reply holds
(`price_outside_bands`, `total_contract`, `staffing`, `client_reference`, `legal_terms`). Word limits come by
class from the style-guide file (150 / 90 / 60; an objection the warm-reply limit). Ids `TB-NXT-####`.
Sealed like the email tasks: held-out dates on or after the cutoff, the canary, no reference (its sha256 in
`metadata.reference_sha256`; on hard-no tasks the reference is `{{"subject": "", "body": "NO_REPLY"}}`);
train and dev references are the composer's, verified by the scorer. Every class and objection type is in
every split:

{counts_table(tasks)}
"""


def render_card(by_split: dict[str, list[dict[str, Any]]], *, seed: int,
                data_files: dict[str, str] | None = None, repo_id: str | None = None,
                next_message: dict[str, list[dict[str, Any]]] | None = None) -> str:
    """The card; `data_files` (split -> path pattern) defaults to the shipped `{split}.jsonl` files
    (then each frozen earlier version's files are a config of their own: `v1.0`, `v1.1`);
    `next_message` (their rows by split) adds the next-message section."""
    from tenacious_bench.dataset import CANARY, CUTOFF, DATASET_VERSION, DEFAULT_VERSION, VERSIONS

    splits = list(by_split)
    all_rows = [r for rs in by_split.values() for r in rs]
    c = counts(by_split)
    v = variety(all_rows)
    n = len(all_rows)
    from tenacious_bench.task import KNOWN_FACT_TYPES

    extra_keys = sorted({k for r in all_rows for s in r["signals"] for k in s["facts"]} - set(KNOWN_FACT_TYPES))
    probe_counts = Counter(p for r in all_rows for p in r["metadata"]["probe_ids"])
    conf_counts = Counter(s["confidence"] for r in all_rows for s in r["signals"])
    zero = sum(1 for r in all_rows if not r["constraints"]["required_signals"])
    add = additions(by_split)
    add_table = "\n".join(
        f"| {label} | " + " | ".join(str(add[sp][key]) for sp in splits) + f" | {sum(add[sp][key] for sp in splits)} |"
        for label, key in (("rows with other threads", "other_threads"), ("zero-signal rows", "zero_signal"),
                           ("added in 1.2", "added"), ("added: other threads", "added_other_threads"),
                           ("added: zero-signal briefs", "added_zero_signal"),
                           ("added: hand-authored", "added_hand_authored"))
    )
    next_line = (f"- {sum(len(v) for v in next_message.values())} next-message tasks in `next_message/` "
                 f"({', '.join(f'{k} {len(v)}' for k, v in next_message.items())}; section above).\n"
                 if next_message else "")
    add_header = "| rows | " + " | ".join(splits) + " | total |\n" + "|---" * (len(splits) + 2) + "|"
    forbidden = sum(1 for r in all_rows if r["constraints"]["forbidden_phrases"])
    size_line = "n<1K" if n < 1000 else "1K<n<10K"
    header = "\n".join([
        "---",
        "license: cc-by-4.0",
        "language:",
        "- en",
        "pretty_name: Tenacious-Bench",
        "size_categories:",
        f"- {size_line}",
        "task_categories:",
        "- text-generation",
        "tags:",
        "- sales-outreach",
        "- email-generation",
        "- mechanical-scoring",
        "- benchmark",
        *hub_configs(data_files or {s: f"{s}.jsonl" for s in splits}),
        *(
            []
            if data_files
            else [line for v in VERSIONS if v != DEFAULT_VERSION for line in
                  (f"- config_name: v{v}", "  data_files:", *[f"  - split: {s}\n    path: {v}/{s}.jsonl" for s in splits])]
        ),

        "---",
    ])
    sig_lines = "\n".join(f"| {t} | {d} | {k} |" for t, (d, k) in v["signal_phrasings"].items())
    thr_lines = "\n".join(f"| {t} | {d} | {k} |" for t, (d, k) in v["thread_phrasings"].items())
    from tenacious_bench.coherence import RULES, dataset_problems, sentence_stats

    refs = sentence_stats([parse_task(r) for r in all_rows if r.get("reference")], top=8)
    ref_lines = "\n".join(f"| {k} | {share:.1%} | {text} |" for text, k, share in refs["most_frequent"])
    rule_lines = "\n".join(f"- `{r.name}`: {r.description}." for r in RULES)
    own_problems = len(dataset_problems([parse_task(r) for r in all_rows]))
    old_problems = _problems_of_version("1.0")
    review_section_text = review_section()
    probe_lines = "\n".join(f"| {p} | {PROBES.get(p, '(hand-authored probe id)')} | {probe_counts[p]} |"
                            for p in sorted(probe_counts))
    body = f"""
# Tenacious-Bench v{DATASET_VERSION}

A mechanically scored benchmark for models that write sales-outreach emails for Tenacious
Intelligence Corporation from a prospect brief. Each row is one task in the format of
`task-format.md` (prospect, ICP segment, signals with confidences and anchors, AI maturity,
available engineers per stack, public pricing bands, prior thread, constraints). An email is scored
by five checks (`banned_phrases`, `format`, `grounding`, `honesty`, `one_ask`); pass@1 is all five.

**Canary.** Every held-out row carries this string in `metadata.canary`. Do not train on rows that
carry it; the project's training-data builders refuse them.

`{CANARY}`

{usage_section(repo_id)}
## Splits and sealing

| split | rows |
|---|---|
""" + "\n".join(f"| {s} | {c['rows'][s]} |" for s in splits) + f"""
| total | {n} |

- **Time shift.** Cutoff: **{CUTOFF.isoformat()}**. Every date of a held-out row (`as_of`, signal
  dates, thread dates, other threads' dates) is on or after the cutoff; every date of a train or dev
  row is before it.
- **Phrasing hold-out.** Programmatic held-out rows draw their signal texts, confidence qualifiers
  and prospect replies only from the last third of each phrasing pool, which train and dev never use.
- **References.** Train and dev rows carry a `reference` email that passes all five checks (the
  hand-written one for hand-authored rows, otherwise the composer's). Held-out rows carry no
  reference; `metadata.reference_sha256` is the sha256 of the withheld composer email, serialised as
  compact UTF-8 JSON `{{"body": ..., "subject": ...}}` with sorted keys. The composer passes the scorer
  on every task of every split, which shows each task is solvable.
- **Stratification.** Every segment, kind and source mode in the data appears in held-out.

{_table("segment", c["segment"], splits)}

{_table("kind", c["kind"], splits)}

{_table("source_mode", c["source_mode"], splits)}

{_table("difficulty", c["difficulty"], splits)}

## Authoring modes

- `programmatic`: seeded sweeps (`tenacious_bench/authoring/programmatic.py`, generator
  v{GENERATOR_VERSION}, seed {seed}) over fictional companies, people, industries, cities and dates,
  with signals of every type and probe dimensions listed below. Each row's
  `metadata.generator.version` names the generator version that first produced it: the 440-task
  sweep is generated exactly as by 1.3.0 (so 1.1's rows stay byte-identical) and keeps `1.3.0`; the
  rows added in 1.2 carry `{GENERATOR_VERSION}`; they come from a seeded stream of their own, so
  they shift none of the sweep's draws.
- `hand_authored`: adversarial tasks written by hand (`tenacious_bench/authoring/hand_authored.jsonl`),
  each tempting a specific failure (see `metadata.notes`).
- `trace_derived` and `llm_synthesis`: tooling exists in `tenacious_bench/authoring/`; this release
  contains no rows of these modes.

Regenerate the files exactly with `tenacious-bench build-dataset --seed {seed}`;
`tenacious-bench build-dataset --seed {seed} --check` rebuilds into a temporary folder and compares
sha256 hashes with `manifest.json`.

## Probes

| probe | what it tests | rows |
|---|---|---|
{probe_lines}

Signal confidences: {", ".join(f"{k} {conf_counts[k]}" for k in ("high", "medium", "low", "very_low"))}.
Rows with no required signal (zero-signal or pure value-add): {zero}. Rows with task-specific
forbidden phrases: {forbidden}.

## Variety

Measured on all {n} rows. A phrasing is counted once per distinct *masked frame* (the text with its
fact values, anchors, capitalised words and numbers masked), so a name, number or capability swap
does not count as a new phrasing.

| signal type | distinct phrasings | signals |
|---|---|---|
{sig_lines}

| thread message (from, channel) | distinct phrasings | messages |
|---|---|---|
{thr_lines}

- Share of distinct 8-grams across rendered briefs (`render_brief`, lower-cased words):
  **{v["distinct_8gram_share"]:.3f}** ({v["ngrams_distinct"]} distinct of {v["ngrams_total"]}).
- {v["companies"]} distinct companies in {v["locations"]} locations (US, EU and elsewhere); company
  sizes {v["employees_min"]} to {v["employees_max"]} employees; `as_of` dates {v["as_of_min"]} to
  {v["as_of_max"]}.

## References

{refs["references"]} references (train and dev) hold {refs["sentences"]} sentences (greeting and signature
left out), **{refs["distinct"]} distinct (share {refs["distinct_share"]:.3f})**. No sentence appears in more
than 5% of the references (a test holds this); the most frequent:

| references | share | sentence |
|---|---|---|
{ref_lines}

{review_section_text}
## Coherence rules

`tenacious-bench validate --dataset [DIR]` checks every row with these rules (this release: {own_problems}
problems; version 1.0: {old_problems}):

{rule_lines}

## Other threads and zero-signal briefs

{add_header}
{add_table}

- **Other threads** (schema 1.1, `other_threads`): a list of threads, each a list of thread items
  (`from`, `channel`, `date`, `subject`, `body`, as in `thread`), that Tenacious holds with *another
  person* at the prospect's company: our first email to a colleague of the prospect and the
  colleague's answer, which names facts of its own (a named project, a team size of a kind the
  bench does not list, a month), signed with the colleague's name and title. The email must not
  refer to them (`../shared/domain/replies.md`, "Several threads at one company"): naming one of
  their facts fails `honesty` with a reason naming the other thread (`other_thread`). A row with
  other threads declares `"schema_version": "1.1"`; every other row stays `"1.0"`. Probe `P25`.
  Coherence rules `other_thread_person`, `other_thread_facts` and `other_thread_dates` (below) hold
  them to another person at the same company, with facts distinct from the task's signals, dated
  before `as_of` (and on the split's side of the cutoff).
- **Zero-signal briefs** (no required signal; the `zero_signal=yes` slice of both harnesses): only
  unrequired weak signals (the segment's own signal as a low or very low confidence rumour, sometimes
  noise beside it); nothing may be named as fact and nothing invented.

{next_message_section(next_message) if next_message else ""}
## Versions and changelog

Version 1.2 is the default (`load_split(split)`, `-T version=1.2`, config `default`); versions 1.1 and
1.0 stay loadable and scorable, each frozen with its own manifest and card in `1.1/` and `1.0/`
(`load_split(split, version="1.1")`, `-T version=1.1`, lm-eval `--metadata '{{"dataset_version": "1.1"}}'`,
`datasets.load_dataset(DIR, "v1.1")`; the same with 1.0), so results on them stay comparable. The
canary, the cutoff and the seed are unchanged in every version.

**1.2** (generator {GENERATOR_VERSION}): every row of 1.1 is in 1.2 byte for byte (ids, briefs,
references, hashes of withheld references, canary), in the same split; 1.2 adds
{sum(add[sp]["added"] for sp in splits)} email tasks numbered after them
({", ".join(f"{sp} {add[sp]['added']}" for sp in splits)}; {sum(add[sp]["added_hand_authored"] for sp in splits)} of them hand-authored):
- {sum(add[sp]["added_other_threads"] for sp in splits)} email tasks whose company has another thread
  with another person there ({", ".join(f"{sp} {add[sp]['added_other_threads']}" for sp in splits)}):
  programmatic cold, warm-reply and re-engagement tasks of the usual scenarios and hand-authored ones
  whose other thread is bait (see `metadata.notes`), each with one other thread; train and dev
  references pass all five checks with the other-thread rule in force.
- {sum(add[sp]["added_zero_signal"] for sp in splits)} cold zero-signal briefs
  ({", ".join(f"{sp} {add[sp]['added_zero_signal']}" for sp in splits)}): held-out now holds
  {add["held_out"]["zero_signal"] if "held_out" in add else 0} tasks with no required signal (1.1: 5).
{next_line}- Three coherence rules for other threads; `channel_consistent` also covers their messages.
- The contamination checker also reads other threads (text and dates) and the reply-classification
  items (held-out items against train and dev items).

**1.1** (generator 1.3.0; 1.1.0 before the round-1 task-quality review, 1.2.0 before round 2). Task ids
of 1.0 are kept: every id keeps its split, segment, kind and scenario (most keep their company too),
while its brief is regenerated with the fixes below, so details and probe sets can differ; compare
results within one version.
- Every segment label rests on a signal of its type: zero-signal briefs now carry the segment's
  own signal as an unrequired rumour (low confidence; never very low, rule `segment_framing`), and warm replies, referrals and
  AI-gating briefs always carry it (was: 103 rows with a label no signal supported).
- Hedged signals never cite the company's own statement, and qualifiers name no source of their
  own (was: "Company statement ... Seen in one dataset only").
- A recipient's own start in a role precedes every thread message addressed to them in it; a new
  leader in a re-engagement is someone else; a low-confidence leadership signal is never about the
  recipient.
- Thread templates: no "how other teams handled it"; a "15 minutes" subject only on an email that
  offers 15 minutes.
- Below-band price requests always state the commitment length the anchor names, and the signal
  text states only what the prospect wrote.
- At least two engineers per request (no "1 data engineers" anchors).
- Company names: no tripled letters or compounds over 12 letters, peers never share a stem with
  each other or the prospect; funding rounds and amounts fit the company's size.
- Hand-authored: TB-HND-0001 (size), 0005, 0028, 0035 (a rumour behind the segment, now low
  confidence), 0008, 0023 (sources).
- After the round-1 task-quality review (generator 1.2.0, ids and splits unchanged): a qualifier
  claiming one source never sits on a text citing several; our earlier emails name no product the
  brief lacks and offer a delivery lead on request (not "with every team"); a new leader who is
  not the recipient never holds a title of the recipient's rank; "Health" names only in health
  industries, country-code domains only in their country, no "...ai.ai" and no .ai at AI maturity
  0; no SOC 2, HIPAA or GxP read off repos or webinars; a total-price request names its project
  and engineer count, and every number a signal's facts hold is in the prompt; LinkedIn messages
  carry no subject and the instruction names the channel; a leaked source is never high
  confidence.
- After the round-2 review (generator 1.3.0, ids and splits unchanged): a dated, named, public
  source (press, a blog, webinars, public repos) is never hedged as a data error, rumour or
  unverified (rule `qualifier_fit`); a new leader under a C-level or head-of-engineering recipient
  is a director, not an overlapping head role; a reply to a request requires only the request
  (the segment signal stays as unrequired context, rule `warm_required`).
- References: the company's sentences come from the style guide's `company_profile` and vary
  (distinct-sentence share above; 1.0: the most frequent sentence was in 19% of references); no
  reference states a fact twice in adjacent sentences, names a fact the brief lacks (a migration
  target only the hidden facts held) or asks a warm prospect for the need they just stated.

**1.0**: the first release (476 tasks).

## Fields added to the contract

`other_threads` (schema 1.1, above), `metadata.canary` (held-out only), `metadata.reference_sha256`
(held-out only), `metadata.generator` (programmatic rows: generator name, the version that first
produced the row, seed, scenario and industry) and `metadata.notes` (hand-authored rows). Signal fact keys beyond the contract's known keys (each keeps
one type across the files): {", ".join(f"`{k}`" for k in extra_keys)}.

## Known limitations

- All companies, people, investors and events are fictional; the briefs are realistic in shape but
  not drawn from real prospects.
- Programmatic briefs come from phrasing pools; the masked-frame counts above bound how many
  sentence frames a model can see. Held-out frames are disjoint from train frames by construction,
  but share vocabulary.
- References are composed by a template composer verified only by the five mechanical checks; they
  are correct but plainer than a strong human writer's emails, and rules no check covers (tone,
  segment-framing quality) are not verified.
- The data is English only, and the style guide is Tenacious's; scores transfer to other companies
  only with their own style-guide file.
- The scorer is mechanical: a passing email can still be unconvincing, and the checks have known
  edge cases documented in the project README.

## License

CC-BY-4.0 for the data. The code that generates and scores it is Apache-2.0.
"""
    return header + "\n" + body
