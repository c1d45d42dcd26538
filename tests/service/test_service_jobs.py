"""The review job and the in-process executor: idempotent, restart-safe, state carried over."""

from __future__ import annotations

import dataclasses
import datetime as dt
import time

import pytest
from sqlalchemy import func, select, update

from reviewer.auth.principal import Principal, Role
from reviewer.db import review_store
from reviewer.db.models import Finding, FindingGroup, Review, TriageEvent
from reviewer.db.models.reviews import TriageState
from reviewer.jobs.inprocess import InProcessExecutor
from reviewer.service import changeset_codec
from reviewer.service.review_job import MAX_ATTEMPTS, run_review_job
from reviewer.service.submission import Submission, submit_changeset, submit_diff
from reviewer.service.triage import triage

pytestmark = [pytest.mark.db]


def _submit(runtime, diff, repo):
    with runtime.sessions.begin() as s:
        return submit_diff(diff, Submission(repository=repo), limits=runtime.settings.limits(), session=s).id


def _counts(runtime, review_id):
    with runtime.sessions() as s:
        findings = s.scalar(select(func.count()).select_from(Finding).where(Finding.review_id == review_id))
        review = s.get(Review, review_id)
        groups = s.scalar(
            select(func.count())
            .select_from(FindingGroup)
            .where(FindingGroup.repository_id == review.repository_id)
        )
        return review.status, findings, groups


def test_job_is_idempotent_and_a_rerun_never_duplicates(runtime, sample_diff, unique_repo):
    review_id = _submit(runtime, sample_diff, unique_repo())
    assert run_review_job(review_id, runtime=runtime) == "complete"
    first = _counts(runtime, review_id)
    assert first[1] >= 2 and first[1] == first[2]
    assert run_review_job(review_id, runtime=runtime) == "complete"  # finished: not run again
    # a worker that died after storing but before acknowledging: the review is re-run in full
    with runtime.sessions.begin() as s:
        s.execute(update(Review).where(Review.id == review_id).values(status="running"))
    assert run_review_job(review_id, runtime=runtime) == "complete"
    assert _counts(runtime, review_id) == first
    with runtime.sessions() as s:
        assert s.get(Review, review_id).attempts == 2


def test_review_that_keeps_dying_fails_after_max_attempts(runtime, sample_diff, unique_repo):
    review_id = _submit(runtime, sample_diff, unique_repo())
    with runtime.sessions.begin() as s:
        s.execute(
            update(Review).where(Review.id == review_id).values(status="running", attempts=MAX_ATTEMPTS)
        )
    assert run_review_job(review_id, runtime=runtime) == "failed"
    with runtime.sessions() as s:
        assert "interrupted attempts" in s.get(Review, review_id).error


def test_changeset_submission_round_trips(runtime, sample_diff, unique_repo):
    from reviewer.ingest.diff import parse_diff

    changeset = parse_diff(sample_diff, runtime.settings.limits(), source="github")
    assert changeset_codec.decode(changeset_codec.encode(changeset)) == changeset
    with_modules = dataclasses.replace(changeset, project_modules=("accounts", "shop"), skipped=(("a", "b"),))
    assert changeset_codec.decode(changeset_codec.encode(with_modules)) == with_modules
    with runtime.sessions.begin() as s:
        review_id = submit_changeset(
            changeset, Submission(repository=unique_repo(), source="github"), session=s
        ).id
    assert run_review_job(review_id, runtime=runtime) == "complete"
    assert _counts(runtime, review_id)[1] >= 2


