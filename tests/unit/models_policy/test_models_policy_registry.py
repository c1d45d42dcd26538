from __future__ import annotations

import datetime as dt

import pytest

from reviewer.errors import Conflict, NotFound, UsageError
from reviewer.models_policy.guard import GuardDecision
from reviewer.models_policy.registry import (
    ModelState,
    RegisteredModel,
    Registry,
    promote,
    register,
    retire,
    rollback,
)

AT = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def model(version: str, checksum: str | None = None) -> RegisteredModel:
    return RegisteredModel(
        "clf", version, checksum or version.replace(".", "").rjust(64, "a"), 10, AT, (("validation.f1", 0.9),)
    )


def allowed(ref: str) -> GuardDecision:
    return GuardDecision(ref, True)


def build(*versions: str) -> Registry:
    registry = Registry()
    for v in versions:
        registry, _ = register(registry, model(v), actor="admin", at=AT)
    return registry


def test_register_is_idempotent_and_versions_are_immutable():
    registry, event = register(Registry(), model("1.0"), actor="admin", at=AT)
    assert event.action == "register" and registry.get("clf@1.0").state is ModelState.CANDIDATE
    again, none = register(registry, model("1.0"), actor="admin", at=AT)
    assert again == registry and none is None
    with pytest.raises(Conflict, match="new version"):
        register(registry, model("1.0", "b" * 64), actor="admin", at=AT)
    with pytest.raises(UsageError):
        register(registry, model("1.0", "not-hex"), actor="admin", at=AT)
    with pytest.raises(NotFound):
        registry.get("clf@0.1")


def test_promote_then_rollback_restores_the_previous_primary():
    registry = build("1.0", "2.0", "3.0")
    registry, _ = promote(registry, "clf@1.0", allowed("clf@1.0"), actor="a", reason="first", at=AT)
    registry, _ = promote(registry, "clf@2.0", allowed("clf@2.0"), actor="a", reason="better", at=AT)
    registry, event = promote(registry, "clf@3.0", allowed("clf@3.0"), actor="a", reason="better", at=AT)
    assert registry.primary.ref == "clf@3.0"
    assert dict(event.details)["previous_primary"] == "clf@2.0"
    assert registry.get("clf@2.0").state is ModelState.RETIRED
    registry, event = rollback(registry, actor="a", reason="regression", at=AT)
    assert registry.primary.ref == "clf@2.0" and registry.get("clf@3.0").state is ModelState.RETIRED
    assert (event.action, event.model, dict(event.details)["rolled_back"]) == (
        "rollback",
        "clf@2.0",
        "clf@3.0",
    )
    registry, _ = rollback(registry, actor="a", reason="again", at=AT)
    assert registry.primary.ref == "clf@1.0"
    with pytest.raises(Conflict, match="no previous primary"):
        rollback(registry, actor="a", reason="again", at=AT)
    assert [m.state for m in registry.models].count(ModelState.PRIMARY) == 1


def test_promotion_needs_a_matching_allowing_decision():
    registry = build("1.0", "2.0")
    with pytest.raises(UsageError, match=r"guard decision is for clf@1\.0"):
        promote(registry, "clf@2.0", allowed("clf@1.0"), actor="a", reason="r", at=AT)
    refused = GuardDecision("clf@2.0", False, reasons=("12 labels on shared units, 100 required",))
    with pytest.raises(Conflict, match="12 labels"):
        promote(registry, "clf@2.0", refused, actor="a", reason="r", at=AT)


def test_forced_promotion_is_marked_in_the_audit_event():
    registry = build("1.0", "2.0")
    registry, _ = promote(registry, "clf@1.0", allowed("clf@1.0"), actor="a", reason="r", at=AT)
    forced = GuardDecision("clf@2.0", True, True, ("12 labels on shared units, 100 required",), 12)
    registry, event = promote(registry, "clf@2.0", forced, actor="lead", reason="hotfix for FP storm", at=AT)
    assert event.forced and event.actor == "lead" and event.reason == "hotfix for FP storm"
    assert ("guard", "12 labels on shared units, 100 required") in event.details
    assert event.to_dict()["forced"] is True


def test_retire_rules():
    registry = build("1.0", "2.0")
    registry, _ = promote(registry, "clf@1.0", allowed("clf@1.0"), actor="a", reason="r", at=AT)
    with pytest.raises(Conflict, match="is the primary"):
        retire(registry, "clf@1.0", actor="a", reason="r", at=AT)
    registry, event = retire(registry, "clf@2.0", actor="a", reason="worse", at=AT)
    assert registry.get("clf@2.0").state is ModelState.RETIRED and event.action == "retire"
    with pytest.raises(Conflict, match="retired"):
        promote(registry, "clf@2.0", allowed("clf@2.0"), actor="a", reason="r", at=AT)
    assert registry.get("clf@1.0").to_dict()["metrics"] == {"validation.f1": 0.9}
