"""``reviewer baseline create``: accept today's findings so that hooks and runs fail only on new ones."""

from __future__ import annotations

from pathlib import Path

import click

from reviewer.baseline import DEFAULT_BASELINE, write_baseline
from reviewer.config_builder import load_settings


@click.group("baseline")
def baseline() -> None:
    """Manage the baseline of accepted findings."""


@baseline.command("create")
@click.argument("targets", nargs=-1)
@click.option("--staged", is_flag=True, help="Baseline the staged change only.")
@click.option("--diff", "diff_file", metavar="FILE|-", help="Baseline the findings of a diff.")
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False),
    help=f"Where to write (default: {DEFAULT_BASELINE} at the repository root, else here).",
)
@click.option("--scanners", metavar="A,B", help="Scanners to run (overrides REVIEWER_SCANNERS).")
def create(
    targets: tuple[str, ...], staged: bool, diff_file: str | None, output: str | None, scanners: str | None
) -> int:
    """Record the fingerprints of current findings (never secret values).

    With no TARGETS: every tracked file of the repository, reviewed as wholly added code.
    """
    from reviewer.cli.scan import _scanner_list
    from reviewer.cli.sources import resolve_changeset, tracked_files_changeset
    from reviewer.config_builder import build_review_config
    from reviewer.errors import UsageError
    from reviewer.ingest.git import Git
    from reviewer.pipeline import review

    settings = load_settings()
    limits = settings.limits()
    config = build_review_config(settings, scanners=_scanner_list(scanners), checklist="none", all_lines=True)
    root: Path | None
    try:
        root = Git.discover(Path.cwd(), timeout=settings.scanner_timeout_s).root
    except UsageError:
        root = None
    if not (targets or staged or diff_file):
        if root is None:
            raise UsageError("not in a git repository: give the files or folders to baseline")
        changeset = tracked_files_changeset(Path.cwd(), limits, timeout=settings.scanner_timeout_s)
    else:
        changeset = resolve_changeset(
            targets=targets,
            staged=staged,
            diff_file=diff_file,
            limits=limits,
            timeout=settings.scanner_timeout_s,
        )
    outcome = review(changeset, config)
    destination = Path(output) if output else (root or Path.cwd()) / DEFAULT_BASELINE
    count = write_baseline(destination, outcome.findings)
    click.echo(f"baseline: {count} finding(s) written to {destination} (review {outcome.status})")
    for notice in outcome.notices:
        if notice.level == "error":
            click.echo(f"warning: {notice.message}", err=True)
    return 0
