"""Markdown for pull-request comments and job summaries: a table, then details per finding."""

from __future__ import annotations

import re

from reviewer.findings import Finding, ReviewOutcome, ScannerState
from reviewer.outputs.base import ReportContext, blocking, cwe_label, other_notices, severity_counts


def _cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ").strip()


def _fence(text: str) -> str:
    """A code fence longer than any run of backticks inside the snippet."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    return "`" * max(3, longest + 1)


def _details(f: Finding) -> list[str]:
    lines = [
        f"#### `{f.location.path}:{f.location.start_line}` — {f.severity.label} — `{f.rule}`",
        "",
        f.message,
        "",
    ]
    if f.snippet:
        fence = _fence(f.snippet)
        lines += [fence, f.snippet, fence, ""]
    if f.fix:
        lines += [f"**Fix:** {f.fix}", ""]
    meta = [f"found by {', '.join(f.scanners)}", f"confidence {f.confidence.label}", f.category.value]
    if f.cwes:
        meta.append(cwe_label(f.cwes))
    if f.checklist_items:
        meta.append("checklist " + ", ".join(f.checklist_items))
    lines += ["_" + " · ".join(meta) + "_", ""]
    return lines


class MarkdownFormat:
    name = "markdown"
    media_type = "text/markdown"

    def render(self, outcome: ReviewOutcome, context: ReportContext) -> str:
        active = outcome.active()
        suppressed = [f for f in outcome.findings if f.suppressed]
        blocked = blocking(outcome, context.fail_on)
        verdict = (
            f"❌ {len(blocked)} finding(s) at or above **{context.fail_on.label}**"
            if blocked
            else f"✅ nothing at or above **{context.fail_on.label}**"
        )
        counts = ", ".join(f"{n} {label}" for label, n in severity_counts(active).items()) or "none"
        out = [
            "## reviewer security review",
            "",
            f"{verdict} · findings: {counts} · suppressed: {len(suppressed)} · "
            f"{outcome.files_reviewed} file(s), {outcome.lines_added} added line(s) · "
            f"review {outcome.status}",
            "",
        ]
        if active:
            out += ["| Severity | Location | Rule | CWE | Checklist | Message |", "|---|---|---|---|---|---|"]
            for f in active:
                cells = [
                    f.severity.label,
                    f"`{_cell(f.location.path)}:{f.location.start_line}`",
                    f"`{_cell(f.rule)}`",
                    _cell(cwe_label(f.cwes)),
                    _cell(", ".join(f.checklist_items)),
                    _cell(f.message),
                ]
                out.append("| " + " | ".join(cells) + " |")
            out.append("")
            out += ["### Details", ""]
            for f in active:
                out += _details(f)
        if suppressed:
            out += ["<details><summary>Suppressed findings</summary>", ""]
            for f in suppressed:
                assert f.suppression is not None
                out.append(
                    f"- `{f.location.path}:{f.location.start_line}` `{f.rule}` — "
                    f"{f.suppression.kind}: {_cell(f.suppression.justification)}"
                )
            out += ["", "</details>", ""]
        checklist = outcome.checklist
        if checklist is not None and hasattr(checklist, "counts"):
            counts_text = ", ".join(
                f"{v} {k.replace('_', ' ')}" for k, v in sorted(checklist.counts().items()) if v
            )
            out += [
                f"### Checklist {getattr(checklist, 'checklist_id', '')} {getattr(checklist, 'version', '')}",
                "",
                counts_text,
                "",
            ]
        if outcome.scanners:
            out += ["### Scanners", "", "| Scanner | State | Time | Detail |", "|---|---|---|---|"]
            for s in outcome.scanners:
                state = s.state.value if s.state is ScannerState.OK else f"**{s.state.value}**"
                out.append(f"| {s.scanner} {s.version} | {state} | {s.duration_s:.2f}s | {_cell(s.detail)} |")
            out.append("")
        notes = other_notices(outcome)
        if notes:
            out += ["### Notices", ""]
            out += [f"- {n.level}: {'`' + n.path + '`: ' if n.path else ''}{n.message}" for n in notes]
            out.append("")
        return "\n".join(out)
