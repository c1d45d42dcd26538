"""The scanner tools that run outside the package's environment, their pinned versions, and
where they are installed.

semgrep pins click, opentelemetry and more, and would pull a FastAPI stack back to old versions
if it shared our environment; so it lives in a virtual environment of its own (pipx-style). A
checkout gets one under ``.tools/`` from ``.ci/setup``; an installed package (pre-commit's
``language: python`` hook, ``pip install``) gets one under the user's cache folder from
``reviewer tools install``. ``.ci/setup`` reads the pins below, so there is one source of truth.
"""

from __future__ import annotations

import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

SEMGREP_VERSION = "1.185.0"
BANDIT_VERSION = "1.9.4"


@dataclass(frozen=True)
class Tool:
    name: str  # the executable
    package: str
    version: str


# semgrep asks the network for a newer version unless told not to; reviews never reach out.
_OFFLINE = {"SEMGREP_ENABLE_VERSION_CHECK": "0", "SEMGREP_SEND_METRICS": "off"}

TOOLS: dict[str, Tool] = {
    "semgrep": Tool("semgrep", "semgrep", SEMGREP_VERSION),
    "bandit": Tool("bandit", "bandit", BANDIT_VERSION),
}


def user_tools_dir() -> Path:
    """``$REVIEWER_TOOLS_DIR``, else ``$XDG_CACHE_HOME/reviewer/tools`` (``~/.cache/...``)."""
    explicit = os.environ.get("REVIEWER_TOOLS_DIR")
    if explicit:
        return Path(explicit)
    cache = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(cache) / "reviewer" / "tools"


def candidates(name: str, project_root: Path) -> list[Path]:
    """Where an isolated tool may be, in order: the checkout's ``.tools``, the user's tools folder,
    beside the running interpreter."""
    return [
        project_root / ".tools" / name / "bin" / name,
        user_tools_dir() / name / "bin" / name,
        Path(sys.executable).parent / name,
    ]


def find_tool(name: str, project_root: Path) -> str:
    """The first existing candidate, else the name found on PATH, else the bare name (which then
    fails with a clear "cannot run" when the scanner starts)."""
    for path in candidates(name, project_root):
        if path.exists():
            return str(path)
    return shutil.which(name) or name


def installed_version(binary: Path | str) -> str | None:
    """The version ``<tool> --version`` prints (its first word that starts with a digit), or None
    when the tool cannot run."""
    from reviewer.subprocess_runner import ToolError, run

    try:
        done = run([str(binary), "--version"], timeout=60, max_output=1 << 16, env=_OFFLINE)
    except (ToolError, OSError):
        return None
    words = done.stdout.decode("utf-8", "replace").split()
    # "semgrep --version" prints the bare version; "bandit --version" starts "bandit 1.9.4".
    return next((w for w in words if w[:1].isdigit()), None)


def install(tool: Tool, target_root: Path, *, force: bool = False, python: str | None = None) -> Path:
    """Install ``tool`` at its pinned version into ``target_root/<name>`` (its own virtual
    environment) and return the executable. Nothing is done when that version is already there.
    A failed install leaves nothing behind: a half-built environment would be found next time."""
    from reviewer.errors import ExternalServiceError
    from reviewer.subprocess_runner import ToolError, run

    venv = target_root / tool.name
    binary = venv / "bin" / tool.name
    if not force and binary.exists() and installed_version(binary) == tool.version:
        return binary
    shutil.rmtree(venv, ignore_errors=True)
    venv.parent.mkdir(parents=True, exist_ok=True)
    try:
        run([python or sys.executable, "-m", "venv", str(venv)], timeout=300)
        pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "-q", "--disable-pip-version-check"]
        run([*pip, f"{tool.package}=={tool.version}"], timeout=1800, max_output=1 << 24)
    except ToolError as exc:
        shutil.rmtree(venv, ignore_errors=True)
        raise ExternalServiceError(f"installing {tool.package}=={tool.version} failed: {exc}") from None
    found = installed_version(binary)
    if found != tool.version:
        shutil.rmtree(venv, ignore_errors=True)
        raise ExternalServiceError(f"{binary} reports version {found!r} after installing {tool.version}")
    return binary
