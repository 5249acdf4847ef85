"""Adapter publish and load round trips against the loopback Hub (real huggingface_hub, peft, transformers)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tenacious_bench.dataset import CANARY
from tenacious_bench.hub.adapter import AdapterError, stage_adapter
from tests.hub.conftest import BASE_MODEL_ID

# With the harness tests that load SmolLM2: one worker prepares the shared model folder, never two.
pytestmark = pytest.mark.xdist_group("smollm2")
BIN = Path(sys.executable).parent


def test_weights_are_byte_identical_and_the_config_names_the_hub_base(
        hub: Any, published_adapter: dict[str, Any], lora_adapter: Path) -> None:
    from huggingface_hub import hf_hub_download

    repo_id, sha = published_adapter["repo_id"], published_adapter["sha"]
    pulled = Path(hf_hub_download(repo_id, "adapter_model.safetensors", revision=sha))
    assert pulled.read_bytes() == (lora_adapter / "adapter_model.safetensors").read_bytes()
    config = json.loads(Path(hf_hub_download(repo_id, "adapter_config.json", revision=sha)).read_text())
    local = json.loads((lora_adapter / "adapter_config.json").read_text())
    assert config["base_model_name_or_path"] == BASE_MODEL_ID != local["base_model_name_or_path"]
    assert {k: v for k, v in config.items() if k != "base_model_name_or_path"} == {
        k: v for k, v in local.items() if k != "base_model_name_or_path"}
    metadata = Path(hf_hub_download(repo_id, "tenacious_bench_training.json", revision=sha))
    assert metadata.read_bytes() == (lora_adapter / "tenacious_bench_training.json").read_bytes()


def test_card_metadata_round_trips(hub: Any, published_adapter: dict[str, Any], held_out_log: Path,
                                   published_dataset: dict[str, Any]) -> None:
    from huggingface_hub import ModelCard, hf_hub_download
    from inspect_ai.log import read_eval_log

    repo_id, sha, staged = published_adapter["repo_id"], published_adapter["sha"], published_adapter["staged"]
    card = ModelCard.load(Path(hf_hub_download(repo_id, "README.md", revision=sha)))
    data = card.data.to_dict()
    assert data == staged.card_data
    assert data["library_name"] == "peft" and data["base_model"] == BASE_MODEL_ID
    assert data["datasets"] == [published_dataset["repo_id"]]
    log = read_eval_log(str(held_out_log), header_only=True)
    expected = {s.name: round(float(s.metrics["mean"].value), 4) for s in log.results.scores}
    [entry] = data["model-index"]
    results = {m["type"]: m["value"] for r in entry["results"] for m in r["metrics"]}
    assert results == expected and "pass_at_1" in results
    assert all(r["dataset"]["revision"] == published_dataset["sha"] and r["dataset"]["split"] == "held_out"
               for r in entry["results"])
    text = card.text
    assert CANARY in text
    assert "dequantized" in text and "not the Hub's original" in text
    assert "learning_rate" in text and "train_sft.jsonl" in text
    assert "## Limitations" in text


def test_refuses_when_no_hub_id_of_the_base_is_known(hub: Any, lora_adapter: Path, tmp_path: Path) -> None:
    with pytest.raises(AdapterError, match=r"no Hub id is known for the base model.*--base-model-id"):
        stage_adapter(lora_adapter, tmp_path / "s", repo_id="tenacious/x")
    assert not (tmp_path / "s").exists()


def test_refuses_a_log_not_on_held_out(hub: Any, lora_adapter: Path, tmp_path: Path) -> None:
    from inspect_ai import eval as inspect_eval

    from tenacious_bench.inspect_tasks import outreach

    [log] = inspect_eval(outreach(split="dev"), model="tenacious/composer", limit=1, log_dir=str(tmp_path / "l"),
                         display="none")
    with pytest.raises(AdapterError, match=r"split .dev.*held-out results only"):
        stage_adapter(lora_adapter, tmp_path / "s", repo_id="tenacious/x", base_model_id=BASE_MODEL_ID,
                      logs=[Path(log.location)])


def test_refuses_an_adapter_without_training_metadata(hub: Any, lora_adapter: Path, tmp_path: Path) -> None:
    bare = tmp_path / "bare"
    shutil.copytree(lora_adapter, bare)
    (bare / "tenacious_bench_training.json").unlink()
    with pytest.raises(AdapterError, match=r"tenacious_bench_training\.json.*not found"):
        stage_adapter(bare, tmp_path / "s", repo_id="tenacious/x", base_model_id=BASE_MODEL_ID)


def test_peft_loads_the_adapter_by_repo_id_onto_the_hub_base(hub: Any, published_adapter: dict[str, Any],
                                                              lora_adapter: Path, fresh_cache: Path) -> None:
    """What lm-eval's `peft=` does: the base by Hub id, then PeftModel.from_pretrained(repo id, revision)."""
    import torch
    from peft import PeftModel
    from safetensors.torch import load_file
    from transformers import AutoModelForCausalLM

    base = AutoModelForCausalLM.from_pretrained(BASE_MODEL_ID, dtype=torch.float32)
    model = PeftModel.from_pretrained(base, published_adapter["repo_id"], revision=published_adapter["sha"])
    local = load_file(str(lora_adapter / "adapter_model.safetensors"))
    loaded = {k: v for k, v in model.state_dict().items() if "lora_" in k}
    assert len(loaded) == len(local) > 0
    for key, value in local.items():
        match = [v for k, v in loaded.items() if k.replace(".default", "") == key]
        assert len(match) == 1 and torch.equal(match[0], value), key


