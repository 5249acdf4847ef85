"""The GRPO reward: pass@1 or the share of checks passed, GRPOTrainer's calling convention."""

from __future__ import annotations

import pytest
from tenacious_bench.training.reward import make_reward

from tenacious_bench.dataset import CanaryError, load_split


@pytest.fixture(scope="module")
def task():
    return load_split("train")[0]


def _good(task):
    return f"Subject: {task.reference.subject}\n\n{task.reference.body}"


def test_pass_at_1_and_partial(task):
    reward = make_reward([task])
    from tenacious_bench.training.dpo_data import corrupt

    from tenacious_bench.style_guide import load_style_guide

    good = _good(task)
    bad = corrupt(task, good, "banned_phrase", load_style_guide())  # fails banned_phrases only
    assert reward(["p", "p"], [good, bad], task_id=[task.task_id, task.task_id]) == [1.0, 0.0]
    partial = make_reward([task], mode="partial")
    assert partial(["p"] * 3, [good, bad, ""], task_id=[task.task_id] * 3) == [1.0, 0.8, 0.0]
    assert reward.__name__ == "tenacious_pass_at_1"


def test_conversational_completions_and_none_ids(task):
    reward = make_reward([task])
    conv = [{"role": "assistant", "content": _good(task)}]
    assert reward([[]], [conv], task_id=[task.task_id], other_column=["x"]) == [1.0]
    assert reward(["p"], ["x"], task_id=[None]) == [None]


def test_bad_inputs(task):
    reward = make_reward([task])
    with pytest.raises(ValueError, match="task_id"):
        reward(["p"], ["x"])
    with pytest.raises(KeyError, match="nope"):
        reward(["p"], ["x"], task_id=["nope"])
    with pytest.raises(ValueError, match="mode"):
        make_reward([task], mode="bleu")
    with pytest.raises(CanaryError):
        make_reward(load_split("held_out")[:1])


def test_default_tasks_are_train_and_dev():
    reward = make_reward()
    dev = load_split("dev")[0]
    assert reward(["p"], [""], task_id=[dev.task_id]) == [0.0]
