"""`tenacious-bench contamination`: check the held-out split against every other split and extra files."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

HELP = (
    "Check the held-out split for contamination (facts, 8-gram overlap, MiniLM embedding, time shift) "
    "against train/dev and extra training files. Exit 0 clean, 1 on any violation, 2 on an error."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--data-dir", type=Path, help="folder with train/dev/held_out.jsonl (default: the packaged dataset)")
    source.add_argument("--tasks", nargs="+", type=Path, metavar="FILE", help="task files; each task's split field places it")
    parser.add_argument("--extra", nargs="+", type=Path, default=[], metavar="FILE",
                        help="JSONL of tasks or training rows (messages / prompt[+completion] / text) to check against held-out")
    parser.add_argument("--format", choices=("table", "json"), default="table", help="report format on stdout")
    parser.add_argument("--json-out", type=Path, help="also write the JSON report to this file")
    parser.add_argument("--cutoff", type=dt.date.fromisoformat, help="time-shift cutoff date (default: contamination.CUTOFF)")


def run(args: argparse.Namespace) -> int:
    from tenacious_bench import contamination as c

    try:
        files = args.tasks if args.tasks else c.data_dir_files(args.data_dir or c.packaged_data_dir())
        tasks = c.load_split_files(files)
        extras = [doc for path in args.extra for doc in c.load_extra(path)]
        report = c.check_contamination(tasks, extras, cutoff=args.cutoff or c.CUTOFF)
    except c.ContaminationError as err:
        print(f"contamination: error: {err}", file=sys.stderr)
        return 2
    data = report.to_dict()
    if args.json_out:
        args.json_out.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(data, indent=2) if args.format == "json" else report.table())
    return 0 if report.passed else 1
