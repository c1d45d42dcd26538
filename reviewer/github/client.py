"""HTTP client for GitHub's REST API: retries, rate limits, token refresh, size caps.

* 5xx answers, time-outs and connection errors are retried with jittered exponential backoff;
* 403/429 rate-limit answers wait as GitHub asks (``reviewer.github.ratelimit``), capped by
  ``RetryPolicy.max_wait_s``: a longer wait gives up instead of holding a worker;
* 401 asks the credentials to refresh (a new installation token) and tries once more;
* a POST that may have been applied before its answer was lost is re-sent only after its
  ``recover`` callback found nothing, so a retry never creates a second check run or comment.
"""

from __future__ import annotations

import json
import logging
import random
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol

import httpx
from tenacity import RetryCallState, Retrying, retry_if_exception_type, stop_after_attempt

from reviewer import __version__
from reviewer.errors import ExternalServiceError
from reviewer.github.ratelimit import is_rate_limited, wait_seconds

log = logging.getLogger(__name__)

JSON_ACCEPT = "application/vnd.github+json"
API_VERSION = "2022-11-28"
_IDEMPOTENT = frozenset({"GET", "HEAD", "PUT", "PATCH", "DELETE", "OPTIONS"})


class Credentials(Protocol):
    """Something that yields an ``Authorization`` header value and can be refreshed after a 401."""

    def authorization(self) -> str: ...

    def refresh(self) -> None: ...


@dataclass(frozen=True)
class RetryPolicy:
    """How hard to try. ``wait_scale`` shrinks every wait (tests use a small one)."""

    attempts: int = 5
    backoff_base_s: float = 1.0
    backoff_max_s: float = 30.0
    max_wait_s: float = 120.0  # a rate-limit wait longer than this gives up instead
    wait_scale: float = 1.0
    timeout_s: float = 30.0


class GitHubApiError(ExternalServiceError):
    """GitHub answered with an error (after retries, where retrying made sense)."""

    def __init__(self, message: str, *, status: int | None = None, body: str = "") -> None:
        super().__init__(message)
        self.status = status
        self.body = body


@dataclass(frozen=True)
class ApiResponse:
    status: int
    headers: httpx.Headers
    content: bytes
    truncated: bool = False  # the body was cut at ``max_bytes``

    def json(self) -> Any:
        return json.loads(self.content)

    @property
    def text(self) -> str:
        return self.content.decode("utf-8", "replace")


@dataclass
class _Retry(Exception):
    """Internal: this attempt failed in a way worth another try, after ``wait_s`` if set."""

    reason: str
    wait_s: float | None = None
    response: ApiResponse | None = None


