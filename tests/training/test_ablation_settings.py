"""Ablation settings, the train verb's argument split, and the metadata hashes (no training here)."""

from __future__ import annotations

import hashlib
import json

import pytest
from tenacious_bench.training.ablation import load_settings
from tenacious_bench.training.config import offline_if_local
from tenacious_bench.training.train import folder_sha256, rows_sha256

from tenacious_bench.commands.train import split_config
from tests.training.conftest import SMOKE


def test_smoke_ablation_is_three_tasks():
    s = load_settings(SMOKE)
    assert (s.held_out_tasks, s.grpo) == (3, False)
    assert load_settings(SMOKE, {"held_out_tasks": 5}).held_out_tasks == 5


def test_unknown_ablation_key(tmp_path):
    bad = tmp_path / "a.yaml"
    bad.write_text("ablation:\n  held_out: 3\n")
    with pytest.raises(ValueError, match="unknown ablation keys \\['held_out'\\]"):
        load_settings(bad)


def test_split_config():
    assert split_config(["--config", "f.yaml", "--lr", "1"]) == ("f.yaml", ["--lr", "1"])
    assert split_config(["--x", "1", "--config=g.yaml"]) == ("g.yaml", ["--x", "1"])
    with pytest.raises(ValueError, match="--config"):
        split_config(["--lr", "1"])


def test_hashes(tmp_path):
    rows = [{"b": 1, "a": "é"}]
    expected = hashlib.sha256((json.dumps({"a": "é", "b": 1}, ensure_ascii=False) + "\n").encode()).hexdigest()
    assert rows_sha256(rows) == expected
    (tmp_path / "model.safetensors").write_bytes(b"w")
    (tmp_path / "tenacious_bench_prepared.json").write_text("{}")
    first = folder_sha256(tmp_path)
    (tmp_path / "tenacious_bench_prepared.json").write_text('{"seconds": 2}')  # the marker is not hashed
    assert folder_sha256(tmp_path) == first
    (tmp_path / "model.safetensors").write_bytes(b"x")
    assert folder_sha256(tmp_path) != first


def test_offline_for_local_weights(monkeypatch, tmp_path):
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    hub = tmp_path / "hub.yaml"
    hub.write_text("base_source: hub\nbase_model: Qwen/Qwen2.5-0.5B-Instruct\n")
    offline_if_local(hub)
    import os

    assert "HF_HUB_OFFLINE" not in os.environ
    offline_if_local(SMOKE)
    assert os.environ["HF_HUB_OFFLINE"] == "1"
