"""What a review looks like on GitHub: conclusion, markdown summary, annotations, comment.

Pure functions of a ``ReviewOutcome`` (no HTTP, no database), so the report can be rebuilt
and re-sent at any time without re-running the scanners. Output is sorted and deterministic.
Nothing here prints a snippet of a secret finding: its masked preview stays in the UI.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from reviewer.findings import Category, Finding, ReviewOutcome, ScannerState, Severity
from reviewer.masking import mask_literals

CHECK_NAME = "reviewer"
COMMENT_MARKER = "<!-- reviewer:summary -->"
ANNOTATIONS_PER_REQUEST = 50  # GitHub's limit per check-run request
MAX_TEXT = 65_535  # GitHub's limit on output.summary and output.text
MAX_ANNOTATION_MESSAGE = 64 * 1024
MAX_TITLE = 255


@dataclass(frozen=True)
class CheckReport:
    conclusion: str  # success | failure | neutral
    title: str
    summary: str
    annotations: tuple[dict[str, object], ...]

    def batches(self) -> list[list[dict[str, object]]]:
        """Annotations in GitHub-sized batches; at least one (possibly empty) batch."""
        items = list(self.annotations)
        size = ANNOTATIONS_PER_REQUEST
        return [items[i : i + size] for i in range(0, len(items), size)] or [[]]


def reportable(outcome: ReviewOutcome, dismissed: frozenset[str] = frozenset()) -> list[Finding]:
    """Findings that count: on changed lines, not suppressed, not triaged away."""
    return [
        f
        for f in outcome.findings
        if f.on_changed_line and not f.suppressed and f.fingerprint not in dismissed
    ]


def conclusion(
    outcome: ReviewOutcome,
    threshold: Severity,
    omissions: Iterable[str] = (),
    dismissed: frozenset[str] = frozenset(),
) -> str:
    """failure at the threshold; else neutral when anything went unreviewed; else success."""
    if any(f.severity >= threshold for f in reportable(outcome, dismissed)):
        return "failure"
    if outcome.partial or any(True for _ in omissions):
        return "neutral"
    return "success"


def _level(finding: Finding, threshold: Severity) -> str:
    if finding.severity >= threshold:
        return "failure"
    if finding.severity >= Severity.MEDIUM:
        return "warning"
    return "notice"


def _is_secret(finding: Finding) -> bool:
    return finding.category is Category.SECRETS or finding.secret_hash is not None


def _safe(finding: Finding, text: str) -> str:
    """Belt and braces: the pipeline masks secrets, and a secret finding's text is masked again
    here in case a scanner put the value in its message."""
    return mask_literals(text) if _is_secret(finding) else text


def annotation(finding: Finding, threshold: Severity) -> dict[str, object]:
    loc = finding.location
    start = max(1, loc.start_line)
    end = max(start, loc.end_line)
    message = _safe(finding, finding.message)
    if finding.fix:
        message += f"\n\nFix: {_safe(finding, finding.fix)}"
    cwes = ", ".join(f"CWE-{c}" for c in finding.cwes)
    title = _safe(finding, f"{finding.severity.label} {finding.category.value}: {finding.rule}")
    data: dict[str, object] = {
        "path": loc.path,
        "start_line": start,
        "end_line": end,
        "annotation_level": _level(finding, threshold),
        "title": title[:MAX_TITLE],
        "message": message[:MAX_ANNOTATION_MESSAGE],
        "raw_details": "; ".join(
            p for p in (cwes, f"scanners: {', '.join(finding.scanners)}", f"id: {finding.fingerprint}") if p
        ),
    }
    # Columns are only allowed on single-line annotations.
    if start == end and loc.end_col > loc.start_col >= 1:
        data["start_column"] = loc.start_col
        data["end_column"] = loc.end_col
    return data


def _table(findings: list[Finding]) -> list[str]:
    severities = sorted(Severity, reverse=True)
    counts = Counter((f.category, f.severity) for f in findings)
    categories = [c for c in Category if any(counts[(c, s)] for s in severities)]
    head = "| category | " + " | ".join(s.label for s in severities) + " | total |"
    rule = "|---" * (len(severities) + 2) + "|"
    rows = [head, rule]
    for cat in categories:
        cells = [str(counts[(cat, s)]) for s in severities]
        rows.append(
            f"| {cat.value} | " + " | ".join(cells) + f" | {sum(counts[(cat, s)] for s in severities)} |"
        )
    return rows


def _checklist_lines(checklist: object | None) -> list[str]:
    items = getattr(checklist, "items", None)
    if checklist is None or items is None:
        return []
    ref = f"{getattr(checklist, 'checklist_id', '?')}@{getattr(checklist, 'version', '?')}"
    failed = [i for i in items if getattr(i.status, "value", i.status) == "failed"]
    human = [i for i in items if getattr(i.status, "value", i.status) == "needs_human"]
    passed = len(items) - len(failed) - len(human)
    lines = [
        "",
        f"### Checklist `{ref}`",
        "",
        f"{len(failed)} failed, {len(human)} need sign-off, {passed} passed",
    ]
    if failed:
        lines += ["", "**Failed**", ""] + [f"- `{i.key}` {i.title}".rstrip() for i in failed]
    if human:
        lines += ["", "**Needs a human sign-off**", ""] + [f"- `{i.key}` {i.title}".rstrip() for i in human]
    return lines


def summary(
    outcome: ReviewOutcome,
    *,
    threshold: Severity,
    review_url: str,
    omissions: Iterable[str] = (),
    dismissed: frozenset[str] = frozenset(),
) -> str:
    """The check run's markdown summary (also the body of the optional comment)."""
    findings = reportable(outcome, dismissed)
    at_or_above = sum(1 for f in findings if f.severity >= threshold)
    omitted = list(omissions)
    lines = [
        f"**{len(findings)} finding{'s' if len(findings) != 1 else ''}** on changed lines, "
        f"{at_or_above} at or above `{threshold.label}` (the repository's threshold). "
        f"{outcome.files_reviewed} files, {outcome.lines_added} added lines reviewed.",
    ]
    if findings:
        lines += ["", *_table(findings)]
    suppressed = sum(1 for f in outcome.findings if f.suppressed or f.fingerprint in dismissed)
    if suppressed:
        lines += ["", f"{suppressed} suppressed or triaged finding(s) not counted."]
    lines += _checklist_lines(outcome.checklist)
    failed_scanners = [
        s for s in outcome.scanners if s.state in (ScannerState.FAILED, ScannerState.TIMED_OUT)
    ]
    if failed_scanners or omitted:
        lines += ["", "### Partial review", ""]
        lines += [
            f"- scanner `{s.scanner}` {s.state.value}: {s.detail}".rstrip(": ") for s in failed_scanners
        ]
        lines += [f"- {why}" for why in omitted]
    lines += ["", f"[Open the review]({review_url})"]
    return _fit("\n".join(lines))


