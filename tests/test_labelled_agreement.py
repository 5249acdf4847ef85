"""CI gate: the scorer agrees with the hand labels (per-check Cohen's kappa >= 0.8, overall >= 95%).

The labelled set holds emails on train and dev tasks only, with at least 15 failing examples per
check; a label changed after seeing the scorer keeps its history in the row. Labels were judged
against the tasks as they were then, so the set carries a snapshot of those tasks
(`labelled/tasks.jsonl`): a dataset rebuild cannot silently change what a label refers to.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest

from tenacious_bench.agreement import compute_agreement, load_labelled
from tenacious_bench.scoring import CHECK_NAMES
from tenacious_bench.task import Task, load_tasks

LABELLED_DIR = Path(str(resources.files("tenacious_bench").joinpath("data", "labelled")))
MIN_KAPPA = 0.8
MIN_OVERALL = 0.95
MIN_ROWS = 150
MIN_FAILS_PER_CHECK = 15


SNAPSHOT = LABELLED_DIR / "tasks.jsonl"


@pytest.fixture(scope="module")
def tasks() -> dict[str, Task]:
    return {t.task_id: t for t in load_tasks(SNAPSHOT)}


@pytest.fixture(scope="module")
def rows() -> list:
    files = sorted(LABELLED_DIR.glob("labelled*.jsonl"))
    assert files, f"no labelled files in {LABELLED_DIR}"
    return [r for f in files for r in load_labelled(f)]


def test_labelled_set_size_and_coverage(rows: list) -> None:
    assert len(rows) >= MIN_ROWS
    for check in CHECK_NAMES:
        fails = sum(1 for r in rows if r.labels[check] is False)
        passes = sum(1 for r in rows if r.labels[check] is True)
        assert fails >= MIN_FAILS_PER_CHECK, f"{check}: only {fails} failing examples"
        assert passes >= MIN_FAILS_PER_CHECK, f"{check}: only {passes} passing examples"


def test_labelled_rows_use_train_and_dev_tasks_only(rows: list, tasks: dict[str, Task]) -> None:
    unknown = sorted({r.task_id for r in rows if r.task_id not in tasks})
    assert not unknown, f"labelled rows name unknown tasks: {unknown}"
    held_out = sorted({r.task_id for r in rows if tasks[r.task_id].split not in ("train", "dev")})
    assert not held_out, f"labelled rows on held-out tasks: {held_out}"


def test_snapshot_ids_are_not_held_out_in_the_packaged_data(tasks: dict[str, Task]) -> None:
    # A rebuild that moved a labelled task id into held_out would publish a good email for it.
    from tenacious_bench.dataset import hand_authored_path, load_split

    held_out = {t.task_id for t in load_split("held_out")}
    held_out |= {t.task_id for t in load_tasks(hand_authored_path()) if t.split == "held_out"}
    assert not sorted(set(tasks) & held_out)


def test_label_history_is_well_formed(rows: list) -> None:
    for r in rows:
        for h in r.row.get("label_history", []):
            assert set(h) >= {"check", "old", "new", "reason"}, (r.where, h)
            assert h["check"] in CHECK_NAMES and r.labels[h["check"]] == h["new"] and h["old"] != h["new"]
            assert h["reason"].strip(), r.where


def test_scorer_agrees_with_labels(rows: list, tasks: dict[str, Task]) -> None:
    report = compute_agreement(tasks, rows)
    low = {c: round(a.kappa, 3) for c, a in report.checks.items() if not a.kappa >= MIN_KAPPA}
    details = json.dumps(report.disagreements, indent=1)[:3000]
    assert not low, f"per-check kappa below {MIN_KAPPA}: {low}\n{details}"
    assert report.overall_agreement >= MIN_OVERALL, f"overall agreement {report.overall_agreement:.3f}\n{details}"
