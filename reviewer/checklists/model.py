"""Frozen value types for verification checklists and their evaluation. No I/O.

A ``Checklist`` is one version of a checklist document (``checklists/<id>/<version>.yaml``),
already validated and upgraded to the current schema. A ``ChecklistResult`` is what one review
established about every item of that exact version, pinned by its content hash.
"""

from __future__ import annotations

import enum
import fnmatch
import re
from dataclasses import dataclass, field
from typing import Any

from reviewer.findings import Category, Finding

_VERSION = re.compile(r"^\d+(\.\d+)*$")


def version_key(version: str) -> tuple[int, ...]:
    """Order versions numerically ("1.10" after "1.9"); trailing zeros do not matter."""
    if not _VERSION.match(version):
        raise ValueError(f"not a checklist version: {version!r} (expected digits and dots, e.g. '1.0')")
    parts = [int(p) for p in version.split(".")]
    while len(parts) > 1 and parts[-1] == 0:
        parts.pop()
    return tuple(parts)


class ItemStatus(enum.StrEnum):
    FAILED = "failed"
    PASSED = "passed"  # covered by a scanner that ran OK, nothing found, no human needed
    NEEDS_HUMAN = "needs_human"


@dataclass(frozen=True)
class Evidence:
    """What can fail an item, and which scanners can vouch that nothing was found.

    A finding fails the item when its rule matches one of ``rules`` (shell-style globs),
    when it carries one of ``cwes``, or, with ``scanner_findings``, when any of ``scanners``
    reported it. Only ``scanners`` count as coverage for a ``passed`` status. Rule matches
    are explicit and CWE/scanner matches inferred: ``evaluate.map_findings`` lets the former
    take precedence across a checklist.
    """

    scanners: tuple[str, ...] = ()
    rules: tuple[str, ...] = ()
    cwes: tuple[int, ...] = ()
    scanner_findings: bool = False

    def matches_rule(self, finding: Finding) -> bool:
        return any(fnmatch.fnmatchcase(finding.rule, pattern) for pattern in self.rules)

    def matches_inferred(self, finding: Finding) -> bool:
        if set(finding.cwes) & set(self.cwes):
            return True
        return self.scanner_findings and bool(set(finding.scanners) & set(self.scanners))

    def matches(self, finding: Finding) -> bool:
        return self.matches_rule(finding) or self.matches_inferred(finding)

    def can_fail(self) -> bool:
        return bool(self.rules or self.cwes or (self.scanner_findings and self.scanners))

    def to_dict(self) -> dict[str, Any]:
        return {
            "scanners": list(self.scanners),
            "rules": list(self.rules),
            "cwes": list(self.cwes),
            "scanner_findings": self.scanner_findings,
        }


@dataclass(frozen=True)
class ChecklistItem:
    key: str
    title: str
    rationale: str
    category: Category
    cwes: tuple[int, ...]
    evidence: Evidence
    human_signoff: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "title": self.title,
            "rationale": self.rationale,
            "category": self.category.value,
            "cwes": list(self.cwes),
            "evidence": self.evidence.to_dict(),
            "human_signoff": self.human_signoff,
        }


@dataclass(frozen=True)
class Checklist:
    """One validated checklist version. ``content_hash`` is the sha256 of the file's content."""

    id: str
    version: str
    title: str
    description: str
    schema_version: int
    items: tuple[ChecklistItem, ...]
    content_hash: str
    source: str = ""  # where it was loaded from, for messages only

    @property
    def ref(self) -> str:
        return f"{self.id}@{self.version}"

    def item(self, key: str) -> ChecklistItem | None:
        for item in self.items:
            if item.key == key:
                return item
        return None

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": self.schema_version,
            "id": self.id,
            "version": self.version,
            "title": self.title,
            "description": self.description,
            "content_hash": self.content_hash,
            "items": [item.to_dict() for item in self.items],
        }


@dataclass(frozen=True)
class ItemResult:
    """One item's outcome in one review.

    ``findings`` are the fingerprints of the active findings that failed it; ``suppressed``
    those that would have, had they not been suppressed. ``scanners`` are the scanners that
    covered it: its evidence scanners that ran OK, and any scanner whose finding failed it.
    """

    key: str
    status: ItemStatus
    findings: tuple[str, ...] = ()
    evidence: str = ""
    scanners: tuple[str, ...] = ()
    suppressed: tuple[str, ...] = ()
    title: str = ""
    category: Category | None = None
    human_signoff: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "title": self.title,
            "category": self.category.value if self.category else None,
            "status": self.status.value,
            "human_signoff": self.human_signoff,
            "findings": list(self.findings),
            "suppressed": list(self.suppressed),
            "scanners": list(self.scanners),
            "evidence": self.evidence,
        }


@dataclass(frozen=True)
class ChecklistResult:
    """A review's evaluation against one pinned checklist version.

    ``findings`` are the review's findings with ``checklist_items`` filled in; they are not
    part of ``to_dict`` (findings are serialised with the review, items reference them by
    fingerprint).
    """

    checklist_id: str
    version: str
    content_hash: str
    items: tuple[ItemResult, ...]
    findings: tuple[Finding, ...] = field(default=(), compare=False)

    def item(self, key: str) -> ItemResult | None:
        for item in self.items:
            if item.key == key:
                return item
        return None

    def counts(self) -> dict[str, int]:
        counts = {status.value: 0 for status in ItemStatus}
        for item in self.items:
            counts[item.status.value] += 1
        return counts

    def to_dict(self) -> dict[str, Any]:
        return {
            "checklist": self.checklist_id,
            "version": self.version,
            "content_hash": self.content_hash,
            "counts": self.counts(),
            "items": [item.to_dict() for item in self.items],
        }
