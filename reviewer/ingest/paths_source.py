"""``reviewer scan PATH...``: files and folders reviewed as wholly added code.

For auditing a folder of generated code. Folders are walked without following symlinks; ``.git``
and similar tool folders are left out; binary, huge and symlinked files are skipped with a reason.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from reviewer.changeset import Changeset, FileChange, Limits
from reviewer.errors import InputTooLarge, UsageError
from reviewer.ingest.filetext import Skip, read_regular_file, whole_file
from reviewer.ingest.paths import safe_relpath
from reviewer.ingest.project_modules import python_module_names

# Folders that hold tool state or third-party code rather than the code under review.
SKIP_DIRS = frozenset(
    {
        ".git",
        ".hg",
        ".svn",
        "__pycache__",
        ".mypy_cache",
        ".pytest_cache",
        ".ruff_cache",
        ".tox",
        ".nox",
        "node_modules",
        ".venv",
        "venv",
        ".tools",
    }
)


def _display_base(target: Path, cwd: Path) -> tuple[Path, str]:
    """Where relative paths start: the current folder when the target is inside it."""
    absolute = Path(os.path.abspath(target))
    try:
        rel = absolute.relative_to(cwd)
        return cwd, rel.as_posix()
    except ValueError:
        return absolute.parent, absolute.name


def _walk(folder: Path) -> list[Path]:
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS)
        found.extend(Path(dirpath) / name for name in sorted(filenames))
    return found


def paths_changeset(
    targets: list[str],
    limits: Limits,
    *,
    cwd: Path | None = None,
    project_modules: tuple[str, ...] | None = None,
) -> Changeset:
    """Review every file under ``targets`` as if all its lines were added.

    ``project_modules``: the repository's module names when the caller already has them (one
    ``git ls-files`` for many calls); by default they are listed from ``cwd``."""
    cwd = Path(os.path.abspath(cwd or Path.cwd()))
    files: dict[str, FileChange] = {}
    skipped: list[tuple[str, str]] = []
    for target in targets:
        path = cwd / target  # an absolute target stays absolute
        try:
            info = os.lstat(path)
        except FileNotFoundError:
            raise UsageError(f"no such file or folder: {target}") from None
        base, shown = _display_base(path, cwd)
        if stat.S_ISLNK(info.st_mode):
            skipped.append((shown, "symbolic link: not followed"))
            continue
        candidates = _walk(path) if stat.S_ISDIR(info.st_mode) else [path]
        for candidate in candidates:
            rel = Path(os.path.abspath(candidate)).relative_to(base).as_posix()
            rel = safe_relpath(rel)
            if rel in files:
                continue
            loaded = read_regular_file(base, rel, limits)
            if isinstance(loaded, Skip):
                skipped.append((rel, loaded.reason))
                continue
            files[rel] = whole_file(rel, loaded)
            if len(files) > limits.max_files:
                raise InputTooLarge(
                    f"more than {limits.max_files} files under {', '.join(targets)} (REVIEWER_MAX_FILES)"
                )
    return Changeset(
        files=tuple(files[k] for k in sorted(files)),
        source="paths",
        whole_files=True,
        skipped=tuple(sorted(set(skipped))),
        project_modules=project_modules_under(cwd) if project_modules is None else project_modules,
    )


def project_modules_under(cwd: Path) -> tuple[str, ...]:
    """Module names of the git-tracked files under ``cwd``, when it is inside a repository."""
    from reviewer.ingest.git import Git
    from reviewer.subprocess_runner import ToolError

    try:
        # One git call: ls-files run in cwd lists only the files under it, relative to it, and
        # fails outside a repository.
        return python_module_names(Git(cwd, timeout=10).tracked())
    except ToolError:
        return ()
