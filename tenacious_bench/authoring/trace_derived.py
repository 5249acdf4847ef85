"""Trace-derived tasks: turn an Inspect eval log of a model on train or dev tasks into new tasks and
machine-labelled emails built around the model's failures.

Evaluation logs are this project's traces. For every failing sample of the log (re-scored with
`score_email`, the single scoring core), this module emits:

- a labelled-email row (task-format.md): the model's raw completion, the five check results as labels,
  `labeller: "scorer:<version>"` (machine labels, not a human judgement) and a note naming the log;
- a new task (`source_mode: trace_derived`, id `TB-TRC-...`): the failing task with a new prospect,
  company and funding amounts (so the facts differ), the failed checks as `trace_fail_<check>` probe
  ids, and the source task's reference carried through the same substitutions and re-verified.

Logs that touch a held-out task are refused as a whole (`HeldOutLogError`): held-out tasks must never
feed training material. Nothing is skipped silently: every sample not turned into rows is listed in
`DeriveResult.problems` with its reason.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from tenacious_bench.scoring import CHECK_NAMES, SCORER_VERSION, score_email
from tenacious_bench.style_guide import StyleGuide, load_style_guide
from tenacious_bench.task import Task, TaskError, parse_task

POOLS_FILE = "variation_pools.yaml"


class TraceError(ValueError):
    """The log or the tasks file cannot be turned into derived tasks (names what is wrong)."""


class HeldOutLogError(TraceError):
    """The log holds samples of held-out tasks: refused, nothing is derived."""


@dataclass
class DeriveResult:
    samples: int = 0
    failing: int = 0
    labelled: list[dict[str, Any]] = field(default_factory=list)
    tasks: list[dict[str, Any]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (f"{self.samples} samples, {self.failing} failing; wrote {len(self.labelled)} labelled emails "
                f"and {len(self.tasks)} derived tasks; {len(self.problems)} not derived")


@cache
def variation_pools() -> dict[str, Any]:
    text = resources.files("tenacious_bench").joinpath("authoring", POOLS_FILE).read_text(encoding="utf-8")
    pools = yaml.safe_load(text)
    for key in ("first_names", "last_names", "companies", "amount_shifts_musd"):
        if not isinstance(pools.get(key), list) or not pools[key]:
            raise TraceError(f"{POOLS_FILE}: {key} must be a non-empty list")
    return pools


def _sample_task_id(sample: Any) -> str:
    meta_task = (sample.metadata or {}).get("task")
    if isinstance(meta_task, dict) and isinstance(meta_task.get("task_id"), str):
        return meta_task["task_id"]
    return str(sample.id)


def _sample_split(sample: Any) -> str | None:
    meta = sample.metadata or {}
    meta_task = meta.get("task")
    if isinstance(meta_task, dict) and "split" in meta_task:
        return str(meta_task["split"])
    return str(meta["split"]) if "split" in meta else None


def check_log_splits(samples: Iterable[Any], tasks: dict[str, Task]) -> None:
    """Refuse a log with any held-out sample (by the sample's metadata or the tasks file), or an unknown task."""
    held_out: list[str] = []
    unknown: list[str] = []
    for sample in samples:
        tid = _sample_task_id(sample)
        task = tasks.get(tid)
        meta_task = (sample.metadata or {}).get("task")
        canaried = isinstance(meta_task, dict) and bool((meta_task.get("metadata") or {}).get("canary"))
        if _sample_split(sample) == "held_out" or canaried or (task is not None and task.split == "held_out"):
            held_out.append(tid)
        elif task is None:
            unknown.append(tid)
    if held_out:
        ids = sorted(set(held_out))
        raise HeldOutLogError(f"the log holds {len(held_out)} sample(s) of held-out tasks ({', '.join(ids[:10])}"
                              f"{', ...' if len(ids) > 10 else ''}); traces are only derived from train or dev logs")
    if unknown:
        ids = sorted(set(unknown))
        raise TraceError(f"the log holds samples of tasks not in the tasks file: {', '.join(ids[:10])}")


def _replace_everywhere(value: Any, subs: list[tuple[re.Pattern[str], Any]]) -> Any:
    if isinstance(value, str):
        for pattern, new in subs:
            value = pattern.sub(new, value)
        return value
    if isinstance(value, list):
        return [_replace_everywhere(v, subs) for v in value]
    if isinstance(value, dict):
        return {k: _replace_everywhere(v, subs) for k, v in value.items()}
    return value


def _word(text: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w.]){re.escape(text)}(?![\w])")


