"""`reviewer scan PATH...`: files and folders as wholly added code."""

from __future__ import annotations

import os

import pytest

from reviewer.changeset import Limits
from reviewer.errors import InputTooLarge, UsageError
from reviewer.ingest.paths_source import paths_changeset


def test_folder_walk_skips_git_binary_huge_and_symlinks(tmp_path):
    src = tmp_path / "gen"
    (src / "pkg").mkdir(parents=True)
    (src / ".git").mkdir()
    (src / ".git" / "config").write_text("[core]\n")
    (src / "pkg" / "a.py").write_text("a = 1\nb = 2\n")
    (src / "b.js").write_text("let x = 1;\n")
    (src / "img.png").write_bytes(b"\x89PNG\x00\x00")
    (src / "huge.py").write_text("x = 1\n" * 100)
    os.symlink("/etc/passwd", src / "link.py")
    cs = paths_changeset(["gen"], Limits(max_file_bytes=300), cwd=tmp_path)
    assert [f.path for f in cs.files] == ["gen/b.js", "gen/pkg/a.py"]
    assert cs.whole_files and cs.source == "paths"
    assert cs.files[1].added_lines == frozenset({1, 2})
    assert cs.files[1].post_image_complete
    reasons = dict(cs.skipped)
    assert reasons["gen/img.png"] == "binary file"
    assert "over the 300-byte limit" in reasons["gen/huge.py"]
    assert "symbolic link" in reasons["gen/link.py"]


def test_single_file_outside_cwd_uses_its_name(tmp_path):
    target = tmp_path / "x.py"
    target.write_text("x = 1\n")
    other = tmp_path / "elsewhere"
    other.mkdir()
    cs = paths_changeset([str(target)], Limits(), cwd=other)
    assert [f.path for f in cs.files] == ["x.py"]


def test_missing_path_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match="no such file"):
        paths_changeset(["nope"], Limits(), cwd=tmp_path)


def test_file_count_cap(tmp_path):
    for i in range(4):
        (tmp_path / f"f{i}.py").write_text("x = 1\n")
    with pytest.raises(InputTooLarge, match="more than 3 files"):
        paths_changeset(["."], Limits(max_files=3), cwd=tmp_path)


def test_project_module_names_from_a_file_listing():
    from reviewer.ingest.project_modules import python_module_names

    names = python_module_names(
        [
            "accounts/__init__.py",
            "src/shop/catalog.py",
            "scripts/backfill.py",
            "tools/helpers.py",
            "node_modules/pkg/setup.py",
            ".venv/lib/site.py",
            "README.md",
            "web/static/app.js",
        ]
    )
    assert {"accounts", "shop", "catalog", "scripts", "backfill", "tools", "helpers"} <= set(names)
    assert "pkg" not in names and "site" not in names and "setup" not in names
    assert "README" not in names and "app" not in names and "__init__" not in names


def test_paths_changeset_lists_project_modules_only_inside_a_repository(tmp_path):
    import subprocess

    from reviewer.changeset import Limits
    from reviewer.ingest.paths_source import paths_changeset

    (tmp_path / "accounts").mkdir()
    (tmp_path / "accounts" / "__init__.py").write_text("")
    (tmp_path / "views.py").write_text("from accounts import x\n")
    assert paths_changeset(["views.py"], Limits(), cwd=tmp_path).project_modules == ()
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    subprocess.run(["git", "add", "-A"], cwd=tmp_path, check=True)
    assert "accounts" in paths_changeset(["views.py"], Limits(), cwd=tmp_path).project_modules
