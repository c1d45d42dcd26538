"""The pipeline hands back findings with their checklist items, and the pinned evaluation."""

from __future__ import annotations

import pytest

from reviewer.changeset import Limits
from reviewer.checklists.loader import load_checklist
from reviewer.checklists.model import ItemStatus
from reviewer.findings import Category, Confidence, Location, RawFinding, ScanResult, Severity
from reviewer.ingest.diff import parse_diff
from reviewer.pipeline import ReviewConfig, review
from reviewer.scanners.base import ScanContext, Workspace

DIFF = """\
diff --git a/app.py b/app.py
new file mode 100644
--- /dev/null
+++ b/app.py
@@ -0,0 +1,3 @@
+import os
+def run(name):
+    os.system("ls " + name)
"""


class LineScanner:
    """A real (tiny) scanner: reports os.system lines as command injection."""

    name = "semgrep"  # stands in for the semgrep slot so the checklist counts it as coverage

    def version(self, ctx: ScanContext) -> str:
        return "test"

    def available(self, ctx: ScanContext) -> bool:
        return True

    def scan(self, workspace: Workspace, ctx: ScanContext) -> ScanResult:
        found = []
        for rel, path in workspace.files.items():
            for number, line in enumerate(path.read_text().splitlines(), 1):
                if "os.system(" in line:
                    found.append(
                        RawFinding(
                            scanner=self.name,
                            rule="test.os-system",
                            location=Location(rel, number, number),
                            message="shell command built from input",
                            severity=Severity.HIGH,
                            confidence=Confidence.HIGH,
                            category=Category.VALIDATION,
                            cwes=(78,),
                        )
                    )
        return ScanResult(findings=tuple(found))


@pytest.fixture
def outcome(shipped):
    checklist = load_checklist(shipped, "ai-code-security")
    config = ReviewConfig(scanners=(LineScanner(),), checklist=checklist)
    return review(parse_diff(DIFF, Limits()), config), checklist


def test_review_outcome_findings_carry_checklist_items(outcome):
    result, checklist = outcome
    (finding,) = result.findings
    assert finding.checklist_items == ("VAL-CMDI",)
    evaluation = result.checklist
    assert (evaluation.checklist_id, evaluation.version, evaluation.content_hash) == (
        checklist.id,
        checklist.version,
        checklist.content_hash,
    )
    assert evaluation.item("VAL-CMDI").status is ItemStatus.FAILED
    assert evaluation.item("VAL-CMDI").findings == (finding.fingerprint,)
    assert evaluation.item("VAL-SQLI").status is ItemStatus.PASSED  # semgrep slot ran OK
    assert evaluation.item("SEC-PRIVATE-KEYS").status is ItemStatus.NEEDS_HUMAN  # its scanners did not run
    assert "reviewer-secrets not run" in evaluation.item("SEC-PRIVATE-KEYS").evidence
