"""The last gate before a trainer sees rows: canary, split, and the contamination checker vs held-out.

`guard_rows(rows, tasks)` refuses (raising) when any task or row carries the canary, any task is
held-out, or `tenacious_bench.contamination.check_contamination` finds a held-out brief in the
prompts of the rows (facts, 8-gram, embedding and time-shift checks). The embedding model is
injectable: `embedding="minilm"` (default) loads MiniLM from its package; `embedding="hashing"` uses
`HashingEncoder`, a cheap bag-of-words stand-in the CPU smoke configs use so CI needs no model load
(the three other checks are unchanged); any object with sentence-transformers' `encode` also works.
"""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Sequence
from typing import Any

from tenacious_bench.dataset import refuse_canary
from tenacious_bench.task import Task


class HashingEncoder:
    """A deterministic hashed unigram+bigram count vector; sentence-transformers' `encode` signature."""

    def __init__(self, dim: int = 2048):
        self.dim = dim

    def encode(self, texts: Sequence[str], **_: Any) -> Any:
        import numpy as np

        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            words = text.lower().split()
            for gram in [*words, *(" ".join(p) for p in itertools.pairwise(words))]:
                h = int.from_bytes(hashlib.blake2b(gram.encode(), digest_size=8).digest(), "little")
                out[i, h % self.dim] += 1.0
        return out


def _model(embedding: Any) -> Any:
    if embedding == "minilm" or embedding is None:
        return None  # check_contamination loads MiniLM itself
    if embedding == "hashing":
        return HashingEncoder()
    if not isinstance(embedding, str) and hasattr(embedding, "encode"):
        return embedding
    raise ValueError(f"embedding must be 'minilm', 'hashing' or an encoder object, got {embedding!r}")


def guard_rows(
    rows: Sequence[dict[str, Any]],
    tasks: Sequence[Task],
    *,
    held_out: Sequence[Task] | None = None,
    embedding: Any = "minilm",
) -> Any:
    """Refuse canary, held-out tasks and contamination; returns the contamination Report when clean."""
    from tenacious_bench.contamination import ContaminationError, Doc, _row_text, check_contamination
    from tenacious_bench.dataset import load_split

    refuse_canary(tasks)
    refuse_canary(rows)
    bad = [t.task_id for t in tasks if t.split == "held_out"]
    if bad:
        raise ValueError(f"held_out tasks are never training data: {', '.join(bad)}")
    held = list(held_out) if held_out is not None else load_split("held_out")
    # One document per distinct prompt (augmented rows share their task's prompt).
    extras: dict[str, Doc] = {}
    for i, row in enumerate(rows):
        text = _row_text(row, f"row {i}")
        extras.setdefault(text, Doc(str(row.get("task_id", f"row {i}")), "extra:training rows", text))
    report = check_contamination([*held, *tasks], list(extras.values()), model=_model(embedding))
    if not report.passed:
        lines = [
            f"{v.check}: held-out {v.held_out_id or '-'} ~ {v.other_origin} {v.other_id or '-'} ({v.detail})"
            for v in report.violations[:20]
        ]
        more = len(report.violations) - len(lines)
        raise ContaminationError(
            "refusing training rows: the contamination check against held-out failed:\n"
            + "\n".join(lines)
            + (f"\n... and {more} more" if more > 0 else "")
        )
    return report
