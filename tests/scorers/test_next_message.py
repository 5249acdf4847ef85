"""Next-message scoring (interface.md): the no-reply token, and the per-class rules of the style
guide's `replies:` section, each with pass and fail rows."""

from __future__ import annotations

from pathlib import Path

import pytest

from tenacious_bench.scoring import CHECK_NAMES, HARD_NO, REPLY_DUE, is_no_reply, score_email
from tenacious_bench.task import TaskError, parse_task
from tests.scorers.nm_tasks import email, nm_task


def EXAMPLE_ROW():
    import json

    from tests.conftest import EXAMPLES

    return json.loads(EXAMPLES.read_text().splitlines()[1])


ACME_DIR = Path(__file__).parents[1] / "data" / "acme"
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


def test_guide_without_replies_section_names_the_gap(tmp_path):
    from tenacious_bench.style_guide import load_style_guide

    text = (ACME_DIR / "style_guide.yaml").read_text()
    start, end = text.index("# Replies to a prospect's answer"), text.index("\ncompany_profile:")
    guide = tmp_path / "no_replies.yaml"
    guide.write_text(text[:start] + text[end:])
    assert "no replies section" in load_style_guide(guide).summary()
    with pytest.raises(TaskError, match="no `replies:` section"):
        score_email(nm_task("engaged"), SOFT_DEFER_OK, guide)
    example = parse_task(EXAMPLE_ROW())
    assert score_email(example, SOFT_DEFER_OK, guide)  # first emails still score


def test_small_poc_task_without_the_floor_band_names_the_gap():
    row_task = nm_task("objection", "small_poc")
    bands = [b for b in row_task.pricing_bands if b.name != "starter project floor"]
    task = row_task.model_copy(update={"pricing_bands": bands})
    with pytest.raises(TaskError, match="starter project floor"):
        score_email(task, SOFT_DEFER_OK)


# -- the per-class rules: pass and fail rows ------------------------------------------------------
from tenacious_bench.text import count_words  # noqa: E402
from tests.scorers.nm_tasks import GOOD, SUBJECT, case_task  # noqa: E402


def _edit(key: str, *edits: tuple[str, str]) -> dict[str, str]:
    body = GOOD[key]
    for old, new in edits:
        assert old in body, f"{old!r} not in the answer of {key}"
        body = body.replace(old, new)
    return {"subject": SUBJECT, "body": body}


def _words(key: str, n: int) -> dict[str, str]:
    """The case's passing answer padded (or not) to exactly n body words."""
    body = GOOD[key]
    content = body.split("\n\n", 1)[1].rsplit("\n\nBest,", 1)[0]
    need = n - count_words(content)
    assert need >= 0
    first, rest = body.split("\n\n", 1)[1].split("\n\n", 1)
    padded = first + ("" if need == 0 else " " + " ".join(["Noted"] * need))
    return {"subject": SUBJECT, "body": "Hi Daniel,\n\n" + padded + "\n\n" + rest}


