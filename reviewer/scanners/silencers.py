"""``silencers``: a change that adds a foreign scanner silencer gets a finding for human review.

Assistants learn that ``# nosec`` or ``# nosemgrep`` makes a failing check pass. The project's own
``# reviewer: ignore[RULE] reason`` is not foreign (it needs a reason and stays listed); formatter
and type-checker pragmas (``# type: ignore``, ``# noqa: E501``) do not hide security findings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reviewer.findings import Category, Confidence, Location, RawFinding, ScanResult, Severity
from reviewer.scanners._files import iter_texts
from reviewer.scanners.base import ScanContext, Workspace
from reviewer.scanners.builtin import BuiltinScanner

RULE = "reviewer.foreign-silencer"


@dataclass(frozen=True)
class Silencer:
    tool: str
    regex: re.Pattern[str]


_ESLINT_SECURITY = (
    r"(?:security/|security-node/|no-unsanitized/|no-eval|no-implied-eval|no-new-func|react/no-danger|"
    r"detect-)"
)
SILENCERS: tuple[Silencer, ...] = (
    Silencer("bandit", re.compile(r"(?:#|//)\s*nosec\b", re.IGNORECASE)),
    Silencer("semgrep", re.compile(r"(?:#|//|/\*|--)\s*nosemgrep\b", re.IGNORECASE)),
    Silencer(
        "detect-secrets", re.compile(r"pragma:\s*allowlist[ -]?(?:next)?[ -]?(?:line)?[ -]?secret", re.I)
    ),
    Silencer("gitleaks", re.compile(r"(?:#|//)\s*gitleaks:allow\b", re.IGNORECASE)),
    Silencer("ruff/flake8-bandit", re.compile(r"#\s*noqa\s*:\s*(?:[A-Z]+\d*\s*,\s*)*S\d{3}", re.IGNORECASE)),
    Silencer("sonar", re.compile(r"(?:#|//)\s*NOSONAR\b")),
    Silencer("pylint", re.compile(r"#\s*pylint:\s*disable\s*=\s*[\w\-, ]*(?:eval-used|exec-used)")),
    Silencer(
        "eslint",
        re.compile(
            r"(?://|/\*)\s*eslint-disable(?:-next-line|-line)?"
            r"(?:\s*(?:\*/|$)|\s+[^\n]*" + _ESLINT_SECURITY + r")"
        ),
    ),
)


def find_silencers(line: str) -> str | None:
    """The tool whose silencer ``line`` carries, if any."""
    for silencer in SILENCERS:
        if silencer.regex.search(line):
            return silencer.tool
    return None


class SilencerScanner(BuiltinScanner):
    """Flags added lines that carry another tool's suppression comment."""

    name = "silencers"

    def scan(self, workspace: Workspace, ctx: ScanContext) -> ScanResult:
        skipped: list[tuple[str, str]] = []
        findings: list[RawFinding] = []
        for path, text in iter_texts(workspace, skipped):
            added = workspace.added_lines(path)
            for number, line in enumerate(text.splitlines(), start=1):
                if number not in added:
                    continue  # an old silencer is not this change's doing
                tool = find_silencers(line)
                if tool is None:
                    continue
                findings.append(
                    RawFinding(
                        scanner=self.name,
                        rule=RULE,
                        location=Location(path, number, number),
                        message=(
                            f"This change adds a {tool} suppression comment. It silences another scanner "
                            "rather than fixing the code: a human should confirm it is justified."
                        ),
                        severity=Severity.MEDIUM,
                        confidence=Confidence.HIGH,
                        category=Category.CONFIG,
                        fix=(
                            "Fix the flagged code, or replace the comment with "
                            "'# reviewer: ignore[RULE] reason' stating why it is safe."
                        ),
                    )
                )
        return ScanResult(findings=tuple(findings), skipped=tuple(skipped))
