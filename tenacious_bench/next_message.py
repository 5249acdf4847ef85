"""Next-message tasks (schema 1.1, `kind: "next_message"`): building, writing and loading their files.

The files live beside the email splits of the dataset version that ships them:
`<package_data_dir(version)>/next_message/{train,dev,held_out}.jsonl` plus `manifest.json` (seed,
generator version, each file's sha256 and row count). `write_next_message_files(dataset_dir, seed)`
regenerates them byte for byte: the rows of `authoring.next_message`, each train/dev row with the
composer's scorer-verified reference (`composer.compose_next_message`; `NO_REPLY` on a hard no) and
each held-out row with only the reference's sha256 and the canary. A reference that fails the scorer
is never written: the build stops with the task id and the scorer's reasons.

`tenacious_bench.dataset` is imported inside the functions, so dataset.py may import this module.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from tenacious_bench.task import Task, TaskError, load_tasks

FOLDER = "next_message"
MANIFEST_NAME = "manifest.json"
SPLITS = ("train", "dev", "held_out")
REPLY_CLASSES = ("engaged", "curious", "soft_defer", "objection", "hard_no")
OBJECTIONS = ("price", "incumbent", "small_poc", "offshore")
HANDOFFS = ("price_outside_bands", "total_contract", "staffing", "client_reference", "legal_terms")
# Every split holds at least this many distinct hand-off triggers (interface: "several").
MIN_HANDOFFS_PER_SPLIT = 3


class NextMessageError(ValueError):
    """The next-message files (or their inputs) break a rule; `problems` lists each one."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


def next_message_dir(version: str | None = None, data_dir: str | Path | None = None) -> Path:
    """The next-message folder of a shipped dataset version (default: the default version), or of `data_dir`."""
    from tenacious_bench.dataset import package_data_dir

    return (Path(data_dir) if data_dir is not None else package_data_dir(version)) / FOLDER


def _with_reference(row: dict[str, Any], seed: int) -> dict[str, Any]:
    """Attach the composer's reference (train/dev) or its sha256 (held-out); it must pass the scorer."""
    from tenacious_bench.composer import ComposeError, compose_next_message
    from tenacious_bench.dataset import reference_sha256
    from tenacious_bench.task import parse_task

    task = parse_task(row, where=f"next-message row {row.get('task_id')}")
    try:
        email = compose_next_message(task, seed=seed)
    except ComposeError as err:
        raise NextMessageError([f"{task.task_id}: no scorer-verified reference: {err}"]) from None
    row = json.loads(json.dumps(row))  # a private copy
    if row["split"] == "held_out":
        row["metadata"]["reference_sha256"] = reference_sha256(email)
    else:
        row["reference"] = email
    return row


def coverage_problems(by_split: Mapping[str, Iterable[Task]]) -> list[str]:
    """Every class and objection type in every split, and several hand-off triggers in each."""
    problems = []
    for split in SPLITS:
        tasks = list(by_split.get(split, ()))
        classes = {t.constraints.reply_class for t in tasks}
        objections = {t.constraints.objection for t in tasks if t.constraints.objection}
        handoffs = {t.constraints.handoff for t in tasks if t.constraints.handoff}
        problems += [f"{split}: no task of reply class {c!r}" for c in REPLY_CLASSES if c not in classes]
        problems += [f"{split}: no {o!r} objection task" for o in OBJECTIONS if o not in objections]
        if len(handoffs) < MIN_HANDOFFS_PER_SPLIT:
            problems.append(f"{split}: only {len(handoffs)} hand-off trigger(s) {sorted(handoffs)}; "
                            f"at least {MIN_HANDOFFS_PER_SPLIT} expected")
    return problems


def build_next_message_rows(seed: int | None = None) -> dict[str, list[dict[str, Any]]]:
    """All next-message rows by split (id order), with references or their hashes; validated and sealed."""
    from tenacious_bench.authoring.next_message import generate_next_message_rows
    from tenacious_bench.dataset import (
        CANARY,
        CREATED_AT,
        CUTOFF,
        DEFAULT_SEED,
        check_task_rows,
        sealing_problems,
    )

    seed = DEFAULT_SEED if seed is None else seed
    rows = generate_next_message_rows(seed, cutoff=CUTOFF, canary=CANARY, created_at=CREATED_AT)
    referenced, problems = [], []
    for r in rows:
        try:
            referenced.append(_with_reference(r, seed))
        except (NextMessageError, TaskError) as err:
            problems += [str(p) for p in err.problems]
    if problems:
        raise NextMessageError(problems)
    rows = referenced
    tasks, problems = check_task_rows(rows)
    problems += sealing_problems(tasks)
    problems += [f"{t.task_id}: kind {t.kind!r}, expected 'next_message'" for t in tasks if t.kind != "next_message"]
    by_split: dict[str, list[dict[str, Any]]] = {s: [] for s in SPLITS}
    for r in sorted(rows, key=lambda r: r["task_id"]):
        by_split[r["split"]].append(r)
    problems += coverage_problems({s: [t for t in tasks if t.split == s] for s in SPLITS})
    if problems:
        raise NextMessageError(problems)
    return by_split


def _jsonl(rows: list[dict[str, Any]]) -> bytes:
    return "".join(json.dumps(r, ensure_ascii=False, sort_keys=False) + "\n" for r in rows).encode("utf-8")


