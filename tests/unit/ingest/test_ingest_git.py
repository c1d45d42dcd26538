"""git sources against real temporary repositories: working tree, range, revision, staged."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from reviewer.changeset import ChangeKind, Limits
from reviewer.errors import InputTooLarge, UsageError
from reviewer.ingest.git import git_changeset


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True).stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.email", "t@example.com")
    git(root, "config", "user.name", "t")
    (root / "app.py").write_text("import os\n\n\ndef run(x):\n    return x\n")
    (root / "keep.py").write_text("a = 1\n")
    git(root, "add", ".")
    git(root, "commit", "-qm", "init")
    return root


def by_path(cs):
    return {f.path: f for f in cs.files}


def test_working_tree_against_head_reads_whole_post_image(repo):
    (repo / "app.py").write_text("import os\n\n\ndef run(x):\n    os.system(x)\n    return x\n")
    (repo / "untracked.py").write_text("b = 2\n")
    cs = git_changeset(repo, Limits())
    files = by_path(cs)
    assert set(files) == {"app.py", "untracked.py"}
    app = files["app.py"]
    assert app.kind is ChangeKind.MODIFIED
    assert app.added_lines == frozenset({5})
    assert app.post_image_complete and app.post_image.startswith("import os\n\n\ndef run")
    assert files["untracked.py"].added_lines == frozenset({1})
    assert cs.base == "HEAD" and cs.source == "git"


def test_staged_reads_the_index_not_the_working_tree(repo):
    (repo / "app.py").write_text("import os\nSTAGED = 1\n")
    git(repo, "add", "app.py")
    (repo / "app.py").write_text("import os\nWORKTREE = 2\n")
    cs = git_changeset(repo, Limits(), staged=True)
    f = by_path(cs)["app.py"]
    assert f.post_image == "import os\nSTAGED = 1\n"
    assert f.added_lines == frozenset({2})
    assert cs.source == "staged"


def test_ranges_two_and_three_dots(repo):
    git(repo, "checkout", "-qb", "feature")
    (repo / "feat.py").write_text("x = eval(input())\n")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "feat")
    git(repo, "checkout", "-q", "main")
    (repo / "keep.py").write_text("a = 2\n")
    git(repo, "commit", "-qam", "main moves")
    three = git_changeset(repo, Limits(), rev_range="main...feature")
    assert set(by_path(three)) == {"feat.py"}
    assert by_path(three)["feat.py"].post_image == "x = eval(input())\n"
    two = git_changeset(repo, Limits(), rev_range="main..feature")
    assert set(by_path(two)) == {"feat.py", "keep.py"}  # two dots: feature against main itself
    assert by_path(two)["keep.py"].post_image == "a = 1\n"


def test_rename_and_delete_in_range(repo):
    git(repo, "mv", "keep.py", "kept.py")
    git(repo, "rm", "-q", "app.py")
    git(repo, "commit", "-qm", "mv")
    cs = git_changeset(repo, Limits(), rev_range="HEAD~1..HEAD")
    files = by_path(cs)
    assert files["kept.py"].kind is ChangeKind.RENAMED and files["kept.py"].old_path == "keep.py"
    assert files["app.py"].kind is ChangeKind.DELETED and not files["app.py"].reviewable


def test_unknown_revision_is_a_usage_error(repo):
    with pytest.raises(UsageError, match="unknown revision 'nope'"):
        git_changeset(repo, Limits(), rev_range="nope...HEAD")
    with pytest.raises(UsageError, match="invalid revision"):
        git_changeset(repo, Limits(), rev_range="--output=/tmp/x")


def test_not_a_repository(tmp_path):
    with pytest.raises(UsageError, match="not inside a git repository"):
        git_changeset(tmp_path, Limits())


def test_repository_without_commits(tmp_path):
    git(tmp_path, "init", "-q")
    (tmp_path / "a.py").write_text("a = 1\n")
    git(tmp_path, "add", "a.py")
    cs = git_changeset(tmp_path, Limits(), staged=True)
    assert by_path(cs)["a.py"].added_lines == frozenset({1})


def test_symlinks_in_the_change_are_skipped_never_followed(repo, tmp_path):
    secret = tmp_path / "outside-secret.txt"
    secret.write_text("TOKEN = 'do-not-read'\n")
    os.symlink(secret, repo / "link.py")
    os.symlink(tmp_path, repo / "linkdir")
    git(repo, "add", "link.py", "linkdir")
    cs = git_changeset(repo, Limits(), staged=True)
    assert cs.files == ()
    assert {p for p, _ in cs.skipped} == {"link.py", "linkdir"}
    assert all("symbolic link" in reason for _, reason in cs.skipped)
    # working tree source: an untracked symlink is skipped too
    os.symlink(secret, repo / "other.py")
    wt = git_changeset(repo, Limits())
    assert all(f.post_image is None or "do-not-read" not in f.post_image for f in wt.files)
    assert "other.py" in {p for p, _ in wt.skipped}


def test_binary_and_huge_and_non_utf8_files(repo):
    (repo / "blob.bin").write_bytes(b"\x00\x01\x02" * 10)
    (repo / "big.py").write_text("x = 1\n" * 2000)
    (repo / "latin.py").write_bytes(b"name = '\xe9t\xe9'\n")
    git(repo, "add", ".")
    cs = git_changeset(repo, Limits(max_file_bytes=5000), staged=True)
    files = by_path(cs)
    assert files["blob.bin"].binary
    assert files["latin.py"].decoding_replaced and "\ufffd" in files["latin.py"].post_image
    assert ("big.py", "file is 12000 bytes; over the 5000-byte limit") in cs.skipped


def test_diff_size_cap(repo):
    (repo / "app.py").write_text("y = 2\n" * 1000)
    with pytest.raises(InputTooLarge, match="larger than 500 bytes"):
        git_changeset(repo, Limits(max_diff_bytes=500))


def test_repository_config_cannot_run_programs(repo, tmp_path):
    marker = tmp_path / "pwned"
    git(repo, "config", "core.fsmonitor", f"touch {marker}")
    git(repo, "config", "diff.external", f"touch {marker}")
    (repo / "app.py").write_text("changed = 1\n")
    git_changeset(repo, Limits())
    assert not marker.exists()
