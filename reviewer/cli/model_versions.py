"""``reviewer model register|list|promote|rollback|retire|policy|compare``: model versions.

Attached to the classifier's ``model`` group. Each command is one use case on the database named
by Settings (``REVIEWER_DATABASE_URL``; run ``reviewer db upgrade`` first) and commits once; the
service picks the change up at the next review, with no restart.
"""

from __future__ import annotations

import getpass
import json
from pathlib import Path
from typing import Any

import click

from reviewer.settings import Settings


def _sessions():  # noqa: ANN202 - sessionmaker, imported lazily
    from reviewer.db.engine import make_engine, make_session_factory
    from reviewer.db.models import load_all

    load_all()
    return make_session_factory(make_engine(Settings()))


def _actor() -> str:
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return "cli"


def _guard() -> Any:
    from reviewer.models_policy.guard import GuardPolicy

    settings = Settings()
    return GuardPolicy(settings.model_promotion_min_labels, settings.model_promotion_min_labels_per_class)


def _echo_json(value: Any) -> None:
    click.echo(json.dumps(value, indent=2, sort_keys=True, default=str))


@click.command()
@click.argument("path", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--server-url",
    "server_urls",
    multiple=True,
    metavar="URL",
    help="v2 replica serving this version (repeat); without it the folder runs in-process",
)
def register(path: Path, server_urls: tuple[str, ...]) -> int:
    """Register the model folder PATH as a candidate (name, version, checksum, size, card metrics)."""
    from reviewer.modelops import usecases

    model = usecases.read_model_folder(path)
    with _sessions()() as s:
        row, created = usecases.register(
            model, actor=_actor(), session=s, path=str(path.resolve()), server_urls=list(server_urls)
        )
        click.echo(
            f"{'registered' if created else 'already registered'} {row.ref} "
            f"sha256:{row.checksum[:12]} ({row.size_bytes / 1e6:.2f} MB) state={row.state}"
        )
    return 0


@click.command(name="list")
@click.option("--json", "as_json", is_flag=True)
def list_cmd(as_json: bool) -> int:
    """List registered versions (primary, candidates, retired)."""
    from reviewer.modelops import registry_store

    with _sessions()() as s:
        rows = registry_store.version_rows(session=s)
        if as_json:
            _echo_json(
                [
                    {
                        "id": r.id,
                        "ref": r.ref,
                        "state": r.state,
                        "checksum": r.checksum,
                        "size_bytes": r.size_bytes,
                        "metrics": r.metrics,
                        "path": r.path,
                        "server_urls": r.server_urls,
                        "created_at": r.created_at.isoformat(),
                    }
                    for r in rows
                ]
            )
            return 0
        if not rows:
            click.echo("no model versions registered (reviewer model register PATH)")
        for r in rows:
            where = ", ".join(r.server_urls or ()) or r.path or ""
            click.echo(f"{r.id:>4}  {r.state:<9}  {r.ref:<40}  sha256:{r.checksum[:12]}  {where}")
    return 0


@click.command()
@click.argument("ref")
@click.option("--force", is_flag=True, help="override the promotion guard (needs --reason; audited)")
@click.option("--reason", default="", help="why; recorded in the audit trail")
def promote(ref: str, force: bool, reason: str) -> int:
    """Make REF (name@version) the primary, if the guard's evidence allows it."""
    from reviewer.modelops import usecases

    with _sessions()() as s:
        done = usecases.promote(ref, actor=_actor(), reason=reason, guard=_guard(), session=s, force=force)
        click.echo(f"{done.model.ref} is now the primary" + (" (forced)" if done.decision.forced else ""))
        for blocker in done.decision.reasons:
            click.echo(f"  guard: {blocker}", err=True)
    return 0


@click.command()
@click.option("--reason", required=True, help="why; recorded in the audit trail")
def rollback(reason: str) -> int:
    """Retire the current primary and restore the previous one."""
    from reviewer.modelops import usecases

    with _sessions()() as s:
        row, _ = usecases.rollback(actor=_actor(), reason=reason, session=s)
        click.echo(f"rolled back: {row.ref} is the primary again")
    return 0


@click.command()
@click.argument("ref")
@click.option("--reason", required=True)
def retire(ref: str, reason: str) -> int:
    """Retire a candidate (policies naming it are turned off)."""
    from reviewer.modelops import usecases

    with _sessions()() as s:
        row, _ = usecases.retire(ref, actor=_actor(), reason=reason, session=s)
        click.echo(f"{row.ref} retired")
    return 0


@click.command()
@click.option(
    "--mode",
    type=click.Choice(["off", "shadow", "split"]),
    default=None,
    help="without --mode: show the policies",
)
@click.option("--candidate", default=None, metavar="NAME@VERSION")
@click.option("--percent", type=float, default=0.0, help="split: share of repositories on the candidate")
@click.option("--mirror", is_flag=True, help="split: also score the version not serving, in shadow")
@click.option("--repo", default=None, metavar="OWNER/NAME", help="set this repository's override instead")
@click.option("--clear", is_flag=True, help="with --repo: remove the override")
@click.option("--reason", default="")
def policy(
    mode: str | None,
    candidate: str | None,
    percent: float,
    mirror: bool,
    repo: str | None,
    clear: bool,
    reason: str,
) -> int:
    """Show or set the deployment policy (installation-wide, or per repository with --repo)."""
    from reviewer.modelops import registry_store, usecases

    with _sessions()() as s:
        if clear:
            if not repo:
                raise click.UsageError("--clear needs --repo")
            _echo_json(
                usecases.set_policy(None, actor=_actor(), session=s, repository=repo, reason=reason).to_dict()
            )
        elif mode is None:
            _echo_json(registry_store.load_policies(session=s).to_dict())
        else:
            body = {"mode": mode, "candidate": candidate, "percent": percent, "mirror": mirror}
            _echo_json(
                usecases.set_policy(body, actor=_actor(), session=s, repository=repo, reason=reason).to_dict()
            )
    return 0


@click.command()
@click.argument("b")
@click.option("--a", "a", default=None, help="baseline (default: the primary)")
def compare(b: str, a: str | None) -> int:
    """Compare B with the primary (or --a) on triaged units: JSON, as GET /api/v1/models/compare."""
    from reviewer.errors import UsageError
    from reviewer.modelops import registry_store, usecases

    with _sessions()() as s:
        if a is None:
            primary = registry_store.load_registry(session=s).primary
            if primary is None:
                raise UsageError("there is no primary: name the baseline with --a")
            a = primary.ref
        _echo_json(usecases.compare_versions(a, b, _guard(), session=s))
    return 0


COMMANDS = (register, list_cmd, promote, rollback, retire, policy, compare)
