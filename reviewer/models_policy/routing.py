"""Which model version serves a review and which runs in shadow: per installation, per repository.

- ``off``: the primary serves; nothing else runs.
- ``shadow``: the primary serves; the candidate scores the same units, never reported.
- ``split``: ``percent`` of repositories are served by the candidate, the rest by the primary.
  The choice is sticky: a repository's bucket is a hash of (salt, repository), so a pull request
  never flips between models from one push to the next, and raising the percentage only adds
  repositories (those already on the candidate stay). The salt defaults to the candidate's ref,
  so each new candidate gets a fresh sample. With ``mirror`` the version not serving runs in
  shadow, so both are scored on the same units.

A review computes its ``Routing`` once, when it starts, and keeps it: a policy change,
promotion or rollback affects new reviews only.
"""

from __future__ import annotations

import dataclasses
import enum
import hashlib
from dataclasses import dataclass, field
from typing import Any

from reviewer.errors import UsageError
from reviewer.models_policy.registry import ModelState, Registry

BUCKETS = 10_000  # basis points: percentages with two decimals are exact


class Mode(enum.StrEnum):
    OFF = "off"
    SHADOW = "shadow"
    SPLIT = "split"


@dataclass(frozen=True)
class DeploymentPolicy:
    mode: Mode = Mode.OFF
    candidate: str | None = None
    percent: float = 0.0  # split only
    mirror: bool = False  # split only: the version not serving runs in shadow
    salt: str | None = None  # None = the candidate's ref

    def validate(self) -> DeploymentPolicy:
        if self.mode is not Mode.OFF and not self.candidate:
            raise UsageError(f"mode {self.mode.value} needs a candidate model version")
        if not 0.0 <= self.percent <= 100.0:
            raise UsageError(f"split percent must be within 0..100 (got {self.percent})")
        if self.mode is not Mode.SPLIT and (self.percent or self.mirror):
            raise UsageError("percent and mirror apply to mode split only")
        return self

    def to_dict(self) -> dict[str, Any]:
        return {
            "mode": self.mode.value,
            "candidate": self.candidate,
            "percent": self.percent,
            "mirror": self.mirror,
            "salt": self.salt,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DeploymentPolicy:
        """Build and validate from ``to_dict``'s shape (stored JSON or an API body)."""
        try:
            mode = Mode(str(data.get("mode", "off")))
        except ValueError:
            raise UsageError(f"mode must be one of {', '.join(m.value for m in Mode)}") from None
        candidate = data.get("candidate")
        salt = data.get("salt")
        try:
            percent = float(data.get("percent", 0.0))
        except (TypeError, ValueError):
            raise UsageError("percent must be a number") from None
        return cls(
            mode,
            str(candidate) if candidate else None,
            percent,
            bool(data.get("mirror", False)),
            str(salt) if salt else None,
        ).validate()


@dataclass(frozen=True)
class PolicySet:
    """The installation's policy, per-repository overrides, and a revision bumped on each change."""

    default: DeploymentPolicy = field(default_factory=DeploymentPolicy)
    overrides: tuple[tuple[str, DeploymentPolicy], ...] = ()  # (owner/name, policy), lower-case names
    revision: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "revision": self.revision,
            "default": self.default.to_dict(),
            "overrides": {name: policy.to_dict() for name, policy in self.overrides},
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PolicySet:
        overrides = data.get("overrides") or {}
        return cls(
            DeploymentPolicy.from_dict(data.get("default") or {}),
            tuple(
                sorted((name.strip().lower(), DeploymentPolicy.from_dict(p)) for name, p in overrides.items())
            ),
            int(data.get("revision", 0)),
        )

    def for_repository(self, repository: str | None) -> tuple[DeploymentPolicy, bool]:
        """The policy that applies, and whether it is an override."""
        if repository:
            key = repository.strip().lower()
            for name, policy in self.overrides:
                if name == key:
                    return policy, True
        return self.default, False

    def with_default(self, policy: DeploymentPolicy) -> PolicySet:
        return PolicySet(policy.validate(), self.overrides, self.revision + 1)

    def with_override(self, repository: str, policy: DeploymentPolicy | None) -> PolicySet:
        """Set (or, with None, remove) one repository's override."""
        key = repository.strip().lower()
        if not key:
            raise UsageError("an override needs a repository name")
        kept = tuple((name, p) for name, p in self.overrides if name != key)
        if policy is not None:
            kept = tuple(sorted((*kept, (key, policy.validate()))))
        return PolicySet(self.default, kept, self.revision + 1)

    def without_candidate(self, ref: str) -> PolicySet:
        """Every policy that names ``ref`` as candidate turned off (after it is promoted or retired)."""

        def clear(policy: DeploymentPolicy) -> DeploymentPolicy:
            return DeploymentPolicy() if policy.candidate == ref else policy

        overrides = tuple((name, clear(p)) for name, p in self.overrides)
        return PolicySet(clear(self.default), overrides, self.revision + 1)


@dataclass(frozen=True)
class Routing:
    """The decision for one review; store it with the review and use it to the end."""

    serve: str | None  # model ref whose predictions may become findings; None = rules only
    shadow: tuple[str, ...] = ()  # refs scored on the same units, never reported
    mode: Mode = Mode.OFF
    bucket: int | None = None  # 0..BUCKETS-1 in split mode
    policy_revision: int = 0
    override: bool = False
    note: str = ""  # why the policy could not be followed as written, when it could not

    def to_dict(self) -> dict[str, Any]:
        return {
            "serve": self.serve,
            "shadow": list(self.shadow),
            "mode": self.mode.value,
            "bucket": self.bucket,
            "policy_revision": self.policy_revision,
            "override": self.override,
            "note": self.note,
        }


def bucket(repository: str, salt: str) -> int:
    """A stable bucket in 0..BUCKETS-1 for a repository (case-insensitive owner/name)."""
    digest = hashlib.sha256(f"{salt}\0{repository.strip().lower()}".encode()).digest()
    return int.from_bytes(digest[:8], "big") % BUCKETS


def in_split(repository: str, percent: float, salt: str) -> bool:
    return bucket(repository, salt) < round(percent * BUCKETS / 100)


def route(policies: PolicySet, registry: Registry, repository: str | None) -> Routing:
    """Decide which version serves and which shadow for a review of ``repository``.

    A candidate that is missing or no longer a candidate is ignored (the primary serves) and
    the note says so. With no primary, reviews outside the split run rules-only.
    """
    policy, override = policies.for_repository(repository)
    primary = registry.primary.ref if registry.primary else None
    base = Routing(primary, (), Mode.OFF, None, policies.revision, override)
    if policy.mode is Mode.OFF or not policy.candidate:
        return base
    candidate = registry.find(policy.candidate)
    if candidate is None or candidate.state is not ModelState.CANDIDATE:
        state = "not registered" if candidate is None else candidate.state.value
        return dataclasses.replace(base, note=f"candidate {policy.candidate} is {state}; primary only")
    ref = candidate.ref
    if policy.mode is Mode.SHADOW:
        return dataclasses.replace(base, shadow=(ref,), mode=Mode.SHADOW)
    salt = policy.salt or ref
    if not repository:
        # No repository (a bare diff on the API): nothing to be sticky on, so the primary serves.
        return dataclasses.replace(
            base, shadow=(ref,) if policy.mirror else (), mode=Mode.SPLIT, note="no repository"
        )
    slot = bucket(repository, salt)
    on_candidate = in_split(repository, policy.percent, salt)
    serve = ref if on_candidate else primary
    other = primary if on_candidate else ref
    shadow = (other,) if policy.mirror and other else ()
    return Routing(serve, shadow, Mode.SPLIT, slot, policies.revision, override)
