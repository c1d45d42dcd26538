"""UI fixtures on top of tests/service/conftest.py: users with passwords, a signed-in client,
and a review seeded through the real API with a SQL injection and a hard-coded key."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from ui_helpers import PASSWORD, SEED_DIFF

from reviewer.ui.passwords import hash_password


@dataclass(frozen=True)
class Seeded:
    review_id: str
    repository: str
    token: str


@pytest.fixture
def ui_client(app: Any) -> Iterator[Any]:
    """A TestClient on https, so Secure (``__Host-``) cookies are kept as a browser would."""
    from fastapi.testclient import TestClient

    with TestClient(app, base_url="https://testserver", raise_server_exceptions=False) as c:
        yield c


@pytest.fixture
def make_user(runtime: Any, unique_repo: Callable[..., str]) -> Callable[..., str]:
    """make_user(role, repos=(), all_repositories=False) -> a new user name (password PASSWORD)."""
    from reviewer.db.models import RepositoryGrant, User

    def make(role: str = "triager", repos: tuple[str, ...] = (), all_repositories: bool = False) -> str:
        name = unique_repo("u").replace("/", "-")
        with runtime.sessions.begin() as s:
            user = User(
                name=name,
                display_name=name,
                role=role,
                password_hash=hash_password(PASSWORD),
                all_repositories=all_repositories,
                disabled=False,
            )
            s.add(user)
            s.flush()
            s.add_all(RepositoryGrant(user_id=user.id, repository=r) for r in repos)
        return name

    return make


@pytest.fixture
def seeded(
    ui_client: Any,
    make_token: Callable[..., str],
    auth: Callable[[str], dict[str, str]],
    unique_repo: Callable[..., str],
) -> Seeded:
    repo = unique_repo("acme")
    token = make_token("triager", [repo], name="seeder")
    response = ui_client.post(
        "/api/v1/reviews?wait=true",
        json={
            "diff": SEED_DIFF,
            "repository": repo,
            "pull_request": 42,
            "head_sha": "c0ffee1234567890",
            "title": "Add user lookup",
        },
        headers=auth(token),
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["status"] in ("complete", "partial"), body
    return Seeded(body["id"], repo, token)
