"""Answer normalisation, per-answer scores, run metrics against hand-computed values, labeller kappa."""

from __future__ import annotations

import json

import pytest

from tenacious_bench.reply_scoring import (
    INVALID,
    compute_metrics,
    format_metrics,
    labeller_agreement,
    normalize_answer,
    score_answer,
)


@pytest.mark.parametrize(
    ("answer", "label"),
    [
        ("engaged", "engaged"),
        ("  Engaged\n", "engaged"),
        ("ENGAGED.", "engaged"),
        ('"curious"', "curious"),
        ("**objection**", "objection"),
        ("`hard_no`", "hard_no"),
        ("Class: soft_defer", "soft_defer"),
        ("class:abstain!", "abstain"),
        ("CLASS : Hard-No", "hard_no"),
        ("soft defer", "soft_defer"),
        ("(abstain)", "abstain"),
        ("hard_no.\n\n", "hard_no"),
        # invalid: not exactly one class name after normalisation
        ("", None),
        ("   ", None),
        ("I think engaged", None),
        ("engaged or curious", None),
        ("engaged, curious", None),
        ("engaged\nbecause they ask a question", None),
        ("label: engaged", None),
        ("engage", None),
        ("not interested", None),
        ("hard no please", None),
        ("class: class: engaged", None),
    ],
)
def test_normalisation_table(answer, label):
    assert normalize_answer(answer) == label


def test_score_answer_flags():
    s = score_answer("abstain", "Engaged")
    assert (s.predicted, s.correct, s.confident_wrong, s.missed_abstention, s.valid) == (
        "engaged", False, True, True, True)
    assert s.value() == {"correct": 0.0, "abstained": 0.0, "confident_wrong": 1.0, "invalid": 0.0}
    bad = score_answer("engaged", "maybe engaged?")
    assert bad.predicted == INVALID and not bad.correct and not bad.confident_wrong
    assert "invalid answer" in bad.explanation()
    assert score_answer("curious", "abstain").value()["abstained"] == 1.0
    with pytest.raises(ValueError, match="gold must be one of"):
        score_answer("maybe", "engaged")


def test_metrics_against_hand_computed_values():
    golds = ["engaged", "engaged", "curious", "soft_defer", "objection", "hard_no", "abstain", "abstain"]
    answers = ["engaged", "curious", "curious", "abstain", "objection", "nonsense", "hard_no", "abstain"]
    m = compute_metrics(golds, answers)
    # correct: items 0, 2, 4, 7 -> 4/8
    assert (m.accuracy.numerator, m.accuracy.denominator, m.accuracy.value) == (4, 8, 0.5)
    # per class: engaged P 1/1 R 1/2; curious P 1/2 R 1/1; soft_defer P undefined R 0/1;
    # objection P 1/1 R 1/1; hard_no P 0/1 (the abstain item answered hard_no) R 0/1 (invalid answer)
    assert (m.precision["engaged"].value, m.recall["engaged"].value) == (1.0, 0.5)
    assert (m.precision["curious"].value, m.recall["curious"].value) == (0.5, 1.0)
    assert m.precision["soft_defer"].value is None and m.recall["soft_defer"].value == 0.0
    assert m.precision["soft_defer"].text() == "undefined (0 answers naming soft_defer)"
    assert (m.precision["objection"].value, m.recall["objection"].value) == (1.0, 1.0)
    assert (m.precision["hard_no"].value, m.recall["hard_no"].value) == (0.0, 0.0)
    # F1: engaged 2/3, curious 2/3, soft_defer 0, objection 1, hard_no 0 -> mean 7/15
    assert m.macro_f1 == pytest.approx(7 / 15)
    assert (m.abstention.numerator, m.abstention.denominator) == (2, 8)  # items 3 and 7
    # confident-wrong: answers naming a class that are wrong: items 1 (curious) and 6 (hard_no)
    assert (m.confident_wrong.numerator, m.confident_wrong.denominator) == (2, 8)
    # missed abstention: gold abstain answered with a class: item 6 of the two gold-abstain items
    assert (m.missed_abstention.numerator, m.missed_abstention.denominator) == (1, 2)
    assert m.missed_abstention.text() == "0.500 (1/2 gold-abstain items)"
    assert (m.invalid.numerator, m.invalid.value) == (1, 0.125)
    assert m.confusion["hard_no"][INVALID] == 1 and m.confusion["abstain"]["hard_no"] == 1
    text = format_metrics(m, "run")
    assert "confident-wrong rate   0.250 (2/8 items)" in text


def test_degenerate_runs_report_undefined_not_nan():
    m = compute_metrics(["engaged", "curious"], ["engaged", "engaged"])
    assert m.missed_abstention.value is None
    assert m.missed_abstention.text() == "undefined (0 gold-abstain items)"
    assert m.to_dict()["missed_abstention_rate"]["value"] is None
    assert json.dumps(m.to_dict())  # no NaN anywhere: strict JSON works
    json.loads(json.dumps(m.to_dict()), parse_constant=lambda c: pytest.fail(f"{c} in metrics"))
    everything_abstains = compute_metrics(["abstain"] * 3, ["abstain"] * 3)
    assert everything_abstains.accuracy.value == 1.0 and everything_abstains.macro_f1 == 0.0
    assert everything_abstains.missed_abstention.value == 0.0
    assert all(r.value is None for r in everything_abstains.recall.values())
    with pytest.raises(ValueError, match="no items"):
        compute_metrics([], [])
    with pytest.raises(ValueError, match="2 gold labels but 1 answers"):
        compute_metrics(["engaged", "curious"], ["engaged"])
    with pytest.raises(ValueError, match=r"gold must be one of|gold labels must be one of"):
        compute_metrics(["nope"], ["engaged"])


def test_predicted_labels_path_equals_answers_path():
    golds = ["engaged", "abstain", "hard_no"]
    a = compute_metrics(golds, ["Engaged.", "hard_no", "?"])
    b = compute_metrics(golds, predicted=["engaged", "hard_no", INVALID])
    assert a.to_dict() == b.to_dict()


def test_labeller_agreement(tmp_path):
    gold = {"A": "engaged", "B": "curious", "C": "abstain", "D": "hard_no"}
    path = tmp_path / "labels.jsonl"
    path.write_text("\n".join(json.dumps({"item_id": i, "label": lab}) for i, lab in
                              [("A", "engaged"), ("B", "curious"), ("C", "hard_no"), ("D", "hard_no")]) + "\n")
    from sklearn.metrics import cohen_kappa_score

    r = labeller_agreement(gold, str(path), ["A", "B", "C", "D", "E"])
    assert r.n == 4 and r.agreement == 0.75 and r.missing == ["E"]
    assert r.kappa == pytest.approx(cohen_kappa_score(list(gold.values()), ["engaged", "curious", "hard_no", "hard_no"]))
    assert r.disagreements == [("C", "abstain", "hard_no")]
    path.write_text('{"item_id": "Z", "label": "engaged"}\n{"item_id": "A", "label": "meh"}\n[1]\n')
    with pytest.raises(ValueError) as err:
        labeller_agreement(gold, str(path))
    assert "unknown item_id 'Z'" in str(err.value) and "label must be one of" in str(err.value)
    assert "must be a JSON object" in str(err.value)
