"""A fictional second company, Acme Field Engineering, end to end: its own style guide (other company
name, website, senders, service facts, banned phrases), its own tasks (ids outside the TB- scheme, no
sender: the guide's default signs) and emails, through validate, score, Inspect and lm-eval (scripted
answers, no composer). Nothing they produce may carry the shipped guide's company text, and nothing
may end in a traceback."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tenacious_bench.cli import main
from tenacious_bench.prompts import build_messages
from tenacious_bench.style_guide import load_style_guide
from tenacious_bench.task import load_tasks

ACME = Path(__file__).parent / "data" / "acme"
GUIDE, TASKS, EMAILS = ACME / "style_guide.yaml", ACME / "tasks.jsonl", ACME / "emails.jsonl"


def _shipped_company_text() -> re.Pattern[str]:
    """The shipped guide's company name, website and sender names (guide and dataset), and its service
    phrasing."""
    from tenacious_bench import dataset

    shipped = load_style_guide()
    senders = {shipped.default_sender["first_name"]}
    for split in ("train", "dev", "held_out"):
        senders |= {t.sender.first_name for t in dataset.load_split(split) if t.sender}
    words = [shipped.company_name, shipped.company_name.split()[0], shipped.raw["company"]["website"], *senders]
    phrases = ["places managed engineering teams", "startups and mid-market companies"]
    return re.compile("|".join([*(rf"\b{re.escape(w)}\b" for w in words), *map(re.escape, phrases)]))


SHIPPED_TEXT = _shipped_company_text()


def _clean(text: str) -> None:
    found = sorted(set(SHIPPED_TEXT.findall(text)))
    assert not found, f"shipped company text in the output: {found}"
    assert "Traceback" not in text


def _emails() -> list[dict]:
    return [json.loads(line) for line in EMAILS.read_text().splitlines()]


def _answer(row: dict) -> str:
    return row.get("completion") or f"Subject: {row['subject']}\n\n{row['body']}"


def test_fixture_is_another_company():
    guide = load_style_guide(GUIDE)
    assert guide.company_name == "Acme Field Engineering" and guide.default_sender["first_name"] == "Ngozi"
    _clean(GUIDE.read_text() + TASKS.read_text() + EMAILS.read_text())
    assert not any(t.task_id.startswith("TB-") for t in load_tasks(TASKS))


def test_validate_and_score(capsys):
    assert main(["validate", str(GUIDE), str(TASKS)]) == 0
    out, err = capsys.readouterr()
    assert "style guide OK" in out and "3 valid tasks" in out
    _clean(out + err)
    assert main(["score", "--tasks", str(TASKS), "--emails", str(EMAILS), "--style-guide", str(GUIDE)]) == 0
    out, err = capsys.readouterr()
    _clean(out + err)
    results = {(r["task_id"], r["run"]): r for r in map(json.loads, out.splitlines())}
    assert {k: r["passed"] for k, r in results.items()} == {
        ("acme/cold-001", "good"): True,
        ("acme/cold-001", "acme-banned-phrase"): False,
        ("acme/warm-001", "good"): True,
        ("acme/warm-001", "long-first-call"): False,
        ("acme/reengage-001", "good"): True,
    }
    banned = results[("acme/cold-001", "acme-banned-phrase")]["checks"]["banned_phrases"]["reasons"]
    assert banned[0]["message"] == "banned phrase 'turnkey' in the body"  # Acme's own banned phrase
    long_call = results[("acme/warm-001", "long-first-call")]["checks"]["one_ask"]["reasons"]
    assert any("at most 20 minutes" in r["message"] for r in long_call)  # Acme's own limit


def test_shipped_signature_fails_under_acme_guide():
    """An email signed the shipped way (its sender and company lines) is not Acme's."""
    from tenacious_bench.scoring import score_email

    shipped = load_style_guide()
    task = load_tasks(TASKS)[0]
    good = next(r for r in _emails() if r["task_id"] == task.task_id and r["run"] == "good")
    body = good["body"].replace("Ngozi\nSolutions Lead\nAcme Field Engineering\nacme-field.example",
                                "\n".join([shipped.default_sender["first_name"], shipped.default_sender["title"],
                                           *shipped.signature_lines]))
    score = score_email(task, {"subject": good["subject"], "body": body}, GUIDE)
    assert not score.checks["format"].passed


def _scripted_answers() -> dict[str, str]:
    """user prompt -> the good Acme email of its task."""
    tasks = {t.task_id: t for t in load_tasks(TASKS)}
    return {build_messages(tasks[r["task_id"]], str(GUIDE))[1]["content"]: _answer(r)
            for r in _emails() if r["run"] == "good"}


def test_inspect_scores_and_log_metadata(tmp_path):
    from inspect_ai import eval as inspect_eval

    from tenacious_bench.inspect_tasks import outreach
    from tests.harness import scripted

    scripted.ANSWERS.clear()
    scripted.ANSWERS.update(_scripted_answers())
    [log] = inspect_eval(outreach(tasks_file=str(TASKS), style_guide=str(GUIDE)), model="tbscripted/model",
                         log_dir=str(tmp_path), display="none")
    assert log.status == "success", log.error
    assert log.eval.dataset.name == "outreach_tasks"
    scores = {s.id: s.scores["outreach_scorer"] for s in log.samples}
    assert all(s.value["pass_at_1"] == 1.0 for s in scores.values()), {k: s.explanation for k, s in scores.items()}
    produced = json.dumps(log.eval.metadata) + "".join(
        json.dumps(s.model_dump(mode="json")) + (s.answer or "") for s in scores.values())
    _clean(produced)
    assert log.eval.metadata["style_guide_sha256"] == load_style_guide(GUIDE).sha256


def test_lm_eval_scores(tmp_path):
    lm_eval = pytest.importorskip("lm_eval")
    from lm_eval.tasks import TaskManager

    from tenacious_bench.commands.lm_eval_path import harness_tasks_dir
    from tenacious_bench.harness_common import METRIC_KEYS
    from tests.harness import scripted

    yaml_path = tmp_path / "acme.yaml"
    yaml_path.write_text(
        f"include: {harness_tasks_dir() / 'tenacious.yaml'}\ntask: acme_outreach\n"
        f"dataset_kwargs:\n  split: train\n  tasks_file: {TASKS}\n  style_guide: {GUIDE}\n"
    )
    scripted.ANSWERS.clear()
    scripted.ANSWERS.update(_scripted_answers())
    out = lm_eval.simple_evaluate(model=scripted.lm_eval_scripted_lm(), tasks=[str(yaml_path)],
                                  task_manager=TaskManager(include_defaults=False), apply_chat_template=True,
                                  log_samples=True)
    rows = out["samples"]["acme_outreach"]
    assert len(rows) == 3 and all(r[k] == 1.0 for r in rows for k in METRIC_KEYS)
    _clean(json.dumps(out["results"], default=str) + "".join(r["resps"][0][0] for r in rows))


def test_prompts_carry_no_shipped_company_text():
    for task in load_tasks(TASKS):
        system, user = build_messages(task, str(GUIDE))
        _clean(system["content"] + user["content"])
