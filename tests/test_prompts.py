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
    task = next(t for t in load_split(split) if t.task_id == task_id)
    assert _digest(build_messages(task)) == PINNED_SHORT[(split, task_id)]
