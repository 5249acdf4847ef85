"""honesty: confidence-matched phrasing, supported numbers by kind, no invented signals or pressure."""

from __future__ import annotations

import pytest

from tests.conftest import check_passes, variant

LOW = "I cannot tell from the outside whether the two open backend roles are the whole queue. Is the backlog longer than the postings suggest?"
OFFER = "We place managed Python and Go engineers, typically deployed in about two weeks."

EX01 = [
    ("reference", (), True),
    (
        "low signal as a question",
        ((LOW, "Are the two open backend roles the whole queue, or is the backlog longer?"),),
        True,
    ),
    ("low signal asserted", ((LOW, "Your two open backend roles show the team is stretched."),), False),
    (
        "aggressive hiring on a weak signal",
        ((LOW, "With two open backend roles, the team is clearly scaling aggressively."),),
        False,
    ),
    (
        "growth phrase in a question is not an assertion",
        ((LOW, "Is the team scaling aggressively, or are the two open backend roles the whole queue?"),),
        True,
    ),
    ("month of another signal", (("in February", "in March"),), False),
    (
        "service fact with its unit",
        ((OFFER, "We place managed Python engineers with at least three hours of overlap."),),
        True,
    ),
    (
        "service number on the wrong unit",
        ((OFFER, "We place managed Python engineers with at least 5 hours of overlap."),),
        False,
    ),
    (
        "two weeks does not license 2 engineers",
        ((OFFER, "We can deploy 2 weeks from now and place 9 python engineers."),),
        False,
    ),
    ("commitment within the bench", ((OFFER, "We have 7 Python engineers ready to deploy."),), True),
    ("commitment above the stack's bench", ((OFFER, "We have 9 Python engineers ready to deploy."),), False),
    ("commitment within all stacks", ((OFFER, "We can deploy a team of 15 engineers across stacks."),), True),
    ("commitment above all stacks", ((OFFER, "We can deploy a team of 25 engineers across stacks."),), False),
    (
        "price inside a public band",
        ((OFFER, "Senior engineers run $9,000 to $12,000 per engineer per month."),),
        True,
    ),
    ("price in k notation inside the band", ((OFFER, "Senior engineers run $9k-$12k per month."),), True),
    ("price outside every band", ((OFFER, "Senior engineers run $15,000 per month."),), False),
    ("total contract value", ((OFFER, "A six-month team would total $300,000 in total."),), False),
    ("discount", ((OFFER, "We can offer a discount for an early start."),), False),
    ("deadline", ((OFFER, "Our availability ends by the end of the month."),), False),
    (
        "denying a deadline is not inventing one",
        ((OFFER, "There is no deadline from us, and we place managed Python engineers."),),
        True,
    ),
    ("restating capacity is supported", ((OFFER, "That is 7 Python and 4 Go engineers, 11 in total, ready now."),), True),
    ("a 45-minute meeting is no service fact", ((OFFER, "A 45-minute workshop would cover the plan."),), False),
    ("denying a discount", ((OFFER, "We do not offer discounts; we place managed Python engineers."),), True),
    ("scarcity", ((OFFER, "We have only two slots left this quarter."),), False),
    ("invented layoff", ((OFFER, "After your layoffs, a managed team can help."),), False),
    ("invented leadership change", ((OFFER, "Your new CTO may want a managed team."),), False),
    ("wrong funding round", (("$14M Series A", "$14M Series B"),), False),
    ("unsupported headcount", ((OFFER, "With 300 people on staff, a managed team fits."),), False),
    ("supported headcount", ((OFFER, "At 48 employees, a managed team fits well."),), True),
    ("supported month", (("in February", "in February"),), True),
    ("unsupported month", (("in February", "in November"),), False),
    ("unsupported relative date", (("in February", "last month"),), False),
    ("invented peer practice", ((OFFER, "Your competitors already run managed teams."),), False),
    (
        "AI gap pitch at maturity 1",
        ((OFFER, "Your peers are ahead on machine learning, and we can close that gap."),),
        False,
    ),
    (
        "first AI function framing is fine",
        ((OFFER, "If you plan to stand up a first machine learning function, we can help."),),
        True,
    ),
    (
        "one-pager is an idiom, not a number",
        ((OFFER, "We place managed Python engineers and keep a one-pager on how."),),
        True,
    ),
]


@pytest.mark.parametrize(("label", "edits", "expected"), EX01, ids=[c[0] for c in EX01])
def test_honesty_table_cold(example_tasks, label, edits, expected):
    task = example_tasks["TB-HND-EX01"]
    passed, score = check_passes(task, variant(task, *edits), "honesty")
    assert passed is expected, score.checks["honesty"].reasons


ROUTE = "Today we have 7 Python engineers ready to deploy, so I will not promise all 15."

EX02 = [
    ("reference: honest routing", (), True),
    (
        "quoting the prospect's own numbers",
        ((ROUTE, "You asked for 15 Python engineers within 30 days; today 7 are ready."),),
        True,
    ),
    (
        "promising what the bench lacks",
        ((ROUTE, "We can deploy all 15 Python engineers within 30 days."),),
        False,
    ),
    (
        "the prospect's total question answered with the public band",
        (("Our public senior rate", "You asked what it would cost in total. Our public senior rate"),),
        True,
    ),
    (
        "total for the engagement",
        (
            (
                "Our public senior rate is $9,000 to $12,000 per engineer per month.",
                "Fifteen engineers for six months would come to $900,000 in total.",
            ),
        ),
        False,
    ),
]


@pytest.mark.parametrize(("label", "edits", "expected"), EX02, ids=[c[0] for c in EX02])
def test_honesty_table_warm(example_tasks, label, edits, expected):
    task = example_tasks["TB-HND-EX02"]
    passed, score = check_passes(task, variant(task, *edits), "honesty")
    assert passed is expected, score.checks["honesty"].reasons


MEDIUM = "If the six open data engineering roles are meant to cover that, a managed team with a one-month minimum can carry the gap while hiring catches its breath."

EX03 = [
    ("reference: medium signal conditioned", (), True),
    (
        "medium signal asserted",
        (
            (
                MEDIUM,
                "The six open data engineering roles prove the team cannot keep up, and a managed team can help.",
            ),
        ),
        False,
    ),
    ("layoff percent supported", (), True),
    ("layoff percent wrong", (("12% reduction", "20% reduction"),), False),
]


@pytest.mark.parametrize(("label", "edits", "expected"), EX03, ids=[c[0] for c in EX03])
def test_honesty_table_re_engagement(example_tasks, label, edits, expected):
    task = example_tasks["TB-HND-EX03"]
    passed, score = check_passes(task, variant(task, *edits), "honesty")
    assert passed is expected, score.checks["honesty"].reasons


def test_reasons_name_number_and_kind(example_tasks):
    task = example_tasks["TB-HND-EX01"]
    _, score = check_passes(
        task, variant(task, (OFFER, "We have 9 Python engineers ready to deploy.")), "honesty"
    )
    reason = score.checks["honesty"].reasons[0]
    assert reason.code == "over_commitment"
    assert (
        reason.details["number"] == "9"
        and reason.details["kind"] == "commitment"
        and reason.details["available"] == 7
    )
