"""BanditScanner: in process under this interpreter, the bandit CLI (Python 3.13) for the rest."""

from __future__ import annotations

import json
import os
import sys

import pytest

from reviewer.findings import Category, Severity
from reviewer.scanners.bandit import BanditScanner, cli_command, finding_from_dict
from reviewer.scanners.base import ScanContext
from reviewer.settings import Settings
from reviewer.subprocess_runner import run

INSECURE = """\
import hashlib
import subprocess

DB_PASSWORD = "hunter2-correct-horse"


def run(cmd, data):
    subprocess.call("ls " + cmd, shell=True)
    eval(data)
    return hashlib.md5(data).hexdigest()
"""
# PEP 701 (Python 3.12+): the same quotes nested inside an f-string. Python 3.11 cannot parse it.
PEP701 = """\
import pickle


def load(row):
    print(f"{row["name"]} loaded")
    return pickle.loads(row["blob"])
"""
BROKEN = "def f(:\n    eval(x)\n"


@pytest.fixture
def b_ctx() -> ScanContext:
    return ScanContext(timeout_s=60, tool_paths={"bandit": Settings().bandit_bin})


def _by_rule(result):
    return {(f.location.path, f.rule): f for f in result.findings}


def test_maps_tests_to_categories_and_exact_cwes(workspace, b_ctx):
    result = BanditScanner().scan(workspace({"app/run.py": INSECURE, "README.md": "eval(x)\n"}), b_ctx)
    found = _by_rule(result)
    assert set(found) == {
        ("app/run.py", "bandit.B105"),
        ("app/run.py", "bandit.B602"),
        ("app/run.py", "bandit.B307"),
        ("app/run.py", "bandit.B324"),
    }
    shell = found[("app/run.py", "bandit.B602")]
    assert (shell.category, shell.cwes, shell.severity) == (Category.VALIDATION, (78,), Severity.HIGH)
    assert shell.location.start_line == 8
    assert found[("app/run.py", "bandit.B324")].cwes == (327, 328)
    assert found[("app/run.py", "bandit.B307")].cwes == (95,)  # not bandit's CWE-78
    password = found[("app/run.py", "bandit.B105")]
    assert password.category is Category.SECRETS and password.cwes == (259, 798)
    # The literal goes to ``secret`` for masking, never into the message.
    assert password.secret == "hunter2-correct-horse"
    assert "hunter2" not in password.message


def test_nosec_in_the_change_does_not_hide(workspace, b_ctx):
    code = "import subprocess\nsubprocess.call(cmd, shell=True)  # nosec\n"
    result = BanditScanner().scan(workspace({"a.py": code}), b_ctx)
    assert [f.rule for f in result.findings] == ["bandit.B602"]


@pytest.mark.tools
def test_newer_syntax_is_scanned_by_the_newer_bandit(workspace, b_ctx):
    assert sys.version_info < (3, 12), "this test proves the fallback only on an older interpreter"
    result = BanditScanner().scan(workspace({"new.py": PEP701, "old.py": INSECURE}), b_ctx)
    assert ("new.py", "bandit.B301") in _by_rule(result)
    assert result.skipped == ()


@pytest.mark.tools
def test_unparseable_file_is_reported_with_its_reason(workspace, b_ctx):
    result = BanditScanner().scan(workspace({"broken.py": BROKEN, "ok.py": INSECURE}), b_ctx)
    [(path, reason)] = result.skipped
    assert path == "broken.py"
    assert reason.startswith("bandit could not parse: syntax error at line 1")
    assert any(f.location.path == "ok.py" for f in result.findings)


def test_without_newer_bandit_unparseable_files_are_still_reported(workspace, tmp_path):
    ctx = ScanContext(tool_paths={"bandit": str(tmp_path / "missing-bandit")})
    result = BanditScanner().scan(workspace({"new.py": PEP701}), ctx)
    [(path, reason)] = result.skipped
    assert path == "new.py" and "could not parse" in reason


@pytest.mark.tools
def test_results_identical_to_the_cli(workspace, b_ctx, tmp_path):
    files = {"a.py": INSECURE, "pkg/new.py": PEP701, "pkg/b.py": INSECURE.replace("md5", "sha1")}
    ws = workspace(files)
    ours = BanditScanner().scan(ws, b_ctx)
    done = run(cli_command(b_ctx.tool_paths["bandit"], sorted(files)), timeout=60, cwd=ws.root, ok_codes=None)
    cli = sorted(
        (
            finding_from_dict(item, os.path.normpath(item["filename"]))
            for item in json.loads(done.stdout)["results"]
        ),
        key=lambda f: (f.location, f.rule),
    )
    assert list(ours.findings) == cli


