"""Fixtures for the harness tests: the example tasks file, a scripted Inspect model, the prepared SmolLM2."""

from __future__ import annotations

import os
import time
from importlib import resources
from pathlib import Path

import pytest

EXAMPLES_FILE = str(resources.files("tenacious_bench").joinpath("data", "examples", "tasks.jsonl"))


@pytest.fixture(scope="session")
def smollm2_dir() -> Path:
    return ensure_smollm2()


def ensure_smollm2() -> Path:
    """The prepared SmolLM2 folder; prepared here (about 20 s on 2 cores) when it is missing."""
    from tenacious_bench.models import default_model_dir, is_prepared, prepare_model

    os.environ["HF_HUB_OFFLINE"] = "1"
    path = default_model_dir()
    if not is_prepared(path):
        start = time.perf_counter()
        prepare_model(path)
        print(f"\nprepared SmolLM2 at {path} in {time.perf_counter() - start:.1f} s")
    return path