DEFER_CLOSE = "I will check back in March, once it is out."
RULES = [
    # (label, case key, answer, check, passes, a reason fragment when it fails)
    # format: the word limit by class
    ("soft defer at 60 words", "soft_defer", _words("soft_defer", 60), "format", True, ""),
    ("soft defer at 61 words", "soft_defer", _words("soft_defer", 61), "format", False, "limit 60 (a soft_defer reply)"),
    ("curious at 90 words", "curious", _words("curious", 90), "format", True, ""),
    ("curious at 91 words", "curious", _words("curious", 91), "format", False, "limit 90 (a curious reply)"),
    ("engaged at 150 words", "engaged", _words("engaged", 150), "format", True, ""),
    ("engaged at 151 words", "engaged", _words("engaged", 151), "format", False, "limit 150 (a engaged reply)"),
    ("objection at 200 words", "objection:offshore", _words("objection:offshore", 200), "format", True, ""),
    ("objection at 201 words", "objection:offshore", _words("objection:offshore", 201), "format", False, "limit 200"),
    # format: no list in a curious reply (an engaged one may list)
    ("curious with a bulleted list", "curious", _edit("curious", ("We place managed Python and data engineers",
     "We place:\n- managed Python engineers\n- data engineers,")), "format", False, "no bulleted or numbered list"),
    ("curious with a numbered list", "curious", _edit("curious", ("We place managed Python and data engineers",
     "We place:\n1. managed Python engineers\n2) data engineers,")), "format", False, "'1. managed Python engineers'"),
    ("curious with a dash inside a sentence", "curious", _edit("curious", ("We place managed",
     "We place - as a managed team -")), "format", True, ""),
    ("engaged with a list", "engaged", _edit("engaged", ("Two Python engineers could start",
     "In short:\n- two Python engineers could start")), "format", True, ""),
    # one_ask: no ask in a soft defer
    ("soft defer with let me know", "soft_defer", _edit("soft_defer", (DEFER_CLOSE,
     DEFER_CLOSE + " Let me know if anything changes before then.")), "one_ask", False, "has no call to action"),
    ("soft defer with a closing question", "soft_defer", _edit("soft_defer", (DEFER_CLOSE,
     "I will check back in March; does that timing work for you?")), "one_ask", False, "has no call to action"),
    ("soft defer with a calendar link", "soft_defer", _edit("soft_defer", (DEFER_CLOSE,
     DEFER_CLOSE + " My calendar is at https://cal.com/selam.")), "one_ask", False, "has no call to action"),
    ("soft defer with no reply needed", "soft_defer", _edit("soft_defer", (DEFER_CLOSE,
     DEFER_CLOSE + " No reply needed.")), "one_ask", True, ""),
    # one_ask: a soft defer names a month for the next touch
    ("soft defer in early May", "soft_defer", _edit("soft_defer", ("in March", "in early May")), "one_ask", True, ""),
    ("soft defer on a day of March", "soft_defer", _edit("soft_defer", ("in March", "on March 3")), "one_ask", True, ""),
    ("soft defer in September, written again", "soft_defer", _edit("soft_defer", (DEFER_CLOSE,
     "I will write again in September.")), "one_ask", True, ""),
    ("soft defer next quarter", "soft_defer", _edit("soft_defer", ("in March", "next quarter")), "one_ask", False,
     "'next quarter' names no month"),
    ("soft defer in Q2", "soft_defer", _edit("soft_defer", ("in March", "in Q2")), "one_ask", False, "names no month"),
    ("soft defer in a few months", "soft_defer", _edit("soft_defer", ("in March", "in a few months")), "one_ask",
     False, "names no month"),
    ("soft defer with no time at all", "soft_defer", _edit("soft_defer", (" in March", "")), "one_ask", False,
     "no month is named"),
    ("soft defer month not for the touch", "soft_defer", _edit("soft_defer", (DEFER_CLOSE,
     "Good luck with the March launch.")), "one_ask", False, "not in a clause that schedules the next touch"),
    ("may the verb is no month", "soft_defer", _edit("soft_defer", (DEFER_CLOSE,
     "I may check back once it is out.")), "one_ask", False, "no month is named"),
    # honesty: the next-touch month is no claim; other months still are
    ("next-touch month is no claim", "soft_defer", _edit("soft_defer", ("in March", "on March 3")), "honesty", True, ""),
    ("an unscheduled month is a claim", "soft_defer", _edit("soft_defer", ("the launch comes first",
     "the October launch comes first")), "honesty", False, "month 'october' matches no date"),
    # honesty: a price objection gets no discount and no counter-offer
    ("price: a discount as a question", "objection:price", _edit("objection:price", ("and a delivery lead embedded on request.",
     "and a delivery lead embedded on request. Would a discount on the first month help?")), "honesty", False,
     "price objection: no discount"),
    ("price: special pricing", "objection:price", _edit("objection:price", ("our rates are higher than many agencies",
     "we could look at special pricing")), "honesty", False, "'special pricing'"),
    ("price: a lower rate", "objection:price", _edit("objection:price", ("our rates are higher than many agencies",
     "we can sharpen the rate")), "honesty", False, "price objection"),
    ("price: match their rate", "objection:price", _edit("objection:price", ("our rates are higher than many agencies",
     "we could match their rate for a month")), "honesty", False, "no counter-offer: 'match their rate'"),
    ("price: meet halfway", "objection:price", _edit("objection:price", ("our rates are higher than many agencies",
     "we could meet you halfway")), "honesty", False, "no counter-offer"),
    ("price: a hedged counter-price", "objection:price", _edit("objection:price", ("and a delivery lead embedded on request.",
     "and a delivery lead embedded on request. Could we do $9,500 if that helps?")), "honesty", False, "no counter-offer"),
    ("price: declining a discount", "objection:price", _edit("objection:price", ("our rates are higher than many agencies",
     "we do not discount")), "honesty", True, ""),
    ("price: their discount declined", "objection:price", _edit("objection:price", ("our rates are higher than many agencies",
     "on the discount you asked about, we do not discount")), "honesty", True, ""),
    ("price: their discount granted elsewhere", "objection:price", _edit("objection:price", ("our rates are higher than many agencies",
     "we do not discount, but a discounted first month is possible")), "honesty", False, "'discounted'"),
    ("price: refusing to match", "objection:price", _edit("objection:price", ("our rates are higher than many agencies",
     "we will not match their rate")), "honesty", True, ""),
    ("price: quoting the public band", "objection:price", _edit("objection:price", ("on request.",
     "on request. Our public senior rate is $9,000 to $12,000 per engineer per month.")), "honesty", True, ""),
    ("price: a price outside the bands", "objection:price", _edit("objection:price", ("on request.",
     "on request. We can do $8,000 per engineer per month.")), "honesty", False, "outside every public pricing band"),
    # grounding: a small proof of concept names the starter floor
    ("poc: floor in thousands", "objection:small_poc", _edit("objection:small_poc", ("$25,000", "$25k")), "grounding", True, ""),
    ("poc: top of the band", "objection:small_poc", _edit("objection:small_poc", ("$25,000", "$40,000")), "grounding", True, ""),
    ("poc: no amount", "objection:small_poc", _edit("objection:small_poc", ("begin at $25,000 for a fixed scope",
     "have a fixed scope")), "grounding", False, "names the starter project floor"),
    ("poc: amount below the band", "objection:small_poc", _edit("objection:small_poc", ("$25,000", "$15,000")),
     "grounding", False, "$25,000 to $40,000"),
    ("poc: a monthly rate instead", "objection:small_poc", _edit("objection:small_poc", ("begin at $25,000 for a fixed scope",
     "use engineers at $9,000 per month")), "grounding", False, "no amount in that band"),
    # honesty: a hand-off says the delivery lead will follow up and commits nothing
    ("handoff: asked the delivery lead", "handoff:legal_terms", _edit("handoff:legal_terms", (
     "Our delivery lead will follow up on the terms this week, since contract terms are theirs to confirm.",
     "I have asked our delivery lead to get in touch about the terms.")), "honesty", True, ""),
    ("handoff: delivery lead in copy", "handoff:legal_terms", _edit("handoff:legal_terms", (
     "Our delivery lead will follow up on the terms this week, since contract terms are theirs to confirm.",
     "Our delivery lead is copied here and will reply on the terms.")), "honesty", True, ""),
    ("handoff: missing", "handoff:legal_terms", _edit("handoff:legal_terms", (
     "Our delivery lead will follow up on the terms this week, since contract terms are theirs to confirm.",
     "Contract terms are handled case by case.")), "honesty", False, "does not say that the delivery lead will follow up"),
    ("handoff: negated", "handoff:legal_terms", _edit("handoff:legal_terms", (
     "Our delivery lead will follow up", "Our delivery lead will not need to follow up")), "honesty", False,
     "does not say that the delivery lead"),
    ("handoff: signs the MSA", "handoff:legal_terms", _edit("handoff:legal_terms", ("this week,",
     "this week, and we can sign your MSA as it stands,")), "honesty", False, "(legal terms): 'we can sign your msa'"),
    ("handoff: clause is fine", "handoff:legal_terms", _edit("handoff:legal_terms", ("Thanks for sending the MSA question for Quarryline.",
     "Thanks for the note; the liability clause looks fine.")), "honesty", False, "(legal terms)"),
    ("handoff: refuses to sign", "handoff:legal_terms", _edit("handoff:legal_terms", ("this week,",
     "this week, and we cannot sign your MSA before that review,")), "honesty", True, ""),
    ("handoff: staffs all", "handoff:staffing", _edit("handoff:staffing", ("Today 7 Python engineers are ready to deploy",
     "We can staff all of them")), "honesty", False, "(staffing)"),
    ("handoff: over the bench", "handoff:staffing", _edit("handoff:staffing", ("Today 7 Python", "Today 12 Python")),
     "honesty", False, "commits 12 engineers, 7 available"),
    ("handoff: names a client", "handoff:client_reference", _edit("handoff:client_reference", ("for Quarryline.",
     "for Quarryline, including clients such as Northwind Bank.")), "honesty", False, "(client reference)"),
    ("handoff: offers an introduction", "handoff:client_reference", _edit("handoff:client_reference", ("for Quarryline.",
     "for Quarryline, and I can introduce you to a fintech team we support.")), "honesty", False, "(client reference)"),
    ("handoff: states a total", "handoff:total_contract", _edit("handoff:total_contract", ("Our public senior rate",
     "The total would be modest. Our public senior rate")), "honesty", False, "(total contract)"),
    ("handoff: a total contract value", "handoff:total_contract", _edit("handoff:total_contract", ("Our public senior rate",
     "In total it comes to $250,000. Our public senior rate")), "honesty", False, "total contract value"),
    ("handoff: works to their budget", "handoff:price_outside_bands", _edit("handoff:price_outside_bands", (
     "and our delivery lead", "we can work to your budget, and our delivery lead")), "honesty", False, "(price outside bands)"),
    ("handoff: offers their price", "handoff:price_outside_bands", _edit("handoff:price_outside_bands", (
     "Our public senior rate is $9,000 to $12,000 per engineer per month", "We can do $8,000 per engineer per month")),
     "honesty", False, "outside every public pricing band"),
    # plain writing near the hand-off and price phrases is no commitment and no counter-offer
    ("handoff: the full plan is phased", "handoff:total_contract", _edit("handoff:total_contract", ("Our public senior rate",
     "The full plan is three phases. Our public senior rate")), "honesty", True, ""),
    ("handoff: provide that detail", "handoff:staffing", _edit("handoff:staffing", ("Today 7 Python",
     "We can provide that detail on a call. Today 7 Python")), "honesty", True, ""),
    ("handoff: clients like yours", "handoff:client_reference", _edit("handoff:client_reference", ("for Quarryline.",
     "for Quarryline, as we do for clients like yours.")), "honesty", True, ""),
    ("handoff: go with the smaller scope", "handoff:legal_terms", _edit("handoff:legal_terms", ("this week,",
     "this week, and I would go with the smaller scope first,")), "honesty", True, ""),
    ("handoff: in terms of timing", "handoff:legal_terms", _edit("handoff:legal_terms", ("Thanks for sending the MSA question for Quarryline.",
     "Thanks for the MSA question; in terms of timing, this week is fine.")), "honesty", True, ""),
    ("price: the band in an aside", "objection:price", _edit("objection:price", ("our rates are higher than many agencies",
     "our rates, from $9,000 per engineer per month, are higher than many agencies")), "honesty", True, ""),
    ("handoff: restates their number", "handoff:price_outside_bands", _edit("handoff:price_outside_bands", (
     "Thanks for being direct about the budget at Quarryline.",
     "Thanks for being direct that $8,000 is your budget at Quarryline.")), "honesty", True, ""),
]


