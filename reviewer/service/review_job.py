"""The one job function both executors run: review a queued review and store the result.

Three short transactions around the pure pipeline: claim (queued/running -> running, attempts
+1), run the pipeline with no transaction open, store (row-locked, results replaced). A finished
review is never re-run; a review that keeps killing its worker fails after ``MAX_ATTEMPTS``.
"""

from __future__ import annotations

import logging
import time

from reviewer.db import review_store
from reviewer.db.base import utcnow
from reviewer.db.models.reviews import ReviewStatus
from reviewer.errors import ReviewerError
from reviewer.findings import ReviewOutcome
from reviewer.pipeline import review as run_pipeline
from reviewer.service.results import store_outcome
from reviewer.service.runtime import Runtime
from reviewer.service.submission import load_changeset

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 3


def _fail(runtime: Runtime, review_id: str, reason: str) -> str:
    with runtime.writing(), runtime.sessions.begin() as session:
        review = review_store.lock_review(review_id, session=session)
        if review is None or review.status_enum.finished:
            return review.status if review else "missing"
        review_store.mark_status(review_id, ReviewStatus.FAILED, session=session, error=reason[:2000])
    runtime.observe(ReviewStatus.FAILED.value, {}, 0.0)
    return ReviewStatus.FAILED.value


def run_review_job(review_id: str, *, runtime: Runtime) -> str:
    """Review ``review_id``; return its final status. Safe to call again for the same review."""
    started = time.perf_counter()
    with runtime.writing(), runtime.sessions.begin() as session:
        review = review_store.lock_review(review_id, session=session)
        if review is None:
            log.warning("review %s not found; nothing to do", review_id)
            return "missing"
        if review.status_enum.finished:
            return review.status
        if review.attempts >= MAX_ATTEMPTS:
            review_store.mark_status(
                review_id,
                ReviewStatus.FAILED,
                session=session,
                error=f"gave up after {review.attempts} interrupted attempts",
            )
            return ReviewStatus.FAILED.value
        review.status = ReviewStatus.RUNNING.value
        review.started_at = utcnow()
        review.attempts += 1
        try:
            changeset = load_changeset(review_id, limits=runtime.settings.limits(), session=session)
            config = runtime.review_config()
            for hook in runtime.hooks:  # e.g. which model versions serve and shadow this review
                config = hook.prepare(review, config, session=session)
        except ReviewerError as exc:  # bad input, or a configuration the operator must fix
            review.status = ReviewStatus.FAILED.value
            review.finished_at = utcnow()
            review.error = f"{exc.title}: {exc}"
            return review.status
    try:
        outcome: ReviewOutcome = run_pipeline(changeset, config)
    except ReviewerError as exc:
        return _fail(runtime, review_id, f"{exc.title}: {exc}")
    except Exception as exc:
        log.exception("review %s crashed in the pipeline", review_id)
        return _fail(runtime, review_id, f"internal error ({type(exc).__name__})")
    with runtime.writing(), runtime.sessions.begin() as session:
        review = review_store.lock_review(review_id, session=session)
        if review is None or review.status_enum.finished:  # another run stored first
            return review.status if review else "missing"
        store_outcome(review, outcome, session=session, checklist_source=config.checklist)
        for hook in runtime.hooks:
            hook.finish(review, outcome, config, session=session)
        status = review.status
    durations = {s.scanner: s.duration_s for s in outcome.scanners}
    runtime.observe(status, durations, time.perf_counter() - started)
    return status
