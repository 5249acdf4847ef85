"""Null baselines: answers that carry no understanding of the task, scored like any model's.

A benchmark whose score moves with quality and with nothing else gives every one of these a pass@1
near zero (the gate is 0.02). Each baseline is a function of the task (and, for the borrowed
reference, of the other tasks); none looks at the scorer. They are scored through `score_email`,
the one scoring entry point.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from tenacious_bench.prompts import build_messages, render_brief, sender_of
from tenacious_bench.scoring import CHECK_NAMES, score_email
from tenacious_bench.style_guide import StyleGuide, load_style_guide
from tenacious_bench.task import Task

GATE_PASS_AT_1 = 0.02  # every null baseline's pass@1 must stay at or below this on every split
GATE_CHECK_FAILED_SHARE = 0.5  # each check must be failed by some non-empty baseline on most tasks

# One polished, generic email, the same for every task. It is written to satisfy naive keyword
# checks: a "Request:" subject, a greeting, an uncertainty marker, a conditional, service facts,
# one 15-minute ask, a full style-guide signature. It names nothing about any prospect.
CONSTANT_EMAIL = """Subject: Request: 15 minutes on your engineering roadmap

Hi there,

Congratulations on the recent progress at your company. I cannot tell from the outside whether \
hiring is keeping pace with the roadmap, so I will not guess.

We place managed Python, Go, data, ML and infra engineers with at least three hours of overlap, \
typically deployed in about two weeks, with a one-month minimum.

If that is on your roadmap, would 15 minutes next week be useful?

Best,
Yabi
Research Partner
Tenacious Intelligence Corporation
gettenacious.com"""

GENERIC_ASK = "Would 15 minutes next week be useful?"


def empty_answer(task: Task, guide: StyleGuide) -> str:
    return ""


def constant_email(task: Task, guide: StyleGuide) -> str:
    return CONSTANT_EMAIL


def brief_pasted(task: Task, guide: StyleGuide) -> str:
    """The brief exactly as the prompt shows it, pasted back as the answer."""
    return render_brief(task)


def anchor_stuffed(task: Task, guide: StyleGuide) -> str:
    """Subject, greeting by first name, every anchor of every signal in a list, a generic ask, sign-off."""
    p = task.prospect
    sender = sender_of(task, guide)
    anchors = [a for s in task.signals for a in s.anchors]
    # A zero-signal brief has no anchors: the answer is then subject, greeting, ask and sign-off.
    listing = "".join(f"- {a}\n" for a in anchors)
    middle = f"{listing}\n" if listing else ""
    return (
        f"Subject: Request: {p.company} engineering plan\n\n"
        f"Hi {p.first_name},\n\n{middle}{GENERIC_ASK}\n\nBest,\n{sender['first_name']}"
    )


def instruction_echo(task: Task, guide: StyleGuide) -> str:
    """The prompt the model received (system and user messages), echoed back verbatim."""
    return "\n\n".join(m["content"] for m in build_messages(task, guide))


BASELINES: dict[str, Callable[[Task, StyleGuide], str]] = {
    "empty": empty_answer,
    "constant_email": constant_email,
    "brief_pasted": brief_pasted,
    "anchor_stuffed": anchor_stuffed,
    "instruction_echo": instruction_echo,
}
# Needs the other tasks: the reference email of a different task of the same segment.
BORROWED = "borrowed_reference"
BASELINE_NAMES = (*BASELINES, BORROWED)


def borrowed_reference(task: Task, pool: Sequence[Task]) -> dict[str, str] | None:
    """The reference of the next task (by task id, wrapping round) of the same segment, or None if the
    pool holds no other task of that segment with a reference."""
    candidates = sorted(
        (t for t in pool if t.segment == task.segment and t.task_id != task.task_id and t.reference is not None),
        key=lambda t: t.task_id,
    )
    if not candidates:
        return None
    after = [t for t in candidates if t.task_id > task.task_id]
    donor = (after or candidates)[0]
    assert donor.reference is not None
    return {"subject": donor.reference.subject, "body": donor.reference.body}


@dataclass
class BaselineResult:
    """One baseline's scores over a set of tasks."""

    name: str
    n_tasks: int = 0
    n_passed: int = 0
    check_passes: dict[str, int] = field(default_factory=lambda: {c: 0 for c in CHECK_NAMES})
    not_applicable: list[str] = field(default_factory=list)  # task ids with no answer for this baseline
    passed_tasks: list[str] = field(default_factory=list)  # task ids where the null answer passed all five

    @property
    def pass_at_1(self) -> float:
        return self.n_passed / self.n_tasks if self.n_tasks else 0.0

    def check_rate(self, check: str) -> float:
        return self.check_passes[check] / self.n_tasks if self.n_tasks else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "baseline": self.name,
            "n_tasks": self.n_tasks,
            "pass_at_1": self.pass_at_1,
            "check_pass_rates": {c: self.check_rate(c) for c in CHECK_NAMES},
            "not_applicable": self.not_applicable,
            "passed_tasks": self.passed_tasks,
        }


