"""Inspect AI registry: loaded through the `inspect_ai` entry point group (pyproject.toml).

Makes `inspect eval tenacious_bench/outreach` (and `tenacious_bench/next_message`) resolve and registers the offline `tenacious/...`
model provider. Inspect imports this module only when it looks up one of our names.
"""

from __future__ import annotations

from typing import Any

from inspect_ai.model import modelapi

from tenacious_bench.inspect_tasks import outreach, outreach_scorer
from tenacious_bench.next_message_tasks import next_message, next_message_scorer
from tenacious_bench.reply_tasks import reply_classification, tenacious_reply  # noqa: F401 (registers both)


@modelapi(name="tenacious")
def tenacious() -> Any:
    # Imported here so that Inspect's provider list stays cheap (the hf provider pulls in torch).
    from tenacious_bench.offline_models import create_api

    return create_api


__all__ = ["next_message", "next_message_scorer", "outreach", "outreach_scorer", "tenacious"]
