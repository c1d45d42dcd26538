"""The ``reviewer`` command: a click group whose sub-commands are registered explicitly.

Exit codes are fixed: 0 clean, 1 findings at/above the threshold, 2 usage or configuration
error, 3 internal error.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence

import click

from reviewer import __version__
from reviewer.errors import EXIT_INTERNAL, EXIT_USAGE, ReviewerError

# module path -> attribute holding a click command or group. Explicit, in one place.
COMMANDS: dict[str, str] = {
    "reviewer.cli.scan": "scan",
    "reviewer.cli.scan:hook": "hook",
    "reviewer.cli.baseline": "baseline",
    "reviewer.cli.checklist": "checklist",
    "reviewer.cli.eval": "eval_cmd",
    "reviewer.cli.serve": "serve",
    "reviewer.cli.serve:worker": "worker",
    "reviewer.cli.serve:db": "db",
    "reviewer.cli.token": "token",
    "reviewer.cli.model": "model",
    "reviewer.ui.cli": "user",
    "reviewer.cli.tools": "tools",
}


class _Group(click.Group):
    """Loads each sub-command's module only when that command runs (fast start-up)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(self._load_all())

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        # Import only the module whose attribute is named like the command (``eval_cmd`` ->
        # ``eval``): importing every command module (the service's among them) costs a second.
        likely = {s: a for s, a in COMMANDS.items() if a.removesuffix("_cmd") == cmd_name.replace("-", "_")}
        command = self._load_all(likely).get(cmd_name)
        return command if command is not None else self._load_all().get(cmd_name)

    def _load_all(self, commands: dict[str, str] | None = None) -> dict[str, click.Command]:
        found: dict[str, click.Command] = {}
        for spec, attr in (COMMANDS if commands is None else commands).items():
            module_name = spec.split(":")[0]
            try:
                module = importlib.import_module(module_name)
            except ModuleNotFoundError as exc:
                if exc.name == module_name:  # not built yet in this checkout
                    continue
                raise
            command = getattr(module, attr, None)
            if isinstance(command, click.Command):
                found[command.name or attr] = command
        return found


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="reviewer")
def cli() -> None:
    """Security review for AI-generated code."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI and return its exit code instead of exiting."""
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        result = cli.main(args=args, prog_name="reviewer", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        return EXIT_USAGE
    except click.ClickException as exc:
        exc.show()
        return EXIT_USAGE
    except ReviewerError as exc:
        click.echo(f"reviewer: error: {exc}", err=True)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        click.echo(f"reviewer: internal error: {type(exc).__name__}: {exc}", err=True)
        return EXIT_INTERNAL
    if isinstance(result, int):
        return result
    return 0


def entry() -> None:
    sys.exit(main())
