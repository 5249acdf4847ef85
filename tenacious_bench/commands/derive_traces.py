"""`tenacious-bench derive-traces`: new tasks and labelled emails from the failures in an Inspect eval log."""

from __future__ import annotations

import argparse
import sys

HELP = "Derive new tasks and machine-labelled emails from the failing samples of an Inspect .eval log (train/dev only)."


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("log", help="Inspect log (.eval) of a model on train or dev tasks")
    p.add_argument("--tasks", nargs="+", required=True, help="task JSONL file(s) the log was run on")
    p.add_argument("--out-tasks", required=True, help="where to write the derived tasks (JSONL)")
    p.add_argument("--out-labelled", required=True, help="where to write the labelled emails (JSONL)")
    p.add_argument("--style-guide", help="style-guide YAML (default: the packaged Tenacious guide)")


def run(args: argparse.Namespace) -> int:
    from tenacious_bench.authoring.trace_derived import TraceError, derive_from_log, write_jsonl
    from tenacious_bench.style_guide import StyleGuideError
    from tenacious_bench.task import TaskError, load_tasks

    try:
        tasks = load_tasks(*args.tasks)
        result = derive_from_log(args.log, tasks, style_guide=args.style_guide)
    except (TraceError, TaskError, StyleGuideError, OSError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    write_jsonl(result.tasks, args.out_tasks)
    write_jsonl(result.labelled, args.out_labelled)
    for problem in result.problems:
        print(f"not derived: {problem}", file=sys.stderr)
    print(result.summary(), file=sys.stderr)
    return 0
