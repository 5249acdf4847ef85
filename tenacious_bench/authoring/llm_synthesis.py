"""Multi-LLM synthesis: a generator model writes task variations, a judge model of another family filters them.

Pipeline (parameters and prompts live in `synthesis.yaml`):

1. For i in 0..n-1, the generator (any Inspect model, `get_model(name).generate`) gets seed task
   i mod len(seeds) as JSON and answers with one new task as JSON.
2. The answer is parsed and validated: JSON object, `parse_task` (after setting the bookkeeping fields
   below), every date before the held-out cutoff, a reference that passes `score_email` (train and dev
   rows need a passing exemplar), no duplicate. A failure drops the candidate and is counted and
   reported with its reason; nothing is dropped silently.
3. The judge scores coherence, verifiability and rubric clarity, 1-5, as JSON; a candidate is kept only
   if all three are >= `keep_threshold`. An unreadable verdict drops the candidate (counted).

Rotation policy: the judge may not be of the generator's model family (`model_family`), so no family
grades its own output; `SameFamilyError` otherwise. Seeds must be train or dev tasks (held-out briefs
never reach a generator), and synthesized tasks go to train or dev only.

The pipeline sets, and never takes from the model: `task_id` (`TB-LLM-` + a content hash),
`schema_version`, `split`, `source_mode` and `metadata` (the seed's probe ids and difficulty, the models,
the judge's scores and rationale).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import json
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import yaml

from tenacious_bench.scoring import score_email
from tenacious_bench.style_guide import StyleGuide, load_style_guide
from tenacious_bench.task import Task, TaskError, parse_task

CONFIG_FILE = "synthesis.yaml"
ALLOWED_SPLITS = ("train", "dev")


class SynthesisError(ValueError):
    """The synthesis run cannot start (bad seeds, split, models or configuration)."""


class SameFamilyError(SynthesisError):
    """The judge is of the generator's model family (rotation policy)."""


@cache
def synthesis_config() -> dict[str, Any]:
    text = resources.files("tenacious_bench").joinpath("authoring", CONFIG_FILE).read_text(encoding="utf-8")
    cfg = yaml.safe_load(text)
    for key in ("keep_threshold", "judge_dimensions", "family_rules", "provider_families",
                "generator_prompt", "judge_prompt"):
        if key not in cfg:
            raise SynthesisError(f"{CONFIG_FILE}: missing key {key!r}")
    return cfg


def model_family(model: str) -> str:
    """The maker family of an Inspect model name (rules in synthesis.yaml), e.g. 'openai/gpt-4o' -> 'openai'."""
    parts = [p for p in model.strip().lower().split("/") if p]
    if len(parts) < 2:
        raise SynthesisError(f"model {model!r} is not of the form provider/name")
    provider, rest = parts[0], parts[1:]
    for part in rest:  # org first, then the model name
        for rule in synthesis_config()["family_rules"]:
            if re.match(rule["match"], part, flags=re.IGNORECASE):
                return str(rule["family"])
    if provider in synthesis_config()["provider_families"]:
        return str(synthesis_config()["provider_families"][provider])
    if len(rest) >= 2:
        return f"{provider}/{rest[0]}"
    lead = re.match(r"[a-z]+", rest[0])
    return f"{provider}/{lead.group(0) if lead else rest[0]}"


def check_rotation(generator: str, judge: str) -> tuple[str, str]:
    """(generator family, judge family); SameFamilyError if they are the same."""
    g, j = model_family(generator), model_family(judge)
    if g == j:
        raise SameFamilyError(f"the judge {judge!r} is of the generator {generator!r}'s family {g!r}; "
                              "rotate to a judge of another family")
    return g, j


@dataclass
class SynthesisResult:
    requested: int
    generator: str
    judge: str
    kept: list[dict[str, Any]] = field(default_factory=list)
    dropped: Counter[str] = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)

    def drop(self, reason: str, where: str, detail: str) -> None:
        self.dropped[reason] += 1
        self.problems.append(f"{where}: dropped ({reason}): {detail}")

    def summary(self) -> str:
        drops = ", ".join(f"{k} {v}" for k, v in sorted(self.dropped.items())) or "none"
        return (f"{self.requested} candidates from {self.generator}, judged by {self.judge}: "
                f"{len(self.kept)} kept; dropped: {drops}")


def extract_json(text: str) -> Any:
    """The first JSON object in a model's answer (code fences and prose around it are ignored)."""
    start = text.find("{")
    if start < 0:
        raise ValueError("no JSON object in the answer")
    obj, _ = json.JSONDecoder().raw_decode(text[start:])
    return obj


def _dates(task: Task) -> list[str]:
    return [task.as_of, *(s.date for s in task.signals if s.date), *(m.date for m in task.thread)]


