"""The Inspect door: task parameters, samples, the dict-valued scorer, log metadata, re-scoring."""

from __future__ import annotations

import os
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest
from inspect_ai import eval as inspect_eval

from tenacious_bench.harness_common import METRIC_KEYS, HarnessTaskError
from tenacious_bench.inspect_tasks import outreach, parse_kinds, parse_segments, task_to_sample
from tenacious_bench.offline_models import email_text
from tenacious_bench.prompts import build_messages
from tenacious_bench.scoring import SCORER_VERSION, score_email
from tenacious_bench.style_guide import load_style_guide
from tests.harness import scripted
from tests.harness.conftest import EXAMPLES_FILE

INSPECT = str(Path(sys.executable).parent / "inspect")


def run_scripted(tmp_path: Path, answers: dict[str, str], **task_args) -> object:
    scripted.ANSWERS.clear()
    scripted.ANSWERS.update(answers)
    [log] = inspect_eval(
        outreach(tasks_file=EXAMPLES_FILE, split="train", **task_args),
        model="tbscripted/model",
        log_dir=str(tmp_path),
        display="none",
    )
    assert log.status == "success", log.error
    return log


def means(log) -> dict[str, float]:
    """Per-key mean from a log's results (Inspect reports a dict score as one EvalScore per key)."""
    return {s.name: s.metrics["mean"].value for s in log.results.scores}


def user_prompt(task) -> str:
    return build_messages(task)[1]["content"]


@pytest.mark.parametrize(("value", "expected"), [(None, []), (2, [2]), ("1,3", [1, 3]), ([4, "2"], [4, 2])])
def test_segments_parse(value, expected):
    assert parse_segments(value) == expected


@pytest.mark.parametrize("value", [0, 5, "x", 1.5])
def test_bad_segment_is_named(value):
    with pytest.raises(HarnessTaskError, match="segment"):
        parse_segments(value)


def test_bad_kind_is_named():
    assert parse_kinds("cold,warm_reply") == ["cold", "warm_reply"]
    with pytest.raises(HarnessTaskError, match="cold_email"):
        parse_kinds("cold_email")


def test_unknown_split_and_empty_filter_fail():
    with pytest.raises(HarnessTaskError, match="split"):
        outreach(split="test")
    with pytest.raises(HarnessTaskError, match="no task left"):
        outreach(tasks_file=EXAMPLES_FILE, split="train", segment=4)
    with pytest.raises(HarnessTaskError, match="not found"):
        outreach(tasks_file="/nonexistent/tasks.jsonl")


def test_sample_carries_task_and_shared_prompt(example_tasks):
    task = example_tasks["TB-HND-EX01"]
    sample = task_to_sample(task)
    assert sample.id == task.task_id
    assert [(m.role, m.text) for m in sample.input] == [(m["role"], m["content"]) for m in build_messages(task)]
    assert sample.metadata["task"]["task_id"] == task.task_id
    # the brief and the limits are stated in the prompt
    assert "Limits: subject at most 60 characters; body at most 120 words." in sample.input[1].text
    assert "$14M Series A" in sample.input[1].text


def test_filters_and_default_split():
    full = outreach()  # held_out, the shipped dataset
    assert len(full.dataset) > 0
    assert all(s.metadata["task"]["split"] == "held_out" for s in full.dataset)
    cold = outreach(kind="cold", segment="1,2")
    assert 0 < len(cold.dataset) < len(full.dataset)
    assert all(s.metadata["kind"] == "cold" and s.metadata["segment"] in (1, 2) for s in cold.dataset)


