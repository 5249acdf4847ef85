"""The null baselines: what each answers, and that none of them is a good classifier."""

from __future__ import annotations

import pytest

from tenacious_bench.reply_baselines import keyword_label, majority_label, run_baselines, summary_table


@pytest.mark.parametrize(
    ("body", "label"),
    [
        ("I am out of the office until Monday.", "abstain"),
        ("Please remove me from your list.", "hard_no"),
        ("Not interested, thanks.", "hard_no"),
        ("Your price is too high.", "objection"),
        ("We already work with a partner.", "objection"),
        ("Too busy, circle back later.", "soft_defer"),
        ("Tell me more.", "curious"),
        ("How fast could two engineers start?", "engaged"),
    ],
)
def test_keyword_rules(body, label):
    assert keyword_label(body) == label


def test_majority_label_is_taken_from_train(reply_splits):
    assert majority_label(reply_splits["train"]) == "engaged"
    with pytest.raises(ValueError, match="no train items"):
        majority_label([])


def test_baseline_figures_on_held_out(reply_splits):
    results = run_baselines(reply_splits["held_out"], reply_splits["train"])
    majority, abstain, keyword = results.values()
    assert majority.abstention.value == 0.0 and majority.missed_abstention.value == 1.0
    gold_abstain = sum(i.gold == "abstain" for i in reply_splits["held_out"]) / len(reply_splits["held_out"])
    assert abstain.accuracy.value == gold_abstain and abstain.abstention.value == 1.0  # right on gold abstain only
    assert abstain.confident_wrong.value == 0.0 and abstain.macro_f1 == 0.0
    assert max(m.accuracy.value for m in results.values()) < 0.6
    assert keyword.macro_f1 < 0.6 and keyword.missed_abstention.value > 0.5
    table = summary_table({"held_out": results})
    assert table.count("\n") == 4 and "| held_out | always abstain |" in table
