"""Rows as `datasets` yields them (nulls for absent keys, dates as timestamps) back to tasks."""

from __future__ import annotations

import datetime as dt

from tenacious_bench import dataset
from tenacious_bench.hub.rows import hub_rows_to_tasks, task_dict


def test_nulls_dropped_and_timestamps_become_iso_dates() -> None:
    row = {"as_of": dt.datetime(2026, 7, 3), "sender": None, "signals": [
        {"date": dt.date(2026, 6, 1), "facts": {"amount_usd": 5, "round": None}}]}
    assert task_dict(row) == {"as_of": "2026-07-03", "signals": [{"date": "2026-06-01", "facts": {"amount_usd": 5}}]}


def test_the_shipped_jsonl_through_the_datasets_json_loader_validates() -> None:
    """`datasets.load_dataset` on the shipped folder (the offline default) gives rows the converter accepts."""
    import datasets

    rows = datasets.load_dataset(str(dataset.package_data_dir()), split="dev")
    assert hub_rows_to_tasks(rows, "shipped dev") == dataset.load_split("dev")
