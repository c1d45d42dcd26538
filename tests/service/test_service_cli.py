"""`reviewer db`, `reviewer token` and `reviewer serve` as a user runs them."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time

import httpx
import pytest

from reviewer.cli.main import main

pytestmark = [pytest.mark.db]


@pytest.fixture
def cli_env(monkeypatch, empty_engine, tmp_path):
    url = empty_engine.url.render_as_string(hide_password=False)
    monkeypatch.setenv("REVIEWER_DATABASE_URL", url)
    monkeypatch.setenv("REVIEWER_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("REVIEWER_ENV", "test")
    return url


def test_db_upgrade_check_downgrade(cli_env, capsys):
    assert main(["db", "upgrade"]) == 0
    assert main(["db", "check"]) == 0
    assert "agree" in capsys.readouterr().out
    assert main(["db", "downgrade", "base"]) == 0
    assert main(["db", "upgrade", "head"]) == 0


def test_token_create_list_revoke(cli_env, capsys):
    assert main(["db", "upgrade"]) == 0
    capsys.readouterr()
    assert (
        main(
            [
                "token",
                "create",
                "--role",
                "triager",
                "--repo",
                "acme/web",
                "--repo",
                "acme/api",
                "--name",
                "ci",
            ]
        )
        == 0
    )
    out = capsys.readouterr()
    clear = out.out.strip()
    assert clear.startswith("rvw_") and len(clear) > 40
    assert "not shown again" in out.err
    assert main(["token", "list", "--json"]) == 0
    listed = capsys.readouterr().out
    assert clear not in listed and clear[:12] in listed and "acme/api" in listed
    assert main(["token", "create", "--role", "root"]) == 2
    assert main(["token", "create", "--role", "viewer", "--repo", "../etc"]) == 2
    assert main(["token", "revoke", "ci"]) == 0
    assert main(["token", "revoke", "ci"]) == 2  # no active token by that name any more


def test_serve_refuses_placeholder_secrets_in_production(cli_env, monkeypatch, capsys):
    monkeypatch.setenv("REVIEWER_ENV", "production")
    monkeypatch.setenv("REVIEWER_SECRET_KEY", "changeme")
    assert main(["serve", "--port", "1"]) == 2
    assert "REVIEWER_SECRET_KEY" in capsys.readouterr().err


@pytest.mark.slow
def test_serve_migrates_the_embedded_default_and_answers(tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if not k.startswith("REVIEWER_")}
    env.update({"REVIEWER_DATA_DIR": str(tmp_path / "data"), "REVIEWER_SCANNERS": "reviewer-secrets"})
    proc = subprocess.Popen(
        [sys.executable, "-m", "reviewer", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                ready = httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=2)
                break
            except httpx.HTTPError:
                assert proc.poll() is None, proc.stdout.read().decode()
                assert time.monotonic() < deadline
                time.sleep(0.2)
        assert ready.status_code == 200, ready.text
        assert (tmp_path / "data" / "reviewer.db").exists()
        assert httpx.get(f"http://127.0.0.1:{port}/api/v1/reviews").status_code == 401
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(30)


@pytest.mark.slow
def test_serve_killed_mid_review_finishes_the_review_after_restart(tmp_path, big_diff):
    """The embedded deployment for real: `reviewer serve` is SIGKILLed while reviewing; the
    restarted process picks the review up again and stores one set of findings."""
    import sqlite3

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if not k.startswith("REVIEWER_")}
    env.update(
        {
            "REVIEWER_DATA_DIR": str(tmp_path / "data"),
            "REVIEWER_SCANNERS": "semgrep,bandit,reviewer-secrets",
            # The killed process's lease must run out before the restarted one takes the review
            # over (it cannot tell a dead holder from a live one sooner): keep that wait short.
            "REVIEWER_REVIEW_LEASE_S": "3",
        }
    )
    subprocess.run(
        [sys.executable, "-m", "reviewer", "db", "upgrade"], env=env, check=True, capture_output=True
    )
    token = subprocess.run(
        [sys.executable, "-m", "reviewer", "token", "create", "--role", "triager"],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    db = tmp_path / "data" / "reviewer.db"

    def start():
        proc = subprocess.Popen(
            [sys.executable, "-m", "reviewer", "serve", "--port", str(port)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1)
                return proc
            except httpx.HTTPError:
                assert proc.poll() is None and time.monotonic() < deadline
                time.sleep(0.1)

    def state(review_id):
        with sqlite3.connect(db) as conn:
            status, attempts = conn.execute(
                "SELECT status, attempts FROM reviews WHERE id = ?", (review_id,)
            ).fetchone()
            rows = conn.execute(
                "SELECT rule, path, start_line FROM findings WHERE review_id = ?", (review_id,)
            ).fetchall()
        return status, attempts, rows

    proc = start()
    try:
        r = httpx.post(
            f"http://127.0.0.1:{port}/api/v1/reviews",
            content=big_diff(),
            headers={"Authorization": f"Bearer {token}", "Content-Type": "text/x-diff"},
            timeout=30,
        )
        assert r.status_code == 202, r.text
        review_id = r.json()["id"]
        deadline = time.monotonic() + 60
        while state(review_id)[0] != "running":
            assert time.monotonic() < deadline
            time.sleep(0.02)
        time.sleep(0.3)
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
        assert state(review_id)[:2] == ("running", 1) and not state(review_id)[2]
        proc = start()
        deadline = time.monotonic() + 120
        while state(review_id)[0] == "running":
            assert time.monotonic() < deadline, "the restarted server did not finish the review"
            time.sleep(0.2)
        status, attempts, rows = state(review_id)
        assert (status, attempts) == ("complete", 2)
        assert rows and len(rows) == len(set(rows))
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(30)
