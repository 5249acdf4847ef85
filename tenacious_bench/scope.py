"""Clause structure of a normalised sentence: clause spans, negation scope and refusals.

A NegEx-style scope (Chapman et al., 2001): a negation trigger ("not", "no", "never", "cannot",
"without") covers the rest of its clause, and a post-trigger ("... is more than we can promise")
covers the clause before it. Clauses end at ; : ( ) and dashes, and at contrastive conjunctions
("but", "though", "however"); commas do not end a clause, so "I have not seen a raise, a hiring push
or a new leader" negates all three. The triggers and terminators are data in the style-guide file
(`honesty.negation`), so a user's guide can extend them.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import regex

from tenacious_bench.style_guide import StyleGuide


@dataclass(frozen=True)
class Clause:
    start: int
    end: int


@functools.cache
def _terminator_re(terms: tuple[str, ...]) -> regex.Pattern[str]:
    words = "|".join(regex.escape(t) for t in sorted(terms, key=len, reverse=True))
    return regex.compile(rf"\s*[;:()\u2014]\s*|\s+-\s+|,?\s+(?:{words})\b")


def clauses(text: str, guide: StyleGuide) -> list[Clause]:
    """Clause spans of one normalised sentence."""
    return _clauses(text, tuple(guide.negation_terminators))


@functools.lru_cache(maxsize=8192)
def _clauses(text: str, terminators: tuple[str, ...]) -> list[Clause]:
    pattern = _terminator_re(terminators)
    out, pos = [], 0
    for m in pattern.finditer(text):
        if m.start() > pos:
            out.append(Clause(pos, m.start()))
        pos = m.end() if m.group(0).strip(" ,") in ";:()\u2014-" else m.start()
    if pos < len(text):
        out.append(Clause(pos, len(text)))
    return out or [Clause(0, len(text))]


def clause_at(text: str, guide: StyleGuide, start: int) -> Clause:
    for c in clauses(text, guide):
        if c.start <= start < c.end:
            return c
    return Clause(0, len(text))


def negated(text: str, start: int, end: int, guide: StyleGuide) -> bool:
    """Is the span [start, end) of a normalised sentence inside the scope of a negation?"""
    c = clause_at(text, guide, start)
    before, after = text[c.start : start], text[end : c.end]
    for hit in guide.negation_pseudo.find(before):  # "do not miss out on...", "not only": no negation
        before = before[: hit.start] + " " * (hit.end - hit.start) + before[hit.end :]
    if guide.negation_pre.any(before):
        return True
    return guide.negation_post.any(after)


def refusal(text: str, guide: StyleGuide) -> bool:
    """A sentence refusing something ("I cannot promise", "we will not offer", "more than I can staff")."""
    return guide.refusal_phrases.any(text)
