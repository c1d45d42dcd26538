"""A small fake scanner implementing the Protocol, for tests about the pipeline's own logic."""

from __future__ import annotations

from collections.abc import Callable

from reviewer.findings import Category, Confidence, Location, RawFinding, ScanResult, Severity
from reviewer.scanners.base import ScanContext, Workspace


def raw(
    rule: str,
    path: str,
    line: int,
    *,
    scanner: str = "fake",
    cwes: tuple[int, ...] = (78,),
    severity: Severity = Severity.HIGH,
    category: Category = Category.VALIDATION,
    end_line: int | None = None,
    secret: str | None = None,
    message: str = "bad thing",
    fix: str = "do the safe thing",
    confidence: Confidence = Confidence.MEDIUM,
) -> RawFinding:
    return RawFinding(
        scanner=scanner,
        rule=rule,
        location=Location(path, line, end_line or line),
        message=message,
        severity=severity,
        confidence=confidence,
        category=category,
        cwes=cwes,
        fix=fix,
        secret=secret,
    )


class FakeScanner:
    """Returns findings computed from the workspace by ``produce``, or raises ``error``."""

    def __init__(
        self,
        name: str,
        produce: Callable[[Workspace], list[RawFinding]] | None = None,
        error: BaseException | None = None,
    ) -> None:
        self.name = name
        self._produce = produce or (lambda ws: [])
        self._error = error

    def version(self, ctx: ScanContext) -> str:
        return "0.0-test"

    def available(self, ctx: ScanContext) -> bool:
        return True

    def scan(self, workspace: Workspace, ctx: ScanContext) -> ScanResult:
        if self._error is not None:
            raise self._error
        return ScanResult(findings=tuple(self._produce(workspace)))
