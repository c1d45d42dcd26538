"""The GitHub job: fetch a pull request, review it, report it. Each step is done once.

A ``github_checks`` row records how far the job got, so running the job again (a retry after
GitHub failed, a restart) resumes where it stopped:

1. create the ``reviewer`` check run, in progress (its id is stored);
2. fetch the diff and post-images and store them as a queued review (the review id is stored);
3. run the service's one review job, ``run_review_job`` (a finished review returns at once,
   so a retry never re-runs the scanners);
4. post the report: annotation batches (progress stored after each), conclusion, comment.

GitHub failures raise ``RetryLater``; the runner calls the job again after a delay, until
``Settings.github_job_attempts``, after which the check run is closed as neutral with the reason.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from reviewer.db.base import utcnow
from reviewer.db.models import Review
from reviewer.db.review_store import find_repository
from reviewer.errors import ExternalServiceError, ReviewerError
from reviewer.github import store
from reviewer.github.fetch import PullRef, fetch_pull_request
from reviewer.github.integration import GitHubIntegration
from reviewer.github.outcome import load_outcome
from reviewer.github.policy import effective_policy
from reviewer.github.render import check_report, comment_body
from reviewer.github.reporter import CheckRunReporter
from reviewer.github.store import CheckState
from reviewer.service.lease import LeaseHeld, Renewal, holding
from reviewer.service.review_job import LEASED, run_review_job
from reviewer.service.submission import Submission, submit_changeset

log = logging.getLogger(__name__)


class RetryLater(ExternalServiceError):
    """GitHub could not be reached or refused for now; run the job again later."""

    def __init__(self, message: str, attempts: int) -> None:
        super().__init__(message)
        self.attempts = attempts


@dataclass(frozen=True)
class _Snapshot:
    """The check row's values, read in a short transaction (no session held over HTTP)."""

    id: str
    repository: str
    pull_number: int
    head_sha: str
    head_ref: str | None
    base_ref: str | None
    title: str | None
    installation_id: int | None
    state: CheckState
    review_id: str | None
    check_run_id: int | None
    batches_sent: int
    attempts: int
    external_id: str

    @classmethod
    def of(cls, row: store.GitHubCheck) -> _Snapshot:
        return cls(
            row.id,
            row.repository,
            row.pull_number,
            row.head_sha,
            row.head_ref,
            row.base_ref,
            row.title,
            row.installation_id,
            row.state_enum,
            row.review_id,
            row.check_run_id,
            row.batches_sent,
            row.attempts,
            row.external_id,
        )


def _update(github: GitHubIntegration, check_id: str, **values: object) -> None:
    """Record one step's result at once: each follows an irreversible call to GitHub."""
    with github.runtime.sessions.begin() as session:
        row = store.lock_check(check_id, session=session)
        if row is None:
            return
        for key, value in values.items():
            setattr(row, key, value)
        row.updated_at = utcnow()


def run_check_job(check_id: str, *, github: GitHubIntegration) -> str:
    """Advance one check as far as it goes; return its state. Raises ``RetryLater``."""
    with github.runtime.sessions.begin() as session:
        row = store.lock_check(check_id, session=session)
        if row is None:
            log.warning("github check %s not found", check_id)
            return "missing"
        if row.state_enum.finished:
            return row.state
        row.attempts += 1
        row.updated_at = utcnow()
        snap = _Snapshot.of(row)
    try:
        with github.client(snap.installation_id) as client:
            owner, name = snap.repository.split("/", 1)
            reporter = CheckRunReporter(client, owner, name)
            return _advance(snap, reporter, github)
    except LeaseHeld as exc:  # another live run of this check is on it: not a failed attempt
        _uncount_attempt(github, snap.id)
        raise RetryLater(str(exc), max(1, snap.attempts - 1)) from exc
    except ExternalServiceError as exc:
        return _retry_or_give_up(snap, github, f"GitHub kept failing: {exc}", exc)
    except ReviewerError as exc:  # bad input or configuration: retrying will not help
        return _give_up(snap, github, f"{exc.title}: {exc}")
    except Exception as exc:  # an odd answer, a database hiccup: retried, then given up
        log.exception("github check %s: unexpected error", snap.id)
        return _retry_or_give_up(snap, github, f"internal error ({type(exc).__name__})", exc)


def _uncount_attempt(github: GitHubIntegration, check_id: str) -> None:
    with github.runtime.sessions.begin() as session:
        row = store.lock_check(check_id, session=session)
        if row is not None and row.attempts > 0:
            row.attempts -= 1


def _retry_or_give_up(snap: _Snapshot, github: GitHubIntegration, reason: str, exc: Exception) -> str:
    if snap.attempts >= github.settings.github_job_attempts:
        return _give_up(snap, github, reason)
    _update(github, snap.id, error=reason[:2000])
    raise RetryLater(reason, snap.attempts) from exc


def _give_up(snap: _Snapshot, github: GitHubIntegration, reason: str) -> str:
    log.error("github check %s (%s#%d) failed: %s", snap.id, snap.repository, snap.pull_number, reason)
    with github.runtime.sessions.begin() as session:
        row = store.lock_check(snap.id, session=session)
        check_run_id = row.check_run_id if row is not None else None
        if row is not None:
            row.state = CheckState.FAILED.value
            row.error = reason[:2000]
            row.updated_at = utcnow()
    if check_run_id is not None:  # never leave a check run spinning on the pull request
        try:
            with github.client(snap.installation_id) as client:
                owner, name = snap.repository.split("/", 1)
                CheckRunReporter(client, owner, name).fail(check_run_id, reason)
        except ReviewerError:
            log.warning("could not close check run %s of %s", snap.check_run_id, snap.repository)
    return CheckState.FAILED.value


