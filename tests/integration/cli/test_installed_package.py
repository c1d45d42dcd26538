"""A non-editable install (what pre-commit's `language: python` builds) carries the rules and the
checklists: the review it runs has semgrep findings and a checklist, not a partial result."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from reviewer.settings import PROJECT_ROOT, Settings

pytestmark = [pytest.mark.tools, pytest.mark.slow]


def test_wheel_install_finds_its_rules_and_checklists(tmp_path, monkeypatch):
    monkeypatch.delenv("REVIEWER_SCANNERS", raising=False)
    monkeypatch.delenv("REVIEWER_CHECKLIST", raising=False)
    wheels = tmp_path / "wheels"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "-q",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(wheels),
            ".",
        ],
        cwd=PROJECT_ROOT,
        check=True,
    )
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    py = venv / "bin" / "python"
    [wheel] = wheels.glob("reviewer-*.whl")
    subprocess.run([py, "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(wheel)], check=True)
    # Dependencies come from the test environment; its editable `reviewer` does not, since a
    # path added by a .pth file is not a site folder (its own .pth finders are not run).
    site = Path(
        subprocess.check_output(
            [py, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], text=True
        ).strip()
    )
    (site / "deps.pth").write_text(sysconfig.get_path("purelib") + "\n")

    target = tmp_path / "work"
    target.mkdir()
    (target / "ping.py").write_text(
        "import subprocess\nfrom flask import Flask, request\n\napp = Flask(__name__)\n\n\n"
        "@app.route('/ping')\ndef ping():\n"
        "    return subprocess.check_output('ping -c 1 ' + request.args['host'], shell=True)\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("REVIEWER_")}
    env["REVIEWER_SEMGREP_BIN"] = Settings().semgrep_bin
    env["REVIEWER_DATA_DIR"] = str(tmp_path / "data")
    where = subprocess.check_output(
        [py, "-c", "import reviewer; print(reviewer.__file__)"], text=True, env=env, cwd=target
    )
    assert where.startswith(str(venv)), where  # the installed copy, not the checkout
    done = subprocess.run(
        [venv / "bin" / "reviewer", "scan", "ping.py", "--format", "json"],
        cwd=target,
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1, done.stderr  # 1: findings at or above --fail-on
    doc = json.loads(done.stdout)
    assert doc["status"] == "complete", doc.get("scanners")
    assert any(f["rule"] == "python.command-injection.shell" for f in doc["findings"])
    assert doc["checklist"]["checklist"] == "ai-code-security"
