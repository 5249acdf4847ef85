"""Robustness: hypothesis fuzzing of every check, the email parser and task loading.

Any text at all (arbitrary Unicode, control and format characters, huge inputs) must give a score
with five verdicts, never an exception; a broken task must give one TaskError naming the field.
Example counts stay modest so the suite stays fast on 2 cores.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tenacious_bench.scorers import CHECKS

from tenacious_bench.email import parse_email
from tenacious_bench.scoring import CHECK_NAMES, EmailView, score_email
from tenacious_bench.style_guide import load_style_guide
from tenacious_bench.task import Task, TaskError, load_tasks, parse_task

EXAMPLES = Path(__file__).resolve().parents[1] / "tenacious_bench" / "data" / "examples" / "tasks.jsonl"
GUIDE = load_style_guide()
TASKS = load_tasks(EXAMPLES)
RAW_TASKS = [json.loads(line) for line in EXAMPLES.read_text(encoding="utf-8").splitlines() if line.strip()]
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Every character class, including control (Cc), format (Cf: zero-width, soft hyphen, bidi),
# surrogates excluded (not encodable), private use and unassigned code points.
any_text = st.text(st.characters(exclude_categories=["Cs"]), max_size=400)
hostile_chars = st.sampled_from(
    ["\u200b", "\u00ad", "\u202e", "\ufeff", "\u0000", "\x07", "\r", "\n", "\t", "\u2028", "\u2029",
     "\u0301", "\U0001f600", "\u0430", "\u2014", "```", "Subject:", "> ", "Best,", "Hi Maya,", "[", "{", "<",
     "$", "15 minutes", "bench", "?", "."]
)
hostile_text = st.lists(st.one_of(hostile_chars, st.text(max_size=8)), max_size=80).map("".join)
answers = st.one_of(any_text, hostile_text, hostile_text.map(lambda t: "Subject: " + t))
tasks = st.sampled_from(TASKS)


def _assert_well_formed(result: Any) -> None:
    assert set(result.checks) == set(CHECK_NAMES)
    for c in result.checks.values():
        assert isinstance(c.passed, bool)
        assert c.passed or c.reasons, f"{c.name} failed without a reason"
    json.dumps(result.to_dict())  # every score is serialisable


@FAST
@given(task=tasks, answer=answers)
def test_score_email_never_raises_on_any_text(task: Task, answer: str) -> None:
    _assert_well_formed(score_email(task, answer, GUIDE))


@FAST
@given(task=tasks, subject=st.one_of(st.none(), any_text), body=answers)
def test_score_email_accepts_any_subject_body_mapping(task: Task, subject: str | None, body: str) -> None:
    _assert_well_formed(score_email(task, {"subject": subject, "body": body}, GUIDE))


@pytest.mark.parametrize("check_name", CHECK_NAMES)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(task=tasks, answer=answers)
def test_each_check_alone_never_raises(check_name: str, task: Task, answer: str) -> None:
    email = parse_email(answer, GUIDE.greetings, GUIDE.sign_offs)
    result = CHECKS[check_name]().run(EmailView(task, GUIDE, email))
    assert result.name == check_name
    assert isinstance(result.passed, bool)


@FAST
@given(answer=answers)
def test_parser_invariants(answer: str) -> None:
    email = parse_email(answer, GUIDE.greetings, GUIDE.sign_offs)
    # The subject is one line and is never guessed from a body with no "subject" label.
    if email.subject is not None:
        assert "\n" not in email.subject
    if "subject" not in answer.casefold():
        assert email.subject is None
    assert email.raw == answer


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(task=tasks, unit=hostile_text, reps=st.integers(min_value=2_000, max_value=6_000))
def test_huge_answers_score(task: Task, unit: str, reps: int) -> None:
    answer = "Subject: Request: x\n\nHi Maya,\n\n" + (unit + " ") * reps
    _assert_well_formed(score_email(task, answer, GUIDE))


def test_a_reference_still_passes_after_fuzzing_setup() -> None:
    # Guards the fuzz tests' premise: the example tasks and their references are valid inputs.
    for task in TASKS:
        assert score_email(task, task.reference.model_dump(), GUIDE).passed


# -- task loading ---------------------------------------------------------------------------------

# Fields the contract makes optional: removing them must still load.
OPTIONAL = {("sender",), ("reference",), ("constraints", "max_subject_chars"), ("constraints", "max_body_words"),
            ("metadata", "canary"), ("metadata", "generator"), ("metadata", "reference_sha256"),
            ("metadata", "notes")}


def _paths(obj: Any, prefix: tuple = ()) -> list[tuple]:
    """Every key path into a task object (dict keys and list indices)."""
    out = []
    if isinstance(obj, dict):
        items = obj.items()
    elif isinstance(obj, list):
        items = enumerate(obj)
    else:
        return out
    for k, v in items:
        out.append((*prefix, k))
        out.extend(_paths(v, (*prefix, k)))
    return out


def _removable(raw: dict) -> list[tuple]:
    # Signal dates are optional; fact keys are free-form (a missing fact is not an error); list
    # items may be removed without error (a shorter list is still a list).
    return [p for p in _paths(raw) if isinstance(p[-1], str) and p not in OPTIONAL
            and not (len(p) == 3 and p[0] == "signals" and p[2] == "date")
            and not (len(p) >= 4 and p[0] == "signals" and p[2] == "facts")
            and not (p[0] == "bench" and len(p) == 2)]


def _field_label(path: tuple) -> str:
    return ".".join(str(p) for p in path)


def _get_parent(obj: Any, path: tuple) -> Any:
    for p in path[:-1]:
        obj = obj[p]
    return obj


@settings(max_examples=80, deadline=None)
@given(data=st.data())
def test_removing_a_required_field_names_it(data: st.DataObject) -> None:
    raw = copy.deepcopy(data.draw(st.sampled_from(RAW_TASKS)))
    path = data.draw(st.sampled_from(_removable(raw)))
    expected = _field_label(path)
    del _get_parent(raw, path)[path[-1]]
    with pytest.raises(TaskError) as err:
        parse_task(raw)
    assert err.value.problems and all(expected in p for p in err.value.problems), (path, err.value.problems)


# A value of another JSON type for each kind of value the task holds.
def _other_type(value: Any) -> st.SearchStrategy:
    options = [None, True, 3, 2.5, "text", ["a"], {"k": "v"}]

    def differs(v: Any) -> bool:
        if isinstance(value, bool) or isinstance(v, bool):
            return type(v) is not type(value)
        if isinstance(value, (int, float)) and isinstance(v, (int, float)):
            return False  # int <-> float may be legal (a percent); not a type change worth testing here
        return type(v) is not type(value)

    return st.sampled_from([o for o in options if differs(o)])


def _type_changeable(raw: dict) -> list[tuple]:
    # Fact values of unknown keys accept several types; skip them. Optional fields accept null.
    return [p for p in _paths(raw)
            if not (len(p) >= 4 and p[0] == "signals" and p[2] == "facts" and p[3] not in ("amount_usd", "percent",
                                                                                             "open_roles"))]


@settings(max_examples=80, deadline=None)
@given(data=st.data())
def test_changing_a_field_type_names_it(data: st.DataObject) -> None:
    raw = copy.deepcopy(data.draw(st.sampled_from(RAW_TASKS)))
    path = data.draw(st.sampled_from(_type_changeable(raw)))
    parent = _get_parent(raw, path)
    new = data.draw(_other_type(parent[path[-1]]))
    if new is None and isinstance(path[-1], str) and path not in _removable(raw):
        return  # null means absent (as in a `datasets` row): legal wherever removing the key is
    parent[path[-1]] = new
    with pytest.raises(TaskError) as err:
        parse_task(raw)
    problems = err.value.problems
    # Fact-type errors are reported by the task validator as "signals[<id>].facts.<key>".
    if len(path) >= 4 and path[0] == "signals" and path[2] == "facts":
        names = [f"facts.{path[3]}", _field_label(path)]
    else:
        names = [_field_label(path)]
    assert problems and all(any(n in p for n in names) for p in problems), (path, new, problems)
