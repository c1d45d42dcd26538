"""The review's temporary workspace: the post-image of every reviewable file, and nothing else.

Every target is sanitised, resolved and checked to lie inside the workspace before anything is
written; files are created exclusively and never through a symlink; no symlink is ever made.
The folder is removed when the review ends, whatever happened.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from reviewer.changeset import Changeset, Limits
from reviewer.errors import HostilePath, InputError, InputTooLarge
from reviewer.ingest.paths import safe_relpath
from reviewer.scanners.base import Workspace

_WRITE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)


def _target(root: Path, relpath: str) -> Path:
    target = root.joinpath(*relpath.split("/"))
    resolved = target.parent.resolve()
    if resolved != root and root not in resolved.parents:
        raise HostilePath(f"refused path {relpath!r}: it resolves outside the workspace")
    return target


def _write(root: Path, relpath: str, text: str) -> Path:
    target = _target(root, relpath)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise InputError(f"path {relpath!r} needs a folder where the change has a file") from None
    _target(root, relpath)  # re-check after creating folders: none of them may lead elsewhere
    try:
        fd = os.open(target, _WRITE_FLAGS, 0o600)
    except FileExistsError:
        raise InputError(f"path {relpath!r} appears twice in the change") from None
    except IsADirectoryError:
        raise InputError(f"path {relpath!r} is both a file and a folder in the change") from None
    with os.fdopen(fd, "w", encoding="utf-8", errors="surrogateescape", newline="") as handle:
        handle.write(text)
    return target


@contextmanager
def materialise(changeset: Changeset, limits: Limits) -> Iterator[Workspace]:
    """Write the change's post-images into a fresh temporary folder; remove it afterwards."""
    root = Path(tempfile.mkdtemp(prefix="reviewer-ws-")).resolve()
    try:
        files: dict[str, Path] = {}
        total = 0
        for change in changeset.reviewable():
            relpath = safe_relpath(change.path)
            text = change.post_image or ""
            size = len(text.encode("utf-8", "surrogateescape"))
            if size > limits.max_file_bytes:
                raise InputTooLarge(
                    f"{relpath}: {size} bytes is over the {limits.max_file_bytes}-byte file limit"
                )
            total += size
            if total > limits.max_diff_bytes * 10:  # whole post-images may be far larger than a diff
                raise InputTooLarge("the change's files together exceed the workspace size limit")
            files[relpath] = _write(root, relpath, text)
        yield Workspace(root=root, files=files, changeset=changeset)
    finally:
        shutil.rmtree(root, ignore_errors=True)