def _env(hub: Any, tmp_path: Path) -> dict[str, str]:
    home = tmp_path / "hf"
    return {**os.environ, **hub.env, "HF_HOME": str(home), "HF_HUB_CACHE": str(home / "hub"),
            "HF_DATASETS_CACHE": str(home / "ds"), "HF_HUB_OFFLINE": "0"}


@pytest.mark.e2e
def test_lm_eval_peft_by_repo_id(hub: Any, published_adapter: dict[str, Any], tmp_path: Path) -> None:
    """`peft=ORG/NAME` verbatim: lm-eval fetches the base and the adapter by their Hub ids."""
    from tenacious_bench.commands.lm_eval_path import harness_tasks_dir

    env = _env(hub, tmp_path)
    before = len(hub.state.requests)
    out = tmp_path / "out"
    done = subprocess.run(
        [str(BIN / "lm_eval"), "--model", "hf", "--model_args",
         f"pretrained={BASE_MODEL_ID},peft={published_adapter['repo_id']},dtype=float32", "--device", "cpu",
         "--tasks", "tenacious", "--include_path", str(harness_tasks_dir()), "--limit", "1",
         "--apply_chat_template", "--gen_kwargs", "max_gen_toks=8", "--output_path", str(out)],
        env=env, capture_output=True, text=True, timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    [results] = list(out.rglob("results_*.json"))
    assert "pass_at_1,none" in json.loads(results.read_text())["results"]["tenacious"]
    assert hub.env["HF_TOKEN"] not in done.stdout + done.stderr
    reads = [p for _, p, _ in hub.state.requests[before:]]
    assert any(p.startswith(f"/{published_adapter['repo_id']}/resolve/") and p.endswith("adapter_model.safetensors")
               for p in reads)


@pytest.mark.e2e
def test_inspect_hf_provider_with_the_adapter(hub: Any, published_adapter: dict[str, Any], tmp_path: Path) -> None:
    env = _env(hub, tmp_path)
    snapshot = subprocess.run([str(BIN / "hf"), "download", published_adapter["repo_id"], "--revision",
                               published_adapter["sha"], "--quiet"], env=env, capture_output=True, text=True,
                              timeout=120)
    assert snapshot.returncode == 0, snapshot.stderr[-2000:]
    before = len(hub.state.requests)
    done = subprocess.run(
        [str(BIN / "inspect"), "eval", "tenacious_bench/outreach", "--model", f"hf/{published_adapter['repo_id']}",
         "-M", f"model_path={snapshot.stdout.strip()}", "-M", f"tokenizer={BASE_MODEL_ID}", "-M", "device=cpu",
         "-M", "do_sample=false",
         "--limit", "1", "--max-tokens", "8", "--log-dir", str(tmp_path / "logs"), "--display", "none"],
        env=env, capture_output=True, text=True, timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    from inspect_ai.log import list_eval_logs, read_eval_log

    [info] = list_eval_logs(str(tmp_path / "logs"))
    log = read_eval_log(info)
    assert log.status == "success", log.error.traceback[-3000:] if log.error else log.status
    assert len(log.samples) == 1
    assert hub.env["HF_TOKEN"] not in done.stdout + done.stderr + log.model_dump_json()  # nor in the log
    # transformers read adapter_config.json in the snapshot and fetched the base by its Hub id.
    base_reads = [p for _, p, _ in hub.state.requests[before:] if p.startswith(f"/{BASE_MODEL_ID}/resolve/")]
    assert any(p.endswith("/model.safetensors") for p in base_reads)
