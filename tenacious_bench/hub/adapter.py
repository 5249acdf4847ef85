"""Publish a peft LoRA adapter with a Hub model card, and download it back by repo id and revision.

`stage_adapter` writes exactly what is pushed: the adapter's files unchanged (weights byte for byte),
except `adapter_config.json`, whose `base_model_name_or_path` (a local folder after training) becomes
the base model's Hub id, and `README.md`, the model card built with `huggingface_hub`'s
`ModelCard`/`ModelCardData`: library peft, `base_model`, the base weights actually used (from the
adapter's `tenacious_bench_training.json`, written by `tenacious-bench train`), training config and
data hashes, dataset id and revision, held-out results from the Inspect logs given (as `model-index`
eval results), limitations and the canary notice.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tenacious_bench.hub.dataset import (
    REPO_ID_RE,
    PublishRefused,
    check_repo_id,
    is_pinned,
    push_folder,
    warn_unpinned,
)
from tenacious_bench.hub.errors import call, redact

METADATA_NAME = "tenacious_bench_training.json"
CONFIG_NAME = "adapter_config.json"
WEIGHT_NAMES = ("adapter_model.safetensors", "adapter_model.bin")
# Files of an adapter folder that are not pushed: trainer checkpoints and state, peft's own card.
SKIP_DIRS = ("checkpoint-", "runs", ".")
METRIC_ORDER = ("pass_at_1", "banned_phrases", "format", "grounding", "honesty", "one_ask")


class AdapterError(PublishRefused):
    """The adapter folder, its metadata or a log cannot make an honest card; nothing was pushed."""


@dataclass
class StagedAdapter:
    folder: Path
    base_model_id: str
    files: dict[str, str]  # path in repo -> sha256
    card_data: dict[str, Any]


def _read_json(path: Path, what: str) -> dict[str, Any]:
    if not path.is_file():
        raise AdapterError(f"{what} not found: {path}")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as err:
        raise AdapterError(f"{what} is not valid JSON ({path}): {err}") from None
    if not isinstance(data, dict):
        raise AdapterError(f"{what} must be a JSON object: {path}")
    return data


def _is_hub_id(value: Any) -> bool:
    return isinstance(value, str) and bool(REPO_ID_RE.match(value)) and not Path(value).expanduser().exists()


def resolve_base_model_id(given: str | None, metadata: dict[str, Any], config: dict[str, Any]) -> str:
    """The base model's Hub id: the one given, else one the metadata or config records; refuse otherwise."""
    if given:
        if not _is_hub_id(given):
            raise AdapterError(f"--base-model-id must be a Hub id ORG/NAME, got {given!r}")
        return given
    for value in (metadata.get("base_model_id"), metadata.get("base_model"), config.get("base_model_name_or_path")):
        if _is_hub_id(value):
            return str(value)
    local = config.get("base_model_name_or_path") or metadata.get("base_model")
    raise AdapterError(
        f"no Hub id is known for the base model (the adapter records {local!r}, a local path); "
        "pass --base-model-id ORG/NAME naming the model the adapter applies to"
    )


def _pick(d: dict[str, Any], *keys: str) -> Any:
    for k in keys:
        if d.get(k) not in (None, {}, []):
            return d[k]
    return None


