"""Next-message null baselines: always NO_REPLY, a constant polite reply, the thread echoed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tenacious_bench.baselines import (
    GATE_PASS_AT_1,
    format_next_message_report,
    run_next_message_baselines,
)
from tenacious_bench.next_message import SPLITS

BIN = Path(sys.executable).parent


@pytest.mark.parametrize("split", SPLITS)
def test_baselines_stay_under_the_gate(nm_splits, split):
    report = run_next_message_baselines(nm_splits[split], label=split)
    assert report.gate_failures() == []
    hard_no = sum(t.constraints.reply_class == "hard_no" for t in nm_splits[split])
    assert report.results["no_reply"].n_tasks == len(nm_splits[split]) - hard_no
    for r in report.results.values():
        assert r.pass_at_1 <= GATE_PASS_AT_1
    # NO_REPLY is the right answer on a hard no: reported apart, and it passes there
    assert report.no_reply_on_hard_no.n_tasks == hard_no and report.no_reply_on_hard_no.pass_at_1 == 1.0
    text = format_next_message_report(report)
    assert "no_reply (hard_no tasks)" in text and "gate: PASS" in text


def test_a_passing_baseline_fails_the_gate(nm_splits):
    hard_no = [t for t in nm_splits["dev"] if t.constraints.reply_class == "hard_no"]
    report = run_next_message_baselines(hard_no, label="hard_no only")
    # on hard-no tasks only, NO_REPLY is never "wrong": nothing gated for it, and emails still fail
    assert report.results["no_reply"].n_tasks == 0 and report.gate_failures() == []
    report.results["constant_reply"].n_passed = report.results["constant_reply"].n_tasks
    assert any("constant_reply" in f for f in report.gate_failures())


def test_email_tasks_are_refused(example_tasks):
    with pytest.raises(ValueError, match="next_message tasks only"):
        run_next_message_baselines(list(example_tasks.values()), label="x")


def test_cli_routes_a_next_message_file_to_its_baselines(tmp_path, nm_splits):
    path = tmp_path / "nm.jsonl"
    path.write_text("".join(t.model_dump_json(by_alias=True, exclude_none=True) + "\n" for t in nm_splits["dev"]))
    done = subprocess.run([str(BIN / "tenacious-bench"), "baselines", "--tasks", str(path), "--json", "--gate"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    [report] = json.loads(done.stdout)
    assert report["kind"] == "next_message" and report["gate"]["failures"] == []
    assert [b["baseline"] for b in report["baselines"]] == ["no_reply", "constant_reply", "thread_echo"]
