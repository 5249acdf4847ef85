"""Reply-classification items (task-format.md, "Schema 1.1 additions"): model, loading, sealing, prompt.

An item is a prospect, the thread so far (Tenacious's outreach, oldest first), the prospect's latest
`reply`, and the `gold` class of that reply under `../shared/domain/replies.md`: one of the five
classes or `abstain`. A model answers with one class name or `abstain` (scored by
`tenacious_bench.reply_scoring`). Every harness sends exactly the messages of `build_reply_messages`.

`reply.from` is `"prospect"` when the prospect wrote the reply; otherwise it names who did
(`"Name <address>"`, e.g. an assistant or a colleague): the agent sees the sender of every email.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Sequence
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, JsonValue, StrictStr, ValidationError, model_validator

from tenacious_bench.task import IsoDate, NonEmptyStr, Prospect, ThreadMessage, iter_unique_rows

REPLY_SCHEMA_VERSION = "1.1"
REPLY_PROMPT_VERSION = "1"
# The five classes of replies.md, in its order; `abstain` routes the reply to a human.
CLASSES: tuple[str, ...] = ("engaged", "curious", "soft_defer", "objection", "hard_no")
ABSTAIN = "abstain"
LABELS: tuple[str, ...] = (*CLASSES, ABSTAIN)
OBJECTIONS: tuple[str, ...] = ("price", "incumbent", "small_poc", "offshore")
SPLITS = ("train", "dev", "held_out")
# Same sealing as the email tasks (tenacious_bench.dataset): held-out dates on or after the cutoff.
CUTOFF = dt.date(2026, 7, 1)
CANARY = "tenacious-bench-canary-6f1d8a3e-2b7c-4e55-9a0d-c41f27b9e813"
MANIFEST_NAME = "manifest.json"

Label = Literal["engaged", "curious", "soft_defer", "objection", "hard_no", "abstain"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Reply(_Strict):
    """The prospect's latest message. `from` is "prospect", or names the person who wrote instead."""

    from_: NonEmptyStr = Field(alias="from")
    channel: Literal["email", "linkedin"]
    date: IsoDate
    subject: StrictStr
    body: NonEmptyStr


class ReplyMetadata(_Strict):
    """Documented keys plus any other JSON value (task-format.md invites additions)."""

    model_config = ConfigDict(extra="allow", frozen=True)
    __pydantic_extra__: dict[str, JsonValue] = Field(init=False)

    created_at: IsoDate
    # What kind of reply this is, finer than the class: "objection/price", "abstain/out_of_office",
    # "hard_no/contact_correction", ...
    case: NonEmptyStr
    difficulty: Literal["easy", "medium", "hard"]
    objection: Literal["price", "incumbent", "small_poc", "offshore"] | None = None
    canary: NonEmptyStr | None = None
    generator: dict[str, StrictStr | int] | None = None


class ReplyItem(_Strict):
    item_id: Annotated[StrictStr, Field(min_length=1, pattern=r"^\S(?:.*\S)?$")]
    schema_version: Literal["1.1"]
    split: Literal["train", "dev", "held_out"]
    source_mode: Literal["programmatic", "hand_authored", "trace_derived", "llm_synthesis"]
    as_of: IsoDate
    prospect: Prospect
    thread: Annotated[list[ThreadMessage], Field(min_length=1)]
    reply: Reply
    gold: Label
    why: NonEmptyStr
    metadata: ReplyMetadata

    @model_validator(mode="after")
    def _consistent(self) -> ReplyItem:
        dates = [self.as_of, self.reply.date, *(m.date for m in self.thread)]
        for value in dates:
            dt.date.fromisoformat(value)  # 2026-02-30 matches the pattern and fails here
        if self.thread[-1].date > self.reply.date:
            raise ValueError(f"reply.date {self.reply.date} is before the last thread message {self.thread[-1].date}")
        if self.reply.date > self.as_of:
            raise ValueError(f"reply.date {self.reply.date} is after as_of {self.as_of}")
        if (self.gold == "objection") != (self.metadata.objection is not None):
            raise ValueError("metadata.objection is required for gold objection and only for it")
        if self.split == "held_out" and self.metadata.canary != CANARY:
            raise ValueError("a held_out item must carry the canary in metadata.canary")
        return self

    @property
    def from_prospect(self) -> bool:
        return self.reply.from_ == "prospect"


