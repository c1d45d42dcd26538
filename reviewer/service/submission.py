"""Use case: accept a change for review. The review row is ``queued``; a job reviews it later.

The diff is parsed here, in the request, so that malformed or oversized input is refused at
once (422 / 413) rather than failing in the background; the stored input is the original bytes
(or the serialised Changeset), compressed, so the job reviews exactly what was accepted.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from reviewer.changeset import Changeset, Limits
from reviewer.db import review_store
from reviewer.db.models import Review, ReviewInput
from reviewer.db.models.reviews import ReviewStatus
from reviewer.errors import InputError
from reviewer.service import changeset_codec

DIFF_FORMAT = "diff"
_REPO_NAME = re.compile(r"^[A-Za-z0-9_.-]{1,100}/[A-Za-z0-9_.-]{1,100}$")


@dataclass(frozen=True)
class Submission:
    """Where a change comes from; everything optional except the repository."""

    repository: str = review_store.DEFAULT_REPOSITORY
    source: str = "api"
    base_ref: str | None = None
    head_ref: str | None = None
    head_sha: str | None = None
    pull_request: int | None = None
    title: str | None = None
    requested_by: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def validate_repository_name(name: str) -> str:
    if not _REPO_NAME.match(name) or name.split("/")[1] in (".", ".."):
        raise InputError(f"repository must look like owner/name, got {name[:120]!r}")
    return name


def _review_row(meta: Submission, *, session: Session) -> Review:
    repo = review_store.get_or_create_repository(validate_repository_name(meta.repository), session=session)
    return Review(
        repository_id=repo.id,
        repository=repo,
        status=ReviewStatus.QUEUED.value,
        source=meta.source,
        base_ref=meta.base_ref,
        head_ref=meta.head_ref,
        head_sha=meta.head_sha,
        pull_request=meta.pull_request,
        title=meta.title,
        requested_by=meta.requested_by,
        attempts=0,
        summary={},
        notices=[],
        extra=dict(meta.extra),
    )


def _input_row(fmt: str, payload: bytes) -> ReviewInput:
    return ReviewInput(
        format=fmt,
        content=zlib.compress(payload, 6),
        sha256=hashlib.sha256(payload).hexdigest(),
        size=len(payload),
    )


def submit_diff(diff: bytes, meta: Submission, *, limits: Limits, session: Session) -> Review:
    """Validate a unified diff and store it as a queued review (flushed, not committed)."""
    from reviewer.ingest.diff import parse_diff

    changeset = parse_diff(diff, limits, source=meta.source)
    if not changeset.files:
        raise InputError("the diff contains no file changes")
    return review_store.add_review(
        _review_row(meta, session=session), _input_row(DIFF_FORMAT, diff), session=session
    )


def submit_changeset(changeset: Changeset, meta: Submission, *, session: Session) -> Review:
    """Store an already-ingested Changeset (e.g. a pull request with post-images) as a queued review."""
    payload = changeset_codec.encode(changeset)
    return review_store.add_review(
        _review_row(meta, session=session), _input_row(changeset_codec.FORMAT, payload), session=session
    )


def load_changeset(review_id: str, *, limits: Limits, session: Session) -> Changeset:
    """The Changeset a review was accepted with."""
    from reviewer.ingest.diff import parse_diff

    row = review_store.get_input(review_id, session=session)
    payload = zlib.decompress(row.content)
    if row.format == changeset_codec.FORMAT:
        return changeset_codec.decode(payload)
    review = session.get(Review, review_id)
    return parse_diff(payload, limits, source=review.source if review else "api")
