"""A scripted model for both harnesses: the answer is a function of the prompt's user message.

Inspect runs samples concurrently, so answers cannot come from a queue (mockllm's custom_outputs);
they are looked up by prompt instead, and the same lookup feeds lm-eval, so both harnesses score
exactly the same completions.
"""

from __future__ import annotations

import json
from typing import Any

from inspect_ai.model import ChatMessage, GenerateConfig, ModelAPI, ModelOutput, ModelUsage, modelapi
from inspect_ai.tool import ToolChoice, ToolInfo

# user message -> completion; set by each test before it runs a harness.
ANSWERS: dict[str, str] = {}
SEEN: list[list[dict[str, str]]] = []


def answer_for(messages: list[dict[str, str]]) -> str:
    SEEN.append(messages)
    user = [m["content"] for m in messages if m["role"] == "user"]
    assert len(user) == 1, f"expected one user message, got {len(user)}"
    return ANSWERS[user[0]]


class ScriptedAPI(ModelAPI):
    async def generate(
        self, input: list[ChatMessage], tools: list[ToolInfo], tool_choice: ToolChoice, config: GenerateConfig
    ) -> ModelOutput:
        messages = [{"role": m.role, "content": m.text} for m in input]
        text = answer_for(messages)
        out = ModelOutput.from_content(model="scripted", content=text)
        # Set usage ourselves: without it Inspect would count tokens with tiktoken (a download).
        out.usage = ModelUsage(input_tokens=1, output_tokens=1, total_tokens=2)
        return out


@modelapi(name="tbscripted")
def tbscripted() -> type[ModelAPI]:
    return ScriptedAPI


def lm_eval_scripted_lm() -> Any:
    """An lm-eval LM answering from ANSWERS; its 'chat template' is the messages as JSON, so the
    test sees exactly which messages lm-eval built."""
    from lm_eval.api.model import LM

    class ScriptedLM(LM):
        tokenizer_name = "scripted"

        def apply_chat_template(self, chat_history: list[dict[str, str]], add_generation_prompt: bool = True) -> str:
            return json.dumps(chat_history)

        def generate_until(self, requests: list[Any], disable_tqdm: bool = False) -> list[str]:
            out = []
            for r in requests:
                context, _gen_kwargs = r.arguments
                out.append(answer_for(json.loads(context)))
            return out

        def loglikelihood(self, requests: list[Any], disable_tqdm: bool = False) -> list[Any]:
            raise NotImplementedError

        def loglikelihood_rolling(self, requests: list[Any], disable_tqdm: bool = False) -> list[Any]:
            raise NotImplementedError

    return ScriptedLM()