@dataclass
class GitHubClient:
    """A small synchronous client; one per job or per request, sharing Credentials."""

    base_url: str
    credentials: Credentials
    policy: RetryPolicy = field(default_factory=RetryPolicy)
    transport: httpx.BaseTransport | None = None
    sleep: Callable[[float], None] = time.sleep
    _http: httpx.Client | None = field(default=None, init=False, repr=False)

    def _client(self) -> httpx.Client:
        if self._http is None:
            self._http = httpx.Client(
                base_url=self.base_url.rstrip("/"),
                timeout=self.policy.timeout_s,
                transport=self.transport,
                headers={"User-Agent": f"reviewer/{__version__}", "X-GitHub-Api-Version": API_VERSION},
                follow_redirects=True,
            )
        return self._http

    def close(self) -> None:
        if self._http is not None:
            self._http.close()
            self._http = None

    def __enter__(self) -> GitHubClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- requests -----------------------------------------------------------------------

    def request(
        self,
        method: str,
        path: str,
        *,
        json_body: Any = None,
        params: dict[str, Any] | None = None,
        accept: str = JSON_ACCEPT,
        max_bytes: int | None = None,
        ok: tuple[int, ...] = (),
        recover: Callable[[], ApiResponse | None] | None = None,
    ) -> ApiResponse:
        """Send one API request with retries; return the 2xx answer (or one listed in ``ok``).

        ``max_bytes`` streams the body and stops reading past it (``truncated`` is then set).
        """
        method = method.upper()
        idempotent = method in _IDEMPOTENT
        state = {"refreshed": False, "sent": False}

        def attempt() -> ApiResponse:
            if state["sent"] and not idempotent and recover is not None:
                found = recover()
                if found is not None:
                    return found
            state["sent"] = True
            resp = self._send_once(method, path, json_body, params, accept, max_bytes, idempotent, recover)
            if resp.status < 300 or resp.status in ok:
                return resp
            if resp.status == 401 and not state["refreshed"]:
                state["refreshed"] = True
                self.credentials.refresh()
                raise _Retry("401: token refreshed", wait_s=0.0)
            if is_rate_limited(resp.status, resp.headers, resp.text):
                wait = wait_seconds(resp.headers, time.time())
                if wait > self.policy.max_wait_s:
                    raise GitHubApiError(
                        f"GitHub rate limit: asked to wait {wait:.0f}s"
                        f" (more than {self.policy.max_wait_s:.0f}s)",
                        status=resp.status,
                    )
                raise _Retry(f"{resp.status}: rate limited", wait_s=wait, response=resp)
            if resp.status >= 500 and (idempotent or recover is not None):
                raise _Retry(f"{resp.status}: server error", response=resp)
            raise GitHubApiError(
                f"GitHub {method} {path} answered {resp.status}: {_error_message(resp)}",
                status=resp.status,
                body=resp.text[:2000],
            )

        retrying = Retrying(
            stop=stop_after_attempt(self.policy.attempts),
            wait=self._wait,
            retry=retry_if_exception_type(_Retry),
            sleep=self.sleep,
            before_sleep=lambda rs: log.warning(
                "github %s %s: %s; retrying", method, path, rs.outcome.exception() if rs.outcome else "?"
            ),
            reraise=True,
        )
        try:
            return retrying(attempt)
        except _Retry as exc:
            status = exc.response.status if exc.response is not None else None
            raise GitHubApiError(
                f"GitHub {method} {path} failed after {self.policy.attempts} attempts: {exc.reason}",
                status=status,
            ) from None

    def _send_once(
        self,
        method: str,
        path: str,
        json_body: Any,
        params: dict[str, Any] | None,
        accept: str,
        max_bytes: int | None,
        idempotent: bool,
        recover: Callable[[], ApiResponse | None] | None,
    ) -> ApiResponse:
        client = self._client()
        headers = {"Accept": accept, "Authorization": self.credentials.authorization()}
        request = client.build_request(method, path, json=json_body, params=params, headers=headers)
        try:
            response = client.send(request, stream=True)
        except httpx.ConnectError as exc:  # nothing reached GitHub: always safe to re-send
            raise _Retry(f"connection failed: {exc}") from None
        except httpx.TransportError as exc:  # includes time-outs: the request may have landed
            if idempotent or recover is not None:
                raise _Retry(f"{type(exc).__name__}: {exc}") from None
            raise GitHubApiError(f"GitHub {method} {path}: {type(exc).__name__}: {exc}") from None
        try:
            chunks: list[bytes] = []
            size = 0
            truncated = False
            try:
                for chunk in response.iter_bytes():
                    chunks.append(chunk)
                    size += len(chunk)
                    if max_bytes is not None and size > max_bytes:
                        truncated = True
                        break
            except httpx.TransportError as exc:
                raise _Retry(f"reading the answer failed: {exc}") from None
            content = b"".join(chunks)
            if truncated and max_bytes is not None:
                content = content[:max_bytes]
            return ApiResponse(response.status_code, response.headers, content, truncated)
        finally:
            response.close()

    def _wait(self, rs: RetryCallState) -> float:
        exc = rs.outcome.exception() if rs.outcome else None
        if isinstance(exc, _Retry) and exc.wait_s is not None:
            wait = exc.wait_s
        else:
            exponential = self.policy.backoff_base_s * 2 ** (rs.attempt_number - 1)
            ceiling = min(self.policy.backoff_max_s, exponential)
            wait = random.uniform(ceiling / 2, ceiling)  # jitter: replicas do not retry in step
        return wait * self.policy.wait_scale

    # -- conveniences --------------------------------------------------------------------

    def get_json(self, path: str, params: dict[str, Any] | None = None) -> Any:
        return self.request("GET", path, params=params).json()

    def paginate(
        self, path: str, params: dict[str, Any] | None = None, *, max_pages: int = 30
    ) -> Iterator[Any]:
        """Yield the items of a list endpoint, following ``Link: rel="next"``."""
        url: str | None = path
        query: dict[str, Any] | None = {"per_page": 100, **(params or {})}
        for _ in range(max_pages):
            if url is None:
                return
            resp = self.request("GET", url, params=query)
            data = resp.json()
            items = (
                data
                if isinstance(data, list)
                else next((v for v in data.values() if isinstance(v, list)), [])
            )
            yield from items
            url = _next_link(resp.headers.get("link", ""))
            if (
                url is not None
                and url.startswith(("http://", "https://"))
                and not url.startswith(self.base_url.rstrip("/") + "/")
            ):
                # never send our token to a host other than the configured API
                raise GitHubApiError(f"refusing to follow a pagination link off the API host: {url[:100]}")
            query = None  # the next link carries its own query string


def _next_link(link: str) -> str | None:
    for part in link.split(","):
        section = part.split(";")
        if len(section) < 2:
            continue
        if any(s.strip() == 'rel="next"' for s in section[1:]):
            return section[0].strip().strip("<>")
    return None


def _error_message(resp: ApiResponse) -> str:
    try:
        data = resp.json()
    except ValueError:
        return resp.text[:200]
    if isinstance(data, dict):
        return str(data.get("message", ""))[:200]
    return ""
