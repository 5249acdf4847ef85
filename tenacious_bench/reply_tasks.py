"""Inspect AI door for reply classification: `tenacious_bench/reply_classification`.

Run with `inspect eval tenacious_bench/reply_classification --model ...`. The prompt comes from
`replies.build_reply_messages`, every per-sample result from `reply_scoring.score_answer`, and the
run's metrics from `reply_scoring.compute_metrics` (custom metrics over the samples' gold and
normalised answers). Also registers the offline provider `tenacious_reply/<model>`:
`tenacious_reply/reference` answers each sample's gold label (the all-correct path, like
`tenacious/composer` for emails) and `tenacious_reply/keyword` the keyword baseline.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from inspect_ai import Task, task
from inspect_ai._util.error import PrerequisiteError
from inspect_ai.dataset import MemoryDataset, Sample
from inspect_ai.model import (
    ChatMessage,
    GenerateConfig,
    ModelAPI,
    ModelOutput,
    ModelUsage,
    modelapi,
)
from inspect_ai.scorer import Metric, SampleScore, Score, Scorer, Target, metric, scorer
from inspect_ai.solver import TaskState, generate
from inspect_ai.tool import ToolChoice, ToolInfo

from tenacious_bench import __version__
from tenacious_bench.inspect_tasks import to_chat
from tenacious_bench.replies import (
    REPLY_PROMPT_VERSION,
    SPLITS,
    ReplyItem,
    ReplyItemError,
    build_reply_messages,
    item_row,
    load_items_source,
    parse_reply_item,
)
from tenacious_bench.reply_scoring import SCORER_VERSION, compute_metrics, score_answer

# One word is the answer; a little room for a model that adds punctuation or a prefix.
GENERATION = GenerateConfig(max_tokens=16, temperature=0.0)
PARAMS = ("split", "items_file")
MODELS = ("reference", "keyword")


class ReplyTaskError(ValueError, PrerequisiteError):
    """A bad `-T` parameter or input file: Inspect prints just this message, not a traceback."""

    def __init__(self, message: str):
        ValueError.__init__(self, message)
        self.message = message


def item_to_sample(item: ReplyItem) -> Sample:
    return Sample(
        id=item.item_id,
        input=to_chat(build_reply_messages(item)),
        target=item.gold,
        metadata={
            "item": item_row(item),
            "gold": item.gold,
            "case": item.metadata.case,
            "split": item.split,
            "source_mode": item.source_mode,
        },
    )


# Inspect asks every metric for its value over zero samples (before any sample is scored, or when all
# errored) and shows NaN for a scalar there; a run with samples never reports NaN.
_NO_SAMPLES = float("nan")


def _pairs(scores: list[SampleScore]) -> tuple[list[str], list[str]]:
    meta = [s.score.metadata or {} for s in scores]
    return [m["gold"] for m in meta], [m["predicted"] for m in meta]


def _run_metrics(scores: list[SampleScore]) -> Any:
    golds, preds = _pairs(scores)
    return compute_metrics(golds, predicted=preds)


@metric
def accuracy() -> Metric:
    """Correct answers over all items (invalid answers are wrong)."""

    def compute(scores: list[SampleScore]) -> float:
        return float(_run_metrics(scores).accuracy.value) if scores else _NO_SAMPLES

    return compute


@metric
def macro_f1() -> Metric:
    """Macro-F1 over the five classes (scikit-learn)."""

    def compute(scores: list[SampleScore]) -> float:
        return _run_metrics(scores).macro_f1 if scores else _NO_SAMPLES

    return compute


@metric
def costly_errors() -> Metric:
    """Abstention, confident-wrong, missed-abstention and invalid rates with their denominators.

    `missed_abstention` is left out (undefined) when no item has gold `abstain`;
    `gold_abstain_items` (its denominator) is always reported."""

    def compute(scores: list[SampleScore]) -> dict[str, float | None]:
        if not scores:
            return {"items": 0.0, "gold_abstain_items": 0.0}
        m = _run_metrics(scores)
        return {
            "abstention_rate": m.abstention.value,
            "confident_wrong_rate": m.confident_wrong.value,
            "missed_abstention_rate": m.missed_abstention.value,  # None: Inspect omits it
            "invalid_rate": m.invalid.value,
            "items": float(m.n),
            "gold_abstain_items": float(m.missed_abstention.denominator),
        }

    return compute


@metric
def per_class() -> Metric:
    """Precision (over answers naming the class) and recall (over gold items of the class); an
    undefined value (no answer named the class, or no gold item) is left out."""

    def compute(scores: list[SampleScore]) -> dict[str, float | None]:
        if not scores:
            return {}
        flat = _run_metrics(scores).flat()
        return {k: v for k, v in flat.items() if k.startswith(("precision_", "recall_"))}

    return compute


@scorer(metrics=[accuracy(), macro_f1(), costly_errors(), per_class()])
def reply_scorer() -> Scorer:
    """Exact match of the normalised answer with the gold label; the explanation names both."""

    async def score(state: TaskState, target: Target) -> Score:
        gold = state.metadata["gold"]
        answer = state.output.completion if state.output else ""
        result = score_answer(gold, answer)
        return Score(
            value=result.value(),
            answer=answer,
            explanation=result.explanation(),
            metadata={"gold": gold, "predicted": result.predicted, "case": state.metadata.get("case")},
        )

    return score


@task
def reply_classification(split: str = "held_out", items_file: str | None = None, **unknown: Any) -> Task:
    """Classify the prospect's latest reply: engaged, curious, soft_defer, objection, hard_no or abstain.

    Args:
        split: train, dev or held_out (the shipped items).
        items_file: classify your own reply-classification items (JSONL) instead of a shipped split.
        **unknown: refused (a misspelled `-T` parameter must not run with a default).
    """
    bad = sorted(k for k in unknown if k != "model")
    if bad:
        raise ReplyTaskError(
            f"tenacious_bench/reply_classification: unknown task parameter(s) {bad}; the parameters are {list(PARAMS)}"
        )
    if items_file is None and split not in SPLITS:
        raise ReplyTaskError(
            f"tenacious_bench/reply_classification: split must be one of {list(SPLITS)}, got {split!r}"
        )
    try:
        items, fingerprint = load_items_source(split, items_file)
    except ReplyItemError as err:
        raise ReplyTaskError(f"tenacious_bench/reply_classification: {err}") from None
    if not items:
        raise ReplyTaskError(f"tenacious_bench/reply_classification: no item in {fingerprint['source']}")
    name = f"replies_{split}" if items_file is None else f"replies_{Path(items_file).stem}"
    return Task(
        dataset=MemoryDataset([item_to_sample(i) for i in items], name=name),
        solver=generate(),
        scorer=reply_scorer(),
        config=GENERATION,
        metadata={
            "tenacious_bench_version": __version__,
            "reply_scorer_version": SCORER_VERSION,
            "reply_prompt_version": REPLY_PROMPT_VERSION,
            "dataset": fingerprint,
            "split": split if items_file is None else None,
            "generation_defaults": GENERATION.model_dump(exclude_none=True),
        },
    )


# ---------------------------------------------------------------------------------------------
# Offline models: tenacious_reply/reference and tenacious_reply/keyword


def _current_item() -> ReplyItem:
    from inspect_ai.solver._task_state import sample_state

    state = sample_state()
    if state is None or "item" not in (state.metadata or {}):
        raise RuntimeError(
            "tenacious_reply models answer only inside a tenacious_bench/reply_classification evaluation "
            "(they read the item from the running sample's metadata)"
        )
    return parse_reply_item(state.metadata["item"])


class ReplyOfflineAPI(ModelAPI):
    """`reference` answers the gold label; `keyword` the keyword baseline's label."""

    async def generate(
        self, input: list[ChatMessage], tools: list[ToolInfo], tool_choice: ToolChoice, config: GenerateConfig
    ) -> ModelOutput:
        from tenacious_bench.reply_baselines import keyword_label

        item = _current_item()
        text = item.gold if self.model_name == "reference" else keyword_label(item.reply.body)
        out = ModelOutput.from_content(model=self.model_name, content=text)
        prompt_tokens = sum(len(m.text.split()) for m in input)
        out.usage = ModelUsage(input_tokens=prompt_tokens, output_tokens=1, total_tokens=prompt_tokens + 1)
        return out

    def max_connections(self) -> int:
        return 64


@modelapi(name="tenacious_reply")
def tenacious_reply() -> Any:
    def create(model_name: str, base_url: str | None = None, api_key: str | None = None,
               config: GenerateConfig = GenerateConfig(), **model_args: Any) -> ModelAPI:  # noqa: B008
        if model_name not in MODELS:
            raise ValueError(
                f"unknown model tenacious_reply/{model_name}; choose one of {[f'tenacious_reply/{m}' for m in MODELS]}"
            )
        if model_args:
            raise ValueError(f"tenacious_reply/{model_name} takes no model arguments, got {sorted(model_args)}")
        return ReplyOfflineAPI(model_name=model_name, base_url=base_url, api_key=api_key, config=config)

    return create