def test_fixed_finding_seen_again_is_reopened_with_an_audit_event(runtime, sample_diff, unique_repo):
    repo = unique_repo()
    first = _submit(runtime, sample_diff, repo)
    run_review_job(first, runtime=runtime)
    who = Principal(name="user:dana", role=Role.TRIAGER, repositories=frozenset({repo}))
    with runtime.sessions.begin() as s:
        group_id = review_store.findings_of(first, session=s)[0].group_id
        triage(group_id, TriageState.FIXED, "patched in #12", principal=who, session=s)
    second = _submit(runtime, sample_diff, repo)
    run_review_job(second, runtime=runtime)
    with runtime.sessions() as s:
        group = s.get(FindingGroup, group_id)
        assert group.state == "open"
        events = s.scalars(
            select(TriageEvent).where(TriageEvent.group_id == group_id).order_by(TriageEvent.id)
        )
        assert [(e.actor, e.from_state, e.to_state) for e in events] == [
            ("user:dana", "open", "fixed"),
            ("system", "fixed", "open"),
        ]


def test_triage_events_are_append_only(db_session, sample_diff, unique_repo):
    from reviewer.settings import Settings

    repo = unique_repo()
    review = submit_diff(
        sample_diff, Submission(repository=repo), limits=Settings().limits(), session=db_session
    )
    group = review_store.upsert_group(
        review.repository_id,
        "f" * 32,
        rule="r",
        category="secrets",
        path="a.py",
        review_id=review.id,
        session=db_session,
    )
    who = Principal(name="user:erin", role=Role.TRIAGER, repositories=None)
    until = dt.datetime.now(dt.UTC) + dt.timedelta(days=7)
    event = triage(
        group.id,
        TriageState.ACCEPTED_RISK,
        "vendor fix due",
        principal=who,
        session=db_session,
        accepted_until=until,
    )
    assert group.accepted_until == until
    event.reason = "rewritten"
    with pytest.raises(RuntimeError, match="append-only"):
        db_session.flush()
    db_session.rollback()


def test_reviews_survive_a_restart_of_the_inprocess_executor(runtime, sample_diff, unique_repo):
    repo = unique_repo()
    # Accepted while the previous process was alive: one never started, one interrupted mid-review.
    queued = _submit(runtime, sample_diff, repo)
    interrupted = _submit(runtime, sample_diff, repo)
    with runtime.sessions.begin() as s:
        s.execute(update(Review).where(Review.id == interrupted).values(status="running", attempts=1))
    executor = InProcessExecutor(runtime, workers=1)  # the "restarted" process
    executor.start()
    try:
        assert {queued, interrupted} <= set(executor.recovered)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if all(_counts(runtime, r)[0] == "complete" for r in (queued, interrupted)):
                break
            time.sleep(0.1)
    finally:
        executor.stop()
    assert _counts(runtime, queued)[0] == "complete"
    assert _counts(runtime, interrupted)[0] == "complete"
    assert _counts(runtime, queued)[1] == _counts(runtime, interrupted)[1]


def test_rate_limiters():
    import redis

    from reviewer.auth.ratelimit import MemoryRateLimiter, RedisRateLimiter
    from reviewer.errors import RateLimited

    limiter = MemoryRateLimiter(rate_per_s=1.0, burst=2)
    limiter.hit("a")
    limiter.hit("a")
    with pytest.raises(RateLimited) as exc:
        limiter.hit("a")
    assert 0 < exc.value.retry_after_s <= 1.0
    try:
        client = redis.Redis.from_url("redis://127.0.0.1:6379/15", socket_timeout=2)
        client.ping()
    except redis.RedisError:
        pytest.skip("no Redis")
    shared = RedisRateLimiter(client, rate_per_s=1.0, burst=2, prefix=f"test:{time.time()}:")
    shared.hit("a")
    shared.hit("a")
    with pytest.raises(RateLimited):
        shared.hit("a")


def test_malformed_diff_that_passes_the_cheap_checks_fails_the_review_with_a_reason(runtime, unique_repo):
    hostile = (
        b"diff --git a/../../etc/passwd b/../../etc/passwd\n--- a/../../etc/passwd\n+++ b/../../etc/passwd\n"
        b"@@ -1 +1 @@\n-x\n+y\n"
    )
    # Refused at accept time now (test_service_api), so stored as an older version accepted it.
    from reviewer.service.submission import DIFF_FORMAT, _input_row, _review_row

    with runtime.sessions.begin() as s:
        row = _review_row(Submission(repository=unique_repo()), session=s)
        review_id = review_store.add_review(row, _input_row(DIFF_FORMAT, hostile), session=s).id
    assert run_review_job(review_id, runtime=runtime) == "failed"
    with runtime.sessions() as s:
        review = s.get(Review, review_id)
        assert review.error.startswith("Refused path") and review.finished_at is not None


