"""The scorer as a verifiable reward, in the signature TRL's GRPOTrainer calls (and any RL library can).

`reward(prompts, completions, task_id=[...], **kwargs) -> list[float | None]`: GRPOTrainer passes
every extra dataset column as a keyword list, one entry per completion; the rows built by
`tenacious_bench.training.train` carry `task_id`. Completions may be strings or conversational
message lists (the last assistant message is scored).

Modes:
- ``pass_at_1`` (default): 1.0 when all five checks pass, else 0.0 — the benchmark's own metric.
- ``partial``: the share of the five checks passed (0.0, 0.2, ..., 1.0), a denser signal for small
  models that pass nothing at first; it still ranks an all-pass email strictly above any other.

A completion whose row has no task id (or None) gets None (no reward, TRL skips it); an unknown id
is an error, and held-out ids are refused: held-out briefs are never training signal.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from tenacious_bench.style_guide import StyleGuide, load_style_guide
from tenacious_bench.task import Task

MODES = ("pass_at_1", "partial")

RewardFunc = Callable[..., list[float | None]]


def completion_text(completion: Any) -> str:
    if isinstance(completion, str):
        return completion
    if isinstance(completion, list):
        texts = [m.get("content", "") for m in completion if isinstance(m, dict) and m.get("role") == "assistant"]
        if texts:
            return str(texts[-1])
        if completion and isinstance(completion[-1], dict):
            return str(completion[-1].get("content", ""))
        return ""
    raise TypeError(f"a completion must be a string or a list of messages, got {type(completion).__name__}")


def make_reward(
    tasks: Iterable[Task] | None = None,
    *,
    mode: str = "pass_at_1",
    style_guide: StyleGuide | str | None = None,
) -> RewardFunc:
    """A reward function over `tasks` (default: the shipped train and dev splits)."""
    from tenacious_bench.dataset import refuse_canary
    from tenacious_bench.scoring import score_email

    if mode not in MODES:
        raise ValueError(f"reward mode must be one of {MODES}, got {mode!r}")
    if tasks is None:
        from tenacious_bench.dataset import load_split

        tasks = [*load_split("train"), *load_split("dev")]
    tasks = list(tasks)
    refuse_canary(tasks)
    held = [t.task_id for t in tasks if t.split == "held_out"]
    if held:
        raise ValueError(f"held-out tasks are never a training reward: {', '.join(held)}")
    by_id = {t.task_id: t for t in tasks}
    guide = load_style_guide(style_guide)

    def reward(prompts: Sequence[Any], completions: Sequence[Any], task_id: Sequence[str | None] | None = None,
               **kwargs: Any) -> list[float | None]:
        if task_id is None:
            raise ValueError("the reward needs a task_id column (one id per completion)")
        if len(task_id) != len(completions):
            raise ValueError(f"{len(completions)} completions but {len(task_id)} task ids")
        out: list[float | None] = []
        for tid, completion in zip(task_id, completions, strict=True):
            if tid is None:
                out.append(None)
                continue
            task = by_id.get(tid)
            if task is None:
                raise KeyError(f"unknown task id {tid!r} (not among the {len(by_id)} reward tasks)")
            score = score_email(task, completion_text(completion), guide)
            if mode == "pass_at_1":
                out.append(1.0 if score.passed else 0.0)
            else:
                out.append(sum(c.passed for c in score.checks.values()) / len(score.checks))
        return out

    reward.__name__ = f"tenacious_{mode}"
    return reward
