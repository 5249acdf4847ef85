"""Inspect AI door: the `outreach` task, its samples and the scorer wrapping `score_email`.

Run with `inspect eval tenacious_bench/outreach --model ...` (the package registers itself through
the `inspect_ai` entry point group, see `tenacious_bench._registry`). This module converts formats
only: the prompt comes from `prompts.build_messages`, every check result from `scoring.score_email`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from inspect_ai import Task, task
from inspect_ai._util.error import PrerequisiteError
from inspect_ai.dataset import MemoryDataset, Sample
from inspect_ai.log import HeadlineMetric
from inspect_ai.model import ChatMessage, ChatMessageSystem, ChatMessageUser, GenerateConfig
from inspect_ai.scorer import (
    Metric,
    SampleScore,
    Score,
    Scorer,
    Target,
    grouped,
    mean,
    metric,
    scorer,
    stderr,
)
from inspect_ai.solver import TaskState, generate

from tenacious_bench import __version__
from tenacious_bench.harness_common import (
    KINDS,
    SPLITS,
    HarnessTaskError,
    load_bench_tasks,
    score_value,
)
from tenacious_bench.prompts import DEFAULT_PROMPT_VARIANT, PROMPT_VARIANTS, PROMPT_VERSION, build_messages
from tenacious_bench.scoring import CHECK_NAMES, SCORER_VERSION, score_email
from tenacious_bench.slices import SLICES, slice_values
from tenacious_bench.style_guide import StyleGuide, StyleGuideError, load_style_guide
from tenacious_bench.task import Task as BenchTask
from tenacious_bench.task import TaskError, parse_task

# Defaults for every model: long enough for a 200-word warm reply with its signature (about 300
# tokens), greedy so that runs repeat. `--max-tokens` / `--temperature` on the command line win.
GENERATION = GenerateConfig(max_tokens=512, temperature=0.0)


class OutreachTaskError(HarnessTaskError, PrerequisiteError):
    """A bad `-T` parameter or input file: Inspect prints just this message, not a traceback."""

    def __init__(self, message: str):
        HarnessTaskError.__init__(self, message)
        self.message = message


# The task's own parameters (`-T name=value`); Inspect may also pass its `model` argument.
PARAMS = ("split", "style_guide", "segment", "kind", "tasks_file", "dataset", "revision", "prompt", "version")
_INSPECT_ARGS = ("model",)


def _as_list(value: Any, name: str) -> list[Any]:
    """-T values arrive as a scalar, a comma-separated string or a list."""
    if value is None:
        return []
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    if isinstance(value, int | float):
        return [value]
    if isinstance(value, Sequence):
        return list(value)
    raise HarnessTaskError(f"{name} must be a value, a comma-separated string or a list, got {value!r}")


def parse_segments(value: Any) -> list[int]:
    segments: list[int] = []
    for v in _as_list(value, "segment"):
        try:
            s = int(v)
        except (TypeError, ValueError):
            raise HarnessTaskError(f"segment must be 1, 2, 3 or 4, got {v!r}") from None
        if s not in (1, 2, 3, 4) or (isinstance(v, float) and v != s):
            raise HarnessTaskError(f"segment must be 1, 2, 3 or 4, got {v!r}")
        segments.append(s)
    return segments


def parse_kinds(value: Any) -> list[str]:
    kinds = [str(v) for v in _as_list(value, "kind")]
    bad = [k for k in kinds if k not in KINDS]
    if bad:
        raise HarnessTaskError(f"kind must be one of {list(KINDS)}, got {bad}")
    return kinds


def filter_tasks(tasks: Iterable[BenchTask], segments: list[int], kinds: list[str]) -> list[BenchTask]:
    return [t for t in tasks if (not segments or t.segment in segments) and (not kinds or t.kind in kinds)]


def to_chat(messages: list[dict[str, str]]) -> list[ChatMessage]:
    """The shared builder's {role, content} messages as Inspect chat messages."""
    out: list[ChatMessage] = []
    for m in messages:
        if m["role"] == "system":
            out.append(ChatMessageSystem(content=m["content"]))
        elif m["role"] == "user":
            out.append(ChatMessageUser(content=m["content"]))
        else:
            raise ValueError(f"the prompt builder returned an unexpected role {m['role']!r}")
    return out


