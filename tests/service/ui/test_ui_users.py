"""``reviewer user ...``: local users for the UI; a password change or disabling ends sessions."""

from __future__ import annotations

import io
import sys

import pytest
from ui_helpers import sign_in

from reviewer.cli.main import main

pytestmark = pytest.mark.db


def _run(monkeypatch, db_url, args, stdin=""):
    monkeypatch.setenv("REVIEWER_DATABASE_URL", db_url)
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    return main(args)


def test_user_lifecycle_through_the_cli(monkeypatch, db_url, ui_client, unique_repo):
    name = unique_repo("cli").replace("/", "-")
    repo = unique_repo("acme")
    assert (
        _run(
            monkeypatch,
            db_url,
            ["user", "create", name, "--role", "viewer", "--repo", repo, "--password-stdin"],
            "first-password-123\n",
        )
        == 0
    )
    assert (
        _run(
            monkeypatch,
            db_url,
            ["user", "create", name, "--role", "viewer", "--password-stdin"],
            "first-password-123\n",
        )
        == 2
    )  # exists already
    assert (
        _run(
            monkeypatch,
            db_url,
            ["user", "create", name + "x", "--role", "viewer", "--password-stdin"],
            "short\n",
        )
        == 2
    )  # password policy

    assert sign_in(ui_client, name, "first-password-123").status_code == 303
    assert ui_client.get("/reviews", follow_redirects=False).status_code == 200

    assert (
        _run(monkeypatch, db_url, ["user", "passwd", name, "--password-stdin"], "second-password-456\n") == 0
    )
    assert ui_client.get("/reviews", follow_redirects=False).status_code == 303  # session ended
    assert sign_in(ui_client, name, "first-password-123").status_code == 401
    assert sign_in(ui_client, name, "second-password-456").status_code == 303

    assert _run(monkeypatch, db_url, ["user", "disable", name]) == 0
    assert ui_client.get("/reviews", follow_redirects=False).status_code == 303
    assert sign_in(ui_client, name, "second-password-456").status_code == 401
