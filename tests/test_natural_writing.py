"""The natural-writing validation set: its protocol holds, and the tuning half passes its gates.

The sealed half is scored by `tenacious-bench natural --half sealed` and reported in
docs/validity.md; it is not a CI gate, and its individual failures are not read while changing the
scorer (see data_cards/labelling.md).
"""

from __future__ import annotations

import json
from collections import Counter

import pytest

from tenacious_bench.dataset import CANARY
from tenacious_bench.natural_writing import (
    MIN_FAILING_LABELS_FOR_KAPPA,
    MIN_FLAWED_FAIL,
    MIN_GOOD_PASS,
    MIN_KAPPA,
    evaluate,
    load_rows,
    load_tasks,
)
from tenacious_bench.scoring import CHECK_NAMES


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    return load_rows()


def test_protocol(rows: list[dict]) -> None:
    tasks = load_tasks()
    assert len(rows) >= 150
    good = sum(all(r["labels"].values()) for r in rows)
    assert good * 3 >= 2 * len(rows), "at least two thirds good"
    assert len({r["writer"] for r in rows}) >= 3
    assert {tasks[r["task_id"]].split for r in rows} == {"dev", "held_out"}
    # Split once, by task: no task in both halves.
    halves_of = {}
    for r in rows:
        assert halves_of.setdefault(r["task_id"], r["half"]) == r["half"]
    # Every email labelled by its writer and by a blind second labeller; the final labels are complete.
    for r in rows:
        assert set(r["labels"]) == set(CHECK_NAMES) and all(isinstance(v, bool) for v in r["labels"].values())
        assert set(r["history"]["pass2_blind"]) == set(CHECK_NAMES)
        if tasks[r["task_id"]].split == "held_out":
            assert r["canary"] == CANARY  # no training builder may take a good held-out email


def test_the_sealed_half_is_sizeable(rows: list[dict]) -> None:
    sealed = [r for r in rows if r["half"] == "sealed"]
    assert len(sealed) >= 75
    assert Counter(all(r["labels"].values()) for r in sealed)[False] >= 20


def test_tuning_half_gates() -> None:
    report = evaluate("tuning")
    detail = "\n".join(f"{d['email_id']} {d['check']}: {d['scorer_reasons'][:2]}" for d in report.disagreements)
    assert report.good_pass_rate >= MIN_GOOD_PASS, detail
    assert report.flawed_fail_rate >= MIN_FLAWED_FAIL, detail
    for name, c in report.per_check.items():
        if c["failing_labels"] >= MIN_FAILING_LABELS_FOR_KAPPA:
            assert c["kappa"] >= MIN_KAPPA, (name, c, detail)


def test_sealed_report_carries_no_individual_failures() -> None:
    report = evaluate("sealed")
    assert report.disagreements == []
    assert json.dumps(report.to_dict())  # aggregates only, serialisable for docs/validity.md


def test_next_message_part_covers_every_reply_class(rows: list[dict]) -> None:
    tasks = load_tasks()
    nm = [r for r in rows if tasks[r["task_id"]].kind == "next_message"]
    assert len(nm) >= 75 and len({r["writer"] for r in nm}) == 3
    assert {tasks[r["task_id"]].constraints.reply_class for r in nm} == {
        "engaged", "curious", "soft_defer", "objection", "hard_no"}
    assert {r["half"] for r in nm} == {"tuning", "sealed"}
    # Hard-no answers are NO_REPLY rows, labelled as passing every check when good.
    assert any(r["body"].strip() == "NO_REPLY" and all(r["labels"].values()) for r in nm)


def test_parts_split_the_half() -> None:
    whole = evaluate("tuning")
    first, nxt = evaluate("tuning", "first_email"), evaluate("tuning", "next_message")
    assert whole.n == first.n + nxt.n and first.n and nxt.n
    assert whole.good == first.good + nxt.good
    with pytest.raises(ValueError, match="unknown part"):
        evaluate("tuning", "replies")