def parse_prompt(value: Any) -> str:
    if value not in PROMPT_VARIANTS:
        raise HarnessTaskError(f"prompt must be one of {list(PROMPT_VARIANTS)}, got {value!r}")
    return str(value)


def task_to_sample(task: BenchTask, style_guide: str | None = None, prompt: str = DEFAULT_PROMPT_VARIANT) -> Sample:
    """One Sample per task: the built prompt as input, the whole task in metadata (the scorer reads it)."""
    ref = task.reference
    return Sample(
        id=task.task_id,
        input=to_chat(build_messages(task, style_guide, variant=prompt)),
        target=f"Subject: {ref.subject}\n\n{ref.body}" if ref else "",
        metadata={
            "task": task.model_dump(mode="json", by_alias=True, exclude_none=True),
            # The slice keys of slices.py (segment, kind, source_mode, zero_signal), which the
            # grouped metrics read; segment stays an int for filtering (grouped() groups by str()).
            **slice_values(task),
            "segment": task.segment,
            "style_guide": style_guide,
        },
    )


@metric(name="pass@1")
def pass_at_1() -> Metric:
    """The mean of pass_at_1 under a name of its own, so Inspect's live progress line reads "pass@1"."""
    compute_mean = mean()

    def compute(scores: list[SampleScore]) -> float:
        return float(compute_mean(scores))

    return compute


def _with_slice_keys(score: SampleScore) -> SampleScore:
    """A log written before the slice keys were in the sample metadata (re-scored with `inspect
    score`) gets them from the task in the metadata, by the same rule."""
    meta = score.sample_metadata or {}
    if all(key in meta for key in SLICES):
        return score
    if "task" not in meta:
        raise ValueError(f"sample {score.sample_id} has neither the slice keys nor the task in its metadata")
    task = parse_task(meta["task"], where=f"sample {score.sample_id}")
    return score.model_copy(update={"sample_metadata": {**meta, **slice_values(task)}})


@metric(name="slices")
def slices() -> Metric:
    """Mean and stderr per value of each slices.py key, grouped by the sample metadata.

    Inspect's `grouped()` does the grouping; one metric holds them all because Inspect keeps one
    metric per name for a score key. In the log each key's metrics gain `slices_segment=1`,
    `slices_segment=1_stderr`, ..., `slices_zero_signal=yes_stderr`; the run-wide figures stay
    `mean` and `stderr`.
    """
    parts = [
        grouped(m, key, all=False, name_template=f"{key}={{group_name}}{suffix}")
        for key in SLICES
        for m, suffix in ((mean(), ""), (stderr(), "_stderr"))
    ]

    def compute(scores: list[SampleScore]) -> dict[str, float]:
        scores = [_with_slice_keys(s) for s in scores]
        out: dict[str, float] = {}
        for part in parts:
            out.update(part(scores))  # type: ignore[arg-type]
        # slices.py's key order, then each value's mean before its stderr
        order = list(SLICES)
        return {k: out[k] for k in sorted(out, key=lambda k: (order.index(k.split("=")[0]), k))}

    return compute


# pass_at_1 leads (the headline of the run and of the live progress line); every key keeps its mean,
# its stderr and the same two per slice.
METRICS = {
    "pass_at_1": [pass_at_1(), mean(), stderr(), slices()],
    **{key: [mean(), stderr(), slices()] for key in CHECK_NAMES},
}
HEADLINE = HeadlineMetric(score="pass_at_1", metric="pass@1")


@scorer(metrics=METRICS)
def outreach_scorer(style_guide: str | None = None) -> Scorer:
    """Score the completion with the five checks; the explanation lists every failure reason."""
    guide = load_style_guide(style_guide)

    async def score(state: TaskState, target: Target) -> Score:
        bench_task = parse_task(state.metadata["task"], where=f"sample {state.sample_id}")
        answer = state.output.completion if state.output else ""
        result = score_email(bench_task, answer, guide)
        reasons = result.failure_reasons()
        return Score(
            value=score_value(result),
            answer=answer,
            explanation="\n".join(reasons) if reasons else "all five checks pass",
            metadata=result.to_dict(),
        )

    return score


