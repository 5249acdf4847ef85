"""Speed of the contamination checker: the whole dataset plus 2,500 extra training texts.

Uses the shipped dataset (tenacious_bench/data/dataset/) when present, else a synthetic one of the
same shape (300 train, 60 dev, 60 held-out). Target: under 30 s wall time on 2 CPU cores,
model load included. Run: `.venv/bin/python benchmarks/contamination_bench.py`.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")

from tenacious_bench import contamination as c
from tenacious_bench.prompts import build_messages
from tenacious_bench.task import load_tasks

EXTRA_TEXTS = 2500


def dataset() -> tuple[str, list]:
    folder = c.packaged_data_dir()
    if (folder / "held_out.jsonl").is_file():
        return str(folder), c.load_split_files(c.data_dir_files(folder))
    examples = load_tasks(Path(c.__file__).parent / "data" / "examples" / "tasks.jsonl")
    tasks = []
    for k in range(420):
        split = "train" if k < 300 else "dev" if k < 360 else "held_out"
        tasks.append(c.randomized_task(examples[k % 3], f"TB-HND-B{k:04d}", k, split))
    return "synthetic (300 train / 60 dev / 60 held-out)", tasks


def extras() -> list[c.Doc]:
    """2,500 distinct SFT-style rows (system + user prompt of a train-like task, plus an answer)."""
    examples = load_tasks(Path(c.__file__).parent / "data" / "examples" / "tasks.jsonl")
    docs = []
    for k in range(EXTRA_TEXTS):
        task = c.randomized_task(examples[k % 3], f"TB-HND-X{k:04d}", 10_000 + k)
        row = {"messages": [*build_messages(task), {"role": "assistant", "content": "Subject: x\n\nHi,\n\nBody."}]}
        docs.append(c.Doc(f"extra-{k}", "extra:bench", c._row_text(row, f"bench:{k}")))
    return docs


def main() -> None:
    t = time.perf_counter()
    source, tasks = dataset()
    extra_docs = extras()
    print(f"inputs: {source}, {len(tasks)} tasks + {len(extra_docs)} extra texts (built in {time.perf_counter() - t:.1f} s)")
    start = time.perf_counter()
    model = c.load_model()
    load = time.perf_counter() - start
    report = c.check_contamination(tasks, extra_docs, model=model)
    wall = time.perf_counter() - start
    print(f"model load: {load:.2f} s")
    for stage, seconds in report.timings.items():
        print(f"{stage:<14} {seconds:7.2f} s")
    print(f"wall (load + check): {wall:.2f} s  (target < 30 s on 2 cores)")
    print(f"violations: {report.counts()}")


if __name__ == "__main__":
    main()
