"""Both harnesses, fed the same completions, build the same prompt and give identical per-check results."""

from __future__ import annotations

import json

import pytest
from inspect_ai import eval as inspect_eval

from tenacious_bench.harness_common import METRIC_KEYS
from tenacious_bench.inspect_tasks import outreach
from tenacious_bench.offline_models import email_text
from tenacious_bench.prompts import build_messages
from tests.harness import scripted
from tests.harness.conftest import EXAMPLES_FILE
from tests.harness.test_lm_eval import examples_yaml


def completions(task) -> list[str]:
    """A passing email, one per failing check family, and non-emails."""
    ref = task.reference.model_dump()
    first_para_end = ref["body"].index("\n\n", ref["body"].index("\n\n") + 2)
    return [
        email_text(ref),
        email_text({**ref, "body": ref["body"].replace("\n\n", "\n\nOur world-class team is ready. ", 1)}),
        email_text({**ref, "subject": "Quick " + ref["subject"]}),
        email_text({**ref, "body": ref["body"][:first_para_end] + "\n\nCan you reply today? Or book a call?" +
                    ref["body"][first_para_end:]}),
        ref["body"],  # no subject line
        "",
        "lol",
    ]


def run_inspect(tmp_path) -> tuple[dict[str, dict[str, float]], list[str]]:
    scripted.SEEN.clear()
    [log] = inspect_eval(
        outreach(tasks_file=EXAMPLES_FILE, split="train"), model="tbscripted/model", log_dir=str(tmp_path / "inspect"),
        display="none",
    )
    assert log.status == "success", log.error
    return {s.id: s.scores["outreach_scorer"].value for s in log.samples}, sorted(map(json.dumps, scripted.SEEN))


def run_lm_eval(tmp_path) -> tuple[dict[str, dict[str, float]], list[str]]:
    import lm_eval
    from lm_eval.tasks import TaskManager

    scripted.SEEN.clear()
    path = examples_yaml(tmp_path)
    out = lm_eval.simple_evaluate(
        model=scripted.lm_eval_scripted_lm(), tasks=[str(path)], task_manager=TaskManager(include_defaults=False),
        apply_chat_template=True, log_samples=True,
    )
    rows = out["samples"]["tenacious_examples"]
    results = {r["doc"]["task_id"]: {k: r[k] for k in METRIC_KEYS} for r in rows}
    return results, sorted(map(json.dumps, scripted.SEEN))


def test_same_prompts_and_identical_per_check_results(tmp_path, example_tasks):
    tasks = list(example_tasks.values())
    rounds = list(zip(*(completions(t) for t in tasks), strict=True))
    seen_outcomes = set()
    for i, answers in enumerate(rounds):
        scripted.ANSWERS.clear()
        scripted.ANSWERS.update({build_messages(t)[1]["content"]: a for t, a in zip(tasks, answers, strict=True)})
        inspect_scores, inspect_prompts = run_inspect(tmp_path / str(i))
        lm_scores, lm_prompts = run_lm_eval(tmp_path / str(i))
        assert inspect_prompts == lm_prompts  # the same system + user messages, byte for byte
        assert len(inspect_prompts) == len(tasks)
        assert inspect_scores == lm_scores, f"round {i}"
        seen_outcomes |= {tuple(v.values()) for v in inspect_scores.values()}
    # the rounds exercise passes and failures of several different checks
    assert (1.0,) * 6 in seen_outcomes and len(seen_outcomes) >= 4


@pytest.mark.e2e
def test_composer_model_same_in_both_harnesses(tmp_path, example_tasks):
    """The offline composer's emails for the examples, through both harnesses: all pass in both."""
    from tenacious_bench.offline_models import composer_email

    tasks = list(example_tasks.values())
    scripted.ANSWERS.clear()
    scripted.ANSWERS.update({build_messages(t)[1]["content"]: email_text(composer_email(t)) for t in tasks})
    inspect_scores, _ = run_inspect(tmp_path)
    lm_scores, _ = run_lm_eval(tmp_path)
    assert inspect_scores == lm_scores == {t.task_id: dict.fromkeys(METRIC_KEYS, 1.0) for t in tasks}
