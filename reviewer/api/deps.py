"""FastAPI dependencies: a database session per request, the authenticated caller, roles."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from fastapi import Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session

from reviewer.auth.principal import Principal, Role
from reviewer.auth.tokens import authenticate, hash_token
from reviewer.errors import AuthError
from reviewer.service.runtime import Runtime

bearer = HTTPBearer(auto_error=False, description="API token: `reviewer token create --role ROLE`")


def runtime(request: Request) -> Runtime:
    return request.app.state.runtime  # type: ignore[no-any-return]


def session(request: Request) -> Iterator[Session]:
    """One session per request; the route commits (once) if it writes."""
    with request.app.state.runtime.sessions() as s:
        yield s


async def principal(
    request: Request, credentials: HTTPAuthorizationCredentials | None = Depends(bearer)
) -> Principal:
    """The caller from ``Authorization: Bearer <token>``: 401 when missing or invalid, 429 over the limit.

    Async so that a cached token costs no thread hop; a lookup runs in the thread pool."""
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise AuthError("missing bearer token")
    cache = request.app.state.principal_cache
    key = hash_token(credentials.credentials)
    who = cache.get(key)
    if who is None:  # the lookup blocks on the database: off the event loop
        who = await run_in_threadpool(_authenticate, request, credentials.credentials)
        cache.put(key, who)
    request.app.state.rate_limiter.hit(f"token:{who.token_id}")  # memory, or one Redis round trip
    request.state.principal = who
    return who


def _authenticate(request: Request, clear: str) -> Principal:
    with request.app.state.runtime.sessions.begin() as s:  # commits last_used_at
        return authenticate(clear, session=s)


def require(role: Role) -> Callable[..., Any]:
    """Dependency: the caller, who must hold at least ``role`` (403 otherwise)."""

    async def dependency(who: Principal = Depends(principal)) -> Principal:
        who.require(role)
        return who

    dependency.__name__ = f"require_{role.label}"
    return dependency
