"""The UI's reviews list: pages of ``PAGE_SIZE`` with "is there an older page", and the names
for its repository filter. The filtering itself is the API's (``review_store.filtered_reviews``),
so the two lists always agree on what a filter means.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from reviewer.db.models import Repository, Review
from reviewer.db.review_store import ReviewFilter, filtered_reviews, newest_first

PAGE_SIZE = 25


def list_page(
    flt: ReviewFilter, *, page: int, session: Session, repositories: frozenset[str] | None
) -> tuple[list[Review], bool]:
    """One page of reviews, newest first, and whether an older page exists."""
    offset = (max(1, page) - 1) * PAGE_SIZE
    stmt = newest_first(filtered_reviews(flt, repositories=repositories))
    rows = list(session.scalars(stmt.limit(PAGE_SIZE + 1).offset(offset)).unique())
    return rows[:PAGE_SIZE], len(rows) > PAGE_SIZE


def visible_repositories(*, session: Session, repositories: frozenset[str] | None) -> list[str]:
    """Names for the repository filter: those with reviews that the viewer may see."""
    stmt = select(Repository.full_name).distinct().join(Review, Review.repository_id == Repository.id)
    if repositories is not None:
        stmt = stmt.where(Repository.full_name.in_(sorted(repositories)))
    return sorted(session.scalars(stmt.limit(1000)))
