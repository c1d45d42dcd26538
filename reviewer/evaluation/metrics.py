"""Evaluation arithmetic: detection rate, false-alarm rate and the OWASP Benchmark score.

Pure functions over per-sample outcomes, so that the numbers can be unit-tested exactly.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from reviewer.evaluation.labels import Sample


@dataclass(frozen=True)
class Outcome:
    """What the reviewer said about one labelled file."""

    sample: Sample
    flagged: bool  # a finding whose CWE matches the label's (see cwe_families)
    any_finding: bool  # any finding at all, whatever its CWE
    rules: tuple[str, ...] = ()
    failed_scanners: tuple[str, ...] = ()


@dataclass(frozen=True)
class Rates:
    """Confusion counts for one group of samples."""

    tp: int = 0
    fn: int = 0
    fp: int = 0
    tn: int = 0
    noisy_safe: int = 0  # safe files with any finding (not only the labelled CWE)

    @property
    def vuln(self) -> int:
        return self.tp + self.fn

    @property
    def safe(self) -> int:
        return self.fp + self.tn

    @property
    def tpr(self) -> float | None:
        """Detection rate (recall): flagged vulnerable files / vulnerable files."""
        return self.tp / self.vuln if self.vuln else None

    @property
    def fpr(self) -> float | None:
        """False-alarm rate: safe files flagged for the labelled CWE / safe files."""
        return self.fp / self.safe if self.safe else None

    @property
    def noise(self) -> float | None:
        return self.noisy_safe / self.safe if self.safe else None

    @property
    def score(self) -> float | None:
        """OWASP Benchmark score: TPR - FPR (1.0 perfect, 0.0 no better than guessing)."""
        if self.tpr is None or self.fpr is None:
            return None
        return self.tpr - self.fpr


def rates(outcomes: Iterable[Outcome]) -> Rates:
    tp = fn = fp = tn = noisy = 0
    for o in outcomes:
        if o.sample.vulnerable:
            tp, fn = (tp + 1, fn) if o.flagged else (tp, fn + 1)
        else:
            fp, tn = (fp + 1, tn) if o.flagged else (fp, tn + 1)
            noisy += int(o.any_finding)
    return Rates(tp, fn, fp, tn, noisy)


def grouped(outcomes: list[Outcome], key: Callable[[Sample], str]) -> dict[str, Rates]:
    groups: dict[str, list[Outcome]] = {}
    for o in outcomes:
        groups.setdefault(key(o.sample), []).append(o)
    return {k: rates(v) for k, v in sorted(groups.items())}


def mean_score(groups: dict[str, Rates]) -> float | None:
    """OWASP Benchmark's overall figure: the unweighted mean of the per-category scores."""
    scores = [r.score for r in groups.values() if r.score is not None]
    return sum(scores) / len(scores) if scores else None