@pytest.mark.parametrize(("label", "key", "answer", "check", "passes", "fragment"), RULES, ids=[r[0] for r in RULES])
def test_reply_rule(label, key, answer, check, passes, fragment):
    score = score_email(case_task(key), answer)
    result = score.checks[check]
    assert result.passed is passes, f"{label}: {score.failure_reasons()}"
    if not passes:
        assert any(fragment in r.message for r in result.reasons), [r.message for r in result.reasons]


@pytest.mark.parametrize("key", sorted(GOOD))
def test_the_passing_answer_of_every_case_passes(key):
    task = case_task(key)
    assert score_email(task, {"subject": task.reference.subject, "body": task.reference.body}).passed


def test_task_word_limit_override():
    task = case_task("curious").model_copy(
        update={"constraints": case_task("curious").constraints.model_copy(update={"max_body_words": 30})})
    assert not score_email(task, GOOD["curious"].replace("Hi Daniel", "Subject: x\n\nHi Daniel")).checks["format"].passed


# -- another company's guide: the token, limits and hand-off role are its own data ----------------
ACME_GUIDE = str(ACME_DIR / "style_guide.yaml")


def _acme_task(reply_class: str, reply: str, **constraints):
    import json

    row = json.loads((ACME_DIR / "tasks.jsonl").read_text().splitlines()[1])
    row.update(task_id="acme/next-001", schema_version="1.1", kind="next_message")
    row["thread"][-1]["body"] = reply
    row["constraints"] = {"required_signals": [], "forbidden_phrases": [], "reply_class": reply_class, **constraints}
    row.pop("reference", None)
    return parse_task(row)