def held_out_results(logs: list[Path]) -> list[dict[str, Any]]:
    """One entry per Inspect log: model, split, dataset source/revision, samples, per-metric means."""
    if not logs:
        return []
    from inspect_ai.log import read_eval_log

    out = []
    for path in logs:
        try:
            log = read_eval_log(str(path), header_only=True)
        except FileNotFoundError:
            raise AdapterError(f"Inspect log not found: {path}") from None
        except Exception as err:
            raise AdapterError(f"cannot read Inspect log {path}: {redact(str(err))[:300]}") from None
        if log.status != "success" or log.results is None:
            raise AdapterError(f"Inspect log {path} did not finish successfully (status {log.status})")
        if not log.eval.task.endswith("outreach"):
            raise AdapterError(f"Inspect log {path} is of task {log.eval.task!r}, not tenacious_bench/outreach")
        meta = log.eval.metadata or {}
        args = log.eval.task_args or {}
        split = meta.get("split") or args.get("split") or (meta.get("dataset") or {}).get("split")
        if split != "held_out":
            raise AdapterError(f"Inspect log {path} is on split {split!r}; the card reports held-out results only")
        source = meta.get("dataset") or {}
        metrics = {s.name: float(s.metrics["mean"].value) for s in log.results.scores if "mean" in s.metrics}
        missing = [m for m in METRIC_ORDER if m not in metrics]
        if missing:
            raise AdapterError(f"Inspect log {path} lacks the metrics {missing}")
        out.append({
            "log": Path(path).name,
            "model": log.eval.model,
            "samples": log.results.completed_samples,
            "total_samples": log.results.total_samples,
            "dataset_repo_id": source.get("repo_id"),
            "dataset_revision": source.get("commit_sha"),
            "dataset_version": source.get("dataset_version"),
            "scorer_version": meta.get("scorer_version"),
            "prompt_version": meta.get("prompt_version"),
            "metrics": {m: metrics[m] for m in METRIC_ORDER},
        })
    return out


def _eval_results(results: list[dict[str, Any]], dataset_id: str | None, dataset_revision: str | None) -> list[Any]:
    from huggingface_hub import EvalResult

    out = []
    for r in results:
        for metric, value in r["metrics"].items():
            out.append(EvalResult(
                task_type="text-generation", task_name="Sales-outreach email writing (tenacious-bench)",
                dataset_type=r["dataset_repo_id"] or dataset_id or "tenacious-bench",
                dataset_name="Tenacious-Bench held-out", dataset_split="held_out",
                dataset_revision=r["dataset_revision"] or dataset_revision,
                metric_type=metric, metric_name=metric, metric_value=round(value, 4),
            ))
    return out


def _weights_section(meta: dict[str, Any], base_id: str) -> str:
    weights = meta.get("base_weights") or {}
    if not weights:
        return (f"The metadata file records no `base_weights`; the adapter was trained on `{meta.get('base_model')}`, "
                f"declared here as `{base_id}`.\n")
    lines = [f"- {k}: `{v}`" for k, v in weights.items()]
    text = "The base weights the adapter was trained and scored on (from `tenacious_bench_training.json`):\n\n"
    text += "\n".join(lines) + "\n"
    source, fmt = str(weights.get("source", "")), str(weights.get("format", ""))
    if "smollm2" in source.lower() or "gguf" in fmt.lower():
        text += (
            f"\n**Note.** These are not the Hub's original `{base_id}` weights: they come from the "
            f"`{source}` package ({fmt}), i.e. a 4-bit GGUF quantization turned back into floating point. "
            "The Hub's original weights differ slightly; every score in this card was measured on the "
            "dequantized weights. Applying the adapter to the original weights works (same architecture and "
            "tokenizer) but can score differently.\n"
        )
    return text


