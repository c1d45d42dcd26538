"""``reviewer scan`` sources from git: working tree vs HEAD, a range, a revision, the index.

The diff gives the added line numbers; the post-image of every file comes from git itself
(``git cat-file`` for the index or a commit, the working tree otherwise), so scanners see whole
files (``post_image_complete``). Symlinks and submodules in the change are skipped, never followed.
Git runs through the one subprocess wrapper, with a timeout and an output cap.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from reviewer.changeset import ChangeKind, Changeset, FileChange, Limits
from reviewer.errors import InputTooLarge, UsageError
from reviewer.ingest.diff import parse_diff
from reviewer.ingest.filetext import Skip, decode_text, read_regular_file, whole_file
from reviewer.ingest.paths import safe_relpath
from reviewer.ingest.project_modules import python_module_names
from reviewer.subprocess_runner import OutputTooLarge, ToolError, run

# reviewer: ignore[secrets] git's well-known id of the empty tree, not a credential
EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"
WORKTREE = None  # post-images read from the working tree
INDEX = ""  # post-images read from the index (``git cat-file blob :path``)

# Repository config must not run programs or change the diff's shape while we read it.
_SAFE_CONFIG = ("-c", "core.quotepath=false", "-c", "core.fsmonitor=false", "-c", "diff.noprefix=false")
_DIFF_FLAGS = (
    "--no-color",
    "--no-ext-diff",
    "--no-textconv",
    "--find-renames",
    "--unified=0",
    "--src-prefix=a/",
    "--dst-prefix=b/",
)
_ENV = {"GIT_TERMINAL_PROMPT": "0", "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"}
_BATCH_HEADER = re.compile(rb"^(?P<oid>[0-9a-f]+) (?P<type>\w+) (?P<size>\d+)$")


class Git:
    """A repository and the way to run git in it."""

    def __init__(self, root: Path, *, timeout: float = 60.0) -> None:
        self.root = root
        self.timeout = timeout

    @classmethod
    def discover(cls, start: Path, *, timeout: float = 60.0) -> Git:
        try:
            done = run(
                ["git", *_SAFE_CONFIG, "rev-parse", "--show-toplevel"],
                timeout=timeout,
                cwd=start,
                env=_ENV,
                max_output=1 << 16,
            )
        except ToolError as exc:
            raise UsageError(
                f"{start} is not inside a git repository ({exc.stderr or exc}); "
                "use --diff FILE or give paths to review"
            ) from None
        return cls(Path(done.stdout.decode("utf-8", "replace").strip()), timeout=timeout)

    def run(self, *args: str, max_output: int = 1 << 20, stdin: bytes | None = None) -> bytes:
        done = run(
            ["git", *_SAFE_CONFIG, *args],
            timeout=self.timeout,
            cwd=self.root,
            env=_ENV,
            max_output=max_output,
            input=stdin,
        )
        return done.stdout

    def has_head(self) -> bool:
        try:
            self.run("rev-parse", "--verify", "--quiet", "HEAD^{commit}")
        except ToolError:
            return False
        return True

    def verify(self, rev: str) -> str:
        """Resolve ``rev`` to a commit id, or raise a usage error naming it."""
        if not rev or rev.startswith("-") or any(c.isspace() for c in rev):
            raise UsageError(f"invalid revision {rev!r}")
        try:
            return self.run("rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}").decode().strip()
        except ToolError:
            raise UsageError(f"unknown revision {rev!r} in {self.root}") from None

    def diff(self, args: list[str], limits: Limits) -> bytes:
        try:
            return self.run("diff", *_DIFF_FLAGS, *args, "--", max_output=limits.max_diff_bytes)
        except OutputTooLarge:
            raise InputTooLarge(
                f"the diff is larger than {limits.max_diff_bytes} bytes (REVIEWER_MAX_DIFF_BYTES)"
            ) from None
        except ToolError as exc:
            raise UsageError(f"git diff failed: {exc.stderr or exc}") from None

    def blobs(self, rev: str, paths: list[str], limits: Limits) -> dict[str, bytes | Skip]:
        """Read ``rev:path`` (``rev`` "" = the index) for many paths in two git calls."""
        if not paths:
            return {}
        names = b"".join(f"{rev}:{p}\n".encode() for p in paths)
        checked = self.run("cat-file", "--batch-check", stdin=names, max_output=1 << 24).splitlines()
        out: dict[str, bytes | Skip] = {}
        wanted: list[str] = []
        for path, line in zip(paths, checked, strict=False):
            header = _BATCH_HEADER.match(line)
            if header is None or header["type"] != b"blob":
                out[path] = Skip("not found in git")
            elif int(header["size"]) > limits.max_file_bytes:
                out[path] = Skip(
                    f"file is {int(header['size'])} bytes; over the {limits.max_file_bytes}-byte limit"
                )
            else:
                wanted.append(path)
        if not wanted:
            return out
        total = len(wanted) * (limits.max_file_bytes + 100)
        data = self.run(
            "cat-file", "--batch", stdin=b"".join(f"{rev}:{p}\n".encode() for p in wanted), max_output=total
        )
        pos = 0
        for path in wanted:
            end = data.index(b"\n", pos)
            header = _BATCH_HEADER.match(data[pos:end])
            if header is None:
                out[path] = Skip("not found in git")
                pos = end + 1
                continue
            size = int(header["size"])
            out[path] = data[end + 1 : end + 1 + size]
            pos = end + 1 + size + 1
        return out

    def tracked(self) -> list[str]:
        listing = self.run("ls-files", "-z", max_output=1 << 26)
        return [p.decode("utf-8", "replace") for p in listing.split(b"\0") if p]

    def untracked(self) -> list[str]:
        listing = self.run("ls-files", "--others", "--exclude-standard", "-z", max_output=1 << 24)
        return [p.decode("utf-8", "replace") for p in listing.split(b"\0") if p]


def _with_post_images(
    git: Git, changeset: Changeset, rev: str | None, limits: Limits
) -> tuple[list[FileChange], list[tuple[str, str]]]:
    wanted = [f for f in changeset.files if not f.binary and f.kind is not ChangeKind.DELETED]
    blobs = git.blobs(rev, [f.path for f in wanted], limits) if rev is not None else {}
    files: list[FileChange] = []
    skipped = list(changeset.skipped)
    wanted_ids = {id(f) for f in wanted}
    for change in changeset.files:
        if id(change) not in wanted_ids:
            files.append(change)
            continue
        if rev is None:
            loaded = read_regular_file(git.root, change.path, limits)
        else:
            blob = blobs[change.path]
            loaded = blob if isinstance(blob, Skip) else decode_text(blob, limits)
        if isinstance(loaded, Skip):
            skipped.append((change.path, loaded.reason))
            continue
        files.append(
            dataclasses.replace(
                change,
                post_image=loaded.text,
                post_image_complete=True,
                decoding_replaced=change.decoding_replaced or loaded.replaced,
            )
        )
    return files, skipped


def _untracked_files(git: Git, limits: Limits) -> tuple[list[FileChange], list[tuple[str, str]]]:
    files: list[FileChange] = []
    skipped: list[tuple[str, str]] = []
    for raw_path in git.untracked():
        path = safe_relpath(raw_path)
        loaded = read_regular_file(git.root, path, limits)
        if isinstance(loaded, Skip):
            skipped.append((path, loaded.reason))
            continue
        files.append(whole_file(path, loaded))
    return files, skipped


def git_changeset(
    start: Path,
    limits: Limits,
    *,
    rev_range: str | None = None,
    staged: bool = False,
    include_untracked: bool = True,
    timeout: float = 60.0,
) -> Changeset:
    """Build the change to review from the git repository containing ``start``.

    ``staged``: the index against HEAD. ``rev_range`` ``A...B`` (B against the merge base),
    ``A..B`` (B against A) or ``REV`` (the working tree against REV). Neither: the working
    tree (plus untracked, not ignored files) against HEAD.
    """
    git = Git.discover(start, timeout=timeout)
    base_default = "HEAD" if git.has_head() else EMPTY_TREE
    post_rev: str | None
    if staged:
        if rev_range:
            raise UsageError("give either --staged or a revision range, not both")
        args, base, head, post_rev, source = ["--cached", base_default], base_default, None, INDEX, "staged"
    elif rev_range and "..." in rev_range:
        left, right = rev_range.split("...", 1)
        left_id, right_id = git.verify(left or "HEAD"), git.verify(right or "HEAD")
        args, base, head, post_rev, source = [f"{left_id}...{right_id}"], left_id, right_id, right_id, "git"
    elif rev_range and ".." in rev_range:
        left, right = rev_range.split("..", 1)
        left_id, right_id = git.verify(left or "HEAD"), git.verify(right or "HEAD")
        args, base, head, post_rev, source = [left_id, right_id], left_id, right_id, right_id, "git"
    elif rev_range:
        base = git.verify(rev_range)
        args, head, post_rev, source = [base], None, WORKTREE, "git"
    else:
        args, base, head, post_rev, source = [base_default], base_default, None, WORKTREE, "git"
    parsed = parse_diff(git.diff(args, limits), limits, source=source)
    files, skipped = _with_post_images(git, parsed, post_rev, limits)
    if include_untracked and not staged and post_rev is WORKTREE:
        extra, extra_skipped = _untracked_files(git, limits)
        files += extra
        skipped += extra_skipped
    if len(files) > limits.max_files:
        raise InputTooLarge(f"the change touches {len(files)} files; the limit is {limits.max_files}")
    return Changeset(
        files=tuple(files),
        source=source,
        base=base,
        head=head,
        skipped=tuple(skipped),
        project_modules=python_module_names(git.tracked()),
    )
