"""The Celery executor for real: a worker process on the machine's Redis reviews queued changes,
and a worker killed mid-review leaves a review that completes after restart, without duplicates."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from reviewer.db.models import Finding, Review

pytestmark = [pytest.mark.db, pytest.mark.redis, pytest.mark.slow]
REDIS_URL = "redis://127.0.0.1:6379/13"
VISIBILITY_S = 2


@pytest.fixture
def redis_db():
    import redis

    client = redis.Redis.from_url(REDIS_URL, socket_timeout=2)
    try:
        client.ping()
    except redis.RedisError:
        pytest.skip("no Redis at 127.0.0.1:6379")
    client.flushdb()  # a database of its own, so queued messages of other runs cannot leak in
    yield client
    client.flushdb()


@pytest.fixture
def celery_settings(service_settings):
    service_settings.executor = "celery"
    service_settings.redis_url = REDIS_URL
    service_settings.celery_visibility_timeout_s = VISIBILITY_S
    return service_settings


class Worker:
    def __init__(self, settings, log_path: Path, scanners: str) -> None:
        env = dict(os.environ)
        env.update(
            {
                "REVIEWER_ENV": "test",
                "REVIEWER_DATABASE_URL": settings.database_url,
                "REVIEWER_DATA_DIR": str(settings.data_dir),
                "REVIEWER_REDIS_URL": REDIS_URL,
                "REVIEWER_SCANNERS": scanners,
                "REVIEWER_CELERY_VISIBILITY_TIMEOUT_S": str(VISIBILITY_S),
                # the killed worker's lease runs out before the redelivered message may take over
                "REVIEWER_REVIEW_LEASE_S": "3",
            }
        )
        self.log = open(log_path, "ab")  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "reviewer", "worker", "--pool", "solo", "--loglevel", "INFO"],
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )

    def kill(self) -> None:
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(10)
        self.log.close()

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        if not self.log.closed:
            self.log.close()


def _status(runtime, review_id):
    with runtime.sessions() as s:
        review = s.get(Review, review_id)
        n = s.scalar(select(func.count()).select_from(Finding).where(Finding.review_id == review_id))
        keys = s.execute(
            select(Finding.rule, Finding.path, Finding.start_line).where(Finding.review_id == review_id)
        )
        return review.status, review.attempts, n, len(set(keys))


def _wait(runtime, review_id, want, timeout_s):
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        status = _status(runtime, review_id)[0]
        if status in want:
            return status
        time.sleep(0.02)
    raise AssertionError(f"review {review_id} still {status} after {timeout_s}s")


def test_celery_worker_reviews_and_survives_being_killed_mid_review(
    celery_settings, runtime, redis_db, make_token, auth, unique_repo, tmp_path, big_diff
):
    from fastapi.testclient import TestClient

    from reviewer.api.app import create_app

    app = create_app(celery_settings, runtime=runtime)
    repo = unique_repo()
    slow_scanners = "semgrep,bandit,reviewer-secrets,silencers"
    with TestClient(app) as client:
        h = {**auth(make_token("triager", [repo])), "Content-Type": "application/json"}
        review_id = client.post(
            "/api/v1/reviews", headers=h, json={"diff": big_diff().decode(), "repository": repo}
        ).json()["id"]
        assert redis_db.llen("reviews") == 1
        assert "reviewer_queue_depth 1.0" in client.get("/metrics").text
        worker = Worker(celery_settings, tmp_path / "worker1.log", slow_scanners)
        try:
            _wait(runtime, review_id, {"running"}, 60)
            time.sleep(0.3)  # well inside the pipeline: scanners are running
            worker.kill()
        finally:
            worker.stop()
        status, attempts, n, _ = _status(runtime, review_id)
        assert (status, attempts, n) == ("running", 1, 0), "the worker must die before storing anything"
        time.sleep(VISIBILITY_S + 0.5)  # the unacknowledged message becomes visible again
        worker = Worker(celery_settings, tmp_path / "worker2.log", slow_scanners)
        try:
            assert _wait(runtime, review_id, {"complete", "partial", "failed"}, 120) == "complete"
            status, attempts, n, distinct = _status(runtime, review_id)
            assert attempts == 2
            assert n > 0 and n == distinct, "no duplicate findings"
            # a second, ordinary review through the same worker
            small = client.post(
                "/api/v1/reviews?wait=true",
                headers=h,
                json={"diff": big_diff(1, 4).decode(), "repository": repo},
            )
            assert small.status_code == 200 and small.json()["status"] == "complete", small.text
        finally:
            worker.stop()
    # the redelivered message was acknowledged: nothing left to run
    assert redis_db.llen("reviews") == 0
    assert redis_db.hlen("unacked") == 0
