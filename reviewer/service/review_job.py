"""The one job function both executors run: review a queued review and store the result.

Three short transactions around the pure pipeline: claim (the review's lease, taken with one
conditional UPDATE; queued/running -> running, attempts +1), run the pipeline with no
transaction open while a thread renews the lease, store (row-locked, results replaced, only by
the lease's holder). A second run of the same review while the first is alive — a Celery
redelivery, another ``serve`` process re-queueing at start-up — finds the lease held and returns
``LEASED`` without doing anything; once the holder dies its lease expires and a later run takes
the review over. A finished review is never re-run; a review that keeps killing its worker
fails after ``MAX_ATTEMPTS``.
"""

from __future__ import annotations

import logging
import time

from reviewer.db import review_store
from reviewer.db.base import utcnow
from reviewer.db.models.reviews import UNFINISHED, ReviewStatus
from reviewer.errors import ReviewerError
from reviewer.findings import ReviewOutcome
from reviewer.pipeline import review as run_pipeline
from reviewer.service.lease import Renewal, lease_until, new_owner
from reviewer.service.results import store_outcome
from reviewer.service.runtime import Runtime
from reviewer.service.submission import load_changeset

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 3
# Returned when another live run holds the review: the caller retries after the lease's length.
LEASED = "leased"


def _fail(runtime: Runtime, review_id: str, owner: str, reason: str) -> str:
    with runtime.writing(), runtime.sessions.begin() as session:
        review = review_store.lock_review(review_id, session=session)
        if review is None or review.status_enum.finished:
            return review.status if review else "missing"
        if review.claimed_by != owner:  # our lease expired and another run took the review over
            return LEASED
        review_store.mark_status(review_id, ReviewStatus.FAILED, session=session, error=reason[:2000])
        review_store.release_lease(review_id, owner, session=session)
    runtime.observe(ReviewStatus.FAILED.value, {}, 0.0)
    return ReviewStatus.FAILED.value


def run_review_job(review_id: str, *, runtime: Runtime) -> str:
    """Review ``review_id``; return its final status, or ``LEASED`` when another live run has it.
    Safe to call again, and concurrently, for the same review."""
    started = time.perf_counter()
    owner = new_owner()
    with runtime.writing(), runtime.sessions.begin() as session:
        claimed = review_store.claim_lease(
            review_id, owner, until=lease_until(runtime), session=session, statuses=UNFINISHED
        )
        review = review_store.lock_review(review_id, session=session)
        if review is None:
            log.warning("review %s not found; nothing to do", review_id)
            return "missing"
        if review.status_enum.finished:
            return review.status
        if not claimed:
            log.info(
                "review %s is held by %s until %s", review_id, review.claimed_by, review.lease_expires_at
            )
            return LEASED
        if review.attempts >= MAX_ATTEMPTS:
            review_store.mark_status(
                review_id,
                ReviewStatus.FAILED,
                session=session,
                error=f"gave up after {review.attempts} interrupted attempts",
            )
            review_store.release_lease(review_id, owner, session=session)
            return ReviewStatus.FAILED.value
        review.status = ReviewStatus.RUNNING.value
        review.started_at = utcnow()
        review.attempts += 1
        try:
            changeset = load_changeset(review_id, limits=runtime.settings.limits(), session=session)
            # The checklist the submission chose (e.g. the repository's policy), else the service's.
            config = runtime.config_for(review.checklist_slug, review.checklist_version)
            for hook in runtime.hooks:  # e.g. which model versions serve and shadow this review
                config = hook.prepare(review, config, session=session)
        except ReviewerError as exc:  # bad input, or a configuration the operator must fix
            review.status = ReviewStatus.FAILED.value
            review.finished_at = utcnow()
            review.error = f"{exc.title}: {exc}"
            review.claimed_by = review.lease_expires_at = None
            return review.status
    try:
        with Renewal(runtime, review_id, owner):
            outcome: ReviewOutcome = run_pipeline(changeset, config)
    except ReviewerError as exc:
        return _fail(runtime, review_id, owner, f"{exc.title}: {exc}")
    except Exception as exc:
        log.exception("review %s crashed in the pipeline", review_id)
        return _fail(runtime, review_id, owner, f"internal error ({type(exc).__name__})")
    with runtime.writing(), runtime.sessions.begin() as session:
        review = review_store.lock_review(review_id, session=session)
        if review is None or review.status_enum.finished:  # another run stored first
            return review.status if review else "missing"
        if review.claimed_by != owner:  # our lease expired and another run took over: it stores
            log.warning(
                "review %s: lease lost while running; leaving the result to %s", review_id, review.claimed_by
            )
            return LEASED
        store_outcome(review, outcome, session=session, checklist_source=config.checklist)
        for hook in runtime.hooks:
            hook.finish(review, outcome, config, session=session)
        review.claimed_by = review.lease_expires_at = None
        status = review.status
    durations = {s.scanner: s.duration_s for s in outcome.scanners}
    runtime.observe(status, durations, time.perf_counter() - started)
    return status
