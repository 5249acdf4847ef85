"""`tenacious-bench validate`: validate task files (and style-guide files); list every problem.

`--dataset [DIR]` validates a whole dataset folder (default: the packaged dataset): its split files,
the sealing rules (time shift, canary, references) and the coherence rules of `tenacious_bench.coherence`.
"""

from __future__ import annotations

import argparse
import sys

HELP = ("Validate task JSONL files and style-guide YAML files, or with --dataset a dataset folder's splits, "
        "sealing and coherence; exit 1 listing every problem.")


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("files", nargs="*", help="task .jsonl files and/or style-guide .yaml files")
    p.add_argument("--dataset", nargs="?", const="", default=None, metavar="DIR",
                   help="validate a dataset folder (train/dev/held_out.jsonl; default: the packaged dataset): "
                        "schema, sealing and the coherence rules")


def run(args: argparse.Namespace) -> int:
    from tenacious_bench.style_guide import StyleGuideError, load_style_guide
    from tenacious_bench.task import check_tasks

    if not args.files and args.dataset is None:
        print("error: give task or style-guide files, or --dataset [DIR]", file=sys.stderr)
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
    dataset_files: list[str] = []
    if args.dataset is not None:
        found = _dataset_files(args.dataset)
        if found is None:
            return 2
        dataset_files = found
    try:
        tasks, task_problems = check_tasks(task_files)
        if dataset_files:
            # a dataset folder follows the shipped id scheme: TB-XXX- naming the source mode
            dataset_tasks, dataset_problems_ = check_tasks(dataset_files, shipped=True)
            task_files += dataset_files
            tasks += dataset_tasks
            task_problems += dataset_problems_
    except OSError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    problems += task_problems
    if args.dataset is not None:
        from tenacious_bench.coherence import RULES, dataset_problems
        from tenacious_bench.dataset import sealing_problems

        problems += sealing_problems(tasks)
        coherence = dataset_problems(tasks)
        problems += coherence
        print(f"coherence rules: {', '.join(r.name for r in RULES)}; {len(coherence)} problem(s)")
    for line in problems:
        print(line, file=sys.stderr)
    if task_files:
        print(f"{len(tasks)} valid tasks in {len(task_files)} file(s); {len(problems)} problem(s)")
    elif problems:
        print(f"{len(problems)} problem(s)")
    return 1 if problems else 0


def _dataset_files(folder: str) -> list[str] | None:
    from pathlib import Path

    from tenacious_bench.dataset import SPLITS, package_data_dir

    d = Path(folder) if folder else package_data_dir()
    files = [d / f"{s}.jsonl" for s in SPLITS]
    missing = [str(f) for f in files if not f.is_file()]
    if missing:
        print(f"error: dataset folder {d} lacks {', '.join(missing)}", file=sys.stderr)
        return None
    # Dataset 1.2 and later: the next-message tasks live in next_message/ beside the email splits.
    files += [f for s in SPLITS if (f := d / "next_message" / f"{s}.jsonl").is_file()]
    return [str(f) for f in files]
