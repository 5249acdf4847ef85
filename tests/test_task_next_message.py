"""Next-message tasks (schema 1.1): the Task model accepts the reply fields and names every misuse."""

from __future__ import annotations

import pytest

from tenacious_bench.prompts import limits_of
from tenacious_bench.style_guide import StyleGuideError, load_style_guide
from tenacious_bench.task import TaskError, parse_task, shipped_id_problems
from tests.scorers.nm_tasks import nm_row, nm_task


@pytest.mark.parametrize(
    ("reply_class", "objection"),
    [("engaged", None), ("curious", None), ("soft_defer", None), ("hard_no", None),
     ("objection", "price"), ("objection", "incumbent"), ("objection", "small_poc"), ("objection", "offshore")],
)
def test_every_class_and_objection_loads(reply_class, objection):
    task = nm_task(reply_class, objection)
    assert task.kind == "next_message" and task.constraints.reply_class == reply_class
    assert task.constraints.objection == objection


def _set(path: str, value):
    def edit(row):
        *head, last = path.split(".")
        node = row
        for k in head:
            node = node[int(k)] if k.lstrip("-").isdigit() else node[k]
        if value is _DROP:
            node.pop(last)
        else:
            node[int(last) if last.lstrip("-").isdigit() else last] = value
    return edit


_DROP = object()

BAD = [
    ("schema 1.0", "engaged", None, _set("schema_version", "1.0"), 'declares "schema_version": "1.1"'),
    ("no reply class", "engaged", None, _set("constraints.reply_class", _DROP), "needs constraints.reply_class"),
    ("unknown class", "engaged", None, _set("constraints.reply_class", "maybe"), "constraints.reply_class"),
    ("objection without type", "objection", "price", _set("constraints.objection", _DROP), "constraints.objection is required"),
    ("type without objection", "engaged", None, _set("constraints.objection", "price"), "goes only with reply_class 'objection'"),
    ("unknown objection", "objection", "price", _set("constraints.objection", "vibes"), "constraints.objection"),
    ("unknown handoff", "engaged", None, _set("constraints.handoff", "lunch"), "constraints.handoff"),
    ("handoff on a hard no", "hard_no", None, _set("constraints.handoff", "staffing"), "no constraints.handoff"),
    ("word limit on a hard no", "hard_no", None, _set("constraints.max_body_words", 50), "no constraints.max_body_words"),
    ("thread ends with us", "engaged", None, _set("thread.1.from", "tenacious"), "ends with the prospect's latest reply"),
    ("thread ends with a call", "engaged", None, _set("thread.1.channel", "call"), "ends with the prospect's latest reply"),
    ("empty thread", "engaged", None, _set("thread", []), "non-empty thread"),
    ("hard no reference with a subject", "hard_no", None, _set("reference", {"subject": "Re: x", "body": "NO_REPLY"}), "no-reply token"),
    ("email reference without subject", "engaged", None, _set("reference", {"subject": "", "body": "Hi"}), "reference.subject is empty"),
]


@pytest.mark.parametrize(("label", "cls", "objection", "edit", "message"), BAD, ids=[b[0] for b in BAD])
def test_bad_next_message_task_names_the_problem(label, cls, objection, edit, message):
    row = nm_row(cls, objection)
    edit(row)
    with pytest.raises(TaskError) as err:
        parse_task(row, where="t.jsonl:1")
    assert message in str(err.value) and "TB-NXT-T001" in str(err.value)


@pytest.mark.parametrize("field", ["reply_class", "objection", "handoff"])
def test_reply_fields_only_on_next_message(field, example_tasks):
    row = example_tasks["TB-HND-EX02"].model_dump(mode="json", by_alias=True, exclude_none=True)
    row["constraints"][field] = {"reply_class": "engaged", "objection": "price", "handoff": "staffing"}[field]
    with pytest.raises(TaskError, match=f"constraints.{field} is only for a next_message task"):
        parse_task(row)


def test_hard_no_reference_is_the_token():
    row = nm_row("hard_no")
    row["reference"] = {"subject": "", "body": "NO_REPLY"}
    assert parse_task(row).reference.body == "NO_REPLY"


@pytest.mark.parametrize(
    ("cls", "objection", "words"),
    [("engaged", None, 150), ("curious", None, 90), ("soft_defer", None, 60), ("objection", "price", 200), ("hard_no", None, 0)],
)
def test_word_limit_defaults_by_class(cls, objection, words):
    assert limits_of(nm_task(cls, objection), load_style_guide()) == (60, words)
    if cls != "hard_no":
        assert limits_of(nm_task(cls, objection, max_body_words=40), load_style_guide())[1] == 40


def test_next_message_kind_has_no_kind_limit():
    with pytest.raises(StyleGuideError, match="by class"):
        load_style_guide().max_body_words("next_message")


def test_shipped_ids_of_next_message_tasks():
    assert shipped_id_problems([nm_task("engaged")]) == []
    wrong = nm_task("engaged", task_id="TB-HND-0001")
    assert "must start with 'TB-NXT-' for kind 'next_message'" in shipped_id_problems([wrong])[0]
