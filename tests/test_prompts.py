"""The prompt builder: the short variant is the 1.0 prompt byte for byte; the full one states every rule."""

from __future__ import annotations

import hashlib
import json

import pytest

from tenacious_bench.dataset import load_split
from tenacious_bench.prompts import build_messages

# sha256 of the messages (JSON, sorted keys) as PROMPT_VERSION "1" rendered them under the shipped
# guide, computed before the full-rules prompt existed: the `short` variant must never drift.
PINNED_SHORT = {
    ("train", "TB-PRG-0086"): "1fb0356760422fae35b962138047a6a39605de3592759e8adab71a9cbd46a0ee",
    ("train", "TB-PRG-0088"): "a5794f9ed8612350a745264ca77f35569b5e68bb2f48cdb5627389d4e2fe4415",
    ("dev", "TB-HND-0023"): "4a412e8f0059e4741c5b99043f29ed914d6c2242291d616c60576edc766a2f5a",
    ("dev", "TB-PRG-0440"): "1fa67f5c3ed1266796ce518b97e6299843a2869ba7c3e8fc724f98cf999363f6",
    ("held_out", "TB-HND-0031"): "3443cb179055f2063b718f5bda578dda8e39275e4a9da3662279999acdb1b235",
    ("held_out", "TB-PRG-0035"): "c49fc1a95b9af86601561a0ebf5a6ab6c244a6d49997b807b48f67425ad90bda",
}


def _digest(messages: list[dict[str, str]]) -> str:
    return hashlib.sha256(json.dumps(messages, ensure_ascii=False, sort_keys=True).encode()).hexdigest()


@pytest.mark.parametrize(("split", "task_id"), sorted(PINNED_SHORT))
def test_short_prompt_is_byte_identical_to_prompt_version_1(split, task_id):
    task = next(t for t in load_split(split, version="1.0") if t.task_id == task_id)
    assert _digest(build_messages(task, variant="short")) == PINNED_SHORT[(split, task_id)]


# ------------------------------------------------------------------------------------------------
# The full variant states every rule family of the style-guide file. Every key of the file's rule
# sections must be listed in STATED (with how the test finds it in the prompt) or in NOT_A_RULE
# (with why the prompt need not state it): a rule family added to the guide fails this test until
# the prompt states it.
# ------------------------------------------------------------------------------------------------
from tenacious_bench.prompts import full_system_prompt, full_user_prompt  # noqa: E402
from tenacious_bench.style_guide import load_style_guide  # noqa: E402

GUIDE = load_style_guide()
FULL = full_system_prompt(GUIDE).lower()


def _plain(entries):
    return [e if isinstance(e, str) else e["phrase"] for e in entries
            if not (e if isinstance(e, str) else e["phrase"]).startswith("regex:")]


def _has_regex(entries):
    return any((e if isinstance(e, str) else e["phrase"]).startswith("regex:") for e in entries)


def phrases(path):
    """Every plain phrase of the set appears quoted; its regex entries have a readable note that appears."""
    def check(value):
        for p in _plain(value):
            assert f'"{p.lower()}"' in FULL, f"{path}: phrase {p!r} is not in the full prompt"
        if _has_regex(value):
            note = GUIDE.company_profile["regex_notes"].get(path)
            assert note and note.lower() in FULL, f"{path}: regex entries need company_profile.regex_notes.{path}"
    return check


def banned_by_category(value):
    cats = {e.get("category", "banned") if isinstance(e, dict) else "banned" for e in value}
    for cat in sorted(cats):
        label = GUIDE.company_profile["banned_categories"].get(cat)
        assert label and f"  - {label.lower()}:" in FULL, f"banned category {cat!r} has no label in the prompt"
        phrases(f"banned_phrases.{cat}")([e for e in value if isinstance(e, dict) and e.get("category") == cat])


def words(value):
    for w in value:
        assert w.lower() in FULL, f"{w!r} is not in the full prompt"


def number(value):
    assert str(value) in FULL, f"{value!r} is not in the full prompt"


