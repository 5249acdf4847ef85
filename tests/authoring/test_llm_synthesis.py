"""LLM synthesis, run offline: scripted generator and judge models registered through inspect_ai's @modelapi."""

from __future__ import annotations

import copy
import json
from importlib import resources
from pathlib import Path

import pytest

from tenacious_bench.authoring.llm_synthesis import (
    SameFamilyError,
    SynthesisError,
    check_rotation,
    extract_json,
    model_family,
    synthesize,
)
from tenacious_bench.authoring.trace_derived import vary_task
from tenacious_bench.cli import main
from tenacious_bench.scoring import score_email
from tenacious_bench.task import Task, load_tasks
from tests.authoring import scripted

HAND = str(resources.files("tenacious_bench").joinpath("authoring", "hand_authored.jsonl"))
ALL = {t.task_id: t for t in load_tasks(HAND)}
SEEDS = [ALL["TB-HND-0001"], ALL["TB-HND-0005"]]
GEN, JUDGE = "tbscript/alpha-gen", "tbscript/beta-judge"


@pytest.mark.parametrize(("model", "family"), [
    ("openai/gpt-4o", "openai"),
    ("openai/o3-mini", "openai"),
    ("azureai/gpt-4o-mini", "openai"),
    ("anthropic/claude-sonnet-4-0", "anthropic"),
    ("bedrock/anthropic.claude-3-haiku", "anthropic"),
    ("openrouter/anthropic/claude-3.5-sonnet", "anthropic"),
    ("google/gemini-2.5-pro", "google"),
    ("hf/google/gemma-2-2b-it", "google"),
    ("hf/meta-llama/Llama-3.1-8B-Instruct", "meta"),
    ("together/meta-llama/Meta-Llama-3-70B", "meta"),
    ("ollama/llama3.1", "meta"),
    ("mistral/mistral-large-latest", "mistral"),
    ("hf/Qwen/Qwen2.5-7B-Instruct", "qwen"),
    ("grok/grok-3", "xai"),
    ("tenacious/smollm2", "huggingface"),
    ("hf/someorg/some-model", "hf/someorg"),
    ("tbscript/alpha-gen", "tbscript/alpha"),
])
def test_model_family(model: str, family: str) -> None:
    assert model_family(model) == family


def test_rotation_refuses_the_same_family() -> None:
    assert check_rotation("openai/gpt-4o", "anthropic/claude-sonnet-4-0") == ("openai", "anthropic")
    for gen, judge in [("openai/gpt-4o", "azureai/gpt-4o-mini"),
                       ("hf/meta-llama/Llama-3.1-8B-Instruct", "together/meta-llama/Meta-Llama-3-70B"),
                       ("tbscript/alpha-gen", "tbscript/alpha-judge")]:
        with pytest.raises(SameFamilyError, match="family"):
            check_rotation(gen, judge)
    with pytest.raises(SynthesisError, match="provider/name"):
        model_family("gpt-4o")


def test_extract_json_ignores_fences_and_prose() -> None:
    assert extract_json('Here you go:\n```json\n{"a": 1}\n```') == {"a": 1}
    with pytest.raises(ValueError):
        extract_json("no json here")


def _candidate(seed: Task, salt: str, **changes: object) -> dict:
    data = vary_task(seed, salt)
    data.update(changes)
    return data


def _verdict(c: int, v: int, r: int) -> str:
    return json.dumps({"coherence": c, "verifiability": v, "rubric_clarity": r, "rationale": "clear brief"})


