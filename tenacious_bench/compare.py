"""Paired comparison of two evaluation runs on the same tasks: `tenacious-bench compare A B`.

Inputs: two Inspect logs (`.eval` / `.json`) or two lm-eval sample files (`--log_samples` JSONL),
in any combination. Each becomes a `Run`: per task id, the five checks and pass@1 as 0/1, plus the
identity of what scored it (scorer version, style-guide hash, dataset manifest hash, and a hash of the
task contents). Runs over different task sets are refused naming the ids that differ; different
scorer versions, style guides or datasets are refused unless `allow_mismatch` (the report says so).

Statistics (all paired, by task id):
- pass@1 and each check's rate, with Wilson 95% intervals (`scipy.stats.binomtest(...).proportion_ci`);
- the difference B - A with a paired bootstrap 95% interval (`scipy.stats.bootstrap`, `paired=True`,
  10,000 resamples, BCa; the seed is reported). BCa is undefined on degenerate data (every paired
  difference equal, e.g. both runs constant or identical): then the percentile method is used and the
  report says so; a single task or constant differences give the point itself as the interval. Never NaN;
- an exact McNemar test: `scipy.stats.binomtest(n10, n01 + n10, 0.5)` on the discordant pairs
  (no discordant pair: p = 1);
- per check, the same, with Holm-corrected p-values over the five checks (Holm's step-down is four
  lines; statsmodels is not a dependency for it).
"""

from __future__ import annotations

import hashlib
import json
import math
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tenacious_bench.scoring import CHECK_NAMES

METRICS = (*CHECK_NAMES, "pass_at_1")
DEFAULT_SEED = 2026
DEFAULT_RESAMPLES = 10_000
IDENTITY_KEYS = ("scorer_version", "style_guide_sha256", "dataset_manifest_sha256", "tasks_sha256")


class CompareError(ValueError):
    """The two runs cannot be compared (different tasks, scorer, style guide, dataset; bad file)."""


@dataclass
class Run:
    path: str
    source: str  # "inspect" or "lm-eval"
    label: str
    results: dict[str, dict[str, int]]  # task id -> metric -> 0/1
    identity: dict[str, str | None] = field(default_factory=dict)
    model: str | None = None

    def values(self, metric: str, ids: list[str]) -> list[int]:
        return [self.results[i][metric] for i in ids]


def _tasks_sha256(task_jsons: dict[str, str]) -> str:
    h = hashlib.sha256()
    for tid in sorted(task_jsons):
        h.update(tid.encode() + b"\0" + task_jsons[tid].encode() + b"\n")
    return h.hexdigest()


def _canon_task(task: Any) -> str:
    data = json.loads(task) if isinstance(task, str) else task
    return json.dumps(data, sort_keys=True, ensure_ascii=False)


def _as01(v: Any, where: str) -> int:
    if isinstance(v, bool):
        return int(v)
    if isinstance(v, int | float) and v in (0, 1):
        return int(v)
    raise CompareError(f"{where}: expected 0 or 1, got {v!r}")


def read_inspect(path: str | Path, label: str | None = None) -> Run:
    from inspect_ai.log import read_eval_log

    log = read_eval_log(str(path))
    if log.status != "success":
        raise CompareError(f"{path}: the Inspect run did not finish (status {log.status})")
    samples = log.samples or []
    if not samples:
        raise CompareError(f"{path}: the log holds no samples")
    results: dict[str, dict[str, int]] = {}
    task_jsons: dict[str, str] = {}
    scorer_versions: set[str] = set()
    for s in samples:
        sid = str(s.id)
        if sid in results:
            raise CompareError(f"{path}: task {sid} appears more than once (epochs > 1 are not supported)")
        score = next((sc for sc in (s.scores or {}).values()
                      if isinstance(sc.value, dict) and "pass_at_1" in sc.value), None)
        if score is None:
            raise CompareError(f"{path}: sample {sid} has no tenacious-bench score (error: {s.error})")
        results[sid] = {m: _as01(score.value[m], f"{path}: sample {sid} {m}") for m in METRICS}
        if isinstance(score.metadata, dict) and score.metadata.get("scorer_version"):
            scorer_versions.add(str(score.metadata["scorer_version"]))
        if "task" in (s.metadata or {}):
            task_jsons[sid] = _canon_task(s.metadata["task"])
    meta = log.eval.metadata or {}
    if len(scorer_versions) > 1:
        raise CompareError(f"{path}: samples scored by several scorer versions {sorted(scorer_versions)}")
    identity = {
        "scorer_version": next(iter(scorer_versions), None) or meta.get("scorer_version"),
        "style_guide_sha256": meta.get("style_guide_sha256"),
        "dataset_manifest_sha256": (meta.get("dataset") or {}).get("manifest_sha256")
        or (meta.get("dataset") or {}).get("tasks_file_sha256"),
        "tasks_sha256": _tasks_sha256(task_jsons) if len(task_jsons) == len(results) else None,
    }
    return Run(str(path), "inspect", label or Path(path).stem, results, identity, log.eval.model)


