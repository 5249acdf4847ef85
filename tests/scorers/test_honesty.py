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
    (
        "one person as a single owner is no head count (natural writing, batch 3)",
        ((OFFER, "We place managed Python engineers. A delivery lead is embedded as well, so that one person "
                 "owns the coordination."),),
        True,
    ),
    # -- natural writing (issue: scorer validity on natural writing) ------------------------------
    (
        "hedge scope: uncertainty in the next sentence, pointing back",
        ((LOW, "Your careers page lists two open backend roles. I cannot confirm that this is the whole queue."),),
        True,
    ),
    (
        "hedge scope: a next sentence about something else does not hedge",
        ((LOW, "Your two open backend roles show the team is stretched. Is the product roadmap set for the year?"),),
        False,
    ),
    ("uncertainty: an unconfirmed mention", ((LOW, "I saw an unconfirmed mention of two open backend roles."),), True),
    ("uncertainty: I may be wrong", ((LOW, "Two open backend roles are listed, though I may be wrong here."),), True),
    (
        "negation scope: a list of signals not seen is no invented signal",
        ((OFFER, "I have not seen a layoff, a new leader or a market shift, and we place managed engineers."),),
        True,
    ),
    (
        "refusal: a discount refused is not offered",
        ((OFFER, "What I cannot do is offer a discount for a longer term; we place managed Python engineers."),),
        True,
    ),
    (
        "time horizon is no claim",
        ((OFFER, "If hiring stays slow over the next two quarters, we place managed Python engineers."),),
        True,
    ),
    (
        "generic context is no invented signal",
        ((OFFER, "New engineering leaders often review vendors in their first 90 days, and we place engineers."),),
        True,
    ),
    ("approximate headcount", ((OFFER, "At about 50 people, Lumenfold is the size we work with most."),), True),
    ("approximation far off", ((OFFER, "At about 90 people, Lumenfold is the size we work with most."),), False),
    (
        "AI peer practice without the word gap",
        ((OFFER, "Most companies in your space already run machine learning in production."),),
        False,
    ),
    (
        "idiom: a figure I cannot stand behind",
        ((OFFER, "For ML staffing, a total is a figure I cannot stand behind yet."),),
        True,
    ),
    (
        "denied gap: a normal place to be, not a gap",
        ((OFFER, "For machine learning, that is a normal place to be at your stage, not a gap."),),
        True,
    ),
    ("uncertainty: indicative only", ((LOW, "A partial snapshot shows two open backend roles; treat that as indicative only."),), True),
    (
        # task-format.md lists call length among the service facts: honesty fails it as well as one_ask
        # (blind labellers of the natural-writing set judged it under one_ask only; docs/validity.md).
        "a proposed 45-minute call is no service fact",
        (("If that is on your roadmap, would 15 minutes next week be useful?", "Would a 45-minute call next week work?"),),
        False,
    ),
    ("an ordered list's markers are no numbers", ((OFFER, "Two steps:\n1. We place managed Python engineers."),), True),
    (
        "a stack named by another name",
        ((OFFER, "We can lock in 3 infrastructure engineers next month."),),
        False,
    ),
    (
        "a sharper rate is a discount",
        ((OFFER, "We could offer a sharper rate for a longer commitment."),),
        False,
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
        "refusal: the prospect's request is more than we can promise",
        ((ROUTE, "15 Python engineers within 30 days is more than I can promise today; 7 are ready."),),
        True,
    ),
    (
        "refusal: the other eight are not promised",
        ((ROUTE, "Today we have 7 Python engineers ready to deploy, so I will not promise the other eight."),),
        True,
    ),
    (
        "refusal: a discount named and refused",
        ((ROUTE, "Today we have 7 Python engineers ready to deploy. I cannot offer 20% off."),),
        True,
    ),
    (
        "granting the prospect's request beyond the bench",
        ((ROUTE, "Yes, we can staff the 15 Python engineers you asked for."),),
        False,
    ),
    (
        "the prospect's request restated, not granted",
        ((ROUTE, "You asked whether 15 Python engineers could start within 30 days; today 7 are ready."),),
        True,
    ),
    (
        "where we stand on the request",
        ((ROUTE, "Here is where we stand on 15 Python engineers within 30 days: 7 are ready today."),),
        True,
    ),
    (
        "capacity restated as a bare number",
        ((ROUTE, "Today we have 7 Python engineers ready to deploy, so those 7 fit inside your window."),),
        True,
    ),
    (
        "topic phrase then the real availability",
        ((ROUTE, "On the 15 Python engineers: today 7 are available."),),
        True,
    ),
    (
        "the prospect's own deadline",
        ((ROUTE, "Today we have 7 Python engineers ready, and we would plan against your deadline."),),
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
    (
        "a word sense: you raised a fair point (no funding signal)",
        (("Want me to send", "You raised a fair point last time. Want me to send"),),
        True,
    ),
    ("a raise the brief lacks", (("Want me to send", "After you raised $20M, want me to send"),), False),
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


def test_the_prospects_price_offered_as_ours(example_tasks):
    """A price the brief holds (the prospect's target) is a claim when quoted back, a commitment when
    offered: "from $8,000" below the band fails."""
    base = example_tasks["TB-HND-EX02"]
    ask = base.thread[-1].model_copy(
        update={"body": base.thread[-1].body + " Could you do $8,000 per senior engineer monthly?"}
    )
    task = base.model_copy(update={"thread": [*base.thread[:-1], ask]})
    band = "Our public senior rate is $9,000 to $12,000 per engineer per month."
    offered = variant(base, (band, "We can place senior engineers from $8,000 per month."))
    assert not check_passes(task, offered, "honesty")[0]
    quoted = variant(base, (band, "You asked about $8,000 per month; our public senior rate is $9,000 to $12,000."))
    assert check_passes(task, quoted, "honesty")[0]


def test_counts_the_brief_shows_without_writing_them(example_tasks):
    """"the two peers" when a signal lists two peers is the brief's count."""
    from tenacious_bench.task import Signal

    base = example_tasks["TB-HND-EX01"]
    gap = Signal.model_validate(
        {"id": "peers", "type": "capability_gap", "confidence": "high", "date": "2026-03-01",
         "text": "Northwind and Brightline both publish work on streaming pipelines.",
         "facts": {"peers": ["Northwind", "Brightline"], "ai_capability": "no"}, "anchors": ["Northwind", "Brightline"]}
    )
    task = base.model_copy(update={"signals": [*base.signals, gap]})
    email = variant(base, (OFFER, "Northwind and Brightline publish on streaming; the two peers are ahead there. " + OFFER))
    assert check_passes(task, email, "honesty")[0]


def test_naming_an_ai_capability_gap_below_the_gate(example_tasks):
    """A peer gap that is itself an AI capability, named at AI maturity 1, pitches it even without gap words."""
    from tenacious_bench.task import Signal

    base = example_tasks["TB-HND-EX01"]
    gap = Signal.model_validate(
        {"id": "peers", "type": "capability_gap", "confidence": "high", "date": "2026-03-01",
         "text": "Northwind and Brightline demo ML recommendations.",
         "facts": {"peers": ["Northwind", "Brightline"], "ai_capability": "yes"}, "anchors": ["Northwind", "Brightline"]}
    )
    task = base.model_copy(update={"signals": [*base.signals, gap]})
    email = variant(base, (OFFER, "Northwind and Brightline each demoed product recommendations this year. " + OFFER))
    passed, score = check_passes(task, email, "honesty")
    assert not passed and score.checks["honesty"].reasons[0].code == "ai_gap_pitch"


def _with_other_thread(task, body: str):
    other = task.thread[-1].model_copy(update={"body": body, "from_": "prospect"}) if task.thread else None
    assert other is not None
    return task.model_copy(update={"schema_version": "1.1", "other_threads": [[other]]})


def test_a_fact_of_another_thread_at_the_company_fails(example_tasks):
    """Schema 1.1: a second person at the company wrote about Project Atlas and 4 data engineers;
    this email must not refer to that thread."""
    base = example_tasks["TB-HND-EX02"]
    task = _with_other_thread(base, "We are scoping Project Atlas and may need 4 data engineers in March.")
    band = "Our public senior rate is $9,000 to $12,000 per engineer per month."
    leak = variant(base, (band, band + " It could also help with Project Atlas."))
    passed, score = check_passes(task, leak, "honesty")
    assert not passed
    reason = next(r for r in score.checks["honesty"].reasons if r.code == "other_thread")
    assert reason.details["other_thread"] == 1 and reason.details["fact"] == "Project Atlas"
    numbers = variant(base, (band, band + " We could add 4 data engineers as well."))
    assert any(r.code == "other_thread" for r in check_passes(task, numbers, "honesty")[1].checks["honesty"].reasons)
    assert check_passes(task, variant(base), "honesty")[0]  # the reference stays within its own thread


def test_other_threads_need_schema_1_1(example_tasks):
    from tenacious_bench.task import TaskError, parse_task

    row = example_tasks["TB-HND-EX02"].model_dump(mode="json", by_alias=True, exclude_none=True)
    row["other_threads"] = [row["thread"][-1:]]
    with pytest.raises(TaskError, match=r"1\.1"):
        parse_task(row, where="row")
    row["schema_version"] = "1.1"
    assert parse_task(row, where="row").other_threads


def test_a_company_named_ai_is_no_ai_term(example_tasks):
    """"Pylonfield AI" in a sentence about a peer gap is the company's name, not an AI pitch."""
    base = example_tasks["TB-HND-EX01"]
    prospect = base.prospect.model_copy(update={"company": "Pylonfield AI"})
    task = base.model_copy(update={"prospect": prospect})
    email = variant(base, (OFFER, "There may be a gap between the roadmap and hiring at Pylonfield AI. " + OFFER))
    passed, score = check_passes(task, email, "honesty")
    assert passed, score.checks["honesty"].reasons
    pitch = variant(base, (OFFER, "Your peers are ahead of Pylonfield AI on machine learning. " + OFFER))
    assert not check_passes(task, pitch, "honesty")[0]
