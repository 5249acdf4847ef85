"""Slices of a scored run: per segment, per kind, per source mode and zero-signal versus signal briefs.

One rule assigns them for every door: `SLICES` (through `slice_values`) for the CLI's `score`, the
Inspect door's `slices` metric (sample metadata) and the lm-eval door's slice sub-tasks.
`slice_summaries(pairs)` takes (task, score) pairs and returns, per slice key and value, the per-check
pass rates and pass@1 of `report.summarize`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from tenacious_bench.report import summarize
from tenacious_bench.scoring import CHECK_NAMES, EmailScore
from tenacious_bench.task import Task

# slice key -> the task's value for it (one line per slice).
SLICES: dict[str, Callable[[Task], str]] = {
    "segment": lambda t: str(t.segment),
    "kind": lambda t: t.kind,
    "source_mode": lambda t: t.source_mode,
    # A brief with no required signal: grounding has nothing to require (task-format.md).
    "zero_signal": lambda t: "yes" if not t.constraints.required_signals else "no",
}


def slice_values(task: Task) -> dict[str, str]:
    """{slice key: the task's value}: what the harness doors put on each sample/document."""
    return {key: value_of(task) for key, value_of in SLICES.items()}


def slice_summaries(pairs: Iterable[tuple[Task, EmailScore]]) -> dict[str, dict[str, dict[str, Any]]]:
    """{slice key: {value: summarize(scores of the tasks with that value)}}, values sorted."""
    groups: dict[str, dict[str, list[EmailScore]]] = {key: {} for key in SLICES}
    for task, score in pairs:
        for key, value in slice_values(task).items():
            groups[key].setdefault(value, []).append(score)
    return {key: {v: summarize(groups[key][v]) for v in sorted(groups[key])} for key in SLICES}


def format_slices(slices: dict[str, dict[str, dict[str, Any]]]) -> str:
    """One table: a row per slice value with n, each check's pass rate and pass@1."""
    names = [*CHECK_NAMES, "pass@1"]
    labels = [f"{key}={value}" for key, values in slices.items() for value in values]
    width = max([len("slice"), *map(len, labels)])
    lines = [f"{'slice':<{width}}  {'n':>5}  " + "  ".join(names)]
    for key, values in slices.items():
        for value, s in values.items():
            rates = [s["checks"][c] for c in CHECK_NAMES] + [s["pass_at_1"]]
            lines.append(
                f"{f'{key}={value}':<{width}}  {s['n']:>5}  "
                + "  ".join(f"{r:>{len(n)}.3f}" for n, r in zip(names, rates, strict=True))
            )
    return "\n".join(lines)
