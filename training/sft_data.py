"""SFT rows from the train split: the benchmark prompt (build_messages) plus the reference as the answer.

Held-out data never reaches training: every task passes through `refuse_canary`, which raises naming
any row that carries the benchmark canary, and tasks without a reference are an error, not a skip.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from tenacious_bench.dataset import refuse_canary
from tenacious_bench.prompts import build_messages
from tenacious_bench.style_guide import StyleGuide, load_style_guide
from tenacious_bench.task import Task


def answer_text(reference: dict[str, str]) -> str:
    """The reference as a model should answer it (task-format.md's plain-text form)."""
    return f"Subject: {reference['subject']}\n\n{reference['body']}"


def sft_rows(tasks: Iterable[Task], style_guide: StyleGuide | str | None = None) -> list[dict[str, Any]]:
    """One chat row per task: {"task_id", "messages": [system, user, assistant]}."""
    tasks = list(tasks)
    refuse_canary(tasks)
    guide = load_style_guide(style_guide)
    rows = []
    for t in tasks:
        if t.split == "held_out":
            raise ValueError(f"{t.task_id}: held_out tasks are never training data")
        if t.reference is None:
            raise ValueError(f"{t.task_id}: no reference email to train on")
        messages = build_messages(t, guide)
        messages.append({"role": "assistant", "content": answer_text(t.reference.model_dump())})
        rows.append({"task_id": t.task_id, "messages": messages})
    refuse_canary(rows)  # a canary pasted into a prompt or reference is refused too
    return rows


def write_sft_jsonl(tasks: Iterable[Task], path: str | Path, style_guide: StyleGuide | str | None = None) -> int:
    """Write SFT rows to a JSONL file; returns the row count."""
    rows = sft_rows(tasks, style_guide)
    Path(path).write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return len(rows)
