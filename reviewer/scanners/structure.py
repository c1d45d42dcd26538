"""``structure``: tree-sitter checks that patterns cannot express well.

(a) A route handler without authentication/authorisation while sibling handlers in the same file
have it (CWE-862, CWE-306). (b) An object fetched by a request-supplied id with no ownership check
(CWE-639, CWE-863). Python (Flask, FastAPI, Django) and express in JavaScript/TypeScript. Files are
parsed, never executed.
"""

from __future__ import annotations

import re

from reviewer import __version__
from reviewer.detect.access import AccessIssue, missing_auth, unscoped_fetches
from reviewer.detect.routes import Handler, js_handlers, python_handlers
from reviewer.detect.syntax import PYTHON, language_for
from reviewer.findings import Category, Confidence, Location, RawFinding, ScanResult, Severity
from reviewer.scanners._files import iter_texts
from reviewer.scanners.base import ScanContext, Workspace

MISSING_AUTH_RULE = "reviewer.structure.missing-authorization"
IDOR_RULE = "reviewer.structure.unscoped-object-access"


# Parsing is the expensive part: only files that can declare a route are parsed.
_PY_ROUTE_HINT = re.compile(
    r"@[\w.]+\.(?:route|get|post|put|patch|delete|api_route|websocket)\(|def \w+\(\s*request\b"
)
_JS_ROUTE_HINT = re.compile(r"\.(?:get|post|put|patch|delete|all)\(\s*[\"'`]")


def _bundled(text: str) -> bool:
    """Minified bundles hold no hand-written routes and cost seconds to walk."""
    return len(text) > 200_000 and max(map(len, text.splitlines()), default=0) > 5_000


def handlers_in(path: str, text: str) -> list[Handler]:
    lang = language_for(path)
    if lang is None:
        return []
    if not (_PY_ROUTE_HINT if lang == PYTHON else _JS_ROUTE_HINT).search(text):
        return []
    if lang == PYTHON:
        return python_handlers(text, path)
    return js_handlers(text, lang)


def _finding(path: str, issue: AccessIssue) -> RawFinding:
    if issue.kind == "missing-auth":
        return RawFinding(
            scanner=StructureScanner.name,
            rule=MISSING_AUTH_RULE,
            location=Location(path, issue.line, issue.end_line),
            message=issue.detail,
            severity=Severity.HIGH,
            confidence=Confidence.MEDIUM,
            category=Category.ACCESS_CONTROL,
            cwes=(862, 306),
            fix="Protect the handler like its siblings (decorator, dependency or middleware), "
            "or mark it public deliberately with a reviewer suppression and a reason.",
        )
    return RawFinding(
        scanner=StructureScanner.name,
        rule=IDOR_RULE,
        location=Location(path, issue.line, issue.end_line),
        message=issue.detail,
        severity=Severity.HIGH,
        confidence=Confidence.MEDIUM,
        category=Category.ACCESS_CONTROL,
        cwes=(639, 863),
        fix="Scope the query to the caller (filter by owner/user/tenant) or compare the object's owner "
        "with the current user and answer 403/404 when they differ.",
    )


def _touches(issue: AccessIssue, added: frozenset[int]) -> bool:
    h = issue.handler
    return any(n in added for n in range(h.first_line, h.last_line + 1))


class StructureScanner:
    """Structural access-control checks over route handlers (tree-sitter)."""

    name = "structure"

    def version(self, ctx: ScanContext) -> str:
        import tree_sitter

        return f"{__version__} (tree-sitter {getattr(tree_sitter, '__version__', '?')})"

    def available(self, ctx: ScanContext) -> bool:
        return True

    def scan(self, workspace: Workspace, ctx: ScanContext) -> ScanResult:
        skipped: list[tuple[str, str]] = []
        findings: list[RawFinding] = []
        for path, text in iter_texts(workspace, skipped):
            if language_for(path) is None:
                continue
            if _bundled(text):
                skipped.append((path, "minified or bundled code: not parsed"))
                continue
            handlers = handlers_in(path, text)
            if not handlers:
                continue
            added = workspace.added_lines(path)
            issues = missing_auth(handlers)
            for h in handlers:
                issues.extend(unscoped_fetches(h))
            # Only handlers this change touches are news; the pipeline narrows to lines again.
            findings.extend(_finding(path, i) for i in issues if _touches(i, added))
        return ScanResult(findings=tuple(findings), skipped=tuple(skipped))