def test_checklist_versions_are_stored_once_and_results_point_at_them(runtime, sample_diff, unique_repo):
    from reviewer.db.models import Checklist, ChecklistResult
    from reviewer.service.checklist_sync import sync_all

    with runtime.sessions.begin() as s:
        on_disk = sync_all(runtime.settings.checklists_dir, session=s)
    with runtime.sessions.begin() as s:
        assert sync_all(runtime.settings.checklists_dir, session=s) == on_disk
        stored = s.scalars(select(Checklist)).all()
        assert len(stored) >= on_disk >= 1
        assert len({(c.slug, c.version) for c in stored}) == len(stored)
    review_id = _submit(runtime, sample_diff, unique_repo())
    run_review_job(review_id, runtime=runtime)
    with runtime.sessions() as s:
        result = s.scalar(select(ChecklistResult).where(ChecklistResult.review_id == review_id))
        pinned = s.get(Checklist, result.checklist_id)
        assert (pinned.slug, pinned.version, pinned.content_hash) == (
            result.slug,
            result.version,
            result.content_hash,
        )
        assert pinned.items and pinned.items[0].key


def test_redis_rate_limiter_fails_open_when_redis_is_away():
    import redis
    from redis.backoff import NoBackoff
    from redis.retry import Retry

    from reviewer.auth.ratelimit import RedisRateLimiter

    dead = redis.Redis(host="127.0.0.1", port=1, socket_timeout=0.2, retry=Retry(NoBackoff(), 0))
    started = time.monotonic()
    RedisRateLimiter(dead, rate_per_s=1.0, burst=1).hit("a")  # no exception: the request goes on
    assert time.monotonic() - started < 2


def test_review_evaluates_the_checklist_its_submission_chose(runtime, sample_diff, unique_repo):
    from reviewer.db.models import ChecklistResult

    chosen = Submission(repository=unique_repo(), checklist_slug="ai-code-security", checklist_version="0.9")
    with runtime.sessions.begin() as s:
        review_id = submit_diff(sample_diff, chosen, limits=runtime.settings.limits(), session=s).id
    default_id = _submit(runtime, sample_diff, unique_repo())
    assert run_review_job(review_id, runtime=runtime) == "complete"
    assert run_review_job(default_id, runtime=runtime) == "complete"
    with runtime.sessions() as s:
        result = s.scalar(select(ChecklistResult).where(ChecklistResult.review_id == review_id))
        assert (result.slug, result.version) == ("ai-code-security", "0.9")
        assert s.get(Review, review_id).checklist_version == "0.9"
        default = s.scalar(select(ChecklistResult).where(ChecklistResult.review_id == default_id))
        assert default.version == "1.0"


def test_checklist_choice_is_validated(runtime):
    from reviewer.errors import InputError
    from reviewer.service.submission import checklist_choice

    where = runtime.settings.checklists_dir
    assert checklist_choice("ai-code-security@1.0", where) == ("ai-code-security", "1.0")
    assert checklist_choice("ai-code-security", where) == ("ai-code-security", None)
    for bad in ("ai-code-security@7.0", "no-such-list", "../etc@1.0", "ai-code-security@x"):
        with pytest.raises(InputError):
            checklist_choice(bad, where)


class _CountingHook:
    """A real review hook that counts the runs that got as far as preparing the pipeline."""

    def __init__(self) -> None:
        self.prepared: list[str] = []

    def prepare(self, review, config, *, session):
        self.prepared.append(review.id)
        time.sleep(0.3)  # widen the window in which the other run tries its claim
        return config

    def finish(self, review, outcome, config, *, session):
        pass

    def close(self):
        pass


