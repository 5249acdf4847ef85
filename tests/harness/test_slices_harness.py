"""Slices in both harnesses: Inspect's per-slice metrics and lm-eval's slice sub-tasks give the figures
of `tenacious_bench.slices` on the same completions, and put each task in the slices slices.py does."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from inspect_ai import eval as inspect_eval
from tenacious_bench.harness_tasks import slice_tasks
from tenacious_bench.harness_tasks.utils import load_dataset

from tenacious_bench import dataset
from tenacious_bench.commands.lm_eval_path import harness_tasks_dir
from tenacious_bench.harness_common import METRIC_KEYS, HarnessTaskError
from tenacious_bench.inspect_tasks import outreach, task_to_sample
from tenacious_bench.offline_models import composer_email, email_text
from tenacious_bench.prompts import build_messages
from tenacious_bench.scoring import CHECK_NAMES, score_email
from tenacious_bench.slices import SLICES, slice_summaries, slice_values
from tests.harness import scripted


@pytest.fixture(scope="module")
def few_tasks() -> list:
    """A handful of held-out tasks covering every slice value of the split (greedy)."""
    tasks = dataset.load_split("held_out")
    wanted = {(k, v) for t in tasks for k, v in slice_values(t).items()}
    picked = []
    while wanted:
        best = max(tasks, key=lambda t: len(wanted & set(slice_values(t).items())))
        picked.append(best)
        wanted -= set(slice_values(best).items())
    assert len(picked) <= 8
    return picked


@pytest.fixture(scope="module")
def few_file(few_tasks, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("slices") / "few.jsonl"
    path.write_text("".join(t.model_dump_json(by_alias=True, exclude_none=True) + "\n" for t in few_tasks))
    return path


def answers(tasks) -> dict[str, str]:
    """The composer's passing email for every other task, a banned phrase or no email for the rest."""
    out = {}
    for i, t in enumerate(tasks):
        email = composer_email(t)
        if i % 3 == 1:
            email = {**email, "body": "We are world-class. " + email["body"]}
        out[build_messages(t)[1]["content"]] = email_text(email) if i % 3 != 2 else "lol"
    return out


def expected(tasks) -> dict[str, dict[str, dict]]:
    texts = answers(tasks)
    return slice_summaries((t, score_email(t, texts[build_messages(t)[1]["content"]])) for t in tasks)


def test_sample_and_doc_slices_are_slices_py(few_tasks, few_file):
    docs = load_dataset(tasks_file=str(few_file))["test"]
    for task, doc in zip(few_tasks, docs, strict=True):
        meta = task_to_sample(task).metadata
        assert {k: str(meta[k]) for k in SLICES} == slice_values(task)
        assert {k: doc[k] for k in SLICES} == slice_values(task)


def test_lm_eval_slice_filter_keeps_exactly_the_slice(few_tasks, few_file):
    for key in SLICES:
        for value in {slice_values(t)[key] for t in few_tasks}:
            docs = load_dataset(tasks_file=str(few_file), slice_key=key, slice_value=value)["test"]
            assert docs["task_id"] == [t.task_id for t in few_tasks if slice_values(t)[key] == value]
    with pytest.raises(HarnessTaskError, match=r"slice_key \(one of \['segment', 'kind'"):
        load_dataset(tasks_file=str(few_file), slice_key="segmnt", slice_value="1")
    with pytest.raises(HarnessTaskError, match="has kind=nope"):
        load_dataset(tasks_file=str(few_file), slice_key="kind", slice_value="nope")


def test_slice_yamls_are_generated_from_slices_py():
    folder = harness_tasks_dir()
    files = slice_tasks.render()
    for name, text in files.items():
        assert (folder / name).read_text() == text, f"{name} is stale: python -m tenacious_bench.harness_tasks.slice_tasks"
    generated = {p.name for p in folder.glob("*.yaml") if p.read_text().startswith(slice_tasks.HEADER)}
    assert generated == set(files)
    names = {n.removesuffix(".yaml") for n in files} - {slice_tasks.GROUP}
    assert {"tenacious_seg1", "tenacious_seg4", "tenacious_cold", "tenacious_warm_reply", "tenacious_re_engagement",
            "tenacious_programmatic", "tenacious_hand_authored", "tenacious_zero_signal",
            "tenacious_with_signal"} <= names


def test_inspect_reports_slices_py_figures_per_slice(tmp_path, few_tasks, few_file):
    scripted.ANSWERS.clear()
    scripted.ANSWERS.update(answers(few_tasks))
    [log] = inspect_eval(outreach(tasks_file=str(few_file)), model="tbscripted/model", log_dir=str(tmp_path),
                         display="none")
    assert log.status == "success", log.error
    assert log.results.scores[0].name == "pass_at_1"  # still the headline
    want = expected(few_tasks)
    for score in log.results.scores:
        metrics = {m.name: m.value for m in score.metrics.values()}
        for key, values in want.items():
            for value, summary in values.items():
                rate = summary["pass_at_1"] if score.name == "pass_at_1" else summary["checks"][score.name]
                assert metrics[f"{key}={value}"] == pytest.approx(rate), (score.name, key, value)
                assert f"{key}={value}_stderr" in metrics


def test_lm_eval_group_reports_slices_py_figures_per_sub_task(few_tasks, few_file):
    import lm_eval
    from lm_eval.tasks import TaskManager

    scripted.ANSWERS.clear()
    scripted.ANSWERS.update(answers(few_tasks))
    out = lm_eval.simple_evaluate(
        model=scripted.lm_eval_scripted_lm(), tasks=[slice_tasks.GROUP],
        task_manager=TaskManager(include_path=str(harness_tasks_dir()), include_defaults=False,
                                 metadata={"tasks_file": str(few_file)}),  # what --metadata does
        apply_chat_template=True,
    )
    results = out["results"]
    want = expected(few_tasks)
    for key, values in want.items():
        for value, summary in values.items():
            r = results[slice_tasks.subtask_name(key, value)]
            for check in CHECK_NAMES:
                assert r[f"{check},none"] == pytest.approx(summary["checks"][check])
            assert r["pass_at_1,none"] == pytest.approx(summary["pass_at_1"])
            assert all(f"{m}_stderr,none" in r for m in METRIC_KEYS)
    # the group line is the whole run's figure (every task sits in one slice per key)
    overall = sum(v["pass_at_1"] * v["n"] for v in want["kind"].values()) / len(few_tasks)
    assert 0 < overall < 1 and math.isclose(results[slice_tasks.GROUP]["pass_at_1,none"], overall)


def test_slice_metric_reads_old_logs_without_slice_keys(few_tasks):
    """Samples logged before the slice keys were in their metadata (re-scored with `inspect score`)."""
    from inspect_ai.scorer import SampleScore, Score

    from tenacious_bench.inspect_tasks import slices

    scores = [
        SampleScore(score=Score(value=float(i % 2)), sample_id=t.task_id,
                    sample_metadata={"task": task_to_sample(t).metadata["task"]})
        for i, t in enumerate(few_tasks)
    ]
    got = slices()(scores)
    for key in SLICES:
        for value in {slice_values(t)[key] for t in few_tasks}:
            members = [i % 2 for i, t in enumerate(few_tasks) if slice_values(t)[key] == value]
            assert got[f"{key}={value}"] == pytest.approx(sum(members) / len(members))