def keyed(profile_key):
    """Every key of the section has a readable form in company_profile.<profile_key> that appears."""
    def check(value):
        for k in value:
            text = GUIDE.company_profile[profile_key].get(k)
            assert text and text.lower() in FULL, f"{k!r} has no company_profile.{profile_key} text in the prompt"
    return check


def service_facts(value):
    for f in value:
        assert f["note"].lower() in FULL, f"service fact {f['name']!r} is not stated"


def kinds(value):
    from tenacious_bench.prompts import _KIND_LABEL
    for k in value:
        assert _KIND_LABEL[k] in FULL


def limits(value):
    number(value["max_subject_chars"])
    for k, n in value["max_body_words"].items():
        assert f"{n} for" in FULL or f"{n} words" in FULL, f"body limit for {k} is not stated"


def not_asks(value):
    assert "opt-out" in FULL and "not an ask" in FULL


STATED = {
    "signature": lambda v: (words(v["titles"]), words(v["lines"])),
    "greetings": words,
    "sign_offs": words,
    "limits": limits,
    "subject.banned_openers": words,
    "subject.urgency_words": phrases("subject.urgency_words"),
    "emoji_allowed_kinds": kinds,
    "attachment_kinds_banned": kinds,
    "attachment_phrases": phrases("attachment_phrases"),
    "banned_phrases": banned_by_category,
    "prospect_facing_banned_words": phrases("prospect_facing_banned_words"),
    "condescending_phrases": phrases("condescending_phrases"),
    "honesty.uncertainty_markers": phrases("honesty.uncertainty_markers"),
    "honesty.conditional_markers": phrases("honesty.conditional_markers"),
    "honesty.assertive_growth_phrases": phrases("honesty.assertive_growth_phrases"),
    "honesty.recent_days": number,
    "honesty.pressure_phrases": phrases("honesty.pressure_phrases"),
    "honesty.total_value_phrases": phrases("honesty.total_value_phrases"),
    "honesty.invented_signal_cues": keyed("signal_kinds"),
    "honesty.ai_terms": phrases("honesty.ai_terms"),
    "honesty.gap_terms": phrases("honesty.gap_terms"),
    "service_facts": service_facts,
    "asks.max_first_call_minutes": number,
    "asks.cues": keyed("ask_kinds"),
    "asks.not_asks": not_asks,
    "company.name": lambda v: words([v]),
    "company_profile.description": lambda v: words([v]),
    "company_profile.first_call": lambda v: words([v]),
    "company_profile.internal_word_rule": lambda v: words([v]),
    # The scorer's clause-scope, number and ask-role vocabularies relax or frame rules the prompt states.
    "honesty.negation_pre": lambda v: words(["denying or refusing is not claiming"]),
    "honesty.negation_post": lambda v: words(["is more than i can promise"]),
    "honesty.refusal_phrases": lambda v: words(["i cannot offer a discount"]),
    "honesty.horizon_phrases": lambda v: words(["time horizons"]),
    "honesty.generic_markers": lambda v: words(["general context"]),
    "honesty.reader_change_cues": lambda v: words(["the reader's own move"]),
    "asks.roles": lambda v: words(["a sentence asks only as a question, a request, an offer or a proposal"]),
}
NOT_A_RULE = {
    "name": "the guide's title", "version": "the guide's version",
    "company.website": "stated through signature.lines",
    "default_sender": "the task's sender is stated in the user message",
    "honesty.engineer_nouns": "detector vocabulary of the commitment rule (stated)",
    "honesty.commitment_cues": "detector vocabulary of the commitment rule (stated)",
    "honesty.role_nouns": "detector vocabulary of the claim-number rule (stated)",
    "honesty.month_names": "detector vocabulary of the date rules (stated)",
    "honesty.negation_pseudo": "detector vocabulary of the negation rule (stated)",
    "honesty.negation_terminators": "detector vocabulary of the negation rule (stated)",
    "honesty.stack_aliases": "detector vocabulary of the commitment rule (stated)",
    "company_profile.short_name": "composer text", "company_profile.value_lines": "composer text",
    "company_profile.segment_framing": "composer text",
    "company_profile.banned_categories": "checked through banned_phrases",
    "company_profile.regex_notes": "checked through each phrase set",
    "company_profile.ask_kinds": "checked through asks.cues",
    "company_profile.signal_kinds": "checked through honesty.invented_signal_cues",
    "replies": "next_message rules: stated in the next_message prompt (tests/test_prompts_next_message.py walks its keys)",
}
_NESTED = ("company", "subject", "honesty", "asks", "company_profile")


