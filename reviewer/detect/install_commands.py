"""Package names in install commands: ``pip install X`` and ``npm install X`` in Dockerfiles,
shell scripts, CI workflows, Makefiles, notebooks and README code blocks.

Assistants often answer "run ``pip install <name>``" with a name that does not exist; the command
lands in a README or a Dockerfile rather than in a manifest.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from reviewer.detect.manifests import Declared
from reviewer.detect.packages import Ecosystem

_PIP = re.compile(
    r"(?:^|[\s;&|!(`\"'])(?:python3?(?:\.\d+)?\s+-m\s+)?(?:pip3?|uv\s+pip|pipx)\s+install\s+(?P<args>[^;&|#\n`)]+)"
)
_NPM = re.compile(
    r"(?:^|[\s;&|(`\"'])(?:npm\s+(?:install|i|add)|yarn\s+(?:global\s+)?add|pnpm\s+(?:add|install|i))\s+"
    r"(?P<args>[^;&|#\n`)]+)"
)
# Options whose next token is a value, not a package.
_PIP_VALUED = frozenset(
    {
        "-r",
        "-c",
        "-e",
        "-i",
        "-t",
        "--requirement",
        "--constraint",
        "--editable",
        "--index-url",
        "--extra-index-url",
        "--target",
        "--prefix",
        "--root",
        "-f",
        "--find-links",
        "--python",
    }
)
_NPM_VALUED = frozenset({"--registry", "--prefix", "-w", "--workspace", "--tag"})
_PIP_NAME = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?(?:[<>=!~].*)?$")
_NPM_NAME = re.compile(r"^((?:@[a-z0-9._~-]+/)?[a-z0-9._~-]+)(?:@.*)?$", re.IGNORECASE)
_SUFFIXES = (
    ".sh",
    ".bash",
    ".zsh",
    ".md",
    ".rst",
    ".yml",
    ".yaml",
    ".ps1",
    ".ipynb",
    ".cfg",
    ".toml",
    ".txt",
)
_NAMES = ("dockerfile", "makefile", "containerfile", "justfile", "procfile")


def applies_to(path: str) -> bool:
    name = PurePosixPath(path).name.lower()
    return name.endswith(_SUFFIXES) or name.startswith(_NAMES) or name.endswith(".dockerfile")


def _names(args: str, valued: frozenset[str], pattern: re.Pattern[str]) -> list[str]:
    out: list[str] = []
    skip = False
    for token in args.split():
        token = token.strip("'\"\\")
        if skip:
            skip = False
            continue
        if token.startswith("-"):
            skip = token in valued
            continue
        if (
            not token
            or any(c in token for c in "$%{}*")
            or token.startswith("<")
            or "://" in token
            or token.startswith((".", "/", "~"))
        ):
            continue
        if token.endswith((".txt", ".whl", ".tar.gz", ".zip", ".tgz")) or token.startswith("git+"):
            continue
        m = pattern.match(token)
        if m:
            out.append(m.group(1))
    return out


def install_commands(path: str, text: str) -> list[Declared]:
    """Packages named by pip/npm/yarn/pnpm install commands in ``text``."""
    if not applies_to(path):
        return []
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        if "install" not in line and " add " not in line:
            continue
        for m in _PIP.finditer(line):
            found += [
                Declared(n, number, Ecosystem.PYPI, "install")
                for n in _names(m["args"], _PIP_VALUED, _PIP_NAME)
            ]
        for m in _NPM.finditer(line):
            found += [
                Declared(n, number, Ecosystem.NPM, "install")
                for n in _names(m["args"], _NPM_VALUED, _NPM_NAME)
            ]
    return found
