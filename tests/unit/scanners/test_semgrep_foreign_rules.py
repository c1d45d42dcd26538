"""Rules that are not ours (community rules, a team's extra rules) still give well-formed findings."""

from __future__ import annotations

from pathlib import Path

from reviewer.cwe_categories import category_for, parse_category
from reviewer.findings import Category, Confidence
from reviewer.scanners.semgrep import finding_from_result


def _result(metadata: dict) -> dict:
    return {
        "check_id": "python.django.security.injection.sql.sql-injection-using-raw",
        "path": "app/views.py",
        "start": {"line": 3, "col": 5},
        "end": {"line": 3, "col": 40},
        "extra": {"message": "SQL  built\nfrom input", "severity": "ERROR", "metadata": metadata},
    }


def test_category_security_is_read_from_the_cwe():
    finding = finding_from_result(
        _result({"category": "security", "confidence": "LOW", "cwe": ["CWE-89: SQL Injection"]}),
        Path("/ws"),
        {},
    )
    assert finding.category is Category.VALIDATION
    assert finding.cwes == (89,)
    assert finding.confidence is Confidence.LOW
    assert finding.message == "SQL built from input"


def test_unknown_confidence_and_missing_cwe_fall_back():
    meta = {"category": "best-practice", "confidence": "???"}
    finding = finding_from_result(_result(meta), Path("/ws"), {})
    assert finding.category is Category.VALIDATION and finding.cwes == ()
    assert finding.confidence is Confidence.MEDIUM


def test_categories_by_cwe():
    assert category_for((798,)) is Category.SECRETS
    assert category_for((352,)) is Category.ACCESS_CONTROL
    assert category_for((327, 328)) is Category.CRYPTO
    assert category_for((732,)) is Category.CONFIG
    assert category_for((1357,)) is Category.DEPENDENCIES
    assert category_for((99999,), default=Category.CONFIG) is Category.CONFIG
    # A category of ours in the rule wins over the CWE.
    assert parse_category("secrets", (89,)) is Category.SECRETS
