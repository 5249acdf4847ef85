"""grounding: first-name greeting, and each required signal named by an anchor in a real sentence."""

from __future__ import annotations

import pytest

from tests.conftest import check_passes, variant

FUNDING_SENTENCE = "Congratulations on closing the $14M Series A in February."

CASES = [
    ("reference", (), True),
    (
        "anchor variant: $14 million",
        ((FUNDING_SENTENCE, "Congratulations on closing the $14 million round in February."),),
        True,
    ),
    (
        "anchor variant: 14 million dollars",
        ((FUNDING_SENTENCE, "Congratulations on the 14 million dollars you closed in February."),),
        True,
    ),
    (
        "anchor variant: $14,000,000",
        ((FUNDING_SENTENCE, "Congratulations on the $14,000,000 you closed in February."),),
        True,
    ),
    (
        "Series A alone names it",
        ((FUNDING_SENTENCE, "Congratulations on closing the Series A in February this year."),),
        True,
    ),
    (
        "vague 'recent activity' is not grounding",
        ((FUNDING_SENTENCE, "Congratulations on all the recent activity at your company."),),
        False,
    ),
    ("anchor only in a list", ((FUNDING_SENTENCE + " ", "- $14M\n- Series A\n"),), False),
    ("anchor in a too-short sentence", ((FUNDING_SENTENCE, "$14M Series A. Nice."),), False),
    (
        "pasted brief line",
        ((FUNDING_SENTENCE, "Closed a $14M Series A in February 2026, led by Northbeam Ventures."),),
        False,
    ),
    ("wrong amount", ((FUNDING_SENTENCE, "Congratulations on closing the $41M round in February."),), False),
    ("greeting without name", (("Hi Maya,", "Hi there,"),), False),
    ("greeting with last name only", (("Hi Maya,", "Hi Okafor,"),), False),
    ("greeting with full name", (("Hi Maya,", "Hi Maya Okafor,"),), True),
    ("no greeting", (("Hi Maya,\n\n", ""),), False),
    # -- natural writing ----------------------------------------------------------------------------
    (
        "a short sentence naming the signal, in a paragraph of prose",
        ((FUNDING_SENTENCE, "Congrats on the $14M."),),
        True,
    ),
    (
        "the signal line restated with the company as its subject",
        ((FUNDING_SENTENCE, "Lumenfold closed a $14M Series A in February 2026, led by Northbeam Ventures."),),
        True,
    ),
    (
        "one phrase borrowed from the brief inside the writer's sentence",
        (
            (
                FUNDING_SENTENCE,
                "I read that Lumenfold closed a $14M Series A in February 2026, led by Northbeam Ventures, and I wanted to say congratulations.",
            ),
        ),
        True,
    ),
]


@pytest.mark.parametrize(("label", "edits", "expected"), CASES, ids=[c[0] for c in CASES])
def test_grounding_table(example_tasks, label, edits, expected):
    task = example_tasks["TB-HND-EX01"]
    passed, score = check_passes(task, variant(task, *edits), "grounding")
    assert passed is expected, score.checks["grounding"].reasons


def test_anchor_in_subject_or_signature_only_does_not_ground(example_tasks):
    task = example_tasks["TB-HND-EX01"]
    no_body = variant(task, (FUNDING_SENTENCE, "Congratulations on the progress you have made this year."))
    in_subject = dict(no_body, subject="Request: Lumenfold's $14M Series A")
    in_signature = dict(no_body, body=no_body["body"] + "\nRe: your $14M Series A")
    for email in (in_subject, in_signature):
        passed, score = check_passes(task, email, "grounding")
        assert not passed
        assert score.checks["grounding"].reasons[0].details["signal"] == "funding"


def test_warm_reply_grounds_on_thread_signal(example_tasks):
    task = example_tasks["TB-HND-EX02"]
    assert check_passes(task, variant(task), "grounding")[0]
    dropped = variant(
        task,
        (
            "Thanks for the clear brief on the 15 Python engineers you need within 30 days.",
            "Thanks for the note.",
        ),
    )
    assert not check_passes(task, dropped, "grounding")[0]


def test_genuine_quote_does_not_ground_but_fake_quote_is_own_text(example_tasks):
    task = example_tasks["TB-HND-EX02"]
    sentence = "Thanks for the clear brief on the 15 Python engineers you need within 30 days."
    quoted = variant(task, (sentence, "> Selam, we need 15 Python engineers starting within 30 days."))
    assert not check_passes(task, quoted, "grounding")[0]


