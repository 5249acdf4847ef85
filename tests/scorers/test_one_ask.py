"""one_ask: exactly one call to action, in the closing paragraph, and a first call of at most 30 minutes."""

from __future__ import annotations

import pytest

from tests.conftest import check_passes, variant

CLOSE = "If that is on your roadmap, would 15 minutes next week be useful?"

FIRST = "We place managed Python and Go engineers, typically deployed in about two weeks."

CASES = [
    ("reference: hedging question then one ask", (), True),
    # -- sentence roles (issue: natural writing) ----------------------------------------------------
    (
        "a statement about a conversation is not an ask",
        (("recruiting can.", "recruiting can. The next step in such cases is usually a short conversation."),),
        True,
    ),
    ("what I can share is a statement", ((FIRST, FIRST + " What I can share today is the public band."),), True),
    ("a third party's write-up worth a look", ((FIRST, FIRST + " Their write-up may be worth a look."),), True),
    (
        "a conditional statement in a middle paragraph",
        ((FIRST, "If that is on your roadmap, it is the kind of project a managed team takes on."),),
        True,
    ),
    ("a source named .fyi is no FYI", ((FIRST, FIRST + " I read the engineering.fyi post on it."),), True),
    ("would an outline be useful", ((CLOSE, "Would a one-page outline be useful?"),), True),
    ("want me to set that up", ((CLOSE, "Want me to set that up?"),), True),
    (
        "a closing question is the one ask when nothing else asks",
        ((CLOSE, "Is hiring a live question for you, or is the team set for now?"),),
        True,
    ),
    (
        "an offer and the reply that accepts it are one ask",
        ((CLOSE, "I can send you the one-page brief. Reply and I will send it."),),
        True,
    ),
    ("a conditional request", ((CLOSE, "If you send the hiring plan, I will come back with a team shape."),), True),
    ("a slot question", ((CLOSE, "Does a slot next week work?"),), True),
    (
        "a second request joined to the call",
        ((CLOSE, "Would 15 minutes next week be useful, and could you send over your hiring plan?"),),
        False,
    ),
    (
        "two requests of one kind joined by and",
        ((CLOSE, "Please reply with your bottleneck and send me the job descriptions."),),
        False,
    ),
    (
        "question plus calendar link for the same call",
        ((CLOSE, "Would 15 minutes next week be useful? My calendar: https://cal.com/yabi/15min"),),
        True,
    ),
    (
        "alternatives for the same next step",
        ((CLOSE, "A one-page write-up or 15 minutes next week, your call?"),),
        True,
    ),
    (
        "reply with bottleneck",
        ((CLOSE, "Reply with your current bottleneck and I will send what fits."),),
        True,
    ),
    ("offer of the one-pager", ((CLOSE, "Want me to send the one-pager?"),), True),
    ("explicit no-reply FYI", ((CLOSE, "No reply needed; this is for when the plan firms up."),), True),
    (
        "30 minutes is allowed",
        ((CLOSE, "If that is on your roadmap, would 30 minutes next week be useful?"),),
        True,
    ),
    ("no ask at all", ((CLOSE, "Good luck with the plan."),), False),
    ("opt-out is not an ask", ((CLOSE, "If not, ignore this."),), False),
    ("technically is not a call", ((CLOSE, "Technically, the plan is yours."),), False),
    ("callback and recall are not calls", ((CLOSE, "I recall the callback logic was tricky."),), False),
    (
        "stacked asks in one sentence",
        ((CLOSE, "Reply with your bottleneck and book a call at https://cal.com/yabi/15min."),),
        False,
    ),
    (
        "two asks in two paragraphs",
        (("Teams at this stage", "Would you be open to a short call? Teams at this stage"),),
        False,
    ),
    (
        "a list of requests",
        (
            (
                CLOSE,
                "- Reply with your bottleneck.\n- Book 15 minutes next week.\n- Want me to send the one-pager?",
            ),
        ),
        False,
    ),
    (
        "60-minute first call",
        ((CLOSE, "If that is on your roadmap, would 60 minutes next week be useful?"),),
        False,
    ),
    (
        "an hour-long call",
        ((CLOSE, "If that is on your roadmap, would an hour on a call next week work for you?"),),
        False,
    ),
    (
        "ask not in closing paragraph",
        (
            (CLOSE, "Thanks for reading."),
            ("Teams at this stage", "Would 15 minutes next week be useful? Teams at this stage"),
        ),
        False,
    ),
    (
        "a past call is not an ask",
        (("Teams at this stage", "Thanks for the call last week. Teams at this stage"),),
        True,
    ),
    (
        "thanks for your reply is not an ask",
        (("Teams at this stage", "Thanks for your reply, which was not long. Teams at this stage"),),
        True,
    ),
    ("FYI plus a call", ((CLOSE, "No reply needed. Would 15 minutes next week be useful, though?"),), False),
]


@pytest.mark.parametrize(("label", "edits", "expected"), CASES, ids=[c[0] for c in CASES])
def test_one_ask_table(example_tasks, label, edits, expected):
    task = example_tasks["TB-HND-EX01"]
    passed, score = check_passes(task, variant(task, *edits), "one_ask")
    assert passed is expected, score.checks["one_ask"].reasons


def test_low_confidence_hedging_question_then_one_ask_passes(example_tasks):
    """The honest pattern for a weak signal: a diagnostic question is not an ask."""
    task = example_tasks["TB-HND-EX01"]
    passed, score = check_passes(task, variant(task), "one_ask")
    asks = [r for r in score.checks["one_ask"].reasons if r.code == "ask"]
    assert passed and len(asks) == 1 and "15 minutes" in asks[0].details["sentence"]
    assert score.passed


def test_each_ask_found_is_reported(example_tasks):
    task = example_tasks["TB-HND-EX01"]
    _, score = check_passes(
        task, variant(task, (CLOSE, "Reply with your bottleneck and book a call here.")), "one_ask"
    )
    codes = [r.code for r in score.checks["one_ask"].reasons]
    assert codes.count("ask") == 2 and "several_asks" in codes
