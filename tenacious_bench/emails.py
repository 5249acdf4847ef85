"""Reading files of emails to score (task-format.md): {task_id, subject, body} or {task_id, completion}."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tenacious_bench.email import ParsedEmail
from tenacious_bench.task import json_error


class EmailRowError(ValueError):
    pass


@dataclass(frozen=True)
class EmailRow:
    lineno: int
    row: dict[str, Any]  # the whole input row (extra fields are kept in the output)
    task_id: str
    answer: str | dict[str, str]


def answer_of(row: dict[str, Any], where: str) -> str | dict[str, str]:
    """The answer a row carries: its raw `completion`, or its `subject` and `body`."""
    if "completion" in row:
        if "subject" in row or "body" in row:
            raise EmailRowError(f"{where}: a row has either 'completion' or 'subject'/'body', not both")
        if not isinstance(row["completion"], str):
            raise EmailRowError(f"{where}: field completion must be a string")
        return row["completion"]
    if "body" not in row:
        raise EmailRowError(
            f"{where}: field body is missing (an answer is a 'completion', or a 'subject' and a 'body'; "
            f"got keys {sorted(map(str, row))})"
        )
    subject, body = row.get("subject"), row["body"]
    if subject is not None and not isinstance(subject, str):
        raise EmailRowError(f"{where}: field subject must be a string or null")
    if not isinstance(body, str):
        raise EmailRowError(f"{where}: field body must be a string")
    return {"subject": subject, "body": body} if subject is not None else {"body": body}


def check_answer(answer: Any) -> Any:
    """One rule for an answer, in Python as in the CLI: raw text, None (an empty answer), a parsed
    email, or a mapping with `completion` or `subject` and `body` (a missing body is an error, never
    an empty email). Raises EmailRowError naming what is wrong."""
    if answer is None or isinstance(answer, str | ParsedEmail):
        return answer
    if isinstance(answer, dict):
        return answer_of(answer, "answer")
    raise EmailRowError(
        f"answer: must be a string or a {{subject, body}} mapping, got {type(answer).__name__}"
    )


def iter_email_rows(path: str | Path) -> Iterator[EmailRow | EmailRowError]:
    """Each non-blank line as an EmailRow, or the EmailRowError saying what is wrong with it."""
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            where = f"{path}:{lineno}"
            try:
                row = json.loads(line)
            except json.JSONDecodeError as err:
                yield EmailRowError(f"{where}: {json_error(err)}")
                continue
            if not isinstance(row, dict):
                yield EmailRowError(f"{where}: a row must be a JSON object")
                continue
            task_id = row.get("task_id")
            if not isinstance(task_id, str) or not task_id:
                yield EmailRowError(f"{where}: field task_id is missing or not a string")
                continue
            try:
                yield EmailRow(lineno, row, task_id, answer_of(row, f"{where} (task_id {task_id})"))
            except EmailRowError as err:
                yield err
