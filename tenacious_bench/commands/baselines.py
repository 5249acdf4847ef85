"""`tenacious-bench baselines`: score the null baselines on a split (or a tasks file) and print them."""

from __future__ import annotations

import argparse
import json
import sys

HELP = "Score null answers (empty, constant, pasted brief, anchor list, echo, borrowed reference) on a split."
SPLITS = ("train", "dev", "held_out")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    src = parser.add_mutually_exclusive_group()
    src.add_argument("--split", choices=SPLITS, help="one packaged dataset split (default: all three)")
    src.add_argument("--tasks", help="a tasks .jsonl file instead of the packaged dataset")
    parser.add_argument("--style-guide", help="a style-guide file (default: the packaged one)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of tables")
    parser.add_argument("--gate", action="store_true",
                        help="exit 1 if any baseline's pass@1 exceeds 0.02 or a check is rarely failed")


def _packaged_pool() -> dict[str, list]:
    """The packaged train and dev tasks: donors of the borrowed reference for any split."""
    from tenacious_bench.dataset import load_split

    return {s: load_split(s) for s in SPLITS}


def run(args: argparse.Namespace) -> int:
    from tenacious_bench.baselines import format_report, run_baselines
    from tenacious_bench.task import TaskError, load_tasks

    try:
        if args.tasks:
            tasks_by_label = {args.tasks: load_tasks(args.tasks)}
            pool: list = []
        else:
            splits = _packaged_pool()
            tasks_by_label = {s: splits[s] for s in ([args.split] if args.split else SPLITS)}
            pool = [t for s in ("train", "dev") for t in splits[s]]
    except (TaskError, OSError) as err:
        print(f"error: could not load tasks: {err}", file=sys.stderr)
        return 2
    reports = [
        run_baselines(tasks, label=label, reference_pool=pool, style_guide=args.style_guide)
        for label, tasks in tasks_by_label.items()
    ]
    if args.json:
        print(json.dumps([r.to_dict() for r in reports], indent=2))
    else:
        print("\n\n".join(format_report(r) for r in reports))
    failures = [f for r in reports for f in r.gate_failures()]
    if args.gate and failures:
        print("baselines gate failed:\n  " + "\n  ".join(failures), file=sys.stderr)
        return 1
    return 0
