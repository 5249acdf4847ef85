"""Publish the dataset to the Hub and load it back by repo id and revision.

`stage_dataset` writes exactly what is pushed into a folder (it is also `--dry-run DIR`):

    README.md                       the data card, its `configs` pointing at the parquet files
    data/{split}-00000-of-00001.parquet   one file per split, written by `datasets`
    task.schema.json                the JSON Schema of a row
    style_guide.yaml                the style guide the scorer uses
    tenacious_bench_manifest.json   dataset version, versions of scorer/prompt, sha256 of every file

It first validates every split through the task model and the sealing rules (held-out rows carry the
canary and no reference email) and runs the contamination checker, refusing on any failure.
`publish_dataset` then creates the repo and pushes the folder as one commit, returning its sha.
`load_hub_tasks` reads a split back through `datasets.load_dataset` and the task model.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import sys
import warnings
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from tenacious_bench.hub.errors import HubError, call

SHA_RE = re.compile(r"^[0-9a-f]{40}$")
REPO_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._\-]*/[A-Za-z0-9][A-Za-z0-9._\-]*$")
MANIFEST_NAME = "tenacious_bench_manifest.json"
SCHEMA_NAME = "task.schema.json"
STYLE_GUIDE_NAME = "style_guide.yaml"

# Test hook, never set in real use: tests replace the MiniLM embedding model of the contamination
# check with a small stand-in (the other three checks run unchanged). When it is set, staging says so
# on stderr and records it in the manifest, so a staged folder made with it cannot pass for a real one.
TEST_HOOK_EMBEDDING_MODEL: Any = None


class PublishRefused(HubError):
    """Validation or the contamination check failed; nothing was pushed."""


class UnpinnedRevisionWarning(UserWarning):
    """A Hub dataset was loaded at a branch or tag (or none): its contents can change under you."""


@dataclass
class StagedDataset:
    folder: Path
    version: str
    files: dict[str, str]  # path in repo -> sha256
    rows: dict[str, int]
    contamination: dict[str, Any] = field(default_factory=dict)


def check_repo_id(repo_id: str) -> str:
    if not REPO_ID_RE.match(repo_id or ""):
        raise HubError(f"repo id must look like ORG/NAME, got {repo_id!r}")
    return repo_id


def parquet_path(split: str) -> str:
    return f"data/{split}-00000-of-00001.parquet"


def available_versions() -> list[str]:
    """Dataset versions this build can publish (what `tenacious_bench.dataset` offers)."""
    from tenacious_bench import dataset

    for name in ("available_versions", "versions"):
        fn = getattr(dataset, name, None)
        if callable(fn):
            return [str(v) for v in fn()]
    listed = getattr(dataset, "VERSIONS", None) or getattr(dataset, "DATASET_VERSIONS", None)
    if listed:
        return [str(v) for v in listed]
    return [dataset.DATASET_VERSION]


def _same_version(a: str, b: str) -> bool:
    def norm(v: str) -> tuple[int, ...]:
        parts = [int(p) for p in v.split(".") if p.isdigit()]
        while parts and parts[-1] == 0:
            parts.pop()
        return tuple(parts)

    return a == b or (norm(a) == norm(b) and bool(norm(a)))


def load_version(version: str | None) -> tuple[str, dict[str, list[Any]]]:
    """(version, tasks by split) of the default dataset or of `version`, each split validated on load."""
    import inspect

    from tenacious_bench import dataset

    default = dataset.DATASET_VERSION
    takes_version = "version" in inspect.signature(dataset.load_split).parameters
    if version is not None:
        offered = available_versions()
        if not any(_same_version(version, v) for v in offered):
            raise PublishRefused(f"dataset version {version!r} is not offered by this build; versions: {offered}")
    by_split: dict[str, list[Any]] = {}
    for split in dataset.SPLITS:
        if version is not None and takes_version:
            # "1.1.0" names the build's "1.1"
            shipped_as = next(v for v in available_versions() if _same_version(version, v))
            by_split[split] = dataset.load_split(split, version=shipped_as)
        else:
            by_split[split] = dataset.load_split(split)
    return (version or default), by_split


def validate_splits(by_split: dict[str, list[Any]]) -> list[str]:
    """Every problem across the splits: split field, duplicate ids, sealing (canary, references, dates)."""
    from tenacious_bench.dataset import sealing_problems

    problems: list[str] = []
    seen: dict[str, str] = {}
    for split, tasks in by_split.items():
        if not tasks:
            problems.append(f"split {split} is empty")
        for t in tasks:
            if t.split != split:
                problems.append(f"{t.task_id}: split field {t.split!r} in the {split} split")
            if t.task_id in seen:
                problems.append(f"{t.task_id}: duplicate task_id (in {seen[t.task_id]} and {split})")
            seen[t.task_id] = split
    problems += sealing_problems([t for ts in by_split.values() for t in ts])
    return problems


def run_contamination(by_split: dict[str, list[Any]]) -> dict[str, Any]:
    """The contamination checker on all splits; PublishRefused naming each violation on failure."""
    from tenacious_bench import contamination as c

    model = TEST_HOOK_EMBEDDING_MODEL
    if model is not None:
        print("TEST HOOK: contamination embedding model replaced (tenacious_bench.hub.dataset."
              "TEST_HOOK_EMBEDDING_MODEL); not a real publication check", file=sys.stderr)
    try:
        report = c.check_contamination([t for ts in by_split.values() for t in ts], model=model)
    except c.ContaminationError as err:
        raise PublishRefused(f"the contamination checker could not run: {err}") from None
    if not report.passed:
        lines = [f"refusing to publish: the contamination checker failed "
                 f"({len(report.violations)} violation(s)):"]
        lines += [f"  {v.check}: {v.held_out_id} vs {v.other_id} ({v.other_origin}): {v.detail}"
                  for v in report.violations[:20]]
        raise PublishRefused("\n".join(lines))
    return {"passed": True, "checks": list(c.CHECKS), "violations": 0, "held_out_tasks": report.held_out,
            "other_tasks": report.others,
            "embedding_model": "TEST HOOK stand-in" if model is not None else c.MODEL_PACKAGE}


def _source_fingerprint(version: str) -> dict[str, Any]:
    """For the packaged default: the shipped manifest's hash and each split file's, checked against it."""
    from tenacious_bench import dataset
    from tenacious_bench.harness_common import HarnessTaskError, dataset_fingerprint

    if not _same_version(version, dataset.DATASET_VERSION):
        return {"dataset_version": version}
    try:
        prints = {s: dataset_fingerprint(s) for s in dataset.SPLITS}
    except HarnessTaskError as err:
        raise PublishRefused(f"refusing to publish: the shipped files do not match their manifest: {err}") from None
    first = next(iter(prints.values()))
    return {"dataset_version": first["dataset_version"], "manifest_sha256": first["manifest_sha256"],
            "split_sha256": {s: p["split_sha256"] for s, p in prints.items()}}


def _rows(tasks: list[Any]) -> list[dict[str, Any]]:
    return [t.model_dump(mode="json", by_alias=True, exclude_none=True) for t in tasks]


def stage_dataset(out_dir: str | Path, *, version: str | None = None, repo_id: str | None = None) -> StagedDataset:
    """Validate, check contamination and write exactly what `publish_dataset` pushes into `out_dir`."""
    import datasets

    from tenacious_bench import __version__
    from tenacious_bench.dataset import CANARY, DEFAULT_SEED, load_manifest
    from tenacious_bench.dataset_card import render_card
    from tenacious_bench.prompts import PROMPT_VERSION
    from tenacious_bench.scoring import SCORER_VERSION
    from tenacious_bench.style_guide import load_style_guide
    from tenacious_bench.task import Task

    version, by_split = load_version(version)
    problems = validate_splits(by_split)
    held = by_split.get("held_out", [])
    problems += [f"{t.task_id}: held_out row carries a reference email" for t in held if t.reference is not None]
    problems += [f"{t.task_id}: held_out row lacks the canary" for t in held if t.metadata.canary != CANARY]
    if problems:
        raise PublishRefused("refusing to publish: validation failed:\n  " + "\n  ".join(problems[:50]))
    source = _source_fingerprint(version)
    contamination = run_contamination(by_split)

    out = Path(out_dir)
    if out.exists() and any(out.iterdir()):
        raise HubError(f"staging folder {out} is not empty; give a new or empty folder")
    (out / "data").mkdir(parents=True, exist_ok=True)
    rows = {s: _rows(ts) for s, ts in by_split.items()}
    # One Arrow schema for every split (a config's splits share features), inferred from all rows with
    # every top-level field of the task model as a column (absent optionals -> null).
    columns = [f.alias or name for name, f in Task.model_fields.items()]
    full = {s: [{k: r.get(k) for k in columns} for r in rs] for s, rs in rows.items()}
    features = datasets.Dataset.from_list([r for rs in full.values() for r in rs]).features
    was_enabled = datasets.is_progress_bar_enabled()
    datasets.disable_progress_bars()
    try:
        for split, split_rows in full.items():
            datasets.Dataset.from_list(split_rows, features=features).to_parquet(str(out / parquet_path(split)))
    finally:
        if was_enabled:
            datasets.enable_progress_bars()
    try:
        seed = int(load_manifest().get("seed", DEFAULT_SEED))
    except (FileNotFoundError, ValueError):
        seed = DEFAULT_SEED
    card = render_card(rows, seed=seed, data_files={s: f"data/{s}-*.parquet" for s in rows}, repo_id=repo_id)
    (out / "README.md").write_text(card, encoding="utf-8")
    schema = resources.files("tenacious_bench").joinpath("data", SCHEMA_NAME)
    (out / SCHEMA_NAME).write_bytes(schema.read_bytes())
    guide = load_style_guide(None)
    shutil.copyfile(str(resources.files("tenacious_bench").joinpath("data", STYLE_GUIDE_NAME)), out / STYLE_GUIDE_NAME)
    files = {p.relative_to(out).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
             for p in sorted(out.rglob("*")) if p.is_file()}
    manifest = {
        "dataset_version": version,
        "tenacious_bench_version": __version__,
        "scorer_version": SCORER_VERSION,
        "prompt_version": PROMPT_VERSION,
        "style_guide_sha256": guide.sha256,
        "canary": CANARY,
        "rows": {s: len(r) for s, r in rows.items()},
        "source": source,
        "contamination": contamination,
        "files": files,
    }
    (out / MANIFEST_NAME).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    files[MANIFEST_NAME] = hashlib.sha256((out / MANIFEST_NAME).read_bytes()).hexdigest()
    return StagedDataset(out, version, files, manifest["rows"], contamination)


def push_folder(repo_id: str, folder: str | Path, *, repo_type: str, private: bool, message: str,
                token: str | None = None, delete_patterns: list[str] | None = None) -> str:
    """Create the repo if needed and push every file of `folder` as one commit; return the commit sha."""
    from huggingface_hub import HfApi

    check_repo_id(repo_id)
    api = HfApi(token=token)
    call(lambda: api.create_repo(repo_id, repo_type=repo_type, private=private, exist_ok=True),
         f"creating {repo_type} repo {repo_id}")
    info = call(lambda: api.upload_folder(
        repo_id=repo_id, repo_type=repo_type, folder_path=str(folder), commit_message=message,
        delete_patterns=delete_patterns,
    ), f"pushing to {repo_type} repo {repo_id}")
    return str(info.oid)


def publish_dataset(repo_id: str, *, version: str | None = None, private: bool = False,
                    message: str | None = None, token: str | None = None,
                    stage_dir: str | Path | None = None) -> tuple[str, StagedDataset]:
    """Stage (into `stage_dir`, kept, or a temporary folder) and push as one commit; return (sha, staged)."""
    import tempfile

    check_repo_id(repo_id)
    with tempfile.TemporaryDirectory() as tmp:
        staged = stage_dataset(Path(stage_dir) if stage_dir else Path(tmp) / "stage", version=version,
                               repo_id=repo_id)
        sha = push_folder(repo_id, staged.folder, repo_type="dataset", private=private,
                          message=message or f"tenacious-bench dataset {staged.version}", token=token,
                          # a republish replaces the split files; it never mixes old ones in
                          delete_patterns=["data/*"])
        return sha, staged


# ---------------------------------------------------------------------------------------------
# Loading


def is_pinned(revision: str | None) -> bool:
    return bool(revision and SHA_RE.match(revision))


def warn_unpinned(repo_id: str, revision: str | None, kind: str = "dataset") -> None:
    if not is_pinned(revision):
        warnings.warn(
            f"Hub {kind} {repo_id} loaded at {'the default branch' if revision is None else repr(revision)}, "
            "not at a commit sha: a branch or tag moves when the repo is republished, so what you load can "
            "change between runs and scores stop being comparable. Pin revision=<40-hex commit sha>.",
            UnpinnedRevisionWarning,
            stacklevel=3,
        )


def resolve_revision(repo_id: str, revision: str | None, token: str | None = None) -> str:
    """The commit sha `revision` (a branch, tag, sha or None for main) points at now."""
    from huggingface_hub import HfApi

    check_repo_id(repo_id)
    what = f"dataset {repo_id} at revision {revision or 'main'}"
    info = call(lambda: HfApi(token=token).dataset_info(repo_id, revision=revision), what)
    return str(info.sha)


def load_hub_rows(repo_id: str, split: str, revision: str | None = None,
                  token: str | None = None) -> tuple[Any, str]:
    """(the split as a `datasets.Dataset`, the commit sha read); warns when `revision` is not a sha."""
    import datasets

    warn_unpinned(repo_id, revision)
    sha = resolve_revision(repo_id, revision, token)  # a missing repo or revision fails here, by name
    what = f"loading split {split!r} of dataset {repo_id} at {sha}"
    return call(lambda: datasets.load_dataset(repo_id, split=split, revision=sha, token=token), what), sha


def load_hub_tasks(repo_id: str, split: str, revision: str | None = None,
                   token: str | None = None) -> list[Any]:
    """Validated tasks of one split of a Hub dataset (see `load_hub_tasks_with_source`)."""
    return load_hub_tasks_with_source(repo_id, split, revision, token)[0]


def load_hub_tasks_with_source(repo_id: str, split: str, revision: str | None = None,
                               token: str | None = None) -> tuple[list[Any], dict[str, Any]]:
    """(tasks, fingerprint for logs: repo id, requested revision, resolved commit sha, split)."""
    from tenacious_bench.hub.rows import hub_rows_to_tasks

    ds, sha = load_hub_rows(repo_id, split, revision, token)
    tasks = hub_rows_to_tasks(ds, f"hf://datasets/{repo_id}@{sha[:12]}/{split}")
    wrong = [t.task_id for t in tasks if t.split != split]
    if wrong:
        raise HubError(f"hf://datasets/{repo_id}@{sha}: split {split} holds rows of another split: {wrong[:5]}")
    return tasks, {"source": f"hf://datasets/{repo_id}", "repo_id": repo_id, "revision": revision,
                   "commit_sha": sha, "pinned": is_pinned(revision), "split": split}


def harness_tasks(repo_id: str, split: str, revision: str | None = None,
                  tasks_file: str | None = None) -> tuple[list[Any], dict[str, Any]]:
    """Tasks and log fingerprint for a harness door reading a Hub dataset (Inspect `-T dataset=`, lm-eval)."""
    from tenacious_bench.harness_common import SPLITS, HarnessTaskError

    if tasks_file is not None:
        raise HarnessTaskError("give either a Hub dataset or tasks_file, not both")
    if split not in SPLITS:
        raise HarnessTaskError(f"split must be one of {list(SPLITS)}, got {split!r}")
    try:
        check_repo_id(repo_id)
        return load_hub_tasks_with_source(repo_id, split, revision)
    except HubError as err:
        raise HarnessTaskError(str(err)) from None