def write_next_message_files(dataset_dir: str | Path, seed: int | None = None) -> dict[str, dict[str, Any]]:
    """Write `<dataset_dir>/next_message/{train,dev,held_out}.jsonl` and its `manifest.json`.

    Returns the entries for the dataset manifest's `files`, keyed by the path relative to
    `dataset_dir` (`next_message/train.jsonl`: {sha256, rows}, ..., `next_message/manifest.json`:
    {sha256}). Byte-identical for the same seed (and generator version)."""
    from tenacious_bench.authoring.next_message import GENERATOR_VERSION
    from tenacious_bench.dataset import CANARY, CUTOFF, DEFAULT_SEED

    seed = DEFAULT_SEED if seed is None else seed
    out = Path(dataset_dir) / FOLDER
    out.mkdir(parents=True, exist_ok=True)
    by_split = build_next_message_rows(seed)
    files: dict[str, dict[str, Any]] = {}
    for split in SPLITS:
        data = _jsonl(by_split[split])
        (out / f"{split}.jsonl").write_bytes(data)
        files[f"{split}.jsonl"] = {"sha256": hashlib.sha256(data).hexdigest(), "rows": len(by_split[split])}
    manifest = {"kind": "next_message", "schema_version": "1.1", "generator_version": GENERATOR_VERSION,
                "seed": seed, "cutoff": CUTOFF.isoformat(), "canary": CANARY, "files": files}
    text = (json.dumps(manifest, indent=2) + "\n").encode("utf-8")
    (out / MANIFEST_NAME).write_bytes(text)
    entries = {f"{FOLDER}/{name}": info for name, info in files.items()}
    entries[f"{FOLDER}/{MANIFEST_NAME}"] = {"sha256": hashlib.sha256(text).hexdigest()}
    return entries


def _folder(version: str | None, data_dir: str | Path | None) -> Path:
    folder = next_message_dir(version, data_dir)
    if not (folder / MANIFEST_NAME).is_file():
        which = f"dataset version {version}" if version is not None else str(folder.parent)
        raise FileNotFoundError(
            f"no next-message tasks in {which}: {folder / MANIFEST_NAME} not found (they ship from dataset "
            "version 1.2; rebuild with `tenacious-bench build-dataset`)"
        )
    return folder


def load_next_message_manifest(version: str | None = None, data_dir: str | Path | None = None) -> dict[str, Any]:
    return json.loads((_folder(version, data_dir) / MANIFEST_NAME).read_text(encoding="utf-8"))


def load_next_message_split(split: str, version: str | None = None, data_dir: str | Path | None = None) -> list[Task]:
    """Validated next-message tasks of one split of a shipped dataset version (or of `data_dir`)."""
    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r}; expected one of {SPLITS}")
    path = _folder(version, data_dir) / f"{split}.jsonl"
    if not path.is_file():
        raise FileNotFoundError(f"next-message split file not found: {path}")
    tasks = load_tasks(path, shipped=True)
    wrong = [t.task_id for t in tasks if t.kind != "next_message"]
    if wrong:
        raise TaskError([f"{path}: task {i} is not of kind next_message" for i in wrong])
    return tasks


def next_message_fingerprint(split: str, version: str | None = None) -> dict[str, Any]:
    """The shipped next-message split's identity for logs: its manifest's hash and the split file's
    hash, checked against that manifest (a changed file is refused)."""
    folder = _folder(version, None)
    manifest_bytes = (folder / MANIFEST_NAME).read_bytes()
    manifest = json.loads(manifest_bytes)
    entry = manifest["files"].get(f"{split}.jsonl")
    if entry is None:
        raise NextMessageError([f"the next-message manifest lists no {split}.jsonl"])
    actual = hashlib.sha256((folder / f"{split}.jsonl").read_bytes()).hexdigest()
    if actual != entry["sha256"]:
        raise NextMessageError([f"next_message/{split}.jsonl does not match its manifest (sha256 {actual})"])
    return {
        "next_message_manifest_sha256": hashlib.sha256(manifest_bytes).hexdigest(),
        "generator_version": manifest["generator_version"],
        "split_sha256": actual,
    }


def counts(tasks: Iterable[Task]) -> dict[str, int]:
    """Tasks per reply class, objection type (`objection/<type>`) and hand-off (`handoff/<trigger>`)."""
    c: Counter[str] = Counter()
    for t in tasks:
        k = t.constraints
        c[str(k.reply_class)] += 1
        if k.objection:
            c[f"objection/{k.objection}"] += 1
        if k.handoff:
            c[f"handoff/{k.handoff}"] += 1
    return dict(c)


def counts_table(by_split: Mapping[str, Iterable[Task]]) -> str:
    """A Markdown table of task counts per class, objection type and hand-off trigger, by split."""
    per = {s: counts(by_split.get(s, ())) for s in SPLITS}
    keys = [*REPLY_CLASSES, *(f"objection/{o}" for o in OBJECTIONS), *(f"handoff/{h}" for h in HANDOFFS)]
    lines = ["| | " + " | ".join(SPLITS) + " | all |", "|---|" + "---|" * (len(SPLITS) + 1)]
    for k in keys:
        vals = [per[s].get(k, 0) for s in SPLITS]
        lines.append(f"| {k} | " + " | ".join(str(v) for v in vals) + f" | {sum(vals)} |")
    totals = [sum(per[s].get(c, 0) for c in REPLY_CLASSES) for s in SPLITS]
    lines.append("| **tasks** | " + " | ".join(str(v) for v in totals) + f" | {sum(totals)} |")
    return "\n".join(lines)


__all__ = [
    "FOLDER", "SPLITS", "NextMessageError", "build_next_message_rows", "counts", "counts_table",
    "coverage_problems", "load_next_message_manifest", "load_next_message_split", "next_message_dir",
    "next_message_fingerprint", "write_next_message_files",
]
