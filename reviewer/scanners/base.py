"""The one Protocol every scanner implements, and what it is given to scan."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, runtime_checkable

from reviewer.changeset import Changeset
from reviewer.findings import ScanResult


@dataclass(frozen=True)
class Workspace:
    """A temporary directory holding the post-image of every reviewable file.

    ``files`` maps the repository-relative path to its absolute path inside ``root``; nothing
    outside ``root`` is ever written.
    """

    root: Path
    files: dict[str, Path]
    changeset: Changeset

    def added_lines(self, path: str) -> frozenset[int]:
        for f in self.changeset.files:
            if f.path == path:
                return f.added_lines
        return frozenset()


@dataclass(frozen=True)
class ScanContext:
    """Per-run knobs a scanner may need; built from Settings by the caller."""

    timeout_s: float = 60.0
    rules_dir: Path | None = None
    tool_paths: dict[str, str] = field(default_factory=dict)  # e.g. {"semgrep": "/path/bin/semgrep"}
    max_output_bytes: int = 50 * 1024 * 1024
    options: dict[str, str] = field(default_factory=dict)


@runtime_checkable
class Scanner(Protocol):
    """A source of raw findings.

    ``scan`` must not raise for bad input in the scanned code: it reports what it could not
    scan in ``ScanResult.skipped``. It raises ``ScannerError`` when the scanner itself fails;
    the pipeline turns that (and time-outs) into a ``partial`` review.
    """

    name: str

    def version(self, ctx: ScanContext) -> str: ...

    def available(self, ctx: ScanContext) -> bool: ...

    def scan(self, workspace: Workspace, ctx: ScanContext) -> ScanResult: ...
