"""Who may call the service: users, API tokens (hashed) and per-repository grants.

A token is stored as the SHA-256 of its random value plus a short prefix to recognise it; the
clear value is shown once at creation. A token or user with ``all_repositories`` sees every
repository; otherwise only those with a grant row. Grants name the repository by
``owner/name`` so they can precede the repository's first review.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from reviewer.db.base import Base, BigId, UTCDateTime, utcnow


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    display_name: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[str] = mapped_column(String(16), default="viewer")
    password_hash: Mapped[str | None] = mapped_column(String(300))  # for UI sign-in; None = tokens only
    all_repositories: Mapped[bool] = mapped_column(Boolean, default=False)
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class ApiToken(Base):
    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    prefix: Mapped[str] = mapped_column(String(16))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[str] = mapped_column(String(16))
    all_repositories: Mapped[bool] = mapped_column(Boolean, default=False)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_used_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)

    grants: Mapped[list[RepositoryGrant]] = relationship(
        back_populates="token", cascade="all, delete-orphan", lazy="selectin"
    )

    @property
    def active(self) -> bool:
        return self.revoked_at is None


class RepositoryGrant(Base):
    __tablename__ = "repository_grants"
    __table_args__ = (
        UniqueConstraint("token_id", "repository"),
        UniqueConstraint("user_id", "repository"),
        CheckConstraint("(token_id IS NULL) <> (user_id IS NULL)", name="one_holder"),
        Index("ix_repository_grants_repository", "repository"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    token_id: Mapped[int | None] = mapped_column(ForeignKey("api_tokens.id", ondelete="CASCADE"))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    repository: Mapped[str] = mapped_column(String(200))  # owner/name
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    token: Mapped[ApiToken | None] = relationship(back_populates="grants")
