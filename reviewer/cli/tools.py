"""``reviewer tools``: install the isolated scanner tools (semgrep) and show which are used."""

from __future__ import annotations

import click


@click.group("tools")
def tools() -> None:
    """Install and locate the scanner tools that run in their own environments."""


@tools.command("install")
@click.argument("names", nargs=-1, type=click.Choice(["semgrep", "bandit"]))
@click.option("--force", is_flag=True, help="Reinstall even when the pinned version is there.")
def install_cmd(names: tuple[str, ...], force: bool) -> int:
    """Install NAMES (default: semgrep) at their pinned versions into the user's tools folder
    ($REVIEWER_TOOLS_DIR, else ~/.cache/reviewer/tools), each in its own virtual environment.
    Needs the package index once; reviews then find them without REVIEWER_SEMGREP_BIN."""
    from reviewer.toolbox import TOOLS, install, user_tools_dir

    root = user_tools_dir()
    for name in names or ("semgrep",):
        tool = TOOLS[name]
        click.echo(f"installing {tool.package}=={tool.version} into {root / name} ...", err=True)
        binary = install(tool, root, force=force)
        click.echo(f"{name} {tool.version}: {binary}")
    return 0


@tools.command("list")
def list_cmd() -> int:
    """Show which executable each scanner tool resolves to, and its version."""
    from reviewer.config_builder import load_settings
    from reviewer.toolbox import TOOLS, installed_version

    settings = load_settings()
    for name, binary in (("semgrep", settings.semgrep_bin), ("bandit", settings.bandit_bin)):
        version = installed_version(binary)
        pinned = TOOLS[name].version
        state = "missing" if version is None else ("ok" if version == pinned else f"version {version}")
        click.echo(f"{name:8} {state:12} pinned {pinned:8} {binary}")
    return 0
