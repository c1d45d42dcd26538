"""The HTTP client against the fake GitHub: retries, rate limits, token refresh, size caps."""

import time

import pytest
from conftest import FAST, PAT, sample_pull

from reviewer.github.auth import GitHubApp, TokenCredentials
from reviewer.github.client import GitHubApiError, GitHubClient, RetryPolicy

REPO = "octo/demo"


@pytest.fixture
def waits():
    return []


@pytest.fixture
def client(fake_github, waits):
    fake_github.add_pull(REPO, sample_pull())

    def sleep(seconds):
        waits.append(seconds)
        time.sleep(seconds)

    with GitHubClient(fake_github.url, TokenCredentials(PAT), FAST, sleep=sleep) as c:
        yield c


def test_get_retries_a_502_then_succeeds(client, fake_github):
    fake_github.fail("GET", r"/pulls/7$", 502)
    pr = client.get_json(f"/repos/{REPO}/pulls/7")
    assert pr["head"]["sha"] == "a" * 40
    assert [r.status for r in fake_github.calls("GET", r"/pulls/7$")] == [502, 200]


def test_gives_up_after_the_attempts_with_an_external_service_error(client, fake_github):
    fake_github.fail("GET", r"/pulls/7$", 503, times=10)
    with pytest.raises(GitHubApiError) as info:
        client.get_json(f"/repos/{REPO}/pulls/7")
    assert info.value.status == 503
    assert info.value.http_status == 502
    assert len(fake_github.calls("GET", r"/pulls/7$")) == FAST.attempts


def test_secondary_rate_limit_403_waits_for_retry_after(client, fake_github, waits):
    fake_github.fail(
        "GET",
        r"/pulls/7$",
        403,
        headers={"Retry-After": "7"},
        body={"message": "You have exceeded a secondary rate limit."},
    )
    client.get_json(f"/repos/{REPO}/pulls/7")
    assert waits == [pytest.approx(7 * FAST.wait_scale)]


def test_429_with_ratelimit_reset_waits_until_the_reset(client, fake_github, waits):
    reset = int(time.time()) + 5
    fake_github.fail(
        "GET", r"/pulls/7$", 429, headers={"x-ratelimit-remaining": "0", "x-ratelimit-reset": str(reset)}
    )
    client.get_json(f"/repos/{REPO}/pulls/7")
    assert len(waits) == 1
    assert 3 * FAST.wait_scale <= waits[0] <= 7 * FAST.wait_scale


def test_secondary_limit_without_headers_waits_a_minute(client, fake_github, waits):
    fake_github.fail("GET", r"/pulls/7$", 403, body={"message": "You have exceeded a secondary rate limit"})
    client.get_json(f"/repos/{REPO}/pulls/7")
    assert waits == [pytest.approx(60 * FAST.wait_scale)]


def test_a_wait_longer_than_the_cap_gives_up_at_once(fake_github, waits):
    fake_github.add_pull(REPO, sample_pull())
    fake_github.fail("GET", r"/pulls/7$", 429, headers={"Retry-After": "3600"})
    policy = RetryPolicy(attempts=3, max_wait_s=60, wait_scale=0.01)
    with (
        GitHubClient(fake_github.url, TokenCredentials(PAT), policy, sleep=waits.append) as c,
        pytest.raises(GitHubApiError, match="rate limit"),
    ):
        c.get_json(f"/repos/{REPO}/pulls/7")
    assert waits == []
    assert len(fake_github.calls("GET", r"/pulls/7$")) == 1


def test_plain_403_and_404_are_not_retried(client, fake_github):
    fake_github.fail("GET", r"/pulls/7$", 403, body={"message": "Resource not accessible by integration"})
    with pytest.raises(GitHubApiError) as info:
        client.get_json(f"/repos/{REPO}/pulls/7")
    assert info.value.status == 403
    with pytest.raises(GitHubApiError) as info:
        client.get_json(f"/repos/{REPO}/pulls/99")
    assert info.value.status == 404
    assert len(fake_github.calls("GET", r"/pulls/")) == 2


def test_timeout_is_retried(fake_github):
    fake_github.add_pull(REPO, sample_pull())
    fake_github.fail("GET", r"/pulls/7$", 200, delay_s=1.0)
    policy = RetryPolicy(attempts=3, wait_scale=0.01, timeout_s=0.3)
    with GitHubClient(fake_github.url, TokenCredentials(PAT), policy) as c:
        assert c.get_json(f"/repos/{REPO}/pulls/7")["number"] == 7
    assert len(fake_github.calls("GET", r"/pulls/7$")) == 2


def test_post_5xx_is_not_resent_without_a_recover_check(client, fake_github):
    fake_github.fail("POST", r"/check-runs$", 502)
    with pytest.raises(GitHubApiError):
        client.request("POST", f"/repos/{REPO}/check-runs", json_body={"name": "x", "head_sha": "a" * 40})
    assert len(fake_github.calls("POST", r"/check-runs$")) == 1


def test_post_5xx_with_recover_looks_before_resending(client, fake_github):
    fake_github.fail("POST", r"/check-runs$", 502)
    looked = []

    def recover():
        looked.append(True)
        return None

    resp = client.request(
        "POST", f"/repos/{REPO}/check-runs", json_body={"name": "x", "head_sha": "a" * 40}, recover=recover
    )
    assert resp.status == 201
    assert looked == [True]
    assert len(fake_github.repo(REPO).check_runs) == 1