def read_lm_eval(path: str | Path, label: str | None = None) -> Run:
    results: dict[str, dict[str, int]] = {}
    task_jsons: dict[str, str] = {}
    from tenacious_bench.task import iter_task_rows, json_error

    for lineno, row in iter_task_rows(path):
        where = f"{path}:{lineno}"
        if isinstance(row, json.JSONDecodeError):
            raise CompareError(f"{where}: {json_error(row)}")
        doc = row.get("doc") if isinstance(row, dict) else None
        if not isinstance(doc, dict) or "task_id" not in doc:
            raise CompareError(f"{where}: not an lm-eval sample of a tenacious task (no doc.task_id)")
        tid = str(doc["task_id"])
        if tid in results:
            raise CompareError(f"{where}: task {tid} appears more than once")
        missing = [m for m in METRICS if m not in row]
        if missing:
            raise CompareError(f"{where}: sample {tid} lacks metrics {missing}")
        results[tid] = {m: _as01(row[m], f"{where} {m}") for m in METRICS}
        if "task_json" in doc:
            task_jsons[tid] = _canon_task(doc["task_json"])
    if not results:
        raise CompareError(f"{path}: no samples")
    # lm-eval sample files do not record the scorer version, the style guide's hash or the manifest.
    identity = {"scorer_version": None, "style_guide_sha256": None, "dataset_manifest_sha256": None,
                "tasks_sha256": _tasks_sha256(task_jsons) if len(task_jsons) == len(results) else None}
    return Run(str(path), "lm-eval", label or Path(path).stem, results, identity)


def read_run(path: str | Path, label: str | None = None) -> Run:
    p = Path(path)
    if not p.is_file():
        raise CompareError(f"{p}: no such file")
    if p.suffix == ".jsonl":
        return read_lm_eval(p, label)
    if p.suffix in (".eval", ".json"):
        return read_inspect(p, label)
    raise CompareError(f"{p}: expected an Inspect log (.eval/.json) or an lm-eval samples file (.jsonl)")


# ------------------------------------------------------------------------------------------------
# Statistics


def wilson(k: int, n: int) -> tuple[float, float]:
    from scipy.stats import binomtest

    ci = binomtest(k, n).proportion_ci(confidence_level=0.95, method="wilson")
    return float(ci.low), float(ci.high)


def mcnemar_exact(a: list[int], b: list[int]) -> dict[str, Any]:
    """Exact McNemar: binomial test on the discordant pairs (n01: A pass/B fail, n10: A fail/B pass)."""
    from scipy.stats import binomtest

    n01 = sum(1 for x, y in zip(a, b, strict=True) if x == 1 and y == 0)
    n10 = sum(1 for x, y in zip(a, b, strict=True) if x == 0 and y == 1)
    n = n01 + n10
    p = 1.0 if n == 0 else float(binomtest(n10, n, 0.5).pvalue)
    return {"n01": n01, "n10": n10, "discordant": n, "p_value": min(1.0, p)}


