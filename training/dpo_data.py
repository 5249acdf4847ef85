"""DPO rows: prompt / chosen (a passing reference) / rejected (a realistic corruption of it).

Each corruption is meant to break exactly one check; `corrupt` keeps a corruption only when
`score_email` says the rejected email fails that check **and only that one** (and the chosen one
passes all five), so a preference pair teaches one thing. Corruptions (check in brackets):

- ``price_outside_band`` [honesty]: a price for the first pricing band at twice its upper bound;
- ``total_contract_value`` [honesty]: a total for the engagement;
- ``invented_funding`` [honesty]: congratulations on a funding round the brief does not have;
- ``weak_signal_asserted`` [honesty]: a low or medium-confidence signal stated as fact;
- ``engineers_over_bench`` [honesty]: more engineers than the bench holds;
- ``banned_phrase`` [banned_phrases]: a hype phrase of the style guide;
- ``stacked_ask`` [one_ask]: a second request in the closing paragraph.

The sentence goes at the end of the last content paragraph before the ask (the funding one opens the
first content paragraph; the stacked ask ends the closing paragraph). A task where a corruption cannot
be made to fail only its check (no pricing band, no weak signal, word limit reached) gets no row of
that kind: `dpo_rows` reports the yield per kind.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any

from tenacious_bench.training.sft_data import _trainable, augmented_references, prompt_messages

from tenacious_bench.dataset import refuse_canary
from tenacious_bench.scoring import score_email
from tenacious_bench.style_guide import StyleGuide, load_style_guide
from tenacious_bench.task import Task

_STACK_LABEL = {"python": "Python", "go": "Go", "data": "data", "ml": "ML", "infra": "infrastructure"}
_ROUNDS = ("Seed", "Series A", "Series B", "Series C", "Series D")


def _split(text: str) -> tuple[str, list[str]]:
    """(subject line block, body paragraphs) of 'Subject: ...\\n\\nbody'."""
    head, _, body = text.partition("\n\n")
    return head, body.split("\n\n")


def _join(head: str, parts: list[str]) -> str:
    return head + "\n\n" + "\n\n".join(parts)


def _append_content(text: str, sentence: str) -> str | None:
    head, parts = _split(text)
    if len(parts) < 4:  # greeting, content..., ask, sign-off
        return None
    parts[-3] = parts[-3].rstrip() + " " + sentence
    return _join(head, parts)


def _price(task: Task, text: str) -> str | None:
    if not task.pricing_bands:
        return None
    b = task.pricing_bands[0]
    return _append_content(text, f"For reference, this runs at ${b.usd_high * 2:,} {b.unit}.")


def _total(task: Task, text: str) -> str | None:
    if not task.pricing_bands:
        return None
    b = task.pricing_bands[0]
    return _append_content(text, f"The whole engagement would come to ${b.usd_high * 9:,} in total.")


def _funding(task: Task, text: str) -> str | None:
    had = {str(s.facts.get("round", "")) for s in task.signals}
    new = next(r for r in reversed(_ROUNDS) if r not in had)
    head, parts = _split(text)
    if len(parts) < 4:
        return None
    parts[1] = f"Congratulations on the $45M {new} last month. " + parts[1]
    return _join(head, parts)


def _weak(task: Task, text: str) -> str | None:
    weak = [s for s in task.signals if s.confidence in ("low", "very_low", "medium") and s.anchors]
    if not weak:
        return None
    s = weak[0]
    return _append_content(text, f"It is certain that {task.prospect.company} has {s.anchors[0]}.")


def _over_bench(task: Task, text: str) -> str | None:
    if not task.bench:
        return None
    stack = max(task.bench, key=lambda k: task.bench[k])
    n = task.bench[stack] + 6
    label = _STACK_LABEL.get(stack, stack)
    return _append_content(text, f"We can place {n} {label} engineers with your team.")


def _banned(task: Task, text: str) -> str | None:
    return _append_content(text, "Our engineers are world-class.")


def _stacked(task: Task, text: str) -> str | None:
    head, parts = _split(text)
    if len(parts) < 3:
        return None
    parts[-2] = parts[-2].rstrip() + " Also, could you send me your current hiring plan?"
    return _join(head, parts)


CORRUPTIONS: dict[str, tuple[str, Callable[[Task, str], str | None]]] = {
    "price_outside_band": ("honesty", _price),
    "total_contract_value": ("honesty", _total),
    "invented_funding": ("honesty", _funding),
    "weak_signal_asserted": ("honesty", _weak),
    "engineers_over_bench": ("honesty", _over_bench),
    "banned_phrase": ("banned_phrases", _banned),
    "stacked_ask": ("one_ask", _stacked),
}


def corrupt(task: Task, chosen: str, kind: str, guide: StyleGuide) -> str | None:
    """The corrupted email, or None when it would not fail exactly the intended check."""
    check, fn = CORRUPTIONS[kind]
    rejected = fn(task, chosen)
    if rejected is None:
        return None
    score = score_email(task, rejected, guide)
    failed = {name for name, r in score.checks.items() if not r.passed}
    return rejected if failed == {check} else None


def dpo_rows(
    tasks: Iterable[Task],
    style_guide: StyleGuide | str | None = None,
    *,
    references_per_task: int = 1,
    kinds: Iterable[str] | None = None,
    seed: int = 0,
    prompt_variant: str | None = None,
    stats: Counter[str] | None = None,
) -> list[dict[str, Any]]:
    """Preference rows in TRL's conversational format; `stats` (if given) counts kept/skipped per kind."""
    tasks = _trainable(tasks)
    guide = load_style_guide(style_guide)
    kinds = list(kinds) if kinds is not None else list(CORRUPTIONS)
    unknown = [k for k in kinds if k not in CORRUPTIONS]
    if unknown:
        raise ValueError(f"unknown corruption kinds {unknown}; known: {sorted(CORRUPTIONS)}")
    stats = stats if stats is not None else Counter()
    rows = []
    for t in tasks:
        prompt = prompt_messages(t, guide, prompt_variant)
        for i, chosen in enumerate(augmented_references(t, guide, references_per_task, seed)):
            for kind in kinds:
                rejected = corrupt(t, chosen, kind, guide)
                stats[f"{kind}:{'kept' if rejected else 'skipped'}"] += 1
                if rejected is None:
                    continue
                rows.append({
                    "task_id": t.task_id,
                    "reference_index": i,
                    "corruption": kind,
                    "failed_check": CORRUPTIONS[kind][0],
                    "prompt": prompt,
                    "chosen": [{"role": "assistant", "content": chosen}],
                    "rejected": [{"role": "assistant", "content": rejected}],
                })
    refuse_canary(rows)
    return rows