def test_max_bytes_truncates_the_body(client):
    resp = client.request(
        "GET",
        f"/repos/{REPO}/contents/app/run.py",
        params={"ref": "a" * 40},
        accept="application/vnd.github.raw",
        max_bytes=10,
    )
    assert resp.truncated
    assert len(resp.content) == 10


def test_pagination_follows_link_headers(client, fake_github):
    comments = fake_github.repo(REPO).comments
    for i in range(250):
        comments[i + 1] = {"id": i + 1, "body": f"c{i}", "issue": 7}
    items = list(client.paginate(f"/repos/{REPO}/issues/7/comments"))
    assert [c["id"] for c in items] == list(range(1, 251))
    assert len(fake_github.calls("GET", r"/issues/7/comments$")) == 3


def test_app_token_is_cached_and_refreshed_on_401(fake_github, app_key):
    fake_github.add_pull(REPO, sample_pull())
    app = GitHubApp(app_id="4242", private_key=app_key[0], api_url=fake_github.url, policy=FAST)
    with GitHubClient(fake_github.url, app.credentials(99), FAST) as c:
        c.get_json(f"/repos/{REPO}/pulls/7")
        c.get_json(f"/repos/{REPO}/pulls/7")
        assert len(fake_github.tokens_issued) == 1  # cached
        exchange = fake_github.calls("POST", r"/app/installations/99/access_tokens")[0]
        assert exchange.headers["Authorization"].startswith("Bearer ey")  # a JWT, not a token
        fake_github.expire_tokens()
        c.get_json(f"/repos/{REPO}/pulls/7")
    assert len(fake_github.tokens_issued) == 2
    statuses = [r.status for r in fake_github.calls("GET", r"/pulls/7$")]
    assert statuses == [200, 200, 401, 200]


def test_app_token_is_renewed_shortly_before_expiry(fake_github, app_key):
    fake_github.add_pull(REPO, sample_pull())
    fake_github.token_lifetime_s = 200  # inside the 5-minute margin: never served from cache
    app = GitHubApp(app_id="4242", private_key=app_key[0], api_url=fake_github.url, policy=FAST)
    assert app.installation_token(5) != app.installation_token(5)
    fake_github.token_lifetime_s = 3600
    first = app.installation_token(6)
    assert app.installation_token(6) == first


def test_wrong_app_key_is_an_error_not_a_hang(fake_github):
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    other = (
        rsa.generate_private_key(public_exponent=65537, key_size=2048)
        .private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
        .decode()
    )
    app = GitHubApp(app_id="4242", private_key=other, api_url=fake_github.url, policy=FAST)
    with pytest.raises(GitHubApiError) as info:
        app.installation_token(1)
    assert info.value.status == 401


def test_token_is_not_in_repr():
    assert PAT not in repr(TokenCredentials(PAT))


def test_app_jwt_claims(app_key):
    import jwt as pyjwt

    from reviewer.github.auth import AppJwtCredentials

    creds = AppJwtCredentials("4242", app_key[0], clock=lambda: 1_700_000_000.0)
    token = creds.authorization().removeprefix("Bearer ")
    assert pyjwt.get_unverified_header(token)["alg"] == "RS256"
    claims = pyjwt.decode(
        token, app_key[1], algorithms=["RS256"], options={"verify_exp": False, "verify_iat": False}
    )
    assert claims["iss"] == "4242"
    assert claims["iat"] == 1_700_000_000 - 60  # tolerates GitHub's clock running ahead
    assert claims["exp"] - claims["iat"] <= 600  # GitHub's maximum lifetime


def test_private_key_from_text_escapes_or_file(app_key, tmp_path):
    from reviewer.errors import ConfigError
    from reviewer.github.auth import load_private_key

    pem = app_key[0]
    assert load_private_key(pem) == pem.strip()
    assert load_private_key(pem.strip().replace("\n", "\\n")) == pem.strip()
    path = tmp_path / "app.pem"
    path.write_text(pem)
    assert load_private_key(str(path)) == pem
    with pytest.raises(ConfigError):
        load_private_key("")
    with pytest.raises(ConfigError):
        load_private_key(str(tmp_path / "missing.pem"))


def test_ghes_base_url_with_a_path(fake_github):
    """GitHub Enterprise Server serves the API under /api/v3: paths are joined below it."""
    from reviewer.github.client import GitHubClient

    ghes = fake_github.url + "/api/v3"
    with GitHubClient(ghes, TokenCredentials(PAT), FAST) as c, pytest.raises(GitHubApiError):
        c.get_json(f"/repos/{REPO}/pulls/7")
    assert fake_github.requests[-1].path == f"/api/v3/repos/{REPO}/pulls/7"


def test_rate_limit_header_forms():
    from email.utils import formatdate

    from reviewer.github.ratelimit import is_rate_limited, wait_seconds

    now = 1_700_000_000.0
    assert wait_seconds({"retry-after": "30"}, now) == 30
    assert wait_seconds({"retry-after": formatdate(now + 45, usegmt=True)}, now) == pytest.approx(45, abs=1)
    assert wait_seconds({"retry-after": "soon-ish"}, now) == 60  # unreadable: GitHub's one minute
    assert wait_seconds({"x-ratelimit-remaining": "0", "x-ratelimit-reset": str(int(now) + 10)}, now) == 11
    assert wait_seconds({}, now) == 60
    assert is_rate_limited(429, {}, "")
    assert is_rate_limited(403, {"retry-after": "1"}, "")
    assert is_rate_limited(403, {}, "You have exceeded a secondary rate limit")
    assert not is_rate_limited(403, {}, "Resource not accessible by integration")
    assert not is_rate_limited(500, {"retry-after": "1"}, "")
