"""Held-out sealing of the reply items: dates, canary, phrasings; manifest; rebuild; blind packet."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from tenacious_bench.authoring import reply_pools
from tenacious_bench.authoring.reply_generator import PACKET_SIZE, write_reply_dataset
from tenacious_bench.contamination import CUTOFF as CHECKER_CUTOFF
from tenacious_bench.dataset import CANARY as DATASET_CANARY
from tenacious_bench.dataset import CUTOFF as DATASET_CUTOFF
from tenacious_bench.replies import (
    CANARY,
    CUTOFF,
    SPLITS,
    body_ngram_overlap,
    item_row,
    manifest,
    parse_reply_item,
    reply_data_dir,
    sealing_problems,
)

ROOT = Path(__file__).resolve().parents[2]
PACKET = ROOT / "data_cards" / "reply_review" / "packet.jsonl"


def test_same_cutoff_and_canary_as_the_email_tasks():
    assert CUTOFF == DATASET_CUTOFF == CHECKER_CUTOFF and CANARY == DATASET_CANARY


def test_shipped_items_are_sealed(reply_splits):
    assert sealing_problems([i for s in SPLITS for i in reply_splits[s]]) == []
    assert all(i.metadata.canary == CANARY for i in reply_splits["held_out"])
    assert all(i.reply.date >= "2026-07-01" for i in reply_splits["held_out"])
    assert all(i.as_of < "2026-07-01" for s in ("train", "dev") for i in reply_splits[s])


def test_no_held_out_reply_shares_an_8gram_with_train(reply_splits):
    """Phrasings train never uses, in the contamination checker's own tokens and n."""
    assert body_ngram_overlap(reply_splits["held_out"], reply_splits["train"]) == []
    assert body_ngram_overlap(reply_splits["held_out"], reply_splits["dev"]) == []


def test_the_overlap_check_finds_a_planted_copy(reply_splits):
    source = reply_splits["train"][5]
    row = item_row(reply_splits["held_out"][0])
    row["reply"]["body"] = "Hello there.\n\n" + source.reply.body.replace("\n", " ")
    planted = parse_reply_item(row)
    if len(source.reply.body.split()) >= 8:
        assert body_ngram_overlap([planted], [source])


def test_pools_are_disjoint_between_train_and_held_out():
    for case, pools in reply_pools.CORES.items():
        assert not set(pools["train"]) & set(pools["held_out"]), case
        assert pools["train"] and pools["held_out"], case
    assert set(reply_pools.CORES) == set(reply_pools.CASES) == set(reply_pools.WEIGHTS)


def test_sealing_problems_name_each_violation(reply_splits):
    held = item_row(reply_splits["held_out"][0])
    early = parse_reply_item({**held, "as_of": "2026-06-30", "reply": {**held["reply"], "date": "2026-06-30"},
                              "thread": [{**held["thread"][0], "date": "2026-06-01"}]})
    train = item_row(reply_splits["train"][0])
    leaky = parse_reply_item({**train, "metadata": {**train["metadata"], "canary": CANARY}})
    problems = sealing_problems([early, leaky])
    assert any("held_out as_of 2026-06-30 is before the cutoff" in p for p in problems)
    assert any("carries the held-out canary" in p for p in problems)


def test_manifest_matches_the_files():
    m = manifest()
    assert m["dataset_version"] == "1.2.0" and m["canary"] == CANARY and m["cutoff"] == "2026-07-01"
    for split in SPLITS:
        data = (reply_data_dir() / f"{split}.jsonl").read_bytes()
        assert m["files"][f"{split}.jsonl"]["sha256"] == hashlib.sha256(data).hexdigest()
        assert m["files"][f"{split}.jsonl"]["rows"] == len(data.splitlines())


def test_rebuild_is_byte_identical(tmp_path):
    write_reply_dataset(tmp_path, packet_path=tmp_path / "packet.jsonl")
    for name in ("train.jsonl", "dev.jsonl", "held_out.jsonl", "manifest.json"):
        assert (tmp_path / name).read_bytes() == (reply_data_dir() / name).read_bytes(), name
    assert (tmp_path / "packet.jsonl").read_bytes() == PACKET.read_bytes()


def test_blind_packet_has_no_labels(reply_splits):
    rows = [json.loads(line) for line in PACKET.read_text().splitlines()]
    assert len(rows) == PACKET_SIZE >= 100
    ids = {i.item_id: s for s in SPLITS for i in reply_splits[s]}
    assert {ids[r["item_id"]] for r in rows} == set(SPLITS)
    text = PACKET.read_text()
    for r in rows:
        assert set(r) == {"item_id", "prospect", "thread", "reply"}
    assert '"gold"' not in text and '"why"' not in text and '"case"' not in text and CANARY not in text