def test_concurrent_runs_of_one_review_run_the_pipeline_once(runtime, sample_diff, unique_repo):
    import threading

    from reviewer.service.review_job import LEASED

    review_id = _submit(runtime, sample_diff, unique_repo())
    hook = _CountingHook()
    runtime.hooks.append(hook)
    try:
        start = threading.Barrier(2)
        results: list[str] = []

        def run() -> None:
            start.wait()
            results.append(run_review_job(review_id, runtime=runtime))

        threads = [threading.Thread(target=run) for _ in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
    finally:
        runtime.hooks.remove(hook)
    assert sorted(results) == sorted(["complete", LEASED])
    assert hook.prepared == [review_id]
    status, findings, groups = _counts(runtime, review_id)
    assert status == "complete" and findings >= 2 and findings == groups
    with runtime.sessions() as s:
        review = s.get(Review, review_id)
        assert review.attempts == 1 and review.claimed_by is None and review.lease_expires_at is None


def test_live_lease_is_respected_and_an_expired_one_taken_over(runtime, sample_diff, unique_repo):
    from reviewer.db.base import utcnow
    from reviewer.service.review_job import LEASED

    review_id = _submit(runtime, sample_diff, unique_repo())
    with runtime.sessions.begin() as s:  # another process is running it, and alive
        s.execute(
            update(Review)
            .where(Review.id == review_id)
            .values(
                status="running",
                attempts=1,
                claimed_by="other:1:x",
                lease_expires_at=utcnow() + dt.timedelta(seconds=60),
            )
        )
    assert run_review_job(review_id, runtime=runtime) == LEASED
    with runtime.sessions() as s:
        assert s.get(Review, review_id).attempts == 1
    with runtime.sessions.begin() as s:  # ... and then it died: its lease ran out
        s.execute(
            update(Review)
            .where(Review.id == review_id)
            .values(lease_expires_at=utcnow() - dt.timedelta(seconds=1))
        )
    assert run_review_job(review_id, runtime=runtime) == "complete"
    with runtime.sessions() as s:
        review = s.get(Review, review_id)
        assert review.attempts == 2 and review.claimed_by is None


def test_stored_outcome_is_rebuilt_one_way_for_sarif_and_the_github_report(runtime, sample_diff, unique_repo):
    from reviewer.github.outcome import load_outcome
    from reviewer.service.export import outcome_of, sarif_document

    review_id = _submit(runtime, sample_diff, unique_repo())
    assert run_review_job(review_id, runtime=runtime) == "complete"
    with runtime.sessions() as s:
        review = s.get(Review, review_id)
        outcome = outcome_of(review, session=s)
        reported, dismissed = load_outcome(review, session=s)
        sarif = sarif_document(review, session=s)
    assert reported == outcome and dismissed == frozenset()
    assert outcome.checklist is not None and outcome.checklist.checklist_id == "ai-code-security"
    assert sarif["runs"][0]["properties"]["checklist"]["checklist"] == "ai-code-security"


def test_api_and_ui_lists_share_one_filter(runtime, sample_diff, unique_repo):
    from reviewer.findings import Severity
    from reviewer.ui.listing import list_page

    repo = unique_repo()
    clean = b"diff --git a/ok.py b/ok.py\n--- a/ok.py\n+++ b/ok.py\n@@ -1 +1 @@\n-x = 1\n+x = 2\n"
    risky_id, clean_id = _submit(runtime, sample_diff, repo), _submit(runtime, clean, repo)
    for review_id in (risky_id, clean_id):
        run_review_job(review_id, runtime=runtime)
    flt = review_store.ReviewFilter(repository=repo, severity=Severity.HIGH)
    with runtime.sessions() as s:
        api_rows, total = review_store.list_reviews(flt, session=s)
        ui_rows, more = list_page(flt, page=1, session=s, repositories=frozenset({repo}))
    assert [r.id for r in api_rows] == [r.id for r in ui_rows] == [risky_id] and total == 1 and not more
