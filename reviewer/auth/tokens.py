"""API tokens: random, shown once, stored as a SHA-256 hash with a short recognisable prefix.

A token is ``rvw_`` + 32 random bytes (url-safe base64). SHA-256 (not a slow password hash) is
right here: the value is high-entropy, so brute force is hopeless and every request can afford
to check it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Sequence

from sqlalchemy.orm import Session

from reviewer.auth.principal import Principal, Role
from reviewer.db import token_store
from reviewer.db.base import utcnow
from reviewer.db.models import ApiToken
from reviewer.errors import AuthError

TOKEN_PREFIX = "rvw_"  # noqa: S105 - a public marker, not a secret
SHOWN_PREFIX_CHARS = 12
LAST_USED_RESOLUTION = dt.timedelta(minutes=1)  # don't write on every request


def hash_token(clear: str) -> str:
    return hashlib.sha256(clear.encode("utf-8")).hexdigest()


def create_token(
    name: str,
    role: Role,
    repositories: Sequence[str] = (),
    *,
    session: Session,
    all_repositories: bool = False,
) -> tuple[ApiToken, str]:
    """Create a token; returns the row and the clear value (show it once, never store it)."""
    clear = TOKEN_PREFIX + secrets.token_urlsafe(32)
    row = ApiToken(
        name=name,
        prefix=clear[:SHOWN_PREFIX_CHARS],
        token_hash=hash_token(clear),
        role=role.label,
        all_repositories=all_repositories or not repositories,
        created_at=utcnow(),
    )
    return token_store.add_token(row, repositories, session=session), clear


def principal_of(token: ApiToken) -> Principal:
    repos = None if token.all_repositories else frozenset(g.repository for g in token.grants)
    return Principal(
        name=f"token:{token.name}",
        role=Role.parse(token.role),
        repositories=repos,
        token_id=token.id,
        user_id=token.user_id,
    )


def authenticate(clear: str, *, session: Session) -> Principal:
    """The caller for a bearer token, or AuthError (401) when it is unknown or revoked."""
    if not clear.startswith(TOKEN_PREFIX) or len(clear) > 200:
        raise AuthError("invalid token")
    token = token_store.find_by_hash(hash_token(clear), session=session)
    if token is None or not token.active:
        raise AuthError("invalid or revoked token")
    now = utcnow()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
        token.last_used_at = now
        session.flush()
    return principal_of(token)
