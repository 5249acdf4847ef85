"""Draw the task-quality review sample of dataset 1.1 and write one review packet per task.

A seeded random quarter of held-out and a tenth of train (rounded up), each written as a Markdown
packet holding the rendered prompt (the full variant's system and user messages) and the task JSON,
plus `index.jsonl` listing the packets and an empty `ratings.jsonl` template. Reviewers see only
the packets and README.md in this folder (the 1-5 scales), never the scorer.

    python data_cards/review/sample_for_review.py OUT_DIR [--seed 2026] [--version 1.1]
"""

from __future__ import annotations

import argparse
import json
import math
import random
from pathlib import Path

from tenacious_bench.dataset import DEFAULT_VERSION, load_split
from tenacious_bench.prompts import build_messages

SHARES = {"held_out": 0.25, "train": 0.10}


def sample(seed: int, version: str) -> dict[str, list]:
    rng = random.Random(f"review:{seed}")
    out = {}
    for split, share in SHARES.items():
        tasks = load_split(split, version=version)
        out[split] = sorted(rng.sample(tasks, math.ceil(share * len(tasks))), key=lambda t: t.task_id)
    return out


def packet(task) -> str:
    system, user = build_messages(task)
    body = task.model_dump(mode="json", by_alias=True, exclude_none=True)
    body.pop("reference", None)  # reviewers judge the task, not the composer's answer
    return (f"# {task.task_id} ({task.split}, {task.kind}, segment {task.segment})\n\n"
            f"## System message\n\n```text\n{system['content']}\n```\n\n"
            f"## User message\n\n```text\n{user['content']}\n```\n\n"
            f"## Task JSON\n\n```json\n{json.dumps(body, indent=2, ensure_ascii=False)}\n```\n")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("out", type=Path, help="folder for the packets")
    p.add_argument("--seed", type=int, default=2026)
    p.add_argument("--version", default=DEFAULT_VERSION)
    args = p.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    index, ratings = [], []
    for split, tasks in sample(args.seed, args.version).items():
        for t in tasks:
            name = f"{t.task_id}.md"
            (args.out / name).write_text(packet(t), encoding="utf-8")
            index.append({"task_id": t.task_id, "split": split, "packet": name})
            ratings.append({"task_id": t.task_id, "reviewer": "", "input_coherence": None,
                            "ground_truth_verifiability": None, "rubric_clarity": None, "note": ""})
    (args.out / "index.jsonl").write_text("".join(json.dumps(r) + "\n" for r in index), encoding="utf-8")
    (args.out / "ratings.jsonl").write_text("".join(json.dumps(r) + "\n" for r in ratings), encoding="utf-8")
    per_split = ", ".join(f"{s} {sum(r['split'] == s for r in index)}" for s in SHARES)
    print(f"{len(index)} packets in {args.out} ({per_split})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
