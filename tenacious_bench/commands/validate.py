"""`tenacious-bench validate`: validate task files (and style-guide files); list every problem."""

from __future__ import annotations

import argparse
import sys

HELP = "Validate task JSONL files and style-guide YAML files; exit 1 listing every problem."


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("files", nargs="+", help="task .jsonl files and/or style-guide .yaml files")


def run(args: argparse.Namespace) -> int:
    from tenacious_bench.style_guide import StyleGuideError, load_style_guide
    from tenacious_bench.task import check_tasks

    problems: list[str] = []
    n_tasks = 0
    task_files = []
    for f in args.files:
        if f.endswith((".yaml", ".yml")):
            try:
                load_style_guide(f)
            except StyleGuideError as err:
                problems.append(str(err))
        else:
            task_files.append(f)
    try:
        tasks, task_problems = check_tasks(task_files)
    except OSError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    n_tasks = len(tasks)
    problems += task_problems
    for line in problems:
        print(line, file=sys.stderr)
    print(f"{n_tasks} valid tasks in {len(task_files)} file(s); {len(problems)} problem(s)")
    return 1 if problems else 0
