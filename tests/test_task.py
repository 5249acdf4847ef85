"""Task model: malformed tasks raise one clear error naming the task id and the field."""

from __future__ import annotations

import copy
import json
from importlib import resources

import pytest

from tenacious_bench.task import (
    TaskError,
    check_tasks,
    load_tasks,
    parse_task,
    shipped_id_problems,
    task_json_schema,
)
from tests.conftest import EXAMPLES


def _raw(i: int = 0) -> dict:
    return json.loads(EXAMPLES.read_text().splitlines()[i])


MUTATIONS = [
    ("missing field", lambda t: t.pop("as_of"), "as_of"),
    ("wrong confidence", lambda t: t["signals"][0].update(confidence="certain"), "signals.0.confidence"),
    ("string employees", lambda t: t["prospect"].update(employees="48"), "prospect.employees"),
    ("bool is not an int", lambda t: t["bench"].update(python=True), "bench.python"),
    ("unknown top-level field", lambda t: t.update(extra=1), "extra"),
    ("bad date", lambda t: t.update(as_of="2026-02-30"), "task"),
    ("bad split", lambda t: t.update(split="test"), "split"),
    (
        "unknown required signal",
        lambda t: t["constraints"].update(required_signals=["nope"]),
        "required_signals",
    ),
    ("metadata extra key that is not JSON", lambda t: t["metadata"].update(owner={1, 2}), "metadata.owner"),
    (
        "known fact key with the wrong type",
        lambda t: t["signals"][0]["facts"].update(amount_usd="14M"),
        "amount_usd",
    ),
    ("held-out row without canary", lambda t: t.update(split="held_out"), "canary"),
    ("negative bench", lambda t: t["bench"].update(go=-1), "bench.go"),
]


@pytest.mark.parametrize(("label", "mutate", "field"), MUTATIONS, ids=[m[0] for m in MUTATIONS])
def test_malformed_task_names_id_and_field(label, mutate, field):
    raw = _raw()
    mutate(raw)
    with pytest.raises(TaskError) as err:
        parse_task(raw, where="tasks.jsonl:1")
    message = str(err.value)
    assert "TB-HND-EX01" in message or "TB-PRG-0001" in message
    assert field in message


