from __future__ import annotations

from pathlib import Path

import pytest
from cli_helpers import git


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.email", "t@example.com")
    git(root, "config", "user.name", "t")
    git(root, "config", "commit.gpgsign", "false")
    (root / "app.py").write_text("import subprocess\n\n\ndef ok():\n    return 1\n")
    git(root, "add", ".")
    git(root, "commit", "-qm", "init")
    monkeypatch.chdir(root)
    return root


@pytest.fixture(autouse=True)
def fast_scanners(monkeypatch: pytest.MonkeyPatch) -> None:
    # The in-process scanners keep these tests quick; tests of the full set name it explicitly.
    monkeypatch.setenv("REVIEWER_SCANNERS", "bandit,reviewer-secrets")
    monkeypatch.setenv("REVIEWER_CHECKLIST", "none")
