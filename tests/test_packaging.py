"""A real (non-editable) wheel carries every module, the data and the harness files under one namespace."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.e2e
def test_wheel_contents(tmp_path):
    # Build from a copy: setuptools leaves a tenacious_bench.egg-info in the source folder, which would
    # then shadow the editable install's metadata for every later process run from the repo root
    # (Inspect reads it to namespace `tenacious_bench/outreach`).
    src = tmp_path / "src"
    shutil.copytree(ROOT, src, ignore=shutil.ignore_patterns(".venv", ".git", "*.egg-info", "build", "logs", "__pycache__"))
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(tmp_path), str(src)],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("tenacious_bench-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    top_level = {n.split("/")[0] for n in names if not n.startswith("tenacious_bench-")}
    assert top_level == {"tenacious_bench"}  # no generic top-level names like scorers or training
    source_modules = {
        "tenacious_bench/" + str(p.relative_to(ROOT / "tenacious_bench"))
        for p in (ROOT / "tenacious_bench").rglob("*.py")
        if "__pycache__" not in p.parts
    }
    source_modules |= {f"tenacious_bench/{d}/" + p.name for d in ("scorers", "training", "harness_tasks") for p in (ROOT / d).glob("*.py")}
    assert source_modules <= names, sorted(source_modules - names)
    for data in (
        "tenacious_bench/data/style_guide.yaml",
        "tenacious_bench/data/task.schema.json",
        "tenacious_bench/data/dataset/train.jsonl",
        "tenacious_bench/data/dataset/held_out.jsonl",
        "tenacious_bench/data/dataset/manifest.json",
        "tenacious_bench/data/dataset/README.md",
        "tenacious_bench/data/labelled/labelled.jsonl",
        "tenacious_bench/authoring/hand_authored.jsonl",
        "tenacious_bench/harness_tasks/tenacious.yaml",
    ):
        assert data in names, data
