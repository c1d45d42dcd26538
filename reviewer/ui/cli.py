"""``reviewer user create|passwd|disable|list``: local users who sign in to the web UI.

Passwords are read from a hidden prompt (or stdin with ``--password-stdin`` for scripts),
never from the command line, where they would land in the shell history and ``ps``.
"""

from __future__ import annotations

import sys

import click

from reviewer.settings import Settings


def _sessions():  # noqa: ANN202 - sessionmaker, imported lazily
    from reviewer.db.engine import make_engine, make_session_factory
    from reviewer.db.models import load_all

    load_all()
    return make_session_factory(make_engine(Settings()))


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    return str(click.prompt("Password", hide_input=True, confirmation_prompt=True))


@click.group()
def user() -> None:
    """Manage local users of the web UI."""


@user.command()
@click.argument("name")
@click.option("--role", required=True, type=click.Choice(["viewer", "triager", "admin"]))
@click.option(
    "--repo",
    "repos",
    multiple=True,
    metavar="OWNER/NAME",
    help="Limit the user to this repository (repeat). Without --repo: every repository.",
)
@click.option("--display-name", default="")
@click.option("--password-stdin", is_flag=True, help="Read the password from the first line of stdin.")
def create(name: str, role: str, repos: tuple[str, ...], display_name: str, password_stdin: bool) -> int:
    """Create a user who signs in with a password."""
    from reviewer.auth.principal import Role
    from reviewer.service.submission import validate_repository_name
    from reviewer.ui import users

    for repo in repos:
        validate_repository_name(repo)
    password = _password(password_stdin)
    try:
        with _sessions().begin() as s:
            users.create(name, Role.parse(role), password, repos, session=s, display_name=display_name)
    except ValueError as exc:  # password policy
        raise click.BadParameter(str(exc), param_hint="password") from None
    scope = ", ".join(repos) if repos else "all repositories"
    click.echo(f"user {name} role={role} scope={scope}", err=True)
    return 0


@user.command()
@click.argument("name")
@click.option("--password-stdin", is_flag=True, help="Read the password from the first line of stdin.")
def passwd(name: str, password_stdin: bool) -> int:
    """Set a new password; the user's sessions end."""
    from reviewer.ui import users

    password = _password(password_stdin)
    try:
        with _sessions().begin() as s:
            users.set_password(name, password, session=s)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="password") from None
    click.echo(f"password of {name} changed; their sessions have ended", err=True)
    return 0


@user.command()
@click.argument("name")
def disable(name: str) -> int:
    """Disable a user; their sessions end at once."""
    from reviewer.ui import users

    with _sessions().begin() as s:
        users.disable(name, session=s)
    click.echo(f"user {name} disabled", err=True)
    return 0


@user.command(name="list")
def list_cmd() -> int:
    """List users (name, role, scope, state)."""
    from sqlalchemy import select

    from reviewer.db.models import RepositoryGrant, User

    with _sessions()() as s:
        for row in s.scalars(select(User).order_by(User.name)):
            grants = sorted(
                s.scalars(select(RepositoryGrant.repository).where(RepositoryGrant.user_id == row.id))
            )
            scope = "all repositories" if row.all_repositories else ", ".join(grants) or "no repositories"
            state = "disabled" if row.disabled else "active"
            click.echo(f"{row.name}\t{row.role}\t{scope}\t{state}")
    return 0
