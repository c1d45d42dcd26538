"""Server-side UI sessions: idle and absolute expiry, revocation, purge; only hashes are stored."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from reviewer.db.base import utcnow
from reviewer.db.models import User
from reviewer.ui import sessions
from reviewer.ui.models import UiSession

pytestmark = pytest.mark.db


@pytest.fixture
def user_id(db_session):
    user = User(
        name="session-user",
        display_name="",
        role="viewer",
        password_hash=None,
        all_repositories=True,
        disabled=False,
    )
    db_session.add(user)
    db_session.flush()
    return user.id


def test_cookie_value_is_not_stored(db_session, user_id):
    value = sessions.create(session=db_session, user_id=user_id)
    ids = list(db_session.scalars(select(UiSession.id).where(UiSession.user_id == user_id)))
    assert value not in ids and len(ids) == 1 and len(ids[0]) == 64
    assert sessions.lookup(value, session=db_session).user_id == user_id
    assert sessions.lookup(value + "x", session=db_session) is None
    assert sessions.lookup("", session=db_session) is None


def test_idle_absolute_and_revoked_sessions_end(db_session, user_id):
    idle = sessions.create(session=db_session, user_id=user_id)
    old = sessions.create(session=db_session, user_id=user_id)
    gone = sessions.create(session=db_session, user_id=user_id)
    rows = {r.id: r for r in db_session.scalars(select(UiSession).where(UiSession.user_id == user_id))}
    now = utcnow()
    rows[sessions._digest(idle)].last_seen_at = now - sessions.IDLE_TIMEOUT - dt.timedelta(seconds=1)
    rows[sessions._digest(old)].expires_at = now - dt.timedelta(seconds=1)
    db_session.flush()
    sessions.revoke(gone, session=db_session)
    assert sessions.lookup(idle, session=db_session) is None
    assert sessions.lookup(old, session=db_session) is None
    assert sessions.lookup(gone, session=db_session) is None
    live = sessions.create(session=db_session, user_id=user_id)
    assert sessions.purge_expired(session=db_session) >= 3  # other tests' ended sessions may go too
    left = set(db_session.scalars(select(UiSession.id).where(UiSession.user_id == user_id)))
    assert left == {sessions._digest(live)}
    assert sessions.lookup(live, session=db_session) is not None


def test_a_session_belongs_to_exactly_one_principal(db_session, user_id):
    with pytest.raises(ValueError):
        sessions.create(session=db_session)
    with pytest.raises(ValueError):
        sessions.create(session=db_session, user_id=user_id, token_id=1)
