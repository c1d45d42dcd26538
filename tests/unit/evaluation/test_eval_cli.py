"""``reviewer eval`` end to end through the real pipeline (project scanners; no external tools)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reviewer.cli.main import main

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
OWN = "reviewer-secrets,structure,dependencies,silencers"


def test_eval_tiny_corpus(tmp_path, capsys):
    (tmp_path / "s").mkdir()
    (tmp_path / "s" / "leak.py").write_text('SMTP_PASSWORD = "Tr0ub4dor&3xQ!"\n')
    (tmp_path / "s" / "env.py").write_text('import os\nSMTP_PASSWORD = os.environ["SMTP_PASSWORD"]\n')
    (tmp_path / "r.txt").write_text("reqeusts\n")
    (tmp_path / "labels.csv").write_text(
        "file,label,cwe,class\ns/leak.py,vuln,259,secrets\ns/env.py,safe,259,secrets\nr.txt,vuln,1357,dependencies\n"
    )
    # r.txt is not a requirements file name: the miss must show in the numbers
    assert main(["eval", str(tmp_path), "--scanners", OWN, "--show-misses"]) == 0
    out = capsys.readouterr().out
    assert "secrets" in out and "CWE-259" in out
    assert "r.txt (CWE-1357)" in out.split("missed")[1]


def test_eval_json_on_project_corpus_meets_targets_for_own_classes(capsys):
    code = main(["eval", str(CORPUS), "--scanners", OWN, "--format", "json", "--jobs", "2"])
    assert code == 0
    doc = json.loads(capsys.readouterr().out)["reviewer"]
    for cls in ("secrets", "dependencies"):
        r = doc["class"][cls]
        assert r["vuln"] >= 13 and r["safe"] >= 13
        assert r["tpr"] >= 0.9, (cls, r)
        assert r["fpr"] <= 0.05, (cls, r)
    assert doc["cwe"]["CWE-639"]["tpr"] >= 0.9 and doc["cwe"]["CWE-639"]["fpr"] == 0.0
    assert doc["cwe"]["CWE-862"]["tpr"] >= 0.9 and doc["cwe"]["CWE-862"]["fpr"] == 0.0


def test_eval_refuses_missing_community_rules(tmp_path, capsys):
    (tmp_path / "labels.csv").write_text("file,label,cwe,class\na.py,vuln,89,validation\n")
    (tmp_path / "a.py").write_text("x = 1\n")
    assert main(["eval", str(tmp_path), "--compare", "semgrep-community"]) == 2
    assert "community rules" in capsys.readouterr().err


def test_eval_reports_unknown_files(tmp_path, capsys):
    (tmp_path / "labels.csv").write_text("file,label,cwe,class\nmissing.py,vuln,89,validation\n")
    assert main(["eval", str(tmp_path), "--scanners", OWN]) == 2
    assert "missing.py" in capsys.readouterr().err


@pytest.mark.tools
def test_eval_compare_bandit_on_the_same_files(tmp_path, capsys):
    (tmp_path / "cmd.py").write_text("import subprocess\n\ndef run(c):\n    subprocess.call(c, shell=True)\n")
    (tmp_path / "ok.py").write_text("import subprocess\n\ndef run(c):\n    subprocess.run(['ls', c])\n")
    labels = "file,label,cwe,class\ncmd.py,vuln,78,validation\nok.py,safe,78,validation\n"
    (tmp_path / "labels.csv").write_text(labels)
    args = ["eval", str(tmp_path), "--scanners", "bandit", "--compare", "bandit", "--format", "json"]
    assert main(args) == 0
    doc = json.loads(capsys.readouterr().out)
    assert set(doc) == {"reviewer", "bandit alone"}
    assert doc["bandit alone"]["class"]["validation"]["detected"] == 1


COMMUNITY_RULE = """rules:
  - id: community-os-system
    languages: [python]
    severity: ERROR
    message: os.system with a non-literal command
    metadata:
      category: security
      cwe: ["CWE-78: Improper Neutralization of Special Elements used in an OS Command"]
      confidence: MEDIUM
    patterns:
      - pattern: os.system($X)
      - pattern-not: os.system("...")
"""


def _community_checkout(root: Path) -> Path:
    rules = root / "semgrep-rules"
    (rules / "python" / "lang").mkdir(parents=True)
    (rules / "python" / "lang" / "os-system.yaml").write_text(COMMUNITY_RULE)
    # A nested copy of the same id (a draft), a Java rule, a match-everything test rule and a rule
    # this semgrep cannot parse: all left out.
    (rules / "python" / "lang" / "drafts").mkdir()
    (rules / "python" / "lang" / "drafts" / "os-system.yaml").write_text(COMMUNITY_RULE)
    (rules / "java").mkdir()
    (rules / "java" / "x.yaml").write_text(
        COMMUNITY_RULE.replace("[python]", "[java]").replace("os-system", "j")
    )
    (rules / "python" / "lang" / "everything.yaml").write_text(
        "rules:\n  - id: overwrite-test\n    languages: [python]\n    severity: INFO\n    message: m\n"
        "    pattern: $X\n"
    )
    (rules / "python" / "lang" / "old.yaml").write_text(
        "rules:\n  - id: old-syntax\n    languages: [python]\n    severity: INFO\n    message: m\n"
        '    patterns:\n      - pattern: open($F)\n      - pattern-where-python: "True"\n'
    )
    return rules


def test_prepare_community_rules(tmp_path):
    from reviewer.evaluation.community_rules import prepare

    src = _community_checkout(tmp_path)
    prepared = prepare(src, tmp_path / "out")
    assert prepared.kept == 2  # os-system and old-syntax: no semgrep given, nothing parsed
    assert prepared.dropped == {
        "duplicate ids": ["community-os-system"],
        "match-everything rules": ["overwrite-test"],
    }
    assert not (tmp_path / "out" / "java").exists()
    assert (src / "python" / "lang" / "drafts" / "os-system.yaml").exists()  # the source is untouched


@pytest.mark.tools
def test_eval_compare_semgrep_community_in_one_run(tmp_path, capsys):
    src = _community_checkout(tmp_path / "checkout")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "cmd.py").write_text("import os\n\ndef run(c):\n    os.system('ping ' + c)\n")
    (corpus / "ok.py").write_text("import subprocess\n\ndef run(c):\n    subprocess.run(['ping', c])\n")
    (corpus / "labels.csv").write_text(
        "file,label,cwe,class\ncmd.py,vuln,78,validation\nok.py,safe,78,validation\n"
    )
    args = ["eval", str(corpus), "--scanners", OWN, "--compare", "semgrep-community"]
    assert main([*args, "--community-rules", str(src), "--format", "json"]) == 0
    captured = capsys.readouterr()
    doc = json.loads(captured.out)
    community = doc["semgrep community rules"]["class"]["validation"]
    assert (community["detected"], community["false_alarms"]) == (1, 0)
    assert "1 Python rules" in captured.err and "1 unparseable rules" in captured.err
