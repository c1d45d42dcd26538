"""Small statistics with honest uncertainty: Wilson score intervals and percentiles. Pure Python.

Wilson rather than the normal approximation because promotion decisions are often made on small
counts, where ``p ± 1.96·sqrt(p(1-p)/n)`` gives intervals outside [0, 1] or of zero width at 0/n.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

Z_95 = 1.959963984540054


@dataclass(frozen=True)
class Proportion:
    """``successes`` of ``total`` with a Wilson score interval; ``value`` is None when total is 0."""

    successes: int
    total: int
    low: float
    high: float

    @property
    def value(self) -> float | None:
        return self.successes / self.total if self.total else None

    def to_dict(self) -> dict[str, Any]:
        value = self.value
        return {
            "value": None if value is None else round(value, 6),
            "successes": self.successes,
            "total": self.total,
            "ci95": [round(self.low, 6), round(self.high, 6)],
        }


def wilson(successes: int, total: int, z: float = Z_95) -> Proportion:
    """Wilson score interval for a binomial proportion (0/0 gives the uninformative [0, 1])."""
    if total < 0 or successes < 0 or successes > total:
        raise ValueError(f"need 0 <= successes <= total (got {successes}/{total})")
    if total == 0:
        return Proportion(0, 0, 0.0, 1.0)
    p = successes / total
    z2 = z * z
    denominator = 1 + z2 / total
    centre = (p + z2 / (2 * total)) / denominator
    half = z * math.sqrt(p * (1 - p) / total + z2 / (4 * total * total)) / denominator
    # At 0/n and n/n the exact bound is 0 or 1; floating point can land a hair off.
    low = 0.0 if successes == 0 else max(0.0, centre - half)
    high = 1.0 if successes == total else min(1.0, centre + half)
    return Proportion(successes, total, low, high)


def percentile(values: Sequence[float], q: float) -> float | None:
    """The q-th percentile (0..100) by linear interpolation between closest ranks (numpy's default)."""
    if not 0 <= q <= 100:
        raise ValueError(f"percentile must be within 0..100 (got {q})")
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100
    lower = math.floor(position)
    upper = min(lower + 1, len(ordered) - 1)
    return ordered[lower] + (ordered[upper] - ordered[lower]) * (position - lower)


def cohen_kappa(both: int, only_a: int, only_b: int, neither: int) -> float | None:
    """Agreement beyond chance between two raters on a yes/no question (None when undefined)."""
    total = both + only_a + only_b + neither
    if total == 0:
        return None
    observed = (both + neither) / total
    yes_a, yes_b = (both + only_a) / total, (both + only_b) / total
    expected = yes_a * yes_b + (1 - yes_a) * (1 - yes_b)
    if expected >= 1.0:
        return None  # both raters constant and identical: kappa is undefined
    return (observed - expected) / (1 - expected)