def _advance(snap: _Snapshot, reporter: CheckRunReporter, github: GitHubIntegration) -> str:
    runtime = github.runtime
    check_run_id = snap.check_run_id
    if check_run_id is None:
        check_run_id = reporter.start(
            snap.head_sha, snap.external_id, f"{runtime.settings.base_url.rstrip('/')}/reviews"
        )
        _update(github, snap.id, check_run_id=check_run_id)
    review_id = snap.review_id
    if review_id is None:
        owner, name = snap.repository.split("/", 1)
        ref = PullRef(owner, name, snap.pull_number, snap.head_sha)
        fetched = fetch_pull_request(reporter.client, ref, runtime.settings.limits())
        if fetched.superseded:
            moved = f"Superseded: the pull request moved on to {fetched.current_head_sha[:12]}."
            reporter.fail(check_run_id, moved, title="Superseded by a newer push")
            _update(github, snap.id, state=CheckState.SUPERSEDED.value)
            return CheckState.SUPERSEDED.value
        with runtime.sessions.begin() as session:
            row = store.lock_check(snap.id, session=session)
            if row is None:
                raise ReviewerError(f"github check {snap.id} vanished")
            if row.review_id is not None:  # a concurrent run of this job stored it first
                return _finish(snap, row.review_id, check_run_id, reporter, github)
            repo = find_repository(snap.repository, session=session)
            policy = effective_policy(repo.policy if repo else None, runtime.settings)
            review = submit_changeset(
                fetched.changeset,
                Submission(
                    repository=snap.repository,
                    source="github",
                    base_ref=snap.base_ref,
                    head_ref=snap.head_ref,
                    head_sha=snap.head_sha,
                    pull_request=snap.pull_number,
                    title=snap.title,
                    requested_by="github",
                    checklist_slug=policy.checklist,  # None: the service's checklist
                    checklist_version=policy.checklist_version,
                    extra={"github_check": snap.id, "installation_id": snap.installation_id},
                ),
                session=session,
            )
            review_id = review.id
            row.review_id = review_id
            row.omissions = list(fetched.omissions)
            row.state = CheckState.REVIEWING.value
            row.updated_at = utcnow()
    return _finish(snap, review_id, check_run_id, reporter, github)


def _finish(
    snap: _Snapshot, review_id: str, check_run_id: int, reporter: CheckRunReporter, github: GitHubIntegration
) -> str:
    """Run the review (at once if it is already finished) and report it."""
    status = run_review_job(review_id, runtime=github.runtime)
    if status == LEASED:  # another run of this check is reviewing it right now
        raise LeaseHeld(review_id, github.runtime.settings.review_lease_s)
    # The report runs under the review's lease too: of two concurrent runs of this check (a
    # Celery redelivery), one posts the annotations and the other backs off, so none is sent twice.
    with holding(github.runtime, review_id) as lease:
        with github.runtime.sessions() as session:  # re-read: the holder before us may have finished
            row = session.get(store.GitHubCheck, snap.id)
            if row is not None and row.state_enum.finished:
                return row.state
        _update(github, snap.id, state=CheckState.REPORTING.value)
        _report(snap, review_id, check_run_id, status, reporter, github, lease)
        _update(github, snap.id, state=CheckState.DONE.value, error=None)
    return CheckState.DONE.value


def _batch_sent(github: GitHubIntegration, check_id: str, batches_sent: int, lease: Renewal) -> None:
    _update(github, check_id, batches_sent=batches_sent)
    if lease.lost.is_set():  # another run took the report over: stop before the next batch
        raise LeaseHeld(check_id, github.runtime.settings.review_lease_s)


def _report(
    snap: _Snapshot,
    review_id: str,
    check_run_id: int,
    status: str,
    reporter: CheckRunReporter,
    github: GitHubIntegration,
    lease: Renewal,
) -> None:
    settings = github.runtime.settings
    with github.runtime.sessions() as session:
        review = session.get(Review, review_id)
        row = session.get(store.GitHubCheck, snap.id)
        if review is None or row is None:
            raise ReviewerError(f"review {review_id} vanished before it was reported")
        policy = effective_policy(review.repository.policy, settings)
        batches_sent = row.batches_sent
        omissions = tuple(row.omissions or ())
        outcome, dismissed = load_outcome(review, session=session)
        error = review.error
    if status not in ("complete", "partial"):
        reporter.fail(check_run_id, f"The review {status}: {error or 'no reason recorded'}")
        return
    url = github.review_url(review_id)
    report = check_report(
        outcome, threshold=policy.severity, review_url=url, omissions=omissions, dismissed=dismissed
    )
    reporter.complete(
        check_run_id,
        report,
        batches_sent=batches_sent,
        details_url=url,
        on_batch=lambda n: _batch_sent(github, snap.id, n, lease),
    )
    if policy.comment:
        comment_id = reporter.upsert_comment(snap.pull_number, comment_body(report, snap.head_sha))
        _update(github, snap.id, comment_id=comment_id)
