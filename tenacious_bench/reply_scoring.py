"""Scoring reply-classification answers: normalisation, per-answer result, and run metrics.

Normalisation of an answer (`normalize_answer`), in this order:
1. strip surrounding whitespace, then surrounding punctuation and markup (quotes, backticks,
   asterisks, brackets, `.`, `!`, `?`, `,`, `;`, `:`), repeatedly;
2. lower-case;
3. drop one optional `class:` prefix (any case, spaces around the colon), then strip again;
4. spaces and hyphens between words become `_` ("Soft defer", "hard-no" are `soft_defer`, `hard_no`).
The result must be exactly one of the six labels; anything else (an empty answer, a sentence, two
class names, an explanation after the class) is **invalid**: counted as wrong and reported.

Metrics (`compute_metrics`), each with its denominator:
- accuracy: correct answers / all items (invalid answers are wrong);
- macro-F1 over the five classes (scikit-learn; `abstain` and invalid answers are misses of the gold
  class, and a class answered on a gold-`abstain` item is a false positive of that class);
- per-class precision (over answers naming the class) and recall (over items of that gold class);
- abstention rate: `abstain` answers / all items;
- confident-wrong rate: answers naming a class (not `abstain`, not invalid) that are wrong / all items;
- missed-abstention rate: gold-`abstain` items answered with a class / gold-`abstain` items;
- invalid rate: invalid answers / all items.
A rate whose denominator is 0 is *undefined*: `None` with the reason, never NaN and never 0.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import regex

from tenacious_bench.replies import ABSTAIN, CLASSES, LABELS

SCORER_VERSION = "1"
INVALID = "invalid"
_EDGE = r"[\s\"'`*_.!?,;:()\[\]{}<>«»“”‘’]+"
_EDGES = regex.compile(rf"^{_EDGE}|{_EDGE}$")
_PREFIX = regex.compile(r"^class\s*:\s*")
_JOIN = regex.compile(r"[\s\-]+")


def normalize_answer(answer: str) -> str | None:
    """The label an answer names, or None when the answer is invalid (see the module docstring)."""
    text = answer if isinstance(answer, str) else ""
    previous = None
    while previous != text:
        previous = text
        text = _EDGES.sub("", text)
    text = text.lower()
    if _PREFIX.match(text):
        text = _PREFIX.sub("", text, count=1)
        previous = None
        while previous != text:
            previous = text
            text = _EDGES.sub("", text)
    text = _JOIN.sub("_", text)
    return text if text in LABELS else None


@dataclass(frozen=True)
class ReplyScore:
    """One answer against its gold label."""

    gold: str
    answer: str
    predicted: str  # a label, or "invalid"

    @property
    def valid(self) -> bool:
        return self.predicted != INVALID

    @property
    def correct(self) -> bool:
        return self.predicted == self.gold

    @property
    def abstained(self) -> bool:
        return self.predicted == ABSTAIN

    @property
    def confident_wrong(self) -> bool:
        return self.predicted in CLASSES and self.predicted != self.gold

    @property
    def missed_abstention(self) -> bool:
        return self.gold == ABSTAIN and self.predicted in CLASSES

    def value(self) -> dict[str, float]:
        """The per-sample numbers (Inspect's dict score; lm-eval's per-document values)."""
        return {
            "correct": float(self.correct),
            "abstained": float(self.abstained),
            "confident_wrong": float(self.confident_wrong),
            "invalid": float(not self.valid),
        }

    def explanation(self) -> str:
        if not self.valid:
            return f"invalid answer {self.answer[:80]!r} (gold {self.gold}): counted as wrong"
        verdict = "correct" if self.correct else "wrong"
        return f"{verdict}: answered {self.predicted}, gold {self.gold}"


def score_answer(gold: str, answer: str) -> ReplyScore:
    if gold not in LABELS:
        raise ValueError(f"gold must be one of {list(LABELS)}, got {gold!r}")
    predicted = normalize_answer(answer)
    return ReplyScore(gold=gold, answer=answer, predicted=predicted or INVALID)


@dataclass(frozen=True)
class Rate:
    """A rate with its denominator; `value` is None (undefined) when the denominator is 0."""

    numerator: int
    denominator: int
    over: str  # what the denominator counts, in words

    @property
    def value(self) -> float | None:
        return self.numerator / self.denominator if self.denominator else None

    def text(self) -> str:
        if self.value is None:
            return f"undefined (0 {self.over})"
        return f"{self.value:.3f} ({self.numerator}/{self.denominator} {self.over})"

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "numerator": self.numerator, "denominator": self.denominator, "over": self.over}


@dataclass
class ReplyMetrics:
    n: int
    accuracy: Rate
    macro_f1: float
    precision: dict[str, Rate]
    recall: dict[str, Rate]
    abstention: Rate
    confident_wrong: Rate
    missed_abstention: Rate
    invalid: Rate
    confusion: dict[str, dict[str, int]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "n": self.n,
            "accuracy": self.accuracy.to_dict(),
            "macro_f1": {"value": self.macro_f1, "over": "the five classes (abstain is no class)"},
            "precision": {c: r.to_dict() for c, r in self.precision.items()},
            "recall": {c: r.to_dict() for c, r in self.recall.items()},
            "abstention_rate": self.abstention.to_dict(),
            "confident_wrong_rate": self.confident_wrong.to_dict(),
            "missed_abstention_rate": self.missed_abstention.to_dict(),
            "invalid_rate": self.invalid.to_dict(),
            "confusion": self.confusion,
        }

    def flat(self) -> dict[str, float | None]:
        """Name -> value (None where undefined): the keys both harness doors report."""
        out: dict[str, float | None] = {
            "accuracy": self.accuracy.value,
            "macro_f1": self.macro_f1,
            "abstention_rate": self.abstention.value,
            "confident_wrong_rate": self.confident_wrong.value,
            "missed_abstention_rate": self.missed_abstention.value,
            "invalid_rate": self.invalid.value,
        }
        for c in CLASSES:
            out[f"precision_{c}"] = self.precision[c].value
            out[f"recall_{c}"] = self.recall[c].value
        return out


def compute_metrics(golds: Sequence[str], answers: Sequence[str] | None = None, *,
                    predicted: Sequence[str] | None = None) -> ReplyMetrics:
    """Metrics of a run from gold labels and raw answers (or already-normalised `predicted` labels,
    where "invalid" marks an invalid answer)."""
    from sklearn.metrics import f1_score

    if (answers is None) == (predicted is None):
        raise ValueError("give exactly one of answers and predicted")
    if answers is not None:
        if len(answers) != len(golds):
            raise ValueError(f"{len(golds)} gold labels but {len(answers)} answers")
        preds = [score_answer(g, a).predicted for g, a in zip(golds, answers, strict=True)]
    else:
        preds = list(predicted or [])
        if len(preds) != len(golds):
            raise ValueError(f"{len(golds)} gold labels but {len(preds)} predictions")
        bad = sorted({p for p in preds if p not in (*LABELS, INVALID)})
        if bad:
            raise ValueError(f"predictions must be labels or {INVALID!r}, got {bad}")
    bad_gold = sorted({g for g in golds if g not in LABELS})
    if bad_gold:
        raise ValueError(f"gold labels must be one of {list(LABELS)}, got {bad_gold}")
    n = len(golds)
    if n == 0:
        raise ValueError("no items to score")
    pairs = list(zip(golds, preds, strict=True))
    correct = sum(g == p for g, p in pairs)
    precision = {
        c: Rate(sum(g == p == c for g, p in pairs), sum(p == c for _, p in pairs), f"answers naming {c}")
        for c in CLASSES
    }
    recall = {
        c: Rate(sum(g == p == c for g, p in pairs), sum(g == c for g, _ in pairs), f"gold-{c} items")
        for c in CLASSES
    }
    # F1 over the five classes; a class with no gold item and no answer scores 0 (zero_division=0),
    # which is what scikit-learn's macro average does when labels are given explicitly.
    macro_f1 = float(f1_score(golds, preds, labels=list(CLASSES), average="macro", zero_division=0))
    confusion = {g: {p: sum(1 for gg, pp in pairs if gg == g and pp == p) for p in (*LABELS, INVALID)} for g in LABELS}
    gold_abstain = sum(g == ABSTAIN for g in golds)
    return ReplyMetrics(
        n=n,
        accuracy=Rate(correct, n, "items"),
        macro_f1=macro_f1,
        precision=precision,
        recall=recall,
        abstention=Rate(sum(p == ABSTAIN for p in preds), n, "items"),
        confident_wrong=Rate(sum(p in CLASSES and p != g for g, p in pairs), n, "items"),
        missed_abstention=Rate(sum(g == ABSTAIN and p in CLASSES for g, p in pairs), gold_abstain,
                               "gold-abstain items"),
        invalid=Rate(sum(p == INVALID for p in preds), n, "items"),
        confusion=confusion,
    )


def format_metrics(m: ReplyMetrics, title: str = "") -> str:
    lines = [title] if title else []
    lines += [
        f"  items                  {m.n}",
        f"  accuracy               {m.accuracy.text()}",
        f"  macro-F1 (5 classes)   {m.macro_f1:.3f}",
        f"  abstention rate        {m.abstention.text()}",
        f"  confident-wrong rate   {m.confident_wrong.text()}",
        f"  missed-abstention rate {m.missed_abstention.text()}",
        f"  invalid answers        {m.invalid.text()}",
    ]
    for c in CLASSES:
        lines.append(f"  {c:<11} precision {m.precision[c].text():<36} recall {m.recall[c].text()}")
    return "\n".join(lines)


@dataclass(frozen=True)
class LabellerAgreement:
    """Gold labels against a second labeller's: Cohen's kappa (scikit-learn) and raw agreement."""

    n: int
    kappa: float
    agreement: float
    missing: list[str]  # packet items the labels file does not cover
    disagreements: list[tuple[str, str, str]]  # (item_id, gold, second label)

    def text(self) -> str:
        lines = [f"items labelled by both: {self.n}",
                 f"Cohen's kappa: {self.kappa:.3f}",
                 f"raw agreement: {self.agreement:.3f}"]
        if self.missing:
            lines.append(f"not labelled ({len(self.missing)}): {', '.join(self.missing[:10])}"
                         + (" ..." if len(self.missing) > 10 else ""))
        lines += [f"  {i}: gold {g}, second labeller {s}" for i, g, s in self.disagreements]
        return "\n".join(lines)


def labeller_agreement(gold_by_id: dict[str, str], labels_path: str, expected_ids: Sequence[str] = ()) -> LabellerAgreement:
    """Read `{item_id, label}` rows and compare them with the gold labels; raise ValueError listing
    every bad row (bad JSON, unknown item, a label outside the six, a duplicate)."""
    import json

    from sklearn.metrics import cohen_kappa_score

    from tenacious_bench.task import iter_task_rows, json_error

    second: dict[str, str] = {}
    problems: list[str] = []
    for lineno, row in iter_task_rows(labels_path):
        where = f"{labels_path}:{lineno}"
        if isinstance(row, json.JSONDecodeError):
            problems.append(f"{where}: {json_error(row)}")
            continue
        if not isinstance(row, dict):
            problems.append(f"{where}: a row must be a JSON object {{item_id, label}}")
            continue
        item_id, label = row.get("item_id"), row.get("label")
        if item_id not in gold_by_id:
            problems.append(f"{where}: unknown item_id {item_id!r}")
        elif label not in LABELS:
            problems.append(f"{where}: label must be one of {list(LABELS)}, got {label!r}")
        elif item_id in second:
            problems.append(f"{where}: duplicate label for {item_id}")
        else:
            second[item_id] = label
    if problems:
        raise ValueError("\n".join(problems))
    if not second:
        raise ValueError(f"{labels_path}: no labels")
    ids = sorted(second)
    golds = [gold_by_id[i] for i in ids]
    seconds = [second[i] for i in ids]
    kappa = float(cohen_kappa_score(golds, seconds, labels=list(LABELS)))
    return LabellerAgreement(
        n=len(ids),
        kappa=kappa,
        agreement=sum(g == s for g, s in zip(golds, seconds, strict=True)) / len(ids),
        missing=sorted(set(expected_ids) - set(second)),
        disagreements=[(i, gold_by_id[i], second[i]) for i in ids if gold_by_id[i] != second[i]],
    )
