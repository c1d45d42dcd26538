"""``reviewer model eval``: held-out metrics, calibration, thresholds and backend agreement.

Metrics are computed on the ``val`` split (never trained on, never used to tune); thresholds and
temperatures come from ``dev``. Agreement compares each compressed backend's decisions with the
torch fp32 model's on the same split.
"""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from reviewer.classifier import calibration
from reviewer.classifier.backends import load_backend
from reviewer.classifier.bundle import META, load_bundle, write_checksums
from reviewer.classifier.datagen import read_split
from reviewer.classifier.labels import CLASSES

METRICS = "metrics.json"


def _by_source(
    samples: Sequence[Any], y: np.ndarray, p: np.ndarray, thresholds: Sequence[float]
) -> dict[str, Any]:
    """Per-source view: real-code false-alarm rate, SVEN recall and pair ranking."""
    fired = p >= np.asarray(thresholds)
    out: dict[str, Any] = {}
    groups: dict[str, list[int]] = {}
    for i, s in enumerate(samples):
        groups.setdefault(s.source.split(":")[0], []).append(i)
    for source, idx in sorted(groups.items()):
        rows = np.asarray(idx)
        entry: dict[str, Any] = {"samples": len(idx)}
        negatives = rows[y[rows].sum(1) == 0]
        if len(negatives):
            entry["false_alarm_rate"] = round(float(fired[negatives].any(1).mean()), 4)
        positives = rows[y[rows].sum(1) > 0]
        if len(positives):
            hits = [fired[i][y[i] == 1].all() for i in positives]
            entry["recall"] = round(float(np.mean(hits)), 4)
        if source == "sven":
            # before/after pairs are adjacent: does the model score the vulnerable side higher?
            pairs = [
                (idx[j], idx[j + 1])
                for j in range(0, len(idx) - 1, 2)
                if y[idx[j], 0] == 1 and y[idx[j + 1], 0] == 0
            ]
            if pairs:
                entry["pair_ranking_accuracy"] = round(
                    float(np.mean([p[a, 0] > p[b, 0] for a, b in pairs])), 4
                )
        out[source] = entry
    return out


def evaluate(
    model_dir: Path, data_dir: Path, backend_kind: str = "onnx", split: str = "val"
) -> dict[str, Any]:
    samples = read_split(data_dir, split)
    backend = load_backend(backend_kind, model_dir)
    texts = [s.text for s in samples]
    started = time.perf_counter()
    p = backend.predict(texts)
    seconds = time.perf_counter() - started
    y = np.array([s.labels for s in samples], dtype=np.int64)
    thresholds = list(backend.thresholds)
    metrics = calibration.report(CLASSES, y, p, thresholds)
    return {
        "model": str(backend.version),
        "backend": backend.kind,
        "split": split,
        "samples": len(samples),
        "classes": [m.as_dict() for m in metrics],
        "macro_f1": round(float(np.mean([m.f1 for m in metrics])), 4),
        "by_source": _by_source(samples, y, p, thresholds),
        "units_per_s": round(len(samples) / seconds, 1),
    }


def agreement(
    model_dir: Path, data_dir: Path, kinds: Sequence[str] = ("onnx", "torch-int8"), split: str = "val"
) -> dict[str, Any]:
    """Decision agreement of each backend with torch fp32: share of units whose 3 decisions all match."""
    from reviewer.classifier.backends import TorchBackend

    bundle = load_bundle(model_dir)
    texts = [s.text for s in read_split(data_dir, split)]
    reference_backend = TorchBackend(bundle, "fp32")
    reference = reference_backend.predict(texts)
    thresholds = np.asarray(bundle.thresholds)
    ref_decisions = reference >= thresholds
    out = {}
    for kind in kinds:
        probs = load_backend(kind, model_dir).predict(texts)
        decisions = probs >= thresholds
        out[kind] = {
            "unit_agreement": round(float((decisions == ref_decisions).all(1).mean()), 4),
            "decision_agreement": round(float((decisions == ref_decisions).mean()), 4),
            "max_abs_prob_diff": round(float(np.abs(probs - reference).max()), 4),
        }
    return {"split": split, "samples": len(texts), "reference": "torch-fp32", "backends": out}


def repick_thresholds(model_dir: Path, data_dir: Path, min_precision: float) -> list[float]:
    """Refit temperatures and thresholds on dev (fp32 logits) and rewrite the model's metadata."""
    from reviewer.classifier.backends import TorchBackend

    bundle = load_bundle(model_dir)
    dev = read_split(data_dir, "dev")
    logits = TorchBackend(bundle, "fp32").logits([s.text for s in dev])
    y = np.array([s.labels for s in dev], dtype=np.float64)
    temps = [calibration.fit_temperature(logits[:, k], y[:, k]) for k in range(len(CLASSES))]
    probs = 1 / (1 + np.exp(-logits / np.asarray(temps)))
    thresholds = [
        calibration.pick_threshold(y[:, k], probs[:, k], min_precision) for k in range(len(CLASSES))
    ]
    meta = dict(bundle.meta)
    meta["temperature"] = [round(t, 4) for t in temps]
    meta["thresholds"] = [round(t, 4) for t in thresholds]
    (model_dir / META).write_text(json.dumps(meta, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    write_checksums(model_dir)
    return thresholds


def save_metrics(model_dir: Path, result: dict[str, Any]) -> Path:
    path = model_dir / METRICS
    path.write_text(json.dumps(result, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return path
