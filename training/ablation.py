"""`tenacious-bench ablation --config F`: the study in one command, every number from the model it names.

Conditions, all on the same first `held_out_tasks` held-out tasks through Inspect (`hf/...` with
`model_path`, greedy, `max_tokens` from the config):

- ``base-short``: the base model with the short prompt (the original study's base condition);
- ``base-full``: the base model with the full prompt (the original's "prompt-engineered" baseline);
- ``sft``: the SFT adapter (trained here with the config's `sft:` section);
- ``sft-dpo``: DPO started from the merged SFT model (`dpo:` section, `init_adapter` = the SFT adapter);
- ``grpo`` (when `ablation.grpo` is true): GRPO started from the merged SFT model.

A prompt variant runs only when the Inspect task takes a `prompt` parameter (issue #9's
`build_messages(variant=...)`); otherwise that condition is skipped and the report says so, and the
base condition is the base model with the prompt the task sends today. Every condition is then
compared with the base (`tenacious_bench.compare`): one Markdown + JSON report and one plot.

The YAML's `ablation:` section: output_dir, held_out_tasks (0 = all), max_tokens, grpo, batch_size.
"""

from __future__ import annotations

import inspect as pyinspect
import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass
class AblationSettings:
    output_dir: str = "runs/ablation"
    held_out_tasks: int = 0
    max_tokens: int = 512
    grpo: bool = False
    batch_size: int = 4
    # Reuse adapters trained earlier (with this config) instead of training them here.
    sft_adapter: str = ""
    dpo_adapter: str = ""
    grpo_adapter: str = ""


def load_settings(path: str | Path, overrides: dict[str, Any] | None = None) -> AblationSettings:
    import yaml

    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    section = dict(data.get("ablation") or {})
    section.update(overrides or {})
    known = set(AblationSettings.__dataclass_fields__)
    unknown = sorted(set(section) - known)
    if unknown:
        raise ValueError(f"{path}: unknown ablation keys {unknown}; known: {sorted(known)}")
    return AblationSettings(**section)


def prompt_parameter_supported() -> bool:
    from tenacious_bench.inspect_tasks import outreach

    return "prompt" in pyinspect.signature(outreach).parameters


def evaluate(name: str, model_path: str, settings: AblationSettings, log_dir: Path,
             prompt: str | None = None) -> str:
    """One Inspect run of a local model folder (or adapter folder) on the held-out subset; the log path."""
    import os

    from inspect_ai import eval as inspect_eval
    from inspect_ai.model import ModelInfo, set_model_info

    from tenacious_bench.inspect_tasks import outreach

    # Inspect looks model info up by name while it records usage; unregistered, `hf/NAME` would be
    # instantiated again from the Hub id NAME (network retries). Registering the info avoids that.
    set_model_info(f"hf/{name}", ModelInfo(organization="tenacious-bench", model=name))
    if os.environ.get("HF_HUB_OFFLINE") == "1":  # local weights: make sure the Hub library agrees
        import huggingface_hub.constants

        huggingface_hub.constants.HF_HUB_OFFLINE = True
    task_args: dict[str, Any] = {"split": "held_out"}
    if prompt is not None:
        task_args["prompt"] = prompt
    [log] = inspect_eval(
        outreach(**task_args),
        model=f"hf/{name}",
        model_args={"model_path": model_path, "device": "cpu", "do_sample": False,
                    "batch_size": settings.batch_size},
        limit=settings.held_out_tasks or None,
        max_tokens=settings.max_tokens,
        log_dir=str(log_dir / name),
        display="none",
    )
    if log.status != "success":
        raise RuntimeError(f"ablation condition {name}: the Inspect run failed: {log.error}")
    return str(log.location)


