"""Summaries of many EmailScores: per-check pass rate and pass@1, as a dict or a text table."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from tenacious_bench.scoring import CHECK_NAMES, EmailScore


def summarize(scores: Sequence[EmailScore]) -> dict[str, Any]:
    n = len(scores)
    rate = {c: (sum(s.checks[c].passed for s in scores) / n if n else float("nan")) for c in CHECK_NAMES}
    return {"n": n, "checks": rate, "pass_at_1": (sum(s.passed for s in scores) / n if n else float("nan"))}


def format_summary(summary: dict[str, Any], title: str = "") -> str:
    rows = [(c, summary["checks"][c]) for c in CHECK_NAMES] + [("pass@1", summary["pass_at_1"])]
    width = max(len(r[0]) for r in rows)
    lines = [title] if title else []
    lines.append(f"{'check':<{width}}  pass rate  (n={summary['n']})")
    lines += [f"{name:<{width}}  {value:9.3f}" for name, value in rows]
    return "\n".join(lines)
