"""Dataset publish and load round trips against the loopback Hub (real huggingface_hub and datasets)."""

from __future__ import annotations

import hashlib
import json
import warnings
from pathlib import Path
from typing import Any

import pytest
import yaml

from tenacious_bench import dataset
from tenacious_bench.dataset import CANARY
from tenacious_bench.hub import dataset as hub_dataset
from tenacious_bench.hub.dataset import (
    PublishRefused,
    UnpinnedRevisionWarning,
    load_hub_tasks,
    load_hub_tasks_with_source,
)
from tenacious_bench.hub.rows import task_dict

pytestmark = pytest.mark.xdist_group("hub")


def _front_matter(text: str) -> dict[str, Any]:
    assert text.startswith("---\n")
    return yaml.safe_load(text.split("---\n", 2)[1])


def test_the_commit_holds_exactly_the_staged_files(hub: Any, published_dataset: dict[str, Any]) -> None:
    from huggingface_hub import HfApi, hf_hub_download

    repo_id, sha, staged = published_dataset["repo_id"], published_dataset["sha"], published_dataset["staged"]
    files = set(HfApi().list_repo_files(repo_id, repo_type="dataset", revision=sha))
    assert files - {".gitattributes"} == set(staged.files)
    for path, digest in staged.files.items():
        local = hf_hub_download(repo_id, path, repo_type="dataset", revision=sha)
        assert hashlib.sha256(Path(local).read_bytes()).hexdigest() == digest, path
    assert {p for p in staged.files if p.endswith(".parquet")} == {
        f"data/{s}-00000-of-00001.parquet" for s in dataset.SPLITS
    }
    # The parquet files went through the LFS batch API and an upload; the commit was NDJSON.
    methods = {(m, p.split("?")[0].rsplit("/", 1)[0]) for m, p, _ in hub.state.requests}
    assert ("PUT", "/lfs-upload") in methods
    assert any(m == "POST" and p.endswith(".git/info/lfs/objects/batch") for m, p, _ in hub.state.requests)


@pytest.mark.parametrize("split", dataset.SPLITS)
def test_rows_round_trip_through_the_task_model(hub: Any, published_dataset: dict[str, Any], split: str) -> None:
    import datasets

    repo_id, sha = published_dataset["repo_id"], published_dataset["sha"]
    rows = datasets.load_dataset(repo_id, split=split, revision=sha)
    shipped = dataset.load_split(split)
    from tenacious_bench.task import parse_task

    tasks = [parse_task(task_dict(r)) for r in rows]
    assert tasks == shipped
    # The prompts both harnesses send are byte-identical (bench order kept); only the key order inside
    # a signal's facts may differ (one struct order per parquet schema), so compare those sorted.
    from tenacious_bench.prompts import build_messages

    assert [build_messages(t) for t in tasks] == [build_messages(t) for t in shipped]

    def canonical(t: Any) -> str:
        d = t.model_dump(mode="json", by_alias=True, exclude_none=True)
        for s in d["signals"]:
            s["facts"] = dict(sorted(s["facts"].items()))
        return json.dumps(d, ensure_ascii=False)

    assert [canonical(t) for t in tasks] == [canonical(t) for t in shipped]
    if split == "held_out":
        assert all(r["reference"] is None and r["metadata"]["canary"] == CANARY for r in rows)


def test_load_hub_tasks_pinned_records_the_commit(hub: Any, published_dataset: dict[str, Any]) -> None:
    repo_id, sha = published_dataset["repo_id"], published_dataset["sha"]
    with warnings.catch_warnings():
        warnings.simplefilter("error", UnpinnedRevisionWarning)
        tasks, source = load_hub_tasks_with_source(repo_id, "dev", revision=sha)
    assert tasks == dataset.load_split("dev")
    assert source["commit_sha"] == sha and source["pinned"] is True


def test_an_unpinned_revision_warns_naming_the_risk(hub: Any, published_dataset: dict[str, Any]) -> None:
    with pytest.warns(UnpinnedRevisionWarning, match=r"can\s+change between runs.*Pin revision"):
        tasks = load_hub_tasks(published_dataset["repo_id"], "dev")
    assert len(tasks) == len(dataset.load_split("dev"))
    with pytest.warns(UnpinnedRevisionWarning, match="'main'"):
        load_hub_tasks(published_dataset["repo_id"], "dev", revision="main")


