"""The task contract of task-format.md as a typed model, with loading that names every problem.

Nothing is silently defaulted: the only optional fields are those the contract makes optional
(`sender`, `date` of a signal, the limits in `constraints`, `reference`), and their defaults are
the style guide's, applied where they are used.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    JsonValue,
    StrictFloat,
    StrictInt,
    StrictStr,
    ValidationError,
    model_validator,
)

SCHEMA_VERSION = "1.0"

Confidence = Literal["high", "medium", "low", "very_low"]
SignalType = Literal[
    "funding",
    "job_posts",
    "layoff",
    "leadership_change",
    "capability_gap",
    "tech_stack",
    "market",
    "referral",
    "thread",
]
Kind = Literal["cold", "warm_reply", "re_engagement", "next_message"]
# Schema 1.1, next-message tasks (replies.md): the class of the prospect's latest reply, the objection
# type of an objection, and the hand-off trigger the reply contains (our addition, interface.md).
ReplyClass = Literal["engaged", "curious", "soft_defer", "objection", "hard_no"]
Objection = Literal["price", "incumbent", "small_poc", "offshore"]
Handoff = Literal["price_outside_bands", "total_contract", "staffing", "client_reference", "legal_terms"]
REPLY_CLASSES: tuple[str, ...] = ReplyClass.__args__
OBJECTIONS: tuple[str, ...] = Objection.__args__
HANDOFFS: tuple[str, ...] = Handoff.__args__
Split = Literal["train", "dev", "held_out"]
SourceMode = Literal["programmatic", "hand_authored", "trace_derived", "llm_synthesis"]
NonEmptyStr = Annotated[StrictStr, Field(min_length=1)]
IsoDate = Annotated[StrictStr, Field(pattern=r"^\d{4}-\d{2}-\d{2}$")]
FactValue = StrictInt | StrictFloat | StrictStr | list[StrictStr]

# The shipped dataset's id scheme (build-dataset, `validate --dataset`): the prefix names the source
# mode. A user's own task files may use any unique id (task-format.md).
SHIPPED_TASK_ID = r"^TB-[A-Z]{3}-[0-9A-Z\-]+$"
TASK_ID_PREFIXES: dict[str, str] = {
    "programmatic": "TB-PRG-",
    "hand_authored": "TB-HND-",
    "trace_derived": "TB-TRC-",
    "llm_synthesis": "TB-LLM-",
}
# Next-message tasks (kind next_message) carry their own prefix, whatever their source mode (interface.md).
NEXT_MESSAGE_ID_PREFIX = "TB-NXT-"
# Known fact keys and their one type (task-format.md); other keys are allowed but keep one type per file.
KNOWN_FACT_TYPES: dict[str, str] = {
    "amount_usd": "int",
    "round": "str",
    "open_roles": "int",
    "previous_open_roles": "int",
    "window_days": "int",
    "role": "str",
    "percent": "number",
    "headcount": "int",
    "leader_name": "str",
    "leader_title": "str",
    "peers": "list",
    "stack": "list",
    "engineers_requested": "int",
    "start_within_days": "int",
}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Prospect(_Strict):
    first_name: NonEmptyStr
    last_name: NonEmptyStr
    title: NonEmptyStr
    company: NonEmptyStr
    domain: NonEmptyStr
    employees: Annotated[StrictInt, Field(ge=1)]
    location: NonEmptyStr


class Sender(_Strict):
    first_name: NonEmptyStr
    title: NonEmptyStr


class Signal(_Strict):
    id: NonEmptyStr
    type: SignalType
    confidence: Confidence
    date: IsoDate | None = None
    text: NonEmptyStr
    facts: dict[str, FactValue]
    anchors: list[NonEmptyStr]


class AIMaturity(_Strict):
    score: Annotated[StrictInt, Field(ge=0, le=3)]
    confidence: Confidence


class PricingBand(_Strict):
    name: NonEmptyStr
    usd_low: Annotated[StrictInt, Field(ge=0)]
    usd_high: Annotated[StrictInt, Field(ge=0)]
    unit: NonEmptyStr

    @model_validator(mode="after")
    def _ordered(self) -> PricingBand:
        if self.usd_high < self.usd_low:
            raise ValueError(f"usd_high {self.usd_high} is below usd_low {self.usd_low}")
        return self


class ThreadMessage(_Strict):
    from_: Literal["prospect", "tenacious"] = Field(alias="from")
    channel: Literal["email", "call", "linkedin"]
    date: IsoDate
    subject: StrictStr
    body: NonEmptyStr


class Constraints(_Strict):
    required_signals: list[NonEmptyStr]
    max_subject_chars: Annotated[StrictInt, Field(ge=1)] | None = None
    max_body_words: Annotated[StrictInt, Field(ge=1)] | None = None
    forbidden_phrases: list[NonEmptyStr]
    # Schema 1.1, next_message tasks only (checked on the task): the reply's class, the objection type
    # (exactly when the class is objection) and the hand-off trigger the reply contains, if any.
    reply_class: ReplyClass | None = None
    objection: Objection | None = None
    handoff: Handoff | None = None


class Reference(_Strict):
    # Empty only for a hard_no next_message task, whose reference is the no-reply token as the body
    # ({"subject": "", "body": "NO_REPLY"}); checked on the task.
    subject: StrictStr
    body: NonEmptyStr


class Metadata(_Strict):
    """The documented keys, plus any other key (task-format.md invites additions); an added key keeps
    one type across a file (`check_tasks` checks it), so the data has one Arrow type per column."""

    model_config = ConfigDict(extra="allow", frozen=True)
    __pydantic_extra__: dict[str, JsonValue] = Field(init=False)

    created_at: IsoDate
    probe_ids: list[NonEmptyStr]
    difficulty: Literal["easy", "medium", "hard"]
    # Documented additions (data card): the held-out canary, the generator's template ids and the
    # sha256 of a withheld held-out reference.
    canary: NonEmptyStr | None = None
    generator: dict[str, StrictStr | StrictInt] | None = None
    reference_sha256: Annotated[StrictStr, Field(pattern=r"^[0-9a-f]{64}$")] | None = None
    notes: StrictStr | None = None


class Task(_Strict):
    task_id: Annotated[StrictStr, Field(min_length=1, pattern=r"^\S(?:.*\S)?$")]
    schema_version: Literal["1.0", "1.1"]
    split: Split
    source_mode: SourceMode
    kind: Kind
    as_of: IsoDate
    segment: Annotated[StrictInt, Field(ge=1, le=4)]
    prospect: Prospect
    sender: Sender | None = None
    signals: list[Signal]
    ai_maturity: AIMaturity
    bench: dict[NonEmptyStr, Annotated[StrictInt, Field(ge=0)]]
    pricing_bands: list[PricingBand]
    thread: list[ThreadMessage]
    # Schema 1.1: threads with other people at the prospect's company; the email must not refer to them.
    other_threads: list[Annotated[list[ThreadMessage], Field(min_length=1)]] | None = None
    instruction: NonEmptyStr
    constraints: Constraints
    reference: Reference | None = None
    metadata: Metadata

    @model_validator(mode="after")
    def _consistent(self) -> Task:
        for value in [self.as_of, *(s.date for s in self.signals if s.date), *(m.date for m in self.thread)]:
            dt.date.fromisoformat(value)  # a pattern-valid but impossible date (2026-02-30) fails here
        ids = [s.id for s in self.signals]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"signal ids are not unique: {dupes}")
        missing = [i for i in self.constraints.required_signals if i not in ids]
        if missing:
            raise ValueError(f"constraints.required_signals names unknown signal ids {missing}")
        for s in self.signals:
            if s.id in self.constraints.required_signals and not s.anchors:
                raise ValueError(f"required signal {s.id!r} has no anchors")
            for key, value in s.facts.items():
                expected = KNOWN_FACT_TYPES.get(key)
                if (
                    expected
                    and fact_type(value) != expected
                    and not (expected == "number" and fact_type(value) == "int")
                ):
                    raise ValueError(
                        f"signals[{s.id}].facts.{key} must be {expected}, got {fact_type(value)}"
                    )
        if self.other_threads is not None and self.schema_version != "1.1":
            raise ValueError('a task with other_threads declares "schema_version": "1.1" (task-format.md)')
        if self.kind != "cold" and not self.thread:
            raise ValueError(f"a {self.kind} task needs a non-empty thread")
        self._check_next_message()
        if self.split == "held_out" and self.metadata.canary is None:
            raise ValueError("a held_out task must carry metadata.canary")
        return self

    def _check_next_message(self) -> None:
        """The next_message fields (task-format.md "Schema 1.1 additions", interface.md)."""
        c = self.constraints
        if self.kind != "next_message":
            given = [k for k in ("reply_class", "objection", "handoff") if getattr(c, k) is not None]
            if given:
                raise ValueError(
                    f"constraints.{given[0]} is only for a next_message task (this task's kind is {self.kind!r})"
                )
            if self.reference is not None and not self.reference.subject.strip():
                raise ValueError("reference.subject is empty (only a hard_no next_message task has no subject)")
            return
        if self.schema_version != "1.1":
            raise ValueError('a next_message task declares "schema_version": "1.1" (task-format.md)')
        last = self.thread[-1]
        if last.from_ != "prospect" or last.channel != "email":
            raise ValueError(
                "the thread of a next_message task ends with the prospect's latest reply (from 'prospect', "
                f"channel 'email'); its last item is from {last.from_!r} on {last.channel!r}"
            )
        if c.reply_class is None:
            raise ValueError(
                f"a next_message task needs constraints.reply_class (one of {list(REPLY_CLASSES)})"
            )
        if c.reply_class == "objection" and c.objection is None:
            raise ValueError(
                f"constraints.reply_class is 'objection': constraints.objection is required (one of {list(OBJECTIONS)})"
            )
        if c.reply_class != "objection" and c.objection is not None:
            raise ValueError(
                f"constraints.objection is given ({c.objection!r}) but constraints.reply_class is "
                f"{c.reply_class!r}: an objection type goes only with reply_class 'objection'"
            )
        if c.reply_class == "hard_no":
            if c.handoff is not None:
                raise ValueError("a hard_no task sends no reply, so it has no constraints.handoff")
            if c.max_body_words is not None:
                raise ValueError("a hard_no task sends no reply, so it has no constraints.max_body_words")
            if self.reference is not None and self.reference.subject != "":
                raise ValueError(
                    'a hard_no task\'s reference is the no-reply token: {"subject": "", "body": "NO_REPLY"}'
                )
        elif self.reference is not None and not self.reference.subject.strip():
            raise ValueError(
                f"reference.subject is empty: a {c.reply_class} reply is an email with a subject "
                "(only a hard_no task's reference has none)"
            )

    @property
    def signals_by_id(self) -> dict[str, Signal]:
        return {s.id: s for s in self.signals}


def fact_type(value: Any) -> str:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "str"
    return "list"


class TaskError(ValueError):
    """A task failed validation. `problems` holds one line per problem, each naming task and field."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


