"""Where GitHub jobs run: threads in the serving process, or Celery workers (scale-out).

The in-process runner mirrors the review executor: the database is the record, so at start
every unfinished check is queued again; a job that asks to be retried (GitHub down, rate
limited past the wait cap) is re-queued after a growing delay.
"""

from __future__ import annotations

import datetime as dt
import logging
import queue
import threading
from collections.abc import Callable
from typing import Any, Protocol

from reviewer.db.base import utcnow
from reviewer.github import store
from reviewer.github.check_job import RetryLater, run_check_job
from reviewer.github.integration import GitHubIntegration, build_integration
from reviewer.service.runtime import Runtime

log = logging.getLogger(__name__)
TASK_NAME = "reviewer.github.check"
RETRY_DELAYS_S = (10.0, 60.0, 300.0, 900.0, 1800.0)
DELIVERY_RETENTION = dt.timedelta(days=30)  # GitHub redelivers for 3 days; keep a margin
_STOP = object()


def retry_delay(attempts: int, scale: float = 1.0) -> float:
    return RETRY_DELAYS_S[min(max(attempts, 1), len(RETRY_DELAYS_S)) - 1] * scale


class CheckRunner(Protocol):
    def start(self) -> None: ...

    def submit(self, check_id: str) -> None: ...

    def stop(self) -> None: ...


class InProcessCheckRunner:
    def __init__(self, github: GitHubIntegration, workers: int = 2) -> None:
        self.github = github
        self.workers = max(1, workers)
        self._queue: queue.Queue[object] = queue.Queue()
        self._threads: list[threading.Thread] = []
        self._timers: set[threading.Timer] = set()
        self._lock = threading.Lock()
        self._stopped = False
        self._active: set[str] = set()  # one run per check at a time in this process
        self.idle = threading.Condition(self._lock)
        self._busy = 0

    def start(self) -> None:
        with self.github.runtime.sessions.begin() as session:
            pending = store.unfinished_check_ids(session=session)
            store.prune_deliveries(utcnow() - DELIVERY_RETENTION, session=session)
        for check_id in pending:
            self.submit(check_id)
        for i in range(self.workers):
            thread = threading.Thread(target=self._loop, name=f"github-check-{i}", daemon=True)
            thread.start()
            self._threads.append(thread)

    def submit(self, check_id: str) -> None:
        with self._lock:
            if self._stopped or check_id in self._active:  # queued or running already
                return
            self._active.add(check_id)
            self._busy += 1
        self._queue.put(check_id)

    def _retry_later(self, check_id: str, delay_s: float) -> None:
        def fire() -> None:
            with self._lock:
                self._timers.discard(timer)
                self._busy -= 1
            self.submit(check_id)

        timer = threading.Timer(delay_s, fire)
        timer.daemon = True
        with self._lock:
            self._timers.add(timer)
            self._busy += 1
        timer.start()

    def _loop(self) -> None:
        while True:
            item = self._queue.get()
            if item is _STOP:
                return
            check_id = str(item)
            delay: float | None = None
            try:
                run_check_job(check_id, github=self.github)
            except RetryLater as exc:
                delay = retry_delay(exc.attempts, self.github.settings.github_wait_scale)
                log.warning("github check %s: %s; retrying in %.0fs", check_id, exc, delay)
            except Exception:  # the row stays unfinished and is picked up again at start
                log.exception("github check %s failed unexpectedly", check_id)
            with self._lock:
                self._active.discard(check_id)
            if delay is not None:
                self._retry_later(check_id, delay)  # counted busy before this run stops counting
            with self._lock:
                self._busy -= 1
                if self._busy == 0:
                    self.idle.notify_all()

    def wait_idle(self, timeout_s: float) -> bool:
        """Block until no job is queued, running or waiting to retry (for tests and shutdown)."""
        with self._lock:
            return self.idle.wait_for(lambda: self._busy == 0, timeout_s)

    def stop(self, timeout_s: float = 30.0) -> None:
        with self._lock:
            self._stopped = True
            timers = list(self._timers)
        for timer in timers:
            timer.cancel()
        for _ in self._threads:
            self._queue.put(_STOP)
        for thread in self._threads:
            thread.join(timeout_s)
        self._threads.clear()


class CeleryCheckRunner:
    """The API side in scale-out: sends check ids to the workers' queue."""

    def __init__(self, celery_app: Any, queue_name: str = "reviews") -> None:
        self.app = celery_app
        self.queue_name = queue_name

    def start(self) -> None:
        """Nothing to recover here: Celery keeps unacknowledged messages."""

    def submit(self, check_id: str) -> None:
        self.app.send_task(TASK_NAME, args=[check_id], queue=self.queue_name)

    def stop(self) -> None:
        """The Celery app is owned by the review executor."""


def register_celery_task(celery_app: Any, runtime_factory: Callable[[], Runtime]) -> None:
    """Add the GitHub job to a Celery app. ``runtime_factory()`` returns the worker process's
    Runtime; the integration (and its token cache) is built once per Runtime."""
    built: dict[int, GitHubIntegration] = {}

    def integration() -> GitHubIntegration:
        runtime = runtime_factory()
        if id(runtime) not in built:
            built.clear()
            built[id(runtime)] = build_integration(runtime)
        return built[id(runtime)]

    @celery_app.task(name=TASK_NAME, bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=None)
    def github_check(task: Any, check_id: str) -> str:
        github = integration()
        try:
            return run_check_job(check_id, github=github)
        except RetryLater as exc:
            raise task.retry(countdown=retry_delay(exc.attempts, github.settings.github_wait_scale)) from exc
