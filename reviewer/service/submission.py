"""Use case: accept a change for review. The review row is ``queued``; a job reviews it later.

Accepting must stay cheap (it is on the request path), so a diff gets only the checks that run
at C speed here — size, longest line, number of files, "is this a diff at all", and the paths in
its file headers (``diff_headers``) — and is refused at once when it fails them (413 / 422). The
full parse (hunk structure) happens in the job, which marks the review ``failed`` with the reason
if the diff turns out malformed.
The stored input is the original bytes (or the serialised Changeset), compressed, so the job
reviews exactly what was accepted.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from reviewer.changeset import Changeset, Limits
from reviewer.db import review_store
from reviewer.db.models import Review, ReviewInput
from reviewer.db.models.reviews import ReviewStatus
from reviewer.errors import InputError, InputTooLarge
from reviewer.service import changeset_codec
from reviewer.service.diff_headers import check_header_paths

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
    # The checklist to evaluate instead of the service's (a repository's policy, an API caller's
    # choice); version None means the latest on disk when the job runs. Check with checklist_choice.
    checklist_slug: str | None = None
    checklist_version: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def checklist_choice(ref: str, checklists_dir: Path) -> tuple[str, str | None]:
    """``ID`` or ``ID@VERSION`` -> (slug, version), refused (422) unless that checklist exists.

    Only the folder listing is read, not the YAML: the request path stays cheap, and the job
    reports a checklist that is present but invalid as the review's failure.
    """
    from reviewer.checklists.loader import versions
    from reviewer.checklists.model import version_key
    from reviewer.checklists.schema import SLUG_PATTERN, VERSION_PATTERN

    slug, _, version = ref.partition("@")
    if not re.match(SLUG_PATTERN, slug) or (version and not re.match(VERSION_PATTERN, version)):
        raise InputError(f"checklist: expected ID or ID@VERSION, got {ref[:120]!r}")
    known = versions(checklists_dir, slug)
    if not known:
        raise InputError(f"checklist: no such checklist {slug!r}")
    if version and version_key(version) not in {version_key(v) for v in known}:
        raise InputError(f"checklist: no version {version} of {slug} (known: {', '.join(known)})")
    return slug, version or None


def validate_repository_name(name: str) -> str:
    if not _REPO_NAME.match(name) or any(part in (".", "..") for part in name.split("/")):
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
        checklist_slug=meta.checklist_slug,
        checklist_version=meta.checklist_version if meta.checklist_slug else None,
        attempts=0,
        summary={},
        notices=[],
        extra=dict(meta.extra),
    )


def _input_row(fmt: str, payload: bytes) -> ReviewInput:
    return ReviewInput(
        format=fmt,
        content=zlib.compress(payload, 1),  # fast: this runs on the request path
        sha256=hashlib.sha256(payload).hexdigest(),
        size=len(payload),
    )


_FILE_HEADER = re.compile(rb"^(?:diff --git |--- |\+\+\+ )", re.MULTILINE)
_NEW_FILE = re.compile(rb"^\+\+\+ ", re.MULTILINE)


def precheck_diff(diff: bytes, limits: Limits) -> None:
    """The cheap, request-time checks of a unified diff; the job parses it fully."""
    if len(diff) > limits.max_diff_bytes:
        raise InputTooLarge(f"diff is {len(diff)} bytes; the limit is {limits.max_diff_bytes}")
    if not diff.strip():
        raise InputError("diff: the diff is empty")
    if _FILE_HEADER.search(diff) is None:
        raise InputError("diff: not a unified diff (no 'diff --git', '---' or '+++' file header)")
    files = len(_NEW_FILE.findall(diff))
    if files > limits.max_files:
        raise InputTooLarge(f"diff changes {files} files; the limit is {limits.max_files}")
    # A UTF-8 character takes at most 4 bytes, so a line this long in bytes is certainly too long
    # in characters; the job's parser applies the exact limit.
    longest = max(map(len, diff.split(b"\n")))
    if longest > 4 * limits.max_line_length:
        raise InputTooLarge(f"a diff line is longer than {limits.max_line_length} characters")
    # Hostile paths (../, absolute, NUL) answer 422 now instead of failing the review later.
    check_header_paths(diff, max_names=8 * limits.max_files)


def submit_diff(diff: bytes, meta: Submission, *, limits: Limits, session: Session) -> Review:
    """Check a unified diff cheaply and store it as a queued review (flushed, not committed)."""
    precheck_diff(diff, limits)
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