class ReplyItemError(ValueError):
    """Items failed validation; `problems` holds one line per problem, naming item and field."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


def parse_reply_item(data: Any, *, where: str = "item") -> ReplyItem:
    """Validate one item (a JSON object); raise ReplyItemError naming the item id and every bad field."""
    if isinstance(data, ReplyItem):
        return data
    if not isinstance(data, dict):
        raise ReplyItemError([f"{where}: an item must be a JSON object, got {type(data).__name__}"])
    item_id = data.get("item_id")
    label = f"{where} (item_id {item_id})" if isinstance(item_id, str) else f"{where} (no item_id)"
    try:
        return ReplyItem.model_validate(data)
    except ValidationError as err:
        lines = []
        for e in err.errors():
            loc = ".".join(str(p) for p in e["loc"]) or "(item)"
            lines.append(f"{label}: field {loc}: {e['msg']}")
        raise ReplyItemError(lines) from None


def check_reply_items(paths: Iterable[str | Path]) -> tuple[list[ReplyItem], list[str]]:
    """Load items from JSONL files, collecting every problem (bad JSON, bad field, duplicate id)."""
    items: list[ReplyItem] = []
    problems: list[str] = []
    seen: dict[str, str] = {}
    for path in paths:
        if not Path(path).is_file():
            problems.append(f"{path}: file not found")
            continue
        items += [item for _, item in iter_unique_rows(path, parse_reply_item, lambda i: i.item_id, "item_id",
                                                        ReplyItemError, seen, problems)]
    return items, problems


def load_reply_items(*paths: str | Path) -> list[ReplyItem]:
    """Load and validate items; raise ReplyItemError listing every problem."""
    items, problems = check_reply_items(paths)
    if problems:
        raise ReplyItemError(problems)
    return items


def item_row(item: ReplyItem) -> dict[str, Any]:
    return item.model_dump(mode="json", by_alias=True, exclude_none=True)


# ---------------------------------------------------------------------------------------------
# The shipped data


def reply_data_dir() -> Path:
    return Path(str(resources.files("tenacious_bench").joinpath("data", "reply_classification")))


def manifest() -> dict[str, Any]:
    path = reply_data_dir() / MANIFEST_NAME
    if not path.is_file():
        raise ReplyItemError([f"reply-classification manifest not found: {path}"])
    return json.loads(path.read_text(encoding="utf-8"))


def split_fingerprint(split: str) -> dict[str, Any]:
    """The shipped split's identity for logs; raises if the file does not match its manifest."""
    if split not in SPLITS:
        raise ReplyItemError([f"split must be one of {list(SPLITS)}, got {split!r}"])
    folder = reply_data_dir()
    manifest_bytes = (folder / MANIFEST_NAME).read_bytes()
    entry = json.loads(manifest_bytes)["files"].get(f"{split}.jsonl")
    if entry is None:
        raise ReplyItemError([f"the reply-classification manifest lists no {split}.jsonl"])
    actual = hashlib.sha256((folder / f"{split}.jsonl").read_bytes()).hexdigest()
    if actual != entry["sha256"]:
        raise ReplyItemError([f"reply_classification/{split}.jsonl does not match its manifest (sha256 {actual})"])
    return {
        "source": f"tenacious_bench/reply_classification/{split}",
        "manifest_sha256": hashlib.sha256(manifest_bytes).hexdigest(),
        "dataset_version": json.loads(manifest_bytes)["dataset_version"],
        "split_sha256": actual,
    }


def load_reply_split(split: str) -> list[ReplyItem]:
    """The shipped items of one split, checked against the manifest."""
    split_fingerprint(split)
    items = load_reply_items(reply_data_dir() / f"{split}.jsonl")
    wrong = [i.item_id for i in items if i.split != split]
    if wrong:
        raise ReplyItemError([f"reply_classification/{split}.jsonl holds items of another split: {wrong[:5]}"])
    return items


def load_items_source(split: str, items_file: str | None = None) -> tuple[list[ReplyItem], dict[str, Any]]:
    """A shipped split, or a user's items file, and the fingerprint of where the items came from."""
    if items_file is not None:
        path = Path(items_file)
        if not path.is_file():
            raise ReplyItemError([f"items file not found: {path}"])
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        return load_reply_items(path), {"source": str(path), "items_file_sha256": digest}
    return load_reply_split(split), split_fingerprint(split)


# ---------------------------------------------------------------------------------------------
# Sealing (as the email tasks: dates, canary, phrasings)


