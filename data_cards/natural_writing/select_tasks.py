"""Select the tasks of the natural-writing set and lay out each blind writer's packet.

Run once (seed fixed): 40 dev and 40 held-out tasks, stratified by kind, each given to two of four
writers, so every writer gets 40 tasks. A packet holds what a model would see (the rendered prompt)
and the task JSON without anchors, reference or metadata: writers never see the scorer.
The task snapshot is written to tasks.jsonl beside this script, so later dataset versions cannot move
the set.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

from tenacious_bench.dataset import load_split
from tenacious_bench.prompts import build_messages

HERE = Path(__file__).parent
DATA = HERE.parents[1] / "tenacious_bench" / "data" / "natural_writing"
SEED = 2026
WRITERS = ("w1", "w2", "w3", "w4")


def select() -> list:
    rng = random.Random(SEED)
    chosen = []
    for split in ("dev", "held_out"):
        tasks = load_split(split)
        by_kind: dict[str, list] = {}
        for t in tasks:
            by_kind.setdefault(t.kind, []).append(t)
        quota = {"cold": 16, "warm_reply": 16, "re_engagement": 8}
        for kind, n in quota.items():
            pool = sorted(by_kind[kind], key=lambda t: t.task_id)
            chosen.extend(rng.sample(pool, n))
    return chosen


def packet_json(task) -> dict:
    row = task.model_dump(mode="json", by_alias=True, exclude_none=True)
    for key in ("reference", "metadata"):
        row.pop(key, None)
    for s in row.get("signals", []):
        s.pop("anchors", None)
    return row


WRITERS_BATCH2 = ("w5", "w6", "w7", "w8")


def main_batch2(out_dir: str) -> None:
    """Batch 2 (tuning only): every dev and held-out task not in batch 1, one writer each. Batch 2 was
    added after the first scorer fixes, to tune on more than 80 emails without touching the sealed
    half; its tasks are disjoint from the sealed half's."""
    used = {json.loads(x)["task_id"] for x in (DATA / "tasks.jsonl").read_text().splitlines() if x.strip()}
    rest = sorted((t for s in ("dev", "held_out") for t in load_split(s) if t.task_id not in used),
                  key=lambda t: t.task_id)
    random.Random(SEED + 2).shuffle(rest)
    with (DATA / "tasks.jsonl").open("a") as f:
        for t in rest:
            f.write(json.dumps(t.model_dump(mode="json", by_alias=True, exclude_none=True)) + "\n")
    write_packets(Path(out_dir), {w: rest[i::4] for i, w in enumerate(WRITERS_BATCH2)})


def write_packets(out: Path, assignment: dict[str, list]) -> None:
    for w, ts in assignment.items():
        d = out / w
        d.mkdir(parents=True, exist_ok=True)
        lines = []
        for t in ts:
            system, user = (m["content"] for m in build_messages(t))
            lines += [f"## {t.task_id}", "", "### System prompt", "", system, "", "### User prompt", "", user, "",
                      "### Task JSON (anchors, reference and metadata removed)", "", "```json",
                      json.dumps(packet_json(t), indent=1), "```", ""]
        (d / "tasks.md").write_text("\n".join(lines))
        print(w, len(ts))


def main(out_dir: str) -> None:
    tasks = select()
    (DATA / "tasks.jsonl").write_text(
        "".join(json.dumps(t.model_dump(mode="json", by_alias=True, exclude_none=True)) + "\n" for t in tasks)
    )
    out = Path(out_dir)
    rng = random.Random(SEED + 1)
    assignment: dict[str, list] = {w: [] for w in WRITERS}
    for i, t in enumerate(tasks):
        a = WRITERS[i % 4]
        b = WRITERS[(i + 1 + rng.randrange(3)) % 4]
        if b == a:
            b = WRITERS[(i + 1) % 4]
        assignment[a].append(t)
        assignment[b].append(t)
    write_packets(out, assignment)


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[2] == "--batch2":
        main_batch2(sys.argv[1])
    else:
        main(sys.argv[1])
