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
    "handoff:legal_terms": "Can you work under our MSA and accept our liability clause?",
    "handoff:staffing": "Interesting. Could you staff 12 Python engineers by next month?",
    "handoff:client_reference": "Which fintech clients could I speak to as a reference?",
    "handoff:total_contract": "What would the whole three-phase plan cost in total?",
    "handoff:price_outside_bands": "We could only go to $8,000 per senior engineer per month. Can you do that?",
}

_SIGN = "\n\nBest,\nSelam"
# A passing answer per case (scorer-verified in tests/scorers/test_next_message.py): the gaming suite
# adds one defect to each.
GOOD = {
    "engaged": "Hi Daniel,\n\nThanks for the detail on the Python data platform rebuild. Two Python engineers could "
    "start in about two weeks, and our public senior rate is $9,000 to $12,000 per engineer per month.\n\n"
    "Would 15 minutes next week to walk through the rebuild be useful?" + _SIGN,
    "curious": "Hi Daniel,\n\nI wrote because of Quarryline's $30M Series B and the hiring plan that usually follows "
    "it. We place managed Python and data engineers, typically deployed in about two weeks.\n\nWould 15 minutes "
    "next week on that plan be useful?" + _SIGN,
    "soft_defer": "Hi Daniel,\n\nUnderstood, the launch comes first at Quarryline. I will check back in March, once "
    "it is out." + _SIGN,
    "hard_no": "NO_REPLY",
    "objection:price": "Hi Daniel,\n\nThat is a fair comparison, and our rates are higher than many agencies. What "
    "Quarryline would get for it is reliability: managed teams with at least three hours of overlap with your time "
    "zone and a delivery lead embedded on request.\n\nWould 15 minutes on how the overlap works in practice be "
    "useful?" + _SIGN,
    "objection:incumbent": "Hi Daniel,\n\nThat makes sense; a vendor that works should keep its core scope. Where we "
    "usually help is capacity for a new initiative, such as the hiring plan after Quarryline's $30M Series B."
    "\n\nWould 15 minutes on whether that plan needs extra capacity be useful?" + _SIGN,
    "objection:small_poc": "Hi Daniel,\n\nStarting small is the right call for Quarryline. Our starter projects begin "
    "at $25,000 for a fixed scope, which keeps the first step modest.\n\nWhat is the smallest deliverable that "
    "would prove value? Would 15 minutes to scope it work?" + _SIGN,
    "objection:offshore": "Hi Daniel,\n\nThat concern is fair, and time zones are where many remote setups struggle. "
    "Our managed teams keep at least three hours of overlap with your time zone, with a delivery lead embedded on "
    "request for Quarryline.\n\nWould 15 minutes on how the overlap would work be useful?" + _SIGN,
    "handoff:legal_terms": "Hi Daniel,\n\nThanks for sending the MSA question for Quarryline. Our delivery lead will "
    "follow up on the terms this week, since contract terms are theirs to confirm.\n\nWould 15 minutes on the "
    "project scope in the meantime be useful?" + _SIGN,
    "handoff:staffing": "Hi Daniel,\n\nThanks for the clear ask on the Python team for Quarryline. Today 7 Python "
    "engineers are ready to deploy, and our delivery lead will follow up on how the rest of the plan could be "
    "covered.\n\nWould 15 minutes this week to go through the plan be useful?" + _SIGN,
    "handoff:client_reference": "Hi Daniel,\n\nA reference request like this one is best handled by our delivery "
    "lead, who will follow up with what can be shared for Quarryline.\n\nWould 15 minutes on the project scope in "
    "the meantime be useful?" + _SIGN,
    "handoff:total_contract": "Hi Daniel,\n\nA figure for the whole plan depends on how the phases are scoped, so "
    "our delivery lead will follow up on it for Quarryline. Our public senior rate is $9,000 to $12,000 per "
    "engineer per month.\n\nWould 15 minutes on the first phase be useful?" + _SIGN,
    "handoff:price_outside_bands": "Hi Daniel,\n\nThanks for being direct about the budget at Quarryline. Our public "
    "senior rate is $9,000 to $12,000 per engineer per month, and our delivery lead will follow up on what is "
    "possible.\n\nWould 15 minutes on the scope in the meantime be useful?" + _SIGN,
}
SUBJECT = "Re: Request: Quarryline's Series B hiring plan"
# The case keys as (reply_class, objection, handoff, required signals).
CASES: dict[str, tuple[str, str | None, str | None, list[str]]] = {
    "engaged": ("engaged", None, None, []),
    "curious": ("curious", None, None, ["funding"]),
    "soft_defer": ("soft_defer", None, None, []),
    "hard_no": ("hard_no", None, None, []),
    **{f"objection:{o}": ("objection", o, None, []) for o in ("price", "incumbent", "small_poc", "offshore")},
    **{f"handoff:{h}": ("engaged", None, h, []) for h in
       ("legal_terms", "staffing", "client_reference", "total_contract", "price_outside_bands")},
}


def case_task(key: str, task_id: str | None = None) -> Task:
    """The task of a case key, with its passing answer as the reference."""
    cls, objection, handoff, required = CASES[key]
    row = nm_row(cls, objection, handoff=handoff, reply=REPLIES[key], required_signals=required,
                 task_id=task_id or "TB-NXT-" + key.upper().replace(":", "-").replace("_", "-"))
    good = GOOD[key]
    row["reference"] = {"subject": "", "body": good} if good == "NO_REPLY" else {"subject": SUBJECT, "body": good}
    return parse_task(row)


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