def _format_validation_error(err: ValidationError, where: str) -> list[str]:
    lines = []
    for e in err.errors():
        loc = ".".join(str(p) for p in e["loc"]) or "(task)"
        lines.append(f"{where}: field {loc}: {e['msg']}")
    return lines


def _plain(value: Any, where: str) -> Any:
    """A row as `datasets` (or pandas) yields it, as plain JSON values: dates and timestamps become
    ISO dates, numpy values Python ones, and keys whose value is None (an absent optional field in
    Arrow's one-struct-for-all-rows layout) are dropped."""
    if isinstance(value, dict):
        return {k: _plain(v, f"{where}.{k}" if where else str(k)) for k, v in value.items() if v is not None}
    if isinstance(value, list | tuple):
        return [_plain(v, f"{where}.{i}") for i, v in enumerate(value)]
    if isinstance(value, dt.datetime):  # also pandas.Timestamp, a datetime subclass
        if value.time() != dt.time(0) or (value.tzinfo is not None and value.utcoffset()):
            raise TaskError([f"field {where}: a date is expected, got the timestamp {value.isoformat()}"])
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if type(value).__module__ == "numpy" and hasattr(value, "tolist"):
        return _plain(value.tolist(), where)
    return value


def parse_task(data: Any, *, where: str = "task") -> Task:
    """Validate one task object (a JSON object, or a row as `datasets` yields it: dates as
    timestamps, None for absent optional fields); raise TaskError naming the task id and every bad field."""
    if isinstance(data, Task):
        return data
    if not isinstance(data, dict):
        raise TaskError([f"{where}: a task must be a JSON object, got {type(data).__name__}"])
    task_id = data.get("task_id")
    label = f"{where} (task_id {task_id})" if isinstance(task_id, str) else f"{where} (no task_id)"
    try:
        data = _plain(data, "")
    except TaskError as err:
        raise TaskError([f"{label}: {p}" for p in err.problems]) from None
    try:
        return Task.model_validate(data)
    except ValidationError as err:
        raise TaskError(_format_validation_error(err, label)) from None


