"""Shared fixtures: the shipped next-message splits and a fresh build of them (once per session)."""

from __future__ import annotations

from typing import Any

import pytest

from tenacious_bench.next_message import SPLITS, build_next_message_rows, load_next_message_split
from tenacious_bench.task import Task


@pytest.fixture(scope="session")
def nm_splits() -> dict[str, list[Task]]:
    return {s: load_next_message_split(s) for s in SPLITS}


@pytest.fixture(scope="session")
def nm_rows() -> dict[str, list[dict[str, Any]]]:
    """A fresh build from the generator (seed 2026): rows by split, references attached."""
    return build_next_message_rows()


def one_per_case(tasks: list[Task]) -> list[Task]:
    """The first task of each generator case (every class, objection type and hand-off trigger)."""
    seen: dict[str, Task] = {}
    for t in tasks:
        case = str((t.metadata.generator or {})["case"])
        seen.setdefault(case, t)
    return list(seen.values())
