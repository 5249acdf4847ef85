"""Next-message scoring (interface.md): the no-reply token, and the per-class rules of the style
guide's `replies:` section, each with pass and fail rows."""

from __future__ import annotations

import pytest

from tenacious_bench.scoring import CHECK_NAMES, HARD_NO, REPLY_DUE, is_no_reply, score_email
from tenacious_bench.task import TaskError
from tests.scorers.nm_tasks import email, nm_task

SOFT_DEFER_OK = email("Understood, the launch comes first at Quarryline. I will check back in March.")

NO_REPLY_ROWS = [
    # (label, reply class, answer, passes all five, the one reason of every check or None)
    ("token on a hard no", "hard_no", "NO_REPLY", True, None),
    ("token with whitespace", "hard_no", "\n  NO_REPLY \n", True, None),
    ("token as a mapping", "hard_no", {"subject": "", "body": "NO_REPLY"}, True, None),
    ("token as a body only", "hard_no", {"body": "NO_REPLY"}, True, None),
    ("token with extra text", "hard_no", "NO_REPLY - removing you now.", False, HARD_NO),
    ("token in lower case", "hard_no", "no_reply", False, HARD_NO),
    ("token in a code fence", "hard_no", "```\nNO_REPLY\n```", False, HARD_NO),
    ("token inside an email", "hard_no", email("NO_REPLY"), False, HARD_NO),
    ("an apology email on a hard no", "hard_no", email("Sorry to bother you; I have removed you."), False, HARD_NO),
    ("a mapping email on a hard no", "hard_no", {"subject": "Re: x", "body": "NO_REPLY"}, False, HARD_NO),
    ("empty answer on a hard no", "hard_no", "  ", False, "empty answer"),
    ("token on a soft defer", "soft_defer", "NO_REPLY", False, REPLY_DUE),
    ("token on an engaged reply", "engaged", {"subject": "", "body": "NO_REPLY"}, False, REPLY_DUE),
    ("token on a curious reply", "curious", " NO_REPLY", False, REPLY_DUE),
]


@pytest.mark.parametrize(("label", "cls", "answer", "passes", "reason"), NO_REPLY_ROWS, ids=[r[0] for r in NO_REPLY_ROWS])
def test_no_reply_token(label, cls, answer, passes, reason):
    score = score_email(nm_task(cls), answer)
    assert score.passed is passes
    assert list(score.checks) == list(CHECK_NAMES)
    for check in score.checks.values():
        assert check.passed is passes
        if reason is not None:
            assert [r.message for r in check.reasons] == [reason]


def test_token_on_a_first_email_task_is_just_a_bad_email(example_tasks):
    score = score_email(example_tasks["TB-HND-EX02"], "NO_REPLY")
    assert not score.checks["format"].passed
    assert all(REPLY_DUE not in r and HARD_NO not in r for r in score.failure_reasons())


@pytest.mark.parametrize(
    ("answer", "expected"),
    [("NO_REPLY", True), ({"subject": None, "body": "NO_REPLY"}, True), ({"subject": " ", "body": " NO_REPLY"}, True),
     ("NO_REPLY.", False), ("Subject: NO_REPLY", False), ({"subject": "x", "body": "NO_REPLY"}, False)],
)
def test_is_no_reply(answer, expected):
    assert is_no_reply(answer, "NO_REPLY") is expected


def test_guide_without_replies_section_names_the_gap():
    with pytest.raises(TaskError, match="no `replies:` section"):
        score_email(nm_task("engaged"), SOFT_DEFER_OK, "tests/data/acme/style_guide.yaml")


def test_small_poc_task_without_the_floor_band_names_the_gap():
    row_task = nm_task("objection", "small_poc")
    bands = [b for b in row_task.pricing_bands if b.name != "starter project floor"]
    task = row_task.model_copy(update={"pricing_bands": bands})
    with pytest.raises(TaskError, match="starter project floor"):
        score_email(task, SOFT_DEFER_OK)
