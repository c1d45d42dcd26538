"""Keep the ``checklists`` tables in step with the checklist files (versions are never rewritten).

Each (id, version) is stored once with its content hash and items. A file whose content changed
without a version bump is not copied over the stored version (reviews already pinned to it keep
their meaning); it is reported so the author bumps the version.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from reviewer.db.models import Checklist as ChecklistRow
from reviewer.db.models import ChecklistItem as ChecklistItemRow

log = logging.getLogger(__name__)


def ensure_checklist(checklist: Any, *, session: Session) -> ChecklistRow:
    """The stored row for a loaded ``reviewer.checklists.model.Checklist``, created on first sight."""
    row = session.scalar(
        select(ChecklistRow).where(
            ChecklistRow.slug == checklist.id, ChecklistRow.version == checklist.version
        )
    )
    if row is not None:
        if row.content_hash != checklist.content_hash:
            log.warning(
                "checklist %s changed on disk without a version bump; the stored version is kept",
                checklist.ref,
            )
        return row
    nested = session.begin_nested() if session.get_bind().dialect.name == "postgresql" else None
    row = ChecklistRow(
        slug=checklist.id,
        version=checklist.version,
        title=checklist.title,
        content_hash=checklist.content_hash,
        document=checklist.to_dict(),
        items=[
            ChecklistItemRow(
                key=item.key,
                position=position,
                title=item.title,
                category=item.category.value,
                requires_signoff=item.human_signoff,
                data=item.to_dict(),
            )
            for position, item in enumerate(checklist.items)
        ],
    )
    session.add(row)
    try:
        session.flush()
    except Exception:  # another process stored the same version first
        if nested is None:
            raise
        nested.rollback()
        row = session.scalar(
            select(ChecklistRow).where(
                ChecklistRow.slug == checklist.id, ChecklistRow.version == checklist.version
            )
        )
        if row is None:
            raise
    else:
        if nested is not None:
            nested.commit()
    return row


def sync_all(checklists_dir: Path, *, session: Session) -> int:
    """Store every checklist version found on disk; returns how many are stored in total."""
    from reviewer.checklists.loader import discover, load_file

    count = 0
    for _slug, _version, path in discover(checklists_dir):
        ensure_checklist(load_file(path, check_location=True), session=session)
        count += 1
    return count
