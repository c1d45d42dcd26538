"""`reviewer hook` through the real pre-commit package, in a temporary git repository, offline.

The hook is declared `repo: local` with `language: unsupported` (pre-commit's name for "system")
so pre-commit runs this checkout's `reviewer` from PATH instead of building an environment from
the network; `.pre-commit-hooks.yaml` itself is checked with `pre-commit validate-manifest`.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.tools, pytest.mark.slow]

PROJECT = Path(__file__).resolve().parents[3]
VENV_BIN = Path(sys.executable).parent
CONFIG = """repos:
  - repo: local
    hooks:
      - id: reviewer
        name: reviewer security review
        entry: reviewer hook
        language: unsupported
        pass_filenames: false
        always_run: true
        stages: [pre-commit]
"""
INJECTION = """import os
import subprocess


def handler(request):
    user = request.args.get("user")
    subprocess.call("ls " + user, shell=True)
    os.system(f"echo {user}")
"""
CLEAN = '''def add(a: int, b: int) -> int:
    """Add two numbers."""
    return a + b
'''


def sh(repo: Path, env: dict[str, str], *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        list(args), cwd=repo, env=env, check=check, capture_output=True, text=True, timeout=300
    )


@pytest.fixture
def hooked(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    repo = tmp_path / "repo"
    repo.mkdir()
    env = {
        **os.environ,
        "PATH": f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "HOME": str(tmp_path),
        "GIT_CONFIG_NOSYSTEM": "1",
        # Offline: any attempt to reach the network goes to a closed local port.
        "HTTP_PROXY": "http://127.0.0.1:9",
        "HTTPS_PROXY": "http://127.0.0.1:9",
        "NO_COLOR": "1",
    }
    for name in ("REVIEWER_SCANNERS", "REVIEWER_CHECKLIST"):
        env.pop(name, None)
    sh(repo, env, "git", "init", "-q", "-b", "main")
    sh(repo, env, "git", "config", "user.email", "t@example.com")
    sh(repo, env, "git", "config", "user.name", "t")
    sh(repo, env, "git", "config", "commit.gpgsign", "false")
    (repo / ".pre-commit-config.yaml").write_text(CONFIG)
    sh(repo, env, "git", "add", ".pre-commit-config.yaml")
    sh(repo, env, "git", "commit", "-qm", "config", "--no-verify")
    sh(repo, env, str(VENV_BIN / "pre-commit"), "install")
    return repo, env


def commits(repo: Path, env: dict[str, str]) -> int:
    return int(sh(repo, env, "git", "rev-list", "--count", "HEAD").stdout)


def test_manifest_is_valid():
    done = subprocess.run(
        [str(VENV_BIN / "pre-commit"), "validate-manifest", str(PROJECT / ".pre-commit-hooks.yaml")],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_commit_adding_shell_injection_is_blocked(hooked):
    repo, env = hooked
    (repo / "handler.py").write_text(INJECTION)
    sh(repo, env, "git", "add", "handler.py")
    done = sh(repo, env, "git", "commit", "-m", "add handler", check=False)
    output = done.stdout + done.stderr
    assert done.returncode != 0, output
    assert "handler.py:7" in output and "CWE-78" in output
    assert "reviewer: commit blocked by" in output
    assert commits(repo, env) == 1


def test_clean_commit_passes(hooked):
    repo, env = hooked
    (repo / "add.py").write_text(CLEAN)
    sh(repo, env, "git", "add", "add.py")
    done = sh(repo, env, "git", "commit", "-m", "add helper", check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert commits(repo, env) == 2


def test_baselined_finding_does_not_block(hooked):
    repo, env = hooked
    (repo / "handler.py").write_text(INJECTION)
    sh(repo, env, "git", "add", "handler.py")
    created = sh(repo, env, str(VENV_BIN / "reviewer"), "baseline", "create", "--staged", check=False)
    assert created.returncode == 0, created.stdout + created.stderr
    baseline = (repo / ".reviewer-baseline.json").read_text()
    assert "handler.py" in baseline
    sh(repo, env, "git", "add", ".reviewer-baseline.json")
    done = sh(repo, env, "git", "commit", "-m", "legacy handler, accepted", check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    # A new flaw next to the baselined ones still blocks.
    (repo / "handler.py").write_text(INJECTION + '\n\ndef other(q):\n    os.system("rm " + q)\n')
    sh(repo, env, "git", "add", "handler.py")
    again = sh(repo, env, "git", "commit", "-m", "new flaw", check=False)
    assert again.returncode != 0
    assert "handler.py:12" in again.stdout + again.stderr
