"""The one detector of "this sentence names that signal", shared by grounding and honesty.

task-format.md: a sentence names a signal through one of its anchors, or by restating one of the
signal's own specific facts: a fact number with its noun or unit ("about 95 roles", "$14M"), or a
named fact (a leader's or a peer company's name). When the signal is about the reader (a leadership
change whose leader is the prospect), a second-person sentence about that change names it
("Congratulations on joining Wrengate as VP of Engineering").

Cue words of the signal's type ("your raise", "joining as CTO") are a weaker kind of mention:
honesty's confidence rules apply to them, but they never count as naming for grounding
("recent activity" is not grounding).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING

import regex

from tenacious_bench.numbers import canonical_tokens, contains_sequence, find_numbers, stem
from tenacious_bench.task import Signal, Task
from tenacious_bench.text import normalize

if TYPE_CHECKING:
    from tenacious_bench.scoring import EmailView

NAMING = ("anchor", "fact", "reader")

# Unit nouns a number fact is restated with, by fact key ("7 open roles", "a 12% cut").
_KEY_NOUNS: dict[str, tuple[str, ...]] = {
    "open_roles": ("role", "opening", "position", "posting", "req", "requisition", "job", "engineer", "hire"),
    "previous_open_roles": ("role", "opening", "position", "posting", "req", "requisition", "job"),
    "headcount": ("people", "person", "employee", "role", "job", "position", "staff", "engineer", "head"),
    "engineers_requested": ("engineer", "developer", "people", "dev", "hire", "senior", "junior", "person"),
    "window_days": ("day",),
    "start_within_days": ("day",),
    "days": ("day",),
    "weeks": ("week",),
    "months": ("month",),
}
_STOP = frozenset(
    ["a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "with", "from", "by", "our", "your", "their", "its", "open", "new", "this", "that", "these", "those"]
)
_CONTENT = regex.compile(r"\p{L}{3,}")
_LETTERS = regex.compile(r"\p{L}+")
_MONTH_BEFORE = regex.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s*$"
)
_SECOND_PERSON = regex.compile(r"\b(?:you|your|yours|yourself|congratulations|congrats|welcome)\b")


@dataclass(frozen=True)
class Mention:
    signal: str
    sentence: int  # index into EmailView.sentences
    how: str  # "anchor" | "fact" | "reader" | "cue"
    words: str  # what counted, as found in the normalised sentence


@dataclass(frozen=True)
class _SignalFacts:
    anchors: tuple[tuple[str, ...], ...]
    numbers: frozenset[float]
    money: frozenset[float]
    percents: frozenset[float]
    nouns: frozenset[str]  # stemmed words a fact number may be followed by
    names: tuple[tuple[str, ...], ...]  # token sequences of named facts (full name, surname, first name)
    reader: bool  # the signal is about the prospect themselves
    reader_title: tuple[str, ...]  # tokens of the reader's new title ("vp of engineering")


def _signal_facts(task: Task, s: Signal) -> _SignalFacts:
    anchors = tuple(tuple(t) for a in s.anchors if (t := canonical_tokens(normalize(a))))
    numbers: set[float] = set()
    money: set[float] = set()
    percents: set[float] = set()
    nouns: set[str] = set()
    names: list[tuple[str, ...]] = []
    for key, v in s.facts.items():
        values = v if isinstance(v, list) else [v]
        for x in values:
            if isinstance(x, bool):
                continue
            if isinstance(x, int | float):
                if key == "amount_usd" or key.endswith("_usd"):
                    money.add(float(x))
                elif key == "percent" or key.endswith("_percent"):
                    percents.add(float(x))
                else:
                    numbers.add(float(x))
                    nouns.update(_KEY_NOUNS.get(key, ()))
            elif key in ("leader_name", "peers") or key.endswith("_name"):
                toks = canonical_tokens(normalize(x))
                if toks:
                    names.append(tuple(toks))
                    # A person or company is also named by a distinctive part ("Yuki", "Mensah").
                    names.extend((t,) for t in toks if len(t) >= 4 and t not in _STOP)
            elif key not in ("round", "stack"):
                nouns.update(stem(w) for w in _CONTENT.findall(normalize(x)) if w not in _STOP)
    p = task.prospect
    leader = normalize(str(s.facts.get("leader_name", "")))
    reader = s.type == "leadership_change" and (
        leader == normalize(f"{p.first_name} {p.last_name}") or (not leader and _same_title(s, p.title))
    )
    title = str(s.facts.get("leader_title", p.title if reader else ""))
    reader_title = tuple(canonical_tokens(normalize(title)))
    return _SignalFacts(
        anchors,
        frozenset(numbers),
        frozenset(money),
        frozenset(percents),
        frozenset(nouns),
        tuple(names),
        reader,
        reader_title,
    )


def _same_title(s: Signal, title: str) -> bool:
    return normalize(str(s.facts.get("leader_title", ""))) == normalize(title)


def signal_facts(task: Task, s: Signal) -> _SignalFacts:
    from tenacious_bench.scoring import task_cached

    return task_cached(task, "signal_facts", lambda t: {x.id: _signal_facts(t, x) for x in t.signals})[s.id]


def anchor_token_lists(task: Task, s: Signal) -> list[list[str]]:
    """The canonical token sequences of a signal's anchors ("$14M" -> ["$14000000"])."""
    return [list(a) for a in signal_facts(task, s).anchors]


