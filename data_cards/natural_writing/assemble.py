"""Assemble the natural-writing set from the blind writers' and labellers' files (run once).

Inputs (outside the repository, where the blind sessions worked): WRITER/emails.jsonl (the email,
the writer's intent and pass-1 labels) and label_N/labels.jsonl (the blind second labeller's labels).
Output: emails.jsonl beside this script, one row per email, with the final labels, both passes'
labels (the history), the half (tuning or sealed, fixed by halves.json before any scoring) and, for
held-out tasks, the benchmark canary so no training builder can take them.

Batch 1 (w1-w4) was split into halves by task before any scoring; batch 2 (w5-w8, written after the
first scorer fixes, on tasks disjoint from batch 1) is tuning data only (halves.json lists its tasks
as tuning). Batch 4 (w10-w12) answers the next-message tasks (issue #13; snapshot in
next_message_tasks.jsonl, halves drawn by select_next_message.py before any answer was written).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from tenacious_bench.dataset import CANARY

HERE = Path(__file__).parent
DATA = HERE.parents[1] / "tenacious_bench" / "data" / "natural_writing"
CHECKS = ("banned_phrases", "format", "grounding", "honesty", "one_ask")


def main(blind: str) -> None:
    root = Path(blind)
    halves = json.loads((DATA / "halves.json").read_text())
    splits = {
        json.loads(line)["task_id"]: json.loads(line)["split"]
        for name in ("tasks.jsonl", "next_message_tasks.jsonl")
        for line in (DATA / name).read_text().splitlines()
    }
    rows = []
    for n, writer in enumerate(("w1", "w2", "w3", "w4", "w5", "w6", "w7", "w8", "w9", "w10", "w11", "w12"), 1):
        if not (root / writer / "emails.jsonl").exists():
            continue
        emails = [json.loads(x) for x in (root / writer / "emails.jsonl").read_text().splitlines() if x.strip()]
        labels = [json.loads(x) for x in (root / f"label_{n}" / "labels.jsonl").read_text().splitlines() if x.strip()]
        for j, (e, lab) in enumerate(zip(emails, labels, strict=True)):
            email_id = f"{writer}-{j:03d}"
            assert lab["email_id"] == email_id and lab["task_id"] == e["task_id"]
            p1 = {c: e["labels"][c] for c in CHECKS}
            p2 = {c: lab["labels"][c] for c in CHECKS}
            disagree = [c for c in CHECKS if p1[c] != p2[c]]
            row = {
                "email_id": email_id,
                "task_id": e["task_id"],
                "half": halves[e["task_id"]],
                "writer": writer,
                "voice": e["voice"],
                "subject": e["subject"],
                "body": e["body"],
                "intended": e["intended"],
                "flaw": e["flaw"],
                # Final labels: the two blind passes agreed on every label (800 of 800), so no
                # adjudication was needed; a disagreement would be settled from the written rules
                # and recorded in `history`.
                "labels": p1 if not disagree else None,
                "labeller": f"writer {writer} (pass 1) + blind labeller label_{n} (pass 2)",
                "history": {
                    "pass1_writer": p1,
                    "pass1_note": e.get("label_note", ""),
                    "pass2_blind": p2,
                    "pass2_note": lab.get("note", ""),
                    "disagreements": disagree,
                },
            }
            if splits[e["task_id"]] == "held_out":
                row["canary"] = CANARY
            rows.append(row)
    with (DATA / "emails.jsonl").open("w") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(len(rows), "emails")


if __name__ == "__main__":
    main(sys.argv[1])
