from __future__ import annotations

import json

import pytest
from checklist_docs import SHIPPED, document, item, write

from reviewer.cli.main import main


@pytest.fixture
def run(capsys):
    def _run(*argv: str) -> tuple[int, str, str]:
        code = main(["checklist", "--dir", str(SHIPPED), *argv])
        out, err = capsys.readouterr()
        return code, out, err

    return _run


def test_list_shows_ids_versions_and_hashes(run):
    code, out, err = run("list")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].startswith("ai-code-security@0.9") and "schema 1" in lines[0]
    assert lines[1].startswith("ai-code-security@1.0") and lines[1].endswith("(latest)")
    code, out, _ = run("list", "--format", "json")
    rows = json.loads(out)
    assert [r["version"] for r in rows] == ["0.9", "1.0"]
    assert all(len(r["content_hash"]) == 64 for r in rows)


def test_show_latest_and_pinned_version(run):
    code, out, _ = run("show", "ai-code-security")
    assert code == 0
    assert out.startswith("ai-code-security@1.0")
    assert "[access-control]" in out and "ACC-AUTHZ-DESIGN" in out and "(human sign-off)" in out
    code, out, _ = run("show", "ai-code-security@0.9", "--format", "json")
    data = json.loads(out)
    assert data["version"] == "0.9" and data["items"][0]["key"] == "VAL-SQLI"


def test_show_unknown_version_exits_2(run):
    code, _, err = run("show", "ai-code-security@7.0")
    assert code == 2
    assert "no such checklist version: ai-code-security@7.0 (known: 0.9, 1.0)" in err


def test_diff_by_reference_and_by_path(run):
    code, out, _ = run("diff", "ai-code-security@0.9", "ai-code-security@1.0")
    assert code == 0
    assert out.startswith("--- ai-code-security@0.9")
    assert "- CFG-ASSERT-CHECKS" in out and "+ ACC-CSRF" in out and "human_signoff: false -> true" in out
    code, out2, _ = run(
        "diff", str(SHIPPED / "ai-code-security/0.9.yaml"), str(SHIPPED / "ai-code-security/1.0.yaml")
    )
    assert code == 0 and out2 == out
    code, out, _ = run("diff", "ai-code-security@1.0", "ai-code-security@1.0", "--format", "json")
    assert json.loads(out)["changed"] == []


def test_validate_ok_and_invalid(run, tmp_path):
    code, out, _ = run("validate", str(SHIPPED / "ai-code-security/1.0.yaml"))
    assert code == 0 and out.startswith("ok: ")
    bad = write(tmp_path, document(item(), item(key="SEC-X", category="secret")), name="draft.yaml")
    code, out, err = run("validate", str(bad))
    assert code == 2
    assert f"invalid checklist {bad}" in err
    assert "item 1 (SEC-X), field 'category'" in err


def test_invalid_file_in_the_folder_makes_list_exit_2(tmp_path, capsys):
    write(tmp_path, document())
    write(tmp_path, document(item(cwes="89"), version="1.1"))
    code = main(["checklist", "--dir", str(tmp_path), "list"])
    out, err = capsys.readouterr()
    assert code == 2
    assert out.startswith("demo@1.0")
    assert "1.1.yaml" in err and "field 'cwes'" in err


def test_reviewer_checklists_dir_setting_is_the_default(monkeypatch, tmp_path, capsys):
    write(tmp_path, document(title="From settings"))
    monkeypatch.setenv("REVIEWER_CHECKLISTS_DIR", str(tmp_path))
    assert main(["checklist", "show", "demo"]) == 0
    assert "From settings" in capsys.readouterr().out
