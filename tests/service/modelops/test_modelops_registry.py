"""Registry use cases on a real database: register, promote (guarded / forced), roll back,
retire, policies; every change in the append-only audit trail."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from sqlalchemy import select

from reviewer.errors import Conflict, NotFound, UsageError
from reviewer.modelops import registry_store, usecases
from reviewer.modelops.tables import ModelAuditEvent
from reviewer.models_policy.guard import GuardPolicy
from reviewer.models_policy.registry import RegisteredModel

pytestmark = [pytest.mark.db]
GUARD = GuardPolicy(min_labels=20, min_labels_per_class=2)


def model(version: str, name: str = "clf") -> RegisteredModel:
    checksum = hashlib.sha256(f"{name}@{version}".encode()).hexdigest()
    return RegisteredModel(name, version, checksum, 1234, dt.datetime.now(dt.UTC), (("validation.f1", 0.9),))


def register(s, version: str) -> str:
    row, created = usecases.register(model(version), actor="admin", session=s, path=f"/models/{version}")
    assert created
    return row.ref


def states(s) -> dict[str, str]:
    return {r.ref: r.state for r in registry_store.version_rows(session=s)}


def test_register_is_idempotent_for_the_same_bytes_and_refuses_other_bytes(db_session):
    register(db_session, "1.0")
    row, created = usecases.register(model("1.0"), actor="admin", session=db_session, path="/models/1.0")
    assert not created and row.state == "candidate"
    other = RegisteredModel("clf", "1.0", "f" * 64, 1, dt.datetime.now(dt.UTC))
    with pytest.raises(Conflict):
        usecases.register(other, actor="admin", session=db_session, path="/x")
    with pytest.raises(UsageError):
        usecases.register(model("1.1"), actor="admin", session=db_session)  # nowhere to run it from


def test_first_promotion_is_free_then_the_guard_wants_labels(db_session):
    first, second = register(db_session, "1.0"), register(db_session, "2.0")
    usecases.promote(first, actor="admin", reason="", guard=GUARD, session=db_session)
    assert states(db_session) == {first: "primary", second: "candidate"}
    with pytest.raises(Conflict, match="labels"):
        usecases.promote(second, actor="admin", reason="", guard=GUARD, session=db_session)
    assert states(db_session)[first] == "primary"
    with pytest.raises(UsageError, match="reason"):
        usecases.promote(second, actor="admin", reason=" ", guard=GUARD, session=db_session, force=True)


def test_forced_promotion_is_in_the_audit_trail_with_the_guards_objections(db_session):
    first, second = register(db_session, "1.0"), register(db_session, "2.0")
    usecases.promote(first, actor="admin", reason="", guard=GUARD, session=db_session)
    done = usecases.promote(
        second, actor="alice", reason="hotfix for a crash", guard=GUARD, session=db_session, force=True
    )
    assert done.decision.forced and done.model.state == "primary"
    event = registry_store.audit_events(session=db_session, model=second, limit=1)[0]
    assert (event.action, event.actor, event.reason, event.forced) == (
        "promote",
        "alice",
        "hotfix for a crash",
        True,
    )
    assert event.details["previous_primary"] == first
    guard = event.details["guard"]
    assert any("labels on shared units" in r for r in (guard if isinstance(guard, list) else [guard]))


def test_rollback_restores_the_previous_primary_and_needs_one(db_session):
    a, b, c = register(db_session, "1.0"), register(db_session, "2.0"), register(db_session, "3.0")
    usecases.promote(a, actor="x", reason="", guard=GUARD, session=db_session)
    with pytest.raises(Conflict, match="no previous primary"):
        usecases.rollback(actor="x", reason="bad", session=db_session)
    usecases.promote(b, actor="x", reason="go", guard=GUARD, session=db_session, force=True)
    usecases.promote(c, actor="x", reason="go", guard=GUARD, session=db_session, force=True)
    row, event = usecases.rollback(actor="x", reason="regression", session=db_session)
    assert row.ref == b and event.details["rolled_back"] == c
    assert states(db_session) == {a: "retired", b: "primary", c: "retired"}
    row, _ = usecases.rollback(actor="x", reason="again", session=db_session)
    assert row.ref == a and states(db_session)[a] == "primary"
    assert registry_store.load_registry(session=db_session).previous_primaries == ()


def test_policies_default_override_and_clear(db_session):
    cand = register(db_session, "2.0")
    usecases.set_policy({"mode": "shadow", "candidate": cand}, actor="admin", session=db_session)
    usecases.set_policy(
        {"mode": "split", "candidate": cand, "percent": 25},
        actor="admin",
        session=db_session,
        repository="Acme/Web",
    )
    policies = registry_store.load_policies(session=db_session)
    assert policies.default.mode.value == "shadow"
    assert dict(policies.overrides)["acme/web"].percent == 25
    revision = policies.revision
    usecases.set_policy(None, actor="admin", session=db_session, repository="acme/web")
    policies = registry_store.load_policies(session=db_session)
    assert policies.overrides == () and policies.revision == revision + 1
    with pytest.raises(NotFound):
        usecases.set_policy({"mode": "shadow", "candidate": "nope@1"}, actor="a", session=db_session)
    with pytest.raises(UsageError):
        usecases.set_policy(
            {"mode": "split", "candidate": cand, "percent": 101}, actor="a", session=db_session
        )
    actions = [e.action for e in registry_store.audit_events(session=db_session)]
    assert actions.count("policy") == 3


def test_promoting_or_retiring_a_candidate_turns_off_policies_naming_it(db_session):
    a, b = register(db_session, "1.0"), register(db_session, "2.0")
    usecases.set_policy({"mode": "shadow", "candidate": a}, actor="x", session=db_session)
    usecases.set_policy({"mode": "shadow", "candidate": b}, actor="x", session=db_session, repository="o/r")
    usecases.promote(a, actor="x", reason="", guard=GUARD, session=db_session)
    policies = registry_store.load_policies(session=db_session)
    assert policies.default.mode.value == "off" and dict(policies.overrides)["o/r"].candidate == b
    usecases.retire(b, actor="x", reason="worse", session=db_session)
    assert dict(registry_store.load_policies(session=db_session).overrides)["o/r"].mode.value == "off"
    with pytest.raises(Conflict):
        usecases.set_policy({"mode": "shadow", "candidate": b}, actor="x", session=db_session)


def test_audit_events_are_append_only(db_session):
    register(db_session, "1.0")
    event = db_session.scalar(select(ModelAuditEvent))
    event.reason = "rewritten"
    with pytest.raises(RuntimeError, match="append-only"):
        db_session.flush()