def run_ablation(config: str, overrides: list[str] | None = None,
                 settings_overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    from tenacious_bench.training.config import load_config
    from tenacious_bench.training.train import METADATA_NAME, resolve_base, train

    from tenacious_bench.compare import compare_runs, markdown, plot, read_run

    settings = load_settings(config, settings_overrides)
    out = Path(settings.output_dir)
    out.mkdir(parents=True, exist_ok=True)
    overrides = list(overrides or [])
    timings: dict[str, float] = {}
    notes: list[str] = []

    def trained(name: str, stage: str, given: str, init: Path | None) -> Path:
        if given:
            notes.append(f"{name}: reused the adapter {given} (not trained in this run)")
            return Path(given)
        t = time.perf_counter()
        extra = ["--init_adapter", str(init)] if init is not None else []
        path = train(stage, config, [*overrides, "--output_dir", str(out / name), *extra])
        timings[f"train_{name}"] = time.perf_counter() - t
        return path

    sft_dir = trained("sft", "sft", settings.sft_adapter, None)
    adapters = {"sft": sft_dir, "sft-dpo": trained("sft-dpo", "dpo", settings.dpo_adapter, sft_dir)}
    if settings.grpo:
        adapters["grpo"] = trained("grpo", "grpo", settings.grpo_adapter, sft_dir)

    bench, _ = load_config("sft", config, overrides)
    base_path, _ = resolve_base(bench)
    logs: dict[str, str] = {}
    if prompt_parameter_supported():
        conditions = [("base-short", base_path, "short"), ("base-full", base_path, "full")]
    else:
        notes.append("base-short and base-full need the Inspect task's `prompt` parameter (issue #9), which this "
                     "build lacks: the base condition is the base model with the task's current prompt")
        conditions = [("base", base_path, None)]
    for name, adapter in adapters.items():
        meta = json.loads((Path(adapter) / METADATA_NAME).read_text(encoding="utf-8"))
        conditions.append((name, meta.get("eval_model_path") or str(adapter), bench.prompt_variant))
    for name, path, prompt in conditions:
        t = time.perf_counter()
        logs[name] = evaluate(name, str(path), settings, out / "logs", prompt)
        timings[f"eval_{name}"] = time.perf_counter() - t

    base_name = conditions[0][0]
    base_run = read_run(logs[base_name], base_name)
    reports = []
    for name, _, _ in conditions[1:]:
        reports.append(compare_runs(base_run, read_run(logs[name], name)))
    png = plot(reports, out / "ablation.png", title=f"ablation on {reports[0]['n_tasks']} held-out tasks")
    result = {"config": config, "overrides": overrides, "settings": settings.__dict__, "logs": logs,
              "adapters": {k: str(v) for k, v in adapters.items()}, "comparisons": reports,
              "timings_s": {k: round(v, 1) for k, v in timings.items()}, "notes": notes, "plot": str(png)}
    (out / "ablation.json").write_text(json.dumps(result, indent=2, default=str) + "\n", encoding="utf-8")
    lines = [f"# Ablation: {config}", "", f"Held-out tasks: {reports[0]['n_tasks']}; max_tokens "
             f"{settings.max_tokens}; base condition: {base_name}.", ""]
    lines += ["| condition | pass@1 | B - base | 95% CI | McNemar p |", "|---|---|---|---|---|"]
    p0 = reports[0]["metrics"]["pass_at_1"]
    lines.append(f"| {base_name} | {p0['a']:.3f} | | | |")
    for r in reports:
        p = r["metrics"]["pass_at_1"]
        lines.append(f"| {r['b']['label']} | {p['b']:.3f} | {p['diff']:+.3f} | [{p['diff_ci'][0]:+.3f}, "
                     f"{p['diff_ci'][1]:+.3f}] | {p['mcnemar']['p_value']:.4g} |")
    lines += ["", f"Timings (s): {json.dumps(result['timings_s'])}", ""]
    lines += [f"- {n}" for n in notes]
    lines += ["", "![per-check rates](ablation.png)", ""]
    for r in reports:
        lines += [markdown(r).replace("# ", "## ", 1), ""]
    (out / "ablation.md").write_text("\n".join(lines), encoding="utf-8")
    result["markdown"] = str(out / "ablation.md")
    return result
