"""What the GitHub report reads from a stored review: its outcome (``service.export``, the one
rebuild from rows) and the fingerprints triaged away — findings whose group is a false positive
or an accepted risk not yet expired, which do not fail the check run.
"""

from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from reviewer.db.base import utcnow
from reviewer.db.models import Finding, FindingGroup, Review
from reviewer.db.models.reviews import TriageState
from reviewer.findings import ReviewOutcome
from reviewer.service.export import outcome_of


def dismissed_fingerprints(review_id: str, *, session: Session) -> frozenset[str]:
    accepted = (FindingGroup.state == TriageState.ACCEPTED_RISK.value) & (
        FindingGroup.accepted_until.is_(None) | (FindingGroup.accepted_until > utcnow())
    )
    stmt = (
        select(Finding.fingerprint)
        .join(FindingGroup, Finding.group_id == FindingGroup.id)
        .where(Finding.review_id == review_id)
        .where(or_(FindingGroup.state == TriageState.FALSE_POSITIVE.value, accepted))
    )
    return frozenset(session.scalars(stmt))


def load_outcome(review: Review, *, session: Session) -> tuple[ReviewOutcome, frozenset[str]]:
    """The review's outcome as stored, and the fingerprints triaged away."""
    return outcome_of(review, session=session), dismissed_fingerprints(review.id, session=session)
