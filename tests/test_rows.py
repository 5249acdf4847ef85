"""Rows as `datasets` yields them, and one rule for an answer's fields in Python and in the CLI."""

from __future__ import annotations

import json

import pytest

from tenacious_bench.emails import EmailRowError
from tenacious_bench.scoring import score_email
from tenacious_bench.task import TaskError
from tests.conftest import EXAMPLES


@pytest.fixture(scope="module")
def dev_rows(tmp_path_factory):
    datasets = pytest.importorskip("datasets")
    from tenacious_bench.dataset import package_data_dir

    # A private cache: `datasets` can serve a folder's earlier build from the shared user cache after
    # the files change (seen when dataset 1.2 was rebuilt in place).
    return datasets.load_dataset(str(package_data_dir()), split="dev", cache_dir=str(tmp_path_factory.mktemp("cache")))


def test_load_dataset_one_liner_works_from_any_folder(tmp_path, monkeypatch):
    datasets = pytest.importorskip("datasets")
    from tenacious_bench.dataset import package_data_dir

    monkeypatch.chdir(tmp_path)
    ds = datasets.load_dataset(str(package_data_dir()), cache_dir=str(tmp_path / "cache"))
    assert {k: len(v) for k, v in ds.items()} == {"train": 314, "dev": 106, "held_out": 122}  # dataset 1.2


def test_score_email_accepts_a_datasets_row(dev_rows):
    from tenacious_bench.dataset import load_split

    tasks = {t.task_id: t for t in load_split("dev")}
    for row in dev_rows.select(range(10)):
        task = tasks[row["task_id"]]
        answer = {"subject": row["reference"]["subject"], "body": row["reference"]["body"]}
        assert score_email(row, answer).to_dict() == score_email(task, answer).to_dict()


def test_a_bad_row_is_one_clear_error_naming_the_field(dev_rows):
    row = dict(dev_rows[0])
    row["segment"] = None
    with pytest.raises(TaskError, match=r"field segment: Field required"):
        score_email(row, "Subject: x\n\nHi")


def _task_dict():
    return json.loads(EXAMPLES.read_text().splitlines()[0])


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        ({"subject": "x"}, "field body is missing"),
        ({"subject": "x", "body": None}, "field body must be a string"),
        ({"subject": 3, "body": "Hi"}, "field subject must be a string or null"),
        ({"completion": "Subject: x", "body": "y"}, "either 'completion' or 'subject'/'body'"),
        (42, "must be a string or a {subject, body} mapping"),
    ],
)
def test_python_and_cli_share_one_rule_for_answer_fields(tmp_path, capsys, answer, message):
    from tenacious_bench.cli import main

    with pytest.raises(EmailRowError, match=message):
        score_email(_task_dict(), answer)
    if isinstance(answer, dict):
        path = tmp_path / "e.jsonl"
        path.write_text(json.dumps({"task_id": "TB-HND-EX01", **answer}) + "\n")
        assert main(["score", "--tasks", str(EXAMPLES), "--emails", str(path)]) == 1
        assert message in capsys.readouterr().err


def test_completion_mapping_and_none_are_answers():
    task = _task_dict()
    text = "Subject: Hello\n\nHi Maya,\n\nA note.\n\nBest,\nYabi"
    assert score_email(task, {"completion": text}).to_dict() == score_email(task, text).to_dict()
    assert score_email(task, None).checks["format"].reasons[0].message == "empty answer"
