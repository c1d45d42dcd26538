"""Routing read from the database at review start: split sticky per repository and close to its
percentage over many repositories; overrides; a policy change applies to the next review."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest

from reviewer.modelops import registry_store, usecases
from reviewer.modelops.review_hook import resolve_routing
from reviewer.models_policy.guard import GuardPolicy
from reviewer.models_policy.registry import RegisteredModel
from reviewer.models_policy.routing import route

pytestmark = [pytest.mark.db]
REPOS = [f"org-{i % 97}/service-{i}" for i in range(5000)]


@pytest.fixture
def versions(db_session):
    refs = []
    for version in ("1", "2"):
        checksum = hashlib.sha256(version.encode()).hexdigest()
        model = RegisteredModel("clf", version, checksum, 1, dt.datetime.now(dt.UTC))
        row, _ = usecases.register(model, actor="t", session=db_session, path=f"/m/{version}")
        refs.append(row.ref)
    usecases.promote(refs[0], actor="t", reason="", guard=GuardPolicy(), session=db_session)
    return refs


def on_candidate(s, candidate: str) -> set[str]:
    """What resolve_routing answers for each repository, with the rows read once, not 5,000 times."""
    registry, policies = registry_store.load_registry(session=s), registry_store.load_policies(session=s)
    return {r for r in REPOS if route(policies, registry, r).serve == candidate}


@pytest.mark.parametrize("percent", [5.0, 20.0, 50.0])
def test_split_is_close_to_its_percentage_over_many_repositories(db_session, versions, percent):
    _, candidate = versions
    usecases.set_policy(
        {"mode": "split", "candidate": candidate, "percent": percent}, actor="t", session=db_session
    )
    share = len(on_candidate(db_session, candidate)) / len(REPOS) * 100
    assert abs(share - percent) <= 1.5, share


def test_split_is_sticky_and_raising_the_percentage_only_adds_repositories(db_session, versions):
    primary, candidate = versions
    usecases.set_policy(
        {"mode": "split", "candidate": candidate, "percent": 20}, actor="t", session=db_session
    )
    first = on_candidate(db_session, candidate)
    assert on_candidate(db_session, candidate) == first  # every push of a PR lands on the same version
    sample = sorted(first)[:20]
    assert all(resolve_routing(r, session=db_session)["serve"] == candidate for r in sample)
    routing = resolve_routing(next(iter(first)), session=db_session)
    assert routing["serve_role"] == "split" and routing["mode"] == "split"
    outside = resolve_routing(next(r for r in REPOS if r not in first), session=db_session)
    assert outside["serve"] == primary and outside["serve_role"] == "primary"
    usecases.set_policy(
        {"mode": "split", "candidate": candidate, "percent": 40}, actor="t", session=db_session
    )
    assert first < on_candidate(db_session, candidate)


def test_overrides_and_policy_changes_apply_to_the_next_resolution(db_session, versions):
    primary, candidate = versions
    assert resolve_routing("acme/web", session=db_session)["shadow"] == []
    usecases.set_policy({"mode": "shadow", "candidate": candidate}, actor="t", session=db_session)
    assert resolve_routing("acme/web", session=db_session)["shadow"] == [candidate]
    usecases.set_policy({"mode": "off"}, actor="t", session=db_session, repository="ACME/web")
    routing = resolve_routing("acme/web", session=db_session)
    assert routing["shadow"] == [] and routing["override"] is True and routing["serve"] == primary
    assert resolve_routing("acme/other", session=db_session)["shadow"] == [candidate]
    assert resolve_routing(None, session=db_session)["serve"] == primary  # a bare diff: the primary
