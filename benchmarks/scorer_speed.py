"""Scoring speed of the current scorer against an older commit's, in the same run on the same emails.

Usage: python benchmarks/scorer_speed.py [--old-ref 9fe3461] [--size-mb 1.0] [--repeat 3]

The corpus: every dev task's reference and null baselines, and the natural-writing set's emails (on
their own task snapshot). Each scorer runs in its own process (the old one from `git archive REF`),
warms up once, then scores the corpus `--repeat` times; the figure per email is its fastest run.
Then each scores the 1 MB hostile answer of benchmarks/hostile_answer.py. Prints figures; asserts
nothing (speed targets live in benchmarks, not in timed tests).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Runs inside each scorer's process: reads tasks and answers, prints the figures as JSON.
_TIMER = r"""
import json, statistics, sys, time
from tenacious_bench.scoring import score_email
from tenacious_bench.task import load_tasks
tasks = {t.task_id: t for t in load_tasks(sys.argv[1])}
rows = [json.loads(x) for x in open(sys.argv[2])]
repeat = int(sys.argv[3])
hostile = open(sys.argv[4]).read()
for r in rows:  # warm-up: compiles patterns, fills per-task caches
    score_email(tasks[r["task_id"]], r["answer"])
best = [float("inf")] * len(rows)
for _ in range(repeat):
    for i, r in enumerate(rows):
        t0 = time.perf_counter()
        score_email(tasks[r["task_id"]], r["answer"])
        best[i] = min(best[i], time.perf_counter() - t0)
q = statistics.quantiles(best, n=100, method="inclusive")
t0 = time.perf_counter()
score_email(tasks[rows[0]["task_id"]], hostile)
hostile_s = time.perf_counter() - t0
print(json.dumps({"n": len(rows), "median_ms": statistics.median(best) * 1e3, "p99_ms": q[98] * 1e3,
                  "hostile_s": hostile_s}))
"""


def _corpus(tmp: Path, next_message: bool = False) -> tuple[Path, Path]:
    """The first-email corpus (both scorers can read it), or with next_message=True the next-message
    answers (the natural set's batch 4 and the dev next-message references and null baselines), which
    a scorer older than 1.2.0 cannot read."""
    from tenacious_bench.baselines import baseline_answers
    from tenacious_bench.dataset import load_split
    from tenacious_bench.natural_writing import load_rows
    from tenacious_bench.natural_writing import load_tasks as natural_tasks
    from tenacious_bench.next_message import load_next_message_split
    from tenacious_bench.style_guide import load_style_guide

    guide = load_style_guide()
    tasks = load_next_message_split("dev") if next_message else load_split("dev")
    rows: list[dict] = []
    for t in tasks:
        answers = [a for a in baseline_answers(t, tasks, guide).values() if a]
        if t.reference is not None:
            answers.append(t.reference.model_dump())
        rows += [{"task_id": t.task_id, "answer": a} for a in answers]
    nat = {k: t for k, t in natural_tasks().items() if (t.kind == "next_message") == next_message}
    rows += [{"task_id": r["task_id"], "answer": {"subject": r["subject"], "body": r["body"]}}
             for r in load_rows() if r["task_id"] in nat]
    all_tasks = {t.task_id: t for t in tasks} | nat
    tasks_file, rows_file = tmp / "tasks.jsonl", tmp / "answers.jsonl"
    tasks_file.write_text("".join(t.model_dump_json(by_alias=True, exclude_none=True) + "\n" for t in all_tasks.values()))
    rows_file.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return tasks_file, rows_file


def _tree(ref: str, tmp: Path) -> Path:
    """The package at `ref`, laid out to import as one namespace without installing."""
    out = tmp / f"tree-{ref}"
    out.mkdir()
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", ref], check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(out)], input=archive, check=True)
    for sub in ("scorers", "harness_tasks", "training"):
        link = out / "tenacious_bench" / sub
        if not link.exists() and (out / sub).exists():
            link.symlink_to(out / sub)
    return out


def _measure(tree: Path | None, tasks: Path, rows: Path, repeat: int, hostile: Path) -> dict:
    """Time one scorer: the tree at `tree`, or the installed package (this checkout) for None."""
    env = {"PATH": "/usr/bin:/bin"} | ({"PYTHONPATH": str(tree)} if tree else {})
    out = subprocess.run(
        [sys.executable, "-c", _TIMER, str(tasks), str(rows), str(repeat), str(hostile)],
        check=True, capture_output=True, text=True, env=env, cwd=tree or ROOT,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from hostile_answer import hostile_answer

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--old-ref", default="9fe3461", help="the commit of the old scorer (default: scorer 1.0.0)")
    parser.add_argument("--size-mb", type=float, default=1.0)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        tasks, rows = _corpus(tmp)
        hostile = tmp / "hostile.txt"
        hostile.write_text(hostile_answer(int(args.size_mb * 1_000_000)))
        old = _measure(_tree(args.old_ref, tmp), tasks, rows, args.repeat, hostile)
        new = _measure(None, tasks, rows, args.repeat, hostile)
        (tmp / "nm").mkdir()
        nm_tasks, nm_rows = _corpus(tmp / "nm", next_message=True)
        nm = _measure(None, nm_tasks, nm_rows, args.repeat, hostile)
    for name, r in (("old " + args.old_ref, old), ("current", new), ("current, next", nm)):
        print(f"{name:>16}: {r['n']} emails, median {r['median_ms']:.2f} ms, p99 {r['p99_ms']:.2f} ms; "
              f"{args.size_mb:g} MB hostile answer {r['hostile_s']:.2f} s")
    print(f"median ratio current/old (first emails): {new['median_ms'] / old['median_ms']:.2f}")


if __name__ == "__main__":
    main()
