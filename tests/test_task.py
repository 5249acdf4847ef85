"""Task model: malformed tasks raise one clear error naming the task id and the field."""

from __future__ import annotations

import copy
import json
from importlib import resources

import pytest

from tenacious_bench.task import TaskError, check_tasks, load_tasks, parse_task, task_json_schema
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
    ("prefix does not match source mode", lambda t: t.update(task_id="TB-PRG-0001"), "task_id must start"),
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
