"""Reading post-image files from a workspace for the in-process scanners."""

from __future__ import annotations

from collections.abc import Iterator

from reviewer.scanners.base import Workspace

MAX_TEXT_BYTES = 2 * 1024 * 1024


def iter_texts(workspace: Workspace, skipped: list[tuple[str, str]]) -> Iterator[tuple[str, str]]:
    """Yield ``(path, text)`` for each workspace file, sorted; records unreadable files in ``skipped``."""
    for rel in sorted(workspace.files):
        abs_path = workspace.files[rel]
        try:
            data = abs_path.read_bytes()
        except OSError as exc:
            skipped.append((rel, f"unreadable: {exc.strerror or exc}"))
            continue
        if len(data) > MAX_TEXT_BYTES:
            skipped.append((rel, "file too large"))
            continue
        if b"\0" in data[:8192]:
            continue  # binary: nothing textual to look at
        yield rel, data.decode("utf-8", errors="replace")