def _fit(text: str) -> str:
    if len(text) <= MAX_TEXT:
        return text
    note = "\n\n… (truncated; the full review is in the UI)"
    return text[: MAX_TEXT - len(note)] + note


def check_report(
    outcome: ReviewOutcome,
    *,
    threshold: Severity,
    review_url: str,
    omissions: Iterable[str] = (),
    dismissed: frozenset[str] = frozenset(),
) -> CheckReport:
    omitted = tuple(omissions)
    verdict = conclusion(outcome, threshold, omitted, dismissed)
    findings = reportable(outcome, dismissed)
    at_or_above = sum(1 for f in findings if f.severity >= threshold)
    if verdict == "failure":
        title = f"{at_or_above} finding(s) at or above {threshold.label}"
    elif verdict == "neutral":
        title = f"Partial review: {len(findings)} finding(s) below {threshold.label}"
    else:
        title = f"No findings at or above {threshold.label}" if findings else "No findings"
    notes = sorted(findings, key=lambda f: f.sort_key())
    return CheckReport(
        conclusion=verdict,
        title=title,
        summary=summary(
            outcome, threshold=threshold, review_url=review_url, omissions=omitted, dismissed=dismissed
        ),
        annotations=tuple(annotation(f, threshold) for f in notes),
    )


def comment_body(report: CheckReport, head_sha: str) -> str:
    """The pull-request comment: found again by its hidden marker and edited in place."""
    icon = {"failure": "❌", "neutral": "⚠️", "success": "✅"}.get(report.conclusion, "")
    heading = f"## {icon} reviewer: {report.title}"
    body = f"{COMMENT_MARKER}\n{heading}\n\nCommit `{head_sha[:12]}`\n\n{report.summary}"
    return _fit(body)
