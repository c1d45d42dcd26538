"""Text for a terminal: one block per finding, then scanners, notices and a one-line summary."""

from __future__ import annotations

import click

from reviewer.findings import Finding, ReviewOutcome, ScannerState, Severity
from reviewer.outputs.base import ReportContext, blocking, cwe_label, other_notices, severity_counts

_COLOURS = {
    Severity.CRITICAL: "magenta",
    Severity.HIGH: "red",
    Severity.MEDIUM: "yellow",
    Severity.LOW: "cyan",
    Severity.INFO: "white",
}
SNIPPET_LINES = 3


class TextFormat:
    name = "text"
    media_type = "text/plain"

    def render(self, outcome: ReviewOutcome, context: ReportContext) -> str:
        def style(text: str, **kw: object) -> str:
            return click.style(text, **kw) if context.color else text  # type: ignore[arg-type]

        out: list[str] = []
        active = outcome.active()
        suppressed = [f for f in outcome.findings if f.suppressed]
        for f in active:
            out += _finding_block(f, style)
        if suppressed:
            out.append(style(f"Suppressed ({len(suppressed)}):", bold=True))
            for f in suppressed:
                assert f.suppression is not None
                out.append(
                    f"  {f.location.path}:{f.location.start_line}  {f.rule}  "
                    f"[{f.suppression.kind}: {f.suppression.justification}]"
                )
            out.append("")
        out += _checklist_lines(outcome.checklist)
        if outcome.scanners:
            parts = []
            for s in outcome.scanners:
                state = s.state.value
                if s.state in (ScannerState.FAILED, ScannerState.TIMED_OUT):
                    state = style(state, fg="red", bold=True) + (f" ({s.detail})" if s.detail else "")
                skipped = f" ({len(s.files_skipped)} file(s) not scanned)" if s.files_skipped else ""
                parts.append(f"{s.scanner} {state} {s.duration_s:.2f}s{skipped}")
            out.append("Scanners: " + " · ".join(parts))
        for n in other_notices(outcome):  # scanner failures are on the scanners line
            where = f"{n.path}: " if n.path else ""
            out.append(f"{n.level}: {where}{n.message}")
        out.append(_summary(outcome, context, style))
        return "\n".join(out) + "\n"


def _finding_block(f: Finding, style: object) -> list[str]:
    paint = style  # type: ignore[assignment]
    loc = f"{f.location.path}:{f.location.start_line}"
    head = [
        paint(f"{f.severity.label.upper():8}", fg=_COLOURS[f.severity], bold=True),  # type: ignore[operator]
        paint(loc, bold=True),  # type: ignore[operator]
        f.rule,
    ]
    if f.cwes:
        head.append(cwe_label(f.cwes))
    if f.checklist_items:
        head.append("checklist: " + ", ".join(f.checklist_items))
    if not f.on_changed_line:
        head.append("(unchanged line)")
    lines = ["  ".join(head), f"    {f.message}"]
    snippet = f.snippet.splitlines()
    for code in snippet[:SNIPPET_LINES]:
        lines.append(f"    | {code}")
    if len(snippet) > SNIPPET_LINES:
        lines.append("    | …")
    if f.fix:
        lines.append(f"    fix: {f.fix}")
    lines.append(
        f"    found by: {', '.join(f.scanners)} · confidence {f.confidence.label} · {f.category.value}"
    )
    lines.append("")
    return lines


def _checklist_lines(checklist: object | None) -> list[str]:
    if checklist is None:
        return []
    counts = checklist.counts() if hasattr(checklist, "counts") else {}
    label = f"{getattr(checklist, 'checklist_id', '?')} {getattr(checklist, 'version', '?')}"
    summary = ", ".join(f"{v} {k.replace('_', ' ')}" for k, v in sorted(counts.items()) if v)
    lines = [f"Checklist {label}: {summary}"]
    for item in getattr(checklist, "items", ()):
        status = getattr(getattr(item, "status", None), "value", "")
        if status == "failed":
            lines.append(f"  FAILED  {item.key}  {item.title}")
    lines.append("")
    return lines


def _summary(outcome: ReviewOutcome, context: ReportContext, style: object) -> str:
    paint = style  # type: ignore[assignment]
    active = outcome.active()
    blocked = blocking(outcome, context.fail_on)
    counts = severity_counts(active)
    detail = ", ".join(f"{n} {label}" for label, n in counts.items())
    suppressed = len(outcome.findings) - len(active)
    head = (
        paint(f"FAIL: {len(blocked)} finding(s) at or above {context.fail_on.label}", fg="red", bold=True)  # type: ignore[operator]
        if blocked
        else paint(f"OK: nothing at or above {context.fail_on.label}", fg="green", bold=True)  # type: ignore[operator]
    )
    parts = [head, f"{len(active)} finding(s)" + (f" ({detail})" if detail else "")]
    if suppressed:
        parts.append(f"{suppressed} suppressed")
    parts.append(f"{outcome.files_reviewed} file(s), {outcome.lines_added} added line(s)")
    parts.append(f"{outcome.duration_s:.2f}s")
    parts.append(f"review {outcome.status}")
    return " · ".join(parts)
