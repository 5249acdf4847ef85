"""The training gate: canary, split and the contamination checker against held-out."""

from __future__ import annotations

import pytest
from tenacious_bench.training.guard import HashingEncoder, guard_rows
from tenacious_bench.training.sft_data import sft_completion_rows

from tenacious_bench.contamination import ContaminationError
from tenacious_bench.dataset import CanaryError, load_split
from tenacious_bench.prompts import build_messages


@pytest.fixture(scope="module")
def train_rows():
    train = load_split("train")[:6]
    return train, sft_completion_rows(train)


def test_clean_rows_pass(train_rows):
    train, rows = train_rows
    report = guard_rows(rows, train, embedding="hashing")
    assert report.passed


def test_held_out_brief_in_a_prompt_is_refused_without_the_canary(train_rows):
    train, rows = train_rows
    held = load_split("held_out")[0]
    smuggled = {"task_id": "copied", "prompt": build_messages(held), "completion": [{"role": "assistant", "content": "x"}]}
    with pytest.raises(ContaminationError, match=held.task_id):
        guard_rows([*rows, smuggled], train, embedding="hashing")


def test_canary_and_held_out_split_refused(train_rows):
    train, rows = train_rows
    held = load_split("held_out")[:1]
    with pytest.raises(CanaryError):
        guard_rows(rows, [*train, *held], embedding="hashing")
    with pytest.raises(CanaryError):
        guard_rows([*rows, {"task_id": "x", "text": held[0].metadata.canary}], train, embedding="hashing")


def test_encoder_injection(train_rows):
    train, rows = train_rows
    assert guard_rows(rows, train, embedding=HashingEncoder(64)).passed
    with pytest.raises(ValueError, match="embedding must be"):
        guard_rows(rows, train, embedding="bert")
    assert HashingEncoder(16).encode(["a b", "a b"]).shape == (2, 16)
