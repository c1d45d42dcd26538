"""The classifier scanner: scores each changed code unit, reports above calibrated thresholds.

Configuration comes from ``ScanContext.options`` (``classifier.backend``, ``classifier.model_dir``,
``classifier.server_urls``; see ``classifier_options``) and, where absent, from ``Settings``
(``REVIEWER_MODEL_BACKEND``, ``REVIEWER_MODEL_DIR``, ``REVIEWER_MODEL_SERVER_URLS``).

If the model cannot be loaded or reached, ``scan`` raises ``ScannerError``: the pipeline marks
this scanner failed and the review completes as ``partial``, rules-only, with the reason.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reviewer.classifier.labels import CATEGORY, CLASSES, CWE, MESSAGE, ModelVersion, rule_id
from reviewer.classifier.units import Unit, extract_units, language_for
from reviewer.errors import ReviewerError, ScannerError
from reviewer.findings import Confidence, Location, RawFinding, ScanResult, Severity
from reviewer.scanners._files import iter_texts
from reviewer.scanners.base import ScanContext, Workspace

MAX_UNITS = 2000


@dataclass(frozen=True)
class Prediction:
    """One scored unit; kept for every unit (reported or not) so model versions can be compared."""

    path: str
    start_line: int
    end_line: int
    added_lines: tuple[int, ...]
    scores: tuple[float, ...]  # calibrated probabilities, CLASSES order
    reported: tuple[str, ...]  # classes at/above threshold
    model: ModelVersion
    backend: str
    latency_ms: float  # this review's model time divided over its units


def classifier_options(settings: Any) -> dict[str, str]:
    """ScanContext options for this scanner from Settings (for ``config_builder.scan_context``)."""
    return {
        "classifier.backend": settings.model_backend,
        "classifier.model_dir": str(settings.model_dir),
        "classifier.server_urls": settings.model_server_urls,
    }


def server_urls(text: str) -> list[str]:
    """``REVIEWER_MODEL_SERVER_URLS`` / ``classifier.server_urls``: comma-separated, blanks dropped."""
    return [u.strip() for u in text.split(",") if u.strip()]


def _confidence(p: float) -> Confidence:
    return Confidence.HIGH if p >= 0.9 else Confidence.MEDIUM if p >= 0.7 else Confidence.LOW


class ClassifierScanner:
    name = "classifier"

    def __init__(self, backend: Any = None) -> None:
        self._backend = backend
        self._lock = threading.Lock()

    def _config(self, ctx: ScanContext) -> tuple[str, Path, list[str]]:
        opts = ctx.options
        if "classifier.backend" not in opts:
            from reviewer.settings import Settings

            opts = {**classifier_options(Settings()), **opts}
        urls = server_urls(opts.get("classifier.server_urls", ""))
        return opts.get("classifier.backend", "auto"), Path(opts["classifier.model_dir"]), urls

    def _get(self, ctx: ScanContext) -> Any:
        with self._lock:
            if self._backend is None:
                from reviewer.classifier.backends import cached_backend

                kind, model_dir, urls = self._config(ctx)
                if kind == "off":
                    raise ScannerError("classifier turned off (REVIEWER_MODEL_BACKEND=off)")
                try:
                    self._backend = cached_backend(kind, model_dir, urls)
                except ReviewerError as exc:
                    raise ScannerError(f"model unavailable, review continues rules-only: {exc}") from exc
            return self._backend

    def available(self, ctx: ScanContext) -> bool:
        kind, model_dir, urls = self._config(ctx)
        return kind != "off" and (bool(urls) or (model_dir / "reviewer-model.json").exists())

    def version(self, ctx: ScanContext) -> str:
        try:
            backend = self._get(ctx)
            return f"{backend.version} {backend.kind}"
        except ReviewerError as exc:
            raise ScannerError(f"model unreachable, review continues rules-only: {exc}") from exc

    def units(self, workspace: Workspace, skipped: list[tuple[str, str]]) -> list[Unit]:
        units: list[Unit] = []
        for path, text in iter_texts(workspace, skipped):
            if language_for(path) is None:
                continue
            added = workspace.added_lines(path)
            if workspace.changeset.whole_files:
                added = frozenset(range(1, text.count("\n") + 2))
            try:
                units.extend(extract_units(path, text, added))
            except (ValueError, RuntimeError) as exc:  # a grammar failure skips the file, not the scan
                skipped.append((path, f"classifier could not parse: {exc}"))
        if len(units) > MAX_UNITS:
            skipped.append(("*", f"classifier scored the first {MAX_UNITS} of {len(units)} units"))
            units = units[:MAX_UNITS]
        return units

    def scan(self, workspace: Workspace, ctx: ScanContext) -> ScanResult:
        return self.score(workspace, ctx)[0]

    def score(self, workspace: Workspace, ctx: ScanContext) -> tuple[ScanResult, tuple[Prediction, ...]]:
        """``scan`` with every unit's prediction (reported or not), returned per call: one
        instance may serve concurrent reviews, so nothing of a call is kept on it."""
        backend = self._get(ctx)
        skipped: list[tuple[str, str]] = []
        units = self.units(workspace, skipped)
        if not units:
            return ScanResult(skipped=tuple(skipped)), ()
        started = time.perf_counter()
        try:
            probs = backend.predict([u.text for u in units])
            thresholds = backend.thresholds
        except ReviewerError as exc:
            raise ScannerError(f"model unreachable, review continues rules-only: {exc}") from exc
        per_unit_ms = (time.perf_counter() - started) * 1000 / len(units)
        version = getattr(backend, "last_version", None) or backend.version
        findings, predictions = [], []
        for unit, row in zip(units, probs, strict=True):
            reported = tuple(c for k, c in enumerate(CLASSES) if float(row[k]) >= thresholds[k])
            predictions.append(
                Prediction(
                    unit.path,
                    unit.start_line,
                    unit.end_line,
                    unit.added_lines,
                    tuple(round(float(x), 4) for x in row),
                    reported,
                    version,
                    backend.kind,
                    round(per_unit_ms, 3),
                )
            )
            for cls in reported:
                findings.append(self._finding(unit, cls, float(row[CLASSES.index(cls)]), version))
        return ScanResult(findings=tuple(findings), skipped=tuple(skipped)), tuple(predictions)

    def _finding(self, unit: Unit, cls: str, score: float, version: ModelVersion) -> RawFinding:
        return RawFinding(
            scanner=self.name,
            rule=rule_id(cls),
            location=Location(unit.path, min(unit.added_lines), max(unit.added_lines)),
            message=f"{MESSAGE[cls]} (classifier score {score:.2f} in {unit.name}; model {version})",
            # A score is a prompt for review, not proof: low severity, and checklist items it
            # maps to go to a human instead of failing (checklists.evaluate.ADVISORY_SCANNERS).
            severity=Severity.LOW,
            confidence=_confidence(score),
            category=CATEGORY[cls],
            cwes=(CWE[cls],),
            extra=(
                ("score", f"{score:.4f}"),
                ("model", version.name),
                ("model_version", version.version),
                ("model_checksum", version.checksum),
                ("unit", f"{unit.start_line}-{unit.end_line}"),
            ),
        )
