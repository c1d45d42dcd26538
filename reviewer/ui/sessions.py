"""UI sessions: the cookie policy and the data-access functions for ``ui_sessions``.

Functions take ``*, session`` and flush; the route commits. Sessions end after an idle
period or an absolute lifetime, whichever comes first, and at sign-out.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from reviewer.db.base import utcnow
from reviewer.settings import Settings
from reviewer.ui.models import UiSession

IDLE_TIMEOUT = dt.timedelta(hours=2)
ABSOLUTE_LIFETIME = dt.timedelta(hours=12)
TOUCH_EVERY = dt.timedelta(minutes=1)  # write last_seen_at at most this often


@dataclass(frozen=True)
class CookiePolicy:
    """How the session and CSRF cookies are set. Secure everywhere but development."""

    secure: bool
    session_name: str
    csrf_name: str
    samesite: str = "lax"  # lax: a link from a chat or an e-mail still opens the page signed in

    @classmethod
    def from_settings(cls, settings: Settings) -> CookiePolicy:
        secure = settings.env != "development"
        # __Host- cookies must be Secure, host-only and Path=/: a sibling sub-domain cannot set them.
        prefix = "__Host-" if secure else ""
        return cls(
            secure=secure, session_name=f"{prefix}reviewer_session", csrf_name=f"{prefix}reviewer_csrf"
        )

    def cookie_args(self, max_age: int | None) -> dict[str, object]:
        return {
            "max_age": max_age,
            "path": "/",
            "secure": self.secure,
            "httponly": True,
            "samesite": self.samesite,
        }


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


def create(*, session: Session, user_id: int | None = None, token_id: int | None = None) -> str:
    """Start a session for a user or a token; returns the cookie value (shown nowhere else)."""
    if (user_id is None) == (token_id is None):
        raise ValueError("a UI session belongs to exactly one user or one token")
    value = secrets.token_urlsafe(32)
    now = utcnow()
    session.add(
        UiSession(
            id=_digest(value),
            user_id=user_id,
            token_id=token_id,
            created_at=now,
            last_seen_at=now,
            expires_at=now + ABSOLUTE_LIFETIME,
        )
    )
    session.flush()
    return value


def lookup(value: str | None, *, session: Session) -> UiSession | None:
    """The live session for a cookie value, touching its idle clock; None when ended or unknown."""
    if not value or len(value) > 200:
        return None
    row = session.get(UiSession, _digest(value))
    if row is None or row.revoked_at is not None:
        return None
    now = utcnow()
    if now >= row.expires_at or now - row.last_seen_at >= IDLE_TIMEOUT:
        return None
    if now - row.last_seen_at >= TOUCH_EVERY:
        row.last_seen_at = now
        session.flush()
    return row


def revoke(value: str | None, *, session: Session) -> None:
    """End the session for a cookie value (sign-out). Unknown values are ignored."""
    if not value or len(value) > 200:
        return
    row = session.get(UiSession, _digest(value))
    if row is not None and row.revoked_at is None:
        row.revoked_at = utcnow()
        session.flush()


def purge_expired(*, session: Session, before: dt.datetime | None = None) -> int:
    """Delete sessions that ended (expired, idle or signed out) by ``before`` (default: now)."""
    cutoff = before or utcnow()
    ended = select(UiSession.id).where(
        (UiSession.expires_at < cutoff)
        | (UiSession.last_seen_at < cutoff - IDLE_TIMEOUT)
        | UiSession.revoked_at.is_not(None)
    )
    result = session.execute(delete(UiSession).where(UiSession.id.in_(ended)))
    session.flush()
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
