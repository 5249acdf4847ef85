"""Building, sealing and loading the benchmark dataset (train / dev / held_out).

`build_dataset(seed, out_dir)` regenerates the shipped files bit for bit from the committed generator,
the seed and the hand-authored file: programmatic sweeps plus hand-authored tasks, validated, split
(stratified, time-shifted around CUTOFF), with the composer's scorer-verified email as `reference` on
train and dev rows, and on held-out rows only the sha256 of the withheld email plus the CANARY string.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Mapping
from importlib import resources
from pathlib import Path
from typing import Any

from tenacious_bench.authoring.programmatic import GENERATOR_VERSION, generate_tasks
from tenacious_bench.task import Task, TaskError, load_tasks, parse_task

# Held-out dates (every signal date, thread date and as_of) are on or after the cutoff; train and dev
# dates are before it, so a model trained on data up to the cutoff cannot have seen held-out events.
CUTOFF = dt.date(2026, 7, 1)
# BIG-bench-style canary: every held-out row carries it; training-data builders refuse any row with it.
CANARY = "tenacious-bench-canary-6f1d8a3e-2b7c-4e55-9a0d-c41f27b9e813"
DEFAULT_SEED = 2026
N_PROGRAMMATIC = 440
CREATED_AT = "2026-12-31"  # metadata.created_at of generated rows: fixed, so a rebuild is byte-identical
SPLITS = ("train", "dev", "held_out")
DATASET_VERSION = "1.2.0"
# Shipped dataset versions: the default (what build-dataset writes) lives in data/dataset/, each
# earlier one, frozen with its own manifest and card, in data/dataset/<version>/, so earlier results
# stay comparable (`load_split(split, version="1.1")`, `-T version=1.1`).
VERSIONS = ("1.0", "1.1", "1.2")
DEFAULT_VERSION = "1.2"
# Tasks added in 1.2 beside every 1.1 row (which stays byte-identical): programmatic tasks whose
# company has other threads with other people there (schema 1.1 `other_threads`), and zero-signal
# briefs (no required signal), by split.
N_OTHER_THREADS = {"train": 18, "dev": 6, "held_out": 6}
N_ZERO_SIGNAL = {"train": 12, "dev": 4, "held_out": 16}
CARD_NAME = "README.md"
MANIFEST_NAME = "manifest.json"
REVIEW_NAME = "review.json"


class DatasetError(ValueError):
    """The dataset (or an input to it) breaks a sealing rule; `problems` lists each one."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


class CanaryError(ValueError):
    """A row carrying the held-out canary was offered to a training-data builder."""


def package_data_dir(version: str | None = None) -> Path:
    """The packaged dataset folder of a version: tenacious_bench/data/dataset for the default (1.2),
    tenacious_bench/data/dataset/<version> for a frozen earlier one."""
    root = Path(str(resources.files("tenacious_bench").joinpath("data", "dataset")))
    if version is None or version == DEFAULT_VERSION:
        return root
    if version not in VERSIONS:
        raise ValueError(f"unknown dataset version {version!r}; expected one of {list(VERSIONS)}")
    return root / version


def hand_authored_path() -> Path:
    return Path(str(resources.files("tenacious_bench").joinpath("authoring", "hand_authored.jsonl")))