def paired_bootstrap(a: list[int], b: list[int], *, seed: int = DEFAULT_SEED,
                     n_resamples: int = DEFAULT_RESAMPLES) -> dict[str, Any]:
    """Mean of b - a with a paired bootstrap 95% interval; BCa, else percentile on degenerate data."""
    import numpy as np
    from scipy.stats import bootstrap

    x, y = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    diff = float(np.mean(y - x))
    d = y - x
    if len(d) < 2 or np.all(d == d[0]):
        why = "one task" if len(d) < 2 else "every paired difference is the same"
        return {"diff": diff, "ci": [diff, diff], "method": "none",
                "message": f"degenerate data ({why}): no resampling can vary the mean; the interval is the point"}

    def stat(u: Any, v: Any, axis: int = -1) -> Any:
        return np.mean(v - u, axis=axis)

    out: dict[str, Any] = {"diff": diff, "method": "BCa", "message": ""}
    for method in ("BCa", "percentile"):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            res = bootstrap((x, y), stat, paired=True, vectorized=True, n_resamples=n_resamples,
                            confidence_level=0.95, method=method, rng=np.random.default_rng(seed))
        lo, hi = float(res.confidence_interval.low), float(res.confidence_interval.high)
        if not (math.isnan(lo) or math.isnan(hi)):
            out.update(ci=[lo, hi], method=method)
            if method == "percentile":
                out["message"] = "BCa is undefined on these data (degenerate jackknife); percentile interval used"
            return out
    out.update(ci=[diff, diff], method="none", message="bootstrap undefined on these data; the interval is the point")
    return out


def holm(pvalues: list[float]) -> list[float]:
    """Holm's step-down adjusted p-values (monotone, capped at 1), in the input order."""
    m = len(pvalues)
    order = sorted(range(m), key=lambda i: pvalues[i])
    adjusted = [0.0] * m
    running = 0.0
    for rank, i in enumerate(order):
        running = max(running, min(1.0, (m - rank) * pvalues[i]))
        adjusted[i] = running
    return adjusted


# ------------------------------------------------------------------------------------------------
# Comparison


def check_comparable(a: Run, b: Run, allow_mismatch: bool = False) -> list[str]:
    """Refuse different task sets; list (or refuse) identity mismatches."""
    only_a, only_b = sorted(set(a.results) - set(b.results)), sorted(set(b.results) - set(a.results))
    if only_a or only_b:
        def show(ids: list[str]) -> str:
            return ", ".join(ids[:10]) + (f" (+{len(ids) - 10} more)" if len(ids) > 10 else "") if ids else "none"

        raise CompareError(
            f"the runs cover different tasks: only in A ({a.path}): {show(only_a)}; only in B ({b.path}): {show(only_b)}"
        )
    mismatches = []
    for key in IDENTITY_KEYS:
        va, vb = a.identity.get(key), b.identity.get(key)
        if va == vb:
            continue
        mismatches.append(f"{key}: A {va or 'not recorded'} vs B {vb or 'not recorded'}")
    if mismatches and not allow_mismatch:
        raise CompareError("the runs were scored differently (pass --allow-mismatch to compare anyway):\n- "
                           + "\n- ".join(mismatches))
    return mismatches


def compare_runs(a: Run, b: Run, *, seed: int = DEFAULT_SEED, n_resamples: int = DEFAULT_RESAMPLES,
                 allow_mismatch: bool = False) -> dict[str, Any]:
    mismatches = check_comparable(a, b, allow_mismatch)
    ids = sorted(a.results)
    n = len(ids)
    metrics: dict[str, Any] = {}
    for m in METRICS:
        va, vb = a.values(m, ids), b.values(m, ids)
        ka, kb = sum(va), sum(vb)
        metrics[m] = {
            "a": ka / n, "b": kb / n, "a_ci": list(wilson(ka, n)), "b_ci": list(wilson(kb, n)),
            **{f"diff_{k}" if k != "diff" else "diff": v
               for k, v in paired_bootstrap(va, vb, seed=seed, n_resamples=n_resamples).items()},
            "mcnemar": mcnemar_exact(va, vb),
        }
    adjusted = holm([metrics[c]["mcnemar"]["p_value"] for c in CHECK_NAMES])
    for c, p in zip(CHECK_NAMES, adjusted, strict=True):
        metrics[c]["p_holm"] = p
    notes = [f"{m}: {metrics[m]['diff_message']}" for m in METRICS if metrics[m]["diff_message"]]
    return {
        "a": {"path": a.path, "label": a.label, "source": a.source, "model": a.model, "identity": a.identity},
        "b": {"path": b.path, "label": b.label, "source": b.source, "model": b.model, "identity": b.identity},
        "n_tasks": n,
        "seed": seed,
        "n_resamples": n_resamples,
        "allow_mismatch": allow_mismatch,
        "mismatches": mismatches,
        "metrics": metrics,
        "notes": notes,
        "task_ids": ids,
    }


