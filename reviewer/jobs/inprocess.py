"""The embedded executor: worker threads inside the ``reviewer serve`` process.

The queue lives in memory, but the database is the record: at start-up every review that was
accepted and not finished (queued, or running when the process died) is queued again, so
reviews survive a restart. A review that another live process is running (its lease is held)
is looked at again after the lease's length and taken over only if that process died.
"""

from __future__ import annotations

import logging
import queue
import threading

from reviewer.db import review_store
from reviewer.service.review_job import LEASED, run_review_job
from reviewer.service.runtime import Runtime

log = logging.getLogger(__name__)
_STOP = object()


class InProcessExecutor:
    def __init__(self, runtime: Runtime, workers: int = 2) -> None:
        self.runtime = runtime
        self.workers = max(1, workers)
        self._queue: queue.Queue[object] = queue.Queue()
        self._threads: list[threading.Thread] = []
        self._pending: set[str] = set()  # queued and not yet started: no double-queueing
        self._lock = threading.Lock()
        self.recovered: list[str] = []

    def start(self) -> None:
        with self.runtime.sessions() as session:
            self.recovered = review_store.unfinished_review_ids(session=session)
        for review_id in self.recovered:
            self.submit(review_id)
        if self.recovered:
            log.info("re-queued %d unfinished review(s) after start-up", len(self.recovered))
        for i in range(self.workers):
            thread = threading.Thread(target=self._loop, name=f"review-worker-{i}", daemon=True)
            thread.start()
            self._threads.append(thread)

    def submit(self, review_id: str) -> None:
        with self._lock:
            if review_id in self._pending:
                return
            self._pending.add(review_id)
        self._queue.put(review_id)

    def _submit_later(self, review_id: str) -> None:
        """Another live run (e.g. another ``serve`` on this database) holds the review: look again
        once its lease could have expired, and take the review over if its holder died."""
        timer = threading.Timer(self.runtime.settings.review_lease_s, self.submit, args=(review_id,))
        timer.daemon = True
        timer.start()

    def queue_depth(self) -> int:
        return self._queue.qsize()

    def _loop(self) -> None:
        while True:
            item = self._queue.get()
            if item is _STOP:
                return
            review_id = str(item)
            with self._lock:
                self._pending.discard(review_id)
            try:
                if run_review_job(review_id, runtime=self.runtime) == LEASED:
                    self._submit_later(review_id)
            except Exception:  # the review stays queued/running and is retried at next start
                log.exception("review job %s failed unexpectedly", review_id)

    def stop(self, timeout_s: float = 30.0) -> None:
        """Finish the reviews in progress (not the queue) and stop the threads."""
        while True:
            try:
                self._queue.get_nowait()
            except queue.Empty:
                break
        for _ in self._threads:
            self._queue.put(_STOP)
        for thread in self._threads:
            thread.join(timeout_s)
        self._threads.clear()