@dataclass
class BaselineReport:
    """All baselines on one split (or tasks file), and the gate's verdict."""

    label: str
    n_tasks: int
    results: dict[str, BaselineResult]
    # check -> number of tasks on which at least one non-empty baseline fails it
    check_failed_by_some: dict[str, int]

    def check_failed_share(self, check: str) -> float:
        return self.check_failed_by_some[check] / self.n_tasks if self.n_tasks else 0.0

    def gate_failures(self) -> list[str]:
        """Why the gate fails (empty when it passes)."""
        out = []
        if self.n_tasks == 0:
            out.append(f"{self.label}: no tasks")
        for r in self.results.values():
            if r.pass_at_1 > GATE_PASS_AT_1:
                out.append(f"{self.label}: baseline {r.name} pass@1 {r.pass_at_1:.3f} > {GATE_PASS_AT_1}")
        for c in CHECK_NAMES:
            share = self.check_failed_share(c)
            if share < GATE_CHECK_FAILED_SHARE:
                out.append(
                    f"{self.label}: check {c} is failed by a non-empty baseline on only {share:.1%} of tasks "
                    f"(gate {GATE_CHECK_FAILED_SHARE:.0%})"
                )
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "n_tasks": self.n_tasks,
            "baselines": [r.to_dict() for r in self.results.values()],
            "check_failed_by_some_nonempty_baseline": {c: self.check_failed_share(c) for c in CHECK_NAMES},
            "gate": {"max_pass_at_1": GATE_PASS_AT_1, "min_check_failed_share": GATE_CHECK_FAILED_SHARE,
                     "failures": self.gate_failures()},
        }


def baseline_answers(task: Task, pool: Sequence[Task], guide: StyleGuide) -> dict[str, str | dict[str, str] | None]:
    """Every baseline's answer for one task (None where the borrowed reference has no donor)."""
    answers: dict[str, str | dict[str, str] | None] = {name: fn(task, guide) for name, fn in BASELINES.items()}
    answers[BORROWED] = borrowed_reference(task, pool)
    return answers


def run_baselines(
    tasks: Sequence[Task],
    *,
    label: str,
    reference_pool: Sequence[Task] = (),
    style_guide: StyleGuide | str | None = None,
) -> BaselineReport:
    """Score every null baseline on every task. `reference_pool` adds donors for the borrowed
    reference (e.g. train and dev tasks when scoring held-out tasks, which carry no reference)."""
    guide = load_style_guide(style_guide)
    pool = [*tasks, *(t for t in reference_pool if t.task_id not in {x.task_id for x in tasks})]
    results = {name: BaselineResult(name) for name in BASELINE_NAMES}
    failed_by_some = {c: 0 for c in CHECK_NAMES}
    for task in tasks:
        failed_here: set[str] = set()
        for name, answer in baseline_answers(task, pool, guide).items():
            r = results[name]
            if answer is None:
                r.not_applicable.append(task.task_id)
                continue
            score = score_email(task, answer, guide)
            r.n_tasks += 1
            r.n_passed += score.passed
            if score.passed:
                r.passed_tasks.append(task.task_id)
            for c in CHECK_NAMES:
                if score.checks[c].passed:
                    r.check_passes[c] += 1
                elif name != "empty":
                    failed_here.add(c)
        for c in failed_here:
            failed_by_some[c] += 1
    return BaselineReport(label, len(tasks), results, failed_by_some)


def format_report(report: BaselineReport) -> str:
    """A readable table: pass@1 and per-check pass rates per baseline, then the gate's verdict."""
    short = {"banned_phrases": "banned", "format": "format", "grounding": "ground", "honesty": "honest",
             "one_ask": "one_ask"}
    head = f"{'baseline':<20}{'n':>6}{'pass@1':>9}" + "".join(f"{short[c]:>9}" for c in CHECK_NAMES)
    lines = [f"Null baselines on {report.label} ({report.n_tasks} tasks)", head, "-" * len(head)]
    for r in report.results.values():
        lines.append(
            f"{r.name:<20}{r.n_tasks:>6}{r.pass_at_1:>9.3f}" + "".join(f"{r.check_rate(c):>9.3f}" for c in CHECK_NAMES)
        )
        if r.not_applicable:
            lines.append(f"  ({len(r.not_applicable)} task(s) with no same-segment donor: not scored)")
    lines.append(
        f"{'failed by a baseline':<35}" + "".join(f"{report.check_failed_share(c):>9.3f}" for c in CHECK_NAMES)
    )
    failures = report.gate_failures()
    lines.append("gate: PASS" if not failures else "gate: FAIL\n  " + "\n  ".join(failures))
    return "\n".join(lines)


