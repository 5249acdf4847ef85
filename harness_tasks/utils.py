"""lm-evaluation-harness door: dataset loader and process_results for the `tenacious` tasks.

The YAML files next to this module reference these functions by their full import path
(`!function tenacious_bench.harness_tasks.utils.<name>`), so they work from lm-eval's own tree
(after `tenacious-bench lm-eval-register`), from `--include_path` and from any working directory.
The prompt comes from `prompts.build_messages` and every check result from `scoring.score_email`.
"""

from __future__ import annotations

import functools
import json
from typing import Any

from tenacious_bench.harness_common import HarnessTaskError, load_bench_tasks, score_value
from tenacious_bench.prompts import DEFAULT_PROMPT_VARIANT, PROMPT_VERSION, build_messages
from tenacious_bench.scoring import score_email
from tenacious_bench.slices import SLICES, slice_values
from tenacious_bench.style_guide import StyleGuideError, load_style_guide
from tenacious_bench.task import Task, TaskError, parse_task


def task_to_doc(task: Task, style_guide: str | None = None, prompt: str = DEFAULT_PROMPT_VARIANT) -> dict[str, str]:
    """One lm-eval document: the two prompt messages, the task as JSON, the style guide and prompt variant."""
    system, user = build_messages(task, style_guide, variant=prompt)
    if (system["role"], user["role"]) != ("system", "user"):
        raise ValueError(f"the prompt builder returned roles {system['role']}, {user['role']}")
    ref = task.reference
    return {
        "task_id": task.task_id,
        "system": system["content"],  # the YAML's `description`: lm-eval's system message
        "user": user["content"],  # the YAML's `doc_to_text`: the user message
        "target": f"Subject: {ref.subject}\n\n{ref.body}" if ref else "",
        "task_json": task.model_dump_json(by_alias=True, exclude_none=True),
        "style_guide": style_guide or "",
        **slice_values(task),  # segment, kind, source_mode, zero_signal (slices.py)
        "prompt_variant": prompt,
        "prompt_version": PROMPT_VERSION,
    }


def load_dataset(
    split: str = "held_out",
    style_guide: str | None = None,
    tasks_file: str | None = None,
    hub_dataset: str | None = None,
    hub_revision: str | None = None,
    prompt: str = DEFAULT_PROMPT_VARIANT,
    dataset_version: str | None = None,
    slice_key: str | None = None,
    slice_value: str | None = None,
    **_lm_eval_metadata: Any,
) -> Any:
    """The task's documents as a DatasetDict with one `test` split, read from the installed package.

    lm-eval calls this with the task's `dataset_kwargs` plus its metadata (the YAML's `metadata`,
    `--metadata` and the `--model_args` keys), which is why unrelated keyword arguments are accepted
    and not used (among them `version`, the YAML's task version, which is not the dataset's). `style_guide`,
    `tasks_file` and `dataset_version` (default 1.1) may be given with `--metadata '{"style_guide": ...}'`;
    `prompt` (full or short) is set by the task's YAML. `hub_dataset` and `hub_revision` read the split
    from a Hub dataset at a commit sha instead of the shipped copy (`--metadata '{"hub_dataset":
    "ORG/NAME", "hub_revision": "SHA"}'`; not `revision`, which lm-eval also fills from `--model_args`).
    `slice_key` and `slice_value` (the slice sub-tasks' `dataset_kwargs`) keep only the tasks that
    `tenacious_bench.slices` puts in that slice.
    """
    import datasets

    try:
        load_style_guide(style_guide)  # a bad file fails here, with its problems, not mid-run
        if hub_dataset:
            from tenacious_bench.hub.dataset import harness_tasks

            tasks, _ = harness_tasks(hub_dataset, split, hub_revision, tasks_file)
        elif hub_revision:
            raise HarnessTaskError("hub_revision is given without hub_dataset (a Hub dataset id, ORG/NAME)")
        else:
            version = None if dataset_version is None else str(dataset_version)
            tasks, _ = load_bench_tasks(split, tasks_file, version=version)
    except (HarnessTaskError, StyleGuideError, TaskError) as err:
        raise HarnessTaskError(f"tenacious lm-eval task: {err}") from None
    if not tasks:
        raise HarnessTaskError(f"tenacious lm-eval task: no task in {tasks_file or f'split {split!r}'}")
    if slice_key is not None or slice_value is not None:
        tasks = slice_tasks(tasks, slice_key, slice_value, tasks_file or f"split {split!r}")
    docs = [task_to_doc(t, style_guide, prompt) for t in tasks]
    return datasets.DatasetDict({"test": datasets.Dataset.from_list(docs)})


def slice_tasks(tasks: list[Task], key: str | None, value: Any, source: str) -> list[Task]:
    """The tasks in slice key=value, assigned by slices.py; an unknown key or an empty slice is an error."""
    if key not in SLICES or value is None:
        raise HarnessTaskError(
            f"tenacious lm-eval task: a slice needs slice_key (one of {list(SLICES)}) and slice_value, "
            f"got slice_key={key!r} slice_value={value!r}"
        )
    kept = [t for t in tasks if slice_values(t)[key] == str(value)]
    if not kept:
        raise HarnessTaskError(f"tenacious lm-eval task: no task in {source} has {key}={value}")
    return kept


@functools.lru_cache(maxsize=4096)
def _task(task_json: str) -> Task:
    return parse_task(json.loads(task_json))


def score_doc(doc: dict[str, Any], completion: str) -> dict[str, float]:
    """The five checks and pass@1 for one completion (1.0 pass, 0.0 fail)."""
    result = score_email(_task(doc["task_json"]), completion, doc["style_guide"] or None)
    return score_value(result)


def process_results(doc: dict[str, Any], results: list[str]) -> dict[str, float]:
    """lm-eval hook: one key per check plus pass_at_1, each aggregated by mean in the YAML."""
    if len(results) != 1:
        raise ValueError(f"expected one generation per document, got {len(results)}")
    return score_doc(doc, results[0])
