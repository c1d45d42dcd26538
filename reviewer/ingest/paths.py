"""Path sanitation for every path that comes from a change.

A path in a diff or a git tree is attacker-controlled: it must stay a plain relative path that
cannot name anything outside the review's workspace, on POSIX or on Windows.
"""

from __future__ import annotations

import re

from reviewer.errors import HostilePath

MAX_PATH_CHARS = 4096
MAX_COMPONENT_BYTES = 255

# Windows reserved device names, with or without an extension ("CON", "nul.txt", "COM1.py").
_DEVICE = re.compile(r"^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)(\..*)?$", re.IGNORECASE)
_DRIVE = re.compile(r"^[A-Za-z]:")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_C_ESCAPES = {"a": 7, "b": 8, "t": 9, "n": 10, "v": 11, "f": 12, "r": 13, '"': 34, "\\": 92}


def unquote_git_path(path: str) -> str:
    """Undo git's C-style quoting (``"a/caf\\303\\251.py"``) of unusual file names."""
    if not (len(path) >= 2 and path.startswith('"') and path.endswith('"')):
        return path
    body = path[1:-1]
    out = bytearray()
    i = 0
    while i < len(body):
        ch = body[i]
        if ch != "\\":
            out += ch.encode("utf-8", "surrogatepass")
            i += 1
            continue
        nxt = body[i + 1 : i + 2]
        if nxt in _C_ESCAPES:
            out.append(_C_ESCAPES[nxt])
            i += 2
        elif re.fullmatch(r"[0-7]{3}", body[i + 1 : i + 4]):
            out.append(int(body[i + 1 : i + 4], 8) & 0xFF)
            i += 4
        else:
            raise HostilePath(f"refused path {path!r}: invalid escape in quoted name")
    return out.decode("utf-8", "replace")


def safe_relpath(path: str) -> str:
    """Return ``path`` as a normalised relative POSIX path, or raise ``HostilePath``.

    Refused: empty paths, absolute paths (``/x``, ``C:x``, ``\\\\server``), any ``..`` component,
    NUL and other control characters, backslashes (a separator on Windows, so ``..\\x`` would
    escape there), Windows device names, trailing dots or spaces, and over-long names.
    """
    shown = path if len(path) <= 200 else path[:200] + "…"
    if not path or not path.strip():
        raise HostilePath("refused path: empty path")
    if len(path) > MAX_PATH_CHARS:
        raise HostilePath(f"refused path {shown!r}: longer than {MAX_PATH_CHARS} characters")
    if "\x00" in path:
        raise HostilePath(f"refused path {shown!r}: contains a NUL byte")
    if _CONTROL.search(path):
        raise HostilePath(f"refused path {shown!r}: contains a control character")
    if "\\" in path:
        raise HostilePath(f"refused path {shown!r}: contains a backslash")
    if path.startswith("/") or _DRIVE.match(path):
        raise HostilePath(f"refused path {shown!r}: absolute paths are not allowed")
    parts = [p for p in path.split("/") if p not in ("", ".")]
    if not parts:
        raise HostilePath(f"refused path {shown!r}: names no file")
    for part in parts:
        if part == "..":
            raise HostilePath(f"refused path {shown!r}: '..' would leave the workspace")
        if _DEVICE.match(part):
            raise HostilePath(f"refused path {shown!r}: {part!r} is a device name")
        if part.endswith((".", " ")):
            raise HostilePath(f"refused path {shown!r}: a name may not end with a dot or a space")
        if len(part.encode("utf-8", "surrogatepass")) > MAX_COMPONENT_BYTES:
            raise HostilePath(f"refused path {shown!r}: a name is longer than {MAX_COMPONENT_BYTES} bytes")
    return "/".join(parts)
