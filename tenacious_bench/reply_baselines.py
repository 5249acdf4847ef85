"""Null baselines for reply classification: majority class, always `abstain`, a keyword classifier.

They bound what the metrics mean: a model must beat all three. The majority class is taken from the
train split (ties broken by the order of `LABELS`). The keyword classifier is a short, ordered list
of phrase rules of the kind a first rule-based router would use; it never abstains except on an
automatic-reply phrase.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

import regex

from tenacious_bench.replies import ABSTAIN, LABELS, ReplyItem
from tenacious_bench.reply_scoring import ReplyMetrics, compute_metrics, format_metrics

# (label, pattern) in order: the first rule whose pattern occurs in the lower-cased reply body wins.
KEYWORD_RULES: tuple[tuple[str, str], ...] = (
    ("abstain", r"out of (the )?office|automatic reply|auto-?reply|annual leave|on leave until|returning on"),
    ("hard_no", r"unsubscribe|remove me|stop (emailing|contacting)|not interested|take me off|do not contact|"
                r"opt me out|wrong person|no,? thanks|no thank you|\bpass\b"),
    ("objection", r"expensive|price|\brates?\b|cost|offshore|time ?zones?|in-house|already (work|have)|"
                  r"partner|pilot|\bpoc\b|proof of concept|trial"),
    ("soft_defer", r"not now|next quarter|later|busy|circle back|revisit|reconnect|not the right time"),
    ("curious", r"tell me more|more info|what do you do|how does this work|learn more|more about"),
)
_RULES = tuple((label, regex.compile(pattern)) for label, pattern in KEYWORD_RULES)
KEYWORD_DEFAULT = "engaged"


def keyword_label(body: str) -> str:
    """The keyword classifier's label for a reply body."""
    text = body.lower()
    for label, pattern in _RULES:
        if pattern.search(text):
            return label
    return KEYWORD_DEFAULT


def majority_label(train: Sequence[ReplyItem]) -> str:
    counts = Counter(i.gold for i in train)
    if not counts:
        raise ValueError("no train items to take the majority class from")
    top = max(counts.values())
    return next(label for label in LABELS if counts[label] == top)


def baselines(train: Sequence[ReplyItem]) -> dict[str, Callable[[ReplyItem], str]]:
    majority = majority_label(train)
    return {
        f"majority ({majority})": lambda _item: majority,
        "always abstain": lambda _item: ABSTAIN,
        "keyword": lambda item: keyword_label(item.reply.body),
    }


def run_baselines(items: Sequence[ReplyItem], train: Sequence[ReplyItem]) -> dict[str, ReplyMetrics]:
    golds = [i.gold for i in items]
    return {name: compute_metrics(golds, [fn(i) for i in items]) for name, fn in baselines(train).items()}


def format_baselines(results: dict[str, ReplyMetrics], label: str) -> str:
    return "\n\n".join(format_metrics(m, f"{name} on {label}") for name, m in results.items())


def summary_table(results_by_split: dict[str, dict[str, ReplyMetrics]]) -> str:
    """One Markdown row per (split, baseline): the headline figures (README and docs/replies.md)."""
    lines = ["| split | baseline | accuracy | macro-F1 | abstention | confident-wrong | missed abstention |",
             "|---|---|---|---|---|---|---|"]
    for split, results in results_by_split.items():
        for name, m in results.items():
            missed = m.missed_abstention.value
            lines.append(
                f"| {split} | {name} | {m.accuracy.value:.3f} | {m.macro_f1:.3f} | {m.abstention.value:.3f} | "
                f"{m.confident_wrong.value:.3f} | {'undefined' if missed is None else f'{missed:.3f}'} |"
            )
    return "\n".join(lines)
