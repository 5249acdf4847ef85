"""The next-message doors: `inspect eval tenacious_bench/next_message` and `lm_eval --tasks tenacious_next_message`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from inspect_ai import eval as inspect_eval

from tenacious_bench.commands.lm_eval_path import harness_tasks_dir
from tenacious_bench.commands.lm_eval_register import MARKER, lm_eval_tasks_dir
from tenacious_bench.harness_common import METRIC_KEYS, HarnessTaskError
from tenacious_bench.next_message_tasks import load_next_message_tasks, next_message
from tenacious_bench.offline_models import composer_email, email_text
from tenacious_bench.prompts import build_messages
from tests.harness import scripted
from tests.harness.conftest import EXAMPLES_FILE
from tests.next_message.conftest import one_per_case

BIN = Path(sys.executable).parent
ENV = {**os.environ, "HF_HUB_OFFLINE": "1", "HF_DATASETS_OFFLINE": "1"}


@pytest.fixture(scope="module")
def small(nm_splits, tmp_path_factory) -> tuple[Path, list]:
    """A tasks file with one dev task per generator case (every class, objection and hand-off)."""
    tasks = one_per_case(nm_splits["dev"])
    path = tmp_path_factory.mktemp("nm") / "nm_small.jsonl"
    path.write_text("".join(t.model_dump_json(by_alias=True, exclude_none=True) + "\n" for t in tasks))
    return path, tasks


def small_yaml(tmp_path: Path, tasks_file: Path) -> Path:
    tmp_path.mkdir(parents=True, exist_ok=True)
    path = tmp_path / "tenacious_next_message_small.yaml"
    path.write_text(
        f"include: {harness_tasks_dir() / 'tenacious_next_message.yaml'}\ntask: tenacious_next_message_small\n"
        f"dataset_kwargs:\n  split: train\n  tasks_file: {tasks_file}\n"
    )
    return path


def run_inspect(tmp_path: Path, tasks_file: Path, model: str) -> dict[str, dict[str, float]]:
    [log] = inspect_eval(next_message(tasks_file=str(tasks_file)), model=model, log_dir=str(tmp_path / "inspect"),
                         display="none")
    assert log.status == "success", log.error
    return {s.id: s.scores["next_message_scorer"].value for s in log.samples}


def run_lm_eval(tmp_path: Path, tasks_file: Path) -> dict[str, dict[str, float]]:
    import lm_eval
    from lm_eval.tasks import TaskManager

    out = lm_eval.simple_evaluate(
        model=scripted.lm_eval_scripted_lm(), tasks=[str(small_yaml(tmp_path, tasks_file))],
        task_manager=TaskManager(include_defaults=False), apply_chat_template=True, log_samples=True,
    )
    rows = out["samples"]["tenacious_next_message_small"]
    return {r["doc"]["task_id"]: {k: r[k] for k in METRIC_KEYS} for r in rows}


@pytest.mark.e2e
def test_composer_model_passes_every_case_in_inspect(tmp_path, small):
    path, tasks = small
    [log] = inspect_eval(next_message(tasks_file=str(path)), model="tenacious/composer", log_dir=str(tmp_path),
                         display="none")
    assert log.status == "success", log.error
    assert {s.id: s.scores["next_message_scorer"].value["pass_at_1"] for s in log.samples} == {
        t.task_id: 1.0 for t in tasks}
    hard_no = [s for s in log.samples if s.metadata["reply_class"] == "hard_no"]
    assert hard_no and all(s.output.completion == "NO_REPLY" for s in hard_no)
    names = {key for s in log.results.scores for key in s.metrics}
    assert {f"by_class_{c}" for c in ("engaged", "curious", "soft_defer", "objection", "hard_no")} <= {
        n.split("/")[-1] for n in names}


@pytest.mark.e2e
def test_both_harnesses_score_the_same_completions_alike(tmp_path, small):
    """Composer answers, then NO_REPLY or junk, fed to both harnesses: identical per-check results."""
    path, tasks = small
    rounds = [
        {t.task_id: email_text(composer_email(t)) for t in tasks},
        {t.task_id: "NO_REPLY" if i % 2 else "lol" for i, t in enumerate(tasks)},
    ]
    outcomes = []
    for i, answers in enumerate(rounds):
        scripted.ANSWERS.clear()
        scripted.ANSWERS.update({build_messages(t)[1]["content"]: answers[t.task_id] for t in tasks})
        a = run_inspect(tmp_path / f"i{i}", path, "tbscripted/model")
        b = run_lm_eval(tmp_path / f"l{i}", path)
        assert a == b, f"round {i}"
        outcomes.append(a)
    hard_no = {t.task_id for i, t in enumerate(tasks) if t.constraints.reply_class == "hard_no" and i % 2}
    assert all(v["pass_at_1"] == 1.0 for v in outcomes[0].values())
    assert hard_no and {k for k, v in outcomes[1].items() if v["pass_at_1"] == 1.0} == hard_no


@pytest.mark.e2e
def test_inspect_eval_verbatim_on_the_shipped_held_out_split(tmp_path):
    cmd = [str(BIN / "inspect"), "eval", "tenacious_bench/next_message", "--model", "tenacious/composer",
           "--limit", "6", "--log-dir", str(tmp_path), "--display", "none"]
    done = subprocess.run(cmd, env=ENV, cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    from inspect_ai.log import list_eval_logs, read_eval_log

    [info] = list_eval_logs(str(tmp_path))
    log = read_eval_log(info)
    assert log.status == "success" and len(log.samples) == 6
    assert all(s.scores["next_message_scorer"].value["pass_at_1"] == 1.0 for s in log.samples)
    assert log.eval.metadata["dataset"]["source"] == "tenacious_bench/next_message/held_out"
    assert log.eval.metadata["dataset"]["split_sha256"]


@pytest.mark.e2e
@pytest.mark.xdist_group("lm_eval_tree")
def test_lm_eval_verbatim_after_registration(tmp_path):
    """`lm_eval --tasks tenacious_next_message` with no --include_path (registers if needed, restores after)."""
    tree = lm_eval_tasks_dir()
    was_registered = (tree / "tenacious_bench" / MARKER).is_file()
    subprocess.run([str(BIN / "tenacious-bench"), "lm-eval-register"], check=True, capture_output=True)
    try:
        out = tmp_path / "out"
        done = subprocess.run([str(BIN / "lm_eval"), "--model", "dummy", "--tasks", "tenacious_next_message",
                               "--limit", "2", "--output_path", str(out)], env=ENV, cwd=tmp_path,
                              capture_output=True, text=True)
        assert done.returncode == 0, done.stderr[-3000:]
        [results] = list(out.rglob("results_*.json"))
        r = json.loads(results.read_text())["results"]["tenacious_next_message"]
        assert {f"{k},none" for k in METRIC_KEYS} <= set(r) and r["pass_at_1,none"] == 0.0
    finally:
        if not was_registered:
            subprocess.run([str(BIN / "tenacious-bench"), "lm-eval-register", "--remove"], check=True)


def test_task_parameters_and_clear_errors(small):
    path, _ = small
    t = next_message(split="dev")
    assert t.dataset.name == "next_message_dev" and len(t.dataset) > 0
    assert t.metadata["dataset"]["source"] == "tenacious_bench/next_message/dev"
    assert next_message(tasks_file=str(path)).dataset.name == f"next_message_{path.stem}"
    with pytest.raises(HarnessTaskError, match=r"unknown task parameter\(s\) \['splits'\]"):
        next_message(splits="dev")
    with pytest.raises(HarnessTaskError, match="split must be one of"):
        next_message(split="test")
    with pytest.raises(HarnessTaskError, match="not of kind next_message"):
        next_message(tasks_file=EXAMPLES_FILE)
    with pytest.raises(HarnessTaskError, match=r"no next-message tasks in dataset version 1\.0"):
        next_message(version="1.0")
    with pytest.raises(HarnessTaskError, match="prompt must be one of"):
        next_message(prompt="long")


def test_lm_eval_documents_are_the_shared_prompt(nm_splits):
    from tenacious_bench.harness_tasks.next_message_utils import load_dataset

    ds = load_dataset(split="held_out", pretrained="ignored-model-arg")["test"]
    tasks, _ = load_next_message_tasks("held_out")
    assert len(ds) == len(tasks) == len(nm_splits["held_out"])
    system, user = build_messages(tasks[0])
    assert (ds[0]["system"], ds[0]["user"]) == (system["content"], user["content"])
    assert set(ds["reply_class"]) == {"engaged", "curious", "soft_defer", "objection", "hard_no"}
    with pytest.raises(HarnessTaskError, match="split must be one of"):
        load_dataset(split="validation")
