"""`tenacious-bench train sft|dpo|grpo --config F [--key value ...]`: LoRA training with TRL (extra [train])."""

from __future__ import annotations

import argparse
import sys

HELP = "Train a LoRA adapter (SFT, DPO or GRPO via TRL) on the train split; prints the adapter folder."


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("stage", choices=["sft", "dpo", "grpo"], help="sft, dpo or grpo")
    p.add_argument(
        "args",
        nargs=argparse.REMAINDER,
        metavar="--config F [--key value ...]",
        help="a YAML config (training/configs/*.yaml) and overrides of any BenchArguments or TRL config field",
    )


def split_config(args: list[str]) -> tuple[str, list[str]]:
    """(config path, the other arguments); raises ValueError when --config is missing."""
    rest = list(args)
    for i, a in enumerate(rest):
        if a == "--config" and i + 1 < len(rest):
            return rest[i + 1], rest[:i] + rest[i + 2 :]
        if a.startswith("--config="):
            return a.split("=", 1)[1], rest[:i] + rest[i + 1 :]
    raise ValueError("--config FILE is required (see training/configs/)")


def run(args: argparse.Namespace) -> int:
    try:
        config, overrides = split_config(args.args)
    except ValueError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    from tenacious_bench.training.config import offline_if_local

    offline_if_local(config)
    try:
        from tenacious_bench.training.train import train
    except ImportError as err:  # pragma: no cover - depends on the environment
        print(f"error: training needs the [train] extra ({err}); pip install 'tenacious-bench[train]'", file=sys.stderr)
        return 2
    from tenacious_bench.models import ModelNotPreparedError

    try:
        out = train(args.stage, config, overrides)
    except (FileNotFoundError, ValueError, ModelNotPreparedError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    print(out)
    return 0