def _families():
    out = {}
    for key, value in GUIDE.raw.items():
        if key in _NESTED and isinstance(value, dict):
            out.update({f"{key}.{k}": v for k, v in value.items()})
        else:
            out[key] = value
    return out


def test_every_rule_family_of_the_guide_is_classified():
    unknown = sorted(set(_families()) - set(STATED) - set(NOT_A_RULE))
    assert not unknown, f"style-guide keys the full prompt does not state (add them to the prompt and STATED): {unknown}"


@pytest.mark.parametrize("family", sorted(STATED))
def test_full_prompt_states_the_rule_family(family):
    STATED[family](_families()[family])


def test_full_user_prompt_lists_the_ways_to_name_each_required_signal():
    task = next(t for t in load_split("train") if t.task_id == "TB-PRG-0086")
    text = full_user_prompt(task, GUIDE)
    for sid in task.constraints.required_signals:
        for anchor in task.signals_by_id[sid].anchors:
            assert f'"{anchor}"' in text


def test_short_variant_and_unknown_variant():
    task = load_split("dev")[0]
    short = build_messages(task, variant="short")
    full = build_messages(task)
    assert short[0]["content"] != full[0]["content"] and len(full[0]["content"]) > 3 * len(short[0]["content"])
    with pytest.raises(ValueError, match="prompt variant"):
        build_messages(task, variant="long")


def test_company_text_comes_from_the_guide(tmp_path):
    """Another company's guide renders its own words in both prompts and in the composer's emails."""
    from importlib import resources

    from tenacious_bench.composer import compose_email

    text = resources.files("tenacious_bench").joinpath("data", "style_guide.yaml").read_text(encoding="utf-8")
    for old, new in [("Tenacious Intelligence Corporation", "Acme Staffing Inc"), ("gettenacious.com", "acme.example"),
                     ("short_name: Tenacious", "short_name: Acme"),
                     ("places managed engineering teams with startups and mid-market companies",
                      "runs embedded engineering squads for retailers"),
                     ("a first call is 15 or 30 minutes", "a first call is short"),
                     ("never call available engineers a 'bench'", "never call available engineers a 'pool'")]:
        assert old in text
        text = text.replace(old, new)
    path = tmp_path / "acme.yaml"
    path.write_text(text, encoding="utf-8")
    acme = load_style_guide(path)
    tasks = [t for t in load_split("dev") if t.kind == "cold"][:6]
    for variant in ("full", "short"):
        system = build_messages(tasks[0], acme, variant=variant)[0]["content"]
        assert "runs embedded engineering squads for retailers" in system and "'pool'" in system
        assert "tenacious" not in system.lower() and "startups and mid-market" not in system
    for task in tasks:
        email = compose_email(task, acme)
        assert "tenacious" not in (email["subject"] + email["body"]).lower(), email["body"]


def test_other_threads_are_shown_as_context_with_their_rule() -> None:
    """Dataset 1.2: the brief shows the other threads at the company (so the model can keep the rule
    the honesty check enforces), and the full system prompt states the rule; other prompts unchanged."""
    from tenacious_bench.dataset import load_split

    dev = load_split("dev")
    with_other = next(t for t in dev if t.other_threads)
    system, user = (m["content"] for m in build_messages(with_other))
    assert f"Other threads at {with_other.prospect.company}" in user
    assert with_other.other_threads[0][-1].body.split("\n")[0][:40] in user
    assert "never refer to them" in system
    without = next(t for t in dev if not t.other_threads)
    system, user = (m["content"] for m in build_messages(without))
    assert "Other threads" not in user and "other threads" not in system
