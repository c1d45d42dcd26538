"""Client for v2 model servers: several replicas, least outstanding requests, health-aware.

* Each call goes to the healthy replica with the fewest requests in flight (ties: the one used
  least recently), so a slow replica gets less work without any central coordinator.
* A replica that refuses a connection, times out or answers 5xx is marked down and the request
  is retried on another replica; a down replica gets traffic again only after a cool-down and a
  passing ``GET /v2/health/ready``.
* ``stats()`` gives per-replica load for ``/metrics``.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import numpy as np

from reviewer.classifier.labels import CLASSES, ModelVersion
from reviewer.errors import ExternalServiceError
from reviewer.modelserver import protocol


@dataclass
class Replica:
    url: str
    outstanding: int = 0
    healthy: bool = True
    down_until: float = 0.0
    last_used: float = 0.0
    requests: int = 0
    failures: int = 0
    last_error: str = ""


class ReplicaPool:
    def __init__(self, urls: Sequence[str], timeout_s: float = 30.0, cooldown_s: float = 5.0) -> None:
        import httpx

        if not urls:
            raise ExternalServiceError("no model server URLs configured")
        self.replicas = [Replica(u.rstrip("/")) for u in urls]
        self.cooldown_s = cooldown_s
        self._lock = threading.Lock()
        limits = httpx.Limits(max_connections=64, max_keepalive_connections=32)
        self._http = httpx.Client(timeout=timeout_s, limits=limits)

    def close(self) -> None:
        self._http.close()

    def _probe(self, replica: Replica) -> bool:
        try:
            ok = self._http.get(f"{replica.url}/v2/health/ready", timeout=2.0).status_code == 200
        except Exception:  # any transport failure means "not ready"
            ok = False
        with self._lock:
            replica.healthy = ok
            if not ok:
                replica.down_until = time.monotonic() + self.cooldown_s
        return ok

    def check_health(self) -> dict[str, bool]:
        """Probe every replica now (the server's ready endpoint)."""
        return {r.url: self._probe(r) for r in self.replicas}

    def _acquire(self, tried: set[str]) -> Replica | None:
        now = time.monotonic()
        with self._lock:
            # a down replica whose cool-down is over gets one probe; claiming it first means
            # concurrent callers do not all probe the same replica
            due = [r for r in self.replicas if r.url not in tried and not r.healthy and r.down_until <= now]
            for replica in due:
                replica.down_until = now + self.cooldown_s
        for replica in due:
            self._probe(replica)
        with self._lock:
            candidates = [r for r in self.replicas if r.url not in tried and r.healthy]
            if not candidates:
                return None
            chosen = min(candidates, key=lambda r: (r.outstanding, r.last_used))
            chosen.outstanding += 1
            chosen.requests += 1
            chosen.last_used = now
            return chosen

    def _release(self, replica: Replica, error: str = "") -> None:
        with self._lock:
            replica.outstanding -= 1
            if error:
                replica.failures += 1
                replica.healthy = False
                replica.down_until = time.monotonic() + self.cooldown_s
                replica.last_error = error

    def request(self, method: str, path: str, body: Any = None) -> Any:
        """JSON request on the best replica, retried on the others; ExternalServiceError if all fail."""
        tried: set[str] = set()
        errors = []
        while True:
            replica = self._acquire(tried)
            if replica is None:
                detail = "; ".join(errors) or "every replica is marked down"
                raise ExternalServiceError(f"model server unreachable: {detail}")
            tried.add(replica.url)
            try:
                response = self._http.request(method, replica.url + path, json=body)
            except Exception as exc:  # connection refused, reset, timeout: try the next replica
                error = f"{replica.url}: {type(exc).__name__}: {exc}"
                self._release(replica, error)
                errors.append(error)
                continue
            if response.status_code >= 500:
                error = f"{replica.url}: HTTP {response.status_code}"
                self._release(replica, error)
                errors.append(error)
                continue
            self._release(replica)
            if response.status_code >= 400:
                raise ExternalServiceError(
                    f"model server refused the request: HTTP {response.status_code} {response.text[:200]}"
                )
            return response.json()

    def stats(self) -> list[dict[str, Any]]:
        with self._lock:
            return [
                {
                    "url": r.url,
                    "outstanding": r.outstanding,
                    "healthy": r.healthy,
                    "requests": r.requests,
                    "failures": r.failures,
                    "last_error": r.last_error,
                }
                for r in self.replicas
            ]


class RemoteBackend:
    """The classifier behind v2 servers. Thresholds come from the server's model metadata."""

    kind = "remote"

    def __init__(
        self,
        urls: Sequence[str],
        model_name: str,
        fallback_thresholds: Sequence[float] | None = None,
        chunk: int = 32,
        timeout_s: float = 30.0,
    ) -> None:
        self.pool = ReplicaPool(urls, timeout_s=timeout_s)
        self.model_name = model_name
        self.chunk = chunk
        self._fallback = tuple(fallback_thresholds) if fallback_thresholds else (0.5,) * len(CLASSES)
        self._meta: dict[str, Any] | None = None
        self._executor = ThreadPoolExecutor(max_workers=8, thread_name_prefix="model-client")
        self.last_version: ModelVersion | None = None

    def _metadata(self) -> dict[str, Any]:
        if self._meta is None:
            self._meta = self.pool.request("GET", f"/v2/models/{self.model_name}")
        return self._meta

    @property
    def version(self) -> ModelVersion:
        meta = self._metadata()
        params = meta.get("parameters") or {}
        return ModelVersion(
            meta["name"], str((meta.get("versions") or [""])[0]), str(params.get("checksum", ""))
        )

    @property
    def thresholds(self) -> tuple[float, ...]:
        params = self._metadata().get("parameters") or {}
        found = params.get("thresholds")
        return tuple(float(t) for t in found) if found else self._fallback

    def _infer_chunk(self, texts: Sequence[str]) -> tuple[np.ndarray, dict[str, str]]:
        body = protocol.infer_request(texts, uuid.uuid4().hex[:16])
        answer = self.pool.request("POST", f"/v2/models/{self.model_name}/infer", body)
        return protocol.parse_infer_response(answer, len(texts))

    def predict(self, texts: Sequence[str]) -> np.ndarray:
        """Chunks go out concurrently, so one review's units spread over the replicas."""
        if not texts:
            return np.zeros((0, len(CLASSES)), dtype=np.float32)
        chunks = [texts[i : i + self.chunk] for i in range(0, len(texts), self.chunk)]
        results = list(self._executor.map(self._infer_chunk, chunks))
        info = results[-1][1]
        self.last_version = ModelVersion(info["name"], info["version"], info["checksum"])
        return np.concatenate([probs for probs, _ in results], axis=0)

    def close(self) -> None:
        self._executor.shutdown(wait=False)
        self.pool.close()
