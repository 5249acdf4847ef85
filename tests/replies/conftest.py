"""Shared fixtures: the shipped reply-classification splits (loaded once per session)."""

from __future__ import annotations

import pytest

from tenacious_bench.replies import SPLITS, ReplyItem, load_reply_split


@pytest.fixture(scope="session")
def reply_splits() -> dict[str, list[ReplyItem]]:
    return {s: load_reply_split(s) for s in SPLITS}
