"""Next-message tasks for the scorer tests: the packaged warm-reply example (TB-HND-EX02) turned into a
schema 1.1 next_message task whose thread ends with the prospect reply a test gives."""

from __future__ import annotations

import copy
import json
from functools import cache
from typing import Any

from tenacious_bench.task import Task, parse_task
from tests.conftest import EXAMPLES

REPLIES = {
    "engaged": "Selam, useful. We are planning a data platform rebuild in Python. How fast could two "
    "engineers start, and what does the senior rate look like?",
    "curious": "Tell me more. What do you do exactly?",
    "soft_defer": "Not now, we are heads down on the launch. Ask me again next quarter.",
    "hard_no": "Not interested. Please remove me from your list.",
    "objection:price": "Honestly you are more expensive than the agency we use in Lisbon.",
    "objection:incumbent": "We already have a vendor for this and it works fine.",
    "objection:small_poc": "We would only want a small proof of concept to start, nothing bigger.",
    "objection:offshore": "We have had bad experiences with offshore teams and time zones.",
}


@cache
def _base() -> str:
    return EXAMPLES.read_text().splitlines()[1]  # TB-HND-EX02, a warm reply ending with the prospect


def nm_row(
    reply_class: str,
    objection: str | None = None,
    *,
    handoff: str | None = None,
    reply: str | None = None,
    required_signals: list[str] | None = None,
    task_id: str = "TB-NXT-T001",
    **constraints: Any,
) -> dict[str, Any]:
    row = json.loads(_base())
    row["task_id"] = task_id
    row["schema_version"] = "1.1"
    row["kind"] = "next_message"
    row["instruction"] = "Write the next message to Daniel, or answer NO_REPLY if none may be sent."
    key = f"objection:{objection}" if objection else reply_class
    row["thread"][-1]["body"] = reply or REPLIES[key]
    row["signals"] = [s for s in row["signals"] if s["id"] == "funding"]
    row["constraints"] = {
        "required_signals": required_signals if required_signals is not None else [],
        "forbidden_phrases": [],
        "reply_class": reply_class,
        **({"objection": objection} if objection else {}),
        **({"handoff": handoff} if handoff else {}),
        **constraints,
    }
    row.pop("reference", None)
    return row


def nm_task(reply_class: str, objection: str | None = None, **kw: Any) -> Task:
    return parse_task(copy.deepcopy(nm_row(reply_class, objection, **kw)))


def email(body: str, subject: str = "Re: Request: Quarryline's Series B hiring plan", sender: str = "Selam") -> str:
    """A raw answer: the subject, "Hi Daniel," the body paragraphs and the sign-off."""
    return f"Subject: {subject}\n\nHi Daniel,\n\n{body}\n\nBest,\n{sender}"
