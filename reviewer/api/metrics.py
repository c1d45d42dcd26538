"""Prometheus metrics, one registry per app (two apps in one process never collide).

Reviews by status and queue depth are read at scrape time (the database and the executor are
the truth, whichever process ran the job); durations are observed by jobs run in this process
(a Celery worker exposes its own with ``reviewer worker --metrics-port``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from prometheus_client import CollectorRegistry, Counter, Histogram
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

BUCKETS = (0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300)


class _LiveCollector(Collector):
    def __init__(self, counts: Callable[[], dict[str, int]], depth: Callable[[], int]) -> None:
        self.counts = counts
        self.depth = depth

    def collect(self) -> Iterator[GaugeMetricFamily]:
        by_status = GaugeMetricFamily("reviewer_reviews", "Reviews by status", labels=["status"])
        try:
            counts = self.counts()
        except Exception:  # the scrape must still answer when the database is away
            counts = {}
        for status in ("queued", "running", "complete", "partial", "failed"):
            by_status.add_metric([status], counts.get(status, 0))
        yield by_status
        yield GaugeMetricFamily("reviewer_queue_depth", "Reviews waiting for a worker", value=self.depth())


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self.submitted = Counter("reviewer_reviews_submitted", "Reviews accepted", registry=self.registry)
        self.finished = Counter(
            "reviewer_reviews_finished",
            "Reviews finished in this process",
            ["status"],
            registry=self.registry,
        )
        self.duration = Histogram(
            "reviewer_review_duration_seconds",
            'Review duration per scanner (scanner="total": the whole job)',
            ["scanner"],
            buckets=BUCKETS,
            registry=self.registry,
        )

    def watch(self, counts: Callable[[], dict[str, int]], depth: Callable[[], int]) -> None:
        self.registry.register(_LiveCollector(counts, depth))

    def observe(self, status: str, scanner_durations: dict[str, float], duration_s: float) -> None:
        """A JobObserver: record one finished job."""
        self.finished.labels(status).inc()
        for scanner, seconds in scanner_durations.items():
            self.duration.labels(scanner).observe(seconds)
        if duration_s:
            self.duration.labels("total").observe(duration_s)
