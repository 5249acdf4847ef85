"""SFT rows come from train tasks only; any row with the held-out canary is refused by name."""

from __future__ import annotations

import pytest
from tenacious_bench.training.sft_data import answer_text, sft_rows, write_sft_jsonl

from tenacious_bench.dataset import CANARY, CanaryError, load_split
from tenacious_bench.prompts import build_messages


def test_sft_rows_from_train():
    train = load_split("train")
    rows = sft_rows(train)
    assert len(rows) == len(train)
    first, task = rows[0], train[0]
    assert first["messages"][:2] == build_messages(task)
    assert first["messages"][2] == {"role": "assistant", "content": answer_text(task.reference.model_dump())}
    assert not any(CANARY in str(r) for r in rows)


def test_held_out_rows_are_refused_by_name():
    held = load_split("held_out")[:2]
    with pytest.raises(CanaryError, match=held[0].task_id):
        sft_rows(load_split("train")[:3] + held)


def test_canary_smuggled_into_a_train_row_is_refused(tmp_path):
    task = load_split("train")[0]
    data = task.model_dump(mode="json", by_alias=True, exclude_none=True)
    data["metadata"]["notes"] = f"copied from {CANARY}"
    smuggled = type(task).model_validate(data)
    with pytest.raises(CanaryError, match=task.task_id):
        write_sft_jsonl([smuggled], tmp_path / "sft.jsonl")
    assert not (tmp_path / "sft.jsonl").exists()


def test_missing_reference_is_an_error():
    task = load_split("train")[0]
    data = task.model_dump(mode="json", by_alias=True, exclude_none=True)
    del data["reference"]
    with pytest.raises(ValueError, match="no reference"):
        sft_rows([type(task).model_validate(data)])
