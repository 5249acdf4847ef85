"""Every DPO pair: the chosen email passes, the rejected one fails exactly the intended check."""

from __future__ import annotations

from collections import Counter

import pytest
from tenacious_bench.training.dpo_data import CORRUPTIONS, corrupt, dpo_rows

from tenacious_bench.dataset import CanaryError, load_split
from tenacious_bench.prompts import build_messages
from tenacious_bench.scoring import score_email
from tenacious_bench.style_guide import load_style_guide


@pytest.fixture(scope="module")
def rows_and_stats():
    stats: Counter[str] = Counter()
    train = load_split("train")[:25]
    return train, dpo_rows(train, stats=stats), stats


def test_each_pair_fails_exactly_its_check(rows_and_stats):
    train, rows, _ = rows_and_stats
    by_id = {t.task_id: t for t in train}
    for r in rows:
        task = by_id[r["task_id"]]
        assert r["prompt"] == build_messages(task)
        assert score_email(task, r["chosen"][0]["content"]).passed
        failed = {n for n, c in score_email(task, r["rejected"][0]["content"]).checks.items() if not c.passed}
        assert failed == {r["failed_check"]} == {CORRUPTIONS[r["corruption"]][0]}


def test_every_corruption_kind_yields_rows(rows_and_stats):
    _, rows, stats = rows_and_stats
    assert set(CORRUPTIONS) == {r["corruption"] for r in rows}
    assert sum(v for k, v in stats.items() if k.endswith(":kept")) == len(rows)


@pytest.mark.parametrize(
    ("kind", "needle"),
    [
        ("price_outside_band", "For reference, this runs at $"),
        ("total_contract_value", "in total"),
        ("invented_funding", "Congratulations on the $45M"),
        ("engineers_over_bench", "We can place"),
        ("banned_phrase", "world-class"),
        ("stacked_ask", "Also, could you send me"),
    ],
)
def test_corruption_text(kind, needle):
    task = load_split("train")[0]
    chosen = f"Subject: {task.reference.subject}\n\n{task.reference.body}"
    rejected = corrupt(task, chosen, kind, load_style_guide())
    assert rejected is not None and needle in rejected


def test_corruption_failing_a_second_check_is_dropped():
    task = load_split("train")[0]
    guide = load_style_guide()
    # No paragraphs to insert into: nothing can be made, so no row.
    assert corrupt(task, "Subject: x\n\nHi,\n\nBest,\nYabi", "price_outside_band", guide) is None


def test_held_out_refused_and_unknown_kind():
    with pytest.raises(CanaryError):
        dpo_rows(load_split("held_out")[:1])
    with pytest.raises(ValueError, match="unknown corruption"):
        dpo_rows(load_split("train")[:1], kinds=["nope"])
