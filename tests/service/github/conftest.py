"""Fixtures for the GitHub integration: the fake API on loopback, an App key pair, a sample PR."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from fake_github import FakeGitHub, PullRequestState

from reviewer.github.auth import TokenCredentials
from reviewer.github.client import GitHubClient, RetryPolicy

FIXTURES = Path(__file__).parent / "fixtures"
PAT = "ghp_test_token_for_the_fake_api_0001"
HEAD_SHA = "a" * 40
BASE_SHA = "b" * 40
# Fast retries: every wait shrinks a hundredfold, so a "retry-after: 1" waits 10 ms.
FAST = RetryPolicy(
    attempts=4, backoff_base_s=0.5, backoff_max_s=2.0, max_wait_s=120.0, wait_scale=0.01, timeout_s=5
)

APP_PY = """import subprocess


def run(user_input):
    subprocess.call("ls " + user_input, shell=True)


AWS_SECRET_ACCESS_KEY = "{secret}"
"""
SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzq9a8QwErT"


def load_fixture(name: str) -> dict[str, Any]:
    return json.loads((FIXTURES / name).read_text())


def diff_for(files: dict[str, str]) -> str:
    """A ``git diff`` adding each file whole (what GitHub's diff media type returns)."""
    parts = []
    for path, text in files.items():
        lines = text.splitlines()
        parts.append(
            f"diff --git a/{path} b/{path}\nnew file mode 100644\nindex 0000000..1111111\n"
            f"--- /dev/null\n+++ b/{path}\n@@ -0,0 +1,{len(lines)} @@\n" + "".join(f"+{ln}\n" for ln in lines)
        )
    return "".join(parts)


def sample_pull(
    number: int = 7, head_sha: str = HEAD_SHA, files: dict[str, str] | None = None
) -> PullRequestState:
    files = files if files is not None else {"app/run.py": APP_PY.format(secret=SECRET)}
    return PullRequestState(
        number=number,
        head_sha=head_sha,
        base_sha=BASE_SHA,
        diff=diff_for(files),
        files={p: t.encode() for p, t in files.items()},
    )


@pytest.fixture(scope="session")
def app_key() -> tuple[str, str]:
    """(private PEM, public PEM) for a GitHub App."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    public = (
        key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )
    return private, public


@pytest.fixture
def fake_github(app_key: tuple[str, str]) -> Iterator[FakeGitHub]:
    fake = FakeGitHub(app_id="4242", public_key=app_key[1], pat=PAT).start()
    try:
        yield fake
    finally:
        fake.stop()


@pytest.fixture
def pat_client(fake_github: FakeGitHub) -> Iterator[GitHubClient]:
    with GitHubClient(fake_github.url, TokenCredentials(PAT), FAST) as client:
        yield client


WEBHOOK_SECRET = "whsec-test-3f0c9a7d1e5b4c2a"


@pytest.fixture
def gh_overrides() -> dict[str, Any]:
    """Extra settings for one test: ``@pytest.mark.parametrize("gh_overrides", [{...}])``."""
    return {}


@pytest.fixture
def gh_settings(
    service_settings: Any, fake_github: FakeGitHub, app_key: tuple[str, str], gh_overrides: dict[str, Any]
) -> Any:
    """The service's test settings plus a GitHub App pointed at the fake API, with fast retries."""
    return service_settings.model_copy(
        update={
            "github_webhook_secret": WEBHOOK_SECRET,
            "github_api_url": fake_github.url,
            "github_app_id": "4242",
            "github_app_private_key": app_key[0],
            "github_token": "",
            "github_wait_scale": 0.01,
            "github_retry_attempts": 3,
            "base_url": "http://reviewer.test",
            **gh_overrides,
        }
    )


@pytest.fixture
def gh_app(gh_settings: Any, db_url: str) -> Iterator[Any]:
    """The real app (create_app) on the session's database; its lifespan is running."""
    from fastapi.testclient import TestClient

    from reviewer.api.app import create_app
    from reviewer.db.engine import engine_for_url
    from reviewer.service.runtime import build_runtime

    runtime = build_runtime(gh_settings, engine=engine_for_url(db_url))
    app = create_app(gh_settings, runtime=runtime)
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client
    runtime.close()


def signed_post(
    client: Any,
    event: str,
    payload: dict[str, Any] | bytes,
    *,
    delivery: str | None = None,
    secret: str | None = WEBHOOK_SECRET,
    signature: str | None = None,
) -> Any:
    import uuid

    from reviewer.github.signature import sign

    body = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
    headers = {
        "X-GitHub-Event": event,
        "X-GitHub-Delivery": delivery or str(uuid.uuid4()),
        "Content-Type": "application/json",
        "User-Agent": "GitHub-Hookshot/abc123",
    }
    if signature is not None:
        headers["X-Hub-Signature-256"] = signature
    elif secret is not None:
        headers["X-Hub-Signature-256"] = sign(secret, body)
    return client.post("/webhooks/github", content=body, headers=headers)


def pr_event(
    repo: str,
    *,
    action: str = "opened",
    head_sha: str = HEAD_SHA,
    number: int = 7,
    installation: int | None = 99,
    draft: bool = False,
) -> dict[str, Any]:
    """The documented ``pull_request`` example, pointed at ``repo`` and ``head_sha``."""
    payload = load_fixture("pull_request_opened.json")
    owner, name = repo.split("/")
    payload["action"] = action
    payload["number"] = number
    pr = payload["pull_request"]
    pr["number"] = number
    pr["draft"] = draft
    pr["head"]["sha"] = head_sha
    for side in ("head", "base"):
        pr[side]["repo"].update(name=name, full_name=repo)
    payload["repository"].update(name=name, full_name=repo)
    payload["repository"]["owner"]["login"] = owner
    if installation is None:
        payload.pop("installation")
    else:
        payload["installation"]["id"] = installation
    return payload


def wait_idle(client: Any, timeout_s: float = 60.0) -> None:
    assert client.app.state.github_runner.wait_idle(timeout_s), "GitHub jobs still running"