def as_task(task: Task | dict[str, Any]) -> Task:
    """A Task, or a task row (a dict from JSON or from `datasets`) validated into one."""
    return task if isinstance(task, Task) else parse_task(task)


def resign_task(task: Task, sender: dict[str, str] | None = None) -> Task:
    """The task signed by `sender`, or with no sender (the style guide's default_sender signs)."""
    row = task.model_dump(mode="json", by_alias=True, exclude_none=True)
    row.pop("sender", None)
    if sender is not None:
        row["sender"] = sender
    return parse_task(row, where=f"re-signed {task.task_id}")


def shipped_id_problems(tasks: Iterable[Task]) -> list[str]:
    """The shipped dataset's id scheme: `TB-XXX-...` with the prefix naming the source mode, or
    `TB-NXT-` for a next_message task (whatever its source mode)."""
    problems = []
    for t in tasks:
        nxt = t.kind == "next_message"
        prefix = NEXT_MESSAGE_ID_PREFIX if nxt else TASK_ID_PREFIXES[t.source_mode]
        if not re.match(SHIPPED_TASK_ID, t.task_id) or not t.task_id.startswith(prefix):
            what = "kind 'next_message'" if nxt else f"source_mode {t.source_mode!r}"
            problems.append(
                f"task_id {t.task_id}: in the shipped dataset a task_id must start with {prefix!r} for "
                f"{what} (pattern {SHIPPED_TASK_ID})"
            )
    return problems


