"""The review job's model-version hook: route at review start, store predictions at the end.

``prepare`` runs in the job's claim transaction: it reads the registry and the deployment policy
from the database (so a promotion, rollback or policy change applies to the next review with no
restart), decides the ``Routing`` for the review's repository, stores it with the review
(``reviews.extra['model_routing']``) and swaps the classifier scanner for a
``RoutedClassifierScanner`` bound to those versions. A review that is run again (a restarted
worker) reuses the stored routing, so it finishes on the versions it started with.

``finish`` runs in the job's store transaction: every unit scored by the serving version and by
each shadow version becomes a ``model_predictions`` row, with whether it became a finding.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from sqlalchemy import delete
from sqlalchemy.orm import Session

from reviewer.classifier.labels import CLASSES, rule_id
from reviewer.db.review_store import DEFAULT_REPOSITORY
from reviewer.errors import ReviewerError
from reviewer.findings import ReviewOutcome
from reviewer.modelops import evidence, registry_store
from reviewer.modelops.backends import BackendCache, VersionSource
from reviewer.modelops.shadow import RoutedClassifierScanner
from reviewer.modelops.tables import ModelPrediction
from reviewer.models_policy.routing import Mode, Routing, route
from reviewer.pipeline import ReviewConfig
from reviewer.scanners.classifier import ClassifierScanner
from reviewer.settings import Settings

log = logging.getLogger(__name__)
ROUTING_KEY = "model_routing"


def unit_key(repository: str, path: str, text: str) -> str:
    """The same for every model and every push of the same code: never a line number."""
    normalised = "\n".join(line.strip() for line in text.splitlines() if line.strip())
    return hashlib.sha256(f"{repository.lower()}\0{path}\0{normalised}".encode()).hexdigest()


def repository_of(review: Any) -> str | None:
    name = review.repository.full_name if review.repository is not None else None
    return None if name in (None, DEFAULT_REPOSITORY) else name


def resolve_routing(repository: str | None, *, session: Session) -> dict[str, Any]:
    """The routing of a review that starts now, as stored with it (``serve_role`` added)."""
    registry = registry_store.load_registry(session=session)
    routing = route(registry_store.load_policies(session=session), registry, repository)
    primary = registry.primary.ref if registry.primary else None
    split_serving = routing.mode is Mode.SPLIT and routing.serve is not None and routing.serve != primary
    return {**routing.to_dict(), "serve_role": "split" if split_serving else "primary"}


class ModelRoutingHook:
    """Held by the Runtime (one per process); safe to share between review threads."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.backends = BackendCache(settings.model_backend)
        self._pool: ThreadPoolExecutor | None = None
        self._lock = threading.Lock()

    def _shadow_pool(self) -> ThreadPoolExecutor:
        with self._lock:
            if self._pool is None:
                self._pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix="shadow-model")
            return self._pool

    def _source(self, ref: str, *, session: Session) -> VersionSource | None:
        row = registry_store.get_version(ref, session=session)
        if row is None:
            return None
        return VersionSource(row.ref, row.name, row.checksum, row.path, tuple(row.server_urls or ()))

    def _backend(self, ref: str, *, session: Session) -> Any:
        source = self._source(ref, session=session)
        if source is None:
            raise ReviewerError(f"model {ref} is no longer registered")
        return self.backends.get(source)

    def _configured_backend(self) -> Any:
        """The model named by Settings (``model_dir``, ``model_backend``, ``model_server_urls``)."""
        from reviewer.classifier.backends import cached_backend

        kind = self.settings.model_backend
        if kind == "off":
            raise ReviewerError("classifier turned off (REVIEWER_MODEL_BACKEND=off)")
        urls = [u.strip() for u in self.settings.model_server_urls.split(",") if u.strip()]
        return cached_backend(kind, self.settings.model_dir, urls)

    def prepare(self, review: Any, config: ReviewConfig, *, session: Session) -> ReviewConfig:
        if not any(isinstance(s, ClassifierScanner) for s in config.scanners):
            return config
        stored = (review.extra or {}).get(ROUTING_KEY)
        if stored is None:
            stored = resolve_routing(repository_of(review), session=session)
            review.extra = {**(review.extra or {}), ROUTING_KEY: stored}
        routing = Routing(stored["serve"], tuple(stored["shadow"]), Mode(stored["mode"]))
        shadows: list[tuple[str, Any]] = []
        for ref in routing.shadow:
            try:
                shadows.append((ref, self._backend(ref, session=session)))
            except ReviewerError as exc:  # a broken candidate never touches the review
                log.warning("shadow model %s not loaded: %s", ref, exc)
        backend, load_error = None, ""
        try:
            if routing.serve is not None:
                backend = self._backend(routing.serve, session=session)
            else:  # no registered primary (and not in a split): the configured model serves
                backend = self._configured_backend()
        except ReviewerError as exc:
            load_error = (
                f"model {routing.serve or 'configured'} unavailable, review continues rules-only: {exc}"
            )
        scanner = RoutedClassifierScanner(
            backend,
            serve_ref=routing.serve,
            shadows=tuple(shadows),
            pool=self._shadow_pool() if shadows else None,
            timeout_s=config.context.timeout_s,
            load_error=load_error,
        )
        swapped = tuple(scanner if isinstance(s, ClassifierScanner) else s for s in config.scanners)
        return dataclasses.replace(config, scanners=swapped)

    def finish(self, review: Any, outcome: ReviewOutcome, config: ReviewConfig, *, session: Session) -> None:
        scanner = next((s for s in config.scanners if isinstance(s, RoutedClassifierScanner)), None)
        if scanner is None:
            return
        stored = (review.extra or {}).get(ROUTING_KEY) or {}
        try:
            rows = prediction_rows(review, outcome, scanner, str(stored.get("serve_role", "primary")))
        except Exception:  # storing evidence must never lose the review's own results
            log.exception("predictions of review %s not stored", review.id)
            return
        session.execute(delete(ModelPrediction).where(ModelPrediction.review_id == review.id))
        evidence.add_predictions(rows, session=session)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
        self.backends.close()


