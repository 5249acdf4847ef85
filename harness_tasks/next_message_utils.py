"""lm-evaluation-harness door for next-message tasks: the `tenacious_next_message` task's loader.

The YAML (`tenacious_next_message.yaml`) references these by full import path. Documents and scoring
are the `tenacious` task's (`utils.task_to_doc`, `utils.process_results`: the prompt of
`prompts.build_messages`, `score_email` with the per-class rules); only the source of the tasks differs
(`next_message_tasks.load_next_message_tasks`, shared with the Inspect door).
"""

from __future__ import annotations

from typing import Any

from tenacious_bench.harness_tasks.utils import process_results, task_to_doc

from tenacious_bench.harness_common import HarnessTaskError
from tenacious_bench.prompts import DEFAULT_PROMPT_VARIANT
from tenacious_bench.style_guide import StyleGuideError, load_style_guide
from tenacious_bench.task import TaskError

__all__ = ["load_dataset", "process_results"]


def load_dataset(
    split: str = "held_out",
    style_guide: str | None = None,
    tasks_file: str | None = None,
    prompt: str = DEFAULT_PROMPT_VARIANT,
    dataset_version: str | None = None,
    **_lm_eval_metadata: Any,
) -> Any:
    """The documents as a DatasetDict with one `test` split (extra keyword arguments are lm-eval's
    metadata). `style_guide`, `tasks_file` and `dataset_version` may be given with `--metadata`."""
    import datasets

    from tenacious_bench.next_message_tasks import load_next_message_tasks

    try:
        load_style_guide(style_guide)  # a bad file fails here, with its problems, not mid-run
        version = None if dataset_version is None else str(dataset_version)
        tasks, _ = load_next_message_tasks(split, tasks_file, version)
    except (HarnessTaskError, StyleGuideError, TaskError) as err:
        raise HarnessTaskError(f"tenacious_next_message lm-eval task: {err}") from None
    if not tasks:
        raise HarnessTaskError(f"tenacious_next_message lm-eval task: no task in {tasks_file or f'split {split!r}'}")
    docs = []
    for t in tasks:
        doc = task_to_doc(t, style_guide, prompt)
        doc["reply_class"] = str(t.constraints.reply_class)
        docs.append(doc)
    return datasets.DatasetDict({"test": datasets.Dataset.from_list(docs)})
