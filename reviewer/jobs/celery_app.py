"""The scale-out executor: a Celery app on Redis, built from Settings (never at import).

Reliability: ``acks_late`` with ``reject_on_worker_lost`` means a review's message is
acknowledged only after the job returns; if the worker dies mid-review the message goes back
to the queue (Redis redelivers unacknowledged messages after ``visibility_timeout``) and the
job, being idempotent per review, runs again without duplicating findings. Transient database
errors are retried with backoff.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from collections.abc import Sequence
from typing import Any

from celery import Celery
from sqlalchemy.exc import OperationalError

from reviewer.db import review_store
from reviewer.db.base import utcnow
from reviewer.service.runtime import JobObserver, Runtime, build_runtime
from reviewer.settings import Settings

log = logging.getLogger(__name__)
TASK_NAME = "reviewer.review"
QUEUE = "reviews"
STALE_QUEUED = dt.timedelta(minutes=2)


def make_celery(settings: Settings, observers: Sequence[JobObserver] = ()) -> Celery:
    app = Celery("reviewer", broker=settings.redis_url, set_as_current=False)
    app.conf.update(
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,  # a long review must not hold messages others could run
        task_default_queue=QUEUE,
        task_ignore_result=True,
        task_serializer="json",
        accept_content=["json"],
        broker_transport_options={"visibility_timeout": settings.celery_visibility_timeout_s},
        broker_connection_retry_on_startup=True,
        # The API sends from its request threads (up to 40): don't make them queue for a connection.
        broker_pool_limit=64,
        worker_hijack_root_logger=False,
        worker_send_task_events=False,
    )
    runtimes: dict[int, Runtime] = {}  # one per worker process, built after fork

    def runtime() -> Runtime:
        pid = os.getpid()
        if pid not in runtimes:
            runtimes.clear()  # a forked child must not reuse the parent's connections
            runtimes[pid] = build_runtime(settings)
            runtimes[pid].observers.extend(observers)
        return runtimes[pid]

    @app.task(
        name=TASK_NAME,
        bind=True,
        acks_late=True,
        reject_on_worker_lost=True,
        autoretry_for=(OperationalError,),
        retry_backoff=True,
        max_retries=5,
    )
    def review(task: Any, review_id: str) -> str:
        from reviewer.service.review_job import LEASED, run_review_job

        rt = runtime()
        status = run_review_job(review_id, runtime=rt)
        if status == LEASED:  # a redelivery while the first run lives: look again after its lease
            # (None would mean the task's own cap of 5, meant for database errors; a long review
            # may stay leased for many lease lengths, and each look costs one cheap UPDATE.)
            raise task.retry(countdown=rt.settings.review_lease_s, max_retries=LEASE_LOOKS)
        return status

    from reviewer.github.runner import register_celery_task  # GitHub checks share the workers

    register_celery_task(app, runtime)
    return app


LEASE_LOOKS = 10_000


class CeleryExecutor:
    """The API side: sends review ids to the queue; workers (``reviewer worker``) run them."""

    def __init__(self, runtime: Runtime, app: Celery | None = None) -> None:
        self.runtime = runtime
        self.app = app or make_celery(runtime.settings)
        self._redis: Any = None

    def start(self) -> None:
        # A review committed but never sent (the API died in between) is sent again. Sending a
        # review twice is harmless: the job skips reviews that are already finished.
        with self.runtime.sessions() as session:
            stale = review_store.unfinished_review_ids(
                session=session, older_than=utcnow() - STALE_QUEUED, statuses=("queued",)
            )
        for review_id in stale:
            self.submit(review_id)

    def submit(self, review_id: str) -> None:
        self.app.send_task(TASK_NAME, args=[review_id], queue=QUEUE)

    def queue_depth(self) -> int:
        try:
            if self._redis is None:
                import redis

                self._redis = redis.Redis.from_url(self.runtime.settings.redis_url, socket_timeout=2)
            return int(self._redis.llen(QUEUE))
        except Exception:  # metrics must not fail because Redis is briefly away
            return -1

    def stop(self) -> None:
        if self._redis is not None:
            self._redis.close()
