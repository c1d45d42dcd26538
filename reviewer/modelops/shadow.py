"""The classifier scanner with the versions of one review: one serves, the others score in shadow.

``RoutedClassifierScanner`` extends the classifier helper's ``ClassifierScanner`` without
changing it: the units it extracts are handed to the shadow versions, which score them on a
thread pool while the rest of the review goes on (they start when the serving version is done
with the units, so the two never compete for cores or the interpreter lock). Only the serving
version's scores become findings (``scan`` returns exactly what ``ClassifierScanner.scan``
returns, and never waits for a shadow); shadow scores are left as futures (``pending``) for the
review hook to store, never reported. A shadow that fails to load or to score is dropped; the
review does not notice.

Versions are given as loaders, called when the scanner runs (outside any database transaction,
in the scanner's thread, under its timeout), not when the review is claimed. One instance per
review (it keeps that review's units and predictions, from ``ClassifierScanner.score``); the
loaded backends are shared.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from concurrent.futures import Executor, Future
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from typing import Any

from reviewer.classifier.labels import CLASSES
from reviewer.classifier.units import Unit
from reviewer.errors import ReviewerError, ScannerError
from reviewer.findings import ScanResult
from reviewer.scanners.base import ScanContext, Workspace
from reviewer.scanners.classifier import ClassifierScanner, Prediction

log = logging.getLogger(__name__)
Loader = Callable[[], Any]  # returns a classifier backend (reviewer.classifier.backends.Backend)


@dataclass(frozen=True)
class ShadowScores:
    """One shadow version's scores on the review's units (same order as the units)."""

    ref: str
    checksum: str
    backend: str
    scores: tuple[tuple[float, ...], ...]
    predicted: tuple[tuple[str, ...], ...]
    latency_ms: float  # per unit: the batch's wall time divided over its units


def _score(ref: str, load: Loader, texts: list[str]) -> ShadowScores:
    backend = load()
    started = time.perf_counter()
    probs = backend.predict(texts)
    per_unit_ms = (time.perf_counter() - started) * 1000 / max(1, len(texts))
    thresholds = backend.thresholds
    rows = tuple(tuple(round(float(x), 4) for x in row) for row in probs)
    predicted = tuple(tuple(c for k, c in enumerate(CLASSES) if row[k] >= thresholds[k]) for row in rows)
    version = getattr(backend, "last_version", None) or backend.version
    return ShadowScores(ref, version.checksum, backend.kind, rows, predicted, round(per_unit_ms, 3))


def outcome(ref: str, future: Future[ShadowScores], timeout_s: float = 0.0) -> ShadowScores | None:
    """A shadow's scores, or None (logged) when it failed or is not done in ``timeout_s``."""
    try:
        return future.result(timeout=timeout_s)
    except FutureTimeout:
        log.warning("shadow model %s took longer than allowed; its scores are dropped", ref)
    except Exception as exc:  # a shadow never fails the review
        log.warning("shadow model %s failed: %s: %s", ref, type(exc).__name__, exc)
    return None


class RoutedClassifierScanner(ClassifierScanner):
    """``load`` gives the serving version; ``shadows`` (ref, loader) run on ``pool``."""

    def __init__(
        self,
        load: Loader,
        *,
        serve_ref: str | None,
        shadows: tuple[tuple[str, Loader], ...] = (),
        pool: Executor | None = None,
        timeout_s: float = 60.0,
    ) -> None:
        super().__init__(None)
        self.serve_ref = serve_ref
        self.scored_units: tuple[Unit, ...] = ()
        self.predictions: tuple[Prediction, ...] = ()
        self.pending: tuple[tuple[str, Future[ShadowScores]], ...] = ()
        self._load = load
        self._shadows = shadows if pool is not None else ()
        self._pool = pool
        self._timeout_s = timeout_s

    def _serving(self) -> None:
        # The parent keeps the backend it was constructed with in ``_backend``; fill it on first use.
        if self._backend is None:
            try:
                self._backend = self._load()
            except ReviewerError as exc:
                where = self.serve_ref or "configured"
                raise ScannerError(f"model {where} unavailable, review continues rules-only: {exc}") from exc

    def version(self, ctx: ScanContext) -> str:
        self._serving()
        return super().version(ctx)

    def units(self, workspace: Workspace, skipped: list[tuple[str, str]]) -> list[Unit]:
        units = super().units(workspace, skipped)
        self.scored_units = tuple(units)
        return units

    def _start_shadows(self) -> None:
        if self.scored_units and self._pool is not None and not self.pending:
            texts = [u.text for u in self.scored_units]
            self.pending = tuple(
                (ref, self._pool.submit(_score, ref, load, texts)) for ref, load in self._shadows
            )

    def shadow_results(self, timeout_s: float | None = None) -> tuple[ShadowScores, ...]:
        """Wait (at most ``timeout_s``, default the scanner timeout) for the shadow scores."""
        deadline = time.monotonic() + (self._timeout_s if timeout_s is None else timeout_s)
        found = (outcome(ref, f, max(0.0, deadline - time.monotonic())) for ref, f in self.pending)
        return tuple(r for r in found if r is not None)

    def scan(self, workspace: Workspace, ctx: ScanContext) -> ScanResult:
        """Exactly ``ClassifierScanner.scan``; the shadows start on the same units as soon as the
        serving version is done with them (so the two never compete for cores or the interpreter
        lock) and are never waited for here."""
        self._serving()
        try:
            result, self.predictions = self.score(workspace, ctx)
            return result
        finally:
            self._start_shadows()