@task
def outreach(
    split: str = "held_out",
    style_guide: str | None = None,
    segment: int | str | list[int] | None = None,
    kind: str | list[str] | None = None,
    tasks_file: str | None = None,
    dataset: str | None = None,
    revision: str | None = None,
    prompt: str = DEFAULT_PROMPT_VARIANT,
    version: str | None = None,
    **unknown: Any,
) -> Task:
    """Write one outreach email per brief; scored by the five mechanical checks and pass@1.

    Args:
        split: train, dev or held_out (the shipped dataset).
        style_guide: a style-guide YAML file (default: the packaged Tenacious guide).
        segment: keep only these ICP segments (1-4; a value, "1,3" or a list).
        kind: keep only these kinds (cold, warm_reply, re_engagement).
        tasks_file: score your own task JSONL file instead of a shipped split.
        dataset: a Hub dataset id (ORG/NAME) to read the split from instead of the shipped copy.
        revision: the Hub commit sha to read it at (a branch, tag or none warns: it can move).
        prompt: full (every scored rule stated; the default) or short (the PROMPT_VERSION 1 prompt).
        version: the shipped dataset version (1.1, the default, or 1.0).
        **unknown: refused (a misspelled `-T` parameter must not run with a default).
    """
    try:
        return _outreach(split, style_guide, segment, kind, tasks_file, dataset, revision, prompt, version, unknown)
    except (HarnessTaskError, StyleGuideError, TaskError) as err:
        raise OutreachTaskError(f"tenacious_bench/outreach: {err}") from None


def _outreach(
    split: str,
    style_guide: str | None,
    segment: Any,
    kind: Any,
    tasks_file: str | None,
    dataset: str | None,
    revision: str | None,
    prompt: str,
    version: str | None,
    unknown: dict[str, Any],
) -> Task:
    bad = sorted(k for k in unknown if k not in _INSPECT_ARGS)
    if bad:
        raise HarnessTaskError(f"unknown task parameter(s) {bad}; the parameters are {list(PARAMS)}")
    if tasks_file is None and split not in SPLITS:
        raise HarnessTaskError(f"split must be one of {list(SPLITS)}, got {split!r}")
    guide = load_style_guide(style_guide)  # fails now, not mid-run, on a bad file
    segments, kinds = parse_segments(segment), parse_kinds(kind)
    prompt = parse_prompt(prompt)
    if dataset is not None:
        from tenacious_bench.hub.dataset import harness_tasks

        tasks, fingerprint = harness_tasks(str(dataset), split, None if revision is None else str(revision), tasks_file)
    elif revision is not None:
        raise HarnessTaskError("revision is given without dataset (a Hub dataset id, ORG/NAME)")
    else:
        tasks, fingerprint = load_bench_tasks(split, tasks_file, version=None if version is None else str(version))
    kept = filter_tasks(tasks, segments, kinds)
    if not kept:
        raise HarnessTaskError(
            f"no task left in {fingerprint['source']} after the filters segment={segments or 'any'} "
            f"kind={kinds or 'any'}"
        )
    # A user's file names the dataset after the file; a shipped split after the split (and version).
    if tasks_file is not None:
        dataset_name = f"outreach_{Path(tasks_file).stem}"
    else:
        dataset_name = f"outreach_{split}" + (f"_v{version}" if version is not None else "")
    return Task(
        dataset=MemoryDataset([task_to_sample(t, style_guide, prompt) for t in kept], name=dataset_name),
        solver=generate(),
        scorer=outreach_scorer(style_guide),
        config=GENERATION,
        headline_metric=HEADLINE,
        metadata=eval_metadata(guide, prompt, fingerprint, split if tasks_file is None else None,
                               filters={"segment": segments, "kind": kinds}),
    )


def eval_metadata(guide: StyleGuide, prompt: str, fingerprint: dict[str, Any], split: str | None,
                  **extra: Any) -> dict[str, Any]:
    """What an email door's log records about how it scored: versions, prompt, guide and dataset."""
    return {
        "tenacious_bench_version": __version__,
        "scorer_version": SCORER_VERSION,
        "prompt_version": PROMPT_VERSION,
        "prompt_variant": prompt,
        "style_guide_sha256": guide.sha256,
        "style_guide_source": guide.source,
        "dataset": fingerprint,
        "split": split,
        **extra,
        "generation_defaults": GENERATION.model_dump(exclude_none=True),
    }