def _content_id(data: dict[str, Any]) -> str:
    body = {k: v for k, v in data.items() if k not in ("task_id", "metadata", "split")}
    digest = hashlib.sha256(json.dumps(body, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
    return "TB-LLM-" + digest[:10].upper()


def _judge_scores(text: str, dims: Sequence[str]) -> tuple[dict[str, int], str]:
    verdict = extract_json(text)
    if not isinstance(verdict, dict):
        raise ValueError("the verdict is not a JSON object")
    scores = {}
    for d in dims:
        v = verdict.get(d)
        if isinstance(v, bool) or not isinstance(v, int) or not 1 <= v <= 5:
            raise ValueError(f"{d} must be an integer from 1 to 5, got {v!r}")
        scores[d] = v
    rationale = verdict.get("rationale")
    return scores, rationale if isinstance(rationale, str) else ""


def _name(model: Any) -> str:
    return model if isinstance(model, str) else str(model)


def synthesize(seed_tasks: Sequence[Task], generator: Any, judge: Any, n: int, *, split: str = "train",
               created_at: str | None = None, style_guide: StyleGuide | str | None = None) -> SynthesisResult:
    """Generate n candidates from the seeds, validate, judge and keep the good ones (see the module doc).

    `generator` and `judge` are Inspect model names ("provider/model") or inspect_ai Model objects.
    """
    return asyncio.run(_synthesize(seed_tasks, generator, judge, n, split=split, created_at=created_at,
                                   style_guide=style_guide))


async def _synthesize(seed_tasks: Sequence[Task], generator: Any, judge: Any, n: int, *, split: str,
                      created_at: str | None, style_guide: StyleGuide | str | None) -> SynthesisResult:
    from inspect_ai.model import GenerateConfig, get_model

    from tenacious_bench.dataset import CUTOFF

    cfg = synthesis_config()
    gen_name, judge_name = _name(generator), _name(judge)
    check_rotation(gen_name, judge_name)
    if n < 1:
        raise SynthesisError(f"n must be at least 1, got {n}")
    if split not in ALLOWED_SPLITS:
        raise SynthesisError(f"synthesized tasks go to {' or '.join(ALLOWED_SPLITS)}, not {split!r}")
    if not seed_tasks:
        raise SynthesisError("no seed tasks")
    held = [t.task_id for t in seed_tasks if t.split == "held_out" or t.metadata.canary]
    if held:
        raise SynthesisError(f"held-out tasks may not seed a generator: {', '.join(held[:10])}")
    guide = load_style_guide(style_guide)
    created = created_at or dt.date.today().isoformat()
    try:
        gen_model = generator if not isinstance(generator, str) else get_model(generator)
        judge_model = judge if not isinstance(judge, str) else get_model(judge)
    except Exception as err:  # an unknown provider or missing credentials: never a pass
        raise SynthesisError(f"cannot load the models: {err}") from err

    result = SynthesisResult(requested=n, generator=gen_name, judge=judge_name)
    seen: set[str] = set()
    dims = list(cfg["judge_dimensions"])
    for i in range(n):
        seed = seed_tasks[i % len(seed_tasks)]
        where = f"candidate {i + 1} (seed {seed.task_id})"
        seed_json = json.dumps(seed.model_dump(mode="json", by_alias=True, exclude_none=True), ensure_ascii=False)
        prompt = cfg["generator_prompt"].format(seed=seed_json, cutoff=CUTOFF.isoformat(),
                                                max_words=guide.max_body_words(seed.kind))
        answer = (await gen_model.generate(prompt, config=GenerateConfig(temperature=0.9))).completion
        try:
            data = extract_json(answer)
            if not isinstance(data, dict):
                raise ValueError("the JSON is not an object")
        except ValueError as err:
            result.drop("no_json", where, str(err))
            continue
        data = {**data, "schema_version": "1.0", "split": split, "source_mode": "llm_synthesis"}
        data["task_id"] = _content_id(data)
        data["metadata"] = {"created_at": created, "probe_ids": list(seed.metadata.probe_ids),
                            "difficulty": seed.metadata.difficulty}
        try:
            task = parse_task(data, where=where)
        except TaskError as err:
            result.drop("invalid_task", where, "; ".join(err.problems[:5]))
            continue
        late = [d for d in _dates(task) if dt.date.fromisoformat(d) >= CUTOFF]
        if late:
            result.drop("after_cutoff", where, f"dates on or after the cutoff {CUTOFF}: {late}")
            continue
        if task.reference is None:
            result.drop("no_reference", where, "a train/dev task needs a reference email")
            continue
        ref_score = score_email(task, {"subject": task.reference.subject, "body": task.reference.body}, guide)
        if not ref_score.passed:
            result.drop("reference_fails", where, "; ".join(ref_score.failure_reasons()[:3]))
            continue
        if task.task_id in seen:
            result.drop("duplicate", where, f"same content as an earlier candidate ({task.task_id})")
            continue
        seen.add(task.task_id)
        shown = {k: v for k, v in data.items() if k not in ("task_id", "metadata", "split", "source_mode")}
        verdict_text = (await judge_model.generate(
            cfg["judge_prompt"].format(task=json.dumps(shown, ensure_ascii=False)),
            config=GenerateConfig(temperature=0.0))).completion
        try:
            scores, rationale = _judge_scores(verdict_text, dims)
        except ValueError as err:
            result.drop("judge_invalid", where, str(err))
            continue
        low = {d: s for d, s in scores.items() if s < cfg["keep_threshold"]}
        if low:
            result.drop("judge_rejected", where, f"scores below {cfg['keep_threshold']}: {low}")
            continue
        generator_md: dict[str, str | int] = {"generator_model": gen_name, "judge_model": judge_name,
                                              "seed_task": seed.task_id}
        generator_md.update({f"judge_{d}": s for d, s in scores.items()})
        data["metadata"] = {**data["metadata"], "generator": generator_md,
                            "notes": f"LLM variation of {seed.task_id}. Judge: {rationale}".strip()}
        result.kept.append(parse_task(data, where=where).model_dump(mode="json", by_alias=True, exclude_none=True))
    return result
