"""The workspace writes post-images inside a temporary folder only, and removes it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reviewer.changeset import ChangeKind, Changeset, FileChange, Limits
from reviewer.errors import HostilePath, InputError, InputTooLarge
from reviewer.workspace import materialise


def change(path: str, text: str = "x = 1\n", **kw) -> FileChange:
    return FileChange(
        path, kw.pop("kind", ChangeKind.ADDED), post_image=text, added_lines=frozenset({1}), **kw
    )


def test_files_written_with_exact_content_then_removed():
    cs = Changeset(
        files=(
            change("src/app.py", "a = 1\r\nb = 2\r\n"),
            change("img.png", binary=True),
            change("gone.py", kind=ChangeKind.DELETED),
        )
    )
    with materialise(cs, Limits()) as ws:
        root = ws.root
        assert set(ws.files) == {"src/app.py"}
        assert ws.files["src/app.py"].read_bytes() == b"a = 1\r\nb = 2\r\n"
        assert ws.files["src/app.py"].parent.parent == root
        assert ws.added_lines("src/app.py") == frozenset({1})
    assert not root.exists()


def test_removed_even_when_the_review_fails():
    cs = Changeset(files=(change("a.py"),))
    with pytest.raises(RuntimeError), materialise(cs, Limits()) as ws:
        root = ws.root
        raise RuntimeError("scanner exploded")
    assert not root.exists()


@pytest.mark.parametrize("path", ["../escape.py", "/abs.py", "a/../../b.py", "x\x00.py", "a\\b.py", "CON"])
def test_hostile_paths_never_written(path, tmp_path):
    before = set(os.listdir(tmp_path.parent))
    with pytest.raises(HostilePath), materialise(Changeset(files=(change(path),)), Limits()):
        pass
    assert set(os.listdir(tmp_path.parent)) == before


def test_file_and_folder_with_same_name_is_an_input_error():
    cs = Changeset(files=(change("a"), change("a/b.py")))
    with pytest.raises(InputError, match="folder"), materialise(cs, Limits()):
        pass


def test_size_cap_per_file():
    cs = Changeset(files=(change("a.py", "x" * 100),))
    with pytest.raises(InputTooLarge), materialise(cs, Limits(max_file_bytes=10)):
        pass


def test_no_symlinks_are_created():
    cs = Changeset(files=(change("a/b/c.py"), change("a/d.py")))
    with materialise(cs, Limits()) as ws:
        for dirpath, dirnames, filenames in os.walk(ws.root):
            for name in dirnames + filenames:
                assert not Path(dirpath, name).is_symlink()
