"""Batch 4 of the natural-writing set: next-message tasks (issue #13), laid out for three blind writers.

Run once (seed fixed) over every dev and held-out next-message task: each task goes to one writer
(w10-w12, distinct voices); the tasks are split into the tuning and sealed halves by a seeded draw
stratified by reply class, before any answer is written or scored. Packets hold the rendered prompt
(full variant) and the task JSON without anchors, reference or metadata. The task snapshot is written
to next_message_tasks.jsonl beside the set, so later dataset versions cannot move it.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

from select_tasks import packet_json, write_packets  # noqa: F401 (one packet layout for every batch)

from tenacious_bench.next_message import load_next_message_split

HERE = Path(__file__).parent
DATA = HERE.parents[1] / "tenacious_bench" / "data" / "natural_writing"
SEED = 2026
WRITERS = ("w10", "w11", "w12")
SEALED_SHARE = 0.4


def main(out_dir: str) -> None:
    tasks = sorted((t for s in ("dev", "held_out") for t in load_next_message_split(s)), key=lambda t: t.task_id)
    rng = random.Random(SEED + 3)
    rng.shuffle(tasks)
    halves: dict[str, str] = {}
    by_class: dict[str, list] = {}
    for t in tasks:
        by_class.setdefault(t.constraints.reply_class, []).append(t)
    for cls in sorted(by_class):
        group = by_class[cls]
        n_sealed = round(len(group) * SEALED_SHARE)
        for i, t in enumerate(group):
            halves[t.task_id] = "sealed" if i < n_sealed else "tuning"
    (DATA / "next_message_tasks.jsonl").write_text(
        "".join(json.dumps(t.model_dump(mode="json", by_alias=True, exclude_none=True)) + "\n" for t in tasks)
    )
    path = DATA / "halves.json"
    all_halves = json.loads(path.read_text())
    all_halves.update(dict(sorted(halves.items())))
    path.write_text(json.dumps(all_halves, indent=1, sort_keys=True) + "\n")
    write_packets(Path(out_dir), {w: tasks[i::3] for i, w in enumerate(WRITERS)})


if __name__ == "__main__":
    main(sys.argv[1])
