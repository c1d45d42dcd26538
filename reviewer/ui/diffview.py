"""The review page's diff, with each finding anchored under the line it points at.

Pure: stored diff text and findings in, frozen rows out; the template only loops. Lines a
secrets finding covers are masked here, before any template sees them, so a key that reached
the stored diff is still never shown in clear.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Generic, Protocol, TypeVar

from unidiff import PatchSet
from unidiff.errors import UnidiffParseError

from reviewer.masking import mask_secret


class Locatable(Protocol):
    """What the view needs from a finding: where it is, and whether it is a secret."""

    @property
    def path(self) -> str: ...
    @property
    def start_line(self) -> int: ...
    @property
    def end_line(self) -> int: ...
    @property
    def category(self) -> str: ...


F = TypeVar("F", bound=Locatable)

MAX_LINES = 5000  # beyond this a file's hunks are not drawn (its findings still are)


@dataclass(frozen=True)
class DiffLine(Generic[F]):
    kind: str  # "add" | "del" | "ctx"
    old_no: int | None
    new_no: int | None
    text: str
    findings: tuple[F, ...] = ()
    masked: bool = False


@dataclass(frozen=True)
class DiffHunk(Generic[F]):
    header: str
    lines: tuple[DiffLine[F], ...]


@dataclass(frozen=True)
class DiffFile(Generic[F]):
    path: str
    old_path: str | None
    status: str  # added | modified | deleted | renamed
    hunks: tuple[DiffHunk[F], ...] = ()
    unanchored: tuple[F, ...] = ()  # findings on lines the diff does not show
    binary: bool = False
    truncated: bool = False
    added: int = 0
    removed: int = 0


@dataclass(frozen=True)
class DiffView(Generic[F]):
    files: tuple[DiffFile[F], ...]
    elsewhere: tuple[F, ...] = ()  # findings in files the diff does not contain
    notice: str | None = None
    truncated_files: tuple[str, ...] = field(default=())


_QUOTED = re.compile(r"""(?P<q>["'`])(?P<body>(?:\\.|(?!(?P=q)).){4,})(?P=q)""")
_TOKENISH = re.compile(r"[A-Za-z0-9+/_\-]{16,}={0,2}")


def _looks_random(token: str) -> bool:
    """Letters and digits mixed: a key, not an identifier like AWS_SECRET_ACCESS_KEY."""
    return any(c.isdigit() for c in token) and any(c.isalpha() for c in token)


def mask_line(text: str) -> str:
    """Mask string literals and long random-looking runs the way every other output masks a
    secret (``reviewer.masking.mask_secret``: a known prefix and, for long values, the last four)."""
    out: list[str] = []
    last = 0
    for m in _QUOTED.finditer(text):
        out.append(_mask_tokens(text[last : m.start()]))
        out.append(f"{m.group('q')}{mask_secret(m.group('body'))}{m.group('q')}")
        last = m.end()
    out.append(_mask_tokens(text[last:]))
    return "".join(out)


def _mask_tokens(text: str) -> str:
    return _TOKENISH.sub(lambda m: mask_secret(m.group(0)) if _looks_random(m.group(0)) else m.group(0), text)


def _status(patched: object) -> str:
    if getattr(patched, "is_added_file", False):
        return "added"
    if getattr(patched, "is_removed_file", False):
        return "deleted"
    if getattr(patched, "is_rename", False):
        return "renamed"
    return "modified"


def _clean_path(path: str) -> str:
    for prefix in ("a/", "b/"):
        if path.startswith(prefix):
            return path[len(prefix) :]
    return path


def _secret_lines(findings: Iterable[F]) -> set[int]:
    lines: set[int] = set()
    for f in findings:
        if str(f.category) in ("secrets", "Category.SECRETS"):
            lines.update(range(f.start_line, max(f.start_line, f.end_line) + 1))
    return lines


@dataclass(frozen=True)
class RawFile:
    """One file as a source (a unified diff, a stored changeset) gives it, before findings."""

    path: str
    old_path: str | None
    status: str
    hunks: tuple[tuple[str, tuple[tuple[str, int | None, int | None, str], ...]], ...]  # (header, rows)
    binary: bool = False
    added: int = 0
    removed: int = 0

    @property
    def size(self) -> int:
        return sum(len(rows) for _, rows in self.hunks)


def _from_patch(patch: PatchSet) -> list[RawFile]:
    files = []
    for patched in patch:
        hunks = []
        for hunk in patched:
            rows = tuple(
                (
                    "add" if line.is_added else "del" if line.is_removed else "ctx",
                    line.source_line_no,
                    line.target_line_no,
                    line.value.rstrip("\r\n"),
                )
                for line in hunk
            )
            header = (
                f"@@ -{hunk.source_start},{hunk.source_length} +{hunk.target_start},{hunk.target_length} @@"
            )
            hunks.append((f"{header} {hunk.section_header}".rstrip(), rows))
        files.append(
            RawFile(
                path=_clean_path(patched.target_file if not patched.is_removed_file else patched.source_file),
                old_path=_clean_path(patched.source_file) if patched.is_rename else None,
                status=_status(patched),
                hunks=tuple(hunks),
                binary=patched.is_binary_file,
                added=patched.added,
                removed=patched.removed,
            )
        )
    return files


def from_post_image(
    path: str,
    status: str,
    post_image: str,
    added_lines: Iterable[int],
    *,
    context: int = 3,
    old_path: str | None = None,
) -> RawFile:
    """A file known by its new text and added line numbers (a stored changeset, e.g. a pull request).

    Old lines are unknown, so hunks show the added lines with ``context`` lines around them.
    """
    lines = post_image.splitlines()
    added = sorted(n for n in set(added_lines) if 1 <= n <= len(lines))
    windows: list[list[int]] = []
    for n in added:
        lo, hi = max(1, n - context), min(len(lines), n + context)
        if windows and lo <= windows[-1][1] + 1:
            windows[-1][1] = max(windows[-1][1], hi)
        else:
            windows.append([lo, hi])
    wanted = set(added)
    hunks = tuple(
        (
            f"@@ +{lo},{hi - lo + 1} @@",
            tuple(("add" if n in wanted else "ctx", None, n, lines[n - 1]) for n in range(lo, hi + 1)),
        )
        for lo, hi in windows
    )  # fmt: skip
    return RawFile(path, old_path, status, hunks, added=len(added))


def build(
    diff_text: str,
    findings: Sequence[F],
    *,
    max_lines: int = MAX_LINES,
    mask: Callable[[str], str] = mask_line,
) -> DiffView[F]:
    """Parse ``diff_text`` and place every finding either inline, per file, or elsewhere."""
    try:
        patch = PatchSet(diff_text)
    except UnidiffParseError as exc:
        notice = f"The stored diff could not be shown: {exc}"
        return DiffView(files=(), elsewhere=tuple(findings), notice=notice)
    return place(_from_patch(patch), findings, max_lines=max_lines, mask=mask)


def place(
    raw_files: Sequence[RawFile],
    findings: Sequence[F],
    *,
    max_lines: int = MAX_LINES,
    mask: Callable[[str], str] = mask_line,
) -> DiffView[F]:
    """Attach findings to the lines of ``raw_files``, masking lines that hold a secret."""
    by_path: dict[str, list[F]] = {}
    for f in findings:
        by_path.setdefault(f.path, []).append(f)
    files: list[DiffFile[F]] = []
    seen: set[str] = set()
    budget = max_lines
    truncated_files: list[str] = []
    for raw in raw_files:
        seen.add(raw.path)
        file_findings = sorted(by_path.get(raw.path, []), key=lambda f: (f.start_line, f.end_line))
        if raw.size > budget:
            truncated_files.append(raw.path)
            files.append(DiffFile(raw.path, raw.old_path, raw.status, (), tuple(file_findings), raw.binary,
                                  True, raw.added, raw.removed))  # fmt: skip
            continue
        budget -= raw.size
        secret_lines = _secret_lines(file_findings)
        shown_new = {new_no for _, rows in raw.hunks for _, _, new_no, _ in rows if new_no is not None}
        anchors = _anchor(file_findings, shown_new)
        hunks = tuple(
            DiffHunk(
                header,
                tuple(
                    DiffLine(
                        kind=kind,
                        old_no=old_no,
                        new_no=new_no,
                        text=mask(text) if new_no in secret_lines else text,
                        findings=tuple(anchors.get(new_no, ())) if kind != "del" and new_no else (),
                        masked=new_no in secret_lines,
                    )
                    for kind, old_no, new_no, text in rows
                ),
            )
            for header, rows in raw.hunks
        )
        placed = {id(f) for group in anchors.values() for f in group}
        files.append(DiffFile(raw.path, raw.old_path, raw.status, hunks,
                              tuple(f for f in file_findings if id(f) not in placed), raw.binary, False,
                              raw.added, raw.removed))  # fmt: skip
    elsewhere = tuple(f for p, group in sorted(by_path.items()) if p not in seen for f in group)
    return DiffView(tuple(files), elsewhere, None, tuple(truncated_files))


def _anchor(findings: Sequence[F], shown: set[int]) -> dict[int, list[F]]:
    """Anchor each finding at the last shown line of its range (so it sits under its code)."""
    anchors: dict[int, list[F]] = {}
    for f in findings:
        end = max(f.start_line, f.end_line)
        target = next((n for n in range(end, f.start_line - 1, -1) if n in shown), None)
        if target is not None:
            anchors.setdefault(target, []).append(f)
    return anchors
