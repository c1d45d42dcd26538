"""``reviewer tools``: isolated scanner tools installed into the user's tools folder and found there."""

from __future__ import annotations

import os

import pytest

from reviewer.cli.main import main
from reviewer.errors import ExternalServiceError
from reviewer.toolbox import BANDIT_VERSION, Tool, find_tool, install, installed_version


def test_the_user_tools_folder_is_searched_after_the_checkout(tmp_path, monkeypatch):
    monkeypatch.setenv("REVIEWER_TOOLS_DIR", str(tmp_path / "tools"))
    user = tmp_path / "tools" / "semgrep" / "bin" / "semgrep"
    user.parent.mkdir(parents=True)
    user.write_text("#!/bin/sh\necho 1.185.0\n")
    user.chmod(0o755)
    checkout = tmp_path / "checkout"
    assert find_tool("semgrep", checkout) == str(user)
    local = checkout / ".tools" / "semgrep" / "bin" / "semgrep"
    local.parent.mkdir(parents=True)
    local.write_text("#!/bin/sh\necho 1.0\n")
    assert find_tool("semgrep", checkout) == str(local)  # a checkout's own set-up wins
    assert installed_version(user) == "1.185.0"
    assert installed_version(tmp_path / "nothing") is None


@pytest.mark.slow
@pytest.mark.tools
def test_install_bandit_pinned_into_its_own_environment(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("REVIEWER_TOOLS_DIR", str(tmp_path / "tools"))
    assert main(["tools", "install", "bandit"]) == 0
    binary = tmp_path / "tools" / "bandit" / "bin" / "bandit"
    assert str(binary) in capsys.readouterr().out
    assert installed_version(binary) == BANDIT_VERSION
    stamp = binary.stat().st_mtime_ns
    assert install(Tool("bandit", "bandit", BANDIT_VERSION), tmp_path / "tools") == binary
    assert binary.stat().st_mtime_ns == stamp  # the pinned version was there: nothing reinstalled


@pytest.mark.slow
@pytest.mark.tools
def test_a_failed_install_leaves_nothing_behind(tmp_path):
    with pytest.raises(ExternalServiceError, match=r"bandit==0\.0\.0\.dev0"):
        install(Tool("bandit", "bandit", "0.0.0.dev0"), tmp_path / "tools")
    assert not (tmp_path / "tools" / "bandit").exists()


def test_scanners_find_their_tool_without_a_configured_path():
    from reviewer.scanners.bandit import _binary as bandit_binary
    from reviewer.scanners.base import ScanContext
    from reviewer.scanners.semgrep import _binary as semgrep_binary
    from reviewer.settings import Settings

    ctx = ScanContext()  # no tool_paths: what a library caller of the scanners gets
    for binary, configured in (
        (semgrep_binary(ctx), Settings().semgrep_bin),
        (bandit_binary(ctx), Settings().bandit_bin),
    ):
        assert binary == configured
        assert os.access(binary, os.X_OK), binary  # a real executable, not the bare name
