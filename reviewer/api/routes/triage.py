"""Triage of finding groups and checklist sign-off (triager role), with their audit trail."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path
from sqlalchemy.orm import Session

from reviewer.api import schemas, views
from reviewer.api.deps import principal, require, session
from reviewer.api.routes.reviews import PROBLEMS
from reviewer.auth.principal import Principal, Role
from reviewer.service import triage as triage_service

router = APIRouter(prefix="/api/v1", tags=["triage"])
GroupId = Annotated[int, Path(ge=1, le=2**62, description="finding group id (``group_id`` of a finding)")]
ItemKey = Annotated[str, Path(min_length=1, max_length=100, pattern=r"^[A-Za-z0-9_.:-]+$")]


@router.get("/findings/{group_id}", response_model=schemas.FindingGroupOut, responses=PROBLEMS)
def get_finding_group(
    group_id: GroupId, who: Annotated[Principal, Depends(principal)], s: Annotated[Session, Depends(session)]
) -> schemas.FindingGroupOut:
    """A finding group (one fingerprint in one repository) with its triage history."""
    group = triage_service.get_group(group_id, principal=who, session=s)
    return views.group(group, triage_service.events_of(group.id, session=s))


@router.post(
    "/findings/{group_id}/triage", status_code=201, response_model=schemas.FindingGroupOut, responses=PROBLEMS
)
def triage_finding(
    group_id: GroupId,
    body: schemas.TriageRequest,
    who: Annotated[Principal, Depends(require(Role.TRIAGER))],
    s: Annotated[Session, Depends(session)],
) -> schemas.FindingGroupOut:
    """Set the triage state. ``reason`` is required; ``accepted_until`` goes with accepted_risk only."""
    triage_service.triage(
        group_id,
        body.state,
        body.reason,
        principal=who,
        session=s,
        accepted_until=body.accepted_until,
        review_id=body.review_id,
    )
    group = triage_service.get_group(group_id, principal=who, session=s)
    out = views.group(group, triage_service.events_of(group.id, session=s))
    s.commit()
    return out


@router.post(
    "/reviews/{review_id}/checklist/{item}/signoff",
    status_code=201,
    response_model=schemas.SignoffOut,
    responses={409: {"model": schemas.Problem, "description": "already signed off or failed"}, **PROBLEMS},
)
def sign_off_item(
    review_id: str,
    item: ItemKey,
    body: schemas.SignoffRequest,
    who: Annotated[Principal, Depends(require(Role.TRIAGER))],
    s: Annotated[Session, Depends(session)],
) -> schemas.SignoffOut:
    """Sign off one checklist item of one review (items that failed must be triaged first)."""
    row = triage_service.sign_off(review_id, item, body.note, principal=who, session=s)
    out = views.signoff(row)
    s.commit()
    return out