def _f(x: float) -> str:
    return f"{x:+.3f}" if x else "0.000"


def markdown(report: dict[str, Any]) -> str:
    a, b, m = report["a"], report["b"], report["metrics"]
    p1 = m["pass_at_1"]
    lines = [
        f"# {b['label']} vs {a['label']}",
        "",
        f"- A: `{a['path']}` ({a['source']}{', ' + a['model'] if a['model'] else ''})",
        f"- B: `{b['path']}` ({b['source']}{', ' + b['model'] if b['model'] else ''})",
        f"- {report['n_tasks']} paired tasks; bootstrap: {report['n_resamples']} paired resamples, seed {report['seed']}",
        "",
        f"**pass@1**: A {p1['a']:.3f}, B {p1['b']:.3f}; B - A = {_f(p1['diff'])}, 95% CI "
        f"[{p1['diff_ci'][0]:+.3f}, {p1['diff_ci'][1]:+.3f}] ({p1['diff_method']}); exact McNemar p = "
        f"{p1['mcnemar']['p_value']:.4g} ({p1['mcnemar']['n10']} tasks only B passes, {p1['mcnemar']['n01']} only A).",
        "",
        "| metric | A | B | B - A | 95% CI (paired bootstrap) | McNemar p | Holm p |",
        "|---|---|---|---|---|---|---|",
    ]
    for name in METRICS:
        r = m[name]
        holm_p = f"{r['p_holm']:.4g}" if "p_holm" in r else "-"
        lines.append(f"| {name} | {r['a']:.3f} | {r['b']:.3f} | {_f(r['diff'])} | "
                     f"[{r['diff_ci'][0]:+.3f}, {r['diff_ci'][1]:+.3f}] | {r['mcnemar']['p_value']:.4g} | {holm_p} |")
    if report["mismatches"]:
        lines += ["", "**Compared despite different scoring (--allow-mismatch):**", ""]
        lines += [f"- {x}" for x in report["mismatches"]]
    if report["notes"]:
        lines += ["", "Notes:", ""] + [f"- {x}" for x in report["notes"]]
    return "\n".join(lines) + "\n"


def plot(reports: list[dict[str, Any]], path: str | Path, title: str = "") -> Path:
    """Per-metric rates with Wilson 95% intervals: the common A of the reports, then each B."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    series = [(reports[0]["a"]["label"], {k: (v["a"], v["a_ci"]) for k, v in reports[0]["metrics"].items()})]
    series += [(r["b"]["label"], {k: (v["b"], v["b_ci"]) for k, v in r["metrics"].items()}) for r in reports]
    x = np.arange(len(METRICS))
    width = 0.8 / len(series)
    fig, ax = plt.subplots(figsize=(max(7, 1.6 * len(METRICS)), 4))
    for i, (label, vals) in enumerate(series):
        rates = np.array([vals[k][0] for k in METRICS])
        lo = np.array([vals[k][1][0] for k in METRICS])
        hi = np.array([vals[k][1][1] for k in METRICS])
        ax.bar(x + (i - (len(series) - 1) / 2) * width, rates, width, label=label,
               yerr=np.vstack([rates - lo, hi - rates]), capsize=3)
    ax.set_xticks(x, list(METRICS))
    ax.set_ylim(0, 1.05)
    ax.set_ylabel(f"rate over {reports[0]['n_tasks']} tasks (Wilson 95% CI)")
    ax.set_title(title or " vs ".join(s[0] for s in series))
    ax.legend(fontsize=8)
    fig.tight_layout()
    out = Path(path)
    fig.savefig(out, dpi=120)
    plt.close(fig)
    return out


def write_report(report: dict[str, Any], out_dir: str | Path, stem: str = "compare") -> dict[str, Path]:
    d = Path(out_dir)
    d.mkdir(parents=True, exist_ok=True)
    paths = {"json": d / f"{stem}.json", "markdown": d / f"{stem}.md", "png": d / f"{stem}.png"}
    paths["json"].write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    paths["markdown"].write_text(markdown(report), encoding="utf-8")
    plot([report], paths["png"])
    return paths
