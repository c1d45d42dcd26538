"""osemgrep (``--experimental``) and the classic CLI give identical findings on our rules."""

from __future__ import annotations

import pytest

from reviewer.scanners.base import ScanContext
from reviewer.scanners.semgrep import SemgrepScanner
from reviewer.settings import PROJECT_ROOT, Settings

pytestmark = [pytest.mark.tools, pytest.mark.slow]


def test_engines_agree_on_the_rule_test_files(workspace):
    rules = PROJECT_ROOT / "rules"
    files = {
        str(p.relative_to(rules)): p.read_text()
        for p in sorted(rules.rglob("*"))
        if p.is_file() and p.suffix in (".py", ".js", ".ts")
    }
    ws = workspace(files)
    results = {}
    for engine in ("osemgrep", "classic"):
        ctx = ScanContext(
            timeout_s=300,
            rules_dir=rules,
            tool_paths={"semgrep": Settings().semgrep_bin},
            options={"semgrep_engine": engine},
        )
        result = SemgrepScanner().scan(ws, ctx)
        results[engine] = sorted(result.findings, key=lambda f: (f.location, f.rule))
        assert result.skipped == ()
    assert len(results["osemgrep"]) > 50
    assert results["osemgrep"] == results["classic"]