def _finding_places(outcome: ReviewOutcome) -> set[tuple[str, str, int]]:
    """(rule, path, line) for every line a classifier finding covers."""
    places = set()
    for f in outcome.findings:
        if "classifier" in f.scanners:
            for line in range(f.location.start_line, max(f.location.start_line, f.location.end_line) + 1):
                places.add((f.rule, f.location.path, line))
    return places


def prediction_rows(
    review: Any, outcome: ReviewOutcome, scanner: RoutedClassifierScanner, serve_role: str
) -> list[ModelPrediction]:
    repository = review.repository.full_name if review.repository is not None else DEFAULT_REPOSITORY
    units = scanner.scored_units
    keys = [unit_key(repository, u.path, u.text) for u in units]
    places = _finding_places(outcome)
    rows: list[ModelPrediction] = []

    def row(i: int, **values: Any) -> ModelPrediction:
        unit = units[i]
        return ModelPrediction(
            review_id=review.id,
            repository=repository,
            unit=keys[i],
            path=unit.path,
            start_line=unit.start_line,
            end_line=unit.end_line,
            **values,
        )

    served = scanner.predictions if scanner.report else ()
    for i, p in enumerate(served[: len(units)]):
        became = any((rule_id(c), p.path, line) in places for c in p.reported for line in p.added_lines)
        rows.append(
            row(
                i,
                model=f"{p.model.name}@{p.model.version}",
                model_checksum=p.model.checksum,
                role=serve_role,
                scores=dict(zip(CLASSES, p.scores, strict=True)),
                predicted=list(p.reported),
                latency_ms=p.latency_ms,
                compute_s=p.latency_ms / 1000,
                backend=p.backend,
                became_finding=became,
            )
        )
    for shadow in scanner.shadow_scores:
        for i, (scores, predicted) in enumerate(zip(shadow.scores, shadow.predicted, strict=True)):
            rows.append(
                row(
                    i,
                    model=shadow.ref,
                    model_checksum=shadow.checksum,
                    role="shadow",
                    scores=dict(zip(CLASSES, scores, strict=True)),
                    predicted=list(predicted),
                    latency_ms=shadow.latency_ms,
                    compute_s=shadow.latency_ms / 1000,
                    backend=shadow.backend,
                    became_finding=False,
                )
            )
    return rows


def make_hook(settings: Settings) -> ModelRoutingHook:
    """The factory the Runtime's hook registry calls."""
    return ModelRoutingHook(settings)
