"""banned_phrases: no banned or condescending phrase, no task-forbidden phrase, "bench" never prospect-facing."""

from __future__ import annotations

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
                        reasons.append(_reason(kind, hit, text, field_name))
        return reasons


def _reason(kind: str, hit: PhraseHit, text: str, field_name: str) -> Reason:
    return Reason(
        f"{kind}_phrase",
        f"{kind.replace('_', ' ')} phrase {text[hit.start : hit.end]!r} in the {field_name}",
        {
            "phrase": hit.phrase,
            "field": field_name,
            "start": hit.start,
            "end": hit.end,
            "category": hit.category,
        },
    )
