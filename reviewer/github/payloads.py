"""Webhook payload models: the few fields of GitHub's events that the integration reads.

Parsed only after the signature has been verified. Unknown fields are ignored so that GitHub
adding fields never breaks the webhook; missing required ones raise ``InputError``.
"""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError

from reviewer.errors import InputError

# Actions of ``pull_request`` that change the code under review (or make a draft reviewable).
REVIEW_ACTIONS = frozenset({"opened", "synchronize", "reopened", "ready_for_review"})


class _Model(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class Account(_Model):
    login: str
    id: int | None = None


class Repository(_Model):
    id: int
    name: str
    full_name: str
    private: bool = False
    owner: Account | None = None

    @property
    def owner_login(self) -> str:
        return self.full_name.split("/", 1)[0]


class InstallationRef(_Model):
    id: int
    account: Account | None = None


class GitRef(_Model):
    sha: str
    ref: str = ""


class PullRequest(_Model):
    number: int
    head: GitRef
    base: GitRef
    html_url: str = ""
    title: str = ""
    draft: bool = False
    state: str = "open"


class PullRequestEvent(_Model):
    action: str
    number: int
    pull_request: PullRequest
    repository: Repository
    installation: InstallationRef | None = None

    @property
    def reviewable(self) -> bool:
        """Whether this event should start a review (draft PRs wait for ready_for_review)."""
        return self.action in REVIEW_ACTIONS and not self.pull_request.draft


class RepositoryRef(_Model):
    id: int
    name: str
    full_name: str
    private: bool = False


class CheckRunRef(_Model):
    id: int
    name: str
    head_sha: str
    external_id: str | None = None


class CheckRunEvent(_Model):
    """``check_run``: the App only acts on ``rerequested`` (someone pressed "Re-run")."""

    action: str
    check_run: CheckRunRef
    repository: Repository
    installation: InstallationRef | None = None


class InstallationEvent(_Model):
    action: str  # created | deleted | suspend | unsuspend | new_permissions_accepted
    installation: InstallationRef
    repositories: list[RepositoryRef] = []


class InstallationRepositoriesEvent(_Model):
    action: str  # added | removed
    installation: InstallationRef
    repositories_added: list[RepositoryRef] = []
    repositories_removed: list[RepositoryRef] = []


M = TypeVar("M", bound=_Model)


def parse_event(model: type[M], payload: dict[str, Any]) -> M:
    """Validate ``payload`` as ``model``; a shape GitHub would never send is an ``InputError``."""
    try:
        return model.model_validate(payload)
    except ValidationError as exc:
        fields = ", ".join(".".join(str(p) for p in err["loc"]) for err in exc.errors()[:5])
        raise InputError(f"webhook payload is missing or has invalid fields: {fields}") from None
