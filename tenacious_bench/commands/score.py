"""`tenacious-bench score`: score a file of emails against tasks, one JSON object per email, in input order."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HELP = "Score emails (JSONL) against tasks with the five checks."


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--tasks", nargs="+", required=True, help="task JSONL file(s)")
    p.add_argument(
        "--emails", required=True, help="JSONL of {task_id, subject, body} or {task_id, completion}"
    )
    p.add_argument("--style-guide", help="style-guide YAML (default: the packaged Tenacious guide)")
    p.add_argument(
        "--format",
        choices=["json", "table"],
        default="json",
        help="json: one object per email on stdout, summary and slices on stderr; table: the summary only",
    )
    p.add_argument("--no-progress", action="store_true", help="never show the progress bar")


# A run this long shows a progress bar even when stderr is not a terminal (a log file).
LONG_RUN_ROWS = 1000


def _progress(rows, total: int, disable: bool):
    """A tqdm bar on stderr when stderr is a terminal or the run is long."""
    from tqdm import tqdm

    show = not disable and (sys.stderr.isatty() or total >= LONG_RUN_ROWS)
    return tqdm(rows, total=total, disable=not show, file=sys.stderr, unit="email", leave=False,
                mininterval=0.5 if sys.stderr.isatty() else 10.0)


def run(args: argparse.Namespace) -> int:
    from tenacious_bench.emails import EmailRowError, iter_email_rows
    from tenacious_bench.report import format_summary, summarize
    from tenacious_bench.scoring import score_email
    from tenacious_bench.slices import format_slices, slice_summaries
    from tenacious_bench.style_guide import StyleGuideError, load_style_guide
    from tenacious_bench.task import TaskError, load_tasks

    try:
        tasks = {t.task_id: t for t in load_tasks(*args.tasks)}
        guide = load_style_guide(args.style_guide)
        if not Path(args.emails).is_file():
            raise OSError(f"emails file not found: {args.emails}")
        with open(args.emails, "rb") as fh:
            total = sum(1 for line in fh if line.strip())
    except (TaskError, StyleGuideError, OSError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    scores = []
    pairs = []
    errors = 0
    for item in _progress(iter_email_rows(args.emails), total, args.no_progress):
        if isinstance(item, EmailRowError):
            print(f"error: {item}", file=sys.stderr)
            errors += 1
            continue
        task = tasks.get(item.task_id)
        if task is None:
            print(f"error: {args.emails}:{item.lineno}: unknown task_id {item.task_id!r}", file=sys.stderr)
            errors += 1
            continue
        score = score_email(task, item.answer, guide)
        scores.append(score)
        pairs.append((task, score))
        if args.format == "json":
            extra = {
                k: v for k, v in item.row.items() if k not in ("task_id", "subject", "body", "completion")
            }
            print(json.dumps({**score.to_dict(), **extra}, ensure_ascii=False))
    summary = format_summary(
        summarize(scores), title=f"{len(scores)} emails scored, {errors} rows with errors"
    )
    out = sys.stderr if args.format == "json" else sys.stdout
    print(summary, file=out)
    if pairs:
        print("\nby slice (pass rate)\n" + format_slices(slice_summaries(pairs)), file=out)
    return 1 if errors else 0
