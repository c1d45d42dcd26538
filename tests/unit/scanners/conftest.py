"""Build a real Workspace from in-memory files for the in-process scanners."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewer.changeset import ChangeKind, Changeset, FileChange
from reviewer.scanners.base import ScanContext, Workspace


def build_workspace(root: Path, files: dict[str, str], added: dict[str, set[int]] | None = None) -> Workspace:
    """Write ``files`` under ``root``; every line counts as added unless ``added`` says otherwise."""
    changes = []
    paths = {}
    for rel, text in files.items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        paths[rel] = target
        lines = (
            frozenset(added[rel])
            if added and rel in added
            else frozenset(range(1, len(text.splitlines()) + 1))
        )
        changes.append(
            FileChange(rel, ChangeKind.ADDED, added_lines=lines, post_image=text, post_image_complete=True)
        )
    whole = added is None
    return Workspace(
        root=root, files=paths, changeset=Changeset(files=tuple(changes), source="paths", whole_files=whole)
    )


@pytest.fixture
def workspace(tmp_path):
    def make(files: dict[str, str], added: dict[str, set[int]] | None = None) -> Workspace:
        return build_workspace(tmp_path / "ws", files, added)

    return make


@pytest.fixture
def ctx() -> ScanContext:
    return ScanContext()
