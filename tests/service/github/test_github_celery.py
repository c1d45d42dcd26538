"""The GitHub job on the scale-out path: a real Celery worker process on the machine's Redis,
with a personal access token instead of an App (the simple alternative)."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest
from conftest import PAT, pr_event, sample_pull, signed_post

pytestmark = [pytest.mark.db, pytest.mark.redis, pytest.mark.slow]
LOCK_KEY = "reviewer:test:github-celery"
OTHER_SUITES_DBS = {0, 13}  # the default database and the service's Celery test


@pytest.fixture
def redis_url():
    """A Redis database of our own: other sessions may run this suite at the same time on the
    same Redis, and a worker of theirs must not take our messages (nor ours theirs)."""
    import redis

    for db in range(15, 0, -1):
        if db in OTHER_SUITES_DBS:
            continue
        url = f"redis://127.0.0.1:6379/{db}"
        client = redis.Redis.from_url(url, socket_timeout=2)
        try:
            if not client.set(LOCK_KEY, str(os.getpid()), nx=True, ex=600):
                continue
        except redis.RedisError:
            pytest.skip("no Redis at 127.0.0.1:6379")
        if client.dbsize() > 1:  # somebody else's data: leave it alone
            client.delete(LOCK_KEY)
            continue
        try:
            yield url
        finally:
            for key in client.scan_iter():
                if key.decode() != LOCK_KEY:
                    client.delete(key)
            client.delete(LOCK_KEY)
        return
    pytest.skip("no free Redis database")


@pytest.fixture
def gh_overrides(redis_url):
    return {"executor": "celery", "redis_url": redis_url, "github_app_id": "", "github_token": PAT}


def test_celery_worker_runs_the_github_check(
    redis_url, gh_settings, gh_app, fake_github, unique_repo, tmp_path
):
    repo = unique_repo("octo")
    fake_github.add_pull(repo, sample_pull())
    env = dict(os.environ)
    env.update(
        {
            "REVIEWER_ENV": "test",
            "REVIEWER_DATABASE_URL": gh_settings.database_url,
            "REVIEWER_DATA_DIR": str(gh_settings.data_dir),
            "REVIEWER_REDIS_URL": redis_url,
            "REVIEWER_SCANNERS": gh_settings.scanners,
            "REVIEWER_GITHUB_API_URL": fake_github.url,
            "REVIEWER_GITHUB_TOKEN": PAT,
            "REVIEWER_GITHUB_WAIT_SCALE": "0.01",
            "REVIEWER_BASE_URL": "http://reviewer.test",
        }
    )
    log_path = tmp_path / "worker.log"
    with open(log_path, "wb") as log:
        worker = subprocess.Popen(
            [sys.executable, "-m", "reviewer", "worker", "--pool", "solo", "--loglevel", "INFO"],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            fake_github.fail("PATCH", r"/check-runs/\d+$", 502, times=4)  # past one job's retries
            resp = signed_post(gh_app, "pull_request", pr_event(repo, installation=None))
            assert resp.status_code == 202, resp.text
            deadline = time.monotonic() + 150  # generous: the machine may be busy with other suites
            runs = fake_github.repo(repo).check_runs
            while time.monotonic() < deadline:
                if runs and all(r["status"] == "completed" for r in runs.values()):
                    break
                time.sleep(0.2)
            else:
                calls = [(r.method, r.path, r.status) for r in fake_github.requests]
                raise AssertionError(
                    f"no completed check run; calls: {calls}\nworker log:\n" + log_path.read_text()[-6000:]
                )
        finally:
            worker.terminate()
            worker.wait(15)
    (run,) = runs.values()
    assert run["conclusion"] == "failure" and run["annotations"]
    assert fake_github.tokens_issued == []  # the PAT, no App exchange
    assert all(r.headers["Authorization"] == f"Bearer {PAT}" for r in fake_github.requests)
    assert len(fake_github.calls("GET", r"/contents/")) == 1  # retried by Celery without re-fetching
