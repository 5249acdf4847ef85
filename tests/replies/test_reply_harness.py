"""Both harness doors for reply classification: Inspect (tenacious_reply/* offline models) and lm-eval
(a scripted model in-process, the dummy model through the CLI); same prompts, same scores."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from inspect_ai import eval as inspect_eval
from tenacious_bench.harness_tasks.reply_utils import item_to_doc, load_dataset, process_results

from tenacious_bench.commands.lm_eval_path import harness_tasks_dir
from tenacious_bench.replies import build_reply_messages, item_row
from tenacious_bench.reply_baselines import keyword_label, run_baselines
from tenacious_bench.reply_scoring import compute_metrics
from tenacious_bench.reply_tasks import ReplyTaskError, reply_classification
from tests.harness import scripted

BIN = Path(sys.executable).parent


def _items_file(tmp_path: Path, items) -> str:
    path = tmp_path / "items.jsonl"
    path.write_text("".join(json.dumps(item_row(i)) + "\n" for i in items))
    return str(path)


def _run(task, model: str, tmp_path: Path):
    [log] = inspect_eval(task, model=model, log_dir=str(tmp_path / "logs"), display="none")
    assert log.status == "success", log.error
    [score] = log.results.scores
    return log, {name: m.value for name, m in score.metrics.items()}


@pytest.mark.e2e
def test_inspect_reference_model_is_all_correct_on_held_out(tmp_path):
    log, metrics = _run(reply_classification(), "tenacious_reply/reference", tmp_path)
    assert len(log.samples) == 100
    assert metrics["accuracy"] == 1.0 and metrics["macro_f1"] == 1.0
    assert metrics["confident_wrong_rate"] == 0.0 and metrics["missed_abstention_rate"] == 0.0
    assert metrics["items"] == 100 and metrics["gold_abstain_items"] == metrics["abstention_rate"] * 100
    assert all(metrics[f"recall_{c}"] == 1.0 for c in ("engaged", "curious", "soft_defer", "objection", "hard_no"))
    assert log.eval.task_args.get("split", "held_out") == "held_out"
    meta = log.eval.metadata
    assert meta["dataset"]["dataset_version"] == "1.2.0" and meta["reply_prompt_version"] == "1"
    sample = log.samples[0]
    assert sample.scores["reply_scorer"].value == {"correct": 1.0, "abstained": float(sample.target == "abstain"),
                                                  "confident_wrong": 0.0, "invalid": 0.0}


@pytest.mark.e2e
def test_inspect_keyword_model_equals_the_keyword_baseline(tmp_path, reply_splits):
    _, metrics = _run(reply_classification(split="dev"), "tenacious_reply/keyword", tmp_path)
    expected = run_baselines(reply_splits["dev"], reply_splits["train"])["keyword"].flat()
    for key, value in expected.items():
        if value is None:
            assert key not in metrics
        else:
            assert metrics[key] == pytest.approx(value), key


@pytest.mark.e2e
def test_inspect_leaves_out_undefined_missed_abstention(tmp_path, reply_splits):
    items = [i for i in reply_splits["dev"] if i.gold != "abstain"][:6]
    _, metrics = _run(reply_classification(items_file=_items_file(tmp_path, items)), "tenacious_reply/keyword",
                      tmp_path)
    assert "missed_abstention_rate" not in metrics and metrics["gold_abstain_items"] == 0.0
    assert all(v == v for v in metrics.values())  # no NaN


def test_inspect_task_parameters_fail_clearly(tmp_path):
    with pytest.raises(ReplyTaskError, match=r"unknown task parameter\(s\) \['splt'\]"):
        reply_classification(splt="dev")
    with pytest.raises(ReplyTaskError, match="split must be one of"):
        reply_classification(split="validation")
    with pytest.raises(ReplyTaskError, match="items file not found"):
        reply_classification(items_file=str(tmp_path / "missing.jsonl"))
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"item_id": "X"}\n')
    with pytest.raises(ReplyTaskError, match="field gold: Field required"):
        reply_classification(items_file=str(bad))


def test_lm_eval_docs_and_process_results(reply_splits):
    item = next(i for i in reply_splits["dev"] if i.gold == "abstain")
    doc = item_to_doc(item)
    system, user = build_reply_messages(item)
    assert (doc["system"], doc["user"], doc["gold"]) == (system["content"], user["content"], "abstain")
    right = process_results(doc, [" Abstain."])
    assert right["accuracy"] == 1.0 and right["abstention_rate"] == 1.0 and right["macro_f1"] == ("abstain", "abstain")
    wrong = process_results(doc, ["hard_no"])
    assert wrong["confident_wrong_rate"] == 1.0 and wrong["missed_abstention_rate"] == ("abstain", "hard_no")
    assert process_results(doc, ["no idea"])["invalid_rate"] == 1.0
    with pytest.raises(ValueError, match="one generation"):
        process_results(doc, ["a", "b"])
    assert len(load_dataset(split="dev", pretrained="ignored")["test"]) == 80


def _answers(items) -> dict[str, str]:
    """A mixed answer per item: right, wrong, abstaining and invalid answers in turn."""
    out = {}
    for n, item in enumerate(items):
        user = build_reply_messages(item)[1]["content"]
        out[user] = [f"Class: {item.gold}", keyword_label(item.reply.body), "abstain", "I am not sure"][n % 4]
    return out


@pytest.mark.e2e
def test_both_harnesses_send_the_same_prompts_and_agree(tmp_path, reply_splits):
    import lm_eval
    from lm_eval.tasks import TaskManager

    items = reply_splits["dev"][:24]
    path = _items_file(tmp_path, items)
    scripted.ANSWERS.clear()
    scripted.ANSWERS.update(_answers(items))
    answers = [scripted.ANSWERS[build_reply_messages(i)[1]["content"]] for i in items]
    expected = compute_metrics([i.gold for i in items], answers).flat()

    scripted.SEEN.clear()
    _, inspect_metrics = _run(reply_classification(items_file=path), "tbscripted/model", tmp_path)
    inspect_seen = sorted(map(json.dumps, scripted.SEEN))

    yaml_path = tmp_path / "tenacious_reply_items.yaml"
    yaml_path.write_text(f"include: {harness_tasks_dir() / 'tenacious_reply.yaml'}\ntask: tenacious_reply_items\n"
                         f"dataset_kwargs:\n  split: dev\n  items_file: {path}\n")
    scripted.SEEN.clear()
    out = lm_eval.simple_evaluate(model=scripted.lm_eval_scripted_lm(), tasks=[str(yaml_path)],
                                  task_manager=TaskManager(include_defaults=False), apply_chat_template=True)
    lm_seen = sorted(map(json.dumps, scripted.SEEN))
    lm_metrics = {k.split(",")[0]: v for k, v in out["results"]["tenacious_reply_items"].items()
                  if k.endswith(",none") and "_stderr" not in k}

    assert inspect_seen == lm_seen and len(lm_seen) == len(items)
    for key, value in expected.items():
        if value is None:
            assert key not in inspect_metrics and str(lm_metrics[key]).startswith("undefined (0 ")
        else:
            assert inspect_metrics[key] == pytest.approx(value), key
            assert lm_metrics[key] == pytest.approx(value), key


@pytest.mark.e2e
def test_lm_eval_cli_with_the_dummy_model(tmp_path):
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "HF_DATASETS_OFFLINE": "1"}
    done = subprocess.run(
        [str(BIN / "lm_eval"), "--model", "dummy", "--tasks", "tenacious_reply", "--include_path",
         str(harness_tasks_dir()), "--limit", "5", "--output_path", str(tmp_path / "out")],
        env=env, cwd=tmp_path, capture_output=True, text=True,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    [results] = list((tmp_path / "out").rglob("results_*.json"))
    r = json.loads(results.read_text())["results"]["tenacious_reply"]
    assert r["accuracy,none"] == 0.0 and r["invalid_rate,none"] == 1.0  # the dummy model answers "lol"
    assert r["precision_engaged,none"] == "undefined (0 answers naming engaged)"
