"""Reply-classification items: validation with clear errors, loading, the shipped data, the prompt."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from tenacious_bench.replies import (
    CANARY,
    CLASSES,
    LABELS,
    OBJECTIONS,
    ReplyItemError,
    build_reply_messages,
    item_row,
    load_reply_items,
    parse_reply_item,
)


@pytest.fixture
def row(reply_splits) -> dict:
    return item_row(next(i for i in reply_splits["dev"] if i.gold == "engaged"))


def test_a_shipped_row_round_trips(row):
    assert item_row(parse_reply_item(row)) == row


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda r: r.update(gold="maybe"), "field gold: Input should be 'engaged'"),
        (lambda r: r.pop("why"), "field why: Field required"),
        (lambda r: r["reply"].pop("body"), "field reply.body: Field required"),
        (lambda r: r.update(schema_version="1.0"), "field schema_version: Input should be '1.1'"),
        (lambda r: r.update(thread=[]), "field thread: List should have at least 1 item"),
        (lambda r: r["reply"].update(channel="fax"), "field reply.channel"),
        (lambda r: r.update(as_of="2026-02-30"), "day is out of range"),
        (lambda r: r.update(gold="objection"), "metadata.objection is required for gold objection"),
        (lambda r: r.update(split="held_out"), "must carry the canary"),
        (lambda r: r.update(extra_field=1), "field extra_field: Extra inputs are not permitted"),
    ],
)
def test_bad_items_name_the_item_and_field(row, edit, message):
    row = json.loads(json.dumps(row))
    edit(row)
    with pytest.raises(ReplyItemError) as err:
        parse_reply_item(row, where="f.jsonl:3")
    assert message in str(err.value)
    assert f"f.jsonl:3 (item_id {row['item_id']})" in str(err.value)


def test_loading_collects_every_problem(tmp_path, row):
    bad = dict(row, gold="maybe")
    path = tmp_path / "items.jsonl"
    path.write_text(json.dumps(row) + "\n{not json\n" + json.dumps(bad) + "\n" + json.dumps(row) + "\n")
    with pytest.raises(ReplyItemError) as err:
        load_reply_items(path)
    problems = err.value.problems
    assert len(problems) == 3
    assert "items.jsonl:2: invalid JSON" in problems[0]
    assert "items.jsonl:3" in problems[1] and "field gold" in problems[1]
    assert "duplicate item_id" in problems[2]


def test_shipped_sizes_classes_and_cases(reply_splits):
    sizes = {s: len(items) for s, items in reply_splits.items()}
    assert sizes == {"train": 240, "dev": 80, "held_out": 100} and sum(sizes.values()) >= 400
    for split, items in reply_splits.items():
        assert set(Counter(i.gold for i in items)) == set(LABELS), split
        assert {i.metadata.objection for i in items if i.gold == "objection"} == set(OBJECTIONS), split
        cases = {i.metadata.case for i in items}
        for case in ("abstain/sarcasm", "abstain/no_plus_question", "abstain/out_of_office",
                     "abstain/someone_else", "hard_no/contact_correction"):
            assert case in cases, (split, case)
    everything = [i for items in reply_splits.values() for i in items]
    assert len({i.item_id for i in everything}) == len(everything)
    assert {i.source_mode for i in everything} == {"programmatic", "hand_authored"}
    # a reply from someone else is labelled abstain; every other reply comes from the prospect
    assert all((i.reply.from_ != "prospect") == (i.metadata.case == "abstain/someone_else") for i in everything)
    assert all(i.why.startswith(f"{i.gold}: ") for i in everything)


def test_varied_lengths(reply_splits):
    words = sorted(len(i.reply.body.split()) for items in reply_splits.values() for i in items)
    assert words[0] <= 3 and words[-1] >= 100 and len(set(words)) >= 40


def test_prompt_has_the_classes_the_thread_and_the_reply(reply_splits):
    item = next(i for i in reply_splits["held_out"] if i.metadata.case == "abstain/someone_else")
    system, user = build_reply_messages(item)
    assert (system["role"], user["role"]) == ("system", "user")
    for label in LABELS:
        assert label in system["content"]
    assert "Answer with exactly one of" in system["content"]
    assert item.reply.body in user["content"] and item.thread[0].body in user["content"]
    assert f"From: {item.reply.from_}" in user["content"]
    assert CANARY not in system["content"] + user["content"]  # the canary stays in metadata


def test_classes_are_the_five_of_replies_md():
    assert CLASSES == ("engaged", "curious", "soft_defer", "objection", "hard_no")
