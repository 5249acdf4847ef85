"""`tenacious-bench baselines`: score the null baselines on a split (or a tasks file) and print them."""

from __future__ import annotations

import argparse
import json
import sys

HELP = ("Score null answers (empty, constant, pasted brief, anchor list, echo, borrowed reference) on a split, "
        "and on next-message tasks (always NO_REPLY, a constant polite reply, the thread echoed).")
SPLITS = ("train", "dev", "held_out")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    src = parser.add_mutually_exclusive_group()
    src.add_argument("--split", choices=SPLITS, help="one packaged dataset split (default: all three)")
    src.add_argument("--tasks", help="a tasks .jsonl file instead of the packaged dataset")
    parser.add_argument("--style-guide", help="a style-guide file (default: the packaged one)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of tables")
    parser.add_argument("--gate", action="store_true",
                        help="exit 1 if any baseline's pass@1 exceeds 0.02 (next-message baselines: on the tasks where "
                             "they are wrong) or a check is rarely failed")


def _packaged_pool() -> dict[str, list]:
    """The packaged train and dev tasks: donors of the borrowed reference for any split."""
    from tenacious_bench.dataset import load_split

    return {s: load_split(s) for s in SPLITS}


def _packaged_next_message(splits: tuple[str, ...]) -> dict[str, list]:
    """The packaged next-message tasks of the default dataset version (none if it ships none)."""
    from tenacious_bench.next_message import load_next_message_split, next_message_dir

    if not (next_message_dir() / "manifest.json").is_file():
        return {}
    return {f"next_message/{s}": load_next_message_split(s) for s in splits}


def run(args: argparse.Namespace) -> int:
    from tenacious_bench.baselines import (
        format_next_message_report,
        format_report,
        run_baselines,
        run_next_message_baselines,
    )
    from tenacious_bench.task import TaskError, load_tasks

    try:
        if args.tasks:
            loaded = load_tasks(args.tasks)
            email = [t for t in loaded if t.kind != "next_message"]
            nxt = [t for t in loaded if t.kind == "next_message"]
            tasks_by_label = {args.tasks: email} if email or not nxt else {}
            next_by_label = {f"{args.tasks} (next_message)": nxt} if nxt else {}
            pool: list = []
        else:
            splits = _packaged_pool()
            chosen = (args.split,) if args.split else SPLITS
            tasks_by_label = {s: splits[s] for s in chosen}
            next_by_label = _packaged_next_message(chosen)
            pool = [t for s in ("train", "dev") for t in splits[s]]
    except (TaskError, OSError) as err:
        print(f"error: could not load tasks: {err}", file=sys.stderr)
        return 2
    reports: list = [
        run_baselines(tasks, label=label, reference_pool=pool, style_guide=args.style_guide)
        for label, tasks in tasks_by_label.items()
    ]
    reports += [
        run_next_message_baselines(tasks, label=label, style_guide=args.style_guide)
        for label, tasks in next_by_label.items()
    ]
    if args.json:
        print(json.dumps([r.to_dict() for r in reports], indent=2))
    else:
        print("\n\n".join(format_next_message_report(r) if hasattr(r, "no_reply_on_hard_no") else format_report(r)
                          for r in reports))
    failures = [f for r in reports for f in r.gate_failures()]
    if args.gate and failures:
        print("baselines gate failed:\n  " + "\n  ".join(failures), file=sys.stderr)
        return 1
    return 0
