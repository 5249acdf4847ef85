"""banned_phrases: no banned or condescending phrase, no task-forbidden phrase, "bench" never prospect-facing."""

from __future__ import annotations

from tenacious_bench.scorers.base import Check

from tenacious_bench.scoring import EmailView, Reason, task_cached
from tenacious_bench.style_guide import PhraseSet, phrase_set
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
        fields = [("body", view.own_text_norm)]
        if not view.subject_is_quoted:
            fields.insert(0, ("subject", view.subject_norm))
        reasons: list[Reason] = []
        for field_name, text in fields:
            for kind, phrases in sets:
                for hit in phrases.find(text):
                    reasons.append(
                        Reason(
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
                    )
        return reasons
