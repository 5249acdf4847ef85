"""Small stand-ins for tests: a deterministic embedding model for the contamination checker."""

from __future__ import annotations

import hashlib
from typing import Any


class HashEmbedder:
    """Bag-of-words vectors from word hashes: same text -> same vector; unrelated texts differ."""

    dim = 64

    def encode(self, texts: list[str], **_: Any) -> Any:
        import numpy as np

        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            for word in text.split():
                h = int.from_bytes(hashlib.md5(word.encode()).digest()[:4], "little")
                out[i, h % self.dim] += 1.0 if h & 1 else -1.0
        return out
