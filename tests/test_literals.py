"""The Aho-Corasick pre-filter never changes what a phrase set finds."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tenacious_bench.literals import required_literals
from tenacious_bench.natural_writing import load_rows
from tenacious_bench.style_guide import PhraseHit, PhraseSet, load_style_guide
from tenacious_bench.text import normalize, split_sentences


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"(?:lower|reduce|cut) (?:the|our) rate", (" rate",)),
        (r"\b(?:unverified|unconfirmed)\b", ("confirmed", "verified")),
        (r"(?:i )?hope (?:this|that) ?finds you well", ("finds you well",)),
        (r"a?b", None),  # nothing required of length 2
        (r"\p{L}+x", None),  # a regex-module construct: no pre-filter, always run
        (r"(?i)Rate", None),  # case-insensitive: always run
    ],
)
def test_required_literals(pattern: str, expected: tuple[str, ...] | None) -> None:
    assert required_literals(pattern) == expected


def _sets() -> list[tuple[str, PhraseSet]]:
    g = load_style_guide()
    sets = [("banned", g.banned_phrases), ("condescending", g.condescending_phrases), ("roles", g.ask_roles),
            ("not_asks", g.not_asks), ("internal", g.prospect_facing_banned)]
    sets += [(f"honesty.{k}", v) for k, v in g._honesty_sets.items()]
    sets += [(f"cues.{k}", v) for k, v in g.ask_cues.items()]
    sets += [(f"invented.{k}", v) for k, v in g.invented_signal_cues.items()]
    return sets


def _brute(s: PhraseSet, text: str) -> list[PhraseHit]:
    hits = sorted(
        (PhraseHit(p.source, m.start(), m.end(), p.category) for p in s.phrases for m in p.finditer(text)),
        key=lambda h: (h.start, -h.end),
    )
    out: list[PhraseHit] = []
    for h in hits:
        if not any(o.start <= h.start and h.end <= o.end for o in out):
            out.append(h)
    return out


SENTENCES = sorted({x for r in load_rows() for x in split_sentences(normalize(r["body"], keep_lines=True))})


@pytest.mark.parametrize(("name", "phrases"), _sets(), ids=[n for n, _ in _sets()])
def test_prefilter_finds_what_every_pattern_finds(name: str, phrases: PhraseSet) -> None:
    for text in SENTENCES:
        assert phrases.find(text) == _brute(phrases, text), (name, text)
        assert phrases.any(text) == bool(_brute(phrases, text)), (name, text)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([*SENTENCES[:300], "touch base", "per my last 3 emails", "20% off", "fyi"]),
                min_size=1, max_size=4), st.text(max_size=30))
def test_prefilter_on_mixed_text(parts: list[str], noise: str) -> None:
    text = normalize(" ".join(parts) + " " + noise)
    for name, phrases in _sets():
        assert phrases.find(text) == _brute(phrases, text), name
