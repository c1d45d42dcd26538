"""The request-time path check of a unified diff: file headers only, at close to C speed.

The job's full parse refuses hostile paths too, but by then the submission was answered 202
and the review can only fail later; here the caller gets a 422 naming the path at once. Only
header lines are read, each with ``reviewer.ingest.paths.safe_relpath`` (the job's sanitiser,
so both refuse the same paths). Which lines are headers: in a git diff, the block from
``diff --git`` to the first ``@@`` (so a hunk line such as a removed ``-- /x`` SQL comment is
never taken for a header); in a plain ``diff -u``, a ``---``/``+++`` pair followed by ``@@``.
Anything this scan cannot read for certain (a ``diff --git`` line with spaces in its names) is
left to the job.
"""

from __future__ import annotations

import re

from reviewer.ingest.paths import safe_relpath, unquote_git_path

# One git header block: "diff --git" and the (at most 16: git writes fewer) lines after it up
# to a hunk or the next file; the newline before either is left for the next match. The leading
# "\n" gives the regex a literal to search for, which keeps the scan at C speed; a block at the
# very start of the diff is matched separately.
_BLOCK_BODY = rb"diff --git [^\n]*(?:\n(?!@@|diff --git )[^\n]*){0,16}"
_GIT_BLOCK = re.compile(rb"\n" + _BLOCK_BODY)
_FIRST_GIT_BLOCK = re.compile(_BLOCK_BODY)
_BLOCK_PATH = re.compile(
    rb"^(?:--- |\+\+\+ |rename from |rename to |copy from |copy to )([^\n]*)", re.MULTILINE
)
_PLAIN_PAIR = re.compile(rb"^--- ([^\n]*)\n\+\+\+ ([^\n]*)\n@@", re.MULTILINE)
# "diff --git A B" with two unambiguous names (quoted, or without spaces).
_GIT_LINE = re.compile(r'^diff --git ("(?:[^"\\]|\\.)*"|[^ "]+) ("(?:[^"\\]|\\.)*"|[^ "]+)$')
_PREFIX = re.compile(r"^[abciow12]/")
DEV_NULL = "/dev/null"


def _name(raw: bytes, *, side: bool) -> str:
    """A header name as the job reads it: decoded the same way (invalid UTF-8 replaced), git's
    quoting undone; for a ``---``/``+++``/``diff --git`` side, the ``a/``-style prefix and a
    ``diff -u`` timestamp (after a tab; a name with a tab is quoted) removed."""
    name = raw.decode("utf-8", "replace").rstrip("\r")
    if side:
        name = name.split("\t", 1)[0]
    name = unquote_git_path(name)
    return name[2:] if side and _PREFIX.match(name) else name


def _names(diff: bytes) -> set[str]:
    """The distinct header names of ``diff`` (a file's name usually appears four times)."""
    names: set[str] = set()
    first = _FIRST_GIT_BLOCK.match(diff)
    blocks = [first.group(0)] if first else []
    blocks += [m.group(0)[1:] for m in _GIT_BLOCK.finditer(diff)]
    for text in blocks:
        both = _GIT_LINE.match(text.split(b"\n", 1)[0].decode("utf-8", "replace").rstrip("\r"))
        if both:
            names.update(_name(n.encode("utf-8"), side=True) for n in both.groups())
        for header in _BLOCK_PATH.finditer(text):
            names.add(_name(header.group(1), side=header.group(0)[:4] in (b"--- ", b"+++ ")))
    if not blocks:
        for pair in _PLAIN_PAIR.finditer(diff):
            names.update(_name(raw, side=True) for raw in pair.groups())
    names.discard(DEV_NULL)
    return names


def check_header_paths(diff: bytes, *, max_names: int = 16_000) -> None:
    """Raise ``HostilePath`` (422) for a header path the job would refuse.

    At most ``max_names`` distinct names are checked (a diff within the file cap has far fewer;
    a malformed one with millions of header-like lines must not make this request slow): the
    job checks the rest.
    """
    for name in sorted(_names(diff))[:max_names]:
        safe_relpath(name)
