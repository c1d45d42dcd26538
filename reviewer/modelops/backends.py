"""Where each registered version runs: a backend per version, loaded once and checked.

A version registered from a model folder runs in-process (the backend kind from Settings); one
registered with server URLs runs on its own v2 replicas (the classifier's multi-replica client).
The backend's model checksum must equal the registered one: a folder changed after registration
is refused rather than silently scored under the wrong name.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reviewer.errors import ConfigError, ReviewerError

# A shadow runs its in-process model on one thread: it competes less with the serving version for
# cores, and it is off the review's path anyway.
SHADOW_THREADS = 1


@dataclass(frozen=True)
class VersionSource:
    """What is needed to run one registered version (copied out of its row)."""

    ref: str
    name: str
    checksum: str
    path: str | None
    server_urls: tuple[str, ...] = ()


class BackendCache:
    """One loaded backend per (version, checksum, lane) in this process; loading is ~100 ms."""

    def __init__(self, kind: str = "auto") -> None:
        self.kind = "auto" if kind in ("remote", "off") else kind  # a folder runs locally
        self._backends: dict[tuple[str, str, str], Any] = {}
        self._loading: dict[tuple[str, str, str], threading.Lock] = {}
        self._lock = threading.Lock()

    def get(self, source: VersionSource, lane: str = "serve") -> Any:
        """The backend of ``source``; ``lane`` keeps shadow instances (and their threads) apart.

        A backend is loaded once, under a lock of its own: requests for versions already loaded
        never wait behind a load (a remote model server can take seconds to answer)."""
        key = (source.ref, source.checksum, lane)
        with self._lock:
            backend = self._backends.get(key)
            if backend is not None:
                return backend
            key_lock = self._loading.setdefault(key, threading.Lock())
        with key_lock:
            with self._lock:
                backend = self._backends.get(key)
            if backend is None:
                backend = self._load(source, threads=SHADOW_THREADS if lane == "shadow" else None)
                with self._lock:
                    self._backends[key] = backend
                    self._loading.pop(key, None)
            return backend

    def _load(self, source: VersionSource, threads: int | None) -> Any:
        from reviewer.classifier.backends import load_backend

        model_dir = Path(source.path) if source.path else Path("/nonexistent")
        try:
            if source.server_urls:
                backend = load_backend("remote", model_dir, list(source.server_urls), model_name=source.name)
            else:
                backend = load_backend(self.kind, model_dir, threads=threads)
            actual = backend.version.checksum
        except ReviewerError:
            raise
        except Exception as exc:  # a server that answers nonsense, a broken file
            raise ConfigError(f"model {source.ref} could not be loaded: {type(exc).__name__}: {exc}") from exc
        if actual and actual != source.checksum:
            backend.close()
            raise ConfigError(
                f"model {source.ref} at {source.path or ', '.join(source.server_urls)} has checksum "
                f"{actual[:12]}, registered {source.checksum[:12]}: register it as a new version"
            )
        return backend

    def items(self) -> list[tuple[tuple[str, str, str], Any]]:
        with self._lock:
            return list(self._backends.items())

    def close(self) -> None:
        with self._lock:
            for backend in self._backends.values():
                backend.close()
            self._backends.clear()


class ReplicaLoadCollector:
    """Prometheus collector: per-replica load of every registered version running on v2 servers.

    Read at scrape time from the clients' own counters (``ReplicaPool.stats()``): requests in
    flight, requests and failures so far, and whether the replica is in rotation.
    """

    def __init__(self, cache: BackendCache) -> None:
        self.cache = cache

    def collect(self) -> Iterator[Any]:
        from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily

        labels = ["model", "lane", "replica"]
        outstanding = GaugeMetricFamily(
            "reviewer_model_replica_outstanding", "Requests in flight", labels=labels
        )
        healthy = GaugeMetricFamily("reviewer_model_replica_healthy", "1 when in rotation", labels=labels)
        requests = CounterMetricFamily("reviewer_model_replica_requests", "Requests sent", labels=labels)
        failures = CounterMetricFamily("reviewer_model_replica_failures", "Requests failed", labels=labels)
        for (ref, _, lane), backend in self.cache.items():
            pool = getattr(backend, "pool", None)
            for replica in pool.stats() if pool is not None else ():
                key = [ref, lane, replica["url"]]
                outstanding.add_metric(key, replica["outstanding"])
                healthy.add_metric(key, 1.0 if replica["healthy"] else 0.0)
                requests.add_metric(key, replica["requests"])
                failures.add_metric(key, replica["failures"])
        yield from (outstanding, healthy, requests, failures)
