"""Model versions over HTTP: list, register, promote (guarded), roll back, policies, comparison.

Reading needs a token (viewer); changing anything needs admin. Every change is one call, is
recorded in the model audit trail, and applies to reviews that start after it (no restart).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path as FsPath
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Request, Response
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.orm import Session

from reviewer.api.deps import principal, require, session
from reviewer.api.routes.reviews import PROBLEMS
from reviewer.api.schemas import Problem
from reviewer.auth.principal import Principal, Role
from reviewer.errors import ConfigError, NotFound, UsageError
from reviewer.modelops import registry_store, usecases
from reviewer.modelops.tables import ModelAuditEvent, ModelVersion
from reviewer.models_policy.guard import GuardPolicy
from reviewer.models_policy.registry import RegisteredModel

router = APIRouter(prefix="/api/v1/models", tags=["models"])
ANSWERS: dict[int | str, dict[str, Any]] = {
    **PROBLEMS,
    400: {"model": Problem, "description": "invalid request"},
    409: {"model": Problem, "description": "refused in the version's current state (or by the guard)"},
}
ModelId = Annotated[
    str,
    Path(
        min_length=1, max_length=210, pattern=r"^[A-Za-z0-9._@-]+$", description="numeric id or name@version"
    ),
]
Owner = Annotated[str, Path(pattern=r"^[A-Za-z0-9_.-]{1,100}$")]
Name = Owner


class ModelOut(BaseModel):
    id: int
    ref: str
    name: str
    version: str
    checksum: str
    size_bytes: int
    metrics: dict[str, float]
    state: Literal["candidate", "primary", "retired"]
    path: str | None
    server_urls: list[str]
    created_at: dt.datetime
    registered_by: str


class ModelList(BaseModel):
    primary: str | None
    previous_primaries: list[str] = Field(description="rollback order: the last one comes back first")
    models: list[ModelOut]


class RegisterRequest(BaseModel):
    """Either ``path`` (a model folder the server can read: everything is read from it and
    verified) or ``name``/``version``/``checksum`` with the ``server_urls`` it is served from."""

    model_config = ConfigDict(extra="forbid")

    path: str | None = Field(default=None, min_length=1, max_length=1000)
    name: str | None = Field(default=None, max_length=100)
    version: str | None = Field(default=None, max_length=100)
    checksum: str | None = Field(default=None, pattern=r"^[0-9a-f]{64}$")
    size_bytes: int = Field(default=0, ge=0, le=2**53)
    metrics: dict[str, float] = Field(default_factory=dict, max_length=200)
    server_urls: list[Annotated[str, Field(pattern=r"^https?://", max_length=500)]] = Field(
        default_factory=list, max_length=16
    )


class PromoteRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    force: bool = Field(
        default=False, description="override the guard; needs a reason, recorded in the audit trail"
    )
    reason: str = Field(default="", max_length=2000)


class ReasonRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: str = Field(min_length=1, max_length=2000)


class GuardOut(BaseModel):
    candidate: str
    allowed: bool
    forced: bool
    reasons: list[str]
    labels: int


class AuditOut(BaseModel):
    id: int
    action: str
    model: str | None
    actor: str
    reason: str
    at: dt.datetime
    forced: bool
    details: dict[str, Any]


class ChangeOut(BaseModel):
    model: ModelOut
    event: AuditOut
    guard: GuardOut | None = None


class PolicyIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    mode: Literal["off", "shadow", "split"] = "off"
    candidate: str | None = Field(default=None, max_length=210)
    percent: float = Field(default=0.0, ge=0.0, le=100.0, allow_inf_nan=False)
    mirror: bool = False
    salt: str | None = Field(default=None, max_length=200)
    reason: str = Field(default="", max_length=2000)


class PolicyOut(BaseModel):
    mode: str
    candidate: str | None
    percent: float
    mirror: bool
    salt: str | None


class PolicySetOut(BaseModel):
    revision: int
    default: PolicyOut
    overrides: dict[str, PolicyOut]


def _model(row: ModelVersion) -> ModelOut:
    return ModelOut(
        id=row.id,
        ref=row.ref,
        name=row.name,
        version=row.version,
        checksum=row.checksum,
        size_bytes=row.size_bytes,
        metrics=dict(row.metrics or {}),
        state=row.state,  # type: ignore[arg-type]
        path=row.path,
        server_urls=list(row.server_urls or ()),
        created_at=row.created_at,
        registered_by=row.registered_by,
    )


def _audit(row: ModelAuditEvent) -> AuditOut:
    return AuditOut(
        id=row.id,
        action=row.action,
        model=row.model,
        actor=row.actor,
        reason=row.reason,
        at=row.at,
        forced=row.forced,
        details=dict(row.details or {}),
    )


def _guard(request: Request) -> GuardPolicy:
    settings = request.app.state.settings
    return GuardPolicy(settings.model_promotion_min_labels, settings.model_promotion_min_labels_per_class)


def _sees(who: Principal, repository: str) -> bool:
    """Repository names outside a token's grants are not shown (grants compare case-insensitively)."""
    return who.repositories is None or repository in {r.lower() for r in who.repositories}