# ------------------------------------------------------------------------------------------------
# Next-message tasks (kind next_message): three null answers. `NO_REPLY` is the right answer on a
# hard no, so it is scored on the other tasks, and on hard-no tasks reported apart (a sanity figure:
# 1.0 there means the scorer lets the one right answer through).
# ------------------------------------------------------------------------------------------------
# One polite, generic reply, the same for every task: a Re: subject, a thank-you, a service fact, one
# 15-minute ask and a full signature. It answers no question and names nothing about the prospect.
CONSTANT_REPLY = """Subject: Re: your reply

Hi there,

Thank you for getting back to me, and for taking the time to reply.

We place managed engineering teams with at least three hours of overlap with your time zone, \
typically deployed in about two weeks.

Would 15 minutes next week be useful?

Best,
Yabi
Research Partner
Tenacious Intelligence Corporation
gettenacious.com"""


def no_reply(task: Task, guide: StyleGuide) -> str:
    """The style guide's no-reply token (NO_REPLY), alone."""
    return guide.no_reply_token


def constant_reply(task: Task, guide: StyleGuide) -> str:
    return CONSTANT_REPLY


def thread_echo(task: Task, guide: StyleGuide) -> str:
    """The thread so far (every message's subject and body, oldest first), echoed back as the answer."""
    return "\n\n".join(f"Subject: {m.subject}\n\n{m.body}" if m.subject else m.body for m in task.thread)


NEXT_MESSAGE_BASELINES: dict[str, Callable[[Task, StyleGuide], str]] = {
    "no_reply": no_reply,
    "constant_reply": constant_reply,
    "thread_echo": thread_echo,
}
HARD_NO = "hard_no"


@dataclass
class NextMessageBaselineReport:
    """The next-message null baselines on one split: each scored on the tasks where it is wrong (for
    `no_reply`, every task but the hard-no ones), and `no_reply` on the hard-no tasks apart."""

    label: str
    n_tasks: int
    results: dict[str, BaselineResult]
    no_reply_on_hard_no: BaselineResult

    def gate_failures(self) -> list[str]:
        out = []
        if self.n_tasks == 0:
            out.append(f"{self.label}: no next-message tasks")
        for r in self.results.values():
            if r.pass_at_1 > GATE_PASS_AT_1:
                out.append(f"{self.label}: next-message baseline {r.name} pass@1 {r.pass_at_1:.3f} > {GATE_PASS_AT_1} "
                           f"on the {r.n_tasks} tasks where it is wrong")
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "kind": "next_message",
            "n_tasks": self.n_tasks,
            "baselines": [r.to_dict() for r in self.results.values()],
            "no_reply_on_hard_no": self.no_reply_on_hard_no.to_dict(),
            "gate": {"max_pass_at_1": GATE_PASS_AT_1, "failures": self.gate_failures()},
        }


def run_next_message_baselines(
    tasks: Sequence[Task], *, label: str, style_guide: StyleGuide | str | None = None
) -> NextMessageBaselineReport:
    """Score the three next-message null answers on next_message tasks (others are refused)."""
    wrong_kind = [t.task_id for t in tasks if t.kind != "next_message"]
    if wrong_kind:
        raise ValueError(f"next-message baselines take next_message tasks only; got {', '.join(wrong_kind[:3])}")
    guide = load_style_guide(style_guide)
    results = {name: BaselineResult(name) for name in NEXT_MESSAGE_BASELINES}
    on_hard_no = BaselineResult("no_reply (hard_no tasks)")
    for task in tasks:
        hard_no = task.constraints.reply_class == HARD_NO
        for name, fn in NEXT_MESSAGE_BASELINES.items():
            r = on_hard_no if (name == "no_reply" and hard_no) else results[name]
            score = score_email(task, fn(task, guide), guide)
            r.n_tasks += 1
            r.n_passed += score.passed
            if score.passed:
                r.passed_tasks.append(task.task_id)
            for c in CHECK_NAMES:
                r.check_passes[c] += score.checks[c].passed
    return NextMessageBaselineReport(label, len(tasks), results, on_hard_no)


def format_next_message_report(report: NextMessageBaselineReport) -> str:
    short = {"banned_phrases": "banned", "format": "format", "grounding": "ground", "honesty": "honest",
             "one_ask": "one_ask"}
    head = f"{'baseline':<26}{'n':>6}{'pass@1':>9}" + "".join(f"{short[c]:>9}" for c in CHECK_NAMES)
    lines = [f"Next-message null baselines on {report.label} ({report.n_tasks} tasks; each scored where it is wrong)",
             head, "-" * len(head)]
    for r in [*report.results.values(), report.no_reply_on_hard_no]:
        lines.append(
            f"{r.name:<26}{r.n_tasks:>6}{r.pass_at_1:>9.3f}" + "".join(f"{r.check_rate(c):>9.3f}" for c in CHECK_NAMES)
        )
    lines.append("  (no_reply on hard_no tasks is the right answer there: reported, not gated)")
    failures = report.gate_failures()
    lines.append("gate: PASS" if not failures else "gate: FAIL\n  " + "\n  ".join(failures))
    return "\n".join(lines)
