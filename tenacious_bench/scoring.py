"""The one scoring entry point: `score_email(task, answer, style_guide=None) -> EmailScore`.

Every door (Inspect, lm-eval, CLI, training-data filter, validity tools) calls this function. The
email is parsed and normalised once into an `EmailView`, which every check reads.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import regex

from tenacious_bench.email import ParsedEmail, parse_email
from tenacious_bench.numbers import canonical_tokens
from tenacious_bench.prompts import limits_of, sender_of
from tenacious_bench.style_guide import StyleGuide, load_style_guide
from tenacious_bench.task import Task, TaskError, as_task
from tenacious_bench.text import has_letter_spacing, normalize, split_sentences, strip_invisible

SCORER_VERSION = "1.2.0"
CHECK_NAMES = ("banned_phrases", "format", "grounding", "honesty", "one_ask")
EMPTY_ANSWER = "empty answer"
# Next-message tasks (interface.md): the no-reply token on a hard no passes; elsewhere it fails all five.
REPLY_DUE = "a reply was due"
HARD_NO = "hard no: no reply may be sent"
T = TypeVar("T")


@dataclass(frozen=True)
class Reason:
    code: str
    message: str
    details: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, **self.details}


@dataclass(frozen=True)
class CheckResult:
    name: str
    passed: bool
    reasons: tuple[Reason, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"passed": self.passed, "reasons": [r.to_dict() for r in self.reasons]}


@dataclass(frozen=True)
class EmailScore:
    task_id: str
    checks: dict[str, CheckResult]
    scorer_version: str
    style_guide_sha256: str

    @property
    def passed(self) -> bool:
        """pass@1 for this email: all five checks pass."""
        return all(c.passed for c in self.checks.values())

    def failure_reasons(self) -> list[str]:
        return [f"{name}: {r.message}" for name, c in self.checks.items() for r in c.reasons if not c.passed]

    def to_dict(self) -> dict[str, Any]:
        return {
            "task_id": self.task_id,
            "passed": self.passed,
            "checks": {name: c.to_dict() for name, c in self.checks.items()},
            "scorer_version": self.scorer_version,
            "style_guide_sha256": self.style_guide_sha256,
        }


@dataclass(frozen=True)
class Sentence:
    text: str  # normalised
    paragraph: int
    tokens: tuple[str, ...]  # canonical tokens (numbers canonicalised)
    raw: str = ""  # the writer's own words, for reasons a user can act on

    @property
    def quote(self) -> str:
        return self.raw or self.text

    @property
    def is_question(self) -> bool:
        return self.text.rstrip(" \"')").endswith("?")


_WHITESPACE = regex.compile(r"\s+")
_WHITESPACE_NO_NL = regex.compile(r"[^\S\n]+")
_QUOTE_PREFIX = regex.compile(r"^\s*>+\s?")

# Per-task values that every email on the task shares (normalised brief text, anchors, numbers).
# Keyed by id(task) with the task kept beside its values (tasks are unhashable models).
_TASK_CACHE: dict[int, tuple[Task, dict[str, Any]]] = {}
_TASK_CACHE_MAX = 4096


def task_cached(task: Task, key: str, compute: Callable[[Task], T]) -> T:
    entry = _TASK_CACHE.get(id(task))
    if entry is None or entry[0] is not task:
        if len(_TASK_CACHE) >= _TASK_CACHE_MAX:
            _TASK_CACHE.clear()
        entry = _TASK_CACHE[id(task)] = (task, {})
    values = entry[1]
    if key not in values:
        values[key] = compute(task)
    return values[key]


@dataclass(frozen=True)
class EmailView:
    """One email's parse and normalised views, shared by all checks."""

    task: Task
    guide: StyleGuide
    email: ParsedEmail

    @functools.cached_property
    def sender_first_name(self) -> str:
        return sender_of(self.task, self.guide)["first_name"]

    @property
    def reply_class(self) -> str | None:
        """The reply class of a next_message task (None for a first email)."""
        return self.task.constraints.reply_class if self.task.kind == "next_message" else None

    def reply_set(self, path: str):
        """A phrase set of the style guide's replies section (next_touch.cues, handoff.phrases, ...)."""
        return self.guide.reply_sets[path]

    def next_touch_months(self, s: Sentence) -> tuple[int, ...]:
        """In a next_message reply, the start offsets of the months a sentence schedules the next touch
        for: a month in the same clause as a next-touch cue ("I will check back in March"). Such a
        month is the scheduled touch, not a claim about the prospect ("Good luck with the March
        launch; I will check back later" schedules nothing for March)."""
        if self.reply_class is None:
            return ()
        from tenacious_bench.numbers import month_mentions
        from tenacious_bench.scope import clause_at

        cues = self.reply_set("next_touch.cues")
        out = []
        for _, _, start, _ in month_mentions(s.text):
            c = clause_at(s.text, self.guide, start)
            if cues.any(s.text[c.start : c.end]):
                out.append(start)
        return tuple(out)

    @functools.cached_property
    def limits(self) -> tuple[int, int]:
        return limits_of(self.task, self.guide)

    @functools.cached_property
    def subject_norm(self) -> str:
        return normalize(self.email.subject or "")

    @functools.cached_property
    def subject_is_quoted(self) -> bool:
        """A "Re:" subject repeating the thread's subject is quoted text, not the writer's words."""
        if not self.subject_norm.startswith("re:"):
            return False
        rest = normalize(self.subject_norm[3:])
        thread_subjects = {
            normalize(regex.sub(r"^(?:re:\s*)+", "", m.subject, flags=regex.I)) for m in self.task.thread
        }
        return rest in thread_subjects and rest != ""

    @functools.cached_property
    def _content_split(self) -> tuple[str, str]:
        """(writer's content, quoted thread text). A '>' line counts as quoted only if its text is
        really in the thread; a fake quote is the writer's own words."""
        own: list[str] = []
        quoted: list[str] = []
        for line in self.email.content.split("\n"):
            if _QUOTE_PREFIX.match(line):
                text = normalize(_QUOTE_PREFIX.sub("", line))
                if text and text in self.thread_norm:
                    quoted.append(text)
                    continue
                own.append(_QUOTE_PREFIX.sub("", line))
            else:
                own.append(line)
        return "\n".join(own), "\n".join(quoted)

    @functools.cached_property
    def content(self) -> str:
        """The writer's own content (greeting, sign-off and genuinely quoted thread lines removed)."""
        return self._content_split[0]

    @functools.cached_property
    def content_norm(self) -> str:
        # The paragraphs' normalised lines, flattened: equal to normalize(self.content), since
        # normalisation never joins across a line break, and one pass cheaper.
        return " ".join(x for x in (_WHITESPACE.sub(" ", p).strip() for p in self.paragraphs_norm) if x)

    @functools.cached_property
    def _own_text(self) -> str:
        parts = [self.email.greeting or "", self.content, self.email.sign_off or "", *self.email.signature]
        return "\n".join(parts)

    @functools.cached_property
    def own_text_norm(self) -> str:
        """Everything the writer wrote in the body: greeting, content, sign-off and signature
        (normalised part by part, equal to normalising the joined text)."""
        e = self.email
        parts = [
            normalize(e.greeting or ""),
            self.content_norm,
            normalize(e.sign_off or ""),
            *map(normalize, e.signature),
        ]
        return " ".join(p for p in parts if p)

    def phrase_views(self, field: str) -> tuple[str, ...]:
        """The normalised views of a field to search for phrases: one, plus a second reading of
        letter-spaced runs that start with a one-letter article ("a r o c k s t a r")."""
        raw, norm = (
            (self.email.subject or "", self.subject_norm)
            if field == "subject"
            else (self._own_text, self.own_text_norm)
        )
        if not has_letter_spacing(strip_invisible(raw)):
            return (norm,)
        alt = normalize(raw, split_article=True)
        return (norm,) if alt == norm else (norm, alt)

    @functools.cached_property
    def paragraphs_norm(self) -> tuple[str, ...]:
        paras = [p for p in regex.split(r"\n\s*\n", self.content) if p.strip()]
        return tuple(normalize(p, keep_lines=True) for p in paras)

    @functools.cached_property
    def paragraphs_raw(self) -> tuple[str, ...]:
        return tuple(p for p in regex.split(r"\n\s*\n", self.content) if p.strip())

    @functools.cached_property
    def sentences(self) -> tuple[Sentence, ...]:
        out = []
        for i, para in enumerate(self.paragraphs_norm):
            norm = split_sentences(para)
            raw = split_sentences(_WHITESPACE_NO_NL.sub(" ", self.paragraphs_raw[i]))
            if len(raw) != len(norm):  # normalisation moved a boundary: quote normalised text
                raw = [""] * len(norm)
            for s, r in zip(norm, raw, strict=True):
                out.append(Sentence(s, i, tuple(canonical_tokens(s)), r.strip()))
        return tuple(out)

    @functools.cached_property
    def closing_paragraph(self) -> int:
        return len(self.paragraphs_norm) - 1

    @property
    def prospect_text(self) -> str:
        """Every text the writer may rely on for claims: signal texts and facts, prospect, thread."""
        return task_cached(self.task, "prospect_text", _prospect_text)

    @property
    def thread_norm(self) -> str:
        return task_cached(self.task, "thread_norm", lambda t: " ".join(normalize(m.body) for m in t.thread))


