"""banned_phrases: no banned or condescending phrase, no task-forbidden phrase, "bench" never prospect-facing."""

from __future__ import annotations

import functools

import regex
from tenacious_bench.scorers.base import Check

from tenacious_bench.scoring import EmailView, Reason, task_cached
from tenacious_bench.style_guide import PhraseHit, PhraseSet, phrase_set
from tenacious_bench.task import Task


def _forbidden(task: Task) -> PhraseSet:
    return phrase_set(list(task.constraints.forbidden_phrases), "constraints.forbidden_phrases", "task")


class BannedPhrases(Check):
    name = "banned_phrases"

    def problems(self, view: EmailView) -> list[Reason]:
        g = view.guide
        forbidden = task_cached(view.task, "forbidden_phrases", _forbidden)
        sets: list[tuple[str, PhraseSet]] = [
            ("banned", g.banned_phrases),
            ("condescending", g.condescending_phrases),
            ("internal", g.prospect_facing_banned),
            ("forbidden_by_task", forbidden),
        ]
        fields = ["body"] if view.subject_is_quoted else ["subject", "body"]
        reasons: list[Reason] = []
        for field_name in fields:
            found_in_first_view: set[tuple[str, str]] = set()
            for n_view, text in enumerate(view.phrase_views(field_name)):
                for kind, phrases in sets:
                    for hit in phrases.find(text):
                        if n_view and (kind, hit.phrase) in found_in_first_view:
                            continue  # the second reading only adds phrases the first one missed
                        found_in_first_view.add((kind, hit.phrase))
                        raw = (view.email.subject or "") if field_name == "subject" else view.email.body
                        reasons.append(_reason(kind, hit, text, field_name, raw))
        return reasons


def writer_words(raw: str, normalised: str) -> str:
    """The writer's own spelling of a normalised phrase ("Touch-Base" for "touch base"), when it can
    be found in the raw text; otherwise the normalised phrase (e.g. behind look-alike letters).
    Looked up once per phrase and text (a hostile answer repeats a phrase thousands of times)."""
    return _writer_words(raw, normalised)


@functools.lru_cache(maxsize=256)
def _writer_words(raw: str, normalised: str) -> str:
    words = [w for w in regex.split(r"[\s\-]+", normalised) if w]
    if not words:
        return normalised
    pattern = r"[\s\-\u00ad\u200b-\u200d]*".join(regex.escape(w) for w in words)
    m = regex.search(rf"(?<![\p{{L}}\p{{N}}]){pattern}(?![\p{{L}}\p{{N}}])", raw, flags=regex.IGNORECASE)
    return m.group(0) if m else normalised


def _reason(kind: str, hit: PhraseHit, text: str, field_name: str, raw: str) -> Reason:
    said = writer_words(raw, text[hit.start : hit.end])
    return Reason(
        f"{kind}_phrase",
        f"{kind.replace('_', ' ')} phrase {said!r} in the {field_name}",
        {
            "quote": said,
            "phrase": hit.phrase,
            "field": field_name,
            "start": hit.start,
            "end": hit.end,
            "category": hit.category,
        },
    )