def test_check_tasks_lists_every_problem(tmp_path):
    good, bad1, bad2 = _raw(0), _raw(1), _raw(2)
    bad1["prospect"].pop("company")
    bad2["kind"] = "letter"
    dup = copy.deepcopy(good)
    path = tmp_path / "t.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in (good, bad1, bad2, dup)) + "\n{not json\n")
    tasks, problems = check_tasks([path])
    assert [t.task_id for t in tasks] == ["TB-HND-EX01"]
    assert len(problems) == 4
    assert any("prospect.company" in p for p in problems)
    assert any("kind" in p for p in problems)
    assert any("duplicate task_id" in p for p in problems)
    assert any("invalid JSON" in p for p in problems)
    with pytest.raises(TaskError):
        load_tasks(path)


def test_fact_key_keeps_one_type_across_files(tmp_path):
    a, b = _raw(0), _raw(1)
    a["signals"][1]["facts"]["source"] = "careers page"
    b["signals"][0]["facts"]["source"] = 3
    (tmp_path / "a.jsonl").write_text(json.dumps(a) + "\n")
    (tmp_path / "b.jsonl").write_text(json.dumps(b) + "\n")
    _, problems = check_tasks([tmp_path / "a.jsonl", tmp_path / "b.jsonl"])
    assert len(problems) == 1 and "facts.source" in problems[0]


def test_published_schema_is_current():
    shipped = json.loads(resources.files("tenacious_bench").joinpath("data", "task.schema.json").read_text())
    assert shipped == json.loads(json.dumps(task_json_schema())), (
        "run: tenacious-bench schema --out tenacious_bench/data/task.schema.json"
    )


@pytest.mark.parametrize("task_id", ["", " acme-1 "])
def test_task_id_is_non_empty_without_surrounding_spaces(task_id):
    with pytest.raises(TaskError, match="field task_id"):
        parse_task({**_raw(), "task_id": task_id})


def test_user_tasks_may_use_any_unique_id(tmp_path):
    a, b = _raw(0), _raw(1)
    a["task_id"], b["task_id"] = "acme/cold-001", "PRG-like but hand_authored 2"
    (tmp_path / "t.jsonl").write_text(json.dumps(a) + "\n" + json.dumps(b) + "\n")
    tasks, problems = check_tasks([tmp_path / "t.jsonl"])
    assert problems == [] and [t.task_id for t in tasks] == ["acme/cold-001", "PRG-like but hand_authored 2"]


def test_shipped_id_scheme_applies_to_the_shipped_dataset_only(tmp_path):
    raw = _raw()
    raw["task_id"] = "TB-PRG-0001"  # hand_authored row with a programmatic prefix
    (tmp_path / "t.jsonl").write_text(json.dumps(raw) + "\n")
    assert check_tasks([tmp_path / "t.jsonl"])[1] == []
    _, problems = check_tasks([tmp_path / "t.jsonl"], shipped=True)
    assert len(problems) == 1 and "'TB-HND-'" in problems[0] and "hand_authored" in problems[0]
    raw["task_id"] = "acme-1"
    assert "TB-HND-" in shipped_id_problems([parse_task(raw)])[0]


def test_shipped_dataset_follows_the_id_scheme():
    from tenacious_bench import dataset

    tasks = [t for split in ("train", "dev", "held_out") for t in dataset.load_split(split)]
    assert shipped_id_problems(tasks) == []


def test_metadata_allows_extra_keys_with_one_type_per_key(tmp_path):
    a, b, c = _raw(0), _raw(1), _raw(2)
    a["metadata"].update(owner="acme", campaign={"q": 3})
    b["metadata"].update(owner="sales-ops")
    c["metadata"].update(owner=7)
    path = tmp_path / "t.jsonl"
    path.write_text("".join(json.dumps(x) + "\n" for x in (a, b)))
    tasks, problems = check_tasks([path])
    assert problems == [] and tasks[0].metadata.model_extra == {"owner": "acme", "campaign": {"q": 3}}
    assert tasks[0].model_dump(mode="json")["metadata"]["owner"] == "acme"  # kept on output
    path.write_text("".join(json.dumps(x) + "\n" for x in (a, b, c)))
    _, problems = check_tasks([path])
    assert len(problems) == 1 and "metadata.owner is int, but is str" in problems[0]


def test_broken_json_line_reports_the_full_message_with_line_and_column(tmp_path):
    path = tmp_path / "t.jsonl"
    path.write_text(json.dumps(_raw()) + '\n{"task_id": "a\tb"}\n')
    _, problems = check_tasks([path])
    assert problems == [f"{path}:2: invalid JSON: Invalid control character at column 15 (character 14)"]


def test_rows_as_datasets_yields_them_are_accepted():
    """Dates as datetimes/Timestamps, None for absent optional fields (Arrow's all-keys structs)."""
    import datetime as dt

    raw = _raw()
    expected = parse_task(copy.deepcopy(raw))
    raw["as_of"] = dt.datetime.fromisoformat(raw["as_of"])
    raw["signals"][0]["date"] = dt.date.fromisoformat(raw["signals"][0]["date"])
    for key in ("sender", "reference"):
        raw.setdefault(key, None)
    raw["constraints"].setdefault("max_body_words", None)
    raw["signals"][0]["facts"]["percent"] = None  # a key another row has
    raw["metadata"]["canary"] = None
    assert parse_task(raw) == expected


def test_a_timestamp_with_a_time_is_one_clear_error():
    import datetime as dt

    raw = _raw()
    raw["as_of"] = dt.datetime(2026, 4, 2, 13, 30)
    with pytest.raises(TaskError, match=r"TB-HND-EX01.*field as_of: a date is expected"):
        parse_task(raw)
