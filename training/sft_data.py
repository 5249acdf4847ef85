"""SFT rows from the train split: the benchmark prompt (build_messages) plus a reference as the answer.

Held-out data never reaches training: every task passes through `refuse_canary`, which raises naming
any row that carries the benchmark canary, held-out tasks are refused by split, tasks without a
reference are an error, not a skip, and `tenacious_bench.training.guard` runs the contamination
checker against the held-out split before a trainer sees a row.

Two row shapes:
- `sft_rows`: {"task_id", "messages": [system, user, assistant]} (TRL's conversational "messages").
- `sft_completion_rows`: TRL's conversational prompt/completion format, {"task_id", "prompt":
  [system, user], "completion": [assistant]}; SFTTrainer computes the loss on the completion only.
  With `per_task > 1` each task gets several distinct scorer-verified references: the task's own
  reference first, then composer drafts with other seeds (`augmented_references`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from tenacious_bench.dataset import refuse_canary
from tenacious_bench.prompts import build_messages
from tenacious_bench.style_guide import StyleGuide, load_style_guide
from tenacious_bench.task import Task

NGRAM_N = 8


def answer_text(reference: dict[str, str]) -> str:
    """The reference as a model should answer it (task-format.md's plain-text form)."""
    return f"Subject: {reference['subject']}\n\n{reference['body']}"


def prompt_messages(task: Task, guide: StyleGuide, variant: str | None = None) -> list[dict[str, str]]:
    """Exactly the harness prompt. `variant=None` leaves build_messages' own default in force."""
    if variant is None:
        return build_messages(task, guide)
    try:
        return build_messages(task, guide, variant=variant)  # type: ignore[call-arg]
    except TypeError as err:
        raise ValueError(
            f"prompt variant {variant!r} requested, but this build_messages takes no variant ({err})"
        ) from None


def _trainable(tasks: Iterable[Task]) -> list[Task]:
    tasks = list(tasks)
    refuse_canary(tasks)
    for t in tasks:
        if t.split == "held_out":
            raise ValueError(f"{t.task_id}: held_out tasks are never training data")
        if t.reference is None:
            raise ValueError(f"{t.task_id}: no reference email to train on")
    return tasks


def sft_rows(tasks: Iterable[Task], style_guide: StyleGuide | str | None = None) -> list[dict[str, Any]]:
    """One chat row per task: {"task_id", "messages": [system, user, assistant]}."""
    tasks = _trainable(tasks)
    guide = load_style_guide(style_guide)
    rows = []
    for t in tasks:
        messages = build_messages(t, guide)
        messages.append({"role": "assistant", "content": answer_text(t.reference.model_dump())})
        rows.append({"task_id": t.task_id, "messages": messages})
    refuse_canary(rows)  # a canary pasted into a prompt or reference is refused too
    return rows


def augmented_references(
    task: Task, guide: StyleGuide, n: int, seed: int = 0, max_tries: int | None = None
) -> list[str]:
    """Up to `n` distinct answers for `task`, each passing `score_email`: its own reference, then composer
    drafts with seeds seed, seed+1, ... (the composer varies openings, framings, hedges and asks)."""
    from tenacious_bench.composer import ComposeError, compose_email
    from tenacious_bench.scoring import score_email

    assert task.reference is not None
    out = [answer_text(task.reference.model_dump())]
    if not score_email(task, out[0], guide).passed:
        raise ValueError(f"{task.task_id}: its own reference fails the scorer; fix the dataset first")
    tries = max_tries if max_tries is not None else 3 * n
    k = 0
    while len(out) < n and k < tries:
        try:
            email = compose_email(task, guide, seed=seed + k)
        except ComposeError:
            break
        k += 1
        text = answer_text(email)
        if text not in out and score_email(task, text, guide).passed:
            out.append(text)
    return out


def sft_completion_rows(
    tasks: Iterable[Task],
    style_guide: StyleGuide | str | None = None,
    *,
    per_task: int = 1,
    seed: int = 0,
    prompt_variant: str | None = None,
) -> list[dict[str, Any]]:
    """Prompt/completion rows (conversational) for SFTTrainer; `per_task` distinct references per task."""
    if per_task < 1:
        raise ValueError(f"per_task must be >= 1, got {per_task}")
    tasks = _trainable(tasks)
    guide = load_style_guide(style_guide)
    rows = []
    for t in tasks:
        prompt = prompt_messages(t, guide, prompt_variant)
        for i, text in enumerate(augmented_references(t, guide, per_task, seed)):
            rows.append({
                "task_id": t.task_id,
                "reference_index": i,
                "prompt": prompt,
                "completion": [{"role": "assistant", "content": text}],
            })
    refuse_canary(rows)
    return rows


def completion_texts(rows: Sequence[dict[str, Any]]) -> list[str]:
    out = []
    for r in rows:
        if "completion" in r:
            c = r["completion"]
            out.append(c[-1]["content"] if isinstance(c, list) else str(c))
        elif "messages" in r:
            out.append(r["messages"][-1]["content"])
    return out


def distinct_ngram_share(texts: Iterable[str], n: int = NGRAM_N) -> float:
    """Distinct word n-grams over all n-grams of the texts (1.0: no n-gram repeats anywhere)."""
    total = 0
    seen: set[tuple[str, ...]] = set()
    for text in texts:
        words = text.lower().split()
        grams = [tuple(words[i : i + n]) for i in range(len(words) - n + 1)]
        total += len(grams)
        seen.update(grams)
    return len(seen) / total if total else 0.0


def write_jsonl(rows: Iterable[dict[str, Any]], path: str | Path) -> int:
    rows = list(rows)
    Path(path).write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return len(rows)


def write_sft_jsonl(tasks: Iterable[Task], path: str | Path, style_guide: StyleGuide | str | None = None) -> int:
    """Write SFT rows to a JSONL file; returns the row count."""
    return write_jsonl(sft_rows(tasks, style_guide), path)
