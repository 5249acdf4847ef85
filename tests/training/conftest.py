"""One smoke SFT adapter per test session (cpu-smoke.yaml: two steps on SmolLM2), shared by every test that
needs a trained adapter. Tests using it are in xdist group "training", so one worker trains it once."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

from tests.harness.conftest import ensure_smollm2

SMOKE = str(resources.files("tenacious_bench.training").joinpath("configs", "cpu-smoke.yaml"))


@pytest.fixture(scope="session")
def smollm2_dir() -> Path:
    return ensure_smollm2()


@pytest.fixture(scope="session")
def smoke_sft(smollm2_dir, tmp_path_factory) -> Path:
    from tenacious_bench.cli import main

    out = tmp_path_factory.mktemp("smoke") / "sft"
    assert main(["train", "sft", "--config", SMOKE, "--output_dir", str(out)]) == 0
    return out