def json_error(err: json.JSONDecodeError) -> str:
    """A JSON error in full, with its column: json's own `msg` drops the position."""
    return f"invalid JSON: {err.msg.removesuffix(' at')} at column {err.colno} (character {err.pos})"


def iter_task_rows(path: str | Path) -> Iterator[tuple[int, Any]]:
    """(line number, decoded JSON or the JSONDecodeError) for each non-blank line of a JSONL file."""
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                yield lineno, json.loads(line)
            except json.JSONDecodeError as err:
                yield lineno, err


T = TypeVar("T")


def iter_unique_rows(
    path: str | Path,
    parse: Callable[..., T],
    id_of: Callable[[T], str],
    id_name: str,
    errors: type[Exception] | tuple[type[Exception], ...],
    seen: dict[str, str],
    problems: list[str],
) -> Iterator[tuple[str, T]]:
    """(where, parsed row) for each valid row of a JSONL file whose id is new to `seen`; bad JSON, a
    row `parse` rejects (its `errors`, carrying `.problems`) and a duplicate id go to `problems`.
    One loop for every JSONL file of records with ids (tasks, reply items)."""
    for lineno, row in iter_task_rows(path):
        where = f"{path}:{lineno}"
        if isinstance(row, json.JSONDecodeError):
            problems.append(f"{where}: {json_error(row)}")
            continue
        try:
            parsed = parse(row, where=where)
        except errors as err:
            problems.extend(err.problems)  # type: ignore[attr-defined]
            continue
        key = id_of(parsed)
        if key in seen:
            problems.append(f"{where} ({id_name} {key}): duplicate {id_name}, first at {seen[key]}")
            continue
        seen[key] = where
        yield where, parsed


def _value_type(value: Any) -> str:
    return "dict" if isinstance(value, dict) else fact_type(value)


def check_tasks(paths: Iterable[str | Path], *, shipped: bool = False) -> tuple[list[Task], list[str]]:
    """Load tasks from files, collecting every problem instead of stopping at the first.

    `shipped=True` also applies the shipped dataset's id scheme (`shipped_id_problems`)."""
    tasks: list[Task] = []
    problems: list[str] = []
    seen: dict[str, str] = {}
    fact_types: dict[str, tuple[str, str]] = {}
    extra_types: dict[str, tuple[str, str]] = {}
    for path in paths:
        for where, task in iter_unique_rows(path, parse_task, lambda t: t.task_id, "task_id", TaskError, seen,
                                            problems):
            for s in task.signals:
                for key, value in s.facts.items():
                    t = fact_type(value)
                    t = "number" if t == "int" and KNOWN_FACT_TYPES.get(key) == "number" else t
                    first = fact_types.setdefault(key, (t, task.task_id))
                    if first[0] != t:
                        problems.append(
                            f"{where} (task_id {task.task_id}): field signals[{s.id}].facts.{key} is {t}, "
                            f"but is {first[0]} in {first[1]} (one type per key across files)"
                        )
            for key, value in (task.metadata.model_extra or {}).items():
                t = _value_type(value)
                first = extra_types.setdefault(key, (t, task.task_id))
                if first[0] != t:
                    problems.append(
                        f"{where} (task_id {task.task_id}): field metadata.{key} is {t}, "
                        f"but is {first[0]} in {first[1]} (one type per key across files)"
                    )
            if shipped:
                problems += [f"{where}: {p}" for p in shipped_id_problems([task])]
            tasks.append(task)
    return tasks, problems


def load_tasks(*paths: str | Path, shipped: bool = False) -> list[Task]:
    """Load and validate tasks; raise TaskError listing every problem."""
    tasks, problems = check_tasks(paths, shipped=shipped)
    if problems:
        raise TaskError(problems)
    return tasks


def task_json_schema() -> dict[str, Any]:
    return Task.model_json_schema(by_alias=True)
