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
    replies = c.load_reply_files(c.packaged_reply_dir())
    report = c.check_contamination(c.load_split_files(c.data_dir_files(folder)), model=model, replies=replies)
    assert report.passed, report.table()
    assert report.reply_held_out == 100 and report.held_out >= 121


# ---------------------------------------------------------------------------------------------
# Reply-classification items (held-out items against train and dev items)


@pytest.fixture(scope="module")
def reply_items():
    from tenacious_bench.replies import load_reply_split

    return {s: load_reply_split(s) for s in ("train", "dev", "held_out")}


def _planted_reply(item, item_id: str, split: str, date: str):
    """`item` as a row of another split: same reply, another prospect name, dates moved."""
    prospect = item.prospect.model_copy(update={"first_name": "Zora", "last_name": "Quinn"})
    thread = [m.model_copy(update={"date": date}) for m in item.thread]
    reply = item.reply.model_copy(update={"date": date})
    return item.model_copy(update={"item_id": item_id, "split": split, "prospect": prospect, "thread": thread,
                                   "reply": reply, "as_of": date})


def test_a_held_out_reply_copied_into_train_is_flagged(reply_items, model):
    held = reply_items["held_out"][:12]
    train = reply_items["train"][:30]
    copy = _planted_reply(held[3], "RC-PLANTED", "train", "2026-05-02")
    violations, best = c.check_reply_contamination([*held, *train, copy], model=model)
    flagged = {(v.check, v.held_out_id, v.other_id) for v in violations}
    for check in ("facts", "ngram", "embedding"):
        assert (check, held[3].item_id, "RC-PLANTED") in flagged, (check, best[held[3].item_id])
    assert {v.held_out_id for v in violations} == {held[3].item_id}


def test_reply_time_shift_and_the_shipped_items_are_clean(reply_items, model):
    held = reply_items["held_out"][:5]
    early = _planted_reply(held[0], "RC-EARLY", "held_out", "2026-06-30")
    early = early.model_copy(update={"metadata": held[0].metadata})
    violations, _ = c.check_reply_contamination([*held[1:], early, *reply_items["dev"][:10]], model=model)
    shifts = [v for v in violations if v.check == "time_shift"]
    assert shifts and all(v.held_out_id == "RC-EARLY" and "cutoff 2026-07-01" in v.detail for v in shifts)
    shipped = [i for s in reply_items.values() for i in s]
    violations, best = c.check_reply_contamination(shipped, model=model)
    assert violations == []
    assert max(s for by in best.values() for _, s in by.values()) < c.EMBED_THRESHOLD - 0.2


def test_cli_checks_the_packaged_reply_items_by_default(monkeypatch, model, capsys):
    seen = {}

    def fake(tasks, extras=(), *, cutoff=c.CUTOFF, replies=(), **kw):
        seen["replies"] = len(replies)
        return c.Report(1, 1, 0, {"ngram": 0.8, "embedding": 0.98, "cutoff": "2026-07-01"}, [], {}, [], {})

    monkeypatch.setattr(c, "check_contamination", fake)
    monkeypatch.setattr(c, "load_split_files", lambda files: [])
    assert main(["contamination"]) == 0 and seen["replies"] == 420
    assert main(["contamination", "--no-replies"]) == 0 and seen["replies"] == 0
    capsys.readouterr()


def test_task_text_holds_the_other_threads():
    from tenacious_bench.dataset import load_split

    task = next(t for t in load_split("held_out") if t.other_threads)
    text = c.task_text(task)
    assert all(m.body in text for m in task.other_threads[0])
    assert ("other_threads[0][1].date", c.dt.date.fromisoformat(task.other_threads[0][1].date)) in c.task_dates(task)
