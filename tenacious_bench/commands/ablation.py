"""`tenacious-bench ablation --config F`: train SFT, SFT->DPO (optionally GRPO), evaluate every condition on
the same held-out tasks through Inspect, and compare each with the base model."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HELP = "Run the study: base (short/full prompt), SFT, SFT then DPO, optionally GRPO; one compared report."


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--config", required=True, help="training YAML with an ablation: section (training/configs/)")
    p.add_argument("--output-dir", help="override ablation.output_dir")
    p.add_argument("--held-out-tasks", type=int, help="override ablation.held_out_tasks (first N held-out tasks)")
    p.add_argument("--max-tokens", type=int, help="override ablation.max_tokens")
    p.add_argument("--sft-adapter", help="reuse this SFT adapter instead of training one")
    p.add_argument("--dpo-adapter", help="reuse this SFT-then-DPO adapter instead of training one")
    p.add_argument("overrides", nargs=argparse.REMAINDER, help="-- then training overrides (--key value ...)")


def run(args: argparse.Namespace) -> int:
    from tenacious_bench.training.config import offline_if_local

    offline_if_local(args.config)
    from tenacious_bench.training.ablation import run_ablation

    settings = {k: v for k, v in {"output_dir": args.output_dir, "held_out_tasks": args.held_out_tasks,
                                  "max_tokens": args.max_tokens, "sft_adapter": args.sft_adapter,
                                  "dpo_adapter": args.dpo_adapter}.items() if v is not None}
    overrides = [a for a in args.overrides if a != "--"]
    try:
        result = run_ablation(args.config, overrides, settings)
    except (FileNotFoundError, ValueError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    print(Path(result["markdown"]).read_text(encoding="utf-8"))
    return 0
