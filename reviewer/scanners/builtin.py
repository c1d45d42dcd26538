"""A base for the scanners that ship inside reviewer: versioned with the package, always there."""

from __future__ import annotations

from reviewer import __version__
from reviewer.scanners.base import ScanContext


class BuiltinScanner:
    """In-process scanners (no external tool) inherit their version and availability from here."""

    name: str

    def version(self, ctx: ScanContext) -> str:
        return __version__

    def available(self, ctx: ScanContext) -> bool:
        return True
