"""The classifier scanner with the versions of one review: one serves, the others score in shadow.

``RoutedClassifierScanner`` extends the classifier helper's ``ClassifierScanner`` without
changing it: the units it extracts are handed, as soon as they exist, to the shadow versions,
which score them on a thread pool *while* the serving version scores them. Only the serving
version's scores become findings (``scan`` returns exactly what ``ClassifierScanner.scan``
returns, and never waits for a shadow); shadow scores are left as futures (``pending``) for the
review hook to store, never reported. A shadow that fails or is slower than ``timeout_s`` is
dropped; the review does not notice.

One instance per review (it holds that review's predictions); the backends are shared.
"""

from __future__ import annotations

import logging
import time
from concurrent.futures import Executor, Future
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from typing import Any

from reviewer.classifier.labels import CLASSES
from reviewer.classifier.units import Unit
from reviewer.errors import ScannerError
from reviewer.findings import ScanResult
from reviewer.scanners.base import ScanContext, Workspace
from reviewer.scanners.classifier import ClassifierScanner

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ShadowScores:
    """One shadow version's scores on the review's units (same order as ``units``)."""

    ref: str
    checksum: str
    backend: str
    scores: tuple[tuple[float, ...], ...]
    predicted: tuple[tuple[str, ...], ...]
    latency_ms: float  # per unit: the batch's wall time divided over its units


def _score(ref: str, backend: Any, texts: list[str]) -> ShadowScores:
    started = time.perf_counter()
    probs = backend.predict(texts)
    per_unit_ms = (time.perf_counter() - started) * 1000 / max(1, len(texts))
    thresholds = backend.thresholds
    rows = tuple(tuple(round(float(x), 4) for x in row) for row in probs)
    predicted = tuple(tuple(c for k, c in enumerate(CLASSES) if row[k] >= thresholds[k]) for row in rows)
    version = getattr(backend, "last_version", None) or backend.version
    return ShadowScores(ref, version.checksum, backend.kind, rows, predicted, round(per_unit_ms, 3))


class RoutedClassifierScanner(ClassifierScanner):
    """``serve_ref`` None with shadows: score in shadow only and report nothing (no primary)."""

    def __init__(
        self,
        backend: Any = None,
        *,
        serve_ref: str | None,
        shadows: tuple[tuple[str, Any], ...] = (),
        pool: Executor | None = None,
        timeout_s: float = 60.0,
        load_error: str = "",
        report: bool = True,
    ) -> None:
        super().__init__(backend)
        self.serve_ref = serve_ref
        self.report = report
        self.scored_units: tuple[Unit, ...] = ()
        self.pending: tuple[tuple[str, Future[ShadowScores]], ...] = ()
        self._shadows = shadows if pool is not None else ()
        self._pool = pool
        self._timeout_s = timeout_s
        self._load_error = load_error

    def version(self, ctx: ScanContext) -> str:
        if self._load_error:
            raise ScannerError(self._load_error)
        if not self.report:
            return "shadow only"
        return super().version(ctx)

    def units(self, workspace: Workspace, skipped: list[tuple[str, str]]) -> list[Unit]:
        units = super().units(workspace, skipped)
        self.scored_units = tuple(units)
        if units and self._pool is not None:
            texts = [u.text for u in units]
            self.pending = tuple((ref, self._pool.submit(_score, ref, b, texts)) for ref, b in self._shadows)
        return units

    def shadow_results(self, timeout_s: float | None = None) -> tuple[ShadowScores, ...]:
        """Wait (at most ``timeout_s``, default the scanner timeout) for the shadow scores."""
        deadline = time.monotonic() + (self._timeout_s if timeout_s is None else timeout_s)
        found = (outcome(ref, f, max(0.0, deadline - time.monotonic())) for ref, f in self.pending)
        return tuple(r for r in found if r is not None)

    def scan(self, workspace: Workspace, ctx: ScanContext) -> ScanResult:
        """Exactly ``ClassifierScanner.scan`` (shadow scores are never waited for here)."""
        if self._load_error:
            raise ScannerError(self._load_error)
        if not self.report:
            skipped: list[tuple[str, str]] = []
            self.units(workspace, skipped)
            return ScanResult(skipped=tuple(skipped))
        return super().scan(workspace, ctx)


def outcome(ref: str, future: Future[ShadowScores], timeout_s: float = 0.0) -> ShadowScores | None:
    """A shadow's scores, or None (logged) when it failed or is not done in ``timeout_s``."""
    try:
        return future.result(timeout=timeout_s)
    except FutureTimeout:
        log.warning("shadow model %s took longer than allowed; its scores are dropped", ref)
    except Exception as exc:  # a shadow never fails the review
        log.warning("shadow model %s failed: %s: %s", ref, type(exc).__name__, exc)
    return None
