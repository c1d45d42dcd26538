"""Per-repository review policy: when a check run fails, which checklist, comment or not.

Stored as JSON on the repository row (``repositories.policy``); a missing key falls back to
the service-wide default built from Settings, so a repository never configured still works.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from reviewer.findings import Severity
from reviewer.settings import Settings


class RepositoryPolicy(BaseModel):
    """The policy for one repository."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    threshold: str = Field(
        default="high", description="lowest severity that fails the check run (info..critical)"
    )
    checklist: str | None = Field(default=None, description="checklist id; default: the service's")
    checklist_version: str | None = Field(default=None, description="pinned version; default: latest")
    comment: bool = Field(default=False, description="post (and edit in place) a summary comment")

    @field_validator("threshold")
    @classmethod
    def _known_severity(cls, value: str) -> str:
        return Severity.parse(value).label

    @property
    def severity(self) -> Severity:
        return Severity.parse(self.threshold)


class PolicyUpdate(BaseModel):
    """A partial update: only the fields given change."""

    model_config = ConfigDict(extra="forbid")

    threshold: str | None = None
    checklist: str | None = Field(default=None, max_length=100, pattern=r"^[A-Za-z0-9_.-]+$")
    checklist_version: str | None = Field(default=None, max_length=50, pattern=r"^\d+(\.\d+)*$")
    comment: bool | None = None

    @field_validator("threshold")
    @classmethod
    def _known_severity(cls, value: str | None) -> str | None:
        return None if value is None else Severity.parse(value).label


def default_policy(settings: Settings) -> RepositoryPolicy:
    return RepositoryPolicy(
        threshold=settings.github_fail_on,
        checklist=None,
        checklist_version=None,
        comment=settings.github_comment,
    )


def effective_policy(stored: dict[str, Any] | None, settings: Settings) -> RepositoryPolicy:
    """The stored policy over the default; unknown stored keys are ignored, not fatal."""
    base = default_policy(settings).model_dump()
    known = {k: v for k, v in (stored or {}).items() if k in base and v is not None}
    return RepositoryPolicy(**{**base, **known})


def updated(stored: dict[str, Any] | None, update: PolicyUpdate) -> dict[str, Any]:
    """The JSON to store after ``update``: only explicit keys are kept (``null`` removes one),
    so a repository follows later changes of the service default for what it never set."""
    result = dict(stored or {})
    for key, value in update.model_dump(exclude_unset=True).items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = value
    known = {k: v for k, v in result.items() if k in RepositoryPolicy.model_fields}
    RepositoryPolicy(**known)  # validates the combination
    return known
