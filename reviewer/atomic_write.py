"""Write a file all at once or not at all: a temporary sibling, fsync, then rename over."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from reviewer.errors import UsageError


def write_atomic(path: Path | str, text: str) -> None:
    """Replace ``path`` with ``text``; on any error the old file (or no file) is left as it was.

    Raises ``UsageError`` when the folder cannot be written to.
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise UsageError(f"cannot write {target}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if target.exists():
            with contextlib.suppress(OSError):
                os.chmod(tmp, target.stat().st_mode & 0o777)
        else:
            os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
