"""Inspect model providers that run with no network: `tenacious/composer` and `tenacious/smollm2`.

- `tenacious/composer` answers each sample with the reference composer's email for its task (works
  on every split, held-out included), so the all-pass path runs end to end with no model at all.
  It reads the task from the running sample's metadata, so it only answers inside a
  `tenacious_bench/outreach` or `tenacious_bench/next_message` evaluation; on a next-message task it
  answers with `compose_next_message` (exactly `NO_REPLY` on a hard no). Usage counts are whitespace tokens (there is no tokenizer;
  Inspect's mockllm would download one from tiktoken and fails offline).
- `tenacious/smollm2` is Inspect's own `hf` provider pointed at the prepared SmolLM2 folder
  (`tenacious-bench prepare-model`), with HF_HUB_OFFLINE=1 and greedy decoding. `-M path=DIR`
  chooses another prepared folder; other `-M` arguments go to the `hf` provider unchanged.
"""

from __future__ import annotations

import os
from typing import Any

from inspect_ai.model import ChatMessage, GenerateConfig, ModelAPI, ModelOutput, ModelUsage
from inspect_ai.tool import ToolChoice, ToolInfo

MODELS = ("composer", "smollm2")


def composer_email(task: Any, style_guide: str | None = None) -> dict[str, str]:
    """The reference composer's passing answer for a task ({subject, body}): the email, or for a
    next_message task the next message (`{"subject": "", "body": "NO_REPLY"}` on a hard no)."""
    from tenacious_bench.composer import compose_email, compose_next_message

    if task.kind == "next_message":
        return compose_next_message(task, style_guide=style_guide, seed=0)
    return compose_email(task, style_guide=style_guide, seed=0)


def email_text(email: dict[str, str]) -> str:
    """An email in the plain-text answer form of task-format.md; the no-reply answer as its bare body."""
    if not email["subject"]:
        return email["body"]
    return f"Subject: {email['subject']}\n\n{email['body']}"


def _current_sample_metadata() -> dict[str, Any]:
    # Inspect has no public accessor for the running sample; sample_state() is its internal one.
    from inspect_ai.solver._task_state import sample_state

    state = sample_state()
    if state is None or "task" not in (state.metadata or {}):
        raise RuntimeError(
            "tenacious/composer answers only inside a tenacious_bench/outreach evaluation "
            "(it reads the task from the running sample's metadata)"
        )
    return state.metadata


class ComposerAPI(ModelAPI):
    """Answers with the composer's email for the running sample's task."""

    async def generate(
        self, input: list[ChatMessage], tools: list[ToolInfo], tool_choice: ToolChoice, config: GenerateConfig
    ) -> ModelOutput:
        from tenacious_bench.task import parse_task

        metadata = _current_sample_metadata()
        task = parse_task(metadata["task"])
        text = email_text(composer_email(task, metadata.get("style_guide")))
        output = ModelOutput.from_content(model=self.model_name, content=text)
        prompt_tokens = sum(len(m.text.split()) for m in input)
        answer_tokens = len(text.split())
        output.usage = ModelUsage(
            input_tokens=prompt_tokens,
            output_tokens=answer_tokens,
            total_tokens=prompt_tokens + answer_tokens,
        )
        return output

    def max_connections(self) -> int:
        return 64  # no I/O: concurrency only bounds memory


def smollm2_api(
    model_name: str, base_url: str | None, api_key: str | None, config: GenerateConfig, **model_args: Any
) -> ModelAPI:
    """Inspect's `hf` provider on the prepared SmolLM2 folder, offline and greedy."""
    from tenacious_bench.models import require_prepared

    path = require_prepared(model_args.pop("path", None))
    os.environ["HF_HUB_OFFLINE"] = "1"  # nothing may reach the Hub, whatever the user's environment says
    from inspect_ai.model._providers.hf import HuggingFaceAPI

    model_args.setdefault("do_sample", False)
    return HuggingFaceAPI(
        model_name=model_name,
        base_url=base_url,
        api_key=api_key,
        config=config,
        model_path=str(path),
        **model_args,
    )


def create_api(
    model_name: str,
    base_url: str | None = None,
    api_key: str | None = None,
    config: GenerateConfig = GenerateConfig(),  # noqa: B008 (Inspect's own provider signature)
    **model_args: Any,
) -> ModelAPI:
    """The provider behind `tenacious/<model>`."""
    if model_name == "composer":
        if model_args:
            raise ValueError(f"tenacious/composer takes no model arguments, got {sorted(model_args)}")
        return ComposerAPI(model_name=model_name, base_url=base_url, api_key=api_key, config=config)
    if model_name == "smollm2":
        return smollm2_api(model_name, base_url, api_key, config, **model_args)
    raise ValueError(
        f"unknown model tenacious/{model_name}; choose one of {[f'tenacious/{m}' for m in MODELS]}"
    )
