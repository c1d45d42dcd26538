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

import contextlib
import dataclasses
import logging
import os
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from sqlalchemy import Engine, delete, event
from sqlalchemy.orm import Session

from reviewer.db.review_store import DEFAULT_REPOSITORY
from reviewer.errors import ReviewerError
from reviewer.findings import ReviewOutcome
from reviewer.modelops import evidence, registry_store
from reviewer.modelops.backends import BackendCache, ReplicaLoadCollector, VersionSource
from reviewer.modelops.scored_units import ScoredUnits
from reviewer.modelops.shadow import Loader, RoutedClassifierScanner, ShadowScores
from reviewer.modelops.shadow import outcome as shadow_outcome
from reviewer.modelops.tables import ModelPrediction
from reviewer.models_policy.routing import Mode, Routing, route
from reviewer.pipeline import ReviewConfig
from reviewer.scanners.classifier import ClassifierScanner, server_urls
from reviewer.settings import Settings

log = logging.getLogger(__name__)
ROUTING_KEY = "model_routing"
SHADOW_NICENESS = 10


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
        self._idle = threading.Condition()
        self._outstanding = 0  # shadow results scheduled for storage, not yet stored

    def _shadow_pool(self) -> ThreadPoolExecutor:
        with self._lock:
            if self._pool is None:
                self._pool = ThreadPoolExecutor(
                    max_workers=4, thread_name_prefix="shadow-model", initializer=_lower_priority
                )
            return self._pool

    def _source(self, ref: str, *, session: Session) -> VersionSource | None:
        row = registry_store.get_version(ref, session=session)
        if row is None:
            return None
        return VersionSource(row.ref, row.name, row.checksum, row.path, tuple(row.server_urls or ()))

    def _loader(self, ref: str, *, session: Session, lane: str = "serve") -> Loader:
        """A loader for a registered version, its row read now (in the claim transaction)."""
        source = self._source(ref, session=session)

        def load() -> Any:
            if source is None:
                raise ReviewerError(f"model {ref} is no longer registered")
            return self.backends.get(source, lane)

        return load

    def _configured_backend(self) -> Any:
        """The model named by Settings (``model_dir``, ``model_backend``, ``model_server_urls``)."""
        from reviewer.classifier.backends import cached_backend

        kind = self.settings.model_backend
        if kind == "off":
            raise ReviewerError("classifier turned off (REVIEWER_MODEL_BACKEND=off)")
        return cached_backend(kind, self.settings.model_dir, server_urls(self.settings.model_server_urls))

    def prepare(self, review: Any, config: ReviewConfig, *, session: Session) -> ReviewConfig:
        if not any(isinstance(s, ClassifierScanner) for s in config.scanners):
            return config
        stored = (review.extra or {}).get(ROUTING_KEY)
        if stored is None:
            stored = resolve_routing(repository_of(review), session=session)
            review.extra = {**(review.extra or {}), ROUTING_KEY: stored}
        routing = Routing(stored["serve"], tuple(stored["shadow"]), Mode(stored["mode"]))
        # Shadows load and score on low-priority threads: the inference threads a backend starts
        # inherit that priority, so a candidate uses idle cores and yields them to reviews.
        shadows = tuple((ref, self._loader(ref, session=session, lane="shadow")) for ref in routing.shadow)
        # No registered primary (and not in a split): the configured model serves, as before.
        serve = (
            self._configured_backend
            if routing.serve is None
            else self._loader(routing.serve, session=session)
        )
        scanner = RoutedClassifierScanner(
            serve,
            serve_ref=routing.serve,
            shadows=shadows,
            pool=self._shadow_pool() if shadows else None,
            timeout_s=config.context.timeout_s,
        )
        swapped = tuple(scanner if isinstance(s, ClassifierScanner) else s for s in config.scanners)
        return dataclasses.replace(config, scanners=swapped)

    def finish(self, review: Any, outcome: ReviewOutcome, config: ReviewConfig, *, session: Session) -> None:
        """Store the serving version's predictions in this transaction; each shadow's are stored
        on a shadow thread, in their own transaction, once this one has committed and the shadow
        is done: the review never waits for a candidate, nor for writing its evidence."""
        scanner = next((s for s in config.scanners if isinstance(s, RoutedClassifierScanner)), None)
        if scanner is None:
            return
        stored = (review.extra or {}).get(ROUTING_KEY) or {}
        try:
            units = ScoredUnits.of(review, scanner)
            rows = units.serving_rows(outcome, scanner, str(stored.get("serve_role", "primary")))
        except Exception:  # storing evidence must never lose the review's own results
            log.exception("predictions of review %s not stored", review.id)
            return
        session.execute(delete(ModelPrediction).where(ModelPrediction.review_id == review.id))
        evidence.add_predictions(rows, session=session)
        bind = session.get_bind()
        if not isinstance(bind, Engine):  # a test's outer connection: store in this transaction
            for scores in scanner.shadow_results():
                evidence.add_predictions(units.shadow_rows(scores), session=session)
            return
        pending = scanner.pending

        def schedule(_: Session) -> None:
            for ref, future in pending:
                self._store_when_done(bind, units, ref, future)

        if pending:
            event.listen(session, "after_commit", schedule, once=True)

    def _store_when_done(
        self, engine: Engine, units: ScoredUnits, ref: str, future: Future[ShadowScores]
    ) -> None:
        with self._idle:
            self._outstanding += 1

        def store(done: Future[ShadowScores]) -> None:
            try:
                scores = shadow_outcome(ref, done)
                if scores is not None:
                    with Session(engine) as session, session.begin():
                        evidence.add_predictions(units.shadow_rows(scores), session=session)
            except Exception:  # evidence only: a lost shadow batch never affects a review
                log.exception("shadow predictions of %s for review %s not stored", ref, units.review_id)
            finally:
                with self._idle:
                    self._outstanding -= 1
                    self._idle.notify_all()

        def hand_over(done: Future[ShadowScores]) -> None:
            # Runs at once in this (review) thread when the shadow is already done: hand the write
            # to a shadow thread instead.
            try:
                self._shadow_pool().submit(store, done)
            except RuntimeError:  # shutting down: nothing more is stored
                with self._idle:
                    self._outstanding -= 1
                    self._idle.notify_all()

        future.add_done_callback(hand_over)

    def collector(self) -> ReplicaLoadCollector:
        """Per-replica load of the versions this process runs remotely, for ``/metrics``."""
        return ReplicaLoadCollector(self.backends)

    def drain(self, timeout_s: float = 60.0) -> bool:
        """Wait until every shadow prediction scheduled so far is stored (tests, benchmarks, shutdown)."""
        with self._idle:
            return self._idle.wait_for(lambda: self._outstanding == 0, timeout=timeout_s)

    def close(self) -> None:
        self.drain(timeout_s=10.0)
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
        self.backends.close()


def _lower_priority() -> None:
    """Lower this (shadow) thread's CPU priority; Linux applies nice values per thread."""
    with contextlib.suppress(AttributeError, OSError):  # elsewhere: normal priority
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), SHADOW_NICENESS)


def make_hook(settings: Settings) -> ModelRoutingHook:
    """The factory the Runtime's hook registry calls."""
    return ModelRoutingHook(settings)
