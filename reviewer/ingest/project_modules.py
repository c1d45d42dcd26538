"""Top-level Python module names a project provides, from the list of its files.

A change imports its own project's modules far more often than it adds a package, and those
modules are usually not part of the change. The dependency check must not ask about them.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import PurePosixPath

# Folders that hold other people's code or build output, not the project's modules.
_FOREIGN = frozenset({"node_modules", "site-packages", "dist-packages", "__pycache__", "build", "dist"})
MAX_NAMES = 20_000


def python_module_names(paths: Iterable[str]) -> tuple[str, ...]:
    """Names importable from the project: its top-level packages and modules, those under a
    ``src/``-style root, every package folder, and every module's own name (a script imports
    its siblings by name)."""
    names: set[str] = set()
    for raw in paths:
        parts = PurePosixPath(raw).parts
        if not parts or not parts[-1].endswith((".py", ".pyi")):
            continue
        if any(p in _FOREIGN or p.startswith(".") for p in parts[:-1]):
            continue
        stem = parts[-1].rsplit(".", 1)[0]
        # The module itself (a script imports its siblings by name) and every folder on the way
        # (a top-level package, a package under src/, a sub-package run as a script's folder).
        candidates = [stem, *parts[:-1]]
        names.update(c for c in candidates if c.isidentifier() and c != "__init__")
        if len(names) >= MAX_NAMES:
            break
    return tuple(sorted(names))
