"""Turn a pull request into a ``Changeset``: its diff plus the post-image of each changed file.

The diff comes from ``GET /pulls/{n}`` with the diff media type and the post-images from the
contents API (raw media type) at the head commit, both read with the size caps of ``Limits``.
What does not fit (a diff past the cap, too many files, a file past the cap, GitHub refusing
to render a huge diff) is left out and listed in ``FetchedPullRequest.omissions``: the review
goes on with the rest and is reported as partial.
"""

from __future__ import annotations

import itertools
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from urllib.parse import quote

from reviewer.changeset import ChangeKind, Changeset, FileChange, Limits
from reviewer.errors import InputError
from reviewer.github.client import GitHubApiError, GitHubClient
from reviewer.ingest.diff import parse_diff
from reviewer.ingest.project_modules import python_module_names

DIFF_ACCEPT = "application/vnd.github.diff"
RAW_ACCEPT = "application/vnd.github.raw"
_DIFF_START = re.compile(rb"^diff --git ", re.MULTILINE)
FETCH_THREADS = 8


@dataclass(frozen=True)
class PullRef:
    owner: str
    repo: str
    number: int
    head_sha: str

    @property
    def full_name(self) -> str:
        return f"{self.owner}/{self.repo}"


@dataclass(frozen=True)
class FetchedPullRequest:
    changeset: Changeset
    omissions: tuple[str, ...] = ()  # why the review is partial, in words for the summary
    current_head_sha: str = ""

    @property
    def superseded(self) -> bool:
        """The pull request moved on since the event: a newer review will report instead."""
        return bool(self.current_head_sha) and self.current_head_sha != self.changeset.head


def _cut_at_file_boundary(diff: bytes, max_bytes: int) -> bytes:
    """Keep the whole files that fit in ``max_bytes`` (a file cut in half would mislead)."""
    starts = [m.start() for m in _DIFF_START.finditer(diff)]
    fitting = [s for s in starts if s <= max_bytes]
    if len(fitting) <= 1:
        return b""
    return diff[: fitting[-1]]


def split_files(diff: bytes) -> list[bytes]:
    """Cut a ``git diff`` into one chunk per file (each starting at its ``diff --git`` line)."""
    starts = [m.start() for m in _DIFF_START.finditer(diff)]
    if not starts:
        return [diff] if diff.strip() else []
    bounds = [*starts, len(diff)]
    return [diff[a:b] for a, b in itertools.pairwise(bounds)]


def parse_files(
    chunks: list[bytes], limits: Limits
) -> tuple[list[FileChange], list[tuple[str, str]], list[str]]:
    """Parse each file's diff on its own, so one unreviewable file (a minified line, a hostile
    path) is left out with its reason instead of sinking the whole pull request.

    Returns (files, skipped as (path, reason), omissions that make the review partial).
    """
    files: list[FileChange] = []
    skipped: list[tuple[str, str]] = []
    omissions: list[str] = []
    for chunk in chunks:
        try:
            parsed = parse_diff(chunk, limits, source="github")
        except InputError as exc:  # InputTooLarge and HostilePath included
            name = _chunk_name(chunk)
            skipped.append((name, str(exc)))
            omissions.append(f"{name}: {exc}")
            continue
        files.extend(parsed.files)
        skipped.extend(parsed.skipped)
    return files, skipped, omissions


def _chunk_name(chunk: bytes) -> str:
    first = chunk.split(b"\n", 1)[0].decode("utf-8", "replace")
    match = re.match(r"diff --git a/(.*) b/(.*)$", first)
    return (match.group(2) if match else first)[:200]


def _chunks_from_listing(client: GitHubClient, ref: PullRef) -> tuple[list[bytes], list[str]]:
    """GitHub would not render the diff: rebuild it file by file from the files listing."""
    chunks: list[bytes] = []
    omitted: list[str] = []
    for item in client.paginate(f"/repos/{ref.owner}/{ref.repo}/pulls/{ref.number}/files"):
        path = str(item["filename"])
        status = item.get("status", "modified")
        old = str(item.get("previous_filename") or path)
        patch = item.get("patch")
        if status == "removed":
            header = f"diff --git a/{path} b/{path}\ndeleted file mode 100644\n--- a/{path}\n+++ /dev/null\n"
            chunks.append(header.encode())
            continue
        if patch is None:
            omitted.append(f"{path}: GitHub sent no patch (too large or binary)")
            continue
        source = "/dev/null" if status == "added" else f"a/{old}"
        header = f"diff --git a/{old} b/{path}\n"
        if status == "renamed":
            header += f"rename from {old}\nrename to {path}\n"
        header += f"--- {source}\n+++ b/{path}\n"
        chunks.append((header + patch + ("" if patch.endswith("\n") else "\n")).encode())
    return chunks, omitted


