"""lm-evaluation-harness door for reply classification: the `tenacious_reply` task's functions.

The YAML (`tenacious_reply.yaml`) references these by full import path. Documents carry the two
messages of `replies.build_reply_messages`; `process_results` scores one answer with
`reply_scoring.score_answer`; rates over all items aggregate by mean, and the run-level figures
(macro-F1, missed abstention, per-class precision and recall) by the aggregation functions below,
which call `reply_scoring.compute_metrics` on the (gold, predicted) pairs. An undefined figure (a
denominator of 0) is reported as the string "undefined (...)", never NaN.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from tenacious_bench.replies import (
    CLASSES,
    ReplyItem,
    ReplyItemError,
    build_reply_messages,
    load_items_source,
)
from tenacious_bench.reply_scoring import Rate, compute_metrics, score_answer


class ReplyHarnessError(ValueError):
    """A bad split, items file or empty selection."""


def item_to_doc(item: ReplyItem) -> dict[str, str]:
    system, user = build_reply_messages(item)
    return {
        "item_id": item.item_id,
        "system": system["content"],  # the YAML's `description`: lm-eval's system message
        "user": user["content"],  # the YAML's `doc_to_text`: the user message
        "gold": item.gold,
        "case": item.metadata.case,
    }


def load_dataset(split: str = "held_out", items_file: str | None = None, **_lm_eval_metadata: Any) -> Any:
    """The documents as a DatasetDict with one `test` split (extra keyword arguments are lm-eval's metadata)."""
    import datasets

    try:
        items, _ = load_items_source(split, items_file)
    except ReplyItemError as err:
        raise ReplyHarnessError(f"tenacious_reply lm-eval task: {err}") from None
    if not items:
        raise ReplyHarnessError(f"tenacious_reply lm-eval task: no item in {items_file or split}")
    return datasets.DatasetDict({"test": datasets.Dataset.from_list([item_to_doc(i) for i in items])})


PAIR_METRICS = ("macro_f1", "missed_abstention_rate", *(f"{k}_{c}" for c in CLASSES for k in ("precision", "recall")))


def process_results(doc: dict[str, Any], results: list[str]) -> dict[str, Any]:
    """Per document: 0/1 values for the rates over all items, the (gold, predicted) pair for the rest."""
    if len(results) != 1:
        raise ValueError(f"expected one generation per document, got {len(results)}")
    s = score_answer(doc["gold"], results[0])
    v = s.value()
    out: dict[str, Any] = {
        "accuracy": v["correct"],
        "abstention_rate": v["abstained"],
        "confident_wrong_rate": v["confident_wrong"],
        "invalid_rate": v["invalid"],
    }
    out.update(dict.fromkeys(PAIR_METRICS, (s.gold, s.predicted)))
    return out


def _report(rate: Rate) -> float | str:
    return rate.value if rate.value is not None else f"undefined (0 {rate.over})"


def _metrics(pairs: Sequence[tuple[str, str]]) -> Any:
    golds, preds = zip(*pairs, strict=True) if pairs else ((), ())
    return compute_metrics(list(golds), predicted=list(preds))


def macro_f1(pairs: Sequence[tuple[str, str]]) -> float:
    return _metrics(pairs).macro_f1


def missed_abstention_rate(pairs: Sequence[tuple[str, str]]) -> float | str:
    return _report(_metrics(pairs).missed_abstention)


def _per_class(kind: str, label: str) -> Callable[[Sequence[tuple[str, str]]], float | str]:
    def aggregate(pairs: Sequence[tuple[str, str]]) -> float | str:
        return _report(getattr(_metrics(pairs), kind)[label])

    aggregate.__name__ = f"{kind}_{label}"
    return aggregate


precision_engaged = _per_class("precision", "engaged")
recall_engaged = _per_class("recall", "engaged")
precision_curious = _per_class("precision", "curious")
recall_curious = _per_class("recall", "curious")
precision_soft_defer = _per_class("precision", "soft_defer")
recall_soft_defer = _per_class("recall", "soft_defer")
precision_objection = _per_class("precision", "objection")
recall_objection = _per_class("recall", "objection")
precision_hard_no = _per_class("precision", "hard_no")
recall_hard_no = _per_class("recall", "hard_no")
