"""Text -> padded token id arrays, and logits -> calibrated probabilities. numpy only."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np


class Encoder:
    """Wraps a trained ``tokenizers`` tokenizer; pads each batch to its longest row."""

    def __init__(self, tokenizer: object, max_len: int) -> None:
        self._tok = tokenizer
        self.max_len = max_len
        self._tok.enable_truncation(max_length=max_len)  # type: ignore[attr-defined]
        self._tok.no_padding()  # type: ignore[attr-defined]
        self.pad_id = int(self._tok.token_to_id("[PAD]"))  # type: ignore[attr-defined]

    @classmethod
    def load(cls, path: Path, max_len: int) -> Encoder:
        from tokenizers import Tokenizer

        return cls(Tokenizer.from_file(str(path)), max_len)

    def lengths(self, texts: Sequence[str]) -> list[int]:
        return [len(e.ids) for e in self._tok.encode_batch(list(texts))]  # type: ignore[attr-defined]

    def encode(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """``(input_ids, attention_mask)``, both int64 of shape [n, longest]."""
        encodings = self._tok.encode_batch(list(texts))  # type: ignore[attr-defined]
        width = max((len(e.ids) for e in encodings), default=1) or 1
        ids = np.full((len(encodings), width), self.pad_id, dtype=np.int64)
        mask = np.zeros((len(encodings), width), dtype=np.int64)
        for row, enc in enumerate(encodings):
            n = len(enc.ids)
            ids[row, :n] = enc.ids
            mask[row, :n] = 1
        return ids, mask


def sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(x, -50, 50)))


def calibrated(logits: np.ndarray, temperature: Sequence[float]) -> np.ndarray:
    """Per-class temperature scaling, fitted on the dev split (``calibration.fit_temperature``)."""
    return sigmoid(np.asarray(logits, dtype=np.float64) / np.asarray(temperature, dtype=np.float64)).astype(
        np.float32
    )


def length_batches(lengths: Sequence[int], batch_size: int) -> list[list[int]]:
    """Indices grouped by similar length so batches carry little padding."""
    order = sorted(range(len(lengths)), key=lambda i: lengths[i])
    return [order[i : i + batch_size] for i in range(0, len(order), batch_size)]
