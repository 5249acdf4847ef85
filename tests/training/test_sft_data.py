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


def test_completion_rows_are_trl_prompt_completion_with_verified_distinct_references():
    from tenacious_bench.training.sft_data import completion_texts, distinct_ngram_share, sft_completion_rows

    from tenacious_bench.scoring import score_email

    train = load_split("train")[:4]
    rows = sft_completion_rows(train, per_task=3)
    assert len(rows) == 12
    by_task = {t.task_id: t for t in train}
    for r in rows:
        assert set(r) == {"task_id", "reference_index", "prompt", "completion"}
        assert r["prompt"] == build_messages(by_task[r["task_id"]])
        assert [m["role"] for m in r["completion"]] == ["assistant"]
        assert score_email(by_task[r["task_id"]], r["completion"][0]["content"]).passed
    first = [r for r in rows if r["reference_index"] == 0]
    assert first[0]["completion"][0]["content"] == answer_text(train[0].reference.model_dump())
    for t in train:
        texts = [r["completion"][0]["content"] for r in rows if r["task_id"] == t.task_id]
        assert len(set(texts)) == 3
    assert 0.0 < distinct_ngram_share(completion_texts(rows)) <= 1.0


def test_distinct_ngram_share_hand_computed():
    from tenacious_bench.training.sft_data import distinct_ngram_share

    assert distinct_ngram_share(["a b c d e f g h", "a b c d e f g h"]) == 0.5
    assert distinct_ngram_share(["a b c d e f g h i"]) == 1.0
    assert distinct_ngram_share(["too short"]) == 0.0


def test_the_prompt_variant_is_passed_through():
    """The configs train on the short prompt; the rows carry exactly build_messages(variant=...)."""
    from tenacious_bench.training.sft_data import sft_completion_rows

    task = load_split("train")[0]
    for variant in ("short", "full"):
        (row,) = sft_completion_rows([task], prompt_variant=variant)
        assert row["prompt"] == build_messages(task, variant=variant)
    with pytest.raises(ValueError, match="variant"):
        sft_completion_rows([task], prompt_variant="tiny")
