"""``reviewer token create|list|revoke``: API tokens, shown once and stored hashed."""

from __future__ import annotations

import json
from typing import Any

import click

from reviewer.settings import Settings


def _sessions():  # noqa: ANN202 - sessionmaker, imported lazily
    from reviewer.db.engine import make_engine, make_session_factory

    return make_session_factory(make_engine(Settings()))


@click.group()
def token() -> None:
    """Manage API tokens."""


@token.command()
@click.option("--role", required=True, type=click.Choice(["viewer", "triager", "admin"]))
@click.option(
    "--repo",
    "repos",
    multiple=True,
    metavar="OWNER/NAME",
    help="Limit the token to this repository (repeat). Without --repo: every repository.",
)
@click.option("--name", default="", help="A label to recognise the token by.")
def create(role: str, repos: tuple[str, ...], name: str) -> int:
    """Create a token and print it once."""
    from reviewer.auth.principal import Role
    from reviewer.auth.tokens import create_token
    from reviewer.service.submission import validate_repository_name

    for repo in repos:
        validate_repository_name(repo)
    sessions = _sessions()
    with sessions.begin() as s:
        row, clear = create_token(name or f"{role}-token", Role.parse(role), list(repos), session=s)
        token_id, prefix = row.id, row.prefix
    scope = ", ".join(repos) if repos else "all repositories"
    click.echo(f"token {token_id} ({prefix}…) role={role} scope={scope}", err=True)
    click.echo("store it now: it is not shown again", err=True)
    click.echo(clear)
    return 0


@token.command(name="list")
@click.option("--all", "include_revoked", is_flag=True, help="Include revoked tokens.")
@click.option("--json", "as_json", is_flag=True)
def list_cmd(include_revoked: bool, as_json: bool) -> int:
    """List tokens (prefix only; the token itself is never stored)."""
    from reviewer.db import token_store

    with _sessions()() as s:
        rows: list[dict[str, Any]] = [
            {
                "id": t.id,
                "name": t.name,
                "prefix": t.prefix,
                "role": t.role,
                "repositories": "*" if t.all_repositories else sorted(g.repository for g in t.grants),
                "created_at": t.created_at.isoformat(),
                "last_used_at": t.last_used_at.isoformat() if t.last_used_at else None,
                "revoked_at": t.revoked_at.isoformat() if t.revoked_at else None,
            }
            for t in token_store.list_tokens(session=s, include_revoked=include_revoked)
        ]
    if as_json:
        click.echo(json.dumps(rows, indent=2, sort_keys=True))
        return 0
    for r in rows:
        repos = r["repositories"] if r["repositories"] == "*" else ",".join(r["repositories"])
        state = " revoked" if r["revoked_at"] else ""
        click.echo(f"{r['id']:>5}  {r['prefix']}…  {r['role']:<8} {r['name']}  repos={repos}{state}")
    return 0


@token.command()
@click.argument("token_ref")
def revoke(token_ref: str) -> int:
    """Revoke a token by id, name or prefix."""
    from reviewer.db import token_store

    with _sessions().begin() as s:
        row = token_store.revoke(token_ref, session=s)
        click.echo(f"revoked token {row.id} ({row.prefix}…)")
    return 0
