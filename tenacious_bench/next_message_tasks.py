"""Inspect AI door for next-message tasks: `tenacious_bench/next_message`.

Run with `inspect eval tenacious_bench/next_message --model ...`. The model reads the thread and the
prospect's latest reply and writes the next message, or answers exactly `NO_REPLY`. Everything but the
source of the tasks is the outreach door's (`inspect_tasks`): the samples (`task_to_sample`, the
prompt of `prompts.build_messages`), the scorer (`outreach_scorer`: `score_email` with the per-class
rules) and the metrics (pass@1, each check, per slice). One more metric groups pass@1 by reply class.
The offline `tenacious/composer` model answers with `composer.compose_next_message` here.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from inspect_ai import Task, task
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

from tenacious_bench.harness_common import SPLITS, HarnessTaskError
from tenacious_bench.inspect_tasks import (
    GENERATION,
    HEADLINE,
    METRICS,
    OutreachTaskError,
    eval_metadata,
    outreach_scorer,
    parse_prompt,
    task_to_sample,
)
from tenacious_bench.prompts import DEFAULT_PROMPT_VARIANT
from tenacious_bench.style_guide import StyleGuideError, load_style_guide
from tenacious_bench.task import Task as BenchTask
from tenacious_bench.task import TaskError, load_tasks

PARAMS = ("split", "style_guide", "tasks_file", "prompt", "version")


def load_next_message_tasks(
    split: str, tasks_file: str | None = None, version: str | None = None
) -> tuple[list[BenchTask], dict[str, Any]]:
    """The next-message tasks of a shipped split (of a dataset version) or of a user's JSONL file, and
    the fingerprint of where they came from. Shared by both harness doors."""
    from tenacious_bench import next_message as nm

    if tasks_file is not None:
        path = Path(tasks_file)
        if not path.is_file():
            raise HarnessTaskError(f"tasks file not found: {path}")
        tasks = load_tasks(path)
        wrong = [t.task_id for t in tasks if t.kind != "next_message"]
        if wrong:
            raise HarnessTaskError(
                f"{path}: {len(wrong)} task(s) are not of kind next_message ({', '.join(wrong[:3])}); "
                "use tenacious_bench/outreach for email tasks"
            )
        return tasks, {"source": str(path), "tasks_file_sha256": hashlib.sha256(path.read_bytes()).hexdigest()}
    if split not in SPLITS:
        raise HarnessTaskError(f"split must be one of {list(SPLITS)}, got {split!r}")
    from tenacious_bench import dataset

    if version is not None and version not in dataset.VERSIONS:
        raise HarnessTaskError(f"version must be one of {list(dataset.VERSIONS)}, got {version!r}")
    try:
        fingerprint = nm.next_message_fingerprint(split, version)
        tasks = nm.load_next_message_split(split, version=version)
    except (FileNotFoundError, nm.NextMessageError) as err:
        raise HarnessTaskError(str(err)) from None
    return tasks, {"source": f"tenacious_bench/next_message/{split}", **fingerprint}


def _class_of(score: SampleScore) -> SampleScore:
    meta = score.sample_metadata or {}
    if "reply_class" in meta:
        return score
    cls = ((meta.get("task") or {}).get("constraints") or {}).get("reply_class", "none")
    return score.model_copy(update={"sample_metadata": {**meta, "reply_class": cls}})


@metric(name="by_class")
def by_class() -> Metric:
    """Mean and stderr of a score key per reply class (engaged, ..., hard_no), by Inspect's `grouped()`."""
    parts = [grouped(m, "reply_class", all=False, name_template=f"{{group_name}}{suffix}")
             for m, suffix in ((mean(), ""), (stderr(), "_stderr"))]

    def compute(scores: list[SampleScore]) -> dict[str, float]:
        scores = [_class_of(s) for s in scores]
        out: dict[str, float] = {}
        for part in parts:
            out.update(part(scores))  # type: ignore[arg-type]
        return dict(sorted(out.items()))

    return compute


NEXT_MESSAGE_METRICS = {key: [*metrics, by_class()] if key == "pass_at_1" else metrics
                        for key, metrics in METRICS.items()}


@scorer(metrics=NEXT_MESSAGE_METRICS)
def next_message_scorer(style_guide: str | None = None) -> Scorer:
    """The outreach scorer (score_email, five checks with the per-class rules), plus pass@1 by class."""
    inner = outreach_scorer(style_guide)

    async def score(state: TaskState, target: Target) -> Score:
        return await inner(state, target)

    return score


@task
def next_message(
    split: str = "held_out",
    style_guide: str | None = None,
    tasks_file: str | None = None,
    prompt: str = DEFAULT_PROMPT_VARIANT,
    version: str | None = None,
    **unknown: Any,
) -> Task:
    """Write the next message after the prospect's reply, or answer exactly NO_REPLY; five checks and pass@1.

    Args:
        split: train, dev or held_out (the shipped next-message tasks).
        style_guide: a style-guide YAML file (default: the packaged Tenacious guide).
        tasks_file: score your own next-message task JSONL file instead of a shipped split.
        prompt: full (every scored rule stated; the default) or short.
        version: the shipped dataset version (next-message tasks ship from 1.2).
        **unknown: refused (a misspelled `-T` parameter must not run with a default).
    """
    try:
        return _next_message(split, style_guide, tasks_file, prompt, version, unknown)
    except (HarnessTaskError, StyleGuideError, TaskError) as err:
        raise OutreachTaskError(f"tenacious_bench/next_message: {err}") from None


def _next_message(split: str, style_guide: str | None, tasks_file: str | None, prompt: str, version: str | None,
                  unknown: dict[str, Any]) -> Task:
    bad = sorted(k for k in unknown if k != "model")
    if bad:
        raise HarnessTaskError(f"unknown task parameter(s) {bad}; the parameters are {list(PARAMS)}")
    guide = load_style_guide(style_guide)  # fails now, not mid-run, on a bad file
    prompt = parse_prompt(prompt)
    tasks, fingerprint = load_next_message_tasks(split, tasks_file, None if version is None else str(version))
    if not tasks:
        raise HarnessTaskError(f"no task in {fingerprint['source']}")
    samples = []
    for t in tasks:
        sample = task_to_sample(t, style_guide, prompt)
        assert sample.metadata is not None
        sample.metadata["reply_class"] = t.constraints.reply_class
        samples.append(sample)
    if tasks_file is not None:
        name = f"next_message_{Path(tasks_file).stem}"
    else:
        name = f"next_message_{split}" + (f"_v{version}" if version is not None else "")
    from inspect_ai.dataset import MemoryDataset

    return Task(
        dataset=MemoryDataset(samples, name=name),
        solver=generate(),
        scorer=next_message_scorer(style_guide),
        config=GENERATION,
        headline_metric=HEADLINE,
        metadata=eval_metadata(guide, prompt, fingerprint, split if tasks_file is None else None),
    )
