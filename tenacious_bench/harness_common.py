"""What the Inspect and lm-eval doors share: where tasks come from and how a score becomes numbers.

Kept free of harness imports, so each door needs only its own harness installed.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from tenacious_bench.scoring import CHECK_NAMES, EmailScore
from tenacious_bench.task import Task, load_tasks

SPLITS = ("train", "dev", "held_out")
KINDS = ("cold", "warm_reply", "re_engagement")
METRIC_KEYS = (*CHECK_NAMES, "pass_at_1")


class HarnessTaskError(ValueError):
    """A harness parameter is invalid (unknown split, kind, segment; missing file; empty selection)."""


def load_bench_tasks(split: str, tasks_file: str | None = None) -> tuple[list[Task], dict[str, Any]]:
    """The tasks of a shipped split (or of a user's JSONL file) and the fingerprint of where they came from."""
    if tasks_file is not None:
        path = Path(tasks_file)
        if not path.is_file():
            raise HarnessTaskError(f"tasks file not found: {path}")
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        return load_tasks(path), {"source": str(path), "tasks_file_sha256": digest}
    if split not in SPLITS:
        raise HarnessTaskError(f"split must be one of {list(SPLITS)}, got {split!r}")
    from tenacious_bench import dataset

    return dataset.load_split(split), {"source": f"tenacious_bench/{split}", **dataset_fingerprint(split)}


def dataset_fingerprint(split: str) -> dict[str, Any]:
    from tenacious_bench import dataset

    return {"manifest_sha256": dataset.manifest_sha256()}


def score_value(result: EmailScore) -> dict[str, float]:
    """An EmailScore as numbers: one key per check plus pass_at_1 (1.0 pass, 0.0 fail)."""
    value = {name: float(result.checks[name].passed) for name in CHECK_NAMES}
    value["pass_at_1"] = float(result.passed)
    return value
