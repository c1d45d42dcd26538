"""``reviewer checklist list|show|diff|validate``: inspect versioned verification checklists.

A checklist is named ``ID[@VERSION]`` (latest version when omitted) or by a file path.
Invalid checklists exit 2 with a message naming the file, the item and the field.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import Any

import click

from reviewer.errors import EXIT_USAGE, ReviewerError

_FORMAT = click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)


def _dump(data: Any) -> str:
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False)


def _checklists_dir(ctx: click.Context) -> Path:
    """The group's ``--dir``, else the folder from settings (read here, at the entry point)."""
    node: click.Context | None = ctx
    while node is not None:
        chosen = node.params.get("checklists_dir")
        if chosen:
            return Path(chosen)
        node = node.parent
    from reviewer.settings import Settings

    return Path(Settings().checklists_dir)


@click.group("checklist")
@click.option(
    "--dir",
    "checklists_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Checklists folder (default: REVIEWER_CHECKLISTS_DIR or the project's checklists/).",
)
def checklist(checklists_dir: Path | None) -> None:
    """Versioned verification checklists: list, show, diff, validate."""


@checklist.command("list")
@_FORMAT
@click.pass_context
def list_cmd(ctx: click.Context, fmt: str) -> int:
    """List every checklist version with its content hash."""
    from reviewer.checklists.loader import discover, load_file

    rows: list[dict[str, Any]] = []
    broken: list[ReviewerError] = []
    entries = discover(_checklists_dir(ctx))
    latest = {slug: version for slug, version, _ in entries}  # sorted, so the last one wins
    for slug, version, path in entries:
        try:
            loaded = load_file(path, check_location=True)
        except ReviewerError as exc:
            broken.append(exc)
            continue
        rows.append(
            {
                "id": loaded.id,
                "version": loaded.version,
                "latest": latest[slug] == version,
                "schema_version": loaded.schema_version,
                "items": len(loaded.items),
                "title": loaded.title,
                "content_hash": loaded.content_hash,
                "path": str(path),
            }
        )
    if fmt == "json":
        click.echo(_dump(rows))
    else:
        for row in rows:
            mark = " (latest)" if row["latest"] else ""
            click.echo(
                f"{row['id']}@{row['version']:<6} {row['items']:>3} items  schema {row['schema_version']}  "
                f"sha256:{row['content_hash'][:12]}  {row['title']}{mark}"
            )
        if not rows and not broken:
            click.echo("no checklists found")
    for error in broken:
        click.echo(f"reviewer: error: {error}", err=True)
    return EXIT_USAGE if broken else 0


@checklist.command("show")
@click.argument("ref")
@_FORMAT
@click.pass_context
def show_cmd(ctx: click.Context, ref: str, fmt: str) -> int:
    """Show one checklist's items. REF is ID[@VERSION] or a file path."""
    from reviewer.checklists.loader import resolve

    loaded = resolve(ref, _checklists_dir(ctx))
    if fmt == "json":
        click.echo(_dump(loaded.to_dict()))
        return 0
    click.echo(f"{loaded.ref}  {loaded.title}")
    click.echo(f"schema {loaded.schema_version}  sha256:{loaded.content_hash}  {len(loaded.items)} items")
    if loaded.description:
        click.echo(textwrap.fill(loaded.description, width=100))
    category = None
    for item in loaded.items:
        if item.category != category:
            category = item.category
            click.echo(f"\n[{category.value}]")
        signoff = "  (human sign-off)" if item.human_signoff else ""
        cwes = ", ".join(f"CWE-{c}" for c in item.cwes) or "no CWE"
        click.echo(f"  {item.key:<26} {item.title}{signoff}")
        click.echo(f"  {'':<26} {cwes}; evidence: {_evidence_text(item)}")
        click.echo(
            textwrap.fill(item.rationale, width=100, initial_indent=" " * 29, subsequent_indent=" " * 29)
        )
    return 0


def _evidence_text(item: Any) -> str:
    evidence = item.evidence
    parts = []
    if evidence.scanners:
        parts.append("scanners " + ", ".join(evidence.scanners))
    if evidence.cwes and evidence.cwes == item.cwes:
        parts.append("findings with these CWEs")
    elif evidence.cwes:
        parts.append("findings with CWE " + ", ".join(str(c) for c in evidence.cwes))
    if evidence.rules:
        parts.append("rules " + ", ".join(evidence.rules))
    if evidence.scanner_findings:
        parts.append("any finding from its scanners")
    return "; ".join(parts) or "none (human only)"


@checklist.command("diff")
@click.argument("old")
@click.argument("new")
@_FORMAT
@click.pass_context
def diff_cmd(ctx: click.Context, old: str, new: str, fmt: str) -> int:
    """Show what changed from OLD to NEW (each ID@VERSION or a file path)."""
    from reviewer.checklists.diff import diff, render_text
    from reviewer.checklists.loader import resolve

    folder = _checklists_dir(ctx)
    result = diff(resolve(old, folder), resolve(new, folder))
    click.echo(_dump(result.to_dict()) if fmt == "json" else render_text(result), nl=fmt == "json")
    return 0


@checklist.command("validate")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.pass_context
def validate_cmd(ctx: click.Context, files: tuple[Path, ...]) -> int:
    """Validate checklist files; files inside the checklists folder must also be named ID/VERSION.yaml."""
    from reviewer.checklists.loader import is_under, load_file
    from reviewer.checklists.schema import CURRENT_SCHEMA_VERSION

    folder = _checklists_dir(ctx)
    failed = 0
    for path in files:
        try:
            loaded = load_file(path, check_location=is_under(path, folder))
        except ReviewerError as exc:
            failed += 1
            click.echo(f"reviewer: error: {exc}", err=True)
            continue
        upgraded = " (schema upgraded on load)" if loaded.schema_version != CURRENT_SCHEMA_VERSION else ""
        click.echo(
            f"ok: {path}: {loaded.ref}, {len(loaded.items)} items, sha256:{loaded.content_hash}{upgraded}"
        )
    return EXIT_USAGE if failed else 0
