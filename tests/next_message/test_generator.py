"""The next-message generator and files: reproducible, sealed, covering every class, scorer-verified."""

from __future__ import annotations

import hashlib
import json

import pytest

from tenacious_bench.authoring import reply_pools
from tenacious_bench.authoring.next_message import BLOCKS, CASES, generate_next_message_rows
from tenacious_bench.dataset import CANARY, CREATED_AT, CUTOFF, reference_sha256
from tenacious_bench.next_message import (
    HANDOFFS,
    OBJECTIONS,
    REPLY_CLASSES,
    SPLITS,
    NextMessageError,
    coverage_problems,
    load_next_message_manifest,
    load_next_message_split,
    next_message_dir,
    write_next_message_files,
)
from tenacious_bench.scoring import score_email
from tenacious_bench.task import parse_task


def test_shipped_files_are_a_byte_identical_rebuild(tmp_path):
    entries = write_next_message_files(tmp_path)
    shipped = load_next_message_manifest()
    for split in SPLITS:
        name = f"{split}.jsonl"
        assert entries[f"next_message/{name}"] == shipped["files"][name]
        assert (tmp_path / "next_message" / name).read_bytes() == (next_message_dir() / name).read_bytes()
    manifest_bytes = (next_message_dir() / "manifest.json").read_bytes()
    assert entries["next_message/manifest.json"]["sha256"] == hashlib.sha256(manifest_bytes).hexdigest()


def test_sizes_and_ids(nm_splits):
    sizes = {s: len(nm_splits[s]) for s in SPLITS}
    block = len(CASES) + 2
    assert sizes == {s: BLOCKS[s] * block for s in SPLITS}
    assert sum(sizes.values()) >= 150
    ids = [t.task_id for s in SPLITS for t in nm_splits[s]]
    assert len(set(ids)) == len(ids) and all(i.startswith("TB-NXT-") for i in ids)
    assert all(t.kind == "next_message" and t.schema_version == "1.1" for s in SPLITS for t in nm_splits[s])


def test_every_class_objection_and_several_handoffs_in_every_split(nm_splits):
    assert coverage_problems(nm_splits) == []
    for split in SPLITS:
        tasks = nm_splits[split]
        assert {t.constraints.reply_class for t in tasks} == set(REPLY_CLASSES)
        assert {t.constraints.objection for t in tasks if t.constraints.objection} == set(OBJECTIONS)
        assert {t.constraints.handoff for t in tasks if t.constraints.handoff} == set(HANDOFFS)


def test_coverage_problems_name_what_is_missing(nm_splits):
    no_price = {s: [t for t in nm_splits[s] if t.constraints.objection != "price"] for s in SPLITS}
    no_price["dev"] = [t for t in no_price["dev"] if t.constraints.reply_class != "hard_no"]
    problems = coverage_problems(no_price)
    assert "dev: no task of reply class 'hard_no'" in problems
    assert {f"{s}: no 'price' objection task" for s in SPLITS} <= set(problems)


def test_references_pass_and_hard_no_is_no_reply(nm_splits):
    for split in ("train", "dev"):
        for t in nm_splits[split]:
            assert t.reference is not None
            assert score_email(t, t.reference.model_dump()).passed, t.task_id
            if t.constraints.reply_class == "hard_no":
                assert t.reference.model_dump() == {"subject": "", "body": "NO_REPLY"}
            else:
                assert t.reference.subject.startswith("Re:") and t.reference.body != "NO_REPLY"


def test_held_out_is_sealed(nm_splits):
    for t in nm_splits["held_out"]:
        assert t.reference is None and t.metadata.canary == CANARY and t.metadata.reference_sha256
        dates = [t.as_of, *(m.date for m in t.thread), *(s.date for s in t.signals if s.date)]
        assert min(dates) >= CUTOFF.isoformat(), t.task_id
    for split in ("train", "dev"):
        for t in nm_splits[split]:
            assert t.metadata.canary is None
            assert max([t.as_of, *(m.date for m in t.thread)]) < CUTOFF.isoformat(), t.task_id


def test_held_out_reply_phrasings_are_never_used_in_train_or_dev(nm_splits):
    def phrasings(split: str) -> set[str]:
        return {str(t.metadata.generator["phrasing"]) for t in nm_splits[split]}

    assert not phrasings("held_out") & (phrasings("train") | phrasings("dev"))
    # and the pool phrasings themselves come from the held-out half of reply_pools
    held_cores = {c for case in reply_pools.CORES.values() for c in case["held_out"]}
    assert held_cores and all(c not in {x for case in reply_pools.CORES.values() for x in case["train"]}
                              for c in held_cores)


def test_thread_ends_with_the_prospects_email_reply(nm_splits):
    for t in [t for s in SPLITS for t in nm_splits[s]]:
        last = t.thread[-1]
        assert last.from_ == "prospect" and last.channel == "email" and last.date <= t.as_of
        assert all(m.date <= last.date for m in t.thread)


def test_the_prompt_never_names_the_class(nm_splits):
    from tenacious_bench.prompts import build_messages

    for t in nm_splits["held_out"]:
        user = build_messages(t)[1]["content"]
        assert "reply_class" not in user and str(t.constraints.reply_class) not in t.instruction


def test_generator_is_seeded():
    kw = {"cutoff": CUTOFF, "canary": CANARY, "created_at": CREATED_AT}
    a = generate_next_message_rows(7, **kw)
    assert json.dumps(a) == json.dumps(generate_next_message_rows(7, **kw))
    assert json.dumps(a) != json.dumps(generate_next_message_rows(8, **kw))


def test_held_out_reference_hash_is_the_composers(nm_splits):
    from tenacious_bench.composer import compose_next_message

    for t in nm_splits["held_out"][:6]:
        assert t.metadata.reference_sha256 == reference_sha256(compose_next_message(t, seed=2026))


def test_a_failing_reference_is_refused(monkeypatch, nm_splits):
    import tenacious_bench.composer as composer
    from tenacious_bench import next_message

    task = next(t for t in nm_splits["train"] if t.constraints.reply_class == "curious")
    row = task.model_dump(mode="json", by_alias=True, exclude_none=True)
    row.pop("reference")
    monkeypatch.setattr(composer, "MAX_ATTEMPTS", 0)
    with pytest.raises(NextMessageError, match="no scorer-verified reference"):
        next_message._with_reference(row, 2026)


def test_versions_without_next_message_tasks_are_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="no next-message tasks"):
        load_next_message_split("dev", data_dir=tmp_path)
    with pytest.raises(FileNotFoundError, match=r"no next-message tasks in dataset version 1\.0"):
        load_next_message_split("dev", version="1.0")
    with pytest.raises(ValueError, match="unknown split"):
        load_next_message_split("validation")


def test_rows_parse_with_the_shipped_schema(nm_rows):
    for split, rows in nm_rows.items():
        for r in rows:
            assert parse_task(r).split == split