def test_card_metadata_round_trips(hub: Any, published_dataset: dict[str, Any]) -> None:
    from huggingface_hub import DatasetCard, HfApi

    repo_id, sha, staged = published_dataset["repo_id"], published_dataset["sha"], published_dataset["staged"]
    pushed = _front_matter((staged.folder / "README.md").read_text(encoding="utf-8"))
    card = DatasetCard.load(repo_id, repo_type="dataset", revision=sha) if _card_takes_revision() else None
    if card is not None:
        assert card.data.to_dict() == pushed
    assert HfApi().dataset_info(repo_id, revision=sha).card_data.to_dict() == pushed
    assert pushed["configs"] == [{
        "config_name": "default", "default": True,
        "data_files": [{"split": s, "path": f"data/{s}-*.parquet"} for s in dataset.SPLITS],
    }]
    assert pushed["license"] == "cc-by-4.0"
    text = (staged.folder / "README.md").read_text(encoding="utf-8")
    assert f'load_dataset("{repo_id}"' in text and CANARY in text


def _card_takes_revision() -> bool:
    import inspect

    from huggingface_hub import DatasetCard

    return "revision" in inspect.signature(DatasetCard.load).parameters


def test_an_old_commit_still_loads_after_a_republish(hub: Any, published_dataset: dict[str, Any],
                                                     tmp_path: Path) -> None:
    from huggingface_hub import HfApi

    from tenacious_bench.hub.dataset import push_folder

    sha = published_dataset["sha"]
    fork = "tenacious/republished"
    first = push_folder(fork, published_dataset["staged"].folder, repo_type="dataset", private=False, message="v1")
    (tmp_path / "extra").mkdir()
    (tmp_path / "extra" / "NOTE.md").write_text("second commit\n")
    second = push_folder(fork, tmp_path / "extra", repo_type="dataset", private=False, message="v2")
    assert first != second and HfApi().dataset_info(fork).sha == second
    assert load_hub_tasks(fork, "held_out", revision=first) == dataset.load_split("held_out")
    assert sha != first


def test_publish_refuses_on_contamination_naming_it(hub: Any, embedding_stand_in: None,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from tenacious_bench import contamination as c

    real = c.check_contamination

    def planted(tasks: Any, *a: Any, **kw: Any) -> Any:
        report = real(tasks, *a, **kw)
        report.violations.append(c.Violation("ngram", "TB-PRG-9999", "TB-PRG-0001", "train", 0.97, "planted copy"))
        return report

    monkeypatch.setattr(c, "check_contamination", planted)
    with pytest.raises(PublishRefused, match=r"contamination checker failed[\s\S]*ngram: TB-PRG-9999"):
        hub_dataset.publish_dataset("tenacious/refused")
    assert ("dataset", "tenacious/refused") not in hub.state.repos  # nothing was created or pushed


def test_publish_refuses_a_held_out_row_with_a_reference(hub: Any, embedding_stand_in: None,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    real = hub_dataset.load_version

    def leaky(version: str | None) -> Any:
        v, by_split = real(version)
        t = by_split["held_out"][0]
        leaked = t.model_copy(update={"reference": dataset.load_split("dev")[0].reference})
        by_split["held_out"] = [leaked, *by_split["held_out"][1:]]
        return v, by_split

    monkeypatch.setattr(hub_dataset, "load_version", leaky)
    with pytest.raises(PublishRefused, match="held_out row carries a reference"):
        hub_dataset.publish_dataset("tenacious/refused2")
    assert ("dataset", "tenacious/refused2") not in hub.state.repos


def test_an_unknown_version_is_refused_naming_the_offered_ones(hub: Any) -> None:
    with pytest.raises(PublishRefused, match=r"version '0\.9' is not offered.*versions: \["):
        hub_dataset.stage_dataset("unused", version="0.9")


def test_the_current_version_can_be_named(hub: Any) -> None:
    version, by_split = hub_dataset.load_version(dataset.DATASET_VERSION)
    assert version == dataset.DATASET_VERSION and set(by_split) == set(dataset.SPLITS)


def test_version_1_0_stays_publishable(hub: Any, embedding_stand_in: None, tmp_path: Path) -> None:
    """`publish dataset --version 1.0` stages the frozen 1.0 files: same tasks, its own version."""
    import datasets

    from tenacious_bench.task import parse_task

    staged = hub_dataset.stage_dataset(tmp_path / "stage", version="1.0")
    assert staged.version == "1.0"
    for split in dataset.SPLITS:
        rows = datasets.load_dataset("parquet", data_files=str(staged.folder / "data" / f"{split}-*.parquet"),
                                     split="train")
        assert [parse_task(task_dict(r)) for r in rows] == dataset.load_split(split, version="1.0")
