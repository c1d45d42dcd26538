"""The model-version registry as values, and its state transitions with audit events.

A version is ``candidate`` (registered, may shadow or take a split), ``primary`` (serves
findings; at most one) or ``retired``. Transitions are pure functions that return the new
registry and the ``AuditEvent`` the caller must store in the same transaction; the clock is
passed in. Promotion takes a ``GuardDecision`` so that no code path can promote unguarded.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import re
from dataclasses import dataclass, field
from typing import Any

from reviewer.errors import Conflict, NotFound, UsageError
from reviewer.models_policy.guard import GuardDecision

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")
_CHECKSUM = re.compile(r"^[0-9a-f]{64}$")


class ModelState(enum.StrEnum):
    CANDIDATE = "candidate"
    PRIMARY = "primary"
    RETIRED = "retired"


def model_ref(name: str, version: str) -> str:
    return f"{name}@{version}"


@dataclass(frozen=True)
class RegisteredModel:
    name: str
    version: str
    checksum: str  # sha256 of the model folder's CHECKSUMS (reviewer.classifier.bundle)
    size_bytes: int
    created_at: dt.datetime
    metrics: tuple[tuple[str, float], ...] = ()  # from the model card, e.g. ("validation.f1", 0.93)
    state: ModelState = ModelState.CANDIDATE

    @property
    def ref(self) -> str:
        return model_ref(self.name, self.version)

    def to_dict(self) -> dict[str, Any]:
        return {
            "ref": self.ref,
            "name": self.name,
            "version": self.version,
            "checksum": self.checksum,
            "size_bytes": self.size_bytes,
            "created_at": self.created_at.isoformat(),
            "metrics": dict(self.metrics),
            "state": self.state.value,
        }


@dataclass(frozen=True)
class AuditEvent:
    """One registry or policy change, for the append-only audit trail."""

    action: str  # register | promote | rollback | retire | policy
    model: str | None
    actor: str
    reason: str
    at: dt.datetime
    forced: bool = False
    details: tuple[tuple[str, str], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "action": self.action,
            "model": self.model,
            "actor": self.actor,
            "reason": self.reason,
            "at": self.at.isoformat(),
            "forced": self.forced,
            "details": dict(self.details),
        }


@dataclass(frozen=True)
class Registry:
    """Every registered version and the primaries that came before the current one (oldest first)."""

    models: tuple[RegisteredModel, ...] = ()
    previous_primaries: tuple[str, ...] = field(default=())

    def get(self, ref: str) -> RegisteredModel:
        for model in self.models:
            if model.ref == ref:
                return model
        raise NotFound(f"no such model version: {ref}")

    def find(self, ref: str) -> RegisteredModel | None:
        return next((m for m in self.models if m.ref == ref), None)

    @property
    def primary(self) -> RegisteredModel | None:
        return next((m for m in self.models if m.state is ModelState.PRIMARY), None)

    def with_state(self, ref: str, state: ModelState) -> Registry:
        models = tuple(dataclasses.replace(m, state=state) if m.ref == ref else m for m in self.models)
        return dataclasses.replace(self, models=models)


def register(
    registry: Registry, model: RegisteredModel, *, actor: str, at: dt.datetime
) -> tuple[Registry, AuditEvent | None]:
    """Add a candidate. Re-registering the same bytes is a no-op (None event); other bytes under
    the same name and version are refused: a version names one model forever."""
    if not _NAME.match(model.name) or not _NAME.match(model.version):
        raise UsageError(f"model name and version must match {_NAME.pattern}: {model.ref!r}")
    if not _CHECKSUM.match(model.checksum):
        raise UsageError(f"model checksum must be 64 lower-case hex digits: {model.checksum!r}")
    existing = registry.find(model.ref)
    if existing is not None:
        if existing.checksum == model.checksum:
            return registry, None
        raise Conflict(
            f"{model.ref} is already registered with checksum {existing.checksum[:12]}; "
            "register the new model under a new version"
        )
    candidate = dataclasses.replace(model, state=ModelState.CANDIDATE)
    event = AuditEvent(
        "register", model.ref, actor, "registered", at, details=(("checksum", model.checksum),)
    )
    return dataclasses.replace(registry, models=(*registry.models, candidate)), event


def promote(
    registry: Registry, ref: str, decision: GuardDecision, *, actor: str, reason: str, at: dt.datetime
) -> tuple[Registry, AuditEvent]:
    """Make ``ref`` the primary; the old primary is retired and remembered for rollback."""
    model = registry.get(ref)
    if decision.candidate != ref:
        raise UsageError(f"the guard decision is for {decision.candidate}, not {ref}")
    if not decision.allowed:
        raise Conflict(f"promotion of {ref} refused: {'; '.join(decision.reasons)} (use force with a reason)")
    if model.state is ModelState.PRIMARY:
        raise Conflict(f"{ref} is already the primary")
    if model.state is ModelState.RETIRED:
        raise Conflict(f"{ref} is retired; register a new version instead of reviving it")
    old = registry.primary
    updated = registry
    history = registry.previous_primaries
    if old is not None:
        updated = updated.with_state(old.ref, ModelState.RETIRED)
        history = (*history, old.ref)
    updated = dataclasses.replace(updated.with_state(ref, ModelState.PRIMARY), previous_primaries=history)
    details = [("previous_primary", old.ref if old else "")]
    details += [("guard", r) for r in decision.reasons]
    event = AuditEvent("promote", ref, actor, reason, at, forced=decision.forced, details=tuple(details))
    return updated, event


def rollback(registry: Registry, *, actor: str, reason: str, at: dt.datetime) -> tuple[Registry, AuditEvent]:
    """Restore the previous primary; the current one is retired."""
    current = registry.primary
    if current is None:
        raise Conflict("there is no primary to roll back")
    if not registry.previous_primaries:
        raise Conflict(f"{current.ref} has no previous primary to roll back to")
    *rest, previous = registry.previous_primaries
    updated = registry.with_state(current.ref, ModelState.RETIRED).with_state(previous, ModelState.PRIMARY)
    updated = dataclasses.replace(updated, previous_primaries=tuple(rest))
    event = AuditEvent("rollback", previous, actor, reason, at, details=(("rolled_back", current.ref),))
    return updated, event


def retire(
    registry: Registry, ref: str, *, actor: str, reason: str, at: dt.datetime
) -> tuple[Registry, AuditEvent]:
    """Retire a candidate. The primary is never retired directly: promote or roll back instead."""
    model = registry.get(ref)
    if model.state is ModelState.PRIMARY:
        raise Conflict(f"{ref} is the primary; promote another version or roll back first")
    if model.state is ModelState.RETIRED:
        raise Conflict(f"{ref} is already retired")
    return registry.with_state(ref, ModelState.RETIRED), AuditEvent("retire", ref, actor, reason, at)