def test_prompt_variant_and_dataset_version_parameters():
    short = outreach(split="dev", prompt="short", version="1.0", kind="cold")
    sample = short.dataset[0]
    from tenacious_bench.task import parse_task

    task = parse_task(sample.metadata["task"])
    assert [m.text for m in sample.input] == [m["content"] for m in build_messages(task, variant="short")]
    assert short.metadata["prompt_variant"] == "short" and short.metadata["prompt_version"] == "2"
    assert short.metadata["dataset"]["dataset_version"] == "1.0.0"
    default = outreach(split="dev", kind="cold")
    assert default.metadata["prompt_variant"] == "full"
    assert default.metadata["dataset"]["dataset_version"] == "1.2.0"
    frozen = outreach(split="held_out", version="1.1")
    assert frozen.metadata["dataset"]["dataset_version"] == "1.1.0" and len(frozen.dataset) == 99
    with pytest.raises(HarnessTaskError, match="prompt must be one of"):
        outreach(prompt="long")
    with pytest.raises(HarnessTaskError, match="version must be one of"):
        outreach(version="0.9")


def test_scores_explanations_and_log_metadata(tmp_path, example_tasks):
    tasks = list(example_tasks.values())
    answers = {user_prompt(t): email_text(t.reference.model_dump()) for t in tasks}
    bad = tasks[0]
    answers[user_prompt(bad)] = email_text(
        {"subject": bad.reference.subject, "body": bad.reference.body.replace("Congratulations", "We are world-class. Congratulations")}
    )
    log = run_scripted(tmp_path, answers)
    by_id = {s.id: s.scores["outreach_scorer"] for s in log.samples}
    for t in tasks:
        score = by_id[t.task_id]
        assert set(score.value) == set(METRIC_KEYS)
        expected = score_email(t, score.answer)
        assert score.value["pass_at_1"] == float(expected.passed)
    assert by_id[bad.task_id].value["banned_phrases"] == 0.0
    assert by_id[bad.task_id].value["pass_at_1"] == 0.0
    assert "world-class" in by_id[bad.task_id].explanation
    assert by_id[tasks[1].task_id].explanation == "all five checks pass"
    assert means(log) == pytest.approx(
        {"banned_phrases": 2 / 3, "format": 1.0, "grounding": 1.0, "honesty": 1.0, "one_ask": 1.0, "pass_at_1": 2 / 3}
    )
    assert all("stderr" in s.metrics for s in log.results.scores)
    meta = log.eval.metadata
    assert meta["scorer_version"] == SCORER_VERSION
    assert meta["style_guide_sha256"] == load_style_guide().sha256
    assert len(meta["dataset"]["tasks_file_sha256"]) == 64
    assert meta["generation_defaults"] == {"max_tokens": 512, "temperature": 0.0}
    assert log.plan.config.max_tokens == 512


def test_custom_style_guide_is_used_and_recorded(tmp_path, example_tasks):
    guide_text = resources.files("tenacious_bench").joinpath("data", "style_guide.yaml").read_text(encoding="utf-8")
    custom = tmp_path / "guide.yaml"
    # A stricter guide: the word "roadmap" (in EX01's reference) becomes a banned phrase.
    custom.write_text(guide_text.replace("banned_phrases:\n", "banned_phrases:\n  - roadmap\n", 1))
    task = example_tasks["TB-HND-EX01"]
    answers = {build_messages(t, str(custom))[1]["content"]: email_text(t.reference.model_dump()) for t in example_tasks.values()}
    log = run_scripted(tmp_path, answers, style_guide=str(custom))
    score = next(s for s in log.samples if s.id == task.task_id).scores["outreach_scorer"]
    assert score.value["banned_phrases"] == 0.0
    assert log.eval.metadata["style_guide_sha256"] == load_style_guide(str(custom)).sha256 != load_style_guide().sha256


