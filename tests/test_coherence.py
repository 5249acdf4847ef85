"""Coherence rules of `validate --dataset`: every rule fails on dataset 1.0 and passes on 1.1 and 1.2; the
other-thread rules (a 1.2 field) each fail on a planted defect of a 1.2 task."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from tenacious_bench import dataset as ds
from tenacious_bench.cli import main
from tenacious_bench.coherence import (
    OTHER_THREAD_RULES,
    RULE_NAMES,
    RULES,
    overlap,
    sentence_stats,
    task_problems,
)

RULES_1_0 = [r for r in RULE_NAMES if r not in OTHER_THREAD_RULES]


@pytest.fixture(scope="module")
def versions():
    return {v: [t for s in ds.SPLITS for t in ds.load_split(s, version=v)] for v in ds.VERSIONS}


@pytest.fixture(scope="module")
def counts(versions):
    return {v: Counter(name for t in ts for name, _ in task_problems(t)) for v, ts in versions.items()}


@pytest.mark.parametrize("rule", RULES_1_0)
def test_rule_fails_on_1_0(counts, rule):
    assert counts["1.0"][rule] > 0, f"{rule} finds nothing in dataset 1.0"


@pytest.mark.parametrize("version", ["1.1", "1.2"])
@pytest.mark.parametrize("rule", RULE_NAMES)
def test_rule_passes_on_1_1_and_1_2(counts, version, rule):
    assert counts[version][rule] == 0, rule


# One known 1.0 defect per rule: the rule names it.
KNOWN_1_0 = [
    ("segment_support", "TB-HND-0028", "asserts a capability_gap signal"),
    ("qualifier_source", "TB-PRG-0002", "official source"),
    ("date_order", "TB-PRG-0015", "after thread message"),
    ("thread_references", "TB-PRG-0047", "'handled it'"),
    ("anchor_in_brief", "TB-PRG-0086", "9-month commitment"),
    ("anchor_grammar", "TB-PRG-0197", "'1 data engineers'"),
    ("names_and_sizes", "TB-PRG-0002", "Driftwoodforge"),
    ("reference_repeat", "TB-PRG-0289", "two weeks"),
    ("reference_facts", "TB-PRG-0204", "'PyTorch'"),
    ("reference_asks_given", "TB-PRG-0088", "'bottleneck'"),
    ("qualifier_evidence", "TB-PRG-0084", "'Only one source'"),
    ("thread_claims", "TB-PRG-0006", "'recent product updates'"),
    ("segment_framing", "TB-PRG-0002", "very_low layoff"),
    ("name_world", "TB-PRG-0004", "'quartzloophealth.ai'"),
    ("source_evidence", "TB-PRG-0328", "'HIPAA-grade audit logging'"),
    ("facts_visible", "TB-PRG-0006", "headcount=56"),
    ("channel_consistent", "TB-PRG-0006", "a linkedin message with the subject"),
    ("leak_confidence", "TB-PRG-0010", "'leaked'"),
    ("qualifier_fit", "TB-PRG-0104", "'Unverified' on a public source ('Product changelogs')"),
    ("warm_required", "TB-PRG-0108", "signal peer_gap: required in a reply"),
]


@pytest.mark.parametrize(("rule", "task_id", "needle"), KNOWN_1_0)
def test_rule_names_the_known_defect(versions, rule, task_id, needle):
    task = next(t for t in versions["1.0"] if t.task_id == task_id)
    assert any(name == rule and needle in p for name, p in task_problems(task)), task_problems(task)


# The round-1 task-quality review of dataset 1.1 (generator 1.1.0): train rows it (or the rules it led to)
# flagged, copied as they were into tests/data; the rule names each defect, and the rebuilt row passes.
# (leak_confidence and source_evidence found only held-out rows of the old 1.1, which stay sealed: the
# 1.0 table above covers them.)
ROUND1 = Path(__file__).parent / "data" / "coherence_1_1_review_round1.jsonl"
KNOWN_1_1_ROUND1 = [
    ("qualifier_evidence", "TB-PRG-0016", "'Only one source'"),  # three companies' case studies
    ("thread_claims", "TB-PRG-0048", "'delivery lead with every'"),
    ("thread_claims", "TB-PRG-0048", "headless checkout API"),
    ("segment_framing", "TB-PRG-0023", "very_low leadership_change"),
    ("name_world", "TB-PRG-0015", "'lumenflowai.ai'"),
    ("name_world", "TB-PRG-0295", "one of the fintech teams"),  # 'Prismmark Health'
    ("facts_visible", "TB-PRG-0046", "engineers_requested=6"),
    ("facts_visible", "TB-PRG-0046", "project the thread never names"),
    ("channel_consistent", "TB-PRG-0048", "a linkedin message with the subject"),
    ("channel_consistent", "TB-PRG-0048", "Reply to Lucía's email"),
]


@pytest.fixture(scope="module")
def round1():
    from tenacious_bench.task import load_tasks

    return {t.task_id: t for t in load_tasks(ROUND1)}


@pytest.mark.parametrize(("rule", "task_id", "needle"), KNOWN_1_1_ROUND1)
def test_rule_names_the_review_defect_and_the_rebuild_fixes_it(round1, versions, rule, task_id, needle):
    old = round1[task_id]
    assert any(name == rule and needle in p for name, p in task_problems(old)), task_problems(old)
    new = next(t for t in versions["1.1"] if t.task_id == task_id)
    assert not [p for name, p in task_problems(new) if name == rule]


# The round-2 review of dataset 1.1 (generator 1.2.0) found the same defects in held-out rows (TB-PRG-0135,
# 0264: a data-error qualifier on press coverage and public webinars; 0135: a new Head of Platform
# Engineering under a Chief Product and Technology Officer; 0020: a reply to an infrastructure request
# required to name an unrelated peer gap). Those stay sealed; these train rows of that build hold the
# same defects, and generator 1.3.0 fixes them.
ROUND2 = Path(__file__).parent / "data" / "coherence_1_1_review_round2.jsonl"
KNOWN_1_1_ROUND2 = [
    ("segment_framing", "TB-PRG-0015", "Head of Engineering Clara Bianchi overlaps the recipient's own role "
                                       "(Chief Product and Technology Officer)"),
    ("qualifier_fit", "TB-PRG-0104", "'Unverified' on a public source ('Product changelogs')"),
    ("qualifier_fit", "TB-PRG-0114", "'treat as a rumour' on a public source ('Trade press')"),
    ("warm_required", "TB-PRG-0100", "signal peer_gap: required in a reply"),
]


@pytest.fixture(scope="module")
def round2():
    from tenacious_bench.task import load_tasks

    return {t.task_id: t for t in load_tasks(ROUND2)}


@pytest.mark.parametrize(("rule", "task_id", "needle"), KNOWN_1_1_ROUND2)
def test_round2_rule_names_the_defect_and_the_rebuild_fixes_it(round2, versions, rule, task_id, needle):
    old = round2[task_id]
    assert any(name == rule and needle in p for name, p in task_problems(old)), task_problems(old)
    new = next(t for t in versions["1.1"] if t.task_id == task_id)
    assert not [p for name, p in task_problems(new) if name == rule]


@pytest.mark.parametrize(("title", "recipient", "overlap"), [
    ("Head of Platform Engineering", "Chief Product and Technology Officer", True),
    ("CTO", "Chief Product and Technology Officer", True),
    ("VP of Platform", "VP of Engineering", True),
    ("Director of Platform Engineering", "Chief Product and Technology Officer", False),
    ("CTO", "Director of Engineering", False),
])
def test_titles_overlap(title, recipient, overlap):
    from tenacious_bench.coherence import titles_overlap

    assert titles_overlap(title, recipient) is overlap


def test_every_rule_is_tested_on_a_known_defect():
    assert {r for r, _, _ in KNOWN_1_0} == set(RULES_1_0) and len(RULES) == len(RULE_NAMES)
    assert {r for r, _, _ in OTHER_THREAD_DEFECTS} >= set(OTHER_THREAD_RULES)


def _other_thread_task(versions):
    return next(t for t in versions["1.2"] if t.other_threads and t.kind == "warm_reply")


def _edit_other(task, i: int, **update):
    thread = list(task.other_threads[0])
    thread[i] = thread[i].model_copy(update=update)
    return task.model_copy(update={"other_threads": [thread]})


def _body(task, i: int) -> str:
    return task.other_threads[0][i].body


def _day_before(date: str) -> str:
    import datetime as dt

    return (dt.date.fromisoformat(date) - dt.timedelta(days=1)).isoformat()


# One planted defect per other-thread rule (and the channel rule on an other thread): (rule, edit, needle).
OTHER_THREAD_DEFECTS = [
    ("other_thread_person", lambda t: _edit_other(t, 0, body=_body(t, 0).replace(
        _body(t, 0).split(",")[0], f"Hi {t.prospect.first_name}", 1)), "greets"),
    ("other_thread_person", lambda t: _edit_other(_edit_other(t, 0, body="Hi Zora,\n\nA note.\n\nBest,\nX"), 1,
                                                  body="Sounds good, we may need 4 QA engineers.\n\nZora Quinn"),
     "never names"),
    ("other_thread_facts", lambda t: _edit_other(t, 1, body="Thanks, not now.\n\nBest"), "holds no fact of its own"),
    ("other_thread_facts", lambda t: _edit_other(t, 1, body=f"Yes. {t.prospect.first_name} {t.prospect.last_name} "
                                                 "runs the Project Zenith rebuild."), "is also in the task's brief"),
    ("other_thread_facts", lambda t: _edit_other(t, 1, body=_body(t, 1) + " Also " + t.signals[-1].anchors[0] + "."),
     "an anchor of signal"),
    ("other_thread_dates", lambda t: _edit_other(t, 1, date=t.as_of), "not before as_of"),
    ("other_thread_dates", lambda t: _edit_other(t, 1, date=_day_before(t.other_threads[0][0].date)),
     "before the message above it"),
    ("other_thread_dates", lambda t: t.model_copy(update={"other_threads": [list(reversed(t.other_threads[0]))]}),
     "starts with a message from the prospect's side"),
    ("channel_consistent", lambda t: _edit_other(t, 1, channel="linkedin", subject="Re: hello"),
     "other_threads[0][1]: a linkedin message with the subject"),
]


@pytest.mark.parametrize(("rule", "edit", "needle"), OTHER_THREAD_DEFECTS)
def test_other_thread_rule_finds_a_planted_defect(versions, rule, edit, needle):
    base = _other_thread_task(versions)
    assert not task_problems(base)
    found = [p for name, p in task_problems(edit(base)) if name == rule]
    assert any(needle in p for p in found), (needle, found)


def test_other_thread_rules_cover_every_1_2_other_thread_task(versions):
    tasks = [t for t in versions["1.2"] if t.other_threads]
    assert len(tasks) >= 20 and {t.split for t in tasks} == set(ds.SPLITS)
    assert all(t.schema_version == "1.1" for t in tasks)


def test_overlap_counts_content_words():
    a = "We place managed Python, Go and data engineers, typically deployed in about two weeks."
    b = "Our managed Python, Go and data engineers are usually in place in about two weeks."
    assert overlap(a, b) >= 0.8
    assert overlap(a, "Would 15 minutes next week be useful?") < 0.2


def test_cli_validate_dataset(capsys):
    assert main(["validate", "--dataset"]) == 0
    assert "0 problem(s)" in capsys.readouterr().out
    assert main(["validate", "--dataset", str(ds.package_data_dir("1.0"))]) == 1
    err = capsys.readouterr().err
    assert "[segment_support]" in err and "[anchor_in_brief]" in err
    assert main(["validate", "--dataset", "/nonexistent"]) == 2
    assert main(["validate"]) == 2


def test_sentence_stats_report_shares(versions):
    st = sentence_stats([t for t in versions["1.1"] if t.reference is not None])
    assert st["references"] == 377 and 0 < st["distinct_share"] <= 1
    assert all(0 < share <= 1 for _, _, share in st["most_frequent"])


def test_review_sample_script(tmp_path):
    import importlib.util
    import json
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "data_cards" / "review" / "sample_for_review.py"
    spec = importlib.util.spec_from_file_location("sample_for_review", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    assert mod.main([str(tmp_path), "--version", "1.1"]) == 0  # the reviewed version
    index = [json.loads(line) for line in (tmp_path / "index.jsonl").read_text().splitlines()]
    assert Counter(r["split"] for r in index) == {"held_out": 25, "train": 29}
    text = (tmp_path / index[0]["packet"]).read_text()
    assert "## System message" in text and '"reference"' not in text
    again = tmp_path / "again"
    mod.main([str(again), "--version", "1.1"])
    assert (again / "index.jsonl").read_bytes() == (tmp_path / "index.jsonl").read_bytes()


def test_no_reference_sentence_in_more_than_five_percent(versions):
    st = sentence_stats([t for t in versions["1.1"] if t.reference is not None], top=1)
    [(sentence, _, share)] = st["most_frequent"]
    assert share <= 0.05, sentence
    [(sentence, _, share)] = sentence_stats([t for t in versions["1.2"] if t.reference is not None], top=1)["most_frequent"]
    assert share <= 0.05, sentence
    old = sentence_stats([t for t in versions["1.0"] if t.reference is not None], top=1)
    assert old["most_frequent"][0][2] > 0.05  # the 1.0 references failed it


@pytest.mark.parametrize("seed", [7, 99])
def test_generator_is_coherent_for_other_seeds(seed):
    """The generator's fixes hold beyond the shipped seed (brief-level rules; references are composed later)."""
    from tenacious_bench.authoring.programmatic import generate_tasks
    from tenacious_bench.task import parse_task

    rows = generate_tasks(seed, 160, cutoff=ds.CUTOFF, canary=ds.CANARY, created_at=ds.CREATED_AT)
    problems = [f"{r['task_id']}: {p}" for r in rows for name, p in task_problems(parse_task(r))]
    assert not problems, problems[:5]  # includes anchor_grammar: never "1 data engineers"
