"""Use cases: triage a finding group, sign off a checklist item. Both leave an audit trail.

Triage acts on the finding group (repository + fingerprint), so the decision holds for every
review in which the same finding appears. Every change appends a ``TriageEvent``; nothing is
overwritten. An accepted risk must carry an expiry in the future.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from reviewer.auth.principal import Principal, Role
from reviewer.db import review_store
from reviewer.db.base import utcnow
from reviewer.db.models import ChecklistSignoff, FindingGroup, TriageEvent
from reviewer.db.models.reviews import TriageState
from reviewer.errors import Conflict, InputError, NotFound

MAX_REASON = 4000


def get_group(group_id: int, *, principal: Principal, session: Session) -> FindingGroup:
    group = session.get(FindingGroup, group_id)
    if group is None or not principal.can_see(group.repository.full_name):
        raise NotFound(f"finding group {group_id} not found")
    return group


def triage(
    group_id: int,
    to_state: TriageState,
    reason: str,
    *,
    principal: Principal,
    session: Session,
    accepted_until: dt.datetime | None = None,
    review_id: str | None = None,
) -> TriageEvent:
    """Move a finding group to ``to_state`` and record who, when, from, to and why (flushes)."""
    principal.require(Role.TRIAGER)
    group = get_group(group_id, principal=principal, session=session)
    reason = reason.strip()
    if not reason:
        raise InputError("reason: a reason is required")
    if len(reason) > MAX_REASON:
        raise InputError(f"reason: at most {MAX_REASON} characters")
    now = utcnow()
    if to_state is TriageState.ACCEPTED_RISK:
        if accepted_until is None:
            raise InputError("accepted_until: an accepted risk needs an expiry")
        if accepted_until.tzinfo is None:
            accepted_until = accepted_until.replace(tzinfo=dt.UTC)
        if accepted_until <= now:
            raise InputError("accepted_until: the expiry must be in the future")
    elif accepted_until is not None:
        raise InputError("accepted_until: only an accepted risk takes an expiry")
    event = TriageEvent(
        group_id=group.id,
        review_id=review_id,
        actor=principal.name,
        created_at=now,
        from_state=group.state,
        to_state=to_state.value,
        reason=reason,
        accepted_until=accepted_until,
    )
    session.add(event)
    group.state = to_state.value
    group.state_reason = reason
    group.accepted_until = accepted_until
    group.updated_at = now
    session.flush()
    return event


def events_of(group_id: int, *, session: Session) -> Sequence[TriageEvent]:
    return session.scalars(
        select(TriageEvent).where(TriageEvent.group_id == group_id).order_by(TriageEvent.id)
    ).all()


def sign_off(
    review_id: str, item_key: str, note: str, *, principal: Principal, session: Session
) -> ChecklistSignoff:
    """Record a human's sign-off of one checklist item of one review (flushes)."""
    principal.require(Role.TRIAGER)
    review = review_store.get_review(review_id, session=session, repositories=principal.repositories)
    result = review_store.checklist_result_of(review.id, session=session)
    if result is None:
        raise Conflict("this review has no checklist result yet")
    status = result.item_statuses.get(item_key)
    if status is None:
        raise NotFound(f"checklist item {item_key!r} not in {result.slug}@{result.version}")
    if status == "failed":
        raise Conflict(f"item {item_key!r} failed: triage its findings before signing it off")
    if any(s.item_key == item_key for s in review_store.signoffs_of(review.id, session=session)):
        raise Conflict(f"item {item_key!r} is already signed off")
    signoff = ChecklistSignoff(
        review_id=review.id,
        item_key=item_key,
        actor=principal.name,
        note=note.strip()[:MAX_REASON],
        created_at=utcnow(),
    )
    session.add(signoff)
    session.flush()
    return signoff
