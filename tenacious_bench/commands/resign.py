"""`tenacious-bench resign`: re-sign tasks for another company (drop or replace each task's `sender`)."""

from __future__ import annotations

import argparse
import json
import sys

HELP = ("Re-sign tasks for another company: drop every task's sender, so the style guide's default_sender "
        "signs (or set one sender with --first-name and --title); writes validated tasks as JSONL.")


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("tasks", nargs="+", help="task JSONL file(s)")
    p.add_argument("--out", required=True, help="where to write the re-signed tasks (JSONL)")
    p.add_argument("--first-name", help="sender first name for every task (with --title)")
    p.add_argument("--title", help="sender title for every task (with --first-name)")


def run(args: argparse.Namespace) -> int:
    from tenacious_bench.task import TaskError, load_tasks, resign_task

    if (args.first_name is None) != (args.title is None):
        print("error: give both --first-name and --title, or neither (the guide's default_sender)", file=sys.stderr)
        return 2
    sender = {"first_name": args.first_name, "title": args.title} if args.first_name else None
    try:
        tasks = [resign_task(t, sender) for t in load_tasks(*args.tasks)]
    except (TaskError, OSError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    with open(args.out, "w", encoding="utf-8") as fh:
        for t in tasks:
            fh.write(json.dumps(t.model_dump(mode="json", by_alias=True, exclude_none=True), ensure_ascii=False) + "\n")
    who = f"{args.first_name} ({args.title})" if sender else "the style guide's default_sender"
    print(f"{len(tasks)} task(s) written to {args.out}, signed by {who}")
    return 0
