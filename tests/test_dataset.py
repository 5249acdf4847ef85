"""The shipped dataset: valid, sealed (time shift, canary, withheld references), stratified,
regenerable byte for byte, described by a card whose counts match the files, loadable offline."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections import Counter
from pathlib import Path

import pytest

from tenacious_bench import dataset as ds
from tenacious_bench.authoring.programmatic import generate_tasks
from tenacious_bench.cli import main
from tenacious_bench.composer import compose_email
from tenacious_bench.dataset_card import render_card
from tenacious_bench.scoring import score_email
from tenacious_bench.task import check_tasks, parse_task

DATA = ds.package_data_dir()
REPO_CARD = Path(__file__).resolve().parents[1] / "data_cards" / "dataset_card.md"


@pytest.fixture(scope="module")
def rows() -> dict[str, list[dict]]:
    out = {}
    for split in ds.SPLITS:
        lines = (DATA / f"{split}.jsonl").read_text(encoding="utf-8").splitlines()
        out[split] = [json.loads(line) for line in lines]
    return out


@pytest.fixture(scope="module")
def tasks():
    return {s: ds.load_split(s) for s in ds.SPLITS}


def test_shipped_files_validate():
    loaded, problems = check_tasks([DATA / f"{s}.jsonl" for s in ds.SPLITS])
    assert problems == []
    assert len(loaded) >= 400


def test_rows_sit_in_their_split_file(rows):
    for split, rs in rows.items():
        assert rs and all(r["split"] == split for r in rs)
        assert [r["task_id"] for r in rs] == sorted(r["task_id"] for r in rs)


def test_split_proportions(rows):
    n = sum(len(r) for r in rows.values())
    assert 0.55 <= len(rows["train"]) / n <= 0.65
    assert 0.17 <= len(rows["dev"]) / n <= 0.23
    assert 0.17 <= len(rows["held_out"]) / n <= 0.23


def test_every_stratum_appears_in_held_out(rows):
    all_rows = [r for rs in rows.values() for r in rs]
    for field in ("segment", "kind", "source_mode"):
        assert {r[field] for r in all_rows} == {r[field] for r in rows["held_out"]}, field


def test_sealing_rules_hold(tasks):
    assert ds.sealing_problems([t for ts in tasks.values() for t in ts]) == []


def test_time_shift(tasks):
    for split, ts in tasks.items():
        for t in ts:
            dates = [t.as_of, *(s.date for s in t.signals if s.date), *(m.date for m in t.thread),
                     *(m.date for thread in t.other_threads or [] for m in thread)]
            for d in map(dt.date.fromisoformat, dates):
                assert (d >= ds.CUTOFF) == (split == "held_out"), (t.task_id, d)


def test_canary_on_every_held_out_row_and_nowhere_else():
    for split in ds.SPLITS:
        text = (DATA / f"{split}.jsonl").read_text(encoding="utf-8")
        lines = text.splitlines()
        with_canary = sum(ds.CANARY in line for line in lines)
        assert with_canary == (len(lines) if split == "held_out" else 0), split


def test_held_out_references_are_withheld_and_hashed(tasks):
    for t in tasks["held_out"]:
        assert t.reference is None
        assert t.metadata.reference_sha256 == ds.reference_sha256(compose_email(t, seed=ds.DEFAULT_SEED))


def test_train_and_dev_references_pass(tasks):
    for split in ("train", "dev"):
        for t in tasks[split]:
            score = score_email(t, t.reference.model_dump())
            assert score.passed, (t.task_id, score.failure_reasons())


def test_sealing_problems_catch_violations(tasks):
    held = tasks["held_out"][0].model_dump(mode="json", by_alias=True, exclude_none=True)
    held["as_of"] = "2026-06-30"
    train = tasks["train"][0].model_dump(mode="json", by_alias=True, exclude_none=True)
    train["signals"][0]["date"] = "2026-07-02" if train["signals"] else train["as_of"]
    train["metadata"]["canary"] = ds.CANARY
    problems = ds.sealing_problems([parse_task(held), parse_task(train)])
    text = "\n".join(problems)
    assert "before the cutoff" in text and held["task_id"] in text
    assert "only held_out rows carry the canary" in text and train["task_id"] in text


def test_regeneration_is_byte_identical(tmp_path):
    manifest = ds.build_dataset(ds.load_manifest()["seed"], tmp_path)
    shipped = ds.load_manifest()
    assert manifest == shipped
    for name in manifest["files"]:
        assert (tmp_path / name).read_bytes() == (DATA / name).read_bytes(), name


def test_generator_is_seeded():
    kw = {"cutoff": ds.CUTOFF, "canary": ds.CANARY, "created_at": ds.CREATED_AT}
    a, b = generate_tasks(5, 60, **kw), generate_tasks(5, 60, **kw)
    assert a == b
    assert a != generate_tasks(6, 60, **kw)


def test_anchors_are_specific(tasks):
    # Never a bare common word: an anchor holds a number (digits or words), a capital letter, or several words.
    from tenacious_bench.numbers import find_numbers
    from tenacious_bench.text import normalize

    for ts in tasks.values():
        for t in ts:
            for s in t.signals:
                for a in s.anchors:
                    specific = (any(c.isupper() for c in a) or len(a.split()) > 1
                                or bool(find_numbers(normalize(a))))
                    assert specific, (t.task_id, a)


def test_variety_of_prospects(rows):
    all_rows = [r for rs in rows.values() for r in rs]
    assert len({r["prospect"]["company"] for r in all_rows}) == len(all_rows)
    assert len({r["prospect"]["location"] for r in all_rows}) >= 30
    sizes = [r["prospect"]["employees"] for r in all_rows]
    assert min(sizes) < 30 and max(sizes) > 3000
    years = Counter(r["as_of"][:4] for r in all_rows)
    assert years["2025"] > 50 and years["2026"] > 50


def test_card_matches_files(rows):
    card = (DATA / ds.CARD_NAME).read_text(encoding="utf-8")
    nm = {s: [json.loads(line) for line in (DATA / "next_message" / f"{s}.jsonl").read_text().splitlines()]
          for s in ds.SPLITS}
    assert card == render_card(rows, seed=ds.load_manifest()["seed"], next_message=nm)
    for split, rs in rows.items():
        assert f"| {split} | {len(rs)} |" in card
        assert f"    path: {split}.jsonl" in card
    assert f"| total | {sum(len(r) for r in rows.values())} |" in card
    assert ds.CANARY in card and ds.CUTOFF.isoformat() in card
    assert "license: cc-by-4.0" in card


def test_card_copy_is_identical():
    assert REPO_CARD.read_bytes() == (DATA / ds.CARD_NAME).read_bytes()


def test_manifest_hashes_match_files():
    import hashlib

    manifest = ds.load_manifest()
    for name, info in manifest["files"].items():
        data = (DATA / name).read_bytes()
        assert hashlib.sha256(data).hexdigest() == info["sha256"], name
        if "rows" in info:
            assert data.count(b"\n") == info["rows"]


def test_load_dataset_offline(tmp_path, monkeypatch, rows):
    datasets = pytest.importorskip("datasets")
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    loaded = datasets.load_dataset(str(DATA), cache_dir=str(tmp_path / "cache"))
    assert set(loaded) == set(ds.SPLITS)
    for split in ds.SPLITS:
        assert loaded[split].num_rows == len(rows[split])


def test_build_without_hand_authored_file(tmp_path, monkeypatch):
    monkeypatch.setattr(ds, "hand_authored_path", lambda: tmp_path / "missing.jsonl")
    by_split = ds.build_rows(11, n_programmatic=40, other_threads={}, zero_signal={})
    assert sum(len(v) for v in by_split.values()) == 40
    assert all(r["source_mode"] == "programmatic" for v in by_split.values() for r in v)
    with pytest.raises(ds.DatasetError, match="not found"):
        ds.build_rows(11, n_programmatic=5, hand_authored=tmp_path / "missing.jsonl")


def test_hand_authored_held_out_reference_is_rejected(tmp_path, tasks):
    held = tasks["held_out"][0].model_dump(mode="json", by_alias=True, exclude_none=True)
    held["task_id"] = "TB-HND-9999"
    held["source_mode"] = "hand_authored"
    held["reference"] = compose_email(tasks["held_out"][0])
    held["metadata"].pop("reference_sha256")
    path = tmp_path / "hand.jsonl"
    path.write_text(json.dumps(held) + "\n", encoding="utf-8")
    with pytest.raises(ds.DatasetError, match="TB-HND-9999"):
        ds.build_rows(11, n_programmatic=5, hand_authored=path)


def test_refuse_canary_names_rows(tasks):
    ds.refuse_canary(tasks["train"])
    with pytest.raises(ds.CanaryError, match=tasks["held_out"][0].task_id):
        ds.refuse_canary([*tasks["train"][:2], tasks["held_out"][0]])
    with pytest.raises(ds.CanaryError, match="row 1"):
        ds.refuse_canary(["plain text", f"pasted {ds.CANARY}"])


def test_cli_check(tmp_path, capsys):
    assert main(["build-dataset", "--check"]) == 0
    copy = tmp_path / "copy"
    shutil.copytree(DATA, copy)
    (copy / "dev.jsonl").write_bytes((copy / "dev.jsonl").read_bytes() + b"\n")
    manifest = json.loads((copy / "manifest.json").read_text())
    manifest["files"]["dev.jsonl"]["sha256"] = "0" * 64
    (copy / "manifest.json").write_text(json.dumps(manifest))
    assert main(["build-dataset", "--check", "--out", str(copy)]) == 1
    assert "dev.jsonl" in capsys.readouterr().err


def test_load_split_rejects_unknown_split():
    with pytest.raises(ValueError, match="unknown split"):
        ds.load_split("test")


# Frozen earlier versions: (version, rows per split).
FROZEN = {"1.0": {"train": 282, "dev": 95, "held_out": 99}, "1.1": {"train": 282, "dev": 95, "held_out": 99}}


@pytest.mark.parametrize("version", sorted(FROZEN))
def test_earlier_version_stays_loadable_and_scorable(version):
    import hashlib

    assert ds.DEFAULT_VERSION == "1.2" and ds.load_manifest()["dataset_version"] == "1.2.0"
    assert ds.VERSIONS == ("1.0", "1.1", "1.2") and ds.package_data_dir("1.2") == DATA
    old = ds.package_data_dir(version)
    assert old != DATA and ds.load_manifest(version=version)["dataset_version"] == f"{version}.0"
    for name, info in ds.load_manifest(version=version)["files"].items():  # frozen: its own manifest holds
        assert hashlib.sha256((old / name).read_bytes()).hexdigest() == info["sha256"], name
    for split, n in FROZEN[version].items():
        assert len(ds.load_split(split, version=version)) == n
    dev = ds.load_split("dev", version=version)
    assert score_email(dev[0], dev[0].reference.model_dump()).checks
    with pytest.raises(ValueError, match="unknown dataset version"):
        ds.load_split("dev", version="0.9")


@pytest.mark.parametrize("version", sorted(FROZEN))
def test_load_dataset_offline_earlier_version(tmp_path, monkeypatch, version):
    datasets = pytest.importorskip("datasets")
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    loaded = datasets.load_dataset(str(DATA), f"v{version}", cache_dir=str(tmp_path / "cache"))
    assert {s: loaded[s].num_rows for s in ds.SPLITS} == FROZEN[version]


def test_every_1_1_row_is_in_1_2_byte_for_byte(rows):
    old = ds.package_data_dir("1.1")
    for split in ds.SPLITS:
        new_lines = (DATA / f"{split}.jsonl").read_text(encoding="utf-8").splitlines()
        old_lines = (old / f"{split}.jsonl").read_text(encoding="utf-8").splitlines()
        assert set(old_lines) <= set(new_lines), split
        added = [json.loads(line) for line in new_lines if line not in set(old_lines)]
        programmatic = [r for r in added if r["source_mode"] == "programmatic"]
        assert all(r["metadata"]["generator"]["version"] == "1.4.0" for r in programmatic)
        assert min(r["task_id"] for r in programmatic) > "TB-PRG-0440"
        hand = [r for r in added if r["source_mode"] == "hand_authored"]
        assert hand and all(r["task_id"] > "TB-HND-0036" and r.get("other_threads") for r in hand)


def test_1_2_additions(tasks):
    """At least 20 tasks with other threads across all three splits; held-out holds at least 20
    zero-signal tasks (the slices' rule: no required signal)."""
    from tenacious_bench.slices import slice_values

    other = {s: [t for t in ts if t.other_threads] for s, ts in tasks.items()}
    assert sum(map(len, other.values())) >= 20 and all(other.values())
    zero = [t for t in tasks["held_out"] if slice_values(t)["zero_signal"] == "yes"]
    assert len(zero) >= 20
    assert ds.load_manifest()["added"] == {"other_threads": ds.N_OTHER_THREADS, "zero_signal": ds.N_ZERO_SIGNAL}


def test_naming_an_other_threads_fact_fails_honesty(tasks):
    """Every train/dev task with other threads: its reference passes, and the reference plus one
    sentence naming the other thread's project (or its team size, or the colleague) fails honesty with a
    reason naming that thread."""
    import re

    checked = 0
    for t in [t for s in ("train", "dev") for t in tasks[s] if t.other_threads]:
        ref = t.reference.model_dump()
        assert score_email(t, ref).passed
        said = t.other_threads[0][-1].body
        project = re.search(r"Project \w+", said).group(0)
        team = re.search(r"\b\d (?:[\w-]+ ){0,2}(?:engineers|developers|vendors)\b", said).group(0)
        colleague = said.splitlines()[-2]
        paragraphs = ref["body"].split("\n\n")
        leaks = [f"This could also help with {project} on your side.", f"We could also staff the {team} your team mentioned."]
        if "'" not in colleague:  # the scorer reads no name with an apostrophe ("O'Neill") as a named fact
            leaks.append(f"I have also been talking with {colleague} about this.")
        for leak in leaks:
            body = "\n\n".join([*paragraphs[:2], leak, *paragraphs[2:]])
            score = score_email(t, {"subject": ref["subject"], "body": body})
            reasons = [r for r in score.checks["honesty"].reasons if r.code == "other_thread"]
            assert reasons and reasons[0].details["other_thread"] == 1, (t.task_id, leak, score.failure_reasons())
        checked += 1
    assert checked >= 20


def test_manifest_pins_the_reply_classification_items():
    import hashlib

    pinned = ds.load_manifest()["reply_classification"]
    folder = DATA / pinned["path"]
    assert pinned["dataset_version"] == "1.2.0"
    for name, info in pinned["files"].items():
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == info["sha256"], name
    assert {"train.jsonl", "dev.jsonl", "held_out.jsonl"} <= set(pinned["files"])


def test_manifest_lists_every_file_of_the_version():
    """Every file of 1.2 (frozen earlier versions aside) is in its manifest with its sha256, the
    next-message files included."""
    listed = set(ds.load_manifest()["files"])
    present = {p.relative_to(DATA).as_posix() for p in DATA.rglob("*")
               if p.is_file() and p.relative_to(DATA).parts[0] not in ds.VERSIONS and "__pycache__" not in p.parts}
    assert present - {ds.MANIFEST_NAME} == listed
    assert {"next_message/train.jsonl", "next_message/dev.jsonl", "next_message/held_out.jsonl",
            "next_message/manifest.json", "review.json"} <= listed


def test_card_counts_the_next_message_tasks():
    from tenacious_bench.next_message import load_next_message_split

    card = (DATA / ds.CARD_NAME).read_text(encoding="utf-8")
    n = {s: len(load_next_message_split(s)) for s in ds.SPLITS}
    assert f"{sum(n.values())} tasks of kind `next_message`" in card
    assert f"| **tasks** | {n['train']} | {n['dev']} | {n['held_out']} | {sum(n.values())} |" in card
    assert f"- {sum(n.values())} next-message tasks in `next_message/`" in card


def test_contamination_reads_the_next_message_files():
    from tenacious_bench import contamination as c

    files = {p.relative_to(DATA).as_posix() for p in c.data_dir_files(DATA)}
    assert {"train.jsonl", "next_message/held_out.jsonl", "next_message/train.jsonl"} <= files
