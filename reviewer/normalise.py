"""Raw scanner findings -> reportable ``Finding`` values.

Snippets come from our own workspace files (scanners' JSON may hide them); secrets are hashed
and masked; identity is a fingerprint without line numbers; findings off the changed lines are
dropped (or flagged with ``all_lines``); two scanners flagging the same line for the same
weakness become one finding; inline and baseline suppressions are applied, never dropping.
"""

from __future__ import annotations

import ast
import textwrap
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from reviewer import suppressions
from reviewer.findings import (
    Category,
    Confidence,
    Finding,
    Location,
    RawFinding,
    Severity,
    Suppression,
    fingerprint,
)
from reviewer.ingest.filetext import source_lines
from reviewer.masking import mask_literals, mask_secret, mask_value_in, secret_hash
from reviewer.scanners.base import Workspace

SUPPRESSION_WITHOUT_REASON = "reviewer.suppression-without-reason"
SNIPPET_LINES = 5
_BASELINE = Suppression("baseline", "accepted in the baseline")
SNIPPET_WIDTH = 160
# When two scanners report one weakness, the finding keeps the rule of the most specific source:
# the project's own rules first, generic linters last.
_SCANNER_RANK = {
    "semgrep": 0,
    "structure": 1,
    "reviewer-secrets": 2,
    "dependencies": 3,
    "silencers": 4,
    "bandit": 5,
    "detect-secrets": 6,
    "classifier": 7,
}


@dataclass
class _Draft:
    finding: Finding
    rules: set[str] = field(default_factory=set)
    # Every merged member's own fingerprint: a baseline made when another scanner "won" the
    # merge (or one scanner failed) still matches.
    fingerprints: set[str] = field(default_factory=set)

    def specificity(self) -> tuple[int, int, int, int, str]:
        f = self.finding
        span = f.location.end_line - f.location.start_line
        return (-len(f.cwes), _SCANNER_RANK.get(f.scanners[0], 50), span, -int(f.confidence), f.rule)


class _Files:
    """Lines of the workspace's files, read once each."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self._cache: dict[str, list[str]] = {}
        self._statements: dict[str, dict[int, tuple[int, int]]] = {}

    def relpath(self, path: str) -> str:
        if path in self.workspace.files:
            return path
        try:
            rel = Path(path).resolve().relative_to(self.workspace.root).as_posix()
        except (ValueError, OSError):
            return path
        return rel if rel in self.workspace.files else path

    def lines(self, path: str) -> list[str]:
        if path not in self._cache:
            target = self.workspace.files.get(path)
            try:
                # Bytes, not read_text: universal newlines would turn a lone CR into a line break.
                text = target.read_bytes().decode("utf-8", "replace") if target is not None else ""
            except OSError:
                text = ""
            self._cache[path] = source_lines(text)
        return self._cache[path]

    def statement_span(self, location: Location) -> tuple[int, int]:
        """The lines of the Python statement(s) holding ``location``: scanners report one flaw on
        different lines of a multi-line statement (semgrep at the tainted argument, bandit at the
        call or at ``shell=True``). Other files, and files that do not parse: the location's own."""
        own = _own_span(location)
        if not location.path.endswith((".py", ".pyw")):
            return own
        if location.path not in self._statements:
            self._statements[location.path] = _statement_lines("\n".join(self.lines(location.path)))
        spans = self._statements[location.path]
        first, last = spans.get(own[0], own), spans.get(own[1], own)
        return min(first[0], own[0]), max(last[1], own[1])


