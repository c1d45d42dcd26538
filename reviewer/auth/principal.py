"""Roles and the authenticated caller, as frozen values (no I/O)."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from reviewer.errors import NotFound, PermissionDenied


class Role(enum.IntEnum):
    """Ordered: each role may do everything the roles below it may."""

    VIEWER = 1  # read reviews, findings, checklists
    TRIAGER = 2  # + submit reviews, triage findings, sign off checklist items
    ADMIN = 3  # + manage tokens, policies and model versions

    @classmethod
    def parse(cls, text: str) -> Role:
        try:
            return cls[text.strip().upper()]
        except KeyError:
            raise ValueError(f"unknown role {text!r} (expected viewer, triager or admin)") from None

    @property
    def label(self) -> str:
        return self.name.lower()


@dataclass(frozen=True)
class Principal:
    """An authenticated caller. ``repositories`` None means every repository."""

    name: str
    role: Role
    repositories: frozenset[str] | None
    token_id: int | None = None
    user_id: int | None = None

    def require(self, role: Role) -> None:
        if self.role < role:
            raise PermissionDenied(f"this needs the {role.label} role; you have {self.role.label}")

    def can_see(self, repository: str) -> bool:
        return self.repositories is None or repository in self.repositories

    def require_repository(self, repository: str) -> None:
        """A repository outside the grants is reported as missing, so it does not leak."""
        if not self.can_see(repository):
            raise NotFound("not found")