@pytest.mark.e2e
def test_composer_model_passes_the_held_out_split_and_rescoring_works(tmp_path):
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    cmd = [INSPECT, "eval", "tenacious_bench/outreach", "--model", "tenacious/composer", "--log-dir", str(tmp_path),
           "--display", "none"]
    subprocess.run(cmd, check=True, env=env, cwd=tmp_path, capture_output=True, text=True)
    from inspect_ai.log import list_eval_logs, read_eval_log

    [info] = list_eval_logs(str(tmp_path))
    log = read_eval_log(info)
    assert log.status == "success"
    assert means(log)["pass_at_1"] == 1.0
    # pass@1 and every check per slice, with its stderr (tests/harness/test_slices_harness.py checks the figures)
    for score in log.results.scores:
        names = {m.name for m in score.metrics.values()}
        assert {"segment=4", "kind=cold_stderr", "source_mode=hand_authored", "zero_signal=yes_stderr"} <= names
    assert log.eval.metadata["dataset"]["manifest_sha256"]
    assert log.stats.model_usage["tenacious/composer"].output_tokens > 0
    # re-score the log with `inspect score` (the scorer is named: Inspect logs it unqualified)
    rescore = [INSPECT, "score", info.name, "--scorer", "tenacious_bench/outreach_scorer", "--action", "overwrite",
               "--overwrite"]
    done = subprocess.run(rescore, env=env, cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    again = read_eval_log(info)
    assert means(again)["pass_at_1"] == 1.0


@pytest.mark.e2e
@pytest.mark.xdist_group("smollm2")
def test_smollm2_runs_offline(tmp_path, smollm2_dir, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    [log] = inspect_eval(
        outreach(kind="cold"),
        model="tenacious/smollm2",
        model_args={"path": str(smollm2_dir)},
        limit=2,
        max_tokens=24,
        log_dir=str(tmp_path),
        display="none",
    )
    assert log.status == "success", log.error
    assert len(log.samples) == 2
    for s in log.samples:
        assert s.output.completion.strip()
        assert set(s.scores["outreach_scorer"].value) == set(METRIC_KEYS)
    assert log.stats.model_usage["tenacious/smollm2"].output_tokens > 0


def test_missing_model_is_an_error(tmp_path):
    from tenacious_bench.models import ModelNotPreparedError

    with pytest.raises(Exception, match="prepare-model") as info:
        inspect_eval(
            outreach(tasks_file=EXAMPLES_FILE, split="train"),
            model="tenacious/smollm2",
            model_args={"path": str(tmp_path / "nothing")},
            log_dir=str(tmp_path),
            display="none",
        )
    assert isinstance(info.value, ModelNotPreparedError) or "prepare-model" in str(info.value)


def test_unknown_task_parameter_is_refused():
    from inspect_ai._eval.registry import task_create

    with pytest.raises(HarnessTaskError, match=r"unknown task parameter\(s\) \['styleguide'\]; the parameters are"):
        outreach(tasks_file=EXAMPLES_FILE, styleguide="guide.yaml")
    # through Inspect's own `-T` path (which only warns for tasks without **kwargs)
    with pytest.raises(HarnessTaskError, match="styleguide"):
        task_create("tenacious_bench/outreach", styleguide="guide.yaml")


def test_bad_split_is_a_short_error_without_traceback():
    proc = subprocess.run(
        [INSPECT, "eval", "tenacious_bench/outreach", "--model", "tenacious/composer", "-T", "split=test"],
        capture_output=True, text=True, env={**os.environ, "HF_HUB_OFFLINE": "1"}, timeout=120,
    )
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0
    assert "split must be one of ['train', 'dev', 'held_out'], got 'test'" in " ".join(out.split())
    assert "Traceback" not in out and len(out.strip().splitlines()) <= 3, out


def test_tasks_file_names_the_dataset_and_pass_at_1_heads_the_results(tmp_path, example_tasks):
    answers = {user_prompt(t): "Subject: x\n\nHi" for t in example_tasks.values()}
    log = run_scripted(tmp_path, answers)
    assert log.eval.dataset.name == "outreach_tasks"  # the file's stem, not "..._held_out"
    first = log.results.scores[0]
    assert first.name == "pass_at_1" and first.metrics["tenacious_bench/pass@1"].value == 0.0
    assert log.results.headline.score == "pass_at_1"  # Inspect's live progress line shows the headline
    assert outreach(split="dev").dataset.name == "outreach_dev"
