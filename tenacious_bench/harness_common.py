"""What the Inspect and lm-eval doors share: where tasks come from and how a score becomes numbers.

Kept free of harness imports, so each door needs only its own harness installed.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from tenacious_bench.scoring import CHECK_NAMES, EmailScore
from tenacious_bench.task import Task, load_tasks

SPLITS = ("train", "dev", "held_out")
KINDS = ("cold", "warm_reply", "re_engagement")
METRIC_KEYS = (*CHECK_NAMES, "pass_at_1")


class HarnessTaskError(ValueError):
    """A harness parameter is invalid (unknown split, kind, segment; missing file; empty selection)."""


def load_bench_tasks(
    split: str, tasks_file: str | None = None, version: str | None = None
) -> tuple[list[Task], dict[str, Any]]:
    """The tasks of a shipped split of a dataset version (default 1.1; or of a user's JSONL file) and
    the fingerprint of where they came from."""
    if tasks_file is not None:
        path = Path(tasks_file)
        if not path.is_file():
            raise HarnessTaskError(f"tasks file not found: {path}")
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        return load_tasks(path), {"source": str(path), "tasks_file_sha256": digest}
    if split not in SPLITS:
        raise HarnessTaskError(f"split must be one of {list(SPLITS)}, got {split!r}")
    from tenacious_bench import dataset

    if version is not None and version not in dataset.VERSIONS:
        raise HarnessTaskError(f"version must be one of {list(dataset.VERSIONS)}, got {version!r}")
    fingerprint = dataset_fingerprint(split, version)
    return dataset.load_split(split, version=version), {"source": f"tenacious_bench/{split}", **fingerprint}


def dataset_fingerprint(split: str, version: str | None = None) -> dict[str, Any]:
    """The shipped dataset's identity for logs: manifest hash, dataset version, the split file's hash."""
    from tenacious_bench import dataset

    folder = dataset.package_data_dir(version)
    manifest_path = folder / dataset.MANIFEST_NAME
    if not manifest_path.is_file():
        raise HarnessTaskError(f"dataset manifest not found: {manifest_path}")
    manifest_bytes = manifest_path.read_bytes()
    manifest = json.loads(manifest_bytes)
    entry = manifest["files"].get(f"{split}.jsonl")
    if entry is None:
        raise HarnessTaskError(f"the dataset manifest lists no {split}.jsonl")
    actual = hashlib.sha256((folder / f"{split}.jsonl").read_bytes()).hexdigest()
    if actual != entry["sha256"]:
        raise HarnessTaskError(f"{split}.jsonl does not match the dataset manifest (sha256 {actual})")
    return {
        "manifest_sha256": hashlib.sha256(manifest_bytes).hexdigest(),
        "dataset_version": manifest["dataset_version"],
        "split_sha256": actual,
    }


def score_value(result: EmailScore) -> dict[str, float]:
    """An EmailScore as numbers: one key per check plus pass_at_1 (1.0 pass, 0.0 fail)."""
    value = {name: float(result.checks[name].passed) for name in CHECK_NAMES}
    value["pass_at_1"] = float(result.passed)
    return value