def reference_sha256(email: Mapping[str, str]) -> str:
    """sha256 of a withheld reference: UTF-8 JSON of {"body", "subject"} with sorted keys, no spaces."""
    payload = json.dumps({"subject": email["subject"], "body": email["body"]}, ensure_ascii=False,
                         sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _dates(task: Task) -> list[tuple[str, str]]:
    out = [("as_of", task.as_of)]
    out += [(f"signals[{s.id}].date", s.date) for s in task.signals if s.date]
    out += [(f"thread[{i}].date", m.date) for i, m in enumerate(task.thread)]
    out += [(f"other_threads[{j}][{i}].date", m.date)
            for j, thread in enumerate(task.other_threads or []) for i, m in enumerate(thread)]
    return out


def sealing_problems(tasks: Iterable[Task]) -> list[str]:
    """Time-shift, canary and reference rules, one line per violation."""
    problems = []
    for t in tasks:
        held = t.split == "held_out"
        for where, value in _dates(t):
            d = dt.date.fromisoformat(value)
            if held and d < CUTOFF:
                problems.append(f"{t.task_id}: held_out {where} {value} is before the cutoff {CUTOFF}")
            if not held and d >= CUTOFF:
                problems.append(f"{t.task_id}: {t.split} {where} {value} is on or after the cutoff {CUTOFF}")
        if held and t.metadata.canary != CANARY:
            problems.append(f"{t.task_id}: held_out row must carry metadata.canary = {CANARY!r}")
        if not held and t.metadata.canary is not None:
            problems.append(f"{t.task_id}: only held_out rows carry the canary, found it on a {t.split} row")
        if held and t.reference is not None:
            problems.append(f"{t.task_id}: held_out row carries a reference (it must be withheld)")
        if held and t.metadata.reference_sha256 is None:
            problems.append(f"{t.task_id}: held_out row lacks metadata.reference_sha256")
        if not held and t.reference is None:
            problems.append(f"{t.task_id}: {t.split} row lacks a reference")
    return problems


def _with_reference(row: dict[str, Any], seed: int) -> dict[str, Any]:
    """Attach the reference (train/dev) or the hash of the withheld one (held-out); verify it passes."""
    from tenacious_bench.composer import compose_email
    from tenacious_bench.scoring import score_email

    task = parse_task(row, where=row.get("task_id", "row"))
    row = json.loads(json.dumps(row))  # a private copy
    if row["split"] == "held_out":
        if task.reference is not None:
            raise DatasetError([f"{task.task_id}: a held_out input row carries a reference; remove it"])
        email = compose_email(task, seed=seed)
        row["metadata"]["reference_sha256"] = reference_sha256(email)
        return row
    if task.reference is not None:  # a hand-written reference is kept, but only if it passes
        score = score_email(task, task.reference.model_dump())
        if not score.passed:
            raise DatasetError([f"{task.task_id}: its reference fails the scorer: " + "; ".join(score.failure_reasons())])
        return row
    row["reference"] = compose_email(task, seed=seed)
    return row


def build_rows(seed: int = DEFAULT_SEED, *, n_programmatic: int = N_PROGRAMMATIC,
               hand_authored: Path | None = None, other_threads: dict[str, int] | None = None,
               zero_signal: dict[str, int] | None = None) -> dict[str, list[dict[str, Any]]]:
    """All rows by split, validated and sealed; `hand_authored=None` uses the packaged file if it exists.
    `other_threads` and `zero_signal` (tasks per split added in 1.2) default to N_OTHER_THREADS and
    N_ZERO_SIGNAL; give `{}` for none."""
    rows = generate_tasks(seed, n_programmatic, cutoff=CUTOFF, canary=CANARY, created_at=CREATED_AT,
                          other_threads=N_OTHER_THREADS if other_threads is None else other_threads,
                          zero_signal=N_ZERO_SIGNAL if zero_signal is None else zero_signal)
    path = hand_authored if hand_authored is not None else hand_authored_path()
    if path.is_file():
        rows += [t.model_dump(mode="json", by_alias=True, exclude_none=True) for t in load_tasks(path)]
    elif hand_authored is not None:
        raise DatasetError([f"hand-authored file not found: {path}"])
    rows = [_with_reference(r, seed) for r in rows]
    # Validate the whole set as one file would be: ids unique, fact types consistent across rows.
    tasks, problems = check_task_rows(rows)
    problems += sealing_problems(tasks)
    if problems:
        raise DatasetError(problems)
    by_split: dict[str, list[dict[str, Any]]] = {s: [] for s in SPLITS}
    for r in sorted(rows, key=lambda r: r["task_id"]):
        by_split[r["split"]].append(r)
    return by_split


def check_task_rows(rows: list[dict[str, Any]]) -> tuple[list[Task], list[str]]:
    """Generated rows checked exactly as a shipped file is: written as JSONL, read by `check_tasks`
    with the shipped id scheme."""
    import tempfile

    from tenacious_bench.task import check_tasks

    with tempfile.TemporaryDirectory() as tmp:
        p = Path(tmp) / "all.jsonl"
        p.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
        return check_tasks([p], shipped=True)


def _jsonl(rows: list[dict[str, Any]]) -> bytes:
    return "".join(json.dumps(r, ensure_ascii=False, sort_keys=False) + "\n" for r in rows).encode("utf-8")


def build_dataset(seed: int = DEFAULT_SEED, out_dir: str | Path | None = None, *,
                  n_programmatic: int = N_PROGRAMMATIC, hand_authored: Path | None = None) -> dict[str, Any]:
    """Write {train,dev,held_out}.jsonl, next_message/ (the next-message tasks, by
    `next_message.write_next_message_files`), review.json, manifest.json (every file with its sha256) and
    README.md (the data card) to `out_dir`."""
    from tenacious_bench.dataset_card import render_card

    out = Path(out_dir) if out_dir is not None else package_data_dir()
    out.mkdir(parents=True, exist_ok=True)
    by_split = build_rows(seed, n_programmatic=n_programmatic, hand_authored=hand_authored)
    files: dict[str, dict[str, Any]] = {}
    for split in SPLITS:
        data = _jsonl(by_split[split])
        (out / f"{split}.jsonl").write_bytes(data)
        files[f"{split}.jsonl"] = {"sha256": hashlib.sha256(data).hexdigest(), "rows": len(by_split[split])}
    # Next-message tasks (kind next_message, their own folder and manifest): written by their generator.
    from tenacious_bench.next_message import FOLDER as NEXT_MESSAGE_FOLDER
    from tenacious_bench.next_message import write_next_message_files

    files.update(write_next_message_files(out, seed))
    next_rows = {s: [json.loads(line) for line in (out / NEXT_MESSAGE_FOLDER / f"{s}.jsonl")
                     .read_text(encoding="utf-8").splitlines()] for s in SPLITS}
    card = render_card(by_split, seed=seed, next_message=next_rows).encode("utf-8")
    (out / CARD_NAME).write_bytes(card)
    files[CARD_NAME] = {"sha256": hashlib.sha256(card).hexdigest()}
    review = package_data_dir() / REVIEW_NAME  # the task-quality review the card renders (hand-kept)
    if review.is_file():
        data = review.read_bytes()
        if (out / REVIEW_NAME).resolve() != review.resolve():
            (out / REVIEW_NAME).write_bytes(data)
        files[REVIEW_NAME] = {"sha256": hashlib.sha256(data).hexdigest()}
    manifest = {
        "dataset_version": DATASET_VERSION,
        "generator_version": GENERATOR_VERSION,
        "seed": seed,
        "n_programmatic": n_programmatic,
        "added": {"other_threads": N_OTHER_THREADS, "zero_signal": N_ZERO_SIGNAL},
        "cutoff": CUTOFF.isoformat(),
        "canary": CANARY,
        "files": files,
        "reply_classification": reply_classification_files(),
    }
    (out / MANIFEST_NAME).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest


def reply_classification_files() -> dict[str, Any]:
    """The reply-classification items of this version (their own folder, `data/reply_classification`, with
    their own manifest and generator): the sha256 of every file, so this manifest pins them too."""
    folder = Path(str(resources.files("tenacious_bench").joinpath("data", "reply_classification")))
    if not (folder / MANIFEST_NAME).is_file():
        return {}
    own = json.loads((folder / MANIFEST_NAME).read_text(encoding="utf-8"))
    files = {p.name: {"sha256": hashlib.sha256(p.read_bytes()).hexdigest(),
                      **({"rows": own["files"][p.name]["rows"]} if p.name in own.get("files", {}) else {})}
             for p in sorted(folder.iterdir()) if p.is_file()}
    return {"path": "../reply_classification", "dataset_version": own.get("dataset_version"), "files": files}


def load_manifest(data_dir: str | Path | None = None, version: str | None = None) -> dict[str, Any]:
    d = Path(data_dir) if data_dir is not None else package_data_dir(version)
    path = d / MANIFEST_NAME
    if not path.is_file():
        raise FileNotFoundError(f"dataset manifest not found: {path} (run `tenacious-bench build-dataset`)")
    return json.loads(path.read_text(encoding="utf-8"))


def load_split(name: str, data_dir: str | Path | None = None, version: str | None = None) -> list[Task]:
    """Validated tasks of one split of the packaged dataset (of `version`, default 1.2; or of `data_dir`)."""
    if name not in SPLITS:
        raise ValueError(f"unknown split {name!r}; expected one of {SPLITS}")
    d = Path(data_dir) if data_dir is not None else package_data_dir(version)
    path = d / f"{name}.jsonl"
    if not path.is_file():
        raise FileNotFoundError(f"split file not found: {path} (run `tenacious-bench build-dataset`)")
    return load_tasks(path, shipped=True)


def carries_canary(row: Task | Mapping[str, Any] | str) -> bool:
    """Whether a row (task, dict or any text such as a rendered training example) holds the canary."""
    if isinstance(row, Task):
        return row.metadata.canary == CANARY or CANARY in row.model_dump_json()
    text = row if isinstance(row, str) else json.dumps(row, ensure_ascii=False)
    return CANARY in text


def refuse_canary(rows: Iterable[Task | Mapping[str, Any] | str]) -> None:
    """Raise CanaryError naming every row that carries the held-out canary (training builders call this)."""
    bad = []
    for i, row in enumerate(rows):
        if carries_canary(row):
            if isinstance(row, Task):
                bad.append(row.task_id)
            elif isinstance(row, Mapping):
                bad.append(str(row.get("task_id", f"row {i}")))
            else:
                bad.append(f"row {i}")
    if bad:
        raise CanaryError(f"refusing held-out data: {len(bad)} row(s) carry the benchmark canary: {', '.join(bad)}")


__all__ = [
    "CANARY", "CUTOFF", "DEFAULT_SEED", "DEFAULT_VERSION", "SPLITS", "VERSIONS", "CanaryError", "DatasetError", "TaskError", "build_dataset",
    "build_rows", "carries_canary", "load_manifest", "load_split", "reference_sha256", "refuse_canary",
    "sealing_problems",
]
