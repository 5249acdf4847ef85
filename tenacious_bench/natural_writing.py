"""The natural-writing validation set: emails written blind by independent writers, labelled blind.

160 emails on 80 dev and held-out tasks by four writers in distinct voices (concise strong-LLM, warm
human sales writer, formal consultant, terse founder / curious researcher), two thirds good and one
third with one realistic flaw, each labelled by its writer and by a blind second labeller
(`data_cards/labelling.md`). Split once, by task, before any scoring, into a **tuning** half (the
scorer may be developed against it; CI gates it) and a **sealed** half (scored and reported in
aggregate only; its individual failures are not read while changing the scorer).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from typing import Any

from tenacious_bench.scoring import CHECK_NAMES, score_email
from tenacious_bench.task import Task

HALVES = ("tuning", "sealed")
# Parts of the set: first emails (batches 1-2, w1-w9) and next messages (batch 3, w10-w12, issue #13).
PARTS = ("all", "first_email", "next_message")
# Gates (issue: natural writing): good emails pass, flawed ones fail, per-check kappa on the tuning half.
MIN_GOOD_PASS = 0.95
MIN_FLAWED_FAIL = 0.95
MIN_KAPPA = 0.8
MIN_FAILING_LABELS_FOR_KAPPA = 5


def _data(name: str) -> str:
    return resources.files("tenacious_bench").joinpath("data", "natural_writing", name).read_text()


def load_tasks() -> dict[str, Task]:
    """The task snapshots the emails were written against (later dataset versions cannot move them)."""
    tasks = [
        Task.model_validate_json(line)
        for name in ("tasks.jsonl", "next_message_tasks.jsonl")
        for line in _data(name).splitlines()
        if line.strip()
    ]
    return {t.task_id: t for t in tasks}


def load_rows(half: str | None = None) -> list[dict[str, Any]]:
    if half is not None and half not in HALVES:
        raise ValueError(f"unknown half {half!r}; expected one of {', '.join(HALVES)}")
    rows = [json.loads(line) for line in _data("emails.jsonl").splitlines() if line.strip()]
    return [r for r in rows if half is None or r["half"] == half]


@dataclass(frozen=True)
class NaturalReport:
    half: str
    part: str
    n: int
    good: int
    good_passed: int
    flawed: int
    flawed_failed: int
    per_check: dict[str, dict[str, Any]]  # check -> {tp, tn, fp, fn, failing_labels, kappa}
    disagreements: list[dict[str, Any]]  # empty for the sealed half: never read while tuning

    @property
    def good_pass_rate(self) -> float:
        return self.good_passed / self.good if self.good else 1.0

    @property
    def flawed_fail_rate(self) -> float:
        return self.flawed_failed / self.flawed if self.flawed else 1.0

    def gate_failures(self) -> list[str]:
        out = []
        if self.good_pass_rate < MIN_GOOD_PASS:
            out.append(f"good emails passing {self.good_pass_rate:.3f} < {MIN_GOOD_PASS}")
        if self.flawed_fail_rate < MIN_FLAWED_FAIL:
            out.append(f"flawed emails failing {self.flawed_fail_rate:.3f} < {MIN_FLAWED_FAIL}")
        for name, c in self.per_check.items():
            if c["failing_labels"] >= MIN_FAILING_LABELS_FOR_KAPPA and c["kappa"] < MIN_KAPPA:
                out.append(f"{name}: kappa {c['kappa']:.3f} < {MIN_KAPPA}")
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "half": self.half,
            "part": self.part,
            "n": self.n,
            "good": self.good,
            "good_passed": self.good_passed,
            "good_pass_rate": round(self.good_pass_rate, 4),
            "flawed": self.flawed,
            "flawed_failed": self.flawed_failed,
            "flawed_fail_rate": round(self.flawed_fail_rate, 4),
            "per_check": self.per_check,
        }


def _kappa(tp: int, tn: int, fp: int, fn: int) -> float:
    """Cohen's kappa of two binary raters; 1.0 when both are constant and equal."""
    n = tp + tn + fp + fn
    if n == 0:
        return 1.0
    po = (tp + tn) / n
    pe = ((tp + fp) / n) * ((tp + fn) / n) + ((tn + fn) / n) * ((tn + fp) / n)
    return 1.0 if pe == 1 else (po - pe) / (1 - pe)


def evaluate(half: str, part: str = "all") -> NaturalReport:
    """Score one half (all of it, or its first emails or next messages) with the current scorer.
    The sealed half reports aggregates only."""
    if part not in PARTS:
        raise ValueError(f"unknown part {part!r}; expected one of {', '.join(PARTS)}")
    tasks = load_tasks()
    rows = [
        r for r in load_rows(half)
        if part == "all" or (tasks[r["task_id"]].kind == "next_message") == (part == "next_message")
    ]
    counts = {c: {"tp": 0, "tn": 0, "fp": 0, "fn": 0} for c in CHECK_NAMES}  # positive = fails
    good = good_passed = flawed = flawed_failed = 0
    disagreements: list[dict[str, Any]] = []
    for r in rows:
        score = score_email(tasks[r["task_id"]], {"subject": r["subject"], "body": r["body"]})
        human_pass = all(r["labels"].values())
        if human_pass:
            good += 1
            good_passed += score.passed
        else:
            flawed += 1
            flawed_failed += not score.passed
        for c in CHECK_NAMES:
            human_fail, scorer_fail = not r["labels"][c], not score.checks[c].passed
            key = {(True, True): "tp", (False, False): "tn", (False, True): "fp", (True, False): "fn"}
            counts[c][key[(human_fail, scorer_fail)]] += 1
            if human_fail != scorer_fail and half == "tuning":
                disagreements.append(
                    {
                        "email_id": r["email_id"],
                        "task_id": r["task_id"],
                        "check": c,
                        "human": "fail" if human_fail else "pass",
                        "scorer_reasons": [x.message for x in score.checks[c].reasons],
                    }
                )
    per_check = {
        c: {**v, "failing_labels": v["tp"] + v["fn"], "kappa": round(_kappa(**v), 4)} for c, v in counts.items()
    }
    return NaturalReport(half, part, len(rows), good, good_passed, flawed, flawed_failed, per_check, disagreements)
