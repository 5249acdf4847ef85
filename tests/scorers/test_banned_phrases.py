"""banned_phrases: words, not substrings; robust to Unicode tricks; contractions; task-forbidden phrases."""

from __future__ import annotations

import pytest

from tests.conftest import check_passes, variant

ANCHOR = "We place managed"  # a sentence start in TB-HND-EX01's reference

CASES = [
    # (label, replacement for ANCHOR, expected pass)
    ("clean reference", ANCHOR, True),
    ("benchmark is fine", "As a benchmark, we place managed", True),
    ("bench is internal", "Our bench has managed", False),
    ("Bench capitalised", "BENCH: managed", False),
    ("bench-strength hyphenated", "Our bench-strength covers managed", False),
    ("benches plural", "Our benches hold managed", False),
    ("world-class", "Our world-class team places managed", False),
    ("world class spaced", "Our world  class team places managed", False),
    ("world—class em dash", "Our world—class team places managed", False),
    ("cyrillic look-alikes", "Our wоrld-сlass team places managed", False),
    ("greek look-alikes", "Our tοp tαlent places managed", False),
    ("zero-width inside", "Our to\u200bp ta\u200dlent places managed", False),
    ("soft hyphen inside", "Our syn\u00adergy places managed", False),
    ("letter-spaced", "Our s y n e r g y places managed", False),
    ("line break inside phrase", "Our top\ntalent places managed", False),
    ("fullwidth letters", "Our ｒｏｃｋｓｔａｒ engineers: managed", False),
    ("contraction variant", "Don't miss out: we place managed", False),
    ("contraction expanded", "Do not miss out: we place managed", False),
    ("curly apostrophe contraction", "Don’t miss out: we place managed", False),
    ("leverage as jargon", "We leverage managed", False),
    ("leveraged buyout is a finance term", "After the leveraged buyout, we place managed", True),
    ("ecosystem", "Across the ecosystem we place managed", False),
    ("condescension", "You need to catch up, so we place managed", False),
    ("you should", "You should know we place managed", False),
    ("quick question", "Quick question: we place managed", False),
    ("circle back", "I will circle back; we place managed", False),
    ("self-centred size claim", "With our 500 engineers we place managed", False),
    ("self-centred age claim", "With our 20 years of experience we place managed", False),
    ("hope this finds you well", "I hope this email finds you well. We place managed", False),
    ("reach and quickly are innocent", "To reach the plan quickly, we place managed", True),
    ("technically is innocent", "Technically, we place managed", True),
    ("rockstar inside a word is not a hit", "Our rockstarter programme? No: we place managed", True),
]


@pytest.mark.parametrize(("label", "replacement", "expected"), CASES, ids=[c[0] for c in CASES])
def test_banned_phrases_table(example_tasks, label, replacement, expected):
    task = example_tasks["TB-HND-EX01"]
    passed, score = check_passes(task, variant(task, (ANCHOR, replacement)), "banned_phrases")
    assert passed is expected, score.checks["banned_phrases"].reasons


def test_banned_phrase_in_subject_is_caught(example_tasks):
    task = example_tasks["TB-HND-EX01"]
    passed, score = check_passes(
        task, variant(task, subject="Request: a game-changer for Lumenfold"), "banned_phrases"
    )
    assert not passed
    reason = score.checks["banned_phrases"].reasons[0]
    assert reason.details["field"] == "subject" and reason.details["phrase"] == "game-changer"


def test_task_forbidden_phrases(example_tasks):
    task = example_tasks["TB-HND-EX01"]
    constraints = task.constraints.model_copy(update={"forbidden_phrases": ["Northbeam"]})
    strict = task.model_copy(update={"constraints": constraints})
    ok, _ = check_passes(strict, variant(task), "banned_phrases")
    bad, _ = check_passes(
        strict, variant(task, ("in February.", "in February, led by Northbeam.")), "banned_phrases"
    )
    assert ok and not bad


def test_quoted_thread_subject_is_not_the_writers_words(example_tasks):
    task = example_tasks["TB-HND-EX02"]
    # The reply's subject repeats the thread's subject: it is quoted text, not checked as ours.
    passed, _ = check_passes(task, variant(task), "banned_phrases")
    assert passed


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("We also keep a one-page brief on offshore engineering models.", True),  # plain description
        ("Cheap offshore developers are not what we do.", False),  # the cliche itself
        ("Same quality at a fraction of the cost.", False),
    ],
)
def test_offshore_cliches_not_the_word(example_tasks, sentence, expected):
    task = example_tasks["TB-HND-EX01"]
    email = variant(task, ("We place managed", sentence + " We place managed"))
    assert check_passes(task, email, "banned_phrases")[0] is expected


def test_reason_quotes_the_writers_spelling(example_tasks):
    task = example_tasks["TB-HND-EX01"]
    _, score = check_passes(task, variant(task, ("We place managed", "Let us Touch-Base. We place managed")), "banned_phrases")
    assert score.checks["banned_phrases"].reasons[0].message == "banned phrase 'Touch-Base' in the body"
