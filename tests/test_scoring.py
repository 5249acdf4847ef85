"""The scoring entry point: empty answers, light imports, style-guide swapping, reasons."""

from __future__ import annotations

import subprocess
import sys

import pytest
from tenacious_bench.scorers import CHECKS

from tenacious_bench.scoring import CHECK_NAMES, score_email
from tenacious_bench.style_guide import StyleGuideError, load_style_guide


def test_registry_is_the_five_checks():
    assert tuple(CHECKS) == CHECK_NAMES


@pytest.mark.parametrize("answer", ["", "   \n\t ", None, {"subject": "", "body": ""}, "```\n\n```"])
def test_empty_answer_fails_every_check(example_tasks, answer):
    score = score_email(example_tasks["TB-HND-EX01"], answer)
    assert not score.passed
    for check in score.checks.values():
        assert not check.passed and check.reasons[0].message == "empty answer"


def test_reference_passes_and_records_versions(example_tasks):
    for task in example_tasks.values():
        score = score_email(task, task.reference.model_dump())
        assert score.passed, score.failure_reasons()
        assert score.to_dict()["style_guide_sha256"] == load_style_guide().sha256


def test_import_is_light():
    code = (
        "import sys, tenacious_bench, tenacious_bench.scoring, tenacious_bench.scorers;"
        "heavy = [m for m in ('torch', 'transformers', 'inspect_ai', 'lm_eval', 'datasets', 'sklearn') if m in sys.modules];"
        "print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_bad_style_guide_is_an_error(tmp_path):
    bad = tmp_path / "g.yaml"
    bad.write_text("name: [unclosed\n")
    with pytest.raises(StyleGuideError, match="invalid YAML"):
        load_style_guide(bad)
    with pytest.raises(StyleGuideError, match="not found"):
        load_style_guide(tmp_path / "missing.yaml")


def test_style_guide_swap_changes_sender_and_limits(example_tasks, tmp_path):
    from importlib import resources

    text = resources.files("tenacious_bench").joinpath("data", "style_guide.yaml").read_text()
    text = text.replace("first_name: Yabi", "first_name: Ada").replace("warm_reply: 200", "warm_reply: 40")
    path = tmp_path / "acme.yaml"
    path.write_text(text)
    task = example_tasks["TB-HND-EX03"]  # no sender on the task: the guide's default signs
    score = score_email(task, task.reference.model_dump(), style_guide=str(path))
    codes = {r.code for r in score.checks["format"].reasons}
    assert {"wrong_sender_name"} <= codes
    warm = example_tasks["TB-HND-EX02"]  # no max_body_words on the task: the guide's limit applies
    codes = {
        r.code
        for r in score_email(warm, warm.reference.model_dump(), style_guide=str(path))
        .checks["format"]
        .reasons
    }
    assert "body_too_long" in codes
