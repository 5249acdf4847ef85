"""format: subject presence/length/opener/urgency, emoji, body length, template tokens, attachments, signature."""

from __future__ import annotations

import pytest

from tests.conftest import check_passes, variant

SIG = "Best,\nYabi\nResearch Partner\nTenacious Intelligence Corporation\ngettenacious.com"

SUBJECT_CASES = [
    ("reference subject", "Request: 15 minutes on Lumenfold's Series A engineering plan", True),
    ("exactly 60 characters", "Request: " + "x" * 51, True),
    ("61 characters", "Request: " + "x" * 52, False),
    ("grapheme clusters count once", "Context: Lumenfold " + "e\u0301" * 41, True),
    ("Quick opener", "Quick idea for Lumenfold's Series A", False),
    ("Just opener", "Just checking on Lumenfold's hiring", False),
    ("Hey opener", "Hey Maya, Series A plans?", False),
    ("all-caps urgency", "URGENT: Lumenfold engineering plan", False),
    ("urgency word", "Action required: Lumenfold hiring plan", False),
    ("emoji in cold subject", "Request: Lumenfold's Series A 🚀", False),
    ("empty subject", "", False),
]


@pytest.mark.parametrize(("label", "subject", "expected"), SUBJECT_CASES, ids=[c[0] for c in SUBJECT_CASES])
def test_subject_table(example_tasks, label, subject, expected):
    task = example_tasks["TB-HND-EX01"]
    passed, score = check_passes(task, variant(task, subject=subject), "format")
    assert passed is expected, score.checks["format"].reasons


BODY_CASES = [
    ("reference", (), True),
    ("emoji in cold body", (("useful?", "useful? 🙂"),), False),
    ("square-bracket token", (("Hi Maya,", "Hi [First Name],"),), False),
    ("curly token", (("Teams at this stage", "Teams like {company}"),), False),
    ("double-curly token", (("Teams at this stage", "Teams like {{company}}"),), False),
    ("angle token", (("Teams at this stage", "Teams like <Company>"),), False),
    ("price placeholder", (("Teams at this stage", "At $X,XXX a month, teams"),), False),
    ("markdown link is not a token", (("useful?", "useful? [Book here](https://cal.com/yabi/15)"),), True),
    ("attachment in cold", (("Teams at this stage", "Please find attached our deck. Teams"),), False),
    ("attachment marker", (("useful?", "useful? [ATTACHMENT: deck.pdf]"),), False),
    ("tagline in signature", ((SIG, SIG + "\nBuilding the future of work"),), False),
    ("phone in signature", ((SIG, SIG + "\n+1 555 0100"),), False),
    ("wrong sender name", (("Best,\nYabi", "Best,\nSelam"),), False),
    ("no sign-off", ((SIG, ""),), False),
    ("one-line sign-off", ((SIG, "Best, Yabi"),), True),
    (
        "title and company on one line",
        ((SIG, "Best,\nYabi\nResearch Partner, Tenacious Intelligence Corporation"),),
        True,
    ),
]


@pytest.mark.parametrize(("label", "edits", "expected"), BODY_CASES, ids=[c[0] for c in BODY_CASES])
def test_body_table(example_tasks, label, edits, expected):
    task = example_tasks["TB-HND-EX01"]
    passed, score = check_passes(task, variant(task, *edits), "format")
    assert passed is expected, score.checks["format"].reasons


def test_word_limit_boundary(example_tasks):
    """Exactly the limit passes; one word over fails; greeting and sign-off are not counted."""
    from tenacious_bench.text import count_words

    task = example_tasks["TB-HND-EX01"]
    email = variant(task)
    content = email["body"].split("\n\n", 1)[1].rsplit("\n\nBest,", 1)[0]
    n = count_words(content)
    pad_to_limit = " ".join(["more"] * (120 - n))
    at_limit = variant(task, ("Is the backlog", f"{pad_to_limit} Is the backlog"))
    over = variant(task, ("Is the backlog", f"{pad_to_limit} extra Is the backlog"))
    assert check_passes(task, at_limit, "format")[0]
    passed, score = check_passes(task, over, "format")
    assert not passed and score.checks["format"].reasons[0].details == {"words": 121, "limit": 120}


def test_warm_reply_may_mirror_emoji(example_tasks):
    task = example_tasks["TB-HND-EX02"]
    assert check_passes(
        task, variant(task, ("Thanks for the clear brief", "Thanks 🙂 for the clear brief")), "format"
    )[0]


@pytest.mark.parametrize(
    "answer",
    [
        "Request: Lumenfold\n\nHi Maya,\n\nBody.\n\nBest,\nYabi",  # no "Subject:" prefix: never guessed
        '{"subject": "Request: Lumenfold", "body": "Hi Maya"}',  # JSON answer
        "## Email\n\n- point one\n- point two",  # markdown only
    ],
)
def test_no_subject_line_fails_format_and_is_still_scored(example_tasks, answer):
    passed, score = check_passes(example_tasks["TB-HND-EX01"], answer, "format")
    assert not passed
    assert score.checks["format"].reasons[0].code == "no_subject"
    assert all(c.reasons[0].code != "empty_answer" for c in score.checks.values() if c.reasons)


@pytest.mark.parametrize(
    "wrapper",
    [
        "Subject: {s}\n\n{b}",
        "subject: {s}\n\n{b}",
        "**Subject:** {s}\n\n{b}",
        "**Subject: {s}**\n\n{b}",
        "\n\n\nSubject: {s}\n\n{b}",
        "```\nSubject: {s}\n\n{b}\n```",
        "```text\nSubject: {s}\n\n{b}\n```",
    ],
)
def test_parser_accepts_subject_variants(example_tasks, wrapper):
    task = example_tasks["TB-HND-EX01"]
    ref = task.reference
    passed, score = check_passes(task, wrapper.format(s=ref.subject, b=ref.body), "format")
    assert passed, score.checks["format"].reasons
    assert score.passed


def test_one_attachment_is_reported_once(example_tasks):
    """'please find attached' holds 'find attached': one problem, one reason."""
    task = example_tasks["TB-HND-EX01"]
    _, score = check_passes(
        task, variant(task, ("Teams at this stage", "Please find attached our deck. Teams")), "format"
    )
    assert [r.code for r in score.checks["format"].reasons] == ["attachment"]