def vary_task(task: Task, seed: str) -> dict[str, Any]:
    """The task as JSON with a new prospect, company, domain and funding amounts, consistently everywhere.

    Bookkeeping fields (id, source mode, metadata) are left to the caller.
    """
    pools = variation_pools()
    rng = random.Random(seed)
    p = task.prospect
    first = rng.choice([n for n in pools["first_names"] if n != p.first_name])
    last = rng.choice([n for n in pools["last_names"] if n != p.last_name])
    company = rng.choice([c for c in pools["companies"] if c not in p.company])
    tld = p.domain.rsplit(".", 1)[-1] if "." in p.domain else "com"
    domain = f"{company.lower()}.{tld}"
    subs: list[tuple[re.Pattern[str], Any]] = [(_word(p.domain), domain), (_word(p.company), company)]
    short = p.company.split()[0]
    if short != p.company and len(short) > 3:
        subs.append((_word(short), company))  # "Brightwell" for "Brightwell Labs"
    subs += [(_word(p.first_name), first), (_word(p.last_name), last)]
    # Whole-million funding amounts move by a seeded shift: "$14M", "$14 million" and "14M" change
    # together in one pass (so 22->25 and 25->27 never chain), and nothing else does ("14 engineers").
    shifts: dict[int, int] = {}
    for s in task.signals:
        amount = s.facts.get("amount_usd")
        if isinstance(amount, int) and amount > 0 and amount % 1_000_000 == 0:
            m = amount // 1_000_000
            shifts.setdefault(m, max(1, m + rng.choice(pools["amount_shifts_musd"])))
    data = task.model_dump(mode="json", by_alias=True, exclude_none=True)
    keep = {k: data.pop(k) for k in ("task_id", "split", "source_mode", "metadata", "as_of", "schema_version")}
    varied = _replace_everywhere(data, subs)
    if shifts:
        money = re.compile(r"(?<![\w.,])(\$?)(\d+)(?=M\b| million\b)")

        def shift(m: re.Match[str]) -> str:
            n = int(m.group(2))
            return f"{m.group(1)}{shifts.get(n, n)}"

        varied = _replace_everywhere(varied, [(money, shift)])
        for sig in varied["signals"]:
            amount = sig["facts"].get("amount_usd")
            if isinstance(amount, int) and amount // 1_000_000 in shifts and amount % 1_000_000 == 0:
                sig["facts"]["amount_usd"] = shifts[amount // 1_000_000] * 1_000_000
    return {**keep, **varied}


def _stable_id(*parts: str) -> str:
    return "TB-TRC-" + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:10].upper()


