"""Both harness doors on the dataset read back from the loopback Hub give the shipped copy's scores."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tenacious_bench.harness_common import HarnessTaskError

pytestmark = pytest.mark.xdist_group("hub")
BIN = Path(sys.executable).parent


def _per_sample(log: Any) -> dict[str, dict[str, float]]:
    return {str(s.id): dict(s.scores["outreach_scorer"].value) for s in log.samples}


def test_inspect_on_the_hub_copy_scores_like_the_shipped_copy(hub: Any, published_dataset: dict[str, Any],
                                                               tmp_path: Path) -> None:
    from inspect_ai import eval as inspect_eval

    from tenacious_bench.inspect_tasks import outreach

    repo_id, sha = published_dataset["repo_id"], published_dataset["sha"]
    [shipped] = inspect_eval(outreach(split="dev"), model="tenacious/composer", log_dir=str(tmp_path / "a"),
                             display="none")
    [from_hub] = inspect_eval(outreach(split="dev", dataset=repo_id, revision=sha), model="tenacious/composer",
                              log_dir=str(tmp_path / "b"), display="none")
    assert shipped.status == from_hub.status == "success"
    assert _per_sample(from_hub) == _per_sample(shipped)
    assert len(_per_sample(shipped)) == 106  # dataset 1.2
    source = from_hub.eval.task_args.get("dataset") if from_hub.eval.task_args else None
    assert source == repo_id
    assert from_hub.eval.metadata["dataset"]["commit_sha"] == sha


def test_inspect_revision_without_dataset_is_an_error(hub: Any) -> None:
    from tenacious_bench.inspect_tasks import outreach

    with pytest.raises(HarnessTaskError, match="revision is given without dataset"):
        outreach(revision="0" * 40)


@pytest.mark.e2e
def test_inspect_eval_command_with_dataset_and_revision(hub: Any, published_dataset: dict[str, Any],
                                                        tmp_path: Path) -> None:
    """The documented command line, verbatim, in a fresh process pointed at the loopback Hub."""
    repo_id, sha = published_dataset["repo_id"], published_dataset["sha"]
    env = {**os.environ, **hub.env, "HF_HOME": str(tmp_path / "hf"), "HF_HUB_CACHE": str(tmp_path / "hf" / "hub"),
           "HF_DATASETS_CACHE": str(tmp_path / "hf" / "ds")}
    done = subprocess.run(
        [str(BIN / "inspect"), "eval", "tenacious_bench/outreach", "--model", "tenacious/composer",
         "-T", f"dataset={repo_id}", "-T", f"revision={sha}", "--limit", "5", "--log-dir", str(tmp_path / "logs"),
         "--display", "none"],
        env=env, capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    from inspect_ai.log import list_eval_logs, read_eval_log

    [info] = list_eval_logs(str(tmp_path / "logs"))
    log = read_eval_log(info)
    assert log.status == "success" and len(log.samples) == 5
    assert all(v == 1.0 for s in log.samples for v in s.scores["outreach_scorer"].value.values())
    assert hub.env["HF_TOKEN"] not in done.stdout + done.stderr + log.model_dump_json()  # nor in the log


def test_lm_eval_docs_from_the_hub_equal_the_shipped_docs(hub: Any, published_dataset: dict[str, Any]) -> None:
    from tenacious_bench.harness_tasks.utils import load_dataset, score_doc

    repo_id, sha = published_dataset["repo_id"], published_dataset["sha"]
    shipped = load_dataset(split="dev")["test"]
    from_hub = load_dataset(split="dev", hub_dataset=repo_id, hub_revision=sha, pretrained="ignored")["test"]
    assert [d["user"] for d in from_hub] == [d["user"] for d in shipped]
    assert [d["system"] for d in from_hub] == [d["system"] for d in shipped]
    assert [d["task_id"] for d in from_hub] == [d["task_id"] for d in shipped]
    # The same completions score the same on both copies (the references: all pass).
    scores = [(score_doc(h, h["target"]), score_doc(s, s["target"])) for h, s in zip(from_hub, shipped, strict=True)]
    assert all(a == b for a, b in scores) and all(a["pass_at_1"] == 1.0 for a, _ in scores)


@pytest.mark.e2e
def test_lm_eval_command_with_hub_metadata(hub: Any, published_dataset: dict[str, Any], tmp_path: Path) -> None:
    from tenacious_bench.commands.lm_eval_path import harness_tasks_dir

    repo_id, sha = published_dataset["repo_id"], published_dataset["sha"]
    env = {**os.environ, **hub.env, "HF_HOME": str(tmp_path / "hf"), "HF_HUB_CACHE": str(tmp_path / "hf" / "hub"),
           "HF_DATASETS_CACHE": str(tmp_path / "hf" / "ds")}
    out = tmp_path / "out"
    done = subprocess.run(
        [str(BIN / "lm_eval"), "--model", "dummy", "--tasks", "tenacious", "--include_path", str(harness_tasks_dir()),
         "--limit", "3", "--output_path", str(out),
         "--metadata", json.dumps({"hub_dataset": repo_id, "hub_revision": sha})],
        env=env, capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    [results] = list(out.rglob("results_*.json"))
    assert "pass_at_1,none" in json.loads(results.read_text())["results"]["tenacious"]
    # The Hub copy was read (the loader's request reached the loopback server's dataset repo).
    assert any(f"/datasets/{repo_id}/resolve/{sha}" in p for _, p, _ in hub.state.requests)