def sealing_problems(items: Iterable[ReplyItem]) -> list[str]:
    """Held-out dates on or after the cutoff with the canary; every other date before it, no canary."""
    problems = []
    for it in items:
        held = it.split == "held_out"
        for where, value in [("as_of", it.as_of), ("reply.date", it.reply.date),
                             *((f"thread[{n}].date", m.date) for n, m in enumerate(it.thread))]:
            d = dt.date.fromisoformat(value)
            if held and d < CUTOFF:
                problems.append(f"{it.item_id}: held_out {where} {value} is before the cutoff {CUTOFF}")
            if not held and d >= CUTOFF:
                problems.append(f"{it.item_id}: {it.split} {where} {value} is not before the cutoff {CUTOFF}")
        text = json.dumps(item_row(it))
        if not held and CANARY in text:
            problems.append(f"{it.item_id}: a {it.split} item carries the held-out canary")
    return problems


def body_ngram_overlap(
    held_out: Sequence[ReplyItem], others: Sequence[ReplyItem], n: int | None = None
) -> list[tuple[str, str, str]]:
    """(held-out id, other id, the shared n-gram) for reply bodies sharing an n-gram.

    Uses the contamination checker's own tokens (canonical numbers, dates masked) and its n (8), so
    a held-out reply is "a phrasing train never uses" in the checker's sense. Names are not masked
    here: the generator's names are shared pools, and any 8-gram through a name is still a shared
    phrasing.
    """
    from tenacious_bench.contamination import NGRAM_N, _ngrams, _tokens

    size = n or NGRAM_N
    index: dict[tuple[str, ...], str] = {}
    for other in others:
        for gram in _ngrams(_tokens(other.reply.body), size):
            index.setdefault(gram, other.item_id)
    hits = []
    for item in held_out:
        for gram in sorted(_ngrams(_tokens(item.reply.body), size)):
            if gram in index:
                hits.append((item.item_id, index[gram], " ".join(gram)))
    return hits


# ---------------------------------------------------------------------------------------------
# The prompt: one builder, sent verbatim by both harnesses

CLASS_DEFINITIONS: dict[str, str] = {
    "engaged": "a substantive answer: a specific question, context, numbers, a need.",
    "curious": 'a general request to hear more: "tell me more", "what do you do exactly?".',
    "soft_defer": '"not now", "ask me next quarter", "too busy": a later maybe, without an objection.',
    "objection": "a specific objection: price (more expensive than an alternative), an existing vendor "
    "or in-house team, only a small proof of concept wanted, or concerns about offshore teams.",
    "hard_no": '"not interested", "please remove me", "stop emailing"; also a reply that corrects the '
    'contact ("wrong person, our CTO is X"): no reply goes to this thread.',
}


def reply_system_prompt() -> str:
    classes = "\n".join(f"- {name}: {text}" for name, text in CLASS_DEFINITIONS.items())
    return (
        "You route replies to the outreach emails of Tenacious Intelligence Corporation, which places "
        "managed engineering teams with startups and mid-market companies. Read the thread and the "
        "latest reply, and decide which class the reply belongs to, so that the right next step is taken.\n"
        f"Classes:\n{classes}\n"
        "When the class is not clear (sarcasm, a reply that mixes a no with a question, an out-of-office "
        "or other automatic reply, a reply from someone other than the prospect), answer abstain: a "
        "person will read it. A confident wrong class is worse than an abstention.\n"
        "Answer with exactly one of: engaged, curious, soft_defer, objection, hard_no, abstain. "
        "Write nothing else."
    )


def _person(item: ReplyItem) -> str:
    p = item.prospect
    return f"{p.first_name} {p.last_name} <{p.first_name.lower()}@{p.domain}>"


def reply_user_prompt(item: ReplyItem) -> str:
    p = item.prospect
    lines = [
        f"Prospect: {p.first_name} {p.last_name}, {p.title} at {p.company} ({p.domain}).",
        "Thread so far (oldest first):",
    ]
    for m in item.thread:
        who = "Tenacious" if m.from_ == "tenacious" else _person(item)
        subject = f' subject "{m.subject}"' if m.subject else ""
        lines.append(f"--- {who}, {m.channel}, {m.date}{subject}:\n{m.body}")
    r = item.reply
    sender = _person(item) if item.from_prospect else r.from_
    lines += [
        "--- end of thread",
        "",
        "The latest reply:",
        f"From: {sender}",
        f"Channel: {r.channel}",
        f"Date: {r.date}",
        f"Subject: {r.subject}",
        "",
        r.body,
        "--- end of reply",
        "",
        "Which class is this reply? Answer with one of: engaged, curious, soft_defer, objection, hard_no, abstain.",
    ]
    return "\n".join(lines)


def build_reply_messages(item: ReplyItem) -> list[dict[str, str]]:
    """The chat messages every harness sends for an item: a system message and a user message."""
    return [
        {"role": "system", "content": reply_system_prompt()},
        {"role": "user", "content": reply_user_prompt(item)},
    ]