def _acme(body: str) -> str:
    return f"Subject: Re: Request: Quarryline's Series B hiring plan\n\nHi Daniel,\n\n{body}\n\nBest,\nTomas"


@pytest.mark.parametrize(
    ("reply_class", "answer", "constraints", "passes"),
    [
        ("hard_no", "NO_MESSAGE", {}, True),
        ("hard_no", "NO_REPLY", {}, False),  # the shipped guide's token is just text under Acme's
        ("soft_defer", _acme("Understood, the launch comes first at Quarryline. I will check back in March."), {}, True),
        ("soft_defer", _acme("Understood, the launch comes first at Quarryline. I will check back in March. "
                             + "Noted " * 40), {}, False),  # Acme's soft-defer limit is 50 words
        ("engaged", _acme("Thanks for the MSA question for Quarryline. Our field lead will follow up on the terms."
                          "\n\nWould 20 minutes on the scope be useful?"), {"handoff": "legal_terms"}, True),
        ("engaged", _acme("Thanks for the MSA question for Quarryline. Our delivery lead will follow up on the terms."
                          "\n\nWould 20 minutes on the scope be useful?"), {"handoff": "legal_terms"}, False),
    ],
)
def test_another_companys_reply_rules(reply_class, answer, constraints, passes):
    task = _acme_task(reply_class, "Not now, thanks.", **constraints)
    assert score_email(task, answer, ACME_GUIDE).passed is passes
