"""The next_message prompt: the full variant states every rule of the style guide's `replies:` section
(a walk over its keys, like the first-email coverage test), the short one states them briefly, and
neither names the task's reply class."""

from __future__ import annotations

import pytest

from tenacious_bench.prompts import build_messages, full_system_prompt, system_prompt
from tenacious_bench.style_guide import load_style_guide
from tests.scorers.nm_tasks import nm_task

GUIDE = load_style_guide()
R = GUIDE.raw["replies"]
FULL = full_system_prompt(GUIDE, nm_task("engaged")).lower()
SHORT = system_prompt(GUIDE, nm_task("engaged")).lower()
CLASS_WORDS = {"engaged": "engaged reply", "curious": "curious reply", "soft_defer": "soft defer", "objection": "an objection"}


def _plain(entries):
    return [e if isinstance(e, str) else e["phrase"] for e in entries
            if not (e if isinstance(e, str) else e["phrase"]).startswith("regex:")]


def _phrases(path, entries):
    for p in _plain(entries):
        assert f'"{p.lower()}"' in FULL, f"replies.{path}: {p!r} is not in the prompt"
    if len(_plain(entries)) < len(entries):
        note = GUIDE.company_profile["regex_notes"].get(f"replies.{path}")
        assert note and note.lower() in FULL, f"replies.{path}: regex entries need company_profile.regex_notes"


def _class_line(cls):
    return next(x for x in FULL.splitlines() if x.startswith(f"- for {CLASS_WORDS[cls]}") or
                x.startswith(f"- for a {CLASS_WORDS[cls]}") or x.startswith(f"- for an {CLASS_WORDS[cls]}"))


def _limits(v):
    for cls, n in v.items():
        assert f"body at most {n} words" in _class_line(cls)


def _no_ask(v):
    for cls in CLASS_WORDS:
        assert ("no call to action at all" in _class_line(cls)) is (cls in v)


def _months(v):
    for cls in CLASS_WORDS:
        assert ("specific month for the next touch" in _class_line(cls)) is (cls in v)


def _lists(v):
    for cls in CLASS_WORDS:
        assert ("no bulleted or numbered list" in _class_line(cls)) is (cls in v)


STATED = {
    "no_reply_token": lambda v: v.lower() in FULL and f"answer exactly {v.lower()} and nothing else" in FULL,
    "max_body_words": _limits,
    "no_ask_classes": _no_ask,
    "next_touch_month_classes": _months,
    "no_list_classes": _lists,
    "next_touch.cues": lambda v: _phrases("next_touch.cues", v),
    "next_touch.vague_times": lambda v: _phrases("next_touch.vague_times", v),
    "objections.price.counter_offers": lambda v: _phrases("objections.price.counter_offers", v),
    "objections.small_poc.floor_band": lambda v: f"name the {v.lower()} from the public pricing bands" in FULL,
    "handoff.role": lambda v: f"our {v.lower()} will follow up" in FULL,
    "handoff.phrases": lambda v: _phrases("handoff.phrases", v),
    "handoff.commitments": lambda v: [_phrases(f"handoff.commitments.{k}", e) for k, e in v.items()],
}


def _keys(node, prefix=""):
    out = {}
    for k, v in node.items():
        path = f"{prefix}{k}"
        if isinstance(v, dict) and path not in ("max_body_words", "handoff.commitments"):
            out.update(_keys(v, path + "."))
        else:
            out[path] = v
    return out


def test_every_reply_rule_key_is_classified():
    assert sorted(_keys(R)) == sorted(STATED), "replies keys the next_message prompt does not state"


@pytest.mark.parametrize("key", sorted(STATED))
def test_full_prompt_states_the_reply_rule(key):
    result = STATED[key](_keys(R)[key])
    assert result is not False


@pytest.mark.parametrize(
    ("cls", "objection"), [("engaged", None), ("curious", None), ("soft_defer", None), ("hard_no", None),
                           ("objection", "price"), ("objection", "small_poc")])
@pytest.mark.parametrize("variant", ["full", "short"])
def test_prompt_never_names_the_tasks_class(cls, objection, variant):
    task = nm_task(cls, objection, reply="Thanks for the note.")
    system, user = build_messages(task, variant=variant)
    assert system["content"] == build_messages(nm_task("engaged", reply="Thanks for the note."), variant=variant)[0]["content"]
    text = user["content"].lower()
    for word in ("engaged", "curious", "soft defer", "soft_defer", "objection", "hard no", "hard_no", "small_poc"):
        assert word not in text
    for n in R["max_body_words"].values():
        assert f"at most {n} words" not in text
    assert "no_reply" in text


def test_short_variant_states_the_reply_rules_briefly():
    for n in R["max_body_words"].values():
        assert str(n) in SHORT
    assert R["no_reply_token"].lower() in SHORT and "specific month" in SHORT and "no discount" in SHORT
    assert R["objections"]["small_poc"]["floor_band"] in SHORT and R["handoff"]["role"] in SHORT
    assert len(SHORT) < len(FULL) / 2


def test_task_word_limit_override_is_stated():
    _, user = build_messages(nm_task("curious", max_body_words=70))
    assert "body at most 70 words" in user["content"]


def test_first_email_prompts_are_unchanged_by_the_reply_rules(example_tasks):
    for task in example_tasks.values():
        for variant in ("full", "short"):
            system = build_messages(task, variant=variant)[0]["content"]
            assert "NO_REPLY" not in system and "Replies:" not in system
