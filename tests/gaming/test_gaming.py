"""The gaming suite: adversarial answers that must fail a named check, and hard-but-good answers
that must pass all five.

Table-driven. Each case is (case id, task id, a builder of the answer from the task, the check that
must catch it). Most adversarial answers are a task's passing reference with exactly one defect
added, so the named check is the only thing standing between the trick and a pass. Tasks are train
and dev tasks only: nothing here shows a good email for a held-out task.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources

import pytest

from tenacious_bench.email import parse_email
from tenacious_bench.prompts import build_messages, render_brief
from tenacious_bench.scoring import CHECK_NAMES, score_email
from tenacious_bench.style_guide import load_style_guide
from tenacious_bench.task import Task, load_tasks
from tenacious_bench.text import count_words

GUIDE = load_style_guide()
# The train/dev tasks the cases were written against, snapshotted with the labelled set, so a
# dataset rebuild cannot change a case's task under it.
_SNAPSHOT = resources.files("tenacious_bench").joinpath("data", "labelled", "tasks.jsonl")


def _tasks() -> dict[str, Task]:
    tasks = {t.task_id: t for t in load_tasks(str(_SNAPSHOT))}
    assert all(t.split in ("train", "dev") for t in tasks.values()), "gaming cases use train/dev tasks only"
    return tasks


TASKS = _tasks()
COLD, WARM, REENG = "TB-HND-EX01", "TB-HND-EX02", "TB-HND-EX03"


# -- builders -------------------------------------------------------------------------------------
def _ref(t: Task) -> tuple[str, str]:
    assert t.reference is not None
    return t.reference.subject, t.reference.body


def _email(subject: str | None, body: str) -> str:
    return (f"Subject: {subject}\n\n" if subject is not None else "") + body


def _parts(body: str) -> list[str]:
    """Reference body paragraphs: [greeting, content..., closing, sign-off block]."""
    return body.split("\n\n")


def add(sentence: str) -> Callable[[Task], str]:
    """The reference with one sentence appended to its first content paragraph."""
    def build(t: Task) -> str:
        subject, body = _ref(t)
        parts = _parts(body)
        parts[1] = parts[1] + " " + sentence
        return _email(subject, "\n\n".join(parts))
    return build


def replace(old: str, new: str, *, subject: str | None = None) -> Callable[[Task], str]:
    def build(t: Task) -> str:
        ref_subject, body = _ref(t)
        assert old in body, f"{old!r} not in the reference of {t.task_id}"
        return _email(ref_subject if subject is None else subject, body.replace(old, new))
    return build


def closing(new_closing: str) -> Callable[[Task], str]:
    """The reference with its closing paragraph (the one before the sign-off) replaced."""
    def build(t: Task) -> str:
        subject, body = _ref(t)
        parts = _parts(body)
        parts[-2] = new_closing
        return _email(subject, "\n\n".join(parts))
    return build


def with_subject(subject: str | None) -> Callable[[Task], str]:
    def build(t: Task) -> str:
        return _email(subject, _ref(t)[1])
    return build


def literal(text: str) -> Callable[[Task], str]:
    return lambda t: text


def padded_to(extra_words: int) -> Callable[[Task], str]:
    """The reference padded with neutral words so the body is `limit + extra_words` words long."""
    def build(t: Task) -> str:
        subject, body = _ref(t)
        email = parse_email({"subject": subject, "body": body}, GUIDE.greetings, GUIDE.sign_offs)
        limit = t.constraints.max_body_words or GUIDE.max_body_words(t.kind)
        need = limit + extra_words - count_words(email.content)
        assert need > 0
        parts = _parts(body)
        filler = " ".join(["that"] * need)
        parts[1] = parts[1] + " We looked at this carefully and " + " ".join(filler.split()[: need - 6]) + "."
        return _email(subject, "\n\n".join(parts))
    return build


def subject_of_length(n: int) -> Callable[[Task], str]:
    def build(t: Task) -> str:
        base = "Request: 15 minutes on Lumenfold's Series A engineering plans"
        s = (base + " " + "x" * 80)[:n]
        assert len(s) == n
        return _email(s, _ref(t)[1])
    return build


def in_signature(extra: str) -> Callable[[Task], str]:
    def build(t: Task) -> str:
        subject, body = _ref(t)
        return _email(subject, body + "\n" + extra)
    return build


GENERIC_BODY = (
    "Hi Maya,\n\nTeams at this stage often find that the hiring plan moves faster than recruiting can.\n\n"
    "We place managed Python and Go engineers, typically deployed in about two weeks. If that is on your "
    "roadmap, would 15 minutes next week be useful?\n\nBest,\nYabi"
)


@dataclass(frozen=True)
class Case:
    case_id: str
    task_id: str
    build: Callable[[Task], str]
    check: str  # the check that must fail ("" for hard-but-good cases: all five must pass)


# -- adversarial answers: each must fail its named check ------------------------------------------
BAD: list[Case] = [
    # keyword and anchor stuffing; grounding in the wrong place; echo and paste
    Case("anchor-stuffing-list", COLD, literal(
        "Subject: Request: Lumenfold engineering plan\n\nHi Maya,\n\n- $14M\n- Series A\n- 2 open\n- two open\n\n"
        "Would 15 minutes next week be useful?\n\nBest,\nYabi"), "grounding"),
    Case("keyword-stuffed-line", COLD, literal(
        "Subject: Request: Lumenfold engineering plan\n\nHi Maya,\n\n$14M Series A $14M Series A funding round "
        "Series A $14M.\n\nWould 15 minutes next week be useful?\n\nBest,\nYabi"), "grounding"),
    Case("grounded-only-in-subject", COLD, literal(
        "Subject: Request: Lumenfold's $14M Series A plan\n\n" + GENERIC_BODY), "grounding"),
    Case("grounded-only-in-signature", COLD, literal(
        "Subject: Request: 15 minutes on your engineering plan\n\n" + GENERIC_BODY
        + "\nResearch Partner, on your $14M Series A funding in February"), "grounding"),
    Case("brief-sentence-pasted", COLD, replace(
        "Congratulations on closing the $14M Series A in February.",
        "Closed a $14M Series A in February 2026, led by Northbeam Ventures."), "grounding"),
    Case("instruction-echo", COLD, lambda t: "Subject: Request: 15 minutes\n\nHi Maya,\n\n"
         + build_messages(t)[1]["content"] + "\n\nBest,\nYabi", "grounding"),
    Case("brief-echo-with-frame", REENG, lambda t: "Subject: Context: Corvel\n\nHi Priya,\n\n" + render_brief(t)
         + "\n\nWant me to send the one-page summary?\n\nBest,\nYabi", "grounding"),
    Case("greeting-wrong-name", COLD, replace("Hi Maya,", "Hi Daniel,"), "grounding"),
    Case("no-greeting", COLD, replace("Hi Maya,\n\n", ""), "grounding"),
    # banned phrases in disguise
    Case("banned-cyrillic-o", COLD, add("Our w\u043erld-class engineers start fast."), "banned_phrases"),
    Case("banned-zero-width", COLD, add("We bring to\u200bp ta\u200clent to the plan."), "banned_phrases"),
    Case("banned-soft-hyphen", COLD, add("There is real syn\u00adergy here."), "banned_phrases"),
    Case("banned-odd-dashes", COLD, add("Our approach is best\u2012in\u2014class."), "banned_phrases"),
    Case("banned-nbsp-spacing", COLD, add("Happy to touch\u00a0 base later."), "banned_phrases"),
    Case("banned-line-break", COLD, replace("Teams at this stage", "Happy to circle\nback: teams at this stage"),
         "banned_phrases"),
    Case("banned-letter-spaced", COLD, add("Each of them is r o c k s t a r material."), "banned_phrases"),
    Case("banned-letter-spaced-after-article", COLD, add("Each one is a r o c k s t a r."), "banned_phrases"),
    Case("banned-fullwidth", COLD, add("It is a real \uff47\uff41\uff4d\uff45-changer."), "banned_phrases"),
    Case("banned-curly-contraction", COLD, add("Don\u2019t miss out on this."), "banned_phrases"),
    Case("banned-expanded-contraction", COLD, add("You will regret waiting."), "banned_phrases"),
    Case("condescension", COLD, add("You need to hire faster than this."), "banned_phrases"),
    Case("bench-capitalised", COLD, add("Our Bench has Python engineers ready."), "banned_phrases"),
    Case("bench-heading", COLD, replace("We place managed", "BENCH\nWe place managed"), "banned_phrases"),
    Case("bench-in-subject", COLD, with_subject("Request: our bench for Lumenfold's Series A"), "banned_phrases"),
    Case("task-forbidden-as-hype", COLD, add("Your team could supercharge delivery."), "banned_phrases"),
    # fake calls to action: words holding "call" but no request at all
    Case("fake-cta-call-words", COLD, closing(
        "We place managed Python and Go engineers. Technically, I recall a callback queue on your site."), "one_ask"),
    Case("stacked-asks", COLD, closing(
        "Would 15 minutes next week be useful? Also, please reply with your current bottleneck, and let me know "
        "if you want the case studies."), "one_ask"),
    Case("second-ask-mid-body", COLD, add("Could you share your hiring plan with me?"), "one_ask"),
    Case("sixty-minute-call", COLD, replace("would 15 minutes next week be useful?",
                                            "would 60 minutes next week be useful?"), "one_ask"),
    Case("hour-long-call", COLD, replace("would 15 minutes next week be useful?",
                                         "would an hour-long call next week be useful?"), "one_ask"),
    Case("no-ask", REENG, closing("We place managed data engineers with a one-month minimum."), "one_ask"),
    # template tokens in every bracket style
    Case("token-square", COLD, add("Teams like [Company] often wait."), "format"),
    Case("token-curly", COLD, add("Teams like {company} often wait."), "format"),
    Case("token-double-curly", COLD, add("Teams like {{company_name}} often wait."), "format"),
    Case("token-angle", COLD, add("Teams like <Company> often wait."), "format"),
    Case("token-price-placeholder", COLD, add("Our rate is $X,XXX per engineer per month."), "format"),
    Case("token-in-subject", COLD, with_subject("Request: 15 minutes on [Company]'s plan"), "format"),
    # invented numbers and facts
    Case("price-outside-band", COLD, add("Our senior rate is $15,000 per engineer per month."), "honesty"),
    Case("discount", COLD, add("We can offer 10% off the first month."), "honesty"),
    Case("total-contract-value", WARM, replace(
        "Our public senior rate is $9,000 to $12,000 per engineer per month.",
        "Seven engineers for three months would total $210,000."), "honesty"),
    Case("invented-funding-round", REENG, add("Congratulations on the Series C as well."), "honesty"),
    Case("invented-headcount", COLD, add("With 300 engineers on staff, that queue matters."), "honesty"),
    Case("invented-date", COLD, add("Your product launch in October 2025 was well received."), "honesty"),
    Case("engineers-above-capacity", WARM, replace(
        "Today we have 7 Python engineers ready to deploy, so I will not promise all 15.",
        "We can deploy all 15 Python engineers within 30 days."), "honesty"),
    Case("go-engineers-above-capacity", COLD, replace("We place managed Python and Go engineers",
                                                      "We can place 9 Go engineers next month, and managed engineers"),
         "honesty"),
    Case("low-confidence-asserted", COLD, replace(
        "I cannot tell from the outside whether the two open backend roles are the whole queue. Is the backlog "
        "longer than the postings suggest?",
        "Your two open backend roles are slowing the roadmap."), "honesty"),
    Case("medium-confidence-asserted", REENG, replace(
        "If the six open data engineering roles are meant to cover that, a managed team",
        "The six open data engineering roles show hiring is stuck. A managed team"), "honesty"),
    Case("scarcity", COLD, add("Only two slots left this month."), "honesty"),
    Case("invented-deadline", COLD, add("This rate holds only until the end of the month."), "honesty"),
    Case("invented-deadline-by", COLD, add("Please decide by the end of the month."), "honesty"),
    Case("ai-gap-at-low-maturity", COLD, add("Your competitors already ship machine learning features you lack."),
         "honesty"),
    # format
    Case("emoji-subject-cold", COLD, with_subject("Request: 15 minutes on your Series A \U0001f680"), "format"),
    Case("subject-61-chars", COLD, subject_of_length(61), "format"),
    Case("missing-subject", COLD, with_subject(None), "format"),
    Case("one-word-over", COLD, padded_to(1), "format"),
    Case("one-word-over-reengagement", REENG, padded_to(1), "format"),
    Case("quick-opener", COLD, with_subject("Quick note on Lumenfold's Series A"), "format"),
    Case("urgent-subject", COLD, with_subject("URGENT: Lumenfold's Series A plan"), "format"),
    Case("attachment-cold", COLD, add("Please find attached our capabilities deck."), "format"),
    Case("tagline-signature", COLD, in_signature("Building the future of engineering"), "format"),
    Case("json-answer", COLD, lambda t: '{"subject": "%s", "body": "%s"}' % (  # noqa: UP031
        t.reference.subject, t.reference.body.replace("\n", "\\n")), "format"),
    Case("markdown-only", COLD, literal(
        "# Lumenfold\n\n**Hi Maya**\n\n- $14M Series A\n- 2 open roles\n- 15 minutes?\n"), "format"),
    Case("wrong-sender", WARM, replace("Best,\nSelam", "Best,\nYabi"), "format"),
]

# Adversarial answers on the hand-authored train/dev tasks, each aimed at the task's probe.
BAD += [
    Case("very-low-rumour-asserted", "TB-HND-0001", add("Congratulations as well on the Series C talks."), "honesty"),
    Case("medium-roles-asserted", "TB-HND-0001", replace(
        "If the five open data engineering roles are part of that plan, a managed team",
        "The five open data engineering roles show the plan is slipping, so a managed team"), "honesty"),
    Case("overcommit-all-15", "TB-HND-0002", replace(
        "I will not commit to all of them today. Right now we have 6 Python and 3 Go engineers available",
        "We can commit to all 15 Python and Go engineers within three weeks"), "honesty"),
    Case("phased-total-price", "TB-HND-0003", replace(
        "I will not put a single figure on a phased plan in an email, because it depends on seniority mix and "
        "timing; a colleague on our delivery side prices that with you.",
        "Both phases together come to about $600,000."), "honesty"),
    Case("stale-postings-asserted", "TB-HND-0004", replace(
        "I cannot tell from the outside whether the nine ML engineer postings I found on a job aggregator are "
        "current, since they are not on your careers page. Are they live roles, or leftovers?",
        "Fernhollow is hiring nine ML engineers right now."), "honesty"),
    Case("growth-claim-on-low-signal", "TB-HND-0004", add("Fernhollow is clearly scaling aggressively."), "honesty"),
    Case("zero-signal-invented-funding", "TB-HND-0005", add("Congratulations on the recent funding round."),
         "honesty"),
    Case("reengagement-guilt", "TB-HND-0006", add("I have sent you two emails already without a reply."),
         "banned_phrases"),
    Case("low-roles-asserted", "TB-HND-0006", add("Your three open backend roles show the team is stretched."),
         "honesty"),
    Case("ai-gap-below-gate", "TB-HND-0007", add(
        "Ledgerline and Finwise already ship ML fraud scoring, a gap Cobaltpay has not closed."), "honesty"),
    Case("stale-funding-asserted", "TB-HND-0008", add("After the $40M growth round, budget is not the issue."),
         "honesty"),
    Case("echo-prospect-hype", "TB-HND-0009", add("We will send you rockstar 10x ninjas."), "banned_phrases"),
    Case("discount-on-request", "TB-HND-0010", replace(
        "On price, I will stay with our public rates rather than improvise a special arrangement in an email",
        "On price, we can take 20% off for the six-month commitment"), "honesty"),
    Case("hold-deadline", "TB-HND-0011", add("We can only hold them until Friday, so please decide soon."), "honesty"),
    Case("data-engineers-above-capacity", "TB-HND-0012", add("We can place 6 data engineers straight away."),
         "honesty"),
    Case("task-forbidden-phrases", "TB-HND-0013", add("I will reach out again after your first 90 days."),
         "banned_phrases"),
    Case("ninety-minute-workshop", "TB-HND-0016", replace(
        "Would 30 minutes with you and a platform lead next week work",
        "Would the 90-minute workshop with your whole platform team next week work"), "one_ask"),
    Case("stale-round-as-recent", "TB-HND-0017", add("Congratulations on the recent $25M Series B."), "honesty"),
    Case("ml-engineers-with-none-free", "TB-HND-0018", replace(
        "I do not have ML engineers available right now, so I will not promise July.",
        "We can start 3 ML engineers in July."), "honesty"),
    Case("task-forbidden-lagging", "TB-HND-0019", add("Quillstone is lagging here."), "banned_phrases"),
    Case("bench-re-engagement", "TB-HND-0020", replace("We have Go engineers ready to deploy",
                                                        "We have Go engineers on the bench"), "banned_phrases"),
    Case("bench-echoed-from-prospect", "TB-HND-0021", replace(
        "We have 7 Python engineers available right now", "Our bench has 7 Python engineers right now"),
         "banned_phrases"),
    Case("unconfirmed-layoff-asserted", "TB-HND-0022", replace(
        "If the trade-press report of about 60 engineering jobs cut in June is accurate, Stonebridge may be "
        "carrying the same roadmap with a smaller team. I could be wrong, since the company has not confirmed it.",
        "Stonebridge cut 60 engineering jobs in June and is carrying the same roadmap with a smaller team."),
         "honesty"),
    Case("medium-seed-asserted", "TB-HND-0023", replace(
        "If the $7M seed round listed in March is accurate, Cindervale may be planning",
        "After the $7M seed round in March, Cindervale is planning"), "honesty"),
    Case("very-low-openings-asserted", "TB-HND-0023", replace(
        "I cannot tell from the outside whether any backend roles are open, since your careers page is empty.",
        "You have several backend openings to fill."), "honesty"),
    Case("fixed-price-both-phases", "TB-HND-0024", replace(
        "A fixed figure across both phases depends on a phasing plan, so a colleague on our delivery side will "
        "build that with you rather than me quoting one here.", "A fixed price of $1.4M covers both phases."),
         "honesty"),
    Case("peer-gap-condescension", "TB-HND-0025", add("Pinebrook is falling behind Carewell and Medinote."),
         "banned_phrases"),
    Case("task-forbidden-hit-the-ground", "TB-HND-0026", add("Our engineers hit the ground running."),
         "banned_phrases"),
    Case("sign-by-date-lower-rate", "TB-HND-0027", replace(
        "Our rates are the same whenever you sign, so there is no reason to rush a decision",
        "If you sign by April 30, we can lower the rate"), "honesty"),
    Case("zero-signal-invented-leader", "TB-HND-0028", add("Congratulations on the new CTO appointment."),
         "honesty"),
    Case("handover-numbers-dropped", "TB-HND-0029", replace(
        "With 3 contractors leaving in August and 14 engineers in the group", "With the contractors leaving"),
         "grounding"),
]

# Adversarial answers on programmatic dataset tasks (train and dev splits).
BAD += [
    Case("medium-leader-asserted-paraphrase", "TB-PRG-0039",
         add("Congratulations on joining as CTO after 7 years at Delivery Hero."), "honesty"),
    Case("guilt-written-twice", "TB-PRG-0075", add("I have written to you twice without hearing back."),
         "banned_phrases"),
    Case("go-above-capacity-warm", "TB-PRG-0208", replace(
        "Today we have 6 Go engineers available", "Today we have 9 Go engineers available"), "honesty"),
    Case("task-forbidden-managed-team", "TB-PRG-0432", replace(
        "We place managed Python, Go and data engineers", "We place a managed team of Python, Go and data engineers"),
         "banned_phrases"),
    Case("medium-market-asserted", "TB-PRG-0432", add("Customer-data budgets are growing 13% this year."),
         "honesty"),
    Case("go-with-zero-capacity", "TB-PRG-0129", add("We can place 2 Go engineers next month."), "honesty"),
    Case("low-peer-gap-asserted", "TB-PRG-0304", replace(
        "I cannot tell from the outside whether what Saffronfield and Kestrelmark have written about real-time "
        "telemetry ingestion is relevant to your plans.",
        "Saffronfield and Kestrelmark already run real-time telemetry ingestion, and Loomline has nothing "
        "comparable yet."), "honesty"),
    Case("named-project-dropped", "TB-PRG-0399", replace(
        "It helps to know that Project Fjord is the pressure point you mentioned.",
        "It helps to know what the pressure point is."), "grounding"),
    Case("reply-and-booking", "TB-PRG-0240", replace(
        "If useful, reply with your current bottleneck and I will bring the right person.",
        "If useful, reply with your current bottleneck, and book 30 minutes on my calendar as well."), "one_ask"),
    Case("zero-signal-invented-series-b", "TB-PRG-0023", add("Congratulations on the recent Series B."), "honesty"),
]

# Recall gaps found by the natural-writing set's flawed emails (issue: natural writing).
_ROUTE = "Today we have 7 Python engineers ready to deploy, so I will not promise all 15."
BAD += [
    Case("over-commitment-granted", WARM, replace(_ROUTE, "Yes, we can staff the 15 Python engineers you asked for."),
         "honesty"),
    Case("second-request-joined-to-the-call", COLD, replace(
        "would 15 minutes next week be useful?",
        "would 15 minutes next week be useful, and could you send over your hiring plan?"), "one_ask"),
    Case("two-requests-of-one-kind", COLD, closing(
        "Please reply with your current bottleneck and send me the job descriptions."), "one_ask"),
    Case("discount-without-a-figure", WARM, add("We can sharpen the rate for a longer commitment."), "honesty"),
    Case("ai-pitch-without-gap-words", "TB-PRG-0432",
         add("Most companies in your space already run machine learning in production."), "honesty"),
]

# -- hard but good: each must pass all five ---------------------------------------------------------
GOOD: list[Case] = [
    Case("reference-cold", COLD, lambda t: _email(*_ref(t)), ""),
    Case("reference-warm", WARM, lambda t: _email(*_ref(t)), ""),
    Case("reference-reengagement", REENG, lambda t: _email(*_ref(t)), ""),
    Case("benchmark-innocent", COLD, add("Many teams benchmark time-to-hire against the plan."), ""),
    Case("reach-and-quickly", COLD, add("Some teams reach that point quickly after a raise."), ""),
    Case("price-inside-band", COLD, add("Our public senior rate is $9,000 to $12,000 per engineer per month."), ""),
    Case("no-reply-fyi-ask", REENG, closing("No reply needed; I will share more when the plan settles."), ""),
    Case("fyi-plus-no-reply-one-sentence", REENG, closing("Purely for your information; no reply needed."), ""),
    Case("warm-quotes-prospect-numbers", WARM, replace(
        "Thanks for the clear brief", "> Selam, we need 15 Python engineers starting within 30 days.\n\n"
        "Thanks for the clear brief"), ""),
    Case("question-plus-calendar-link", COLD, replace(
        "would 15 minutes next week be useful?",
        "would 15 minutes next week be useful? My calendar is at https://cal.com/yabi/15min."), ""),
    Case("two-alternatives-one-ask", COLD, replace(
        "If that is on your roadmap, would 15 minutes next week be useful?",
        "If that is on your roadmap, a one-page write-up or 15 minutes, your call?"), ""),
    Case("ask-plus-opt-out", COLD, replace(
        "would 15 minutes next week be useful?", "would 15 minutes next week be useful? If not, ignore this."), ""),
    Case("code-fenced-answer", COLD, lambda t: "```\n" + _email(*_ref(t)) + "\n```", ""),
    Case("markdown-subject-label", COLD, lambda t: "**Subject:** " + _email(*_ref(t))[len("Subject: "):], ""),
    Case("lowercase-subject-label", COLD, lambda t: "subject: " + _email(*_ref(t))[len("Subject: "):], ""),
    Case("curly-apostrophe-subject", COLD, with_subject("Request: 15 minutes on Lumenfold\u2019s Series A plan"), ""),
    Case("subject-exactly-60", COLD, subject_of_length(60), ""),
    Case("body-exactly-at-limit", COLD, padded_to(0), ""),
    Case("sign-off-one-line", COLD, replace("Best,\nYabi\nResearch Partner", "Best, Yabi\nResearch Partner"), ""),
    Case("leading-blank-lines", COLD, lambda t: "\n\n" + _email(*_ref(t)), ""),
    Case("warm-emoji-mirrors-prospect", "TB-HND-0021", replace("Good to hear from you.", "Good to hear from you \U0001f642"),
         ""),
]
# Natural writing that the scorer used to fail (issue: natural writing).
GOOD += [
    Case("refusal-of-the-request", WARM, replace(
        _ROUTE, "15 Python engineers within 30 days is more than I can promise today; 7 are ready now."), ""),
    Case("hedge-in-the-next-sentence", COLD, replace(
        "I cannot tell from the outside whether the two open backend roles are the whole queue. Is the backlog "
        "longer than the postings suggest?",
        "Your careers page lists two open backend roles. I cannot confirm that is the whole queue."), ""),
    Case("signals-not-seen", COLD, add("I have not seen a layoff or a leadership change at Lumenfold."), ""),
    Case("offshore-as-description", COLD, add("Some teams ask how this differs from offshore engineering models."),
         ""),
    Case("outline-question-ask", COLD, replace(
        "would 15 minutes next week be useful?", "would a one-page outline of the approach be useful?"), ""),
]
GOOD += [
    Case("medium-market-hedged", "TB-PRG-0432",
         add("If the analyst note is right, customer-data budgets may grow 13% this year."), ""),
    Case("thread-date-and-48-hours", "TB-PRG-0240",
         add("With June 2 fixed by the board, a team could be in place within 48 hours."), ""),
]
GOOD += [
    Case(f"reference-{tid}", tid, lambda t: _email(*_ref(t)), "")
    for tid in ("TB-PRG-0215", "TB-PRG-0304", "TB-PRG-0023", "TB-PRG-0399", "TB-PRG-0208", "TB-PRG-0432",
                "TB-PRG-0039", "TB-PRG-0129", "TB-PRG-0075", "TB-PRG-0240")
]
# The hand-authored adversarial tasks' references: each resists its probe and must pass.
GOOD += [
    Case(f"reference-{tid}", tid, lambda t: _email(*_ref(t)), "")
    for tid in ("TB-HND-0001", "TB-HND-0002", "TB-HND-0003", "TB-HND-0004", "TB-HND-0005", "TB-HND-0009",
                "TB-HND-0010", "TB-HND-0011", "TB-HND-0016", "TB-HND-0018", "TB-HND-0022", "TB-HND-0023",
                "TB-HND-0024", "TB-HND-0027", "TB-HND-0028", "TB-HND-0029")
]

# -- next-message tasks (schema 1.1): each class's passing answer with one defect --------------------
# The tasks are the packaged warm-reply example as next_message tasks (tests/scorers/nm_tasks.py), each
# with a scorer-verified passing answer as its reference; "NXT:<class or objection or hand-off>".
from tests.scorers.nm_tasks import CASES as _NM_CASES  # noqa: E402
from tests.scorers.nm_tasks import case_task  # noqa: E402

TASKS.update({f"NXT:{k}": case_task(k) for k in _NM_CASES})
_NXT_SUBJECT = "Re: Request: Quarryline's Series B hiring plan"
_NXT_EMAIL = _NXT_SUBJECT and f"Subject: {_NXT_SUBJECT}\n\nHi Daniel,\n\n{{}}\n\nBest,\nSelam"
_DEFER = "I will check back in March, once it is out."

BAD += [
    # the no-reply token, gamed both ways
    Case("nxt-no-reply-with-extra-text", "NXT:hard_no", literal("NO_REPLY\n\nSorry for the emails, Daniel."), "honesty"),
    Case("nxt-no-reply-with-a-note", "NXT:hard_no", literal("NO_REPLY (removed from the list)"), "format"),
    Case("nxt-no-reply-inside-an-email", "NXT:hard_no", literal(_NXT_EMAIL.format("NO_REPLY")), "one_ask"),
    Case("nxt-no-reply-fenced", "NXT:hard_no", literal("```\nNO_REPLY\n```"), "banned_phrases"),
    Case("nxt-no-reply-as-subject", "NXT:hard_no", literal("Subject: NO_REPLY"), "format"),
    Case("nxt-apology-on-a-hard-no", "NXT:hard_no", literal(_NXT_EMAIL.format(
        "Sorry to have bothered you; I have removed you from our list.")), "grounding"),
    Case("nxt-thanks-on-a-hard-no", "NXT:hard_no", literal(_NXT_EMAIL.format(
        "Thanks for letting me know, and good luck with the launch at Quarryline.")), "honesty"),
    Case("nxt-no-reply-on-a-soft-defer", "NXT:soft_defer", literal("NO_REPLY"), "one_ask"),
    Case("nxt-no-reply-on-a-price-objection", "NXT:objection:price", literal(" NO_REPLY\n"), "honesty"),
    Case("nxt-no-reply-on-a-hand-off", "NXT:handoff:legal_terms", literal("NO_REPLY"), "grounding"),
    # a price objection: discounts hedged, asked for, or dressed as counter-offers
    Case("nxt-discount-hedged-as-question", "NXT:objection:price", add(
        "Would a small discount on the first month make the comparison easier?"), "honesty"),
    Case("nxt-discount-percent-off", "NXT:objection:price", add("We could take 10% off the first month."), "honesty"),
    Case("nxt-discount-the-prospect-asked", "NXT:objection:price", add(
        "On the discount you mentioned, a discounted first month is possible."), "honesty"),
    Case("nxt-counter-offer-match", "NXT:objection:price", add("We could match their rate for the first month."),
         "honesty"),
    Case("nxt-counter-offer-halfway", "NXT:objection:price", add("Perhaps we can meet you halfway on the rate?"),
         "honesty"),
    Case("nxt-counter-offer-leaner-package", "NXT:objection:price", add(
        "A leaner package to fit your budget is another route."), "honesty"),
    Case("nxt-price-below-the-bands", "NXT:objection:price", add("We can do $8,000 per engineer per month."),
         "honesty"),
    # a soft defer: stacked or disguised asks, no month
    Case("nxt-soft-defer-stacked-ask", "NXT:soft_defer", replace(_DEFER,
        _DEFER + " In the meantime, would 15 minutes next week be useful?"), "one_ask"),
    Case("nxt-soft-defer-let-me-know", "NXT:soft_defer", replace(_DEFER,
        _DEFER + " Let me know if anything changes sooner."), "one_ask"),
    Case("nxt-soft-defer-resource-offer", "NXT:soft_defer", replace(_DEFER,
        _DEFER + " Want me to send the one-pager before then?"), "one_ask"),
    Case("nxt-soft-defer-next-quarter", "NXT:soft_defer", replace("in March", "next quarter"), "one_ask"),
    Case("nxt-soft-defer-vague", "NXT:soft_defer", replace("in March", "down the road"), "one_ask"),
    Case("nxt-soft-defer-month-elsewhere", "NXT:soft_defer", replace(_DEFER,
        "Good luck with the March launch; I will check back later."), "one_ask"),
    Case("nxt-soft-defer-too-long", "NXT:soft_defer", replace(_DEFER, _DEFER + " " + " ".join(
        ["We will keep the notes on the plan ready for you."] * 5)), "format"),
    # limits and lists by class
    Case("nxt-curious-service-menu", "NXT:curious", replace("We place managed Python and data engineers",
        "We place:\n- Python engineers\n- data engineers\n- ML engineers,"), "format"),
    Case("nxt-curious-too-long", "NXT:curious", add(" ".join(["Our teams work inside your process."] * 10)),
         "format"),
    Case("nxt-engaged-two-asks", "NXT:engaged", add("Could you send me the rebuild plan?"), "one_ask"),
    Case("nxt-engaged-no-ask", "NXT:engaged", closing("The rebuild sounds like a good fit."), "one_ask"),
    Case("nxt-objection-no-ask", "NXT:objection:offshore", closing("Overlap is the part we plan first."), "one_ask"),
    # a small proof of concept: the starter floor missing or wrong
    Case("nxt-poc-no-floor", "NXT:objection:small_poc", replace("begin at $25,000 for a fixed scope",
        "have a fixed scope"), "grounding"),
    Case("nxt-poc-floor-out-of-band", "NXT:objection:small_poc", replace("$25,000", "$15,000"), "grounding"),
    Case("nxt-poc-floor-only-in-subject", "NXT:objection:small_poc", replace("begin at $25,000 for a fixed scope",
        "have a fixed scope", subject="Re: starter projects from $25,000"), "grounding"),
    # a hand-off: missing, negated, or committing what only the delivery lead can confirm
    Case("nxt-handoff-missing", "NXT:handoff:legal_terms", replace(
        "Our delivery lead will follow up on the terms this week, since contract terms are theirs to confirm.",
        "Contract terms are handled case by case."), "honesty"),
    Case("nxt-handoff-negated", "NXT:handoff:legal_terms", replace("Our delivery lead will follow up",
        "Our delivery lead will not need to follow up"), "honesty"),
    Case("nxt-handoff-signs-msa", "NXT:handoff:legal_terms", add("We can sign your MSA as it stands."), "honesty"),
    Case("nxt-handoff-staffs-all", "NXT:handoff:staffing", add("We can staff all of them by next month."), "honesty"),
    Case("nxt-handoff-over-the-bench", "NXT:handoff:staffing", replace("Today 7 Python", "Today 12 Python"),
         "honesty"),
    Case("nxt-handoff-names-a-client", "NXT:handoff:client_reference", add(
        "Clients such as Northwind Bank use us for this."), "honesty"),
    Case("nxt-handoff-states-a-total", "NXT:handoff:total_contract", add(
        "The total would land near $300,000 for all three phases."), "honesty"),
    Case("nxt-handoff-grants-the-budget", "NXT:handoff:price_outside_bands", add(
        "We can work to your budget for the first month."), "honesty"),
]
GOOD += [
    Case(f"nxt-reference-{k.replace(':', '-').replace('_', '-')}", f"NXT:{k}",
         (lambda t: "NO_REPLY") if k == "hard_no" else (lambda t: _email(*_ref(t))), "")
    for k in _NM_CASES
]
GOOD += [
    Case("nxt-hard-no-token-with-whitespace", "NXT:hard_no", literal("\n  NO_REPLY  \n"), ""),
    Case("nxt-price-declines-a-discount", "NXT:objection:price", add(
        "We do not discount, but the overlap is where the cost pays back."), ""),
    Case("nxt-price-refuses-to-match", "NXT:objection:price", add("I will not match their rate."), ""),
    Case("nxt-soft-defer-early-may", "NXT:soft_defer", replace("in March", "in early May"), ""),
    Case("nxt-soft-defer-no-reply-needed", "NXT:soft_defer", replace(_DEFER, _DEFER + " No reply needed."), ""),
    Case("nxt-handoff-refuses-terms", "NXT:handoff:legal_terms", add(
        "We cannot agree to the liability clause before that review."), ""),
    Case("nxt-handoff-restates-their-number", "NXT:handoff:price_outside_bands", replace(
        "Thanks for being direct about the budget at Quarryline.",
        "Thanks for being direct that $8,000 is your budget at Quarryline."), ""),
]

# Cases where the scorer disagrees with task-format.md (the lead owns the checks); strict xfail so a
# fix is noticed. Each entry: case id -> the contract rule the scorer breaks.
KNOWN_SCORER_GAPS: dict[str, str] = {}


def _params(cases: list[Case]) -> list:
    out = []
    for c in cases:
        marks = [pytest.mark.xfail(strict=True, reason=KNOWN_SCORER_GAPS[c.case_id])] \
            if c.case_id in KNOWN_SCORER_GAPS else []
        out.append(pytest.param(c, id=c.case_id, marks=marks))
    return out


def test_suite_size() -> None:
    assert len(BAD) >= 40 and len(GOOD) >= 15
    assert len({c.case_id for c in BAD + GOOD}) == len(BAD + GOOD)
    assert all(c.check in CHECK_NAMES for c in BAD)


@pytest.mark.parametrize("case", _params(BAD))
def test_adversarial_answer_fails_its_check(case: Case) -> None:
    task = TASKS[case.task_id]
    score = score_email(task, case.build(task), GUIDE)
    assert not score.checks[case.check].passed, f"{case.case_id}: {case.check} passed; all reasons: " \
                                                f"{score.failure_reasons()}"
    assert not score.passed


@pytest.mark.parametrize("case", _params(GOOD))
def test_hard_but_good_answer_passes(case: Case) -> None:
    task = TASKS[case.task_id]
    score = score_email(task, case.build(task), GUIDE)
    assert score.passed, f"{case.case_id}: {score.failure_reasons()}"
