"""The README's guardrail example runs and prints what the README says it prints."""

from __future__ import annotations

import contextlib
import io
import os
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_guardrail_example_output_matches_readme(monkeypatch):
    readme = (ROOT / "README.md").read_text()
    block = re.search(r"### As a pre-send guardrail \(Python\)\n\n```python\n(.*?)```", readme, re.S).group(1)
    expected = [line[2:] for line in block.splitlines() if line.startswith("# ")]
    monkeypatch.chdir(ROOT)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(block, "README.md", "exec"), {})
    printed = out.getvalue().splitlines()
    assert len(printed) == len(expected)
    for got, want in zip(printed, expected, strict=True):
        assert got.startswith(want.removesuffix("...").rstrip()), (got, want)
    assert os.path.exists(ROOT / "tenacious_bench" / "data" / "examples" / "tasks.jsonl")
