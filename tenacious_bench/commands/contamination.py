"""`tenacious-bench contamination`: check the held-out split against every other split and extra files."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

HELP = (
    "Check the held-out split for contamination (facts, 8-gram overlap, MiniLM embedding, time shift) "
    "against train/dev and extra training files, and held-out reply-classification items against the others. "
    "Exit 0 clean, 1 on any violation, 2 on an error."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--data-dir", type=Path, help="folder with train/dev/held_out.jsonl (default: the packaged dataset)")
    source.add_argument("--tasks", nargs="+", type=Path, metavar="FILE", help="task files; each task's split field places it")
    parser.add_argument("--extra", nargs="+", type=Path, default=[], metavar="FILE",
                        help="JSONL of tasks or training rows (messages / prompt[+completion] / text) to check against held-out")
    replies = parser.add_mutually_exclusive_group()
    replies.add_argument("--replies", type=Path, metavar="DIR",
                         help="folder of reply-classification items (train/dev/held_out.jsonl) to check too "
                              "(default: the packaged items when neither --data-dir nor --tasks is given)")
    replies.add_argument("--no-replies", action="store_true", help="do not check reply-classification items")
    parser.add_argument("--format", choices=("table", "json"), default="table", help="report format on stdout")
    parser.add_argument("--json-out", type=Path, help="also write the JSON report to this file")
    parser.add_argument("--cutoff", type=dt.date.fromisoformat, help="time-shift cutoff date (default: contamination.CUTOFF)")


def run(args: argparse.Namespace) -> int:
    from tenacious_bench import contamination as c

    try:
        files = args.tasks if args.tasks else c.data_dir_files(args.data_dir or c.packaged_data_dir())
        tasks = c.load_split_files(files)
        extras = [doc for path in args.extra for doc in c.load_extra(path)]
        reply_dir = args.replies or (None if args.no_replies or args.tasks or args.data_dir
                                     else c.packaged_reply_dir())
        replies = c.load_reply_files(reply_dir) if reply_dir is not None else []
        report = c.check_contamination(tasks, extras, cutoff=args.cutoff or c.CUTOFF, replies=replies)
    except c.ContaminationError as err:
        print(f"contamination: error: {err}", file=sys.stderr)
        return 2
    data = report.to_dict()
    if args.json_out:
        args.json_out.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(data, indent=2) if args.format == "json" else report.table())
    return 0 if report.passed else 1
