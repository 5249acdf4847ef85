"""An offline scripted model for Inspect (provider `tbscript`): answers come from a function of the prompt.

Registered through inspect_ai's @modelapi, so every code path that calls `get_model(...)` or
`inspect_ai.eval(...)` runs it like any provider, without a network or a tokenizer download.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from inspect_ai.model import GenerateConfig, ModelAPI, ModelOutput, ModelUsage, modelapi

# model name (after "tbscript/") -> function from the whole prompt text to the answer
SCRIPTS: dict[str, Callable[[str], str]] = {}
# model name -> prompts it received, in order (tests read them)
CALLS: dict[str, list[str]] = {}


@modelapi(name="tbscript")
class ScriptedAPI(ModelAPI):
    def __init__(self, model_name: str, base_url: str | None = None, api_key: str | None = None,
                 config: GenerateConfig = GenerateConfig(), **model_args: Any) -> None:  # noqa: B008
        super().__init__(model_name=model_name, base_url=base_url, api_key=api_key, config=config)

    async def generate(self, input: list[Any], tools: list[Any], tool_choice: Any,
                       config: GenerateConfig) -> ModelOutput:
        prompt = "\n".join(m.text for m in input)
        if self.model_name not in SCRIPTS:
            raise RuntimeError(f"no script for tbscript/{self.model_name}")
        CALLS.setdefault(self.model_name, []).append(prompt)
        text = SCRIPTS[self.model_name](prompt)
        out = ModelOutput.from_content(model=self.model_name, content=text)
        n_in, n_out = len(prompt.split()), len(text.split())
        out.usage = ModelUsage(input_tokens=n_in, output_tokens=n_out, total_tokens=n_in + n_out)
        return out


def queue(*answers: str) -> Callable[[str], str]:
    """A script that returns the answers in order, then fails loudly if asked again."""
    pending = list(answers)

    def answer(prompt: str) -> str:
        if not pending:
            raise RuntimeError("the scripted model ran out of answers")
        return pending.pop(0)

    return answer
