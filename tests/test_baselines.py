"""CI gate: null answers score (almost) nothing, and every check is failed by some null answer.

Every null baseline's pass@1 must be <= 0.02 on every split of every packaged task source, and each
check must be failed by some non-empty baseline on most tasks (a check no baseline can fail is
suspect). Cases where the gate fails because of a known scorer or contract gap are strict xfails
naming the gap, so the rest of the gate keeps running and a fix is noticed.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import resources
from pathlib import Path

import pytest

from tenacious_bench.baselines import (
    BASELINE_NAMES,
    GATE_CHECK_FAILED_SHARE,
    GATE_PASS_AT_1,
    BaselineReport,
    anchor_stuffed,
    borrowed_reference,
    format_report,
    run_baselines,
)
from tenacious_bench.scoring import CHECK_NAMES
from tenacious_bench.style_guide import load_style_guide
from tenacious_bench.task import Task, load_tasks

# One worker scores each split once (the reports are cached per process), under `--dist loadgroup`.
pytestmark = pytest.mark.xdist_group("baselines")

ROOT = Path(str(resources.files("tenacious_bench")))
SPLITS = ("train", "dev", "held_out")


def _by_split(path: Path) -> Callable[[], dict[str, list[Task]]]:
    def load() -> dict[str, list[Task]]:
        tasks = load_tasks(path)
        return {s: [t for t in tasks if t.split == s] for s in SPLITS if any(t.split == s for t in tasks)}
    return load


def _dataset() -> dict[str, list[Task]]:
    from tenacious_bench.dataset import load_split

    return {s: load_split(s) for s in SPLITS}


SOURCES: dict[str, Callable[[], dict[str, list[Task]]]] = {
    "dataset": _dataset,
    "examples": _by_split(ROOT / "data" / "examples" / "tasks.jsonl"),
    "hand_authored": _by_split(ROOT / "authoring" / "hand_authored.jsonl"),
}

# A known gap of the scorer/contract (reported to the scorer's owner): on a zero-signal brief
# grounding requires only the greeting, so subject + "Hi <first name>" + a generic 15-minute ask +
# sign-off passes all five checks. Where a baseline exceeds the gate *only* on such tasks, the test
# is marked xfail with this reason; any other pass fails the gate, and a fix makes it pass.
ZERO_SIGNAL_GAP = (
    "known gap: on zero-signal briefs (no signals, no required signals) a greeting + generic ask + "
    "sign-off passes all five checks"
)

_REPORTS: dict[tuple[str, str], BaselineReport] = {}


def _report(source: str, split: str) -> BaselineReport:
    key = (source, split)
    if key not in _REPORTS:
        splits = SOURCES[source]()
        pool = [t for s in ("train", "dev") for t in splits.get(s, [])]
        _REPORTS[key] = run_baselines(splits[split], label=f"{source}/{split}", reference_pool=pool)
    return _REPORTS[key]


def _source_splits() -> list[tuple[str, str]]:
    return [(src, s) for src, load in SOURCES.items() for s in load()]


def _pass_params() -> list:
    return [pytest.param(src, split, b, id=f"{src}-{split}-{b}")
            for src, split in _source_splits() for b in BASELINE_NAMES]


@pytest.mark.parametrize(("source", "split", "baseline"), _pass_params())
def test_null_baseline_pass_at_1_within_gate(source: str, split: str, baseline: str) -> None:
    report = _report(source, split)
    r = report.results[baseline]
    assert r.n_tasks > 0 or baseline == "borrowed_reference", f"{baseline} scored no task"
    if r.pass_at_1 <= GATE_PASS_AT_1:
        return
    tasks = {t.task_id: t for t in SOURCES[source]()[split]}
    other = [tid for tid in r.passed_tasks if tasks[tid].signals or tasks[tid].constraints.required_signals]
    assert not other, f"{baseline} passes on {other}\n{format_report(report)}"
    pytest.xfail(f"{ZERO_SIGNAL_GAP}: {baseline} pass@1 {r.pass_at_1:.3f} on {len(r.passed_tasks)} zero-signal task(s)")


@pytest.mark.parametrize(("source", "split"), [pytest.param(a, b, id=f"{a}-{b}") for a, b in _source_splits()])
def test_every_check_is_failed_by_some_null_baseline(source: str, split: str) -> None:
    report = _report(source, split)
    weak = {c: report.check_failed_share(c) for c in CHECK_NAMES if report.check_failed_share(c) < GATE_CHECK_FAILED_SHARE}
    assert not weak, f"checks rarely failed by any non-empty baseline: {weak}\n{format_report(report)}"


def test_gate_catches_a_passing_baseline() -> None:
    # The gate must be able to fail: a baseline that passed on every task is reported.
    tasks = SOURCES["examples"]()["train"]
    report = run_baselines(tasks, label="self-check")
    r = report.results["constant_email"]
    r.n_passed = r.n_tasks  # pretend the constant email passed on every task
    assert any("constant_email" in f for f in report.gate_failures())


def test_anchor_stuffed_lists_every_anchor() -> None:
    guide = load_style_guide()
    for task in SOURCES["examples"]()["train"]:
        answer = anchor_stuffed(task, guide)
        assert all(f"- {a}" in answer for s in task.signals for a in s.anchors)
        assert f"Hi {task.prospect.first_name}," in answer


def test_borrowed_reference_comes_from_another_task_of_the_segment() -> None:
    tasks = SOURCES["hand_authored"]()
    pool = [t for s in ("train", "dev") for t in tasks.get(s, [])]
    for task in pool:
        donor = borrowed_reference(task, pool)
        if donor is None:
            continue
        assert donor != {"subject": task.reference.subject, "body": task.reference.body}
        owners = [t for t in pool if t.reference and t.reference.body == donor["body"]]
        assert owners and all(o.segment == task.segment and o.task_id != task.task_id for o in owners)


def test_cli_prints_table_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from tenacious_bench.cli import main

    examples = str(ROOT / "data" / "examples" / "tasks.jsonl")
    assert main(["baselines", "--tasks", examples, "--gate"]) == 0
    out = capsys.readouterr().out
    assert "pass@1" in out and "constant_email" in out and "gate: PASS" in out
    assert main(["baselines", "--tasks", examples, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {b["baseline"] for b in data[0]["baselines"]} == set(BASELINE_NAMES)


def test_cli_reports_a_bad_tasks_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from tenacious_bench.cli import main

    bad = tmp_path / "tasks.jsonl"
    bad.write_text('{"task_id": "TB-PRG-1"}\n', encoding="utf-8")
    assert main(["baselines", "--tasks", str(bad)]) == 2
    assert "could not load tasks" in capsys.readouterr().err