def _fact_mention(text: str, tokens: list[str], f: _SignalFacts) -> str | None:
    for n in find_numbers(text):
        if _MONTH_BEFORE.search(text[max(0, n.start - 12) : n.start]):
            continue  # a day of a month ("October 6") is a date, not a count
        if n.kind == "money" and n.value in f.money:
            return n.text.strip()
        if n.kind == "percent" and n.value in f.percents:
            return n.text.strip()
        if n.kind in ("count", "money") and n.value in f.numbers and f.nouns:
            following = [stem(w) for w in _LETTERS.findall(text[n.end : n.end + 60])[:4]]
            if f.nouns & set(following[:4]):
                return text[n.start : n.end + 60].split(".")[0][:60].strip()
    for name in f.names:
        if contains_sequence(tokens, list(name)):
            return " ".join(name)
    return None


def _reader_mention(view: EmailView, text: str, f: _SignalFacts, s: Signal) -> str | None:
    """A sentence about the reader's own move: a second-person leadership cue, or their new title with
    "you", the company's name or the month of the move ("Starting as VP of Engineering at Loomforge
    in October")."""
    if not f.reader:
        return None
    second = _SECOND_PERSON.search(text) is not None
    cue = view.guide.honesty_set("reader_change_cues").find(text) if second else []
    if cue:
        return text[cue[0].start : cue[0].end]
    titled = f.reader_title and contains_sequence(canonical_tokens(text), list(f.reader_title))
    if titled and (second or _company_word(view.task) in text or _month_of(s, text)):
        return " ".join(f.reader_title)
    return None


def _company_word(task: Task) -> str:
    from tenacious_bench.scoring import task_cached

    return task_cached(task, "company_word", lambda t: (normalize(t.prospect.company).split() or [""])[0])


_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december")


def _month_of(s: Signal, text: str) -> bool:
    if not s.date:
        return False
    name = _MONTHS[int(s.date[5:7]) - 1]
    return _month_pattern(name).search(text) is not None


@functools.lru_cache(maxsize=64)
def _month_pattern(name: str) -> regex.Pattern[str]:
    return regex.compile(rf"\b(?:in|on|since|from|this|last|early|late|mid)[ -](?:\w+ )?{name}\b")


@functools.lru_cache(maxsize=1024)
def _day_pattern(month: str, day: int) -> regex.Pattern[str]:
    return regex.compile(rf"\b{month} {day}\b|\b{day} {month}\b")


def _dated_event(view: EmailView, text: str, s: Signal) -> str | None:
    """A cue word of the signal's type with the signal's own date: "your reduction in force on October 8"."""
    if not s.date:
        return None
    cues = view.guide.invented_signal_cues.get(s.type)
    if cues is None:
        return None
    hits = cues.find(text)
    if not hits:
        return None
    month, day = _MONTHS[int(s.date[5:7]) - 1], int(s.date[8:10])
    dated = _day_pattern(month, day).search(text)
    return f"{text[hits[0].start : hits[0].end]} ... {dated.group(0)}" if dated else None


def find_mentions(view: EmailView) -> tuple[Mention, ...]:
    """Every (signal, sentence) mention in the writer's body, the strongest kind per pair (computed
    once per email; grounding and honesty read the same result)."""
    cached = view.__dict__.get("_mentions")
    if cached is None:
        cached = view.__dict__["_mentions"] = _find_mentions(view)
    return cached


def _find_mentions(view: EmailView) -> tuple[Mention, ...]:
    task, out = view.task, []
    for i, s in enumerate(view.sentences):
        tokens = list(s.tokens)
        for sig in task.signals:
            f = signal_facts(task, sig)
            hit = next((a for a in f.anchors if contains_sequence(tokens, list(a))), None)
            if hit is not None:
                out.append(Mention(sig.id, i, "anchor", " ".join(hit)))
                continue
            fact = _fact_mention(s.text, tokens, f)
            if fact is not None:
                out.append(Mention(sig.id, i, "fact", fact))
                continue
            reader = _reader_mention(view, s.text, f, sig)
            if reader is not None:
                out.append(Mention(sig.id, i, "reader", reader))
                continue
            dated = _dated_event(view, s.text, sig)
            if dated is not None:
                out.append(Mention(sig.id, i, "fact", dated))
    # Cue words of a type mention the brief's signal of that type, unless the sentence already
    # names another signal of that type (then the cue belongs to that one).
    named = {(m.signal, m.sentence) for m in out}
    by_type: dict[str, list[Signal]] = {}
    for sig in task.signals:
        by_type.setdefault(sig.type, []).append(sig)
    for sig_type, sigs in by_type.items():
        cues = view.guide.invented_signal_cues.get(sig_type)
        if cues is None:
            continue
        for i, s in enumerate(view.sentences):
            if any((x.id, i) in named for x in sigs):
                continue
            hits = cues.find(s.text)
            if hits:
                out.extend(Mention(x.id, i, "cue", s.text[hits[0].start : hits[0].end]) for x in sigs)
    return tuple(out)