def _script_run() -> dict[str, int]:
    good = _candidate(SEEDS[0], "a")
    bad_field = copy.deepcopy(_candidate(SEEDS[1], "b"))
    bad_field["ai_maturity"]["confidence"] = "certain"
    late = _candidate(SEEDS[0], "c", as_of="2026-08-01")
    failing_ref = _candidate(SEEDS[1], "d")
    failing_ref["reference"] = {**failing_ref["reference"],
                                "body": failing_ref["reference"]["body"].replace("Hi ", "Hi rockstar ", 1)}
    rejected = _candidate(SEEDS[1], "e")
    unjudgeable = _candidate(SEEDS[0], "f")
    answers = [json.dumps(good), "Sorry, I cannot help with that.", json.dumps(bad_field), json.dumps(late),
               json.dumps(failing_ref), "```json\n" + json.dumps(rejected) + "\n```", json.dumps(unjudgeable),
               json.dumps(good)]
    scripted.SCRIPTS["alpha-gen"] = scripted.queue(*answers)
    scripted.SCRIPTS["beta-judge"] = scripted.queue(_verdict(4, 5, 4), _verdict(2, 5, 5), "A great task!")
    scripted.CALLS.clear()
    return {"n": len(answers)}


def test_pipeline_keeps_only_valid_judged_tasks() -> None:
    n = _script_run()["n"]
    result = synthesize(SEEDS, GEN, JUDGE, n, created_at="2026-11-25")
    assert len(result.kept) == 1
    assert dict(result.dropped) == {"no_json": 1, "invalid_task": 1, "after_cutoff": 1, "reference_fails": 1,
                                    "judge_rejected": 1, "judge_invalid": 1, "duplicate": 1}
    assert len(result.problems) == n - 1
    assert "1 kept" in result.summary() and "judge_rejected 1" in result.summary()
    kept = load_rows(result.kept)[0]
    assert kept.task_id.startswith("TB-LLM-") and kept.source_mode == "llm_synthesis" and kept.split == "train"
    assert kept.metadata.generator == {"generator_model": GEN, "judge_model": JUDGE, "seed_task": "TB-HND-0001",
                                       "judge_coherence": 4, "judge_verifiability": 5, "judge_rubric_clarity": 4}
    assert kept.metadata.probe_ids == SEEDS[0].metadata.probe_ids
    assert kept.reference is not None
    assert score_email(kept, {"subject": kept.reference.subject, "body": kept.reference.body}).passed
    # Seeds rotate; the generator saw the seed, the judge saw the candidate without bookkeeping fields.
    gen_prompts, judge_prompts = scripted.CALLS["alpha-gen"], scripted.CALLS["beta-judge"]
    assert "Brightwell Labs" in gen_prompts[0] and "Kestrel Grid" in gen_prompts[1]
    assert len(judge_prompts) == 3 and '"split"' not in judge_prompts[0]


def load_rows(rows: list[dict]) -> list[Task]:
    from tenacious_bench.task import parse_task

    return [parse_task(r) for r in rows]


def test_held_out_never_seeds_or_receives() -> None:
    with pytest.raises(SynthesisError, match="held-out"):
        synthesize([ALL["TB-HND-0030"]], GEN, JUDGE, 1)
    with pytest.raises(SynthesisError, match="held_out"):
        synthesize(SEEDS, GEN, JUDGE, 1, split="held_out")
    with pytest.raises(SameFamilyError):
        synthesize(SEEDS, GEN, "tbscript/alpha-judge", 1)


def test_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seeds = tmp_path / "seeds.jsonl"
    lines = Path(HAND).read_text(encoding="utf-8").splitlines()
    seeds.write_text(lines[0] + "\n" + lines[4] + "\n", encoding="utf-8")
    n = _script_run()["n"]
    out = tmp_path / "llm.jsonl"
    code = main(["synthesize", "--generator", GEN, "--judge", JUDGE, "--seed-tasks", str(seeds), "--n", str(n),
                 "--out", str(out), "--created-at", "2026-11-25"])
    assert code == 0
    assert len(load_tasks(out)) == 1
    err = capsys.readouterr().err
    assert "1 kept" in err and "dropped (no_json)" in err
    assert main(["synthesize", "--generator", GEN, "--judge", "tbscript/alpha-x", "--seed-tasks", str(seeds),
                 "--n", "1", "--out", str(out)]) == 2
    assert "family" in capsys.readouterr().err
    assert main(["synthesize", "--generator", "nosuchprovider/x", "--judge", JUDGE, "--seed-tasks", str(seeds),
                 "--n", "1", "--out", str(out)]) == 2
    assert "cannot load the models" in capsys.readouterr().err
