"""tenacious-bench: a mechanically scored benchmark for sales-outreach email writers.

`import tenacious_bench` stays light: no harness, torch or transformers is imported here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from tenacious_bench.scoring import EmailScore, score_email
    from tenacious_bench.style_guide import StyleGuide, load_style_guide
    from tenacious_bench.task import Task, load_tasks

_LAZY = {
    "score_email": "tenacious_bench.scoring",
    "EmailScore": "tenacious_bench.scoring",
    "load_tasks": "tenacious_bench.task",
    "Task": "tenacious_bench.task",
    "load_style_guide": "tenacious_bench.style_guide",
    "StyleGuide": "tenacious_bench.style_guide",
    "build_messages": "tenacious_bench.prompts",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'tenacious_bench' has no attribute {name!r}")


__all__ = [
    "EmailScore",
    "StyleGuide",
    "Task",
    "__version__",
    "build_messages",
    "load_style_guide",
    "load_tasks",
    "score_email",
]
