"""A review's lease: the one job run (or GitHub report) allowed to work on it right now.

Celery may redeliver a message while its job still runs, and several processes may share a
database; the lease (``reviews.claimed_by`` / ``lease_expires_at``) makes the second one back off.
The holder renews it from a background thread every third of its length while it works, so a
live holder never loses it; a holder that died stops renewing, and once the lease has expired
another run may take the review over.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from reviewer.db import review_store
from reviewer.db.base import utcnow
from reviewer.errors import Conflict
from reviewer.service.runtime import Runtime

log = logging.getLogger(__name__)


class LeaseHeld(Conflict):
    """Another live run holds the review's lease; try again after it expires."""

    def __init__(self, review_id: str, retry_after_s: float) -> None:
        super().__init__(f"review {review_id} is being worked on by another run")
        self.retry_after_s = retry_after_s


def new_owner() -> str:
    """A name unique to one run: host, process, and a random part for threads of one process."""
    return f"{socket.gethostname()[:60]}:{os.getpid()}:{uuid.uuid4().hex[:12]}"


def lease_until(runtime: Runtime) -> dt.datetime:
    return utcnow() + dt.timedelta(seconds=runtime.settings.review_lease_s)


class Renewal:
    """Renews ``owner``'s lease on ``review_id`` in a daemon thread until stopped; ``lost`` is set
    when a renewal finds the lease gone (the holder must then not store or post anything)."""

    def __init__(self, runtime: Runtime, review_id: str, owner: str) -> None:
        self.runtime = runtime
        self.review_id = review_id
        self.owner = owner
        self.lost = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"lease-{review_id}", daemon=True)

    def _run(self) -> None:
        interval = max(0.05, self.runtime.settings.review_lease_s / 3)
        while not self._stop.wait(interval):
            try:
                with self.runtime.writing(), self.runtime.sessions.begin() as session:
                    kept = review_store.renew_lease(
                        self.review_id, self.owner, until=lease_until(self.runtime), session=session
                    )
            except Exception:  # a database hiccup: try again next interval, the lease still runs
                log.warning("could not renew the lease of review %s", self.review_id, exc_info=True)
                continue
            if not kept:
                log.warning("review %s: lease lost to another run", self.review_id)
                self.lost.set()
                return

    def __enter__(self) -> Renewal:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


@contextmanager
def holding(runtime: Runtime, review_id: str, owner: str | None = None) -> Iterator[Renewal]:
    """Claim the review's lease whatever its status (e.g. to report a finished review), renew it
    while the block runs, release it after. Raises ``LeaseHeld`` when another run holds it."""
    owner = owner or new_owner()
    with runtime.writing(), runtime.sessions.begin() as session:
        if not review_store.claim_lease(review_id, owner, until=lease_until(runtime), session=session):
            raise LeaseHeld(review_id, runtime.settings.review_lease_s)
    try:
        with Renewal(runtime, review_id, owner) as renewal:
            yield renewal
    finally:
        with runtime.writing(), runtime.sessions.begin() as session:
            review_store.release_lease(review_id, owner, session=session)
