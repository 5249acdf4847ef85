"""`tenacious-bench validate`: validate task files (and style-guide files); list every problem."""

from __future__ import annotations

import argparse
import sys

HELP = "Validate task JSONL files and style-guide YAML files; exit 1 listing every problem."


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("files", nargs="*", help="task .jsonl files and/or style-guide .yaml files")
    p.add_argument(
        "--dataset",
        action="store_true",
        help="also validate the shipped dataset (all splits), with its id scheme: TB-XXX- naming the source mode",
    )


def run(args: argparse.Namespace) -> int:
    from tenacious_bench.style_guide import StyleGuideError, load_style_guide
    from tenacious_bench.task import check_tasks

    if not args.files and not args.dataset:
        print("error: name task or style-guide files to validate, or --dataset", file=sys.stderr)
        return 2
    problems: list[str] = []
    task_files = [f for f in args.files if not f.endswith((".yaml", ".yml"))]
    for f in args.files:
        if f in task_files:
            continue
        try:
            print(load_style_guide(f).summary())
        except StyleGuideError as err:
            problems += err.problems
    try:
        tasks, task_problems = check_tasks(task_files)
        if args.dataset:
            from tenacious_bench.dataset import SPLITS, package_data_dir

            shipped = [package_data_dir() / f"{s}.jsonl" for s in SPLITS]
            shipped_tasks, shipped_problems = check_tasks(shipped, shipped=True)
            task_files += [str(p) for p in shipped]
            tasks += shipped_tasks
            task_problems += shipped_problems
    except OSError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    problems += task_problems
    for line in problems:
        print(line, file=sys.stderr)
    if task_files:
        print(f"{len(tasks)} valid tasks in {len(task_files)} file(s); {len(problems)} problem(s)")
    elif problems:
        print(f"{len(problems)} problem(s)")
    return 1 if problems else 0
