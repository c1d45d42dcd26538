from __future__ import annotations

import dataclasses

from checklist_docs import document, item

from reviewer.checklists.evaluate import evaluate, map_findings
from reviewer.checklists.loader import load_checklist, parse_checklist
from reviewer.checklists.model import ItemStatus
from reviewer.findings import (
    Category,
    Confidence,
    Finding,
    Location,
    ScannerState,
    ScannerStatus,
    Severity,
    Suppression,
)

CHECKLIST = parse_checklist(
    document(
        item(),  # VAL-SQLI: semgrep, bandit; CWE 89; rule *B608
        item(key="VAL-CMDI", cwes=[78], evidence={"scanners": ["semgrep"]}),
        item(key="SEC-KEYS", category="secrets", cwes=[798], evidence={"scanners": ["detect-secrets"]}),
        item(
            key="ACC-AUTHZ",
            category="access-control",
            cwes=[863],
            evidence={"scanners": ["structure"]},
            human_signoff=True,
        ),
        item(
            key="CFG-SILENCERS",
            category="config",
            cwes=[],
            evidence={"scanners": ["silencers"], "scanner_findings": True},
        ),
    )
)


def finding(rule: str, cwes: tuple[int, ...], scanners: tuple[str, ...] = ("semgrep",), **kw) -> Finding:
    return Finding(
        rule=rule,
        scanners=scanners,
        category=Category.VALIDATION,
        cwes=cwes,
        severity=Severity.HIGH,
        confidence=Confidence.HIGH,
        location=Location("app.py", 3, 3),
        message="m",
        fix="",
        snippet="x",
        fingerprint=f"fp-{rule}",
        **kw,
    )


def ok(*names: str) -> list[ScannerStatus]:
    return [ScannerStatus(name, ScannerState.OK) for name in names]


ALL_OK = ok("semgrep", "bandit", "detect-secrets", "structure", "silencers")


def status_of(result, key):
    return result.item(key).status


def test_clean_review_passes_tool_items_and_leaves_human_items():
    result = evaluate(CHECKLIST, [], ALL_OK)
    assert status_of(result, "VAL-SQLI") is ItemStatus.PASSED
    assert result.item("VAL-SQLI").scanners == ("bandit", "semgrep")
    assert result.item("VAL-SQLI").evidence == "no findings; checked by semgrep, bandit"
    assert status_of(result, "ACC-AUTHZ") is ItemStatus.NEEDS_HUMAN
    assert "human sign-off required" in result.item("ACC-AUTHZ").evidence
    assert result.counts() == {"failed": 0, "passed": 4, "needs_human": 1}
    assert (result.checklist_id, result.version, result.content_hash) == (
        "demo",
        "1.0",
        CHECKLIST.content_hash,
    )


def test_finding_fails_items_by_cwe_and_by_rule_glob():
    by_cwe = finding("python.sqli.format", (89,))
    by_rule = finding("bandit.B608", (), scanners=("bandit",))
    result = evaluate(CHECKLIST, [by_cwe, by_rule], ALL_OK)
    sqli = result.item("VAL-SQLI")
    assert sqli.status is ItemStatus.FAILED
    assert sqli.findings == ("fp-bandit.B608", "fp-python.sqli.format")
    assert sqli.scanners == ("bandit", "semgrep")
    assert sqli.evidence.startswith("2 findings (bandit.B608, python.sqli.format) from bandit, semgrep")
    assert status_of(result, "VAL-CMDI") is ItemStatus.PASSED
    # the findings come back with their items filled in, in checklist order
    assert [f.checklist_items for f in result.findings] == [("VAL-SQLI",), ("VAL-SQLI",)]


def test_one_finding_can_fail_several_items_and_a_human_item():
    both = finding("multi", (78, 863))
    result = evaluate(CHECKLIST, [both], ALL_OK)
    assert status_of(result, "VAL-CMDI") is ItemStatus.FAILED
    assert status_of(result, "ACC-AUTHZ") is ItemStatus.FAILED  # failed beats needs-human
    assert result.findings[0].checklist_items == ("VAL-CMDI", "ACC-AUTHZ")


def test_scanner_findings_items_fail_on_any_finding_of_their_scanner():
    silencer = finding("silencer.nosec", (), scanners=("silencers",))
    result = evaluate(CHECKLIST, [silencer], ALL_OK)
    assert status_of(result, "CFG-SILENCERS") is ItemStatus.FAILED
    assert result.counts()["failed"] == 1


def test_suppressed_findings_do_not_fail_but_are_reported():
    suppressed = finding("python.sqli", (89,), suppression=Suppression("inline", "parameterised upstream"))
    result = evaluate(CHECKLIST, [suppressed], ALL_OK)
    sqli = result.item("VAL-SQLI")
    assert sqli.status is ItemStatus.PASSED
    assert sqli.findings == () and sqli.suppressed == ("fp-python.sqli",)
    assert "1 suppressed finding not counted" in sqli.evidence
    assert result.findings[0].checklist_items == ("VAL-SQLI",)  # still mapped


def test_failed_timed_out_or_missing_scanners_leave_items_to_a_human():
    statuses = [
        ScannerStatus("semgrep", ScannerState.TIMED_OUT, detail="no result after 60s"),
        ScannerStatus("bandit", ScannerState.FAILED, detail="exit 2"),
        ScannerStatus("structure", ScannerState.OK),
    ]
    result = evaluate(CHECKLIST, [], statuses)
    sqli = result.item("VAL-SQLI")
    assert sqli.status is ItemStatus.NEEDS_HUMAN
    assert "no scanner that covers this item ran OK" in sqli.evidence
    assert "semgrep timed_out (no result after 60s), bandit failed (exit 2)" in sqli.evidence
    assert sqli.scanners == ()
    assert "detect-secrets not run" in result.item("SEC-KEYS").evidence
    assert status_of(result, "SEC-KEYS") is ItemStatus.NEEDS_HUMAN


