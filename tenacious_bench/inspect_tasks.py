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
from inspect_ai.dataset import MemoryDataset, Sample
from inspect_ai.model import ChatMessage, ChatMessageSystem, ChatMessageUser, GenerateConfig
from inspect_ai.scorer import Score, Scorer, Target, mean, scorer, stderr
from inspect_ai.solver import TaskState, generate

from tenacious_bench import __version__
from tenacious_bench.harness_common import KINDS, METRIC_KEYS, HarnessTaskError, load_bench_tasks, score_value
from tenacious_bench.prompts import DEFAULT_PROMPT_VARIANT, PROMPT_VARIANTS, PROMPT_VERSION, build_messages
from tenacious_bench.scoring import SCORER_VERSION, score_email
from tenacious_bench.style_guide import load_style_guide
from tenacious_bench.task import Task as BenchTask
from tenacious_bench.task import parse_task

# Defaults for every model: long enough for a 200-word warm reply with its signature (about 300
# tokens), greedy so that runs repeat. `--max-tokens` / `--temperature` on the command line win.
GENERATION = GenerateConfig(max_tokens=512, temperature=0.0)


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
            "segment": task.segment,
            "kind": task.kind,
            "source_mode": task.source_mode,
            "style_guide": style_guide,
        },
    )


@scorer(metrics={key: [mean(), stderr()] for key in METRIC_KEYS})
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
    prompt: str = DEFAULT_PROMPT_VARIANT,
    version: str | None = None,
) -> Task:
    """Write one outreach email per brief; scored by the five mechanical checks and pass@1.

    Args:
        split: train, dev or held_out (the shipped dataset).
        style_guide: a style-guide YAML file (default: the packaged Tenacious guide).
        segment: keep only these ICP segments (1-4; a value, "1,3" or a list).
        kind: keep only these kinds (cold, warm_reply, re_engagement).
        tasks_file: score your own task JSONL file instead of a shipped split.
        prompt: full (every scored rule stated; the default) or short (the PROMPT_VERSION 1 prompt).
        version: the shipped dataset version (1.1, the default, or 1.0).
    """
    guide = load_style_guide(style_guide)  # fails now, not mid-run, on a bad file
    segments, kinds = parse_segments(segment), parse_kinds(kind)
    prompt = parse_prompt(prompt)
    tasks, fingerprint = load_bench_tasks(split, tasks_file, version=None if version is None else str(version))
    kept = filter_tasks(tasks, segments, kinds)
    if not kept:
        raise HarnessTaskError(
            f"no task left in {fingerprint['source']} after the filters segment={segments or 'any'} "
            f"kind={kinds or 'any'}"
        )
    name = "outreach" if tasks_file is None else f"outreach_{Path(tasks_file).stem}"
    if tasks_file is None and version is not None:
        name += f"_v{version}"
    return Task(
        dataset=MemoryDataset([task_to_sample(t, style_guide, prompt) for t in kept], name=f"{name}_{split}"),
        solver=generate(),
        scorer=outreach_scorer(style_guide),
        config=GENERATION,
        metadata={
            "tenacious_bench_version": __version__,
            "scorer_version": SCORER_VERSION,
            "prompt_version": PROMPT_VERSION,
            "prompt_variant": prompt,
            "style_guide_sha256": guide.sha256,
            "style_guide_source": guide.source,
            "dataset": fingerprint,
            "split": split if tasks_file is None else None,
            "filters": {"segment": segments, "kind": kinds},
            "generation_defaults": GENERATION.model_dump(exclude_none=True),
        },
    )