def _post_image(client: GitHubClient, ref: PullRef, fc: FileChange, limits: Limits) -> tuple[FileChange, str]:
    """Fetch one file's text at the head commit; ``""`` or the reason it was left out."""
    path = f"/repos/{ref.owner}/{ref.repo}/contents/{quote(fc.path, safe='/')}"
    try:
        resp = client.request(
            "GET", path, params={"ref": ref.head_sha}, accept=RAW_ACCEPT, max_bytes=limits.max_file_bytes
        )
    except GitHubApiError as exc:
        if exc.status == 404:
            return fc, f"not found at {ref.head_sha[:12]}"
        raise
    if resp.truncated:
        return fc, f"larger than {limits.max_file_bytes} bytes (REVIEWER_MAX_FILE_BYTES)"
    if b"\0" in resp.content[:8192]:
        return replace(fc, binary=True), ""
    text = resp.content.decode("utf-8", "replace")
    replaced = "\ufffd" in text and b"\xef\xbf\xbd" not in resp.content
    return replace(fc, post_image=text, post_image_complete=True, decoding_replaced=replaced), ""


def fetch_pull_request(client: GitHubClient, ref: PullRef, limits: Limits) -> FetchedPullRequest:
    """Fetch diff and post-images of a pull request at ``ref.head_sha`` within ``limits``."""
    base = f"/repos/{ref.owner}/{ref.repo}/pulls/{ref.number}"
    pr = client.get_json(base)
    current_head = str(pr.get("head", {}).get("sha", ""))
    base_sha = str(pr.get("base", {}).get("sha", "")) or None
    if current_head and current_head != ref.head_sha:
        return FetchedPullRequest(
            Changeset(files=(), source="github", base=base_sha, head=ref.head_sha), (), current_head
        )
    omissions: list[str] = []
    try:
        resp = client.request("GET", base, accept=DIFF_ACCEPT, max_bytes=limits.max_diff_bytes)
    except GitHubApiError as exc:
        # 406/422: GitHub refuses to render diffs past its own limits (files, lines, time).
        if exc.status not in (406, 422):
            raise
        chunks, omitted = _chunks_from_listing(client, ref)
        omissions.append("GitHub could not render the whole diff; it was rebuilt file by file")
        omissions += omitted
    else:
        raw = resp.content
        if resp.truncated:
            raw = _cut_at_file_boundary(raw, limits.max_diff_bytes)
            omissions.append(f"diff larger than {limits.max_diff_bytes} bytes; later files not reviewed")
        chunks = split_files(raw)
    if len(chunks) > limits.max_files:
        omissions.append(f"{len(chunks)} files changed; only the first {limits.max_files} reviewed")
        chunks = chunks[: limits.max_files]
    files, skipped, unparsed = parse_files(chunks, limits)
    omissions += unparsed

    wanted = [i for i, fc in enumerate(files) if fc.kind is not ChangeKind.DELETED and not fc.binary]
    if wanted:
        with ThreadPoolExecutor(max_workers=min(FETCH_THREADS, len(wanted))) as pool:
            results = list(pool.map(lambda i: _post_image(client, ref, files[i], limits), wanted))
        dropped: set[int] = set()
        for i, (fc, why) in zip(wanted, results, strict=True):
            files[i] = fc
            if why:
                dropped.add(i)
                skipped.append((fc.path, why))
                omissions.append(f"{fc.path}: {why}")
        files = [fc for i, fc in enumerate(files) if i not in dropped]
    changeset = Changeset(
        files=tuple(files),
        source="github",
        base=base_sha,
        head=ref.head_sha,
        skipped=tuple(skipped),
        project_modules=_project_modules(client, ref, files),
    )
    return FetchedPullRequest(changeset, tuple(omissions), current_head)


def _project_modules(client: GitHubClient, ref: PullRef, files: list[FileChange]) -> tuple[str, ...]:
    """The repository's own Python modules at the head commit, so that the dependency check does
    not ask about imports of them. Best effort: without the tree those imports are only asked about
    at low severity, so a refusal or a truncated tree is not worth failing the review for."""
    if not any(f.path.endswith((".py", ".pyi")) and f.post_image for f in files):
        return ()
    try:
        tree = client.get_json(
            f"/repos/{ref.owner}/{ref.repo}/git/trees/{ref.head_sha}", params={"recursive": "1"}
        )
    except GitHubApiError:
        return ()
    entries = tree.get("tree", []) if isinstance(tree, dict) else []
    return python_module_names(
        str(e.get("path", "")) for e in entries if isinstance(e, dict) and e.get("type") == "blob"
    )
