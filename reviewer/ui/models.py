"""The UI's one table: server-side sessions, so that signing out really ends a session.

The cookie holds a random 256-bit value; the table holds only its SHA-256, so a database
leak does not hand out live sessions. A session belongs to a local user (password sign-in)
or to an API token (token sign-in); either way the role and repository grants are read from
that principal on every request, so revoking a token or disabling a user ends its sessions.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from reviewer.db.base import Base, BigId, UTCDateTime, utcnow


class UiSession(Base):
    __tablename__ = "ui_sessions"
    __table_args__ = (
        CheckConstraint("(user_id IS NULL) <> (token_id IS NULL)", name="one_principal"),
        Index("ix_ui_sessions_expires_at", "expires_at"),
    )

    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # sha256 hex of the cookie value
    user_id: Mapped[int | None] = mapped_column(BigId, ForeignKey("users.id", ondelete="CASCADE"))
    token_id: Mapped[int | None] = mapped_column(BigId, ForeignKey("api_tokens.id", ondelete="CASCADE"))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_seen_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
