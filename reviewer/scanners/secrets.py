"""``reviewer-secrets``: the project's own secret detectors, beside detect-secrets.

Fixed-shape tokens (cloud, AI provider, GitHub, Slack, Stripe, JWT), private key blocks,
service-account JSON, URL passwords and secret-named literals with entropy and placeholder gates,
plus secrets written to logs or error messages. The value goes in ``RawFinding.secret`` only (the
pipeline hashes and masks it); messages name the variable or format, never the value.
"""

from __future__ import annotations

from reviewer.detect.secret_finder import SecretHit, find_secrets, is_fixture_path
from reviewer.findings import Category, Confidence, Location, RawFinding, ScanResult, Severity
from reviewer.scanners._files import iter_texts
from reviewer.scanners.base import ScanContext, Workspace
from reviewer.scanners.builtin import BuiltinScanner

RULE_PREFIX = "reviewer.secrets."


def _confidence(hit: SecretHit, fixture: bool) -> Confidence:
    if fixture:
        return Confidence.LOW
    return Confidence.MEDIUM if hit.generic else Confidence.HIGH


def _finding(path: str, hit: SecretHit) -> RawFinding:
    fixture = is_fixture_path(path)
    if hit.rule.startswith("secret-in-"):
        message = f"Possible secret exposure: {hit.title}."
    else:
        message = f"Hard-coded credential: {hit.title}."
    if fixture:
        message += " (test or example path: check whether it is real)"
    severity = hit.severity
    if fixture and severity > Severity.LOW:
        severity = Severity(severity - 1)
    return RawFinding(
        scanner=SecretPatternScanner.name,
        rule=RULE_PREFIX + hit.rule,
        location=Location(path, hit.line, hit.end_line, hit.col),
        message=message,
        severity=severity,
        confidence=_confidence(hit, fixture),
        category=Category.SECRETS,
        cwes=hit.cwes,
        fix=hit.fix,
        secret=hit.value or None,
    )


class SecretPatternScanner(BuiltinScanner):
    """Regex, entropy and context detectors for credentials. Runs in-process."""

    name = "reviewer-secrets"

    def scan(self, workspace: Workspace, ctx: ScanContext) -> ScanResult:
        skipped: list[tuple[str, str]] = []
        findings: list[RawFinding] = []
        for path, text in iter_texts(workspace, skipped):
            findings.extend(_finding(path, hit) for hit in find_secrets(path, text))
        return ScanResult(findings=tuple(findings), skipped=tuple(skipped))
