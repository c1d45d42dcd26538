"""Frozen value types describing a change to review, independent of where it came from.

A ``Changeset`` is what every ingest path (diff text, git range, staged index, plain paths,
a GitHub pull request) produces and what the pipeline consumes. No I/O here.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class ChangeKind(enum.StrEnum):
    ADDED = "added"
    MODIFIED = "modified"
    DELETED = "deleted"
    RENAMED = "renamed"
    COPIED = "copied"


@dataclass(frozen=True)
class FileChange:
    """One file of the change.

    ``post_image`` is the file's full text after the change when known (git, GitHub, paths);
    for a bare diff it is rebuilt from the hunks, so lines outside hunks are blank and
    ``post_image_complete`` is False.
    """

    path: str
    kind: ChangeKind
    old_path: str | None = None
    added_lines: frozenset[int] = frozenset()
    post_image: str | None = None
    post_image_complete: bool = False
    binary: bool = False
    old_mode: str | None = None
    new_mode: str | None = None
    decoding_replaced: bool = False  # non-UTF-8 bytes were replaced while decoding

    @property
    def reviewable(self) -> bool:
        return not self.binary and self.kind is not ChangeKind.DELETED and self.post_image is not None


@dataclass(frozen=True)
class Changeset:
    """A whole change: its files plus where it came from."""

    files: tuple[FileChange, ...]
    source: str = "diff"  # diff | git | staged | paths | github | api
    base: str | None = None
    head: str | None = None
    whole_files: bool = False  # every line counts as added (``reviewer scan PATH``)
    skipped: tuple[tuple[str, str], ...] = ()  # (path, reason) left out at ingest (symlink, too big...)
    # Python modules the project itself provides (from its file list), beyond the changed files.
    project_modules: tuple[str, ...] = ()

    @property
    def lines_added(self) -> int:
        return sum(len(f.added_lines) for f in self.files)

    def reviewable(self) -> tuple[FileChange, ...]:
        return tuple(f for f in self.files if f.reviewable)


@dataclass(frozen=True)
class Limits:
    """Size caps applied at ingest; past them the change is refused with a clear error."""

    max_diff_bytes: int = 20 * 1024 * 1024
    max_files: int = 2000
    max_line_length: int = 20_000
    max_file_bytes: int = 2 * 1024 * 1024
