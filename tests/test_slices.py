"""The one slicing function: per segment, kind, source mode and zero-signal, from (task, score) pairs."""

from __future__ import annotations

from tenacious_bench.scoring import score_email
from tenacious_bench.slices import SLICES, format_slices, slice_summaries


def test_slices_group_scores_by_each_key(example_tasks):
    tasks = list(example_tasks.values())
    pairs = [(t, score_email(t, {"subject": t.reference.subject, "body": t.reference.body})) for t in tasks]
    pairs.append((tasks[0], score_email(tasks[0], "")))
    slices = slice_summaries(pairs)
    assert list(slices) == list(SLICES) == ["segment", "kind", "source_mode", "zero_signal"]
    for values in slices.values():
        assert sum(s["n"] for s in values.values()) == len(pairs)
    first = slices["segment"][str(tasks[0].segment)]
    same = [p for p in pairs if p[0].segment == tasks[0].segment]
    assert first["n"] == len(same)
    assert first["pass_at_1"] == sum(s.passed for _, s in same) / len(same)
    table = format_slices(slices)
    assert table.splitlines()[0].split() == ["slice", "n", "banned_phrases", "format", "grounding", "honesty",
                                             "one_ask", "pass@1"]
    assert f"kind={tasks[0].kind}" in table
