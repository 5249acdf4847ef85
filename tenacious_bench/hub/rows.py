"""A row as `datasets` yields it, back to a task object of task-format.md.

Parquet stores every split of a config under one Arrow schema, so the maps of a task (signal `facts`,
`bench`, `metadata.generator`) become structs holding the union of all keys, with None for the keys a
row lacks, and optional fields come back as None. JSON loaders may also yield dates as timestamps.
`task_dict` undoes exactly that: drops None values and writes dates as ISO `YYYY-MM-DD`; the task
model then validates the row. The task comes back equal to the shipped one and its prompt is
byte-identical (`bench` keeps its order, which the prompt shows). One difference remains and is
harmless: a struct has one key order, so the keys of a signal's `facts` can come back in another order
than in the JSONL file (nothing reads facts by position; tests/hub checks both properties).
"""

from __future__ import annotations

import datetime as dt
from typing import Any


def _clean(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items() if v is not None}
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if hasattr(value, "to_pydatetime"):  # a pandas Timestamp
        return value.to_pydatetime().date().isoformat()
    return value


def task_dict(row: dict[str, Any]) -> dict[str, Any]:
    """The task object of a `datasets` row (None values dropped, dates as ISO strings)."""
    return _clean(dict(row))


def hub_rows_to_tasks(rows: Any, where: str) -> list[Any]:
    """Validate rows (an iterable of dicts) through the task model; TaskError lists every problem."""
    from tenacious_bench.task import TaskError, parse_task

    tasks, problems, seen = [], [], set()
    for i, row in enumerate(rows):
        try:
            task = parse_task(task_dict(row), where=f"{where} row {i}")
        except TaskError as err:
            problems.extend(err.problems)
            continue
        if task.task_id in seen:
            problems.append(f"{where} row {i} (task_id {task.task_id}): duplicate task_id")
            continue
        seen.add(task.task_id)
        tasks.append(task)
    if problems:
        raise TaskError(problems)
    return tasks
