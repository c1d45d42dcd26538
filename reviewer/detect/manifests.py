"""Dependency declarations in manifests: requirements files, pyproject.toml, package.json.

Each parser returns ``Declared(name, line, ecosystem)`` with the 1-based line of the entry, so that
the pipeline can keep only entries on added lines. Malformed files (a diff's partial post-image)
fall back to line-by-line patterns rather than failing.
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass
from pathlib import PurePosixPath

from reviewer.detect.packages import Ecosystem

_REQ_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*(?:[<>=!~;@]|$|#|\s)")
_QUOTED_REQ = re.compile(
    r"""["']([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*(?:[<>=!~;@ ][^"']*)?["']"""
)
_POETRY_KEY = re.compile(r"""^\s*["']?([A-Za-z0-9][A-Za-z0-9._-]*)["']?\s*=""")
_JSON_KEY = re.compile(
    r"""^\s*"((?:@[a-z0-9._~-]+/)?[a-z0-9._~-][a-z0-9._~-]*)"\s*:\s*"[^"]*"\s*,?\s*$""", re.I
)
_NPM_SECTIONS = ("dependencies", "devDependencies", "peerDependencies", "optionalDependencies")


@dataclass(frozen=True)
class Declared:
    name: str
    line: int
    ecosystem: Ecosystem
    source: str  # "requirements" | "pyproject" | "package.json" | "import"


def manifest_kind(path: str) -> str | None:
    name = PurePosixPath(path).name.lower()
    if name == "package.json":
        return "package.json"
    if name == "pyproject.toml":
        return "pyproject"
    if re.fullmatch(r"(?:.*requirements.*|constraints.*)\.(?:txt|in)", name):
        return "requirements"
    return None


def parse_requirements(text: str) -> list[Declared]:
    out = []
    for i, raw in enumerate(text.splitlines(), start=1):
        line = raw.split(" #", 1)[0].strip()
        if not line or line.startswith(("#", "-", "git+", "http:", "https:", "file:", ".", "/")):
            continue
        m = _REQ_NAME.match(line)
        if m:
            out.append(Declared(m.group(1), i, Ecosystem.PYPI, "requirements"))
    return out


def _line_for(lines: list[str], name: str, start: int = 0) -> int:
    pattern = re.compile(r"""(?:^|["'\s])""" + re.escape(name) + r"""(?:["'\s\[<>=!~;]|$)""", re.I)
    for i in range(start, len(lines)):
        stripped = lines[i].lstrip()
        if not stripped.startswith("#") and pattern.search(lines[i]):
            return i + 1
    return 0


def _pyproject_names(data: dict[str, object]) -> list[str]:
    names: list[str] = []
    project = data.get("project") if isinstance(data.get("project"), dict) else {}
    assert isinstance(project, dict)
    specs: list[object] = list(project.get("dependencies") or [])
    for group in (project.get("optional-dependencies") or {}).values():
        specs.extend(group or [])
    for group in (
        (data.get("dependency-groups") or {}).values()
        if isinstance(data.get("dependency-groups"), dict)
        else ()
    ):
        specs.extend(g for g in group or [] if isinstance(g, str))
    for spec in specs:
        if isinstance(spec, str):
            m = _REQ_NAME.match(spec)
            if m:
                names.append(m.group(1))
    poetry = (data.get("tool") or {}).get("poetry") if isinstance(data.get("tool"), dict) else None
    if isinstance(poetry, dict):
        tables = [poetry.get("dependencies"), poetry.get("dev-dependencies")]
        tables += [g.get("dependencies") for g in (poetry.get("group") or {}).values() if isinstance(g, dict)]
        for table in tables:
            if isinstance(table, dict):
                names.extend(k for k in table if k.lower() != "python")
    return names


def parse_pyproject(text: str) -> list[Declared]:
    lines = text.splitlines()
    try:
        names = _pyproject_names(tomllib.loads(text))
    except (tomllib.TOMLDecodeError, AttributeError, TypeError):
        return _pyproject_fallback(lines)
    out = []
    for name in dict.fromkeys(names):
        line = _line_for(lines, name)
        if line:
            out.append(Declared(name, line, Ecosystem.PYPI, "pyproject"))
    return out


def _pyproject_fallback(lines: list[str]) -> list[Declared]:
    out: list[Declared] = []
    section = ""
    for i, line in enumerate(lines, start=1):
        stripped = line.strip()
        if stripped.startswith("["):
            section = stripped
            continue
        if "dependencies" in section and section.startswith("[tool.poetry"):
            m = _POETRY_KEY.match(line)
            if m and m.group(1).lower() != "python":
                out.append(Declared(m.group(1), i, Ecosystem.PYPI, "pyproject"))
        elif section in ("[project]", "[project.optional-dependencies]", "[dependency-groups]"):
            out.extend(
                Declared(m.group(1), i, Ecosystem.PYPI, "pyproject") for m in _QUOTED_REQ.finditer(line)
            )
    return out


def parse_package_json(text: str) -> list[Declared]:
    lines = text.splitlines()
    try:
        data = json.loads(text)
    except ValueError:
        return [
            Declared(m.group(1), i, Ecosystem.NPM, "package.json")
            for i, ln in enumerate(lines, 1)
            if (m := _JSON_KEY.match(ln))
        ]
    out = []
    if not isinstance(data, dict):
        return out
    for section in _NPM_SECTIONS:
        deps = data.get(section)
        if not isinstance(deps, dict):
            continue
        start = next((i for i, ln in enumerate(lines) if f'"{section}"' in ln), 0)
        for name in deps:
            line = _line_for(lines, name, start)
            if line:
                out.append(Declared(name, line, Ecosystem.NPM, "package.json"))
    return out


def parse_manifest(path: str, text: str) -> list[Declared]:
    """Declared dependencies of a manifest file, or [] for any other file."""
    kind = manifest_kind(path)
    if kind == "requirements":
        return parse_requirements(text)
    if kind == "pyproject":
        return parse_pyproject(text)
    if kind == "package.json":
        return parse_package_json(text)
    return []
