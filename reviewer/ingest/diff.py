"""Unified diff text -> ``Changeset``, with the ``unidiff`` library doing the parsing.

Size caps are checked before anything else; paths are sanitised; non-UTF-8 bytes are replaced
and said; a diff that transports every line with CRLF is read as if it used LF. For a bare diff
the post-image is rebuilt from the hunks: lines outside any hunk are blank, so line numbers hold
(for Python, blank lines just above a hunk may carry indentation scaffolding: ``scaffold``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from unidiff import PatchedFile, PatchSet
from unidiff.constants import DEV_NULL, SUBMODULE_FILE_MODE, SYMLINK_FILE_MODE
from unidiff.errors import UnidiffParseError

from reviewer.changeset import ChangeKind, Changeset, FileChange, Limits
from reviewer.errors import InputError, InputTooLarge
from reviewer.ingest.paths import safe_relpath, unquote_git_path
from reviewer.ingest.scaffold import scaffold_python

_PREFIX = re.compile(r"^[abciow12]/")
_HUNK = re.compile(r"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")
_FILE_HEADER = re.compile(r"^(diff --git |--- |\+\+\+ |Binary files? )")


@dataclass
class _Decoded:
    lines: list[str]
    replaced_lines: set[int] = field(default_factory=set)  # 1-based diff line numbers


def _check_size(data: bytes, limits: Limits) -> None:
    if len(data) > limits.max_diff_bytes:
        raise InputTooLarge(
            f"diff is {len(data)} bytes; the limit is {limits.max_diff_bytes} (REVIEWER_MAX_DIFF_BYTES)"
        )


def _decode(data: bytes, limits: Limits) -> _Decoded:
    raw_lines = data.split(b"\n")
    if raw_lines and raw_lines[-1] == b"":
        raw_lines.pop()
    # A diff saved or sent with CRLF on every line (a Windows editor, an HTTP form) is read as LF;
    # a diff where only some lines end in CR keeps them, since then the CR is file content.
    crlf_transport = bool(raw_lines) and all(line.endswith(b"\r") for line in raw_lines)
    decoded = _Decoded([])
    for number, raw in enumerate(raw_lines, 1):
        if crlf_transport:
            raw = raw[:-1]
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = raw.decode("utf-8", "replace")
            decoded.replaced_lines.add(number)
        if len(text) > limits.max_line_length:
            raise InputTooLarge(
                f"diff line {number} is longer than {limits.max_line_length} characters "
                "(REVIEWER_MAX_LINE_LENGTH); minified or generated files are not reviewed"
            )
        decoded.lines.append(text + "\n")
    return decoded


def _check_hunk_ends(lines: list[str]) -> None:
    """Refuse a hunk followed by more body lines than its header counts: git would refuse to
    apply it, and unidiff would silently drop them, hiding added code from the review."""
    i = 0
    while i < len(lines):
        header = _HUNK.match(lines[i])
        i += 1
        if header is None:
            continue
        old_left = int(header[2]) if header[2] is not None else 1
        new_left = int(header[4]) if header[4] is not None else 1
        while i < len(lines) and (old_left > 0 or new_left > 0):
            kind = lines[i][:1]
            if kind == "+":
                new_left -= 1
            elif kind == "-":
                old_left -= 1
            elif kind in (" ", "\n", "\r"):
                old_left, new_left = old_left - 1, new_left - 1
            elif kind != "\\":
                break
            i += 1
        while i < len(lines) and lines[i].startswith("\\"):
            i += 1
        if i < len(lines):
            line = lines[i]
            if line[:1] in ("+", "-", " ") and not line.startswith(("--- ", "+++ ", "-- \n")):
                raise InputError(f"malformed diff: line {i + 1} is past the end of its hunk (hunk too long)")


def _side(name: str | None) -> str | None:
    if name is None or name == DEV_NULL:
        return None
    name = unquote_git_path(name.rstrip("\r"))
    return name[2:] if _PREFIX.match(name) else name


def _header_value(patched: PatchedFile, key: str) -> str | None:
    for line in patched.patch_info or ():
        if line.startswith(key):
            return unquote_git_path(line[len(key) :].rstrip("\r\n"))
    return None


def _kind(patched: PatchedFile, old: str | None, new: str | None) -> ChangeKind:
    if _header_value(patched, "copy from ") is not None:
        return ChangeKind.COPIED
    if new is None:
        return ChangeKind.DELETED
    if old is None:
        return ChangeKind.ADDED
    if old != new:
        return ChangeKind.RENAMED
    if len(patched) == 1 and patched[0].source_start == 0 and patched[0].source_length == 0:
        return ChangeKind.ADDED
    return ChangeKind.MODIFIED


def _post_image(patched: PatchedFile, *, python: bool = False) -> tuple[str | None, frozenset[int]]:
    """Rebuild what the hunks show of the new file; blank lines where the diff says nothing
    (for Python, possibly indentation scaffolding: see ``scaffold``)."""
    if not patched:
        return None, frozenset()
    size = max(h.target_start + h.target_length - 1 for h in patched)
    lines = [""] * max(size, 0)
    known = [False] * max(size, 0)
    added: set[int] = set()
    ends_without_newline = False
    for hunk in patched:
        previous = None
        for line in hunk:
            if line.line_type == "\\":
                if previous is not None and previous.line_type in ("+", " "):
                    ends_without_newline = True
                continue
            previous = line
            number = line.target_line_no
            if number is None or line.line_type not in ("+", " ") or not 1 <= number <= size:
                continue
            lines[number - 1] = line.value[:-1] if line.value.endswith("\n") else line.value
            known[number - 1] = True
            if line.line_type == "+":
                added.add(number)
    if not lines:
        return "", frozenset(added)
    if python and not all(known):
        lines = scaffold_python(lines, known)
    return "\n".join(lines) + ("" if ends_without_newline else "\n"), frozenset(added)


def _owner(patchset: PatchSet, diff_line: int) -> PatchedFile | None:
    owner = None
    for patched in patchset:
        if (patched.diff_line_no or 0) <= diff_line:
            owner = patched
    return owner


def _file_change(patched: PatchedFile, replaced: bool) -> FileChange | tuple[str, str]:
    old = _header_value(patched, "rename from ") or _header_value(patched, "copy from ")
    new = _header_value(patched, "rename to ") or _header_value(patched, "copy to ")
    old = old if old is not None else _side(patched.source_file)
    new = new if new is not None else _side(patched.target_file)
    if old is None and new is None:
        raise InputError("malformed diff: a file header names neither a source nor a target file")
    old_path = safe_relpath(old) if old is not None else None
    new_path = safe_relpath(new) if new is not None else None
    kind = _kind(patched, old_path, new_path)
    path = new_path or old_path
    assert path is not None
    if patched.target_mode in (SYMLINK_FILE_MODE, SUBMODULE_FILE_MODE) and kind is not ChangeKind.DELETED:
        what = "symbolic link" if patched.target_mode == SYMLINK_FILE_MODE else "submodule"
        return (path, f"{what}: not followed or reviewed")
    old_mode = new_mode = None
    if patched.source_mode != patched.target_mode:
        old_mode, new_mode = patched.source_mode, patched.target_mode
    renamed_from = old_path if old_path != path else None
    if patched.is_binary_file:
        return FileChange(
            path, kind, old_path=renamed_from, binary=True, old_mode=old_mode, new_mode=new_mode
        )
    python = path.endswith((".py", ".pyi", ".pyw"))
    post_image, added = (
        _post_image(patched, python=python) if kind is not ChangeKind.DELETED else (None, frozenset())
    )
    if post_image is None and kind is ChangeKind.ADDED:
        post_image = ""  # an empty new file
    return FileChange(
        path,
        kind,
        old_path=renamed_from,
        added_lines=added,
        post_image=post_image,
        post_image_complete=False,
        old_mode=old_mode,
        new_mode=new_mode,
        decoding_replaced=replaced,
    )


def parse_diff(data: bytes | str, limits: Limits, *, source: str = "diff") -> Changeset:
    """Parse unified diff text (git or plain ``diff -u``) into a ``Changeset``.

    Raises ``InputTooLarge`` past a size cap, ``HostilePath`` for an unsafe path and
    ``InputError`` for text that is not a well-formed unified diff. Empty input is an empty change.
    """
    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else bytes(data)
    _check_size(raw, limits)
    decoded = _decode(raw, limits)
    if not any(line.strip() for line in decoded.lines):
        return Changeset(files=(), source=source)
    _check_hunk_ends(decoded.lines)
    try:
        patchset = PatchSet(decoded.lines)
    except UnidiffParseError as exc:
        raise InputError(f"malformed diff: {exc}".strip()) from None
    if not patchset:
        if not any(_FILE_HEADER.match(line) for line in decoded.lines):
            raise InputError(
                "input is not a unified diff: no file header ('diff --git', '--- ' / '+++ ') found"
            )
        return Changeset(files=(), source=source)
    if len(patchset) > limits.max_files:
        raise InputTooLarge(
            f"diff touches {len(patchset)} files; the limit is {limits.max_files} (REVIEWER_MAX_FILES)"
        )
    replaced_files = {id(_owner(patchset, n)) for n in decoded.replaced_lines}
    files: list[FileChange] = []
    skipped: list[tuple[str, str]] = []
    seen: set[str] = set()
    for patched in patchset:
        change = _file_change(patched, id(patched) in replaced_files)
        path = change[0] if isinstance(change, tuple) else change.path
        if path in seen:
            raise InputError(f"malformed diff: {path!r} appears more than once")
        seen.add(path)
        if isinstance(change, tuple):
            skipped.append(change)
        else:
            files.append(change)
    return Changeset(files=tuple(files), source=source, skipped=tuple(skipped))