def test_one_covering_scanner_ok_is_enough_and_the_failure_is_mentioned():
    statuses = [ScannerStatus("semgrep", ScannerState.OK), ScannerStatus("bandit", ScannerState.SKIPPED)]
    sqli = evaluate(CHECKLIST, [], statuses).item("VAL-SQLI")
    assert sqli.status is ItemStatus.PASSED
    assert sqli.evidence == "no findings; checked by semgrep; not covered: bandit skipped"


def test_a_finding_fails_its_item_even_when_the_scanner_then_failed():
    statuses = [ScannerStatus("semgrep", ScannerState.FAILED, detail="crash")]
    result = evaluate(CHECKLIST, [finding("x", (89,))], statuses)
    assert status_of(result, "VAL-SQLI") is ItemStatus.FAILED


def test_item_keys_set_by_a_rule_are_kept_when_they_exist_in_the_checklist():
    tagged = finding("custom", (), checklist_items=("SEC-KEYS", "NOT-HERE"))
    (mapped,) = map_findings(CHECKLIST, [tagged])
    assert mapped.checklist_items == ("SEC-KEYS",)
    assert dataclasses.replace(mapped, checklist_items=()) == dataclasses.replace(tagged, checklist_items=())


def test_to_dict_is_serialisable_and_ordered():
    import json

    result = evaluate(CHECKLIST, [finding("x", (89,))], ALL_OK)
    data = json.loads(json.dumps(result.to_dict()))
    assert data["checklist"] == "demo" and data["content_hash"] == CHECKLIST.content_hash
    assert [i["key"] for i in data["items"]] == [i.key for i in CHECKLIST.items]
    assert data["items"][0]["status"] == "failed" and data["items"][0]["findings"] == ["fp-x"]
    assert data["counts"] == {"failed": 1, "passed": 3, "needs_human": 1}


def test_shipped_checklist_maps_common_findings(shipped):
    checklist = load_checklist(shipped, "ai-code-security")
    samples = {
        ("bandit.B602", (78,)): "VAL-CMDI",
        ("B324", (327, 328)): "CRY-WEAK-ALGORITHM",
        ("python.flask.debug", (489,)): "ACC-DEBUG",
        ("secrets.aws-access-key", (798,)): "SEC-HARDCODED-CREDENTIALS",
        ("jwt-no-verify", (347,)): "ACC-JWT-VERIFY",
        ("deps.typosquat", (1357,)): "DEP-TYPOSQUAT",
    }
    findings = [finding(rule, cwes) for rule, cwes in samples]
    result = evaluate(checklist, findings, [])
    for (rule, _), key in samples.items():
        mapped = next(f for f in result.findings if f.rule == rule)
        assert key in mapped.checklist_items, (rule, mapped.checklist_items)
        assert result.item(key).status is ItemStatus.FAILED
    # nothing ran: no item can be passed by tools
    assert result.counts()["passed"] == 0


def test_a_rule_named_by_an_item_maps_only_there(shipped):
    checklist = load_checklist(shipped, "ai-code-security")
    # bandit keeps its own CWE-20 on XML parsing and tags autoescape=False 79 + 1336
    xml = finding("bandit.B314", (20, 611), scanners=("bandit",))
    autoescape = finding("bandit.B701", (79, 1336), scanners=("bandit",))
    semgrep_xss = finding("python.flask.xss", (79, 1336))
    typo = finding("reviewer.dependencies.typosquat", (829, 1357), scanners=("dependencies",))
    unknown = finding("reviewer.dependencies.unknown-package", (1357,), scanners=("dependencies",))
    silencer = finding("reviewer.foreign-silencer", (), scanners=("silencers",))
    mapped = {
        f.rule: f.checklist_items
        for f in map_findings(checklist, [xml, autoescape, semgrep_xss, typo, unknown, silencer])
    }
    assert mapped == {
        "bandit.B314": ("VAL-XXE",),
        "bandit.B701": ("VAL-XSS",),
        "python.flask.xss": ("VAL-XSS", "VAL-TEMPLATE-INJECTION"),  # no item names it: by CWE
        "reviewer.dependencies.typosquat": ("DEP-TYPOSQUAT",),
        "reviewer.dependencies.unknown-package": ("DEP-UNKNOWN-PACKAGE",),
        "reviewer.foreign-silencer": ("CFG-SCANNER-SILENCERS",),
    }


def test_classifier_alone_sends_the_item_to_a_human_instead_of_failing_it():
    model_only = finding("reviewer.classifier.secrets", (798,), scanners=("classifier",))
    result = evaluate(CHECKLIST, [model_only], ok("detect-secrets", "classifier"))
    keys = {i.key: i for i in result.items}
    assert keys["SEC-KEYS"].status is ItemStatus.NEEDS_HUMAN
    assert "classifier flagged 1 unit" in keys["SEC-KEYS"].evidence
    assert keys["SEC-KEYS"].findings == ("fp-reviewer.classifier.secrets",)


def test_classifier_with_a_rule_finding_still_fails_the_item():
    model_only = finding("reviewer.classifier.secrets", (798,), scanners=("classifier",))
    rule = finding("detect-secrets.key", (798,), scanners=("detect-secrets",))
    result = evaluate(CHECKLIST, [model_only, rule], ok("detect-secrets", "classifier"))
    item = next(i for i in result.items if i.key == "SEC-KEYS")
    assert item.status is ItemStatus.FAILED
