"""The checks registry: one line per check. Every scorer door reads this dict, nothing else."""

from __future__ import annotations

from tenacious_bench.scorers.banned_phrases import BannedPhrases
from tenacious_bench.scorers.base import Check
from tenacious_bench.scorers.format import Format
from tenacious_bench.scorers.grounding import Grounding
from tenacious_bench.scorers.honesty import Honesty
from tenacious_bench.scorers.one_ask import OneAsk

CHECKS: dict[str, type[Check]] = {
    "banned_phrases": BannedPhrases,
    "format": Format,
    "grounding": Grounding,
    "honesty": Honesty,
    "one_ask": OneAsk,
}

__all__ = ["CHECKS", "Check"]
