from __future__ import annotations

import datetime as dt

import pytest

from reviewer.errors import UsageError
from reviewer.models_policy.guard import GuardDecision
from reviewer.models_policy.registry import RegisteredModel, Registry, promote, register, rollback
from reviewer.models_policy.routing import DeploymentPolicy, Mode, PolicySet, bucket, in_split, route

AT = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
REPOS = [f"org{i % 37}/service-{i}" for i in range(20_000)]


def model(version: str) -> RegisteredModel:
    return RegisteredModel("clf", version, f"{int(version.replace('.', '')):064x}", 1000, AT)


def registry_with(primary: str = "1.0", candidate: str = "2.0") -> Registry:
    registry = Registry()
    for version in (primary, candidate):
        registry, _ = register(registry, model(version), actor="admin", at=AT)
    registry, _ = promote(
        registry, f"clf@{primary}", GuardDecision(f"clf@{primary}", True), actor="a", reason="r", at=AT
    )
    return registry


def test_off_serves_the_primary_only():
    routing = route(PolicySet(), registry_with(), "acme/api")
    assert (routing.serve, routing.shadow, routing.mode) == ("clf@1.0", (), Mode.OFF)


def test_shadow_never_changes_who_serves():
    policies = PolicySet().with_default(DeploymentPolicy(Mode.SHADOW, "clf@2.0"))
    for repo in REPOS[:500]:
        routing = route(policies, registry_with(), repo)
        assert routing.serve == "clf@1.0" and routing.shadow == ("clf@2.0",)


@pytest.mark.parametrize("percent", [5.0, 20.0, 50.0])
def test_split_is_close_to_the_configured_share(percent):
    policies = PolicySet().with_default(DeploymentPolicy(Mode.SPLIT, "clf@2.0", percent))
    registry = registry_with()
    served = sum(route(policies, registry, repo).serve == "clf@2.0" for repo in REPOS)
    assert abs(served / len(REPOS) * 100 - percent) < 1.0


def test_split_is_sticky_and_case_insensitive():
    policies = PolicySet().with_default(DeploymentPolicy(Mode.SPLIT, "clf@2.0", 30.0))
    registry = registry_with()
    first = {repo: route(policies, registry, repo).serve for repo in REPOS[:2000]}
    for _ in range(3):
        assert {repo: route(policies, registry, repo).serve for repo in REPOS[:2000]} == first
    assert route(policies, registry, "Acme/API").serve == route(policies, registry, "acme/api").serve


def test_raising_the_share_only_adds_repositories():
    salt = "clf@2.0"
    at_10 = {r for r in REPOS if in_split(r, 10, salt)}
    at_25 = {r for r in REPOS if in_split(r, 25, salt)}
    assert at_10 < at_25
    assert {r for r in REPOS if in_split(r, 0, salt)} == set()
    assert {r for r in REPOS if in_split(r, 100, salt)} == set(REPOS)


def test_each_candidate_gets_a_fresh_sample():
    a = {r for r in REPOS if in_split(r, 10, "clf@2.0")}
    b = {r for r in REPOS if in_split(r, 10, "clf@3.0")}
    assert 0.05 < len(a & b) / len(a) < 0.2  # about 10% overlap by chance, not the same set
    assert 0 <= bucket("x/y", "s") < 10_000


def test_mirror_scores_the_other_version_in_shadow():
    policies = PolicySet().with_default(DeploymentPolicy(Mode.SPLIT, "clf@2.0", 50.0, mirror=True))
    registry = registry_with()
    for repo in REPOS[:200]:
        routing = route(policies, registry, repo)
        assert {routing.serve, *routing.shadow} == {"clf@1.0", "clf@2.0"}


def test_override_per_repository():
    policies = (
        PolicySet()
        .with_default(DeploymentPolicy(Mode.SHADOW, "clf@2.0"))
        .with_override("Acme/Early", DeploymentPolicy(Mode.SPLIT, "clf@2.0", 100.0))
        .with_override("acme/legacy", DeploymentPolicy())
    )
    registry = registry_with()
    early, legacy, other = (route(policies, registry, r) for r in ("acme/early", "acme/legacy", "acme/x"))
    assert (early.serve, early.override) == ("clf@2.0", True)
    assert (legacy.serve, legacy.shadow) == ("clf@1.0", ())
    assert (other.serve, other.shadow, other.override) == ("clf@1.0", ("clf@2.0",), False)
    assert policies.revision == 3
    assert policies.with_override("acme/early", None).for_repository("acme/early") == (
        policies.default,
        False,
    )


def test_promotion_mid_stream_switches_new_reviews_only():
    registry = registry_with()
    policies = PolicySet().with_default(DeploymentPolicy(Mode.SHADOW, "clf@2.0"))
    in_flight = route(policies, registry, "acme/api")  # a review started: it keeps this value
    registry, _ = promote(
        registry, "clf@2.0", GuardDecision("clf@2.0", True), actor="a", reason="better", at=AT
    )
    policies = policies.without_candidate("clf@2.0")
    after = route(policies, registry, "acme/api")
    assert (in_flight.serve, in_flight.shadow, in_flight.policy_revision) == ("clf@1.0", ("clf@2.0",), 1)
    assert (after.serve, after.shadow, after.policy_revision) == ("clf@2.0", (), 2)
    registry, _ = rollback(registry, actor="a", reason="regression", at=AT)
    assert route(policies, registry, "acme/api").serve == "clf@1.0"


def test_a_retired_or_unknown_candidate_is_ignored_with_a_note():
    policies = PolicySet().with_default(DeploymentPolicy(Mode.SPLIT, "clf@9.9", 100.0))
    routing = route(policies, registry_with(), "acme/api")
    assert routing.serve == "clf@1.0" and "clf@9.9 is not registered" in routing.note


def test_split_without_a_repository_serves_the_primary():
    policies = PolicySet().with_default(DeploymentPolicy(Mode.SPLIT, "clf@2.0", 100.0))
    routing = route(policies, registry_with(), None)
    assert routing.serve == "clf@1.0" and routing.note == "no repository"


def test_no_models_means_rules_only():
    assert route(PolicySet(), Registry(), "acme/api").serve is None


@pytest.mark.parametrize(
    "policy",
    [
        DeploymentPolicy(Mode.SHADOW),
        DeploymentPolicy(Mode.SPLIT, "clf@2.0", 120.0),
        DeploymentPolicy(Mode.SHADOW, "clf@2.0", 10.0),
    ],
)
def test_invalid_policies_are_refused(policy):
    with pytest.raises(UsageError):
        PolicySet().with_default(policy)


def test_policy_set_round_trips_through_json():
    import json

    policies = (
        PolicySet()
        .with_default(DeploymentPolicy(Mode.SPLIT, "clf@2.0", 12.5, mirror=True))
        .with_override("acme/api", DeploymentPolicy(Mode.SHADOW, "clf@2.0"))
    )
    assert PolicySet.from_dict(json.loads(json.dumps(policies.to_dict()))) == policies
    with pytest.raises(UsageError, match="mode must be"):
        DeploymentPolicy.from_dict({"mode": "canary"})
    with pytest.raises(UsageError, match="percent"):
        DeploymentPolicy.from_dict({"mode": "split", "candidate": "c@1", "percent": "lots"})
