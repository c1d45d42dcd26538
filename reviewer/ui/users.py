"""Local UI users: create, change password, disable. Functions flush; the caller commits.

Users live in the service's ``users`` table (``reviewer.db.models.User``); this module only
adds what the UI needs: a scrypt password hash and per-repository grants.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from reviewer.auth.principal import Role
from reviewer.db.base import utcnow
from reviewer.db.models import RepositoryGrant, User
from reviewer.errors import Conflict, NotFound
from reviewer.ui import passwords
from reviewer.ui.models import UiSession


def find(name: str, *, session: Session) -> User:
    user = session.scalar(select(User).where(User.name == name))
    if user is None:
        raise NotFound(f"no user named {name!r}")
    return user


def create(
    name: str,
    role: Role,
    password: str,
    repositories: Sequence[str] = (),
    *,
    session: Session,
    display_name: str = "",
) -> User:
    """A new user; without ``repositories`` the user sees every repository."""
    if session.scalar(select(User.id).where(User.name == name)) is not None:
        raise Conflict(f"user {name!r} already exists")
    user = User(
        name=name, display_name=display_name or name, role=role.label,
        password_hash=passwords.hash_password(password), all_repositories=not repositories,
        disabled=False, created_at=utcnow(),
    )  # fmt: skip
    session.add(user)
    session.flush()
    session.add_all(RepositoryGrant(user_id=user.id, repository=r) for r in sorted(set(repositories)))
    session.flush()
    return user


def end_sessions(user: User, *, session: Session) -> None:
    """Sign the user out everywhere (after a password change or when disabling)."""
    session.execute(
        update(UiSession)
        .where(UiSession.user_id == user.id, UiSession.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )
    session.flush()


def set_password(name: str, password: str, *, session: Session) -> User:
    user = find(name, session=session)
    user.password_hash = passwords.hash_password(password)
    end_sessions(user, session=session)
    return user


def disable(name: str, *, session: Session) -> User:
    user = find(name, session=session)
    user.disabled = True
    end_sessions(user, session=session)
    return user