def test_zero_signal_brief_needs_the_company_named(example_tasks):
    """A brief with no required signal: a content-free 'Hi Maya, 15 minutes?' is not grounded; naming
    the company or a signal of the brief is."""
    task = example_tasks["TB-HND-EX01"]
    zero = task.model_copy(
        update={"constraints": task.constraints.model_copy(update={"required_signals": []})}
    )
    bare = {
        "subject": "Request: 15 minutes",
        "body": "Hi Maya,\n\nWould 15 minutes next week be useful?\n\nBest,\nYabi",
    }
    named = dict(
        bare, body=bare["body"].replace("Would", "I have no specific news about Lumenfold to point to. Would")
    )
    assert not check_passes(zero, bare, "grounding")[0]
    assert check_passes(zero, named, "grounding")[0]
    assert check_passes(zero, variant(task), "grounding")[0]


def _with(task, **changes):
    return task.model_copy(update=changes)


def test_a_signal_named_by_its_own_fact(example_tasks):
    """task-format.md: restating a fact number with its noun names the signal ("77 roles")."""
    task = example_tasks["TB-HND-EX03"]
    email = variant(task, ("After the 12% reduction in force in May", "After the 77 roles cut in May"))
    passed, score = check_passes(task, email, "grounding")
    assert passed, score.checks["grounding"].reasons


def test_the_reader_is_the_signal(example_tasks):
    """A leadership change about the prospect is named in the second person."""
    from tenacious_bench.task import Signal

    base = example_tasks["TB-HND-EX01"]
    leader = Signal.model_validate(
        {"id": "new_leader", "type": "leadership_change", "confidence": "high", "date": "2026-01-12",
         "text": "Maya Okafor joined Lumenfold as CTO in January 2026.",
         "facts": {"leader_name": "Maya Okafor", "leader_title": "CTO"}, "anchors": ["Maya Okafor", "joined as CTO"]}
    )
    constraints = base.constraints.model_copy(update={"required_signals": ["new_leader"]})
    task = _with(base, signals=[*base.signals, leader], constraints=constraints)
    good = variant(base, (FUNDING_SENTENCE, "Congratulations on joining Lumenfold as CTO in January."))
    assert check_passes(task, good, "grounding")[0]
    vague = variant(base, (FUNDING_SENTENCE, "Congratulations on all the recent changes at your company."))
    assert not check_passes(task, vague, "grounding")[0]


def test_a_warm_reply_with_no_required_signal_is_grounded_by_the_thread(example_tasks):
    base = example_tasks["TB-HND-EX02"]
    task = _with(base, signals=[], constraints=base.constraints.model_copy(update={"required_signals": []}))
    assert check_passes(task, variant(base), "grounding")[0]
    empty = variant(
        base,
        ("Thanks for the clear brief on the 15 Python engineers you need within 30 days.", "Thanks for writing."),
        ("Today we have 7 Python engineers ready to deploy, so I will not promise all 15. ", ""),
    )
    assert not check_passes(task, empty, "grounding")[0]


def test_reasons_name_the_words_that_counted(example_tasks):
    task = example_tasks["TB-HND-EX01"]
    pasted = variant(task, (FUNDING_SENTENCE, "Closed a $14M Series A in February 2026, led by Northbeam Ventures."))
    _, score = check_passes(task, pasted, "grounding")
    reason = score.checks["grounding"].reasons[0]
    assert "northbeam" in reason.details["pasted_words"] and reason.details["named_by"]
    assert "Closed a $14M Series A" in reason.message  # the writer's words, not the normalised text


def test_a_dated_event_names_the_signal(example_tasks):
    """A cue word of the signal's type with the signal's own date names it ("the reduction in force on May 28")."""
    task = example_tasks["TB-HND-EX03"]
    email = variant(task, ("After the 12% reduction in force in May", "After the reduction in force on May 28"))
    assert check_passes(task, email, "grounding")[0]


def test_the_readers_title_and_month_name_the_move(example_tasks):
    from tenacious_bench.task import Signal

    base = example_tasks["TB-HND-EX01"]
    leader = Signal.model_validate(
        {"id": "new_leader", "type": "leadership_change", "confidence": "high", "date": "2026-01-12",
         "text": "Maya Okafor joined Lumenfold as CTO in January 2026.",
         "facts": {"leader_name": "Maya Okafor", "leader_title": "CTO"}, "anchors": ["Maya Okafor", "joined as CTO"]}
    )
    constraints = base.constraints.model_copy(update={"required_signals": ["new_leader"]})
    task = base.model_copy(update={"signals": [*base.signals, leader], "constraints": constraints})
    email = variant(base, (FUNDING_SENTENCE, "Starting as CTO in January is a big change of seat."))
    assert check_passes(task, email, "grounding")[0]
