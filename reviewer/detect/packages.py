"""Judge a package name against the offline popular-package lists: known, near-typo, or unknown.

Assistants invent package names and misspell real ones; attackers register both. A name that is
not popular but sits one or two edits from a popular one is a likely typosquat or hallucination.
The lists are ``reviewer/data/popular_{pypi,npm}.tsv`` (refresh: ``python -m reviewer.data.refresh``).
"""

from __future__ import annotations

import enum
import functools
import re
from dataclasses import dataclass
from pathlib import Path

from reviewer.detect.editdistance import allowed_distance, osa_distance

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
# Typosquats imitate well-known names: compare only against the head of the list, so that two
# legitimate long-tail packages a letter apart are not reported against each other.
TYPO_TARGET_MAX_RANK = 5000

_PEP503 = re.compile(r"[-_.]+")


class Ecosystem(enum.StrEnum):
    PYPI = "pypi"
    NPM = "npm"


class Verdict(enum.StrEnum):
    KNOWN = "known"
    TYPO = "typo"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class NameCheck:
    verdict: Verdict
    name: str
    similar_to: str | None = None
    distance: int = 0


@dataclass(frozen=True)
class PopularList:
    ranks: dict[str, int]  # normalised name -> rank
    display: dict[str, str]  # normalised name -> name as listed
    by_length: dict[int, tuple[str, ...]]  # typo targets grouped by length


def normalise(name: str, eco: Ecosystem) -> str:
    """PEP 503 normalisation for PyPI; npm names are compared lower-cased."""
    name = name.strip().lower()
    return _PEP503.sub("-", name) if eco is Ecosystem.PYPI else name


@functools.cache
def popular(eco: Ecosystem) -> PopularList:
    """Load one shipped list (once per process, on first use)."""
    path = DATA_DIR / f"popular_{eco.value}.tsv"
    ranks: dict[str, int] = {}
    display: dict[str, str] = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or line.startswith("name\t"):
                continue
            name, _, rank = line.rstrip("\n").partition("\t")
            key = normalise(name, eco)
            if key and key not in ranks:
                ranks[key] = int(rank or 0)
                display[key] = name
    groups: dict[int, list[str]] = {}
    for key, rank in ranks.items():
        if rank <= TYPO_TARGET_MAX_RANK:
            groups.setdefault(len(key), []).append(key)
    return PopularList(ranks, display, {n: tuple(v) for n, v in groups.items()})


def is_known(name: str, eco: Ecosystem) -> bool:
    return normalise(name, eco) in popular(eco).ranks


def nearest_popular(name: str, eco: Ecosystem) -> tuple[str, int] | None:
    """The most popular listed name within the allowed edit distance of ``name``, if any."""
    key = normalise(name, eco)
    limit = allowed_distance(key)
    if limit == 0:
        return None
    plist = popular(eco)
    best: tuple[int, int, str] | None = None
    for length in range(len(key) - limit, len(key) + limit + 1):
        for cand in plist.by_length.get(length, ()):
            d = osa_distance(key, cand, limit)
            if 0 < d <= limit:
                score = (d, plist.ranks[cand], cand)
                if best is None or score < best:
                    best = score
    if best is None:
        return None
    return plist.display[best[2]], best[0]


def check_name(name: str, eco: Ecosystem) -> NameCheck:
    """Classify one package name."""
    if is_known(name, eco):
        return NameCheck(Verdict.KNOWN, name)
    near = nearest_popular(name, eco)
    if near is not None:
        return NameCheck(Verdict.TYPO, name, near[0], near[1])
    return NameCheck(Verdict.UNKNOWN, name)
