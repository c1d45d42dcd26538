"""Data access for API tokens and their repository grants. Functions flush; callers commit."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from reviewer.db.base import utcnow
from reviewer.db.models import ApiToken, RepositoryGrant
from reviewer.errors import NotFound


def add_token(token: ApiToken, repositories: Sequence[str], *, session: Session) -> ApiToken:
    token.grants = [RepositoryGrant(repository=r) for r in sorted(set(repositories))]
    session.add(token)
    session.flush()
    return token


def find_by_hash(token_hash: str, *, session: Session) -> ApiToken | None:
    stmt = select(ApiToken).where(ApiToken.token_hash == token_hash).options(joinedload(ApiToken.grants))
    return session.scalars(stmt).unique().first()


def list_tokens(*, session: Session, include_revoked: bool = False) -> Sequence[ApiToken]:
    stmt = select(ApiToken).order_by(ApiToken.id)
    if not include_revoked:
        stmt = stmt.where(ApiToken.revoked_at.is_(None))
    return session.scalars(stmt).all()


def revoke(token_ref: str, *, session: Session) -> ApiToken:
    """Revoke by id, name or prefix (a name or prefix must match exactly one active token)."""
    stmt = select(ApiToken).where(ApiToken.revoked_at.is_(None))
    if token_ref.isdigit():
        matches = session.scalars(stmt.where(ApiToken.id == int(token_ref))).all()
    else:
        matches = session.scalars(
            stmt.where((ApiToken.name == token_ref) | (ApiToken.prefix == token_ref))
        ).all()
    if not matches:
        raise NotFound(f"no active token {token_ref!r}")
    if len(matches) > 1:
        raise NotFound(f"{token_ref!r} matches {len(matches)} tokens; revoke by id")
    token = matches[0]
    token.revoked_at = utcnow()
    session.flush()
    return token
