"""Data access for the registry, the deployment policies and the audit trail. Flush, never commit.

Rows are loaded into the pure values of ``reviewer.models_policy`` (``Registry``, ``PolicySet``),
the pure transition runs, and ``save_registry`` / ``save_policies`` write back what changed. For
promotions and rollbacks, ``load_registry(for_update=True)`` takes the writer's lock first
(``SELECT ... FOR UPDATE`` on PostgreSQL, SQLite's one-writer lock), so two admins cannot
interleave a read and a write.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from reviewer.db.base import utcnow
from reviewer.modelops.tables import DEFAULT_SCOPE, ModelAuditEvent, ModelDeploymentPolicy, ModelVersion
from reviewer.models_policy.registry import AuditEvent, ModelState, RegisteredModel, Registry
from reviewer.models_policy.routing import DeploymentPolicy, PolicySet


def _value(row: ModelVersion) -> RegisteredModel:
    return RegisteredModel(
        name=row.name,
        version=row.version,
        checksum=row.checksum,
        size_bytes=row.size_bytes,
        created_at=row.created_at,
        metrics=tuple(sorted((k, float(v)) for k, v in (row.metrics or {}).items())),
        state=ModelState(row.state),
    )


def _lock_writers(session: Session) -> None:
    """Take the database's writer lock before reading what will be written back."""
    if session.get_bind().dialect.name == "sqlite":
        # A write statement takes SQLite's RESERVED lock at once, even when it matches no row.
        session.execute(update(ModelVersion).where(ModelVersion.id == -1).values(state="candidate"))


def version_rows(*, session: Session, for_update: bool = False) -> list[ModelVersion]:
    stmt = select(ModelVersion).order_by(ModelVersion.created_at, ModelVersion.id)
    if for_update:
        _lock_writers(session)
        stmt = stmt.with_for_update()
    return list(session.scalars(stmt))


def get_version(ref: str, *, session: Session) -> ModelVersion | None:
    return session.scalar(select(ModelVersion).where(ModelVersion.ref == ref))


def get_version_by_id(version_id: int, *, session: Session) -> ModelVersion | None:
    return session.get(ModelVersion, version_id)


def load_registry(*, session: Session, for_update: bool = False) -> Registry:
    rows = version_rows(session=session, for_update=for_update)
    stack = sorted(
        (r for r in rows if r.rollback_position is not None), key=lambda r: r.rollback_position or 0
    )
    return Registry(tuple(_value(r) for r in rows), tuple(r.ref for r in stack))


def add_version(
    model: RegisteredModel, *, path: str | None, server_urls: Sequence[str], actor: str, session: Session
) -> ModelVersion:
    row = ModelVersion(
        ref=model.ref,
        name=model.name,
        version=model.version,
        checksum=model.checksum,
        size_bytes=model.size_bytes,
        metrics=dict(model.metrics),
        state=model.state.value,
        path=path,
        server_urls=list(server_urls),
        created_at=model.created_at,
        registered_by=actor,
    )
    session.add(row)
    session.flush()
    return row


def save_registry(registry: Registry, *, session: Session) -> None:
    """Write states and the rollback stack of ``registry`` back onto the existing rows."""
    positions = {ref: i for i, ref in enumerate(registry.previous_primaries)}
    rows = {r.ref: r for r in version_rows(session=session)}
    for model in registry.models:
        row = rows[model.ref]
        row.state = model.state.value
        row.rollback_position = positions.get(model.ref)
    session.flush()


def _details(pairs: Sequence[tuple[str, str]]) -> dict[str, Any]:
    """Pairs to JSON; a key given several times (the guard's reasons) keeps all its values."""
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            out[key] = [*(out[key] if isinstance(out[key], list) else [out[key]]), value]
        else:
            out[key] = value
    return out


def add_audit_event(audit: AuditEvent, *, session: Session) -> ModelAuditEvent:
    row = ModelAuditEvent(
        action=audit.action,
        model=audit.model,
        actor=audit.actor,
        reason=audit.reason,
        at=audit.at,
        forced=audit.forced,
        details=_details(audit.details),
    )
    session.add(row)
    session.flush()
    return row


def audit_events(*, session: Session, model: str | None = None, limit: int = 100) -> list[ModelAuditEvent]:
    stmt = select(ModelAuditEvent).order_by(ModelAuditEvent.id.desc()).limit(limit)
    if model:
        stmt = stmt.where(ModelAuditEvent.model == model)
    return list(session.scalars(stmt))


def load_policies(*, session: Session) -> PolicySet:
    rows = list(session.scalars(select(ModelDeploymentPolicy).order_by(ModelDeploymentPolicy.scope)))
    default = next((DeploymentPolicy.from_dict(r.policy) for r in rows if r.scope == DEFAULT_SCOPE), None)
    overrides = tuple(
        sorted((r.scope, DeploymentPolicy.from_dict(r.policy)) for r in rows if r.scope != DEFAULT_SCOPE)
    )
    revision = max((r.revision for r in rows), default=0)
    return PolicySet(default or DeploymentPolicy(), overrides, revision)


def save_policies(policies: PolicySet, *, actor: str, session: Session) -> None:
    """Make the rows match ``policies``: changed scopes rewritten, removed overrides deleted."""
    wanted = {DEFAULT_SCOPE: policies.default.to_dict(), **{n: p.to_dict() for n, p in policies.overrides}}
    rows = {r.scope: r for r in session.scalars(select(ModelDeploymentPolicy))}
    now = utcnow()
    for scope, old in rows.items():
        if scope not in wanted:
            session.delete(old)
    for scope, policy in wanted.items():
        row = rows.get(scope)
        if row is None:
            session.add(
                ModelDeploymentPolicy(
                    scope=scope, policy=policy, revision=policies.revision, updated_at=now, updated_by=actor
                )
            )
        elif row.policy != policy or scope == DEFAULT_SCOPE:
            # The default row always carries the newest revision, so load_policies() sees it.
            row.policy, row.revision, row.updated_at, row.updated_by = policy, policies.revision, now, actor
    session.flush()


def policy_revision(*, session: Session) -> int:
    return int(session.scalar(select(func.max(ModelDeploymentPolicy.revision))) or 0)
