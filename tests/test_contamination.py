"""Contamination checker: planted name-swapped copies are caught, fact-changed siblings are not."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tenacious_bench import contamination as c
from tenacious_bench.cli import main
from tenacious_bench.prompts import build_messages, render_brief
from tenacious_bench.task import Task, load_tasks, parse_task

EXAMPLES = Path(c.__file__).parent / "data" / "examples" / "tasks.jsonl"


@pytest.fixture(scope="session")
def model():
    return c.load_model()


@pytest.fixture(scope="session")
def corpus() -> dict[str, list[Task]]:
    examples = load_tasks(EXAMPLES)
    train = list(examples) + [c.randomized_task(examples[k % 3], f"TB-HND-G{k:02d}", k) for k in range(30)]
    copies = [c.name_swapped_copy(t, f"TB-HND-C{k:02d}", 500 + k) for k, t in enumerate(train[:16])]
    siblings = [c.fact_changed_sibling(t, f"TB-HND-S{k:02d}", 700 + k) for k, t in enumerate(train[:16])]
    return {"train": train, "copies": copies, "siblings": siblings}


@pytest.fixture(scope="session")
def planted_report(corpus, model) -> c.Report:
    return c.check_contamination(corpus["train"] + corpus["copies"] + corpus["siblings"], model=model)


def _flagged(report: c.Report, check: str) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for v in report.violations:
        if v.check == check:
            out.setdefault(v.held_out_id, set()).add(v.other_id)
    return out


@pytest.mark.parametrize("check", ["facts", "ngram", "embedding"])
def test_every_planted_copy_is_flagged_against_its_source(planted_report, corpus, check):
    flagged = _flagged(planted_report, check)
    for copy, source in zip(corpus["copies"], corpus["train"], strict=False):
        assert source.task_id in flagged.get(copy.task_id, set()), (check, copy.task_id, planted_report.best[copy.task_id])


@pytest.mark.parametrize("check", ["facts", "ngram", "embedding"])
def test_no_fact_changed_sibling_is_flagged(planted_report, corpus, check):
    flagged = _flagged(planted_report, check)
    assert not [s.task_id for s in corpus["siblings"] if s.task_id in flagged]


def test_siblings_are_close_to_their_source_without_the_gate(planted_report, corpus):
    # The planted siblings are hard cases: nearly the same text, so only the fact gate separates them.
    scores = [planted_report.best[s.task_id]["ngram_any"][1] for s in corpus["siblings"]]
    assert max(scores) > 0.7


def test_masking_makes_a_name_swapped_copy_identical(corpus):
    source, copy = corpus["train"][0], corpus["copies"][0]
    assert render_brief(source) != render_brief(copy)
    names = {**c.task_names(source), **c.task_names(copy)}
    masker = c.Masker(names)
    assert masker.lines(render_brief(source)) == masker.lines(render_brief(copy))
    assert c.facts_fingerprint(source, masker) == c.facts_fingerprint(copy, masker)


def test_time_shift_flags_early_held_out_and_late_train_dates(corpus, model):
    held = corpus["siblings"][0].model_dump(by_alias=True, exclude_none=True)
    held["signals"][0]["date"] = "2026-06-30"
    train = corpus["train"][1].model_dump(by_alias=True, exclude_none=True)
    train["as_of"] = "2026-07-01"
    report = c.check_contamination([parse_task(held), parse_task(train), *corpus["train"][2:6]], model=model)
    shifts = [v for v in report.violations if v.check == "time_shift"]
    assert {(v.held_out_id, v.other_id) for v in shifts} == {(held["task_id"], ""), ("", train["task_id"])}
    assert all("cutoff 2026-07-01" in v.detail for v in shifts)


def test_cutoff_agrees_with_the_dataset_builder():
    try:
        from tenacious_bench import dataset
    except ModuleNotFoundError:
        pytest.skip("tenacious_bench.dataset does not exist yet")
    if hasattr(dataset, "CUTOFF"):
        assert dataset.CUTOFF == c.CUTOFF


def _training_row(task: Task, answer: str = "Subject: x\n\nHi,\n\nBody.\n\nBest,\nYabi") -> dict:
    return {"id": f"pair-{task.task_id}", "messages": [*build_messages(task), {"role": "assistant", "content": answer}]}


def test_extra_training_rows_with_a_held_out_brief_are_flagged(corpus, model):
    held = corpus["copies"][:4]
    leaked = c.name_swapped_copy(held[0], "TB-HND-L00", 999)  # the held-out brief with other names
    sibling = c.fact_changed_sibling(held[1], "TB-HND-L01", 998)
    extras = [_training_row(leaked), _training_row(sibling)] + [_training_row(t) for t in corpus["train"][20:26]]
    docs = []
    for i, row in enumerate(extras):
        docs.append(c.Doc(row["id"], "extra:x", c._row_text(row, f"x:{i}")))
    report = c.check_contamination([*held, *corpus["train"][20:]], docs, model=model)
    for check in ("ngram", "embedding"):
        flagged = _flagged(report, check)
        assert "pair-TB-HND-L00" in flagged.get(held[0].task_id, set()), (check, report.best[held[0].task_id])
        assert not any("pair-TB-HND-L01" in others for others in flagged.values()), check


def test_missing_model_package_is_an_error(monkeypatch):
    monkeypatch.setattr(c.importlib.util, "find_spec", lambda name: None)
    with pytest.raises(c.ContaminationError, match="not installed"):
        c.model_path()


def test_missing_model_files_are_an_error(monkeypatch, tmp_path):
    spec = type("Spec", (), {"submodule_search_locations": [str(tmp_path)]})()
    monkeypatch.setattr(c.importlib.util, "find_spec", lambda name: spec)
    with pytest.raises(c.ContaminationError, match="missing"):
        c.model_path()


def _write(path: Path, tasks: list[Task]) -> Path:
    path.write_text("".join(t.model_dump_json(by_alias=True, exclude_none=True) + "\n" for t in tasks))
    return path


def test_cli_exit_codes_and_json(tmp_path, corpus, model, monkeypatch, capsys):
    monkeypatch.setattr(c, "load_model", lambda path=None: model)
    train = _write(tmp_path / "train.jsonl", corpus["train"])
    _write(tmp_path / "held_out.jsonl", corpus["copies"][:3])
    out = tmp_path / "report.json"
    assert main(["contamination", "--data-dir", str(tmp_path), "--format", "json", "--json-out", str(out)]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data == json.loads(out.read_text())
    assert not data["passed"] and data["checks"]["facts"]["violations"] == 3
    assert data["checks"]["ngram"]["items"][0]["held_out_id"] == corpus["copies"][0].task_id
    assert data["thresholds"]["ngram"] == c.NGRAM_THRESHOLD

    clean = [c.fact_changed_sibling(t, f"TB-HND-K{k:02d}", 40 + k) for k, t in enumerate(corpus["train"][:3])]
    held = _write(tmp_path / "clean.jsonl", clean)
    assert main(["contamination", "--tasks", str(train), str(held)]) == 0
    assert "PASS" in capsys.readouterr().out


def test_cli_errors_exit_2(tmp_path, corpus, monkeypatch, capsys):
    def missing(path=None):
        raise c.ContaminationError("the embedding model package is not installed")

    monkeypatch.setattr(c, "load_model", missing)
    train = _write(tmp_path / "train.jsonl", corpus["train"][:5])
    held = _write(tmp_path / "held.jsonl", corpus["copies"][:1])
    assert main(["contamination", "--tasks", str(train), str(held)]) == 2
    assert "not installed" in capsys.readouterr().err
    bad = tmp_path / "extra.jsonl"
    bad.write_text('{"completion": "no prompt here"}\n')
    assert main(["contamination", "--tasks", str(train), str(held), "--extra", str(bad)]) == 2
    assert "messages" in capsys.readouterr().err
    assert main(["contamination", "--data-dir", str(tmp_path / "nowhere")]) == 2


@pytest.mark.e2e
def test_shipped_dataset_has_no_contamination(model):
    folder = c.packaged_data_dir()
    if not (folder / "held_out.jsonl").is_file():
        pytest.skip(f"no shipped dataset at {folder} yet")
    report = c.check_contamination(c.load_split_files(c.data_dir_files(folder)), model=model)
    assert report.passed, report.table()
