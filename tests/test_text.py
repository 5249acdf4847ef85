"""Normalisation and numbers: one normalised view, canonical numbers and anchors."""

from __future__ import annotations

import pytest

from tenacious_bench.numbers import canonical_tokens, find_numbers
from tenacious_bench.text import count_words, grapheme_count, normalize

NORMALISE = [
    ("Wоrld", "world"),  # Cyrillic o
    ("ΑΙ", "ai"),  # Greek capitals
    ("to\u200bp\u00ad", "top"),
    ("x\u2014yy\u2013zz\u2011ww", "x-yy-zz-ww"),
    ("АІ", "ai"),  # Cyrillic capitals
    ("a \t\n b", "a b"),
    ("Don’t", "do not"),
    ("you'll", "you will"),
    ("b e n c h", "bench"),
    ("b.e.n.c.h", "bench"),
    ("ﬁnancial", "financial"),
]


@pytest.mark.parametrize(("raw", "expected"), NORMALISE)
def test_normalize(raw, expected):
    assert normalize(raw) == expected


SAME_NUMBER = [
    ("$14M", "$14 million", "14 million dollars", "$14,000,000", "14M"),
    ("two", "2"),
    ("$9k", "$9,000", "9 thousand dollars"),
    ("12%", "12 percent"),
    ("a dozen", "12"),
]


@pytest.mark.parametrize("forms", SAME_NUMBER)
def test_numbers_canonicalise(forms):
    assert len({tuple(canonical_tokens(normalize(f))) for f in forms}) == 1


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("the first call", []),
        ("a one-pager and one ask", []),
        ("one engineer", [1.0]),
        ("one new development on my side", []),
        ("at 2pm on Thursday", []),
        ("https://cal.com/yabi/15min", []),
        ("$9k-$12k per month", [9000.0, 12000.0]),
        ("3-4 months", [3.0, 4.0]),
        ("Q3 2026", [3.0, 2026.0]),
        ("twenty-five roles", [25.0]),
    ],
)
def test_find_numbers(text, values):
    assert [n.value for n in find_numbers(normalize(text))] == values


def test_range_end_inherits_currency():
    kinds = [n.kind for n in find_numbers(normalize("$9,000 to 12,000 a month"))]
    assert kinds == ["money", "money"]


def test_counting_helpers():
    assert count_words("Hi — there, 15 minutes? ...") == 4
    assert grapheme_count("e\u0301👩‍💻") == 2


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab1 -.,?(\n\t\u00a0\u2003é")), max_size=60))
def test_count_words_is_the_token_definition(text: str) -> None:
    """Split-then-test counts exactly the whitespace-separated tokens holding a letter or digit."""
    import regex

    assert count_words(text) == len(regex.findall(r"\S*[\p{L}\p{N}]\S*", text))
