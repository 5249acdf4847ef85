"""CLI end to end on temporary files: score, validate, agree, schema."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tenacious_bench.cli import main
from tests.conftest import EXAMPLES


def _emails(tmp_path, rows):
    path = tmp_path / "emails.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return path


@pytest.fixture
def refs():
    tasks = [json.loads(line) for line in EXAMPLES.read_text().splitlines()]
    return [{"task_id": t["task_id"], **t["reference"]} for t in tasks]


def test_score_json_in_input_order_with_extra_fields(tmp_path, refs, capsys):
    rows = [dict(refs[2], run="a"), {"task_id": refs[0]["task_id"], "completion": ""}, dict(refs[0], run="b")]
    assert main(["score", "--tasks", str(EXAMPLES), "--emails", str(_emails(tmp_path, rows))]) == 0
    out, err = capsys.readouterr()
    lines = [json.loads(x) for x in out.splitlines()]
    assert [x["task_id"] for x in lines] == [refs[2]["task_id"], refs[0]["task_id"], refs[0]["task_id"]]
    assert [x["passed"] for x in lines] == [True, False, True]
    assert lines[0]["run"] == "a" and lines[2]["run"] == "b"
    assert lines[1]["checks"]["format"]["reasons"][0]["message"] == "empty answer"
    assert all(x["scorer_version"] and len(x["style_guide_sha256"]) == 64 for x in lines)
    assert "pass@1" in err and "0.667" in err


def test_score_bad_rows_are_reported_and_the_rest_scored(tmp_path, refs, capsys):
    path = _emails(
        tmp_path, [{"task_id": "TB-HND-NOPE", "completion": "x"}, refs[0], {"task_id": refs[1]["task_id"]}]
    )
    with path.open("a") as fh:
        fh.write("{broken\n")
    assert main(["score", "--tasks", str(EXAMPLES), "--emails", str(path)]) == 1
    out, err = capsys.readouterr()
    assert len(out.splitlines()) == 1
    assert "unknown task_id 'TB-HND-NOPE'" in err
    assert "field body is missing" in err
    assert "invalid JSON" in err


def test_score_table_format(tmp_path, refs, capsys):
    assert (
        main(
            ["score", "--tasks", str(EXAMPLES), "--emails", str(_emails(tmp_path, refs)), "--format", "table"]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "pass@1" in out and "1.000" in out and "{" not in out


def test_score_with_a_swapped_style_guide(tmp_path, refs, capsys):
    from importlib import resources

    guide = resources.files("tenacious_bench").joinpath("data", "style_guide.yaml").read_text()
    custom = tmp_path / "guide.yaml"
    custom.write_text(
        guide.replace(
            "  - {phrase: world-class, category: hype}",
            "  - {phrase: world-class, category: hype}\n  - {phrase: congratulations, category: custom}",
        )
    )
    assert (
        main(
            [
                "score",
                "--tasks",
                str(EXAMPLES),
                "--emails",
                str(_emails(tmp_path, refs[:1])),
                "--style-guide",
                str(custom),
            ]
        )
        == 0
    )
    row = json.loads(capsys.readouterr().out.splitlines()[0])
    assert not row["checks"]["banned_phrases"]["passed"]
    assert row["checks"]["banned_phrases"]["reasons"][0]["phrase"] == "congratulations"


def test_validate(tmp_path, capsys):
    assert main(["validate", str(EXAMPLES)]) == 0
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"task_id": "TB-HND-X"}\n[]\n')
    assert main(["validate", str(EXAMPLES), str(bad)]) == 1
    err = capsys.readouterr().err
    assert "bad.jsonl:1 (task_id TB-HND-X): field schema_version" in err
    assert "bad.jsonl:2" in err


def test_validate_style_guide(tmp_path, capsys):
    broken = tmp_path / "g.yaml"
    broken.write_text("name: x\n")
    assert main(["validate", str(broken)]) == 1
    assert "g.yaml:1: company: missing key" in capsys.readouterr().err


def test_agree(tmp_path, refs, capsys):
    labels_all_true = dict.fromkeys(["banned_phrases", "format", "grounding", "honesty", "one_ask"], True)
    rows = [dict(r, labels=labels_all_true, labeller="test") for r in refs]
    rows.append(
        {
            "task_id": refs[0]["task_id"],
            "completion": "Subject: Hey\n\nHello",
            "labeller": "test",
            "labels": {
                "banned_phrases": True,
                "format": False,
                "grounding": False,
                "honesty": None,
                "one_ask": False,
            },
        }
    )
    rows.append(
        {
            "task_id": refs[0]["task_id"],
            "subject": refs[0]["subject"],
            "body": refs[0]["body"].replace("We place", "Our bench places"),
            "labeller": "test",
            "labels": dict(labels_all_true),
        }
    )  # mislabelled on purpose: a disagreement
    path = _emails(tmp_path, rows)
    code = main(["agree", "--tasks", str(EXAMPLES), "--labelled", str(path), "--json", "--min-kappa", "0.8"])
    report = json.loads(capsys.readouterr().out)
    assert code == 1  # banned_phrases kappa is below the gate because of the mislabelled row
    assert report["checks"]["format"]["confusion"] == [[1, 0], [0, 4]]
    assert report["checks"]["honesty"]["n"] == 4
    assert report["overall"]["n"] == 4
    assert len(report["disagreements"]) == 1 and "banned_phrases" in report["disagreements"][0]["checks"]


def test_console_script_runs():
    out = subprocess.run(
        [sys.executable, "-m", "tenacious_bench.cli", "--help"], capture_output=True, text=True, check=True
    )
    assert "score" in out.stdout and "validate" in out.stdout


def test_schema_command(capsys):
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out)["title"] == "Task"


def test_score_missing_emails_file_is_a_clean_error(capsys):
    assert main(["score", "--tasks", str(EXAMPLES), "--emails", "/nonexistent.jsonl"]) == 2
    err = capsys.readouterr().err
    assert err == "error: emails file not found: /nonexistent.jsonl\n"


def test_score_broken_json_line_reports_message_line_and_column(tmp_path, capsys):
    path = tmp_path / "e.jsonl"
    path.write_text('{"task_id": "TB-HND-EX01", "body": "a\tb"}\n')
    assert main(["score", "--tasks", str(EXAMPLES), "--emails", str(path)]) == 1
    assert f"error: {path}:1: invalid JSON: Invalid control character at column 38 (character 37)" in (
        capsys.readouterr().err
    )


def test_score_prints_slices_and_a_progress_bar_on_long_runs(tmp_path, refs, capsys, monkeypatch):
    from tenacious_bench.commands import score

    monkeypatch.setattr(score, "LONG_RUN_ROWS", 2)
    path = _emails(tmp_path, refs)
    assert main(["score", "--tasks", str(EXAMPLES), "--emails", str(path), "--format", "table"]) == 0
    out, err = capsys.readouterr()
    assert "by slice (pass rate)" in out
    for row in ("segment=1", "kind=cold", "source_mode=hand_authored", "zero_signal=no"):
        assert row in out
    assert "email/s" in err or "email]" in err  # the tqdm bar, on stderr
    assert main(["score", "--tasks", str(EXAMPLES), "--emails", str(path), "--no-progress"]) == 0
    assert "email/s" not in capsys.readouterr().err


def test_agree_labelled_set_is_the_whole_shipped_set(capsys):
    assert main(["agree", "--labelled-set", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["overall"]["n"] == 243  # the README's figure: three files, one entry point
    assert main(["agree", "--labelled-set", "--tasks", str(EXAMPLES)]) == 2
    assert main(["agree", "--labelled", "x.jsonl"]) == 2
    assert "--labelled-set" in capsys.readouterr().err


@pytest.mark.parametrize("flag", ["--generator", "--judge"])
def test_synthesize_refuses_the_offline_composer(tmp_path, capsys, flag):
    models = {"--generator": "openai/gpt-4o-mini", "--judge": "anthropic/claude-3-5-haiku-latest"}
    models[flag] = "tenacious/composer"
    argv = ["synthesize", "--seed-tasks", str(EXAMPLES), "--n", "1", "--out", str(tmp_path / "o.jsonl")]
    for k, v in models.items():
        argv += [k, v]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert f"error: {flag} tenacious/composer: the offline reference composer" in err
    assert "Traceback" not in err and not (tmp_path / "o.jsonl").exists()


def test_resign_drops_or_replaces_the_sender(tmp_path, capsys):
    from tenacious_bench.scoring import EmailView
    from tenacious_bench.style_guide import load_style_guide
    from tenacious_bench.task import load_tasks

    out = tmp_path / "r.jsonl"
    assert main(["resign", str(EXAMPLES), "--out", str(out)]) == 0
    tasks = load_tasks(out)
    assert [t.sender for t in tasks] == [None] * 3
    acme = load_style_guide("tests/data/acme/style_guide.yaml")
    assert {EmailView(t, acme, None).sender_first_name for t in tasks} == {"Ngozi"}  # the guide's default
    assert main(["resign", str(EXAMPLES), "--out", str(out), "--first-name", "Tomas", "--title", "Account Director"]) == 0
    assert {t.sender.first_name for t in load_tasks(out)} == {"Tomas"}
    assert main(["resign", str(EXAMPLES), "--out", str(out), "--first-name", "Tomas"]) == 2
    assert "both --first-name and --title" in capsys.readouterr().err
