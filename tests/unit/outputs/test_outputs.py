"""Output formats: SARIF validated against the official 2.1.0 schema; JSON, text, markdown."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from reviewer.errors import UsageError
from reviewer.findings import (
    Category,
    Confidence,
    Finding,
    Location,
    Notice,
    ReviewOutcome,
    ScannerState,
    ScannerStatus,
    Severity,
    Suppression,
)
from reviewer.outputs import FORMATS, ReportContext, get_format

SCHEMA = json.loads((Path(__file__).parents[2] / "fixtures" / "sarif-schema-2.1.0.json").read_text())


class FakeChecklistResult:
    checklist_id = "ai-code-security"
    version = "1.0"

    def counts(self):
        return {"failed": 1, "passed": 2, "needs_human": 0}

    def to_dict(self):
        return {
            "checklist": "ai-code-security",
            "version": "1.0",
            "content_hash": "abc",
            "counts": self.counts(),
            "items": [],
        }


def finding(rule="python.command-injection", line=7, **kw) -> Finding:
    base = dict(
        rule=rule,
        scanners=("bandit", "semgrep"),
        category=Category.VALIDATION,
        cwes=(78,),
        severity=Severity.HIGH,
        confidence=Confidence.HIGH,
        location=Location("src/my app.py", line, line, 5, 40),
        message="Shell command built from user input.",
        fix="Pass an argument list and shell=False.",
        snippet='subprocess.call("ls " + user, shell=True)',
        fingerprint=f"fp{rule}{line}",
        checklist_items=("VAL-CMDI",),
    )
    base.update(kw)
    return Finding(**base)


def outcome(checklist=None) -> ReviewOutcome:
    return ReviewOutcome(
        findings=(
            finding(),
            finding(
                rule="reviewer.secrets.aws-access-key-id",
                line=10,
                category=Category.SECRETS,
                cwes=(798,),
                severity=Severity.CRITICAL,
                snippet='KEY = "AKIA****"',
                secret_hash="ab" * 32,
                checklist_items=(),
            ),
            finding(line=20, suppression=Suppression("inline", "constant command")),
            finding(
                rule="weak-hash",
                line=30,
                cwes=(327, 328),
                severity=Severity.MEDIUM,
                category=Category.CRYPTO,
                suppression=Suppression("baseline", "accepted in the baseline"),
            ),
            finding(
                rule="debug-on",
                line=40,
                cwes=(),
                severity=Severity.LOW,
                category=Category.CONFIG,
                on_changed_line=False,
            ),
        ),
        scanners=(
            ScannerStatus("bandit", ScannerState.OK, "1.9.4", 0.2, files_scanned=1),
            ScannerStatus("semgrep", ScannerState.FAILED, "1.185.0", 0.5, detail="rules did not parse"),
            ScannerStatus(
                "slow",
                ScannerState.TIMED_OUT,
                "",
                60.0,
                detail="no result after 60s",
                files_skipped=(("big.py", "too large"),),
            ),
        ),
        notices=(
            Notice("warning", "non-UTF-8 bytes were replaced while decoding", "src/latin.py"),
            Notice("error", "scanner semgrep failed: rules did not parse"),
        ),
        checklist=checklist,
        files_reviewed=3,
        lines_added=42,
        duration_s=0.75,
    )


CTX = ReportContext(tool_version="0.1.0", fail_on=Severity.HIGH, source="staged changes")


def render(name: str, oc: ReviewOutcome | None = None) -> str:
    return get_format(name).render(oc or outcome(), CTX)


def test_registry_lists_the_four_formats():
    assert sorted(FORMATS) == ["json", "markdown", "sarif", "text"]
    with pytest.raises(UsageError, match="unknown format 'xml'"):
        get_format("xml")


@pytest.mark.parametrize("checklist", [None, FakeChecklistResult()])
def test_sarif_validates_against_the_official_schema(checklist):
    doc = json.loads(render("sarif", outcome(checklist)))
    jsonschema.Draft4Validator(SCHEMA).validate(doc)


def test_sarif_empty_outcome_validates():
    empty = ReviewOutcome(findings=(), scanners=())
    doc = json.loads(render("sarif", empty))
    jsonschema.Draft4Validator(SCHEMA).validate(doc)
    assert doc["runs"][0]["results"] == [] and doc["runs"][0]["invocations"][0]["executionSuccessful"] is True


def test_sarif_carries_what_github_code_scanning_reads():
    run = json.loads(render("sarif"))["runs"][0]
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    cmdi = rules["python.command-injection"]
    assert {"security", "CWE-78", "external/cwe/cwe-78"} <= set(cmdi["properties"]["tags"])
    assert cmdi["help"]["text"] == "Pass an argument list and shell=False."
    assert cmdi["properties"]["security-severity"] == "8.0"
    assert {"CWE-327", "CWE-328"} <= set(rules["weak-hash"]["properties"]["tags"])
    results = run["results"]
    assert all(r["partialFingerprints"]["reviewer/v1"].startswith("fp") for r in results)
    assert all(run["tool"]["driver"]["rules"][r["ruleIndex"]]["id"] == r["ruleId"] for r in results)
    first = results[0]
    assert first["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "src/my%20app.py"
    assert first["locations"][0]["physicalLocation"]["region"]["startLine"] == 7
    suppressed = [r["suppressions"][0] for r in results if "suppressions" in r]
    assert suppressed == [
        {"kind": "inSource", "status": "accepted", "justification": "constant command"},
        {"kind": "external", "status": "accepted", "justification": "accepted in the baseline"},
    ]
    invocation = run["invocations"][0]
    assert invocation["executionSuccessful"] is False
    texts = [n["message"]["text"] for n in invocation["toolExecutionNotifications"]]
    assert "scanner semgrep failed: rules did not parse" in texts
    assert "scanner slow timed_out: no result after 60s" in texts
    assert texts.count("scanner semgrep failed: rules did not parse") == 1
    assert any("non-UTF-8" in t for t in texts)


def test_json_is_the_full_outcome_sorted_and_deterministic():
    text = render("json", outcome(FakeChecklistResult()))
    assert text == render("json", outcome(FakeChecklistResult()))
    doc = json.loads(text)
    assert list(doc) == sorted(doc)
    assert doc["status"] == "partial"
    assert doc["summary"]["findings"] == 3 and doc["summary"]["suppressed"] == 2
    assert doc["summary"]["blocking"] == 2  # the low one is below the threshold and off changed lines
    assert doc["checklist"]["checklist"] == "ai-code-security"
    assert doc["findings"][1]["secret_hash"] == "ab" * 32
    assert doc["findings"][2]["suppression"] == {"kind": "inline", "justification": "constant command"}
    assert json.loads(render("json"))["checklist"] is None


def test_text_is_readable():
    text = render("text", outcome(FakeChecklistResult()))
    assert "src/my app.py:7" in text
    assert "HIGH" in text and "python.command-injection" in text and "CWE-78" in text
    assert "checklist: VAL-CMDI" in text
    assert "Shell command built from user input." in text
    assert '| subprocess.call("ls " + user, shell=True)' in text
    assert "fix: Pass an argument list and shell=False." in text
    assert "semgrep failed (rules did not parse)" in text
    assert "Suppressed (2):" in text
    assert "(unchanged line)" in text
    assert "Checklist ai-code-security 1.0" in text
    last = text.rstrip().splitlines()[-1]
    assert last.startswith("FAIL: 2 finding(s) at or above high") and "review partial" in last
    assert "\x1b[" not in text  # no colour unless asked


def test_markdown_has_a_table_and_details():
    md = render("markdown")
    assert "| Severity | Location | Rule | CWE | Checklist | Message |" in md
    assert "| high | `src/my app.py:7` | `python.command-injection` | CWE-78 | VAL-CMDI |" in md
    assert "<summary>Suppressed findings</summary>" in md
    assert "**failed**" in md


def test_every_format_is_deterministic():
    for name in FORMATS:
        assert render(name) == render(name)
