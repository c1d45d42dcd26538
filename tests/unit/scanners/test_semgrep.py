"""SemgrepScanner with the real semgrep and the project's rules."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from reviewer.errors import ScannerError
from reviewer.findings import Category, Confidence, ScannerState, Severity
from reviewer.pipeline import run_scanners
from reviewer.scanners.base import ScanContext
from reviewer.scanners.semgrep import SemgrepScanner, build_command, parse_output
from reviewer.settings import PROJECT_ROOT, Settings

pytestmark = pytest.mark.tools

SQLI = """\
from flask import Flask, request
import sqlite3

app = Flask(__name__)


@app.route("/u")
def user():
    name = request.args.get("name")
    cur = sqlite3.connect("db").cursor()
    cur.execute("SELECT * FROM users WHERE name = '%s'" % name)
    cur.execute("SELECT * FROM users WHERE name = ?", (name,))
    return "ok"
"""


@pytest.fixture
def sg_ctx() -> ScanContext:
    settings = Settings()
    return ScanContext(
        timeout_s=60, rules_dir=PROJECT_ROOT / "rules", tool_paths={"semgrep": settings.semgrep_bin}
    )


def _executable(path: Path, text: str) -> str:
    path.write_text(text)
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return str(path)


def test_version_and_available(sg_ctx):
    scanner = SemgrepScanner()
    assert scanner.available(sg_ctx)
    assert scanner.version(sg_ctx).count(".") == 2


def test_finds_sqli_with_metadata_and_exact_location(workspace, sg_ctx):
    ws = workspace({"app/views.py": SQLI})
    result = SemgrepScanner().scan(ws, sg_ctx)
    assert result.errors == () and result.skipped == ()
    [finding] = result.findings  # the parameterised query on line 12 stays quiet
    assert finding.rule == "python.sqli.query"
    assert finding.scanner == "semgrep"
    assert finding.location.path == "app/views.py"
    assert (finding.location.start_line, finding.location.end_line) == (11, 11)
    assert finding.location.start_col == 17
    assert finding.category is Category.VALIDATION
    assert finding.cwes == (89,)
    assert finding.severity is Severity.HIGH
    assert finding.confidence is Confidence.HIGH
    assert "parameterised" in finding.fix
    assert "requires login" not in finding.message


def test_ignore_files_and_nosemgrep_in_the_change_hide_nothing(workspace, sg_ctx):
    hidden = SQLI.replace("% name)", "% name)  # nosemgrep")
    ws = workspace(
        {
            "tests/test_views.py": SQLI,
            "node_modules/x/views.py": SQLI,
            "views.py": hidden,
            ".semgrepignore": "*.py\ntests/\n",
            ".gitignore": "*.py\n",
        }
    )
    result = SemgrepScanner().scan(ws, sg_ctx)
    paths = sorted(f.location.path for f in result.findings)
    assert paths == ["node_modules/x/views.py", "tests/test_views.py", "views.py"]


def test_no_files_no_run(workspace, sg_ctx):
    assert SemgrepScanner().scan(workspace({}), sg_ctx).findings == ()


def test_missing_rules_dir_is_a_scanner_error(workspace, sg_ctx, tmp_path):
    ctx = ScanContext(rules_dir=tmp_path / "nope", tool_paths=sg_ctx.tool_paths)
    with pytest.raises(ScannerError, match="rules directory not found"):
        SemgrepScanner().scan(workspace({"a.py": SQLI}), ctx)


def test_invalid_rule_is_a_scanner_error(workspace, sg_ctx, tmp_path):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "bad.yaml").write_text("rules:\n  - id: broken\n    pattern: eval(\n    languages: [python]\n")
    ctx = ScanContext(rules_dir=rules, tool_paths=sg_ctx.tool_paths)
    with pytest.raises(ScannerError, match="semgrep"):
        SemgrepScanner().scan(workspace({"a.py": "eval(x)\n"}), ctx)


def test_crashing_or_missing_binary_is_a_scanner_error(workspace, sg_ctx, tmp_path):
    crash = _executable(tmp_path / "crash", "#!/bin/sh\necho 'Fatal: boom' >&2\nexit 2\n")
    ws = workspace({"a.py": SQLI})
    for binary in (crash, str(tmp_path / "does-not-exist")):
        ctx = ScanContext(rules_dir=sg_ctx.rules_dir, tool_paths={"semgrep": binary})
        with pytest.raises(ScannerError):
            SemgrepScanner().scan(ws, ctx)


def test_timeout_is_a_scanner_error_and_the_review_is_partial(workspace, sg_ctx, tmp_path):
    slow = _executable(tmp_path / "slow", "#!/bin/sh\nsleep 30\n")
    ctx = ScanContext(timeout_s=1, rules_dir=sg_ctx.rules_dir, tool_paths={"semgrep": slow})
    ws = workspace({"a.py": SQLI})
    with pytest.raises(ScannerError, match="timed out"):
        SemgrepScanner().scan(ws, ctx)
    # Through the pipeline: no crash, a failed status with the reason.
    crash = _executable(tmp_path / "crash", "#!/bin/sh\nexit 2\n")
    ctx = ScanContext(rules_dir=sg_ctx.rules_dir, tool_paths={"semgrep": crash})
    raw, statuses = run_scanners(ws, (SemgrepScanner(),), ctx)
    assert raw == []
    [status] = statuses
    assert status.state is ScannerState.FAILED
    assert "semgrep" in status.detail


def test_parse_output_judges_after_parsing(tmp_path):
    payload = {
        "results": [
            {
                "check_id": "python.sqli.query",
                "path": "a.py",
                "start": {"line": 3, "col": 5},
                "end": {"line": 4, "col": 9},
                "extra": {
                    "message": "m",
                    "severity": "WARNING",
                    "lines": "requires login",
                    "metadata": {
                        "category": "crypto",
                        "cwe": ["CWE-327: x", "CWE-328: y"],
                        "confidence": "low",
                    },
                },
            }
        ],
        "errors": [{"type": "Syntax error", "level": "warn", "path": "b.py", "message": "bad token"}],
    }
    result = parse_output(json.dumps(payload).encode(), 1, tmp_path, {"a.py": "src/a.py", "b.py": "src/b.py"})
    [finding] = result.findings
    assert finding.location.path == "src/a.py" and finding.location.end_line == 4
    assert finding.cwes == (327, 328) and finding.category is Category.CRYPTO
    assert finding.severity is Severity.MEDIUM and finding.confidence is Confidence.LOW
    assert result.skipped == (("src/b.py", "semgrep could not fully analyse: Syntax error: bad token"),)
    with pytest.raises(ScannerError, match="no JSON"):
        parse_output(b"Traceback...", 2, tmp_path, {})
    with pytest.raises(ScannerError, match="exited with code 7"):
        parse_output(b'{"results": [], "errors": []}', 7, tmp_path, {})


def test_broken_file_does_not_stop_the_scan(workspace, sg_ctx):
    # semgrep's parsers recover from syntax errors (it analyses what it can and reports nothing);
    # files it cannot analyse at all arrive as errors and become ``skipped`` (see above).
    ws = workspace({"ok.py": SQLI, "broken.py": "def f(:\n    eval(x)\n"})
    result = SemgrepScanner().scan(ws, sg_ctx)
    assert [f.location.path for f in result.findings] == ["ok.py"]


def test_command_is_offline_and_bounded(sg_ctx):
    cmd = build_command("semgrep", Path("/r"), ["a.py"], sg_ctx)
    for flag in ("--metrics=off", "--disable-version-check", "--json", "--experimental", "--disable-nosem"):
        assert flag in cmd
    assert "--config" in cmd and cmd[cmd.index("--config") + 1] == "/r"
    assert cmd[-2:] == ["--", "a.py"]
    classic = build_command(
        "semgrep", Path("/r"), ["a.py"], ScanContext(options={"semgrep_engine": "classic"})
    )
    assert "--experimental" not in classic


def test_failed_semgrep_leaves_the_review_partial_with_the_reason(sg_ctx, tmp_path):
    from reviewer.changeset import ChangeKind, Changeset, FileChange
    from reviewer.pipeline import ReviewConfig, review

    crash = _executable(tmp_path / "crash", "#!/bin/sh\necho 'Fatal error: out of memory' >&2\nexit 2\n")
    lines = SQLI.splitlines()
    change = Changeset(
        files=(
            FileChange(
                "app.py",
                ChangeKind.ADDED,
                added_lines=frozenset(range(1, len(lines) + 1)),
                post_image=SQLI,
                post_image_complete=True,
            ),
        )
    )
    ctx = ScanContext(rules_dir=sg_ctx.rules_dir, tool_paths={"semgrep": crash})
    outcome = review(change, ReviewConfig(scanners=(SemgrepScanner(),), context=ctx))
    assert outcome.status == "partial"
    [status] = outcome.scanners
    assert status.state is ScannerState.FAILED and "semgrep" in status.detail
    assert any("semgrep" in n.message for n in outcome.notices if n.level == "error")


SAFE_FILTER = """\
from flask import Flask, render_template_string, request

app = Flask(__name__)
PROFILE = "<h1>{{ name }}</h1><div>{{ bio|safe }}</div>"


@app.route("/p")
def profile():
    name = request.args.get("name", "")
    bio = request.args.get("bio", "")
    return render_template_string(PROFILE, name=name, bio=bio)
"""


def test_safe_filter_reports_only_the_variable_the_template_marks_safe(workspace, sg_ctx):
    result = SemgrepScanner().scan(workspace({"app.py": SAFE_FILTER}), sg_ctx)
    found = [(f.rule, f.location.start_line, f.location.start_col) for f in result.findings]
    # `name` is escaped by the template; only `bio` (its value at column 59) is rendered raw.
    assert [f for f in found if f[0] == "python.xss.safe-filter"] == [("python.xss.safe-filter", 11, 59)]


def test_a_missing_semgrep_says_how_to_install_it(sg_ctx, tmp_path):
    ctx = ScanContext(rules_dir=sg_ctx.rules_dir, tool_paths={"semgrep": str(tmp_path / "no-semgrep")})
    with pytest.raises(ScannerError, match="reviewer tools install"):
        SemgrepScanner().version(ctx)