def test_empty_and_non_python_workspaces(workspace, b_ctx):
    assert BanditScanner().scan(workspace({}), b_ctx).findings == ()
    assert BanditScanner().scan(workspace({"x.js": "eval(x)"}), b_ctx).findings == ()
    assert BanditScanner().available(b_ctx)
    assert BanditScanner().version(b_ctx)


def test_files_outside_the_workspace_are_not_read(workspace, b_ctx, tmp_path):
    outside = tmp_path / "outside.py"
    outside.write_text(INSECURE)
    ws = workspace({"a.py": "x = 1\n"})
    ws.files["evil.py"] = outside  # a workspace must never point outside its root
    assert BanditScanner().scan(ws, b_ctx).findings == ()
    assert os.path.exists(outside)


def test_pruned_scan_is_identical_on_changed_lines(workspace, b_ctx):
    import random

    from reviewer.settings import PROJECT_ROOT

    rng = random.Random(11)
    files: dict[str, str] = {}
    added: dict[str, set[int]] = {}
    sources = sorted((PROJECT_ROOT / "rules" / "python").glob("*.py"))
    for path in sources:
        text = path.read_text() + "\n\n" + INSECURE
        total = len(text.splitlines())
        for index, start in enumerate(range(1, total, max(1, total // 3))):
            rel = f"{index}/{path.name}"
            files[rel] = text
            sample = {n for n in range(1, total + 1) if rng.random() < 0.1}
            added[rel] = set(range(start, start + 15)) | sample
    ws = workspace(files, added)
    results = {}
    for prune_on in ("true", "false"):
        ctx = ScanContext(timeout_s=60, tool_paths=b_ctx.tool_paths, options={"bandit_prune": prune_on})
        result = BanditScanner().scan(ws, ctx)
        results[prune_on] = [f for f in result.findings if f.location.start_line in added[f.location.path]]
    assert len(results["false"]) > 30
    assert results["true"] == results["false"]


def test_placeholder_and_hash_passwords_are_not_findings(workspace, b_ctx):
    code = (
        'password = "your-password-here"\n'
        'PASSWORD_HASH = "scrypt:32768:8:1$0OoL2ZsYV5gkZQtd$7c6b1c1e2f5a8f0c9d3e4b5a6c7d8e9f"\n'
        'db_password = "Zq8#kL2!vX9@pR4w"\n'
        'ADMIN_PASSWORD_HASH = "5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8"\n'
        'reset_token_hash = "9f86d081884c7d659a2feaa0c55ad015"\n'
        'if token_digest == "2c26b46b68ffc68ff99b453c1d304134":\n'
        "    pass\n"
        'token_hash = api_token = "Zq8#kL2!vX9@pR4wQ"\n'
    )
    result = BanditScanner().scan(workspace({"a.py": code}), b_ctx)
    # A digest stored under a *_hash / *_digest name is not a secret; a secret beside one still is.
    assert [(f.rule, f.location.start_line) for f in result.findings] == [
        ("bandit.B105", 3),
        ("bandit.B105", 8),
    ]


def test_sql_built_from_identifiers_only_is_not_b608(workspace, b_ctx):
    code = (
        "def q(cur, table, sort, name, uid):\n"
        '    cur.execute("SELECT options FROM {} WHERE name = ?".format(table), (name,))\n'
        '    sql = "SELECT id FROM products WHERE category = %s ORDER BY " + sort\n'
        "    cur.execute(sql, (name,))\n"
        '    cur.execute(f"SELECT * FROM {table} WHERE id = {uid}")\n'
        '    cur.execute("SELECT * FROM users WHERE name = \'" + name + "\'")\n'
    )
    result = BanditScanner().scan(workspace({"a.py": code}), b_ctx)
    # Values formatted into the query stay findings; table and column names alone do not.
    assert [(f.rule, f.location.start_line) for f in result.findings] == [
        ("bandit.B608", 5),
        ("bandit.B608", 6),
    ]


def test_mark_safe_of_escaped_text_is_not_reported(workspace, b_ctx):
    code = (
        "from django.utils.html import escape, format_html\n"
        "from django.utils.safestring import mark_safe\n\n\n"
        "def render(body, name):\n"
        '    a = mark_safe(escape(body).replace("\\n", "<br>"))\n'
        '    b = mark_safe(format_html("<b>{}</b>", name))\n'
        "    c = mark_safe(body)\n"
        '    d = mark_safe("<hr>")\n'
        "    e = mark_safe(escape(body) + name)\n"
        "    return a, b, c, d, e\n"
    )
    result = BanditScanner().scan(workspace({"v.py": code}), b_ctx)
    # Escaped first (or a literal): nothing to inject; the raw value and a concatenation stay.
    assert sorted((f.location.start_line, f.rule) for f in result.findings) == [
        (8, "bandit.B308"),
        (8, "bandit.B703"),
        (10, "bandit.B308"),
        (10, "bandit.B703"),
    ]
