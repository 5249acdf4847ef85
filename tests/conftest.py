"""Shared fixtures: the packaged example tasks and a helper to make variants of their references."""

from __future__ import annotations

from importlib import resources

import pytest

from tenacious_bench.scoring import EmailScore, score_email
from tenacious_bench.task import Task, load_tasks

EXAMPLES = resources.files("tenacious_bench").joinpath("data", "examples", "tasks.jsonl")


@pytest.fixture(scope="session")
def example_tasks() -> dict[str, Task]:
    return {t.task_id: t for t in load_tasks(str(EXAMPLES))}


def variant(task: Task, *edits: tuple[str, str], subject: str | None = None) -> dict[str, str]:
    """The task's reference email with each (old, new) replacement applied; each `old` must occur."""
    assert task.reference is not None
    body = task.reference.body
    for old, new in edits:
        assert old in body, f"{old!r} not in the reference of {task.task_id}"
        body = body.replace(old, new)
    return {"subject": task.reference.subject if subject is None else subject, "body": body}


def check_passes(task: Task, email: dict[str, str] | str, check: str) -> tuple[bool, EmailScore]:
    score = score_email(task, email)
    return score.checks[check].passed, score
