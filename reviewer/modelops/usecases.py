"""Use cases on model versions: register, promote, roll back, retire, set a policy, compare.

Each loads rows into the pure values of ``reviewer.models_policy``, runs the pure decision, writes
the changed rows and the audit event, and commits once. The API routes and the CLI call these.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from reviewer.db.base import utcnow
from reviewer.errors import Conflict, NotFound, UsageError
from reviewer.modelops import evidence, registry_store
from reviewer.modelops.tables import ModelAuditEvent, ModelVersion
from reviewer.models_policy import registry as reg
from reviewer.models_policy.compare import Comparison, compare
from reviewer.models_policy.guard import GuardDecision, GuardPolicy, check_promotion
from reviewer.models_policy.registry import AuditEvent, ModelState, RegisteredModel
from reviewer.models_policy.routing import DeploymentPolicy, PolicySet

MAX_METRICS = 200


def _flatten(prefix: str, value: Any, out: dict[str, float]) -> None:
    if isinstance(value, bool):
        return
    if isinstance(value, int | float):
        out[prefix] = float(value)
    elif isinstance(value, dict):
        for key, inner in value.items():
            _flatten(f"{prefix}.{key}" if prefix else str(key), inner, out)


def read_model_folder(path: Path) -> RegisteredModel:
    """A registrable version from a model folder: name, version, checksum, size and card metrics.

    The folder is verified against its CHECKSUMS first (``ConfigError`` when tampered with).
    """
    from reviewer.classifier.bundle import CHECKED, CHECKSUMS, load_bundle

    bundle = load_bundle(path)
    metrics: dict[str, float] = {}
    _flatten("", bundle.meta.get("metrics") or {}, metrics)
    extra = path / "metrics.json"
    if extra.exists():
        _flatten("", json.loads(extra.read_text(encoding="utf-8")), metrics)
    size = sum((path / name).stat().st_size for name in (*CHECKED, CHECKSUMS) if (path / name).exists())
    return RegisteredModel(
        name=bundle.version.name,
        version=bundle.version.version,
        checksum=bundle.version.checksum,
        size_bytes=size,
        created_at=utcnow(),
        metrics=tuple(sorted(metrics.items()))[:MAX_METRICS],
    )


def register(
    model: RegisteredModel,
    *,
    actor: str,
    session: Session,
    path: str | None = None,
    server_urls: Sequence[str] = (),
) -> tuple[ModelVersion, bool]:
    """Register ``model`` as a candidate; (row, created). The same bytes again is a no-op."""
    if not path and not server_urls:
        raise UsageError("a model version needs a folder path or model server URLs to run from")
    registry = registry_store.load_registry(session=session, for_update=True)
    _, event = reg.register(registry, model, actor=actor, at=utcnow())
    if event is None:
        row = registry_store.get_version(model.ref, session=session)
        assert row is not None
        session.commit()
        return row, False
    row = registry_store.add_version(model, path=path, server_urls=server_urls, actor=actor, session=session)
    registry_store.add_audit_event(event, session=session)
    session.commit()
    return row, True


@dataclass(frozen=True)
class Promotion:
    model: ModelVersion
    event: ModelAuditEvent
    decision: GuardDecision


def comparison_for(a: str, b: str, *, session: Session) -> Comparison:
    predictions, labels = evidence.comparison_inputs(a, b, session=session)
    return compare(a, b, predictions, labels)


def guard_decision(
    ref: str, guard: GuardPolicy, *, session: Session, force: bool = False, reason: str = ""
) -> GuardDecision:
    registry = registry_store.load_registry(session=session)
    registry.get(ref)
    primary = registry.primary
    evidence_ = (
        None if primary is None or primary.ref == ref else comparison_for(primary.ref, ref, session=session)
    )
    return check_promotion(ref, evidence_, guard, force=force, reason=reason)


def promote(
    ref: str, *, actor: str, reason: str, guard: GuardPolicy, session: Session, force: bool = False
) -> Promotion:
    """Make ``ref`` the primary if the guard allows it (or it is forced, with a reason)."""
    registry = registry_store.load_registry(session=session, for_update=True)
    decision = guard_decision(ref, guard, session=session, force=force, reason=reason)
    updated, event = reg.promote(
        registry, ref, decision, actor=actor, reason=reason or "promoted", at=utcnow()
    )
    registry_store.save_registry(updated, session=session)
    audit = registry_store.add_audit_event(event, session=session)
    _drop_candidate_from_policies(ref, actor=actor, session=session)
    row = registry_store.get_version(ref, session=session)
    assert row is not None
    session.commit()
    return Promotion(row, audit, decision)


def rollback(*, actor: str, reason: str, session: Session) -> tuple[ModelVersion, ModelAuditEvent]:
    """Retire the current primary and restore the one before it."""
    if not reason.strip():
        raise UsageError("a rollback needs a reason (it is recorded in the audit trail)")
    registry = registry_store.load_registry(session=session, for_update=True)
    updated, event = reg.rollback(registry, actor=actor, reason=reason, at=utcnow())
    registry_store.save_registry(updated, session=session)
    audit = registry_store.add_audit_event(event, session=session)
    row = registry_store.get_version(event.model or "", session=session)
    assert row is not None
    session.commit()
    return row, audit


def retire(ref: str, *, actor: str, reason: str, session: Session) -> tuple[ModelVersion, ModelAuditEvent]:
    registry = registry_store.load_registry(session=session, for_update=True)
    updated, event = reg.retire(registry, ref, actor=actor, reason=reason or "retired", at=utcnow())
    registry_store.save_registry(updated, session=session)
    audit = registry_store.add_audit_event(event, session=session)
    _drop_candidate_from_policies(ref, actor=actor, session=session)
    row = registry_store.get_version(ref, session=session)
    assert row is not None
    session.commit()
    return row, audit


def _drop_candidate_from_policies(ref: str, *, actor: str, session: Session) -> None:
    policies = registry_store.load_policies(session=session)
    names = [p.candidate for p in (policies.default, *(p for _, p in policies.overrides))]
    if ref in names:
        registry_store.save_policies(policies.without_candidate(ref), actor=actor, session=session)


def set_policy(
    body: dict[str, Any] | None,
    *,
    actor: str,
    session: Session,
    repository: str | None = None,
    reason: str = "",
) -> PolicySet:
    """Set the installation policy, or (with ``repository``) one repository's override; ``body``
    None removes that override. A named candidate must be a registered candidate."""
    policy = None if body is None else DeploymentPolicy.from_dict(body)
    if policy is None and repository is None:
        raise UsageError("the installation policy cannot be removed; set mode off instead")
    if policy is not None and policy.candidate:
        row = registry_store.get_version(policy.candidate, session=session)
        if row is None:
            raise NotFound(f"no such model version: {policy.candidate}")
        if row.state != ModelState.CANDIDATE.value:
            raise Conflict(f"{policy.candidate} is {row.state}; only a candidate can shadow or take a split")
    current = registry_store.load_policies(session=session)
    if repository is None:
        assert policy is not None
        updated = current.with_default(policy)
    else:
        updated = current.with_override(repository, policy)
    registry_store.save_policies(updated, actor=actor, session=session)
    scope = repository.strip().lower() if repository else "*"
    details = (
        ("scope", scope),
        ("policy", json.dumps(policy.to_dict() if policy else None, sort_keys=True)),
        ("revision", str(updated.revision)),
    )
    audit = AuditEvent(
        "policy",
        policy.candidate if policy else None,
        actor,
        reason or "policy changed",
        utcnow(),
        details=details,
    )
    registry_store.add_audit_event(audit, session=session)
    session.commit()
    return updated


def compare_versions(a: str, b: str, guard: GuardPolicy, *, session: Session) -> dict[str, Any]:
    """``Comparison.to_dict()`` plus, as ``guard``, whether ``b`` could replace ``a`` now."""
    registry = registry_store.load_registry(session=session)
    registry.get(a)
    registry.get(b)
    if a == b:
        raise UsageError("compare two different versions")
    result = comparison_for(a, b, session=session)
    body = result.to_dict()
    body["guard"] = check_promotion(b, result, guard).to_dict()
    return body
