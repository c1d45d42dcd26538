"""/api/v1/checklists: the versioned checklists the service evaluates reviews against."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Request

from reviewer.api import schemas
from reviewer.api.deps import principal
from reviewer.api.routes.reviews import PROBLEMS
from reviewer.auth.principal import Principal

router = APIRouter(prefix="/api/v1", tags=["checklists"])
Slug = Annotated[str, Path(pattern=r"^[a-z0-9][a-z0-9-]{0,99}$")]
Version = Annotated[str, Path(pattern=r"^\d+(\.\d+){0,5}$", max_length=50)]


@router.get("/checklists", response_model=list[schemas.ChecklistSummary], responses=PROBLEMS)
def list_checklists(
    request: Request, who: Annotated[Principal, Depends(principal)]
) -> list[schemas.ChecklistSummary]:
    from reviewer.checklists.loader import discover

    found: dict[str, list[str]] = {}
    for slug, version, _ in discover(request.app.state.runtime.settings.checklists_dir):
        found.setdefault(slug, []).append(version)
    return [schemas.ChecklistSummary(id=k, versions=v, latest=v[-1]) for k, v in sorted(found.items())]


@router.get("/checklists/{slug}/{version}", responses=PROBLEMS)
def get_checklist(
    request: Request, slug: Slug, version: Version, who: Annotated[Principal, Depends(principal)]
) -> dict[str, Any]:
    """One checklist version as validated at load, with its content hash."""
    from reviewer.checklists.loader import load_checklist

    checklist = load_checklist(request.app.state.runtime.settings.checklists_dir, slug, version)
    return checklist.to_dict()
