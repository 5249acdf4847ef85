"""The lm-eval door: documents, process_results, the YAMLs, registration, and real runs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from tenacious_bench.harness_tasks.utils import load_dataset, process_results, task_to_doc

from tenacious_bench.commands.lm_eval_path import harness_tasks_dir
from tenacious_bench.commands.lm_eval_register import MARKER, lm_eval_tasks_dir, register, unregister
from tenacious_bench.harness_common import METRIC_KEYS
from tenacious_bench.offline_models import email_text
from tenacious_bench.prompts import build_messages
from tests.harness.conftest import EXAMPLES_FILE

BIN = Path(sys.executable).parent


def examples_yaml(tmp_path: Path) -> Path:
    """A task over the example tasks file, built on the shipped tenacious.yaml."""
    path = tmp_path / "tenacious_examples.yaml"
    path.write_text(
        f"include: {harness_tasks_dir() / 'tenacious.yaml'}\ntask: tenacious_examples\n"
        f"dataset_kwargs:\n  split: train\n  tasks_file: {EXAMPLES_FILE}\n"
    )
    return path


def test_docs_hold_the_shared_prompt(example_tasks):
    task = example_tasks["TB-HND-EX02"]
    doc = task_to_doc(task)
    system, user = build_messages(task)
    assert (doc["system"], doc["user"]) == (system["content"], user["content"])
    assert json.loads(doc["task_json"])["task_id"] == task.task_id


def test_dataset_loads_from_the_package_anywhere(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # relative data paths would break here
    ds = load_dataset(split="held_out", pretrained="ignored-model-arg")
    assert len(ds["test"]) > 0
    assert {json.loads(d)["split"] for d in ds["test"]["task_json"]} == {"held_out"}
    with pytest.raises(ValueError, match="split"):
        load_dataset(split="validation")


def test_process_results_one_key_per_check(example_tasks):
    task = example_tasks["TB-HND-EX01"]
    doc = task_to_doc(task)
    assert process_results(doc, [email_text(task.reference.model_dump())]) == dict.fromkeys(METRIC_KEYS, 1.0)
    junk = process_results(doc, ["lol"])
    assert set(junk) == set(METRIC_KEYS) and junk["format"] == 0.0 and junk["pass_at_1"] == 0.0
    with pytest.raises(ValueError, match="one generation"):
        process_results(doc, ["a", "b"])


def test_dataset_prompt_variant_and_version():
    from tenacious_bench.dataset import load_split

    docs = load_dataset(split="dev", prompt="short", dataset_version="1.0")["test"]
    task = next(t for t in load_split("dev", version="1.0") if t.task_id == docs[0]["task_id"])
    system, user = build_messages(task, variant="short")
    assert (docs[0]["system"], docs[0]["user"], docs[0]["prompt_variant"]) == (system["content"], user["content"], "short")
    # lm-eval passes the YAML's metadata (`version: 1.0`, the task's version) as keyword arguments:
    # it must not select dataset 1.0
    default = load_dataset(split="dev", version=1.0)["test"]
    latest = {t.task_id: t.model_dump_json(by_alias=True, exclude_none=True) for t in load_split("dev")}
    assert default[0]["prompt_variant"] == "full"
    assert all(d["task_json"] == latest[d["task_id"]] for d in default)
    assert len(load_dataset(split="held_out", dataset_version="1.1")["test"]) == 99  # frozen 1.1
    assert len(default) == len(latest) == 106  # dataset 1.2


def test_yaml_metrics_and_generation_settings():
    cfg = yaml.load((harness_tasks_dir() / "tenacious.yaml").read_text(), Loader=_FunctionLoader)
    assert [m["metric"] for m in cfg["metric_list"]] == list(METRIC_KEYS)
    assert all(m["aggregation"] == "mean" for m in cfg["metric_list"])
    gen = cfg["generation_kwargs"]
    assert gen["until"] == [] and gen["max_gen_toks"] >= 512  # never the blank-line default
    names, prompts = {}, {}
    for f in harness_tasks_dir().glob("*.yaml"):
        c = yaml.load(f.read_text(), Loader=_FunctionLoader)
        if "group" in c or "slice_key" in c.get("dataset_kwargs", {}):
            continue  # the slice sub-tasks and their group (tests/harness/test_slices_harness.py)
        names[c["task"]] = c.get("dataset_kwargs", {}).get("split", "held_out")
        if c["task"] != "tenacious_reply":  # the reply-classification task has no prompt variant
            prompts[c["task"]] = c["dataset_kwargs"]["prompt"]
    assert names == {"tenacious": "held_out", "tenacious_dev": "dev", "tenacious_train": "train",
                     "tenacious_short": "held_out", "tenacious_reply": "held_out",
                     "tenacious_next_message": "held_out"}
    assert prompts == {"tenacious": "full", "tenacious_dev": "full", "tenacious_train": "full",
                       "tenacious_short": "short", "tenacious_next_message": "full"}


class _FunctionLoader(yaml.SafeLoader):
    pass


_FunctionLoader.add_constructor("!function", lambda loader, node: loader.construct_scalar(node))


def test_lm_eval_index_finds_the_tasks_by_include_path():
    from lm_eval.tasks import TaskManager

    tm = TaskManager(include_path=str(harness_tasks_dir()), include_defaults=False)
    assert {"tenacious", "tenacious_dev", "tenacious_train", "tenacious_short"} <= set(tm.all_tasks)
    task = tm.load(["tenacious_dev"])["tasks"]["tenacious_dev"]
    assert len(task.eval_docs) > 0
    from tenacious_bench.dataset import load_split

    latest = {t.task_id: t.model_dump_json(by_alias=True, exclude_none=True) for t in load_split("dev")}
    assert all(d["task_json"] == latest[d["task_id"]] for d in task.eval_docs)  # the default dataset, 1.1
    short = tm.load(["tenacious_short"])["tasks"]["tenacious_short"]
    assert {d["prompt_variant"] for d in short.eval_docs} == {"short"}


def test_register_and_remove(tmp_path):
    source = harness_tasks_dir()
    target = register(tmp_path, source)
    assert (target / MARKER).is_file()
    stub = yaml.safe_load((target / "tenacious.yaml").read_text())
    assert stub == {"include": str(source / "tenacious.yaml")}
    from lm_eval.tasks import TaskManager

    tm = TaskManager(include_path=str(tmp_path), include_defaults=False)
    assert {"tenacious", "tenacious_slices", "tenacious_seg1", "tenacious_zero_signal"} <= set(tm.all_tasks)
    register(tmp_path, source)  # idempotent
    assert unregister(tmp_path) == target and not target.exists()
    assert unregister(tmp_path) is None


def test_register_never_touches_a_foreign_folder(tmp_path):
    (tmp_path / "tenacious_bench").mkdir()
    with pytest.raises(RuntimeError, match="not written by tenacious-bench"):
        register(tmp_path, harness_tasks_dir())
    with pytest.raises(RuntimeError, match="not written by tenacious-bench"):
        unregister(tmp_path)


def run_lm_eval(args: list[str], cwd: Path) -> dict:
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "HF_DATASETS_OFFLINE": "1"}
    out = cwd / "out"
    done = subprocess.run(
        [str(BIN / "lm_eval"), *args, "--output_path", str(out)], env=env, cwd=cwd, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr[-3000:]
    [results] = list(out.rglob("results_*.json"))
    return json.loads(results.read_text())


@pytest.mark.e2e
def test_dummy_model_through_include_path(tmp_path):
    res = run_lm_eval(["--model", "dummy", "--tasks", "tenacious", "--include_path", str(harness_tasks_dir())], tmp_path)
    r = res["results"]["tenacious"]
    assert {f"{k},none" for k in METRIC_KEYS} <= set(r)
    assert r["pass_at_1,none"] == 0.0  # "lol" is not an email


@pytest.mark.e2e
@pytest.mark.xdist_group("lm_eval_tree")
def test_verbatim_tasks_tenacious_after_registration(tmp_path):
    """`lm_eval --tasks tenacious` with no --include_path (registers if needed, restores the state after)."""
    tree = lm_eval_tasks_dir()
    was_registered = (tree / "tenacious_bench" / MARKER).is_file()
    subprocess.run([str(BIN / "tenacious-bench"), "lm-eval-register"], check=True, capture_output=True)
    try:
        res = run_lm_eval(["--model", "dummy", "--tasks", "tenacious,tenacious_slices", "--limit", "1"], tmp_path)
        assert "pass_at_1,none" in res["results"]["tenacious"]
        for name in ("tenacious_slices", "tenacious_seg4", "tenacious_zero_signal", "tenacious_hand_authored"):
            assert {f"{k},none" for k in METRIC_KEYS} <= set(res["results"][name]), name
    finally:
        if not was_registered:
            subprocess.run([str(BIN / "tenacious-bench"), "lm-eval-register", "--remove"], check=True)


@pytest.mark.e2e
@pytest.mark.xdist_group("smollm2")
def test_smollm2_through_lm_eval(tmp_path, smollm2_dir):
    res = run_lm_eval(
        [
            "--model", "hf", "--model_args", f"pretrained={smollm2_dir},dtype=float32", "--device", "cpu",
            "--tasks", str(examples_yaml(tmp_path)), "--limit", "2", "--apply_chat_template",
            "--gen_kwargs", "max_gen_toks=24", "--log_samples",
        ],
        tmp_path,
    )
    r = res["results"]["tenacious_examples"]
    assert {f"{k},none" for k in METRIC_KEYS} <= set(r)
    [samples] = list((tmp_path / "out").rglob("samples_*.jsonl"))
    rows = [json.loads(line) for line in samples.read_text().splitlines()]
    assert len(rows) == 2 and all(row["resps"][0][0].strip() for row in rows)


def test_bad_inputs_are_one_clear_error(tmp_path):
    from tenacious_bench.harness_common import HarnessTaskError

    guide = tmp_path / "g.yaml"
    guide.write_text("name: x\n")
    with pytest.raises(HarnessTaskError, match=r"(?s)tenacious lm-eval task: style guide .*g.yaml:1: company: missing key"):
        load_dataset(split="train", tasks_file=EXAMPLES_FILE, style_guide=str(guide))
    bad = tmp_path / "t.jsonl"
    bad.write_text('{"task_id": "x"}\n')
    with pytest.raises(HarnessTaskError, match=r"tenacious lm-eval task: .*t.jsonl:1 \(task_id x\): field schema_version"):
        load_dataset(tasks_file=str(bad))
    empty = tmp_path / "e.jsonl"
    empty.write_text("\n")
    with pytest.raises(HarnessTaskError, match="no task in"):
        load_dataset(tasks_file=str(empty))


def test_readme_plumbing_command_is_offline_and_only_it():
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    dummy = [line for line in readme.splitlines() if "lm_eval" in line and "--model dummy" in line]
    assert dummy and all(line.startswith("HF_HUB_OFFLINE=1 lm_eval --model dummy") for line in dummy), dummy
    assert "export HF_HUB_OFFLINE" not in readme  # loading from the Hub must keep working elsewhere
