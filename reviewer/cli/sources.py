"""Which change a CLI command reviews: a diff file, the index, a git range, paths, or the working tree."""

from __future__ import annotations

import sys
from pathlib import Path

from reviewer.changeset import Changeset, Limits
from reviewer.errors import InputTooLarge, UsageError
from reviewer.ingest.diff import parse_diff
from reviewer.ingest.git import Git, git_changeset
from reviewer.ingest.paths_source import paths_changeset


def read_diff_input(name: str, limits: Limits) -> bytes:
    """Read a diff from a file or ``-`` (stdin), never more than the size cap plus one byte."""
    if name == "-":
        data = sys.stdin.buffer.read(limits.max_diff_bytes + 1)
    else:
        path = Path(name)
        try:
            size = path.stat().st_size
            if size > limits.max_diff_bytes:
                raise InputTooLarge(
                    f"{name}: {size} bytes; the diff limit is {limits.max_diff_bytes} "
                    "(REVIEWER_MAX_DIFF_BYTES)"
                )
            with path.open("rb") as handle:
                data = handle.read(limits.max_diff_bytes + 1)
        except (FileNotFoundError, IsADirectoryError, PermissionError) as exc:
            raise UsageError(f"cannot read diff {name}: {exc.strerror}") from None
    if len(data) > limits.max_diff_bytes:
        raise InputTooLarge(
            f"the diff is larger than {limits.max_diff_bytes} bytes (REVIEWER_MAX_DIFF_BYTES)"
        )
    return data


def describe(changeset: Changeset, *, diff_file: str | None, targets: tuple[str, ...]) -> str:
    if diff_file is not None:
        return "diff from stdin" if diff_file == "-" else f"diff {diff_file}"
    if changeset.source == "paths":
        return "paths " + " ".join(targets)
    if changeset.source == "staged":
        return "staged changes"
    if changeset.head:
        return f"{changeset.base}..{changeset.head}"
    return f"working tree against {changeset.base}" if changeset.base else "working tree"


def resolve_changeset(
    *,
    targets: tuple[str, ...],
    staged: bool,
    diff_file: str | None,
    limits: Limits,
    timeout: float,
    cwd: Path | None = None,
) -> Changeset:
    """Turn the command line's source arguments into a ``Changeset`` (exactly one source)."""
    cwd = cwd or Path.cwd()
    chosen = sum(bool(x) for x in (staged, diff_file is not None, bool(targets)))
    if chosen > 1:
        raise UsageError("choose one source: --staged, --diff FILE, a revision range, or paths")
    if diff_file is not None:
        return parse_diff(read_diff_input(diff_file, limits), limits, source="diff")
    if staged:
        return git_changeset(cwd, limits, staged=True, timeout=timeout)
    if not targets:
        return git_changeset(cwd, limits, timeout=timeout)
    existing = [t for t in targets if (cwd / t).exists() or Path(t).is_symlink()]
    if len(targets) == 1 and not existing:
        # Not a path: a revision range (A...B, A..B) or a single revision (against the working tree).
        return git_changeset(cwd, limits, rev_range=targets[0], timeout=timeout)
    missing = sorted(set(targets) - set(existing))
    if missing:
        raise UsageError(f"no such file or folder: {', '.join(missing)}")
    return paths_changeset(list(targets), limits, cwd=cwd)


def tracked_files_changeset(cwd: Path, limits: Limits, *, timeout: float) -> Changeset:
    """Every tracked file of the repository containing ``cwd`` as wholly added code (for baselines)."""
    git = Git.discover(cwd, timeout=timeout)
    listing = git.run("ls-files", "-z", "--cached", max_output=1 << 26)
    files = [str(git.root / p.decode("utf-8", "replace")) for p in listing.split(b"\0") if p]
    if not files:
        return Changeset(files=(), source="paths", whole_files=True)
    return paths_changeset(files, limits, cwd=git.root)
