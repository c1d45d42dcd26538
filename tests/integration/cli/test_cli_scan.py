"""`reviewer scan` end to end through main(argv): sources, formats, exit codes, atomic output."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import jsonschema
import pytest
from cli_helpers import git

from reviewer.cli.main import main

pytestmark = pytest.mark.tools

INJECTION = """import os
import subprocess


def handler(request):
    user = request.args.get("user")
    subprocess.call("ls " + user, shell=True)
    os.system(f"echo {user}")
"""
CLEAN = """def add(a: int, b: int) -> int:
    return a + b
"""
SCHEMA = json.loads((Path(__file__).parents[2] / "fixtures" / "sarif-schema-2.1.0.json").read_text())


def diff_adding(path: str, text: str) -> bytes:
    lines = text.splitlines()
    body = "".join(f"+{line}\n" for line in lines)
    return f"--- /dev/null\n+++ b/{path}\n@@ -0,0 +1,{len(lines)} @@\n{body}".encode()


def test_diff_with_shell_injection_exits_1_and_names_it(tmp_path, capsys):
    patch = tmp_path / "change.patch"
    patch.write_bytes(diff_adding("svc/handler.py", INJECTION))
    assert main(["scan", "--diff", str(patch)]) == 1
    out = capsys.readouterr().out
    assert "svc/handler.py:7" in out and "CWE-78" in out and "HIGH" in out
    assert "FAIL:" in out


def test_clean_diff_exits_0(tmp_path, capsys):
    patch = tmp_path / "clean.patch"
    patch.write_bytes(diff_adding("lib/add.py", CLEAN))
    assert main(["scan", "--diff", str(patch)]) == 0
    assert "OK: nothing at or above high" in capsys.readouterr().out


def test_fail_on_threshold(tmp_path):
    patch = tmp_path / "change.patch"
    patch.write_bytes(diff_adding("svc/handler.py", INJECTION))
    assert main(["scan", "--diff", str(patch), "--fail-on", "critical"]) == 0
    assert main(["scan", "--diff", str(patch), "--fail-on", "low"]) == 1


def test_diff_from_stdin(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(diff_adding("x.py", INJECTION))))
    assert main(["scan", "--diff", "-", "--format", "json"]) == 1
    doc = json.loads(capsys.readouterr().out)
    assert doc["source"] == "diff from stdin"
    assert {f["rule"] for f in doc["findings"]} >= {"bandit.B602"}


def test_empty_diff_is_clean(tmp_path, capsys):
    empty = tmp_path / "empty.patch"
    empty.write_bytes(b"")
    assert main(["scan", "--diff", str(empty)]) == 0


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"--- a/a.py\n+++ b/a.py\n@@ -1,3 +1,3 @@\n a\n", "malformed diff"),
        (b"--- /dev/null\n+++ b/../../etc/x.py\n@@ -0,0 +1 @@\n+x = 1\n", "refused path"),
        (b"--- /dev/null\n+++ /etc/cron.d/x\n@@ -0,0 +1 @@\n+x = 1\n", "absolute paths"),
        (b"not a diff at all\n", "not a unified diff"),
    ],
)
def test_bad_input_exits_2_with_a_clear_message_and_writes_nothing(tmp_path, capsys, content, message):
    patch = tmp_path / "bad.patch"
    patch.write_bytes(content)
    out_file = tmp_path / "report.sarif"
    assert main(["scan", "--diff", str(patch), "--format", "sarif", "--output", str(out_file)]) == 2
    assert message in capsys.readouterr().err
    assert not out_file.exists()
    assert list(tmp_path.iterdir()) == [patch]  # no temporary leftovers either


def test_existing_output_is_kept_when_the_review_fails(tmp_path):
    patch = tmp_path / "bad.patch"
    patch.write_bytes(b"@@ -1 +1 @@\n")
    out_file = tmp_path / "report.json"
    out_file.write_text("previous report")
    assert main(["scan", "--diff", str(patch), "--format", "json", "-o", str(out_file)]) == 2
    assert out_file.read_text() == "previous report"


def test_too_large_diff_exits_2(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("REVIEWER_MAX_DIFF_BYTES", "100")
    patch = tmp_path / "big.patch"
    patch.write_bytes(diff_adding("x.py", INJECTION))
    assert main(["scan", "--diff", str(patch)]) == 2
    assert "REVIEWER_MAX_DIFF_BYTES" in capsys.readouterr().err


def test_long_line_exits_2(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("REVIEWER_MAX_LINE_LENGTH", "50")
    patch = tmp_path / "long.patch"
    patch.write_bytes(diff_adding("x.py", "x = '" + "a" * 100 + "'\n"))
    assert main(["scan", "--diff", str(patch)]) == 2
    assert "longer than 50 characters" in capsys.readouterr().err


def test_non_utf8_and_crlf_diff_is_reviewed_with_a_notice(tmp_path, capsys):
    patch = tmp_path / "latin.patch"
    raw = diff_adding("x.py", INJECTION + "name = 'cafe'\n").replace(b"cafe", b"caf\xe9")
    patch.write_bytes(raw.replace(b"\n", b"\r\n"))
    code = main(["scan", "--diff", str(patch)])
    out = capsys.readouterr().out
    assert code == 1
    assert "x.py:7" in out
    assert "non-UTF-8 bytes were replaced while decoding" in out


def test_sarif_output_file_validates(tmp_path, capsys):
    patch = tmp_path / "change.patch"
    patch.write_bytes(diff_adding("svc/handler.py", INJECTION))
    report = tmp_path / "out.sarif"
    assert main(["scan", "--diff", str(patch), "--format", "sarif", "--output", str(report)]) == 1
    doc = json.loads(report.read_text())
    jsonschema.Draft4Validator(SCHEMA).validate(doc)
    assert doc["runs"][0]["results"]
    assert "report written to" in capsys.readouterr().err


def test_usage_errors_exit_2(tmp_path, capsys):
    assert main(["scan", "--format", "xml"]) == 2
    assert main(["scan", "--staged", "--diff", "x.patch"]) == 2
    assert main(["scan", "--scanners", "nope", "--diff", str(tmp_path / "x")]) == 2
    assert "unknown scanner" in capsys.readouterr().err
    assert main(["scan", "--diff", str(tmp_path / "missing.patch")]) == 2


def test_internal_error_exits_3(tmp_path, monkeypatch, capsys):
    import reviewer.cli.scan as scan_module

    def broken(**kwargs):
        raise RuntimeError("bug")

    monkeypatch.setattr(scan_module, "run_review", broken)
    assert main(["scan", "--diff", "-"]) == 3
    assert "internal error: RuntimeError: bug" in capsys.readouterr().err


def test_working_tree_staged_range_and_paths(repo, capsys):
    (repo / "svc.py").write_text(INJECTION)
    assert main(["scan"]) == 1  # untracked file in the working tree
    git(repo, "add", "svc.py")
    capsys.readouterr()
    assert main(["scan", "--staged", "--format", "json"]) == 1
    assert json.loads(capsys.readouterr().out)["source"] == "staged changes"
    git(repo, "commit", "-qm", "add svc")
    assert main(["scan", "HEAD~1..HEAD"]) == 1
    assert main(["scan", "HEAD~1...HEAD"]) == 1
    assert main(["scan"]) == 0  # nothing changed any more
    assert main(["scan", "svc.py"]) == 1
    assert main(["scan", "app.py"]) == 0
    assert main(["scan", "no-such-rev"]) == 2


def test_all_lines_reports_unchanged_lines(repo, capsys):
    (repo / "old.py").write_text(INJECTION)
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "old flaw")
    (repo / "old.py").write_text(INJECTION + "\nX = 1\n")
    assert main(["scan"]) == 0
    capsys.readouterr()
    assert main(["scan", "--all-lines", "--format", "json"]) == 0  # unchanged lines never fail the run
    doc = json.loads(capsys.readouterr().out)
    assert doc["findings"] and not any(f["on_changed_line"] for f in doc["findings"])


def test_baseline_create_then_scan_with_baseline(repo, tmp_path, capsys):
    (repo / "svc.py").write_text(INJECTION)
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "legacy")
    assert main(["baseline", "create"]) == 0
    baseline = repo / ".reviewer-baseline.json"
    doc = json.loads(baseline.read_text())
    assert doc["schema_version"] == 1 and len(doc["findings"]) >= 2
    assert all(set(e) == {"fingerprint", "path", "rule"} for e in doc["findings"])
    assert main(["scan", "svc.py"]) == 1
    assert main(["scan", "svc.py", "--baseline", str(baseline)]) == 0


def test_bad_baseline_is_a_config_error(tmp_path, capsys):
    bad = tmp_path / "b.json"
    bad.write_text("{not json")
    assert main(["scan", "--diff", "-", "--baseline", str(bad)]) == 2
    assert "baseline" in capsys.readouterr().err


def test_full_default_scanner_set_merges_and_maps_to_the_checklist(tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("REVIEWER_SCANNERS")
    monkeypatch.delenv("REVIEWER_CHECKLIST")
    patch = tmp_path / "change.patch"
    patch.write_bytes(diff_adding("svc/handler.py", INJECTION + 'AWS_KEY = "AKIAZ7QWERTY5ASDFGH2"\n'))
    assert main(["scan", "--diff", str(patch), "--format", "json"]) == 1
    doc = json.loads(capsys.readouterr().out)
    assert doc["status"] == "complete", doc["scanners"]
    by_line = {f["start_line"]: f for f in doc["findings"]}
    assert {"bandit", "semgrep"} <= set(by_line[7]["scanners"])  # one finding, both scanners
    assert 78 in by_line[7]["cwes"] and by_line[7]["checklist_items"]
    assert "AKIAZ7QWERTY5ASDFGH2" not in json.dumps(doc)
    assert doc["checklist"]["counts"]["failed"] >= 2
    report = tmp_path / "r.sarif"
    assert main(["scan", "--diff", str(patch), "--format", "sarif", "-o", str(report)]) == 1
    sarif = report.read_text()
    jsonschema.Draft4Validator(SCHEMA).validate(json.loads(sarif))
    assert "AKIAZ7QWERTY5ASDFGH2" not in sarif


def test_baseline_never_holds_a_secret_value(repo):
    (repo / "conf.py").write_text('AWS_ACCESS_KEY_ID = "AKIAZ7QWERTY5ASDFGH2"\n')
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "key")
    assert main(["baseline", "create"]) == 0
    text = (repo / ".reviewer-baseline.json").read_text()
    assert "conf.py" in text and "AKIAZ7QWERTY5ASDFGH2" not in text


def test_output_into_a_missing_folder_is_a_usage_error(tmp_path, capsys):
    patch = tmp_path / "clean.patch"
    patch.write_bytes(diff_adding("lib/add.py", CLEAN))
    assert main(["scan", "--diff", str(patch), "-o", str(tmp_path / "nope" / "r.txt")]) == 2
    assert "cannot write" in capsys.readouterr().err


def test_bare_diff_inside_a_method_is_parsed_by_bandit(tmp_path, capsys):
    patch = tmp_path / "method.patch"
    patch.write_bytes(
        b"""diff --git a/svc/api.py b/svc/api.py
index 1111111..2222222 100644
--- a/svc/api.py
+++ b/svc/api.py
@@ -40,3 +40,4 @@ class Service:
         user = request.args["user"]
-        return user
+        os.system("echo " + user)
+        return user
     def close(self):
"""
    )
    assert main(["scan", "--diff", str(patch), "--format", "json", "--scanners", "bandit"]) == 1
    doc = json.loads(capsys.readouterr().out)
    assert [(f["start_line"], f["scanners"]) for f in doc["findings"]] == [(41, ["bandit"])]
    assert doc["scanners"][0]["files_skipped"] == []


def test_invalid_setting_is_a_configuration_error(monkeypatch, capsys):
    monkeypatch.setenv("REVIEWER_SCANNER_TIMEOUT_S", "soon")
    assert main(["scan", "--diff", "-"]) == 2
    assert "REVIEWER_SCANNER_TIMEOUT_S" in capsys.readouterr().err