def _prospect_text(t: Task) -> str:
    parts = [s.text for s in t.signals]
    for s in t.signals:
        for k, v in s.facts.items():
            parts.append(f"{k} {' '.join(v) if isinstance(v, list) else v}")
        parts.extend(s.anchors)
    p = t.prospect
    parts.append(
        f"{p.first_name} {p.last_name} {p.title} {p.company} {p.domain} {p.employees} employees {p.location}"
    )
    parts.extend(m.body for m in t.thread)
    parts.extend(m.subject for m in t.thread)
    return normalize("\n".join(parts))


def score_email(
    task: Task | dict[str, Any],
    answer: str | dict | ParsedEmail | None,
    style_guide: StyleGuide | str | None = None,
) -> EmailScore:
    """Score one answer (raw text, or a {subject, body} mapping) on a task with all five checks.

    `task` may be a Task or a task row as JSON or `datasets` gives it (validated; TaskError names a
    bad field); a mapping answer without a body raises EmailRowError, as the CLI does."""
    from tenacious_bench.emails import check_answer
    from tenacious_bench.scorers import CHECKS

    task = as_task(task)
    answer = check_answer(answer)
    guide = load_style_guide(style_guide)
    if answer is None:
        answer = ""
    if task.kind == "next_message":
        problems = reply_task_problems(task, guide)
        if problems:
            raise TaskError([f"task {task.task_id}: {p}" for p in problems])
        decided = _no_reply_decision(task, guide, answer)
        if decided is not None:
            return EmailScore(task.task_id, decided, SCORER_VERSION, guide.sha256)
    email = parse_email(answer, guide.greetings, guide.sign_offs)
    checks: dict[str, CheckResult] = {}
    if email.empty or (email.subject is None and not email.body.strip()):
        reason = (Reason("empty_answer", EMPTY_ANSWER),)
        checks = {name: CheckResult(name, False, reason) for name in CHECKS}
    else:
        view = EmailView(task, guide, email)
        for name, check in CHECKS.items():
            checks[name] = check().run(view)
    return EmailScore(task.task_id, checks, SCORER_VERSION, guide.sha256)


