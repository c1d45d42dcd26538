"""Every table, imported in one place so that ``Base.metadata`` is complete.

The core tables are imported below. Tables owned by other packages (UI sessions, GitHub
deliveries, model versions...) live in their own modules on ``reviewer.db.base.Base`` and are
listed in ``MODEL_MODULES``; ``load_all()`` imports them (Alembic's env.py, ``create_app`` and
the test fixtures call it). After adding a table: ``reviewer db revision -m "what"`` (see
docs/service.md).
"""

import importlib

from reviewer.db.base import Base
from reviewer.db.models.access import ApiToken, RepositoryGrant, User
from reviewer.db.models.checklists import Checklist, ChecklistItem, ChecklistResult, ChecklistSignoff
from reviewer.db.models.reviews import (
    Finding,
    FindingGroup,
    Repository,
    Review,
    ReviewInput,
    ScannerRun,
    TriageEvent,
)

# Modules outside reviewer.db.models that define tables: one line each, explicit.
MODEL_MODULES: tuple[str, ...] = ("reviewer.ui.models", "reviewer.github.store", "reviewer.modelops.tables")


def load_all() -> type[Base]:
    """Import every module that defines tables, so ``Base.metadata`` is complete; return Base."""
    for name in MODEL_MODULES:
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:  # a missing dependency inside the module is a real error
                raise
    return Base


__all__ = [
    "ApiToken",
    "Base",
    "Checklist",
    "ChecklistItem",
    "ChecklistResult",
    "ChecklistSignoff",
    "Finding",
    "FindingGroup",
    "Repository",
    "RepositoryGrant",
    "Review",
    "ReviewInput",
    "ScannerRun",
    "TriageEvent",
    "User",
    "load_all",
]
