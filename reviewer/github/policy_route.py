"""Per-repository policy over the REST API: read by anyone who may see the repository,
changed by admins. A repository never configured answers the service default."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Request
from pydantic import BaseModel
from sqlalchemy.orm import Session

from reviewer.api.deps import principal, require, session
from reviewer.api.routes.reviews import PROBLEMS
from reviewer.auth.principal import Principal, Role
from reviewer.db import review_store
from reviewer.github.policy import PolicyUpdate, RepositoryPolicy, default_policy, effective_policy, updated
from reviewer.service.submission import validate_repository_name

router = APIRouter(prefix="/api/v1", tags=["repositories"])
Owner = Annotated[str, Path(min_length=1, max_length=100, pattern=r"^[A-Za-z0-9_.-]+$")]
Name = Annotated[str, Path(min_length=1, max_length=100, pattern=r"^[A-Za-z0-9_.-]+$")]


class PolicyOut(BaseModel):
    repository: str
    policy: RepositoryPolicy  # what applies: stored values over the default
    stored: dict[str, Any]  # what was set for this repository
    default: RepositoryPolicy


def _out(request: Request, full_name: str, stored: dict[str, Any] | None) -> PolicyOut:
    settings = request.app.state.settings
    return PolicyOut(
        repository=full_name,
        policy=effective_policy(stored, settings),
        stored=dict(stored or {}),
        default=default_policy(settings),
    )


@router.get("/repositories/{owner}/{name}/policy", response_model=PolicyOut, responses=PROBLEMS)
def get_policy(
    owner: Owner,
    name: Name,
    request: Request,
    who: Annotated[Principal, Depends(principal)],
    s: Annotated[Session, Depends(session)],
) -> PolicyOut:
    """The repository's review policy (threshold, checklist, comment) and the default."""
    full_name = validate_repository_name(f"{owner}/{name}")
    who.require_repository(full_name)
    repo = review_store.find_repository(full_name, session=s)
    return _out(request, full_name, repo.policy if repo else None)


@router.put("/repositories/{owner}/{name}/policy", response_model=PolicyOut, responses=PROBLEMS)
def put_policy(
    owner: Owner,
    name: Name,
    body: PolicyUpdate,
    request: Request,
    who: Annotated[Principal, Depends(require(Role.ADMIN))],
    s: Annotated[Session, Depends(session)],
) -> PolicyOut:
    """Change the policy; only the fields sent change, ``null`` returns one to the default."""
    full_name = validate_repository_name(f"{owner}/{name}")
    who.require_repository(full_name)
    repo = review_store.get_or_create_repository(full_name, session=s)
    repo.policy = updated(repo.policy, body)
    out = _out(request, full_name, repo.policy)
    s.commit()
    return out