def is_no_reply(answer: str | dict | ParsedEmail, token: str) -> bool:
    """Exactly the no-reply token, surrounding whitespace ignored: as raw text, or as the mapping
    {"subject": "" (or none), "body": TOKEN}. Anything else (the token in an email, with a word
    more, in a code fence) is an answer that sends a message."""
    if isinstance(answer, ParsedEmail):
        answer = answer.raw
    if isinstance(answer, dict):
        subject = answer.get("subject")
        body = answer.get("body")
        return (subject is None or subject.strip() == "") and isinstance(body, str) and body.strip() == token
    return isinstance(answer, str) and answer.strip() == token


def _no_reply_decision(task: Task, guide: StyleGuide, answer: str | dict | ParsedEmail) -> dict[str, CheckResult] | None:
    """The checks decided by the reply class alone (a hard no, or the no-reply token), else None.

    A hard no: the token passes all five; any other answer fails all five (an empty answer as
    empty). Any other class: the token fails all five ("a reply was due")."""
    from tenacious_bench.scorers import CHECKS

    token = guide.no_reply_token
    silent = is_no_reply(answer, token)
    empty = not silent and (
        (isinstance(answer, str) and not answer.strip())
        or (isinstance(answer, dict) and not (answer.get("subject") or "").strip() and not (answer.get("body") or "").strip())
    )
    if task.constraints.reply_class == "hard_no":
        if silent:
            return {name: CheckResult(name, True) for name in CHECKS}
        if empty:
            return None  # scored as an empty answer
        reason = Reason("hard_no", HARD_NO, {"no_reply_token": token})
        return {name: CheckResult(name, False, (reason,)) for name in CHECKS}
    if silent:
        reason = Reason("reply_due", REPLY_DUE, {"reply_class": task.constraints.reply_class})
        return {name: CheckResult(name, False, (reason,)) for name in CHECKS}
    return None


def reply_task_problems(task: Task, guide: StyleGuide) -> list[str]:
    """What a next_message task needs from the style guide that it lacks (empty when scorable): the
    guide's replies section, and for a small proof-of-concept objection the pricing band the reply
    must name."""
    if task.kind != "next_message":
        return []
    if not guide.has_replies:
        return [
            f"style guide {guide.source} has no `replies:` section, which next_message tasks need "
            "(see the shipped tenacious_bench/data/style_guide.yaml)"
        ]
    if task.constraints.objection == "small_poc":
        band = guide.replies["objections"]["small_poc"]["floor_band"]
        if not any(normalize(b.name) == normalize(band) for b in task.pricing_bands):
            return [
                f"a small_poc objection task needs the pricing band {band!r} (style guide "
                "replies.objections.small_poc.floor_band): the reply must name its floor"
            ]
    return []
