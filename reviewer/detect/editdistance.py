"""Damerau-Levenshtein distance (optimal string alignment) with an early cut-off."""

from __future__ import annotations


def osa_distance(a: str, b: str, limit: int = 3) -> int:
    """Edit distance counting insertions, deletions, substitutions and adjacent swaps.

    Returns ``limit + 1`` as soon as the distance is known to exceed ``limit``, which keeps a
    scan of thousands of candidate names cheap.
    """
    if a == b:
        return 0
    la, lb = len(a), len(b)
    if abs(la - lb) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(lb + 1))
    for i in range(1, la + 1):
        cur = [i] + [0] * lb
        row_min = i
        ca = a[i - 1]
        for j in range(1, lb + 1):
            cost = 0 if ca == b[j - 1] else 1
            best = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == b[j - 1]:
                best = min(best, prev2[j - 2] + 1)
            cur[j] = best
            row_min = min(row_min, best)
        if row_min > limit:
            return limit + 1
        prev2, prev = prev, cur
    return min(prev[lb], limit + 1)


def allowed_distance(name: str) -> int:
    """How many edits still count as a near-typo of a name this long.

    Short names collide by chance (``six``/``sip``), so they need an exact neighbour within one
    edit only from five characters on, and two edits only from nine.
    """
    n = len(name)
    if n < 5:
        return 0
    if n < 9:
        return 1
    return 2
