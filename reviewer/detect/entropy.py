"""Shannon entropy and character-class measures used to tell keys from words."""

from __future__ import annotations

import math
from collections import Counter


def shannon_entropy(text: str) -> float:
    """Bits per character of ``text`` (0.0 for the empty string)."""
    if not text:
        return 0.0
    counts = Counter(text)
    n = len(text)
    return -sum((c / n) * math.log2(c / n) for c in counts.values())


def char_classes(text: str) -> int:
    """How many of lower, upper, digit and other characters ``text`` uses (0-4)."""
    return sum(
        (
            any(c.islower() for c in text),
            any(c.isupper() for c in text),
            any(c.isdigit() for c in text),
            any(not c.isalnum() for c in text),
        )
    )


def max_run(text: str) -> int:
    """Length of the longest run of one repeated character."""
    best = run = 0
    prev = ""
    for c in text:
        run = run + 1 if c == prev else 1
        prev = c
        best = max(best, run)
    return best
