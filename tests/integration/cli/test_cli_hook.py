"""`reviewer hook` through main(argv): staged only, baseline at the repository root."""

from __future__ import annotations

import pytest
from cli_helpers import git

from reviewer.cli.main import main

pytestmark = pytest.mark.tools

FLAW = 'import os\n\n\ndef go(user):\n    os.system("echo " + user)\n'


def test_hook_blocks_new_staged_flaw_with_a_readable_message(repo, capsys):
    (repo / "flaw.py").write_text(FLAW)
    git(repo, "add", "flaw.py")
    assert main(["hook"]) == 1
    captured = capsys.readouterr()
    assert "flaw.py:5" in captured.out
    assert "commit blocked by 1 new finding(s) at or above high" in captured.err
    assert "reviewer: ignore[RULE] <reason>" in captured.err


def test_hook_ignores_unstaged_changes(repo):
    (repo / "flaw.py").write_text(FLAW)  # untracked, not staged
    assert main(["hook"]) == 0


def test_hook_uses_the_baseline_at_the_repository_root(repo, monkeypatch):
    (repo / "flaw.py").write_text(FLAW)
    git(repo, "add", "flaw.py")
    assert main(["baseline", "create", "--staged"]) == 0
    assert (repo / ".reviewer-baseline.json").is_file()
    (repo / "sub").mkdir()
    monkeypatch.chdir(repo / "sub")
    assert main(["hook"]) == 0


def test_hook_inline_suppression_with_reason(repo):
    (repo / "flaw.py").write_text(
        FLAW.replace("user)\n", "user)  # reviewer: ignore[CWE-78] user is an enum value\n")
    )
    git(repo, "add", "flaw.py")
    assert main(["hook"]) == 0


def test_hook_outside_a_repository_is_a_usage_error(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["hook"]) == 2
    assert "not inside a git repository" in capsys.readouterr().err