def derive(samples: Iterable[Any], tasks: Iterable[Task], *, log_name: str, model: str, created_at: str,
           style_guide: StyleGuide | str | None = None) -> DeriveResult:
    """Labelled emails and derived tasks from the failing samples (objects with id, metadata, output, error)."""
    guide = load_style_guide(style_guide)
    by_id = {t.task_id: t for t in tasks}
    samples = list(samples)
    check_log_splits(samples, by_id)
    result = DeriveResult(samples=len(samples))
    seen: set[tuple[str, str]] = set()
    for sample in samples:
        tid = _sample_task_id(sample)
        where = f"sample {sample.id} (epoch {getattr(sample, 'epoch', 1)})"
        if getattr(sample, "error", None):
            result.problems.append(f"{where}: the sample errored ({sample.error.message}); no answer to label")
            continue
        completion = sample.output.completion if sample.output is not None else ""
        task = by_id[tid]
        score = score_email(task, completion, guide)
        if score.passed:
            continue
        result.failing += 1
        if (tid, completion) in seen:
            result.problems.append(f"{where}: same answer as an earlier sample of {tid}; labelled once")
            continue
        seen.add((tid, completion))
        failed = [name for name in CHECK_NAMES if not score.checks[name].passed]
        result.labelled.append({
            "task_id": tid,
            "completion": completion,
            "labels": {name: score.checks[name].passed for name in CHECK_NAMES},
            "labeller": f"scorer:{SCORER_VERSION}",
            "note": (f"machine labels from the scorer, not a human judgement; derived from log {log_name}, "
                     f"{where}, model {model}; failed: {', '.join(failed)}"),
        })
        derived, problem = _derived_task(task, completion, failed, score.failure_reasons(), guide,
                                         log_name=log_name, model=model, created_at=created_at, where=where)
        if problem:
            result.problems.append(problem)
        else:
            result.tasks.append(derived)
    return result


def _derived_task(task: Task, completion: str, failed: list[str], reasons: list[str], guide: StyleGuide, *,
                  log_name: str, model: str, created_at: str, where: str) -> tuple[dict[str, Any], str | None]:
    if task.reference is None:
        return {}, f"{where}: source task {task.task_id} has no reference to carry into a derived task"
    seed = f"{task.task_id}\x1f{completion}"
    data = vary_task(task, seed)
    data["task_id"] = _stable_id(task.task_id, completion)
    data["source_mode"] = "trace_derived"
    probes = sorted({*task.metadata.probe_ids, *(f"trace_fail_{c}" for c in failed)})
    data["metadata"] = {
        "created_at": created_at,
        "probe_ids": probes,
        "difficulty": "hard",
        "generator": {"source_task": task.task_id, "log": log_name, "model": model},
        "notes": (f"Derived from {task.task_id} where {model} failed {', '.join(failed)} ({log_name}, {where}). "
                  f"First reason: {reasons[0] if reasons else 'none'}"),
    }
    try:
        new = parse_task(data, where=f"derived from {task.task_id}")
    except TaskError as err:
        return {}, f"{where}: the varied task is invalid: {err}"
    assert new.reference is not None
    check = score_email(new, {"subject": new.reference.subject, "body": new.reference.body}, guide)
    if not check.passed:
        return {}, (f"{where}: the varied reference of {task.task_id} fails the scorer "
                    f"({'; '.join(check.failure_reasons())}); no derived task")
    return new.model_dump(mode="json", by_alias=True, exclude_none=True), None


def derive_from_log(log_path: str | Path, tasks: Iterable[Task],
                    style_guide: StyleGuide | str | None = None) -> DeriveResult:
    """Read an Inspect `.eval` log and derive from its failing samples (see `derive`)."""
    from inspect_ai.log import read_eval_log

    try:
        log = read_eval_log(str(log_path))
    except Exception as err:  # inspect raises several types for unreadable logs; name the file
        raise TraceError(f"{log_path}: cannot read the Inspect log: {err}") from err
    if not log.samples:
        raise TraceError(f"{log_path}: the log holds no samples (status {log.status})")
    task_args = log.eval.task_args or {}
    shipped_held_out = task_args.get("split") == "held_out" and not task_args.get("tasks_file")
    if (log.eval.metadata or {}).get("split") == "held_out" or shipped_held_out:
        raise HeldOutLogError(f"{log_path}: the log is a run on the held-out split; traces are only derived "
                              "from train or dev logs")
    return derive(log.samples, tasks, log_name=Path(str(log_path)).name, model=log.eval.model,
                  created_at=log.eval.created[:10], style_guide=style_guide)


def write_jsonl(rows: Iterable[dict[str, Any]], path: str | Path) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