def _statement_lines(text: str) -> dict[int, tuple[int, int]]:
    """line -> (first, last) line of the innermost statement on it; a compound statement
    (``if``, ``def``, ``with``...) counts by its header only. Parsed, never executed."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # invalid escape sequences in scanned code
            tree = ast.parse(text)
    except (SyntaxError, ValueError, RecursionError):
        return {}
    spans: dict[int, tuple[int, int]] = {}
    # ast.walk is breadth-first: inner statements come later and overwrite their parents' lines.
    for node in ast.walk(tree):
        if not isinstance(node, ast.stmt):
            continue
        end = node.end_lineno or node.lineno
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.stmt):
            end = max(node.lineno, body[0].lineno - 1)
        for line in range(node.lineno, end + 1):
            spans[line] = (node.lineno, end)
    return spans


def _span(lines: list[str], start: int, end: int) -> list[str]:
    end = max(start, end)
    return lines[max(0, start - 1) : max(0, min(end, len(lines)))]


def _snippet(lines: list[str]) -> str:
    shown = textwrap.dedent("\n".join(line.rstrip() for line in lines[:SNIPPET_LINES])).strip("\n")
    clipped = [
        line if len(line) <= SNIPPET_WIDTH else line[: SNIPPET_WIDTH - 1] + "…" for line in shown.splitlines()
    ]
    if len(lines) > SNIPPET_LINES:
        clipped.append("…")
    return "\n".join(clipped)


def _on_changed(location: Location, added: frozenset[int]) -> bool:
    return any(
        n in added for n in range(location.start_line, max(location.start_line, location.end_line) + 1)
    )


def _checklist_keys(raw: RawFinding) -> tuple[str, ...]:
    keys: list[str] = []
    for name, value in raw.extra:
        if name in ("checklist", "checklist_item", "checklist_items"):
            keys += [k.strip() for k in value.split(",") if k.strip()]
    return tuple(dict.fromkeys(keys))


def _normalise(raw: RawFinding, files: _Files, added: frozenset[int]) -> Finding:
    path = files.relpath(raw.location.path)
    location = replace(raw.location, path=path, end_line=max(raw.location.start_line, raw.location.end_line))
    code_lines = _span(files.lines(path), location.start_line, location.end_line)
    snippet = _snippet(code_lines)
    message = raw.message
    hashed = None
    if raw.secret:
        hashed = secret_hash(raw.secret)
        preview = mask_secret(raw.secret)
        snippet = mask_value_in(snippet, raw.secret, preview)
        message = mask_value_in(message, raw.secret, preview)
        identity = hashed
    else:
        identity = "\n".join(code_lines)
    if raw.category is Category.SECRETS:
        snippet = mask_literals(snippet)
    return Finding(
        rule=raw.rule,
        scanners=(raw.scanner,),
        category=raw.category,
        cwes=tuple(sorted(set(raw.cwes))),
        severity=raw.severity,
        confidence=raw.confidence,
        location=location,
        message=message,
        fix=raw.fix,
        snippet=snippet,
        fingerprint=fingerprint(raw.rule, path, identity),
        checklist_items=_checklist_keys(raw),
        secret_hash=hashed,
        on_changed_line=_on_changed(location, added),
    )


Span = Callable[[Location], tuple[int, int]]


def _own_span(location: Location) -> tuple[int, int]:
    return location.start_line, max(location.start_line, location.end_line)


def _same_weakness(a: Finding, b: Finding, span: Span = _own_span) -> bool:
    if a.location.path != b.location.path:
        return False
    (a_start, a_end), (b_start, b_end) = span(a.location), span(b.location)
    if a_start > b_end or b_start > a_end:
        return False
    if a.cwes and b.cwes:
        return bool(set(a.cwes) & set(b.cwes))
    return a.category == b.category


def _merge(cluster: list[_Draft]) -> _Draft:
    best = min(cluster, key=_Draft.specificity)
    members = [d.finding for d in cluster]
    merged = replace(
        best.finding,
        scanners=tuple(sorted({s for f in members for s in f.scanners})),
        cwes=tuple(sorted({c for f in members for c in f.cwes})),
        severity=max(f.severity for f in members),
        confidence=max(f.confidence for f in members),
        fix=best.finding.fix or next((f.fix for f in members if f.fix), ""),
        checklist_items=tuple(dict.fromkeys(k for f in members for k in f.checklist_items)),
        secret_hash=best.finding.secret_hash or next((f.secret_hash for f in members if f.secret_hash), None),
        on_changed_line=any(f.on_changed_line for f in members),
    )
    return _Draft(
        merged, {r for d in cluster for r in d.rules}, {fp for d in cluster for fp in d.fingerprints}
    )


def merge_duplicates(drafts: list[_Draft], span: Span = _own_span) -> list[_Draft]:
    """Cluster findings on overlapping lines of one file that share a CWE (or, without CWEs, a
    category), and keep one per cluster. ``span`` widens a location to the lines that count
    (its whole statement)."""
    clusters: list[list[_Draft]] = []
    for draft in sorted(drafts, key=lambda d: (d.finding.location, d.finding.rule, d.finding.scanners)):
        home = next(
            (c for c in clusters if any(_same_weakness(draft.finding, other.finding, span) for other in c)),
            None,
        )
        if home is None:
            clusters.append([draft])
        else:
            home.append(draft)
    return [_merge(c) if len(c) > 1 else c[0] for c in clusters]


def _reasonless(files: _Files, *, all_lines: bool) -> list[Finding]:
    """A ``reviewer: ignore[...]`` without a reason on a changed line is itself a finding."""
    found = []
    for path in sorted(files.workspace.files):
        added = files.workspace.added_lines(path)
        for number, text in enumerate(files.lines(path), 1):
            if not all_lines and number not in added:
                continue
            parsed = suppressions.parse_line(text, number)
            if parsed is None or parsed.reason:
                continue
            found.append(
                Finding(
                    rule=SUPPRESSION_WITHOUT_REASON,
                    scanners=("reviewer",),
                    category=Category.CONFIG,
                    cwes=(),
                    severity=Severity.LOW,
                    confidence=Confidence.HIGH,
                    location=Location(path, number, number),
                    message="Suppression comment without a reason is not honoured: say why the "
                    "finding does not apply after the bracket.",
                    fix="Write `# reviewer: ignore[RULE] <why this is safe>`, or fix the finding.",
                    snippet=_snippet([text]),
                    fingerprint=fingerprint(SUPPRESSION_WITHOUT_REASON, path, text),
                    on_changed_line=number in added,
                )
            )
    return found


def _suppress(draft: _Draft, files: _Files, baseline: frozenset[str]) -> Finding:
    finding = draft.finding
    lines = files.lines(finding.location.path)
    for inline in suppressions.find(lines, finding.location.start_line):
        if inline.reason and inline.matches(draft.rules | {finding.rule}, finding.cwes, finding.category):
            return replace(finding, suppression=Suppression("inline", inline.reason))
    if (draft.fingerprints | {finding.fingerprint}) & baseline:
        return replace(finding, suppression=_BASELINE)
    return finding


def build_findings(
    raw: list[RawFinding] | tuple[RawFinding, ...],
    workspace: Workspace,
    *,
    all_lines: bool = False,
    baseline: frozenset[str] = frozenset(),
) -> list[Finding]:
    """Normalise, filter to changed lines (unless ``all_lines``), merge, suppress; sorted."""
    files = _Files(workspace)
    drafts: list[_Draft] = []
    for item in raw:
        path = files.relpath(item.location.path)
        finding = _normalise(item, files, workspace.added_lines(path))
        if finding.on_changed_line or all_lines:
            drafts.append(_Draft(finding, {finding.rule}, {finding.fingerprint}))
    merged = merge_duplicates(drafts, files.statement_span)
    findings = [_suppress(d, files, baseline) for d in merged]
    findings += [
        f if f.fingerprint not in baseline else replace(f, suppression=_BASELINE)
        for f in _reasonless(files, all_lines=all_lines)
    ]
    return sorted(findings, key=lambda f: (*f.sort_key(), f.fingerprint))
