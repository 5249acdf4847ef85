"""The style-guide file's schema: every problem with its key path and line; a file that validates
never crashes a scoring run (fuzzed with mutations of the shipped file)."""

from __future__ import annotations

import copy
import json
from importlib import resources

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tenacious_bench.cli import main
from tenacious_bench.prompts import build_messages
from tenacious_bench.scoring import CHECK_NAMES, score_email
from tenacious_bench.style_guide import (
    StyleGuideError,
    load_style_guide,
    parse_style_guide,
    style_guide_json_schema,
)
from tenacious_bench.task import load_tasks
from tests.conftest import EXAMPLES

SHIPPED = resources.files("tenacious_bench").joinpath("data", "style_guide.yaml").read_text(encoding="utf-8")
RAW = yaml.safe_load(SHIPPED)


def _problems(text: str) -> list[str]:
    with pytest.raises(StyleGuideError) as err:
        parse_style_guide(text.encode(), "g.yaml")
    return err.value.problems


def _line_of(needle: str) -> int:
    return next(i for i, line in enumerate(SHIPPED.splitlines(), 1) if needle in line)


# (what is wrong, edit of the shipped text, expected problem line: (line of this text, "path: message"))
BROKEN = [
    ("typo in a nested key", ("max_subject_chars: 60", "max_subject_char: 60"),
     [("max_subject_char: 60", "limits.max_subject_char: unknown key"), ("limits:", "limits.max_subject_chars: missing key")]),
    ("wrong type", ("{cold: 120,", "{cold: sixty,"),
     [("{cold: sixty,", "limits.max_body_words.cold: Input should be a valid integer, got 'sixty'")]),
    ("unknown key in a phrase entry", ("{phrase: world-class, category: hype}", "{phrase: world-class, categry: hype}"),
     [("categry: hype", "banned_phrases[0].categry: unknown key")]),
    ("misspelled honesty key", ("  uncertainty_markers:", "  uncertainty_marker:"),
     [("uncertainty_marker:", "honesty.uncertainty_marker: unknown key"),
      ("honesty:", "honesty.uncertainty_markers: missing key")]),
    ("a string where a number is due", ("recent_days: 183", 'recent_days: "183"'),
     [("recent_days", "honesty.recent_days: Input should be a valid integer, got '183'")]),
    ("a bad regex", ('"regex: \\\\[\\\\s*attachment"', '"regex: \\\\[\\\\s*attachment("'),
     [("attachment_phrases:", "attachment_phrases[7].phrase: bad regex in entry")]),
    ("a regex matching every text", ('"regex: \\\\[\\\\s*attachment"', '"regex: x*"'),
     [("attachment_phrases:", "attachment_phrases[7].phrase: entry 'regex: x*' matches an empty text")]),
    ("a phrase with no words", ("[urgent, asap,", "['  --  ', asap,"),
     [("urgency_words:", "subject.urgency_words[0].phrase: phrase '  --  ' has no words")]),
    ("an unknown kind", ("emoji_allowed_kinds: [warm_reply]", "emoji_allowed_kinds: [warm]"),
     [("emoji_allowed_kinds", "emoji_allowed_kinds[0]: Input should be 'cold', 'warm_reply', 're_engagement' or 'next_message'")]),
    ("an unknown signal type for invented cues", ("    layoff: [layoff,", "    layoffs: [layoff,"),
     [("layoffs: [layoff,", "honesty.invented_signal_cues.layoffs: Input should be")]),
    ("a key given twice", ("version: 2", "version: 2\nversion: 3"), [("version: 3", "version: key given twice")]),
    ("a bool is not a number", ("max_first_call_minutes: 30", "max_first_call_minutes: true"),
     [("max_first_call_minutes", "asks.max_first_call_minutes: Input should be a valid integer")]),
    ("a service fact without units", ("values: [48], units: [hour, hours]", "values: [48], units: []"),
     [("values: [48]", "service_facts[5].units: List should have at least 1 item")]),
]


@pytest.mark.parametrize(("label", "edit", "expected"), BROKEN, ids=[b[0] for b in BROKEN])
def test_every_problem_names_its_path_and_line(label, edit, expected):
    old, new = edit
    assert old in SHIPPED, old
    text = SHIPPED.replace(old, new, 1)
    problems = _problems(text)
    lines = text.splitlines()
    for needle, message in expected:
        line = next(i for i, x in enumerate(lines, 1) if needle in x)
        assert any(p.startswith(f"g.yaml:{line}: {message}") for p in problems), (problems, line, message)
    assert len(problems) == len(expected), problems


