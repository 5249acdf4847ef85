"""Required literals of a regular expression: strings one of which every match must contain.

Used to pre-filter phrase patterns with one Aho-Corasick pass over a text (`PhraseSet`), so that of
some 400 style-guide patterns only the few whose literals occur are run. The analysis walks the
parse tree of Python's `re` parser (the style guide's regexes use the common subset of `re` and
`regex`); anything it cannot read gives no literals, and the pattern is then always run.
"""

from __future__ import annotations

import re._constants as C
import re._parser as P

MIN_LITERAL = 2


def required_literals(pattern: str) -> tuple[str, ...] | None:
    """Lower-case strings one of which occurs in every match, or None when none can be derived."""
    try:
        tree = P.parse(pattern)
    except Exception:  # a `regex`-only construct (\p{L}...): no pre-filter, the pattern always runs
        return None
    if tree.state.flags & C.SRE_FLAG_IGNORECASE:
        return None  # literals would have to match in any case: keep it simple, always run it
    out = _seq(list(tree))
    if out is None or any(len(x) < MIN_LITERAL for x in out):
        return None
    return tuple(sorted(set(out)))


def _score(alts: list[str] | None) -> int:
    return min(len(a) for a in alts) if alts else 0


def _seq(items: list) -> list[str] | None:
    """Best required-literal alternatives of a sequence: a literal run, or a required sub-item."""
    best: list[str] | None = None
    run = ""
    candidates: list[list[str]] = []
    for op, av in items:
        if op is C.LITERAL:
            run += chr(av)
            continue
        if run:
            candidates.append([run])
            run = ""
        sub = _item(op, av)
        if sub:
            candidates.append(sub)
    if run:
        candidates.append([run])
    for c in candidates:
        if _score(c) > _score(best):
            best = c
    return best


def _item(op, av) -> list[str] | None:
    if op is C.SUBPATTERN:
        return _seq(list(av[-1]))
    if op is C.BRANCH:
        alts = []
        for branch in av[1]:
            sub = _seq(list(branch))
            if not sub:
                return None
            alts.extend(sub)
        return alts
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        lo, _hi, body = av
        return _seq(list(body)) if lo >= 1 else None
    if op is C.ATOMIC_GROUP:
        return _seq(list(av))
    return None
