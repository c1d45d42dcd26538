"""Frozen value types for findings and scanner results.

This module does no I/O and imports no database, HTTP or subprocess code, so every surface
(CLI, hook, API, worker) and every scanner can share it cheaply.
"""

from __future__ import annotations

import enum
import hashlib
import re
from dataclasses import dataclass


class Severity(enum.IntEnum):
    """Ordered so that ``finding.severity >= threshold`` works."""

    INFO = 0
    LOW = 1
    MEDIUM = 2
    HIGH = 3
    CRITICAL = 4

    @classmethod
    def parse(cls, text: str) -> Severity:
        try:
            return cls[text.strip().upper()]
        except KeyError:
            names = ", ".join(s.name.lower() for s in cls)
            raise ValueError(f"unknown severity {text!r} (expected one of: {names})") from None

    @property
    def label(self) -> str:
        return self.name.lower()


class Confidence(enum.IntEnum):
    LOW = 1
    MEDIUM = 2
    HIGH = 3

    @classmethod
    def parse(cls, text: str) -> Confidence:
        try:
            return cls[text.strip().upper()]
        except KeyError:
            raise ValueError(f"unknown confidence {text!r}") from None

    @property
    def label(self) -> str:
        return self.name.lower()


class Category(enum.StrEnum):
    VALIDATION = "validation"
    SECRETS = "secrets"
    ACCESS_CONTROL = "access-control"
    CRYPTO = "crypto"
    CONFIG = "config"
    DEPENDENCIES = "dependencies"


class ScannerState(enum.StrEnum):
    OK = "ok"
    FAILED = "failed"
    TIMED_OUT = "timed_out"
    SKIPPED = "skipped"


@dataclass(frozen=True, order=True)
class Location:
    path: str
    start_line: int
    end_line: int
    start_col: int = 1
    end_col: int = 0


_WS = re.compile(r"\s+")


def normalise_code(code: str) -> str:
    """Collapse whitespace so that re-indentation or re-wrapping keeps identity."""
    return _WS.sub(" ", code).strip()


def fingerprint(rule: str, path: str, matched_code: str) -> str:
    """Finding identity: rule, path and normalised code; never a line number."""
    digest = hashlib.sha256()
    for part in (rule, path, normalise_code(matched_code)):
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()[:32]


@dataclass(frozen=True)
class Suppression:
    """Why a finding is suppressed (it stays listed and counted)."""

    kind: str  # "inline" or "baseline"
    justification: str


@dataclass(frozen=True)
class RawFinding:
    """What a scanner reports, before normalisation.

    ``snippet`` may hold a secret in clear: it never leaves the pipeline, which masks it.
    """

    scanner: str
    rule: str
    location: Location
    message: str
    severity: Severity
    confidence: Confidence
    category: Category
    cwes: tuple[int, ...] = ()
    fix: str = ""
    secret: str | None = None  # the secret value, so the pipeline can hash and mask it
    extra: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Finding:
    """A normalised, reportable finding. Safe to store and print: secrets are masked."""

    rule: str
    scanners: tuple[str, ...]
    category: Category
    cwes: tuple[int, ...]
    severity: Severity
    confidence: Confidence
    location: Location
    message: str
    fix: str
    snippet: str
    fingerprint: str
    checklist_items: tuple[str, ...] = ()
    secret_hash: str | None = None
    suppression: Suppression | None = None
    on_changed_line: bool = True

    @property
    def suppressed(self) -> bool:
        return self.suppression is not None

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.location.path, self.location.start_line, -int(self.severity), self.rule)


@dataclass(frozen=True)
class ScannerStatus:
    """How one scanner's run went. Failures are data, not exceptions."""

    scanner: str
    state: ScannerState
    version: str = ""
    duration_s: float = 0.0
    detail: str = ""
    files_scanned: int = 0
    files_skipped: tuple[tuple[str, str], ...] = ()  # (path, reason)


@dataclass(frozen=True)
class ScanResult:
    """What a scanner returns."""

    findings: tuple[RawFinding, ...] = ()
    skipped: tuple[tuple[str, str], ...] = ()  # (path, reason) the scanner could not scan
    errors: tuple[str, ...] = ()


@dataclass(frozen=True)
class Notice:
    """Something the user should know about the review (decoding, skipped files...)."""

    level: str  # "info" | "warning" | "error"
    message: str
    path: str | None = None


@dataclass(frozen=True)
class ReviewOutcome:
    """The pure pipeline's output: findings, scanner statuses, checklist evaluation."""

    findings: tuple[Finding, ...]
    scanners: tuple[ScannerStatus, ...]
    notices: tuple[Notice, ...] = ()
    checklist: object | None = None  # reviewer.checklists.evaluate.ChecklistResult
    files_reviewed: int = 0
    lines_added: int = 0
    duration_s: float = 0.0

    @property
    def partial(self) -> bool:
        return any(s.state in (ScannerState.FAILED, ScannerState.TIMED_OUT) for s in self.scanners)

    @property
    def status(self) -> str:
        return "partial" if self.partial else "complete"

    def active(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if not f.suppressed)
