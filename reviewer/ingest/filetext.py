"""Turning file bytes into reviewable text, and reading files without following symlinks.

Shared by the git and plain-path sources so both skip the same things for the same reasons.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from reviewer.changeset import ChangeKind, FileChange, Limits

_SNIFF = 8192


@dataclass(frozen=True)
class Text:
    text: str
    replaced: bool  # non-UTF-8 bytes were replaced


@dataclass(frozen=True)
class Skip:
    reason: str


def source_lines(text: str) -> list[str]:
    """Lines as scanners count them: split on newline only (``str.splitlines`` also splits on
    form feeds and other separators, which would shift every line number after them)."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line[:-1] if line.endswith("\r") else line for line in lines]


def decode_text(data: bytes, limits: Limits) -> Text | Skip:
    """Decode file content as UTF-8 (replacing bad bytes), or say why it is not reviewed."""
    if len(data) > limits.max_file_bytes:
        return Skip(f"file is {len(data)} bytes; over the {limits.max_file_bytes}-byte limit")
    if b"\0" in data[:_SNIFF]:
        return Skip("binary file")
    try:
        text, replaced = data.decode("utf-8"), False
    except UnicodeDecodeError:
        text, replaced = data.decode("utf-8", "replace"), True
    if text.startswith("\ufeff"):
        text = text[1:]  # a BOM is not code; keeping it would shift column 1 of line 1
    longest = max((len(line) for line in source_lines(text)), default=0)
    if longest > limits.max_line_length:
        return Skip(f"a line is longer than {limits.max_line_length} characters (minified or generated)")
    return Text(text, replaced)


def whole_file(path: str, loaded: Text) -> FileChange:
    """A file reviewed as wholly added code: every line of ``loaded`` counts as added."""
    return FileChange(
        path,
        ChangeKind.ADDED,
        added_lines=frozenset(range(1, len(source_lines(loaded.text)) + 1)),
        post_image=loaded.text,
        post_image_complete=True,
        decoding_replaced=loaded.replaced,
    )


def read_regular_file(root: Path, relpath: str, limits: Limits) -> Text | Skip:
    """Read ``root/relpath`` only if it and every folder above it inside ``root`` is no symlink."""
    current = root
    for part in relpath.split("/")[:-1]:
        current = current / part
        try:
            if stat.S_ISLNK(os.lstat(current).st_mode):
                return Skip("inside a symbolically linked folder: not followed")
        except FileNotFoundError:
            return Skip("file not found")
    target = root / relpath
    try:
        info = os.lstat(target)
    except FileNotFoundError:
        return Skip("file not found")
    if stat.S_ISLNK(info.st_mode):
        return Skip("symbolic link: not followed")
    if not stat.S_ISREG(info.st_mode):
        return Skip("not a regular file")
    if info.st_size > limits.max_file_bytes:
        return Skip(f"file is {info.st_size} bytes; over the {limits.max_file_bytes}-byte limit")
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(target, flags)
    except OSError as exc:
        return Skip(f"cannot read: {exc.strerror}")
    with os.fdopen(fd, "rb") as handle:
        data = handle.read(limits.max_file_bytes + 1)
    return decode_text(data, limits)