def test_shipped_guide_is_accepted_and_keeps_its_values():
    guide = load_style_guide()
    assert guide.spec is not None and guide.spec.limits.max_subject_chars == guide.max_subject_chars() == 60
    assert guide.raw == RAW  # the scorers read exactly the file


def test_published_schema_is_current_and_describes_the_shipped_file():
    jsonschema = pytest.importorskip("jsonschema")
    shipped = json.loads(
        resources.files("tenacious_bench").joinpath("data", "style_guide.schema.json").read_text()
    )
    assert shipped == json.loads(json.dumps(style_guide_json_schema())), (
        "run: tenacious-bench schema --style-guide --out tenacious_bench/data/style_guide.schema.json"
    )
    jsonschema.validate(RAW, shipped)
    bad = copy.deepcopy(RAW)
    bad["banned_phrases"][0]["categry"] = "hype"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, shipped)


def test_schema_command_prints_the_style_guide_schema(capsys):
    assert main(["schema", "--style-guide"]) == 0
    assert json.loads(capsys.readouterr().out) == json.loads(json.dumps(style_guide_json_schema()))


def test_validate_says_what_it_checked(tmp_path, capsys):
    path = resources.files("tenacious_bench").joinpath("data", "style_guide.yaml")
    assert main(["validate", str(path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("style guide OK: ")
    assert "45 phrase sets" in out and "9 service facts" in out and "7 ask categories" in out
    broken = tmp_path / "g.yaml"
    broken.write_text(SHIPPED.replace("max_subject_chars: 60", "max_subject_char: 60"))
    assert main(["validate", str(broken)]) == 1
    err = capsys.readouterr().err
    assert f"{broken}:{_line_of('max_subject_chars')}: limits.max_subject_char: unknown key" in err


def test_score_and_inspect_refuse_a_broken_guide_without_a_traceback(tmp_path, capsys):
    broken = tmp_path / "g.yaml"
    broken.write_text(SHIPPED.replace("{cold: 120,", "{cold: sixty,"))
    emails = tmp_path / "e.jsonl"
    emails.write_text(json.dumps({"task_id": "TB-HND-EX01", "completion": "x"}) + "\n")
    code = main(["score", "--tasks", str(EXAMPLES), "--emails", str(emails), "--style-guide", str(broken)])
    err = capsys.readouterr().err
    assert code == 2 and "limits.max_body_words.cold" in err and "Traceback" not in err


# -- fuzzing: random mutations of the shipped file --------------------------------------------------


def _paths(node, path=()):
    yield path
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _paths(v, (*path, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _paths(v, (*path, i))


PATHS = [p for p in _paths(RAW) if p]
ODD_VALUES = [None, "sixty", "", " ", "\u200b", -1, 0, 1.5, float("nan"), True, 10**12, [], {}, [1], ["x"],
              {"phrase": "x"}, {"a": 1}, "regex: (", "regex: a*", "regex: .", "-", "?", "[First Name]", "bench"]
FUZZ_TASKS = load_tasks(EXAMPLES)
ANSWERS = [{"subject": t.reference.subject, "body": t.reference.body} for t in FUZZ_TASKS if t.reference] + [
    "", "Subject: Quick question\n\nHi Maya,\n\nOur bench is world-class. Call me? Reply?\n\nBest,\nYabi"]


def _mutate(raw, path, op, value):
    parent = raw
    for p in path[:-1]:
        parent = parent[p]
    key = path[-1]
    if op == "delete":
        del parent[key]
    elif op == "rename" and isinstance(parent, dict):
        parent[f"{key}_x"] = parent.pop(key)
    else:
        parent[key] = value


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    mutations=st.lists(
        st.tuples(st.sampled_from(PATHS), st.sampled_from(["delete", "rename", "set"]), st.sampled_from(ODD_VALUES)),
        min_size=1,
        max_size=3,
    )
)
def test_a_mutated_guide_gives_a_clear_error_or_a_clean_run(mutations):
    raw = copy.deepcopy(RAW)
    for path, op, value in mutations:
        try:
            _mutate(raw, path, op, value)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier mutation removed or replaced the path
    text = yaml.safe_dump(raw, allow_unicode=True, sort_keys=False).encode()
    try:
        guide = parse_style_guide(text, "fuzz.yaml")
    except StyleGuideError as err:
        assert err.problems and all(p.startswith("fuzz.yaml") for p in err.problems), err.problems
        return
    for task in FUZZ_TASKS:
        build_messages(task, guide)
        for answer in ANSWERS:
            score = score_email(task, answer, guide)
            assert set(score.checks) == set(CHECK_NAMES)