def _find(model_id: str, s: Session) -> ModelVersion:
    row = (
        registry_store.get_version_by_id(int(model_id), session=s)
        if model_id.isdigit() and len(model_id) < 18
        else registry_store.get_version(model_id, session=s)
    )
    if row is None:
        raise NotFound(f"no such model version: {model_id}")
    return row


@router.get("", response_model=ModelList, responses=ANSWERS)
def list_models(
    who: Annotated[Principal, Depends(principal)], s: Annotated[Session, Depends(session)]
) -> ModelList:
    """Every registered version, the primary, and the rollback order."""
    rows = registry_store.version_rows(session=s)
    registry = registry_store.load_registry(session=s)
    primary = registry.primary
    return ModelList(
        primary=primary.ref if primary else None,
        previous_primaries=list(registry.previous_primaries),
        models=[_model(r) for r in rows],
    )


@router.post("", status_code=201, response_model=ModelOut, responses={200: {"model": ModelOut}, **ANSWERS})
def register_model(
    body: RegisterRequest,
    response: Response,
    who: Annotated[Principal, Depends(require(Role.ADMIN))],
    s: Annotated[Session, Depends(session)],
) -> ModelOut:
    """Register a candidate: 201, or 200 when the same bytes are already registered (409 for others)."""
    if body.path:
        try:
            model = usecases.read_model_folder(FsPath(body.path))
        except (ConfigError, OSError, ValueError, KeyError) as exc:
            raise UsageError(f"not a readable model folder: {body.path}: {exc}") from None
    else:
        if not (body.name and body.version and body.checksum and body.server_urls):
            raise UsageError("give a model folder path, or name, version, checksum and server_urls")
        model = RegisteredModel(
            body.name,
            body.version,
            body.checksum,
            body.size_bytes,
            dt.datetime.now(dt.UTC),
            tuple(sorted(body.metrics.items())),
        )
    row, created = usecases.register(
        model, actor=who.name, session=s, path=body.path, server_urls=body.server_urls
    )
    response.status_code = 201 if created else 200
    return _model(row)


@router.get("/policy", response_model=PolicySetOut, responses=ANSWERS)
def get_policy(who: Annotated[Principal, Depends(principal)], s: Annotated[Session, Depends(session)]) -> Any:
    """The installation's deployment policy and the per-repository overrides you may see."""
    body = registry_store.load_policies(session=s).to_dict()
    body["overrides"] = {name: p for name, p in body["overrides"].items() if _sees(who, name)}
    return body


@router.put("/policy", response_model=PolicySetOut, responses=ANSWERS)
def put_policy(
    body: PolicyIn,
    who: Annotated[Principal, Depends(require(Role.ADMIN))],
    s: Annotated[Session, Depends(session)],
) -> Any:
    """Set the installation's policy: ``off``, ``shadow`` (candidate scored, never reported) or
    ``split`` (``percent`` of repositories served by the candidate, sticky per repository)."""
    data = body.model_dump(exclude={"reason"})
    return usecases.set_policy(data, actor=who.name, session=s, reason=body.reason).to_dict()


@router.put("/policy/{owner}/{name}", response_model=PolicySetOut, responses=ANSWERS)
def put_repository_policy(
    owner: Owner,
    name: Name,
    body: PolicyIn,
    who: Annotated[Principal, Depends(require(Role.ADMIN))],
    s: Annotated[Session, Depends(session)],
) -> Any:
    """Override the policy for one repository."""
    data = body.model_dump(exclude={"reason"})
    return usecases.set_policy(
        data, actor=who.name, session=s, repository=f"{owner}/{name}", reason=body.reason
    ).to_dict()


