"""The independent blind labelling pass agrees with the scorer (kappa >= 0.8 per check, >= 95% overall)."""

from __future__ import annotations

from pathlib import Path

from tenacious_bench.agreement import compute_agreement, load_labelled
from tenacious_bench.task import load_tasks

ROOT = Path(__file__).resolve().parents[1]


def test_blind_pass_agrees_with_the_scorer():
    tasks = {t.task_id: t for t in load_tasks(ROOT / "tenacious_bench" / "data" / "labelled" / "tasks.jsonl")}
    rows = load_labelled(ROOT / "data_cards" / "labelling" / "blind_pass.jsonl")
    assert len(rows) == 60
    report = compute_agreement(tasks, rows)
    for check in report.checks.values():
        assert check.kappa >= 0.8, (check.name, check.kappa)
    assert report.overall_agreement >= 0.95
