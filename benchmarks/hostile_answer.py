"""Scoring time for a 1 MB hostile answer, and per-email median / p99 over a split.

Usage: python benchmarks/hostile_answer.py [--split S | --tasks F] [--size-mb 1.0]
Prints figures; asserts nothing (speed targets live here, not in timed tests).
"""

from __future__ import annotations

import argparse
import statistics
import time

from tenacious_bench.baselines import baseline_answers
from tenacious_bench.scoring import score_email
from tenacious_bench.style_guide import load_style_guide
from tenacious_bench.task import Task, load_tasks

# Pieces that stress every part of the scorer: invisible and look-alike characters, banned phrases
# in disguise, numbers and money, every bracket style, quote markers, fake sign-offs, long words.
_PIECES = [
    "w\u043erld\u200b-class ", "syn\u00adergy ", "$14M Series A ", "2 open ", "[First Name] ", "{company} ",
    "<Company> ", "$X,XXX ", "> quoted line\n", "Best,\nYabi\n", "Would 15 minutes next week be useful? ",
    "\U0001f680 ", "b e n c h ", "a" * 300 + " ", "1,000,000,000 ", "Q3 2026 ", "15% off ", "if ", "\u202e",
    "\n\n", "Hi Maya,\n", "https://cal.com/x ", "((((((((((", "?" * 50, "-" * 200, "\t\r\n",
]


def hostile_answer(size_bytes: int) -> str:
    parts = ["Subject: Request: " + "x" * 200 + "\n\nHi Maya,\n\n"]
    n = len(parts[0].encode())
    i = 0
    while n < size_bytes:
        piece = _PIECES[i % len(_PIECES)]
        parts.append(piece)
        n += len(piece.encode())
        i += 1
    return "".join(parts)


def _load(args: argparse.Namespace) -> list[Task]:
    if args.tasks:
        return load_tasks(args.tasks)
    from tenacious_bench.dataset import load_split

    return load_split(args.split)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    src = parser.add_mutually_exclusive_group()
    src.add_argument("--split", default="dev")
    src.add_argument("--tasks")
    parser.add_argument("--size-mb", type=float, default=1.0)
    args = parser.parse_args()
    guide = load_style_guide()
    tasks = _load(args)

    answer = hostile_answer(int(args.size_mb * 1_000_000))
    t0 = time.perf_counter()
    score = score_email(tasks[0], answer, guide)
    dt = time.perf_counter() - t0
    print(f"hostile answer: {len(answer.encode()) / 1e6:.2f} MB scored in {dt:.2f} s on {tasks[0].task_id} "
          f"(passed={score.passed})")

    # Per-email time over the split: each task's reference (if any) and its null baselines.
    times = []
    for task in tasks:
        answers = list(baseline_answers(task, tasks, guide).values())
        if task.reference is not None:
            answers.append(task.reference.model_dump())
        for a in answers:
            if a is None:
                continue
            t0 = time.perf_counter()
            score_email(task, a, guide)
            times.append(time.perf_counter() - t0)
    q = statistics.quantiles(times, n=100, method="inclusive")
    label = args.tasks or args.split
    print(f"per-email over {label}: {len(times)} emails, median {statistics.median(times) * 1e3:.2f} ms, "
          f"p99 {q[98] * 1e3:.2f} ms, max {max(times) * 1e3:.2f} ms")


if __name__ == "__main__":
    main()
