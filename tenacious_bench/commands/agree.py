"""`tenacious-bench agree`: compare the scorer with human labels (per-check kappa, overall agreement)."""

from __future__ import annotations

import argparse
import json
import sys

HELP = "Compare the scorer with human labels: confusion matrix, accuracy and Cohen's kappa per check."


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--tasks", nargs="+", help="task JSONL file(s) the labelled emails refer to")
    p.add_argument("--labelled", nargs="+", help="labelled-email JSONL file(s)")
    p.add_argument(
        "--labelled-set",
        action="store_true",
        help="the shipped labelled set: every data/labelled/labelled*.jsonl with data/labelled/tasks.jsonl",
    )
    p.add_argument("--style-guide", help="style-guide YAML (default: the packaged guide)")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument("--min-kappa", type=float, help="exit 1 if any check's kappa is below this")
    p.add_argument("--min-agreement", type=float, help="exit 1 if overall pass/fail agreement is below this")


def run(args: argparse.Namespace) -> int:
    from tenacious_bench.agreement import (
        compute_agreement,
        format_agreement,
        labelled_set_paths,
        load_labelled,
    )
    from tenacious_bench.task import TaskError, load_tasks

    if args.labelled_set:
        if args.tasks or args.labelled:
            print("error: --labelled-set names its own files; drop --tasks and --labelled", file=sys.stderr)
            return 2
        tasks_file, labelled_files = labelled_set_paths()
        task_files = [tasks_file]
    elif args.tasks and args.labelled:
        task_files, labelled_files = args.tasks, args.labelled
    else:
        print("error: give --labelled-set, or both --tasks and --labelled", file=sys.stderr)
        return 2
    try:
        tasks = {t.task_id: t for t in load_tasks(*task_files)}
        labelled = [r for f in labelled_files for r in load_labelled(f)]
        report = compute_agreement(tasks, labelled, args.style_guide)
    except ImportError as err:
        print(
            f"error: {err} (install the statistics extra: pip install 'tenacious-bench[stats]')",
            file=sys.stderr,
        )
        return 2
    except (TaskError, ValueError, OSError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    print(json.dumps(report.to_dict(), indent=2) if args.json else format_agreement(report))
    failed = []
    if args.min_kappa is not None:
        failed += [
            f"{c.name} kappa {c.kappa:.3f} < {args.min_kappa}"
            for c in report.checks.values()
            if not c.kappa >= args.min_kappa
        ]
    if args.min_agreement is not None and not report.overall_agreement >= args.min_agreement:
        failed.append(f"overall agreement {report.overall_agreement:.3f} < {args.min_agreement}")
    for f in failed:
        print(f"gate failed: {f}", file=sys.stderr)
    return 1 if failed else 0
