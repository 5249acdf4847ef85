"""`tenacious-bench compare A B`: paired statistics of two runs on the same tasks (Inspect logs or lm-eval samples)."""

from __future__ import annotations

import argparse
import sys

HELP = "Compare two runs (Inspect logs or lm-eval --log_samples files): paired bootstrap CI, exact McNemar, Holm."


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("a", help="run A (the baseline): an Inspect .eval/.json log or an lm-eval samples .jsonl")
    p.add_argument("b", help="run B, over the same tasks")
    p.add_argument("--label-a", help="name of A in the report (default: the file name)")
    p.add_argument("--label-b", help="name of B in the report")
    p.add_argument("--out", default="compare-report", help="folder for compare.json, compare.md and compare.png")
    p.add_argument("--seed", type=int, default=None, help="bootstrap seed (default 2026; printed in the report)")
    p.add_argument("--resamples", type=int, default=None, help="bootstrap resamples (default 10000)")
    p.add_argument("--allow-mismatch", action="store_true",
                   help="compare runs scored by different scorer versions, style guides or datasets (reported)")


def run(args: argparse.Namespace) -> int:
    from tenacious_bench.compare import (
        DEFAULT_RESAMPLES,
        DEFAULT_SEED,
        CompareError,
        compare_runs,
        markdown,
        read_run,
        write_report,
    )

    try:
        a, b = read_run(args.a, args.label_a), read_run(args.b, args.label_b)
        report = compare_runs(
            a, b,
            seed=DEFAULT_SEED if args.seed is None else args.seed,
            n_resamples=DEFAULT_RESAMPLES if args.resamples is None else args.resamples,
            allow_mismatch=args.allow_mismatch,
        )
    except CompareError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    paths = write_report(report, args.out)
    print(markdown(report))
    print("wrote " + ", ".join(str(p) for p in paths.values()), file=sys.stderr)
    return 0