def render_card(*, repo_id: str, base_id: str, meta: dict[str, Any], config: dict[str, Any],
                results: list[dict[str, Any]], dataset_id: str | None, dataset_revision: str | None) -> Any:
    """The model card (a `huggingface_hub.ModelCard`)."""
    from huggingface_hub import ModelCard, ModelCardData

    from tenacious_bench.dataset import CANARY

    data = ModelCardData(
        model_name=repo_id.split("/", 1)[1], base_model=base_id, library_name="peft",
        license=meta.get("license") or None, language=["en"], pipeline_tag="text-generation",
        datasets=[dataset_id] if dataset_id else None,
        tags=["peft", "lora", "tenacious-bench", "sales-outreach", "email-generation"],
        eval_results=_eval_results(results, dataset_id, dataset_revision) or None,
    )
    training = _pick(meta, "training_config", "training", "config", "hyperparameters") or {}
    hashes = _pick(meta, "data_hashes", "data_sha256", "data") or {}
    manifest = _pick(meta, "dataset_manifest", "manifest") or {}
    lora = {k: config.get(k) for k in ("peft_type", "r", "lora_alpha", "lora_dropout", "target_modules", "bias",
                                        "task_type") if config.get(k) is not None}
    if dataset_id:
        ds_line = f"[`{dataset_id}`]({_hub_url('datasets/' + dataset_id)})" + (
            f" at revision `{dataset_revision}`" if dataset_revision else " (revision not recorded)")
    else:
        ds_line = "the tenacious-bench dataset shipped in the `tenacious-bench` package (no Hub id given)"
    if results:
        rows = "\n".join(
            f"| {r['model']} | {r['samples']}/{r['total_samples']} | "
            + " | ".join(f"{r['metrics'][m]:.3f}" for m in METRIC_ORDER)
            + f" | `{r['dataset_repo_id'] or 'shipped'}`{'@' + r['dataset_revision'][:12] if r['dataset_revision'] else ''} |"
            for r in results
        )
        results_md = ("| model | samples | " + " | ".join(METRIC_ORDER) + " | dataset |\n"
                      + "|---" * (len(METRIC_ORDER) + 3) + "|\n" + rows + "\n\n"
                      "Read from the Inspect logs named in `model-index` (held-out split, five mechanical checks; "
                      "pass_at_1 = all five pass).\n")
    else:
        results_md = "No evaluation log was given when this adapter was published; the card reports no scores.\n"

    def block(obj: Any) -> str:
        return "```json\n" + json.dumps(obj, indent=2, sort_keys=True, default=str) + "\n```\n"

    content = f"""---
{data.to_yaml()}
---

# {repo_id}

A LoRA adapter (peft) for [`{base_id}`]({_hub_url(base_id)}) trained to write sales-outreach emails
for the tenacious-bench task: one email per prospect brief, scored by five mechanical checks
(`banned_phrases`, `format`, `grounding`, `honesty`, `one_ask`).

## Use

```python
from peft import AutoPeftModelForCausalLM
from transformers import AutoTokenizer

model = AutoPeftModelForCausalLM.from_pretrained("{repo_id}", revision="COMMIT_SHA")
tokenizer = AutoTokenizer.from_pretrained("{base_id}")
```

Evaluate it (pin the adapter's commit sha; see the tenacious-bench docs/hub.md):

```bash
lm_eval --model hf --model_args pretrained={base_id},peft=$(hf download {repo_id} --revision COMMIT_SHA --quiet) \\
  --tasks tenacious --apply_chat_template
inspect eval tenacious_bench/outreach --model hf/{repo_id} \\
  -M model_path=$(hf download {repo_id} --revision COMMIT_SHA --quiet) -M tokenizer={base_id} -M do_sample=false
```

## Base weights

{_weights_section(meta, base_id)}
## Training

Dataset: {ds_line}. Scorer version `{meta.get('scorer_version')}`, prompt version `{meta.get('prompt_version')}`.

LoRA configuration (from `adapter_config.json`):

{block(lora)}
Training configuration (from `tenacious_bench_training.json`):

{block(training)}
Training data hashes:

{block(hashes)}
Dataset manifest:

{block(manifest)}
## Held-out results

{results_md}
## Limitations

- Scores are from a mechanical scorer: a passing email can still be unconvincing, and rules no check
  covers (tone, segment framing) are not measured.
- The briefs are fictional and in English; the style guide is Tenacious's. Scores do not transfer to
  other companies' rules without their style-guide file.
- Trained on a few hundred synthetic briefs: expect weaker emails on briefs unlike the training data.
- The scores hold for the base weights named above (see the note there) and the scorer and prompt
  versions recorded; re-score with the same versions before comparing.

## Canary

Tenacious-Bench held-out data must never appear in training corpora. Its rows carry this canary
string; this adapter was trained on rows without it (the training-data builder refuses rows that
carry it):

`{CANARY}`
"""
    return ModelCard(content)


def _hub_url(path: str) -> str:
    return f"https://huggingface.co/{path}"


def _adapter_files(adapter_dir: Path) -> list[Path]:
    out = []
    for p in sorted(adapter_dir.rglob("*")):
        rel = p.relative_to(adapter_dir)
        if not p.is_file() or any(part.startswith(SKIP_DIRS) for part in rel.parts[:-1]) or rel.name.startswith("."):
            continue
        out.append(p)
    return out


