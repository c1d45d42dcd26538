"""Compare two model versions on the same units: precision, false-positive rate, agreement,
latency and cost, each proportion with a Wilson 95% interval and its counts. Pure.

Quality is measured on the units *both* versions scored (so a shadow candidate is judged on the
same units as the primary); volume, latency and cost on everything each version scored. When one
unit was scored several times by a version (several pushes), the last prediction given counts;
when it was labelled several times, the last label given counts.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from reviewer.classifier.labels import CLASSES
from reviewer.models_policy.labels import Label
from reviewer.models_policy.stats import Proportion, cohen_kappa, percentile, wilson


@dataclass(frozen=True)
class Prediction:
    model: str  # model ref (name@version)
    unit: str  # stable unit key, the same for every model
    predicted: frozenset[str]  # classes over the model's thresholds
    latency_ms: float
    compute_s: float = 0.0  # CPU or GPU seconds spent on this unit (its share of a batch)


@dataclass(frozen=True)
class ClassStats:
    cls: str
    tp: int
    fp: int
    fn: int
    tn: int
    precision: Proportion  # tp / (tp + fp)
    recall: Proportion  # tp / (tp + fn)
    false_positive_rate: Proportion  # fp / (fp + tn)

    @property
    def labels(self) -> int:
        return self.tp + self.fp + self.fn + self.tn

    def to_dict(self) -> dict[str, Any]:
        return {
            "class": self.cls,
            "labels": self.labels,
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "tn": self.tn,
            "precision": self.precision.to_dict(),
            "recall": self.recall.to_dict(),
            "false_positive_rate": self.false_positive_rate.to_dict(),
        }


@dataclass(frozen=True)
class VersionStats:
    model: str
    units_scored: int
    latency_p50_ms: float | None
    latency_p95_ms: float | None
    compute_s_per_1000_units: float | None
    classes: tuple[ClassStats, ...]
    precision: Proportion  # over all classes (micro)

    @property
    def labels(self) -> int:
        return sum(c.labels for c in self.classes)

    def cls(self, name: str) -> ClassStats:
        return next(c for c in self.classes if c.cls == name)

    def to_dict(self) -> dict[str, Any]:
        return {
            "model": self.model,
            "units_scored": self.units_scored,
            "labels": self.labels,
            "latency_ms": {"p50": self.latency_p50_ms, "p95": self.latency_p95_ms},
            "compute_s_per_1000_units": self.compute_s_per_1000_units,
            "precision": self.precision.to_dict(),
            "classes": [c.to_dict() for c in self.classes],
        }


@dataclass(frozen=True)
class Agreement:
    cls: str
    both: int
    only_a: int
    only_b: int
    neither: int
    rate: Proportion
    kappa: float | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "class": self.cls,
            "both": self.both,
            "only_a": self.only_a,
            "only_b": self.only_b,
            "neither": self.neither,
            "rate": self.rate.to_dict(),
            "kappa": None if self.kappa is None else round(self.kappa, 6),
        }


@dataclass(frozen=True)
class Comparison:
    a: VersionStats
    b: VersionStats
    common_units: int
    agreement: tuple[Agreement, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "a": self.a.to_dict(),
            "b": self.b.to_dict(),
            "common_units": self.common_units,
            "agreement": [g.to_dict() for g in self.agreement],
        }


def _latest(predictions: Iterable[Prediction], model: str) -> dict[str, Prediction]:
    return {p.unit: p for p in predictions if p.model == model}


def _version_stats(
    model: str, scored: dict[str, Prediction], judged: set[str], labels: dict[tuple[str, str], bool]
) -> VersionStats:
    classes = []
    for cls in CLASSES:
        tp = fp = fn = tn = 0
        for unit in judged:
            truth = labels.get((unit, cls))
            if truth is None:
                continue
            said = cls in scored[unit].predicted
            tp += said and truth
            fp += said and not truth
            fn += (not said) and truth
            tn += (not said) and not truth
        classes.append(
            ClassStats(cls, tp, fp, fn, tn, wilson(tp, tp + fp), wilson(tp, tp + fn), wilson(fp, fp + tn))
        )
    latencies = [p.latency_ms for p in scored.values()]
    compute = sum(p.compute_s for p in scored.values())
    all_tp, all_fp = sum(c.tp for c in classes), sum(c.fp for c in classes)
    return VersionStats(
        model=model,
        units_scored=len(scored),
        latency_p50_ms=percentile(latencies, 50),
        latency_p95_ms=percentile(latencies, 95),
        compute_s_per_1000_units=compute / len(scored) * 1000 if scored else None,
        classes=tuple(classes),
        precision=wilson(all_tp, all_tp + all_fp),
    )


def compare(a: str, b: str, predictions: Iterable[Prediction], labels: Iterable[Label]) -> Comparison:
    """Compare version ``a`` (usually the primary) with ``b`` (usually the candidate)."""
    predictions = list(predictions)
    scored_a, scored_b = _latest(predictions, a), _latest(predictions, b)
    truth = {(label.unit, label.cls): label.positive for label in labels}
    common = set(scored_a) & set(scored_b)
    agreement = []
    for cls in CLASSES:
        both = only_a = only_b = neither = 0
        for unit in common:
            in_a, in_b = cls in scored_a[unit].predicted, cls in scored_b[unit].predicted
            both += in_a and in_b
            only_a += in_a and not in_b
            only_b += in_b and not in_a
            neither += not (in_a or in_b)
        agreement.append(
            Agreement(
                cls,
                both,
                only_a,
                only_b,
                neither,
                wilson(both + neither, len(common)),
                cohen_kappa(both, only_a, only_b, neither),
            )
        )
    return Comparison(
        a=_version_stats(a, scored_a, common, truth),
        b=_version_stats(b, scored_b, common, truth),
        common_units=len(common),
        agreement=tuple(agreement),
    )
