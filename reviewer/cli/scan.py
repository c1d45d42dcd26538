"""``reviewer scan`` (any change, any format) and ``reviewer hook`` (pre-commit: staged, baseline-aware)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from reviewer import __version__
from reviewer.atomic_write import write_atomic
from reviewer.baseline import DEFAULT_BASELINE, load_baseline
from reviewer.config_builder import load_settings
from reviewer.errors import EXIT_CLEAN, EXIT_FINDINGS
from reviewer.findings import ReviewOutcome, Severity
from reviewer.outputs import FORMATS, ReportContext, blocking, get_format
from reviewer.settings import Settings

SEVERITY_CHOICES = ["low", "medium", "high", "critical"]


def _scanner_list(value: str | None) -> list[str] | None:
    if value is None:
        return None
    return [name.strip() for name in value.split(",") if name.strip()]


def run_review(
    *,
    settings: Settings,
    targets: tuple[str, ...] = (),
    staged: bool = False,
    diff_file: str | None = None,
    scanners: list[str] | None = None,
    checklist: str | None = None,
    all_lines: bool = False,
    baseline_file: str | None = None,
) -> tuple[ReviewOutcome, str]:
    """Resolve the source, build the configuration and run the pipeline; returns the outcome
    and a description of what was reviewed."""
    from reviewer.cli.sources import describe, resolve_changeset
    from reviewer.config_builder import build_review_config
    from reviewer.pipeline import review

    limits = settings.limits()
    baseline = load_baseline(baseline_file) if baseline_file else frozenset()
    # Configuration errors (unknown scanner, bad checklist) come before reading any input.
    config = build_review_config(
        settings, scanners=scanners, checklist=checklist, all_lines=all_lines, baseline=baseline
    )
    changeset = resolve_changeset(
        targets=targets, staged=staged, diff_file=diff_file, limits=limits, timeout=settings.scanner_timeout_s
    )
    outcome = review(changeset, config)
    return outcome, describe(changeset, diff_file=diff_file, targets=targets)


@click.command("scan")
@click.argument("targets", nargs=-1)
@click.option("--staged", is_flag=True, help="Review the staged change (the index against HEAD).")
@click.option(
    "--diff", "diff_file", metavar="FILE|-", help="Review a unified diff from FILE, or stdin with -."
)
@click.option("--format", "fmt", type=click.Choice(sorted(FORMATS)), default="text", show_default=True)
@click.option(
    "--output", "-o", type=click.Path(dir_okay=False), help="Write the report to FILE (atomically)."
)
@click.option(
    "--fail-on",
    type=click.Choice(SEVERITY_CHOICES),
    default="high",
    show_default=True,
    help="Exit 1 when a finding on a changed line is at or above this severity.",
)
@click.option("--all-lines", is_flag=True, help="Also report findings on unchanged lines of touched files.")
@click.option("--scanners", metavar="A,B", help="Scanners to run (overrides REVIEWER_SCANNERS).")
@click.option(
    "--baseline", "baseline_file", type=click.Path(dir_okay=False), help="Baseline file of accepted findings."
)
@click.option(
    "--checklist", metavar="ID[@VERSION]|FILE|none", help="Checklist to evaluate (default from settings)."
)
def scan(
    targets: tuple[str, ...],
    staged: bool,
    diff_file: str | None,
    fmt: str,
    output: str | None,
    fail_on: str,
    all_lines: bool,
    scanners: str | None,
    baseline_file: str | None,
    checklist: str | None,
) -> int:
    """Review a change for security flaws.

    TARGETS: nothing (the working tree against HEAD), a revision range (A...B, A..B), a revision,
    or files and folders reviewed as wholly added code.
    """
    settings = load_settings()
    threshold = Severity.parse(fail_on)
    formatter = get_format(fmt)
    outcome, source = run_review(
        settings=settings,
        targets=targets,
        staged=staged,
        diff_file=diff_file,
        scanners=_scanner_list(scanners),
        checklist=checklist,
        all_lines=all_lines,
        baseline_file=baseline_file,
    )
    context = ReportContext(
        tool_version=__version__, fail_on=threshold, source=source, color=fmt == "text" and output is None
    )
    rendered = formatter.render(outcome, context)
    if output:
        write_atomic(output, rendered)
        summary = get_format("text").render(outcome, context).rstrip("\n").splitlines()[-1]
        click.echo(f"{summary} · report written to {output}", err=True)
    else:
        click.echo(rendered, nl=False)
    return EXIT_FINDINGS if blocking(outcome, threshold) else EXIT_CLEAN


@click.command("hook")
@click.option("--fail-on", type=click.Choice(SEVERITY_CHOICES), default="high", show_default=True)
@click.option(
    "--baseline",
    "baseline_file",
    type=click.Path(dir_okay=False),
    help=f"Baseline file (default: {DEFAULT_BASELINE} at the repository root, when present).",
)
@click.option("--scanners", metavar="A,B", help="Scanners to run (overrides REVIEWER_SCANNERS).")
def hook(fail_on: str, baseline_file: str | None, scanners: str | None) -> int:
    """pre-commit hook: review the staged change; fail only on new findings at or above --fail-on."""
    from reviewer.ingest.git import Git

    settings = load_settings()
    threshold = Severity.parse(fail_on)
    if baseline_file is None:
        root = Git.discover(Path.cwd(), timeout=settings.scanner_timeout_s).root
        candidate = root / DEFAULT_BASELINE
        baseline_file = str(candidate) if candidate.is_file() else None
    outcome, source = run_review(
        settings=settings,
        staged=True,
        scanners=_scanner_list(scanners),
        checklist="none",
        baseline_file=baseline_file,
    )
    context = ReportContext(
        tool_version=__version__, fail_on=threshold, source=source, color=sys.stdout.isatty()
    )
    blocked = blocking(outcome, threshold)
    if blocked or outcome.partial or outcome.notices:
        click.echo(get_format("text").render(outcome, context), nl=False)
    if not blocked:
        return EXIT_CLEAN
    click.echo(
        f"\nreviewer: commit blocked by {len(blocked)} new finding(s) at or above {threshold.label}.\n"
        "Fix them; or, if a finding does not apply, add `# reviewer: ignore[RULE] <reason>` on or above "
        f"the line; or accept existing findings with `reviewer baseline create` ({DEFAULT_BASELINE}).",
        err=True,
    )
    return EXIT_FINDINGS
