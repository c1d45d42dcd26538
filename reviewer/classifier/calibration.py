"""Metrics, calibration and threshold choice for the multi-label classifier. numpy only.

Temperatures and thresholds are fitted on the dev split; ``reviewer model eval`` reports on the
held-out val split, so the reported figures never saw the data that tuned them.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from reviewer.classifier.encoding import sigmoid


@dataclass(frozen=True)
class ClassMetrics:
    cls: str
    threshold: float
    support: int  # positives
    negatives: int
    precision: float
    recall: float
    f1: float
    fp_rate: float
    ece: float
    auc: float

    def as_dict(self) -> dict[str, float | int | str]:
        return {k: (round(v, 4) if isinstance(v, float) else v) for k, v in self.__dict__.items()}


def prf(y: np.ndarray, p: np.ndarray, threshold: float) -> tuple[float, float, float, float]:
    pred = p >= threshold
    tp = float(np.sum(pred & (y == 1)))
    fp = float(np.sum(pred & (y == 0)))
    fn = float(np.sum(~pred & (y == 1)))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    negatives = float(np.sum(y == 0))
    return precision, recall, f1, (fp / negatives if negatives else 0.0)


def ece(y: np.ndarray, p: np.ndarray, bins: int = 10) -> float:
    """Expected calibration error with equal-width bins over the positive-class probability."""
    edges = np.linspace(0.0, 1.0, bins + 1)
    total = 0.0
    for lo, hi in itertools.pairwise(edges):
        inside = (p >= lo) & ((p < hi) if hi < 1.0 else (p <= hi))
        if inside.any():
            total += inside.mean() * abs(float(p[inside].mean()) - float(y[inside].mean()))
    return total


def auc(y: np.ndarray, p: np.ndarray) -> float:
    """ROC AUC by ranks (ties averaged); 0.5 when one class is absent."""
    pos, neg = int(np.sum(y == 1)), int(np.sum(y == 0))
    if not pos or not neg:
        return 0.5
    order = np.argsort(p, kind="mergesort")
    ranks = np.empty(len(p), dtype=np.float64)
    sorted_p = p[order]
    i = 0
    while i < len(p):
        j = i
        while j + 1 < len(p) and sorted_p[j + 1] == sorted_p[i]:
            j += 1
        ranks[order[i : j + 1]] = (i + j) / 2.0 + 1.0
        i = j + 1
    return float((ranks[y == 1].sum() - pos * (pos + 1) / 2.0) / (pos * neg))


def fit_temperature(logits: np.ndarray, y: np.ndarray) -> float:
    """The temperature minimising log loss on dev (grid search: robust with few samples)."""
    best_t, best_loss = 1.0, float("inf")
    for t in np.exp(np.linspace(np.log(0.25), np.log(8.0), 61)):
        p = np.clip(sigmoid(logits / t), 1e-7, 1 - 1e-7)
        loss = float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))
        if loss < best_loss:
            best_t, best_loss = float(t), loss
    return best_t


def pick_threshold(y: np.ndarray, p: np.ndarray, min_precision: float = 0.8) -> float:
    """Lowest threshold reaching ``min_precision`` on dev (most recall); else the F1-best one.

    A reviewer that cries wolf gets switched off, so precision is the constraint.
    """
    candidates = sorted({round(float(x), 4) for x in p} | {0.5})
    best_f1, best_f1_t = -1.0, 0.5
    for t in candidates:
        if t < 0.05:
            continue
        precision, _recall, f1, _ = prf(y, p, t)
        if f1 > best_f1:
            best_f1, best_f1_t = f1, t
        if precision >= min_precision and np.sum(p >= t) >= 3:
            return max(t, 0.05)
    return best_f1_t


def report(
    classes: Sequence[str], y: np.ndarray, p: np.ndarray, thresholds: Sequence[float]
) -> list[ClassMetrics]:
    out = []
    for k, cls in enumerate(classes):
        precision, recall, f1, fpr = prf(y[:, k], p[:, k], thresholds[k])
        out.append(
            ClassMetrics(
                cls=cls,
                threshold=float(thresholds[k]),
                support=int(np.sum(y[:, k] == 1)),
                negatives=int(np.sum(y[:, k] == 0)),
                precision=precision,
                recall=recall,
                f1=f1,
                fp_rate=fpr,
                ece=ece(y[:, k], p[:, k]),
                auc=auc(y[:, k], p[:, k]),
            )
        )
    return out