@router.delete("/policy/{owner}/{name}", response_model=PolicySetOut, responses=ANSWERS)
def delete_repository_policy(
    owner: Owner,
    name: Name,
    who: Annotated[Principal, Depends(require(Role.ADMIN))],
    s: Annotated[Session, Depends(session)],
) -> Any:
    """Remove one repository's override: it follows the installation's policy again."""
    return usecases.set_policy(None, actor=who.name, session=s, repository=f"{owner}/{name}").to_dict()


@router.get("/compare", responses=ANSWERS)
def compare_models(
    request: Request,
    who: Annotated[Principal, Depends(principal)],
    s: Annotated[Session, Depends(session)],
    b: Annotated[str, Query(min_length=1, max_length=210, description="candidate (name@version)")],
    a: Annotated[str | None, Query(max_length=210, description="baseline; default: the primary")] = None,
) -> dict[str, Any]:
    """Both versions on the units both scored: per-class precision, recall and false-positive rate
    on triaged findings (with counts and Wilson 95% intervals), agreement, units scored, latency
    p50/p95, compute seconds per 1,000 units; and whether the guard would let ``b`` be promoted."""
    if a is None:
        primary = registry_store.load_registry(session=s).primary
        if primary is None:
            raise UsageError("there is no primary: name the baseline with ?a=")
        a = primary.ref
    return usecases.compare_versions(a, b, _guard(request), session=s)


@router.get("/audit", response_model=list[AuditOut], responses=ANSWERS)
def audit_trail(
    who: Annotated[Principal, Depends(principal)],
    s: Annotated[Session, Depends(session)],
    model: Annotated[str | None, Query(max_length=210)] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> list[AuditOut]:
    """Registrations, promotions (forced ones marked, with the guard's objections), rollbacks,
    retirements and policy changes, newest first."""
    return [_audit(r) for r in registry_store.audit_events(session=s, model=model, limit=limit)]


@router.post("/rollback", response_model=ChangeOut, responses=ANSWERS)
def rollback_model(
    body: ReasonRequest,
    who: Annotated[Principal, Depends(require(Role.ADMIN))],
    s: Annotated[Session, Depends(session)],
) -> ChangeOut:
    """Retire the current primary and restore the previous one."""
    row, event = usecases.rollback(actor=who.name, reason=body.reason, session=s)
    return ChangeOut(model=_model(row), event=_audit(event))


@router.get("/{model_id}", response_model=ModelOut, responses=ANSWERS)
def get_model(
    model_id: ModelId, who: Annotated[Principal, Depends(principal)], s: Annotated[Session, Depends(session)]
) -> ModelOut:
    return _model(_find(model_id, s))


@router.post("/{model_id}/promote", response_model=ChangeOut, responses=ANSWERS)
def promote_model(
    model_id: ModelId,
    body: PromoteRequest,
    request: Request,
    who: Annotated[Principal, Depends(require(Role.ADMIN))],
    s: Annotated[Session, Depends(session)],
) -> ChangeOut:
    """Make a candidate the primary. Refused (409, with the guard's reasons) on too little evidence
    or a significantly worse precision, unless ``force`` is set with a ``reason``."""
    ref = _find(model_id, s).ref
    done = usecases.promote(
        ref, actor=who.name, reason=body.reason, guard=_guard(request), session=s, force=body.force
    )
    return ChangeOut(
        model=_model(done.model), event=_audit(done.event), guard=GuardOut(**done.decision.to_dict())
    )


@router.post("/{model_id}/retire", response_model=ChangeOut, responses=ANSWERS)
def retire_model(
    model_id: ModelId,
    body: ReasonRequest,
    who: Annotated[Principal, Depends(require(Role.ADMIN))],
    s: Annotated[Session, Depends(session)],
) -> ChangeOut:
    """Retire a candidate (policies naming it are turned off)."""
    row, event = usecases.retire(_find(model_id, s).ref, actor=who.name, reason=body.reason, session=s)
    return ChangeOut(model=_model(row), event=_audit(event))
