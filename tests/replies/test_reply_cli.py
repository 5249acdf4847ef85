"""`tenacious-bench replies`: validate, baselines, build --check, kappa."""

from __future__ import annotations

import json

from tenacious_bench.cli import main


def test_validate_and_baselines(capsys):
    assert main(["replies", "validate"]) == 0
    assert "sealing ok" in capsys.readouterr().out
    assert main(["replies", "baselines", "--split", "held_out", "--markdown"]) == 0
    out = capsys.readouterr().out
    assert "| held_out | majority (engaged) | 0.200 |" in out and "| held_out | keyword |" in out
    assert main(["replies", "baselines", "--split", "dev", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["dev"]["always abstain"]["abstention_rate"]["value"] == 1.0


def test_validate_a_bad_file_names_the_problem(tmp_path, capsys):
    bad = tmp_path / "items.jsonl"
    bad.write_text('{"item_id": "X", "gold": "maybe"}\n')
    assert main(["replies", "validate", str(bad)]) == 2
    assert "field gold: Input should be 'engaged'" in capsys.readouterr().err


def test_build_check_passes_on_the_shipped_files(capsys):
    assert main(["replies", "build", "--check"]) == 0
    assert "byte-identical" in capsys.readouterr().out


def test_kappa(tmp_path, capsys, reply_splits):
    assert main(["replies", "kappa", "--labels", str(tmp_path / "none.jsonl")]) == 2
    assert "no labels yet" in capsys.readouterr().err
    items = reply_splits["held_out"][:10]
    labels = tmp_path / "labels.jsonl"
    labels.write_text("".join(json.dumps({"item_id": i.item_id, "label": i.gold}) + "\n" for i in items))
    assert main(["replies", "kappa", "--labels", str(labels), "--packet", str(tmp_path / "nopacket")]) == 0
    out = capsys.readouterr().out
    assert "items labelled by both: 10" in out and "Cohen's kappa: 1.000" in out
