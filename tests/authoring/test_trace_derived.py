"""derive-traces on a real Inspect .eval log produced offline by a scripted model."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from types import SimpleNamespace

import pytest

from tenacious_bench.authoring.trace_derived import (
    HeldOutLogError,
    TraceError,
    check_log_splits,
    derive_from_log,
)
from tenacious_bench.cli import main
from tenacious_bench.emails import iter_email_rows
from tenacious_bench.scoring import SCORER_VERSION, score_email
from tenacious_bench.task import Task, load_tasks
from tests.authoring import scripted

HAND = str(resources.files("tenacious_bench").joinpath("authoring", "hand_authored.jsonl"))
ALL = {t.task_id: t for t in load_tasks(HAND)}
TRAIN_IDS = ["TB-HND-0001", "TB-HND-0002", "TB-HND-0009", "TB-HND-0023"]


def _reference(task: Task) -> str:
    assert task.reference is not None
    return f"Subject: {task.reference.subject}\n\n{task.reference.body}"


# What the scripted writer answers, by the company the prompt names: one pass, three distinct failures.
ANSWERS = {
    "Brightwell Labs": _reference(ALL["TB-HND-0001"]),
    "Tallyport": _reference(ALL["TB-HND-0002"]).replace(
        "I will not commit to all of them today.", "We can deploy all 15 engineers within three weeks."),
    "Sparkrow": _reference(ALL["TB-HND-0009"]).replace(
        "Thanks for the direct reply.", "Thanks for the direct reply; we only place rockstar engineers."),
    "Cindervale": "Hi Amir, would 15 minutes be useful?",  # no subject, no sign-off
    "Quaybridge": "Subject: Request: 15 minutes\n\nHi Lena,\n\nWould 15 minutes be useful?\n\nBest,\nYabi",
}


def _answer(prompt: str) -> str:
    for company, answer in ANSWERS.items():
        if f"at {company} (" in prompt:
            return answer
    raise AssertionError("the prompt names no scripted company")


def _write_tasks(path: Path, ids: list[str]) -> Path:
    lines = {json.loads(line)["task_id"]: line for line in Path(HAND).read_text(encoding="utf-8").splitlines()}
    path.write_text("".join(lines[i] + "\n" for i in ids), encoding="utf-8")
    return path


def _run_eval(tasks_file: Path, log_dir: Path) -> str:
    from inspect_ai import eval as inspect_eval

    from tenacious_bench.inspect_tasks import outreach

    scripted.SCRIPTS["writer"] = _answer
    logs = inspect_eval(outreach(split="train", tasks_file=str(tasks_file)), model="tbscript/writer",
                        log_dir=str(log_dir), display="none")
    assert logs[0].status == "success", logs[0].error
    return logs[0].location


@pytest.fixture(scope="module")
def train_log(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    tmp = tmp_path_factory.mktemp("trace")
    tasks_file = _write_tasks(tmp / "tasks.jsonl", TRAIN_IDS)
    return _run_eval(tasks_file, tmp / "logs"), tasks_file


def test_failing_samples_become_labelled_rows(train_log: tuple[str, Path]) -> None:
    log, tasks_file = train_log
    result = derive_from_log(log, load_tasks(tasks_file))
    assert result.samples == 4 and result.failing == 3
    rows = {r["task_id"]: r for r in result.labelled}
    assert set(rows) == {"TB-HND-0002", "TB-HND-0009", "TB-HND-0023"}
    assert rows["TB-HND-0002"]["labels"]["honesty"] is False
    assert rows["TB-HND-0009"]["labels"]["banned_phrases"] is False
    assert rows["TB-HND-0023"]["labels"]["format"] is False
    for row in result.labelled:
        assert row["labeller"] == f"scorer:{SCORER_VERSION}"
        assert "machine labels" in row["note"] and Path(log).name in row["note"]
        # The labels are the scorer's verdict on exactly the logged completion.
        score = score_email(ALL[row["task_id"]], row["completion"])
        assert row["labels"] == {name: c.passed for name, c in score.checks.items()}


def test_derived_tasks_vary_the_failing_task(train_log: tuple[str, Path]) -> None:
    log, tasks_file = train_log
    result = derive_from_log(log, load_tasks(tasks_file))
    # 0023's varied task is derived too (its reference carries over); one task per failing answer.
    assert len(result.tasks) == 3, result.problems
    for data in result.tasks:
        task = load_tasks_from_rows([data])[0]
        source = ALL[task.metadata.generator["source_task"]]
        assert task.task_id.startswith("TB-TRC-") and task.source_mode == "trace_derived"
        assert task.split == source.split and task.kind == source.kind
        assert task.prospect.company != source.prospect.company
        assert task.prospect.first_name != source.prospect.first_name
        text = json.dumps(data)
        assert source.prospect.company not in text and source.prospect.domain not in text
        assert any(p.startswith("trace_fail_") for p in task.metadata.probe_ids)
        assert task.reference is not None
        assert score_email(task, {"subject": task.reference.subject, "body": task.reference.body}).passed
        for s_new, s_old in zip(task.signals, source.signals, strict=True):
            if "amount_usd" in s_old.facts:
                assert s_new.facts["amount_usd"] != s_old.facts["amount_usd"]
                millions = s_new.facts["amount_usd"] // 1_000_000
                assert f"${millions}M" in s_new.text and f"${millions}M" in s_new.anchors
    honesty = [t for t in result.tasks if t["metadata"]["generator"]["source_task"] == "TB-HND-0002"]
    assert "trace_fail_honesty" in honesty[0]["metadata"]["probe_ids"]


def load_tasks_from_rows(rows: list[dict]) -> list[Task]:
    from tenacious_bench.task import parse_task

    return [parse_task(r) for r in rows]


def test_cli_writes_valid_files(train_log: tuple[str, Path], tmp_path: Path) -> None:
    log, tasks_file = train_log
    out_tasks, out_labelled = tmp_path / "derived.jsonl", tmp_path / "labelled.jsonl"
    code = main(["derive-traces", log, "--tasks", str(tasks_file), "--out-tasks", str(out_tasks),
                 "--out-labelled", str(out_labelled)])
    assert code == 0
    derived = load_tasks(out_tasks, tasks_file)  # valid, and no id collides with the source tasks
    assert len(derived) == 3 + len(TRAIN_IDS)
    rows = list(iter_email_rows(out_labelled))
    assert len(rows) == 3 and all(not isinstance(r, Exception) for r in rows)
    # Byte-stable: the same log gives the same files.
    first = out_tasks.read_bytes()
    main(["derive-traces", log, "--tasks", str(tasks_file), "--out-tasks", str(out_tasks),
          "--out-labelled", str(out_labelled)])
    assert out_tasks.read_bytes() == first


def test_held_out_log_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tasks_file = _write_tasks(tmp_path / "tasks.jsonl", ["TB-HND-0001", "TB-HND-0030"])
    log = _run_eval(tasks_file, tmp_path / "logs")
    with pytest.raises(HeldOutLogError, match="TB-HND-0030"):
        derive_from_log(log, load_tasks(tasks_file))
    out_tasks = tmp_path / "derived.jsonl"
    code = main(["derive-traces", log, "--tasks", str(tasks_file), "--out-tasks", str(out_tasks),
                 "--out-labelled", str(tmp_path / "labelled.jsonl")])
    assert code == 2 and not out_tasks.exists()
    assert "held-out" in capsys.readouterr().err


def _sample(task_id: str, split: str | None = None, canary: str | None = None) -> SimpleNamespace:
    task = {"task_id": task_id}
    if split:
        task["split"] = split
    if canary:
        task["metadata"] = {"canary": canary}
    return SimpleNamespace(id=task_id, metadata={"task": task})


def test_split_check_reads_metadata_and_tasks_file() -> None:
    tasks = {"TB-HND-0001": ALL["TB-HND-0001"], "TB-HND-0030": ALL["TB-HND-0030"]}
    check_log_splits([_sample("TB-HND-0001", "train")], tasks)
    with pytest.raises(HeldOutLogError):  # the tasks file says held_out
        check_log_splits([_sample("TB-HND-0030")], tasks)
    with pytest.raises(HeldOutLogError):  # the sample's own metadata says held_out
        check_log_splits([_sample("TB-HND-0001", "held_out")], tasks)
    with pytest.raises(HeldOutLogError):  # a canaried task is held-out whatever its split says
        check_log_splits([_sample("TB-HND-0001", "train", canary="x")], tasks)
    with pytest.raises(TraceError, match="not in the tasks file"):
        check_log_splits([_sample("TB-HND-0005", "train")], tasks)


def test_unreadable_log_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.eval"
    bad.write_bytes(b"not a zip")
    with pytest.raises(TraceError, match=r"bad\.eval"):
        derive_from_log(bad, [])