def stage_adapter(adapter_dir: str | Path, out_dir: str | Path, *, repo_id: str, base_model_id: str | None = None,
                  logs: list[Path] | None = None, dataset_id: str | None = None,
                  dataset_revision: str | None = None) -> StagedAdapter:
    """Write exactly what `publish_adapter` pushes into `out_dir`; AdapterError on anything that would lie."""
    check_repo_id(repo_id)
    src = Path(adapter_dir)
    if not src.is_dir():
        raise AdapterError(f"adapter folder not found: {src}")
    config = _read_json(src / CONFIG_NAME, "adapter config (adapter_config.json)")
    if not any((src / w).is_file() for w in WEIGHT_NAMES):
        raise AdapterError(f"no adapter weights in {src} (expected one of {', '.join(WEIGHT_NAMES)})")
    meta = _read_json(src / METADATA_NAME, f"training metadata ({METADATA_NAME}, written by `tenacious-bench train`)")
    base_id = resolve_base_model_id(base_model_id, meta, config)
    manifest = _pick(meta, "dataset_manifest", "manifest") or {}
    dataset_id = dataset_id or _pick(meta, "dataset_id", "dataset_repo_id") or (
        manifest.get("repo_id") if isinstance(manifest, dict) else None)
    dataset_revision = dataset_revision or _pick(meta, "dataset_revision") or (
        manifest.get("commit_sha") if isinstance(manifest, dict) else None)
    if dataset_id and not REPO_ID_RE.match(str(dataset_id)):
        raise AdapterError(f"dataset id must be a Hub id ORG/NAME, got {dataset_id!r}")
    if dataset_revision and not is_pinned(str(dataset_revision)):
        raise AdapterError(f"dataset revision must be a 40-hex commit sha, got {dataset_revision!r}")
    results = held_out_results(list(logs or []))

    out = Path(out_dir)
    if out.exists() and any(out.iterdir()):
        raise AdapterError(f"staging folder {out} is not empty; give a new or empty folder")
    out.mkdir(parents=True, exist_ok=True)
    for p in _adapter_files(src):
        rel = p.relative_to(src)
        if rel.as_posix() in (CONFIG_NAME, "README.md"):
            continue
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(p, out / rel)
    pushed_config = dict(config)
    pushed_config["base_model_name_or_path"] = base_id
    (out / CONFIG_NAME).write_text(json.dumps(pushed_config, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    card = render_card(repo_id=repo_id, base_id=base_id, meta=meta, config=config, results=results,
                       dataset_id=dataset_id, dataset_revision=dataset_revision)
    text = redact(str(card))
    (out / "README.md").write_text(text, encoding="utf-8")
    files = {p.relative_to(out).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
             for p in sorted(out.rglob("*")) if p.is_file()}
    return StagedAdapter(out, base_id, files, card.data.to_dict())


def publish_adapter(repo_id: str, adapter_dir: str | Path, *, base_model_id: str | None = None,
                    logs: list[Path] | None = None, dataset_id: str | None = None,
                    dataset_revision: str | None = None, private: bool = False, message: str | None = None,
                    token: str | None = None, stage_dir: str | Path | None = None) -> tuple[str, StagedAdapter]:
    """Stage and push the adapter as one commit to a model repo; return (commit sha, staged)."""
    with tempfile.TemporaryDirectory() as tmp:
        staged = stage_adapter(adapter_dir, Path(stage_dir) if stage_dir else Path(tmp) / "stage", repo_id=repo_id,
                               base_model_id=base_model_id, logs=logs, dataset_id=dataset_id,
                               dataset_revision=dataset_revision)
        sha = push_folder(repo_id, staged.folder, repo_type="model", private=private,
                          message=message or f"tenacious-bench LoRA adapter for {staged.base_model_id}", token=token)
        return sha, staged


def download_adapter(repo_id: str, revision: str | None = None, token: str | None = None) -> Path:
    """The adapter repo's snapshot folder at `revision` (warns when it is not a commit sha)."""
    from huggingface_hub import snapshot_download

    check_repo_id(repo_id)
    warn_unpinned(repo_id, revision, kind="adapter")
    path = call(lambda: snapshot_download(repo_id, revision=revision, token=token),
                f"downloading adapter {repo_id} at {revision or 'main'}")
    return Path(path)
