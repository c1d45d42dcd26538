from __future__ import annotations

import json

from checklist_docs import document, item

from reviewer.checklists.diff import diff, render_text
from reviewer.checklists.loader import load_checklist, parse_checklist


def test_added_removed_and_changed_fields():
    old = parse_checklist(document(item(), item(key="OLD-ITEM", cwes=[1])))
    new = parse_checklist(
        document(
            item(title="No SQL built from input", evidence={"scanners": ["semgrep"], "rules": ["*B608"]}),
            item(key="NEW-ITEM", cwes=[2]),
            version="1.1",
            title="Demo checklist v2",
        )
    )
    result = diff(old, new)
    assert [i.key for i in result.added] == ["NEW-ITEM"]
    assert [i.key for i in result.removed] == ["OLD-ITEM"]
    (changed,) = result.changed
    assert changed.key == "VAL-SQLI"
    assert [(c.field, c.old, c.new) for c in changed.changes] == [
        ("title", "No SQL from input", "No SQL built from input"),
        ("evidence.scanners", ["semgrep", "bandit"], ["semgrep"]),
    ]
    assert [(c.field, c.new) for c in result.header] == [("title", "Demo checklist v2")]
    text = render_text(result)
    assert text.splitlines() == [
        f"--- demo@1.0 ({old.content_hash[:12]})",
        f"+++ demo@1.1 ({new.content_hash[:12]})",
        "~ title: Demo checklist -> Demo checklist v2",
        "+ NEW-ITEM  [validation] No SQL from input",
        "- OLD-ITEM  [validation] No SQL from input",
        "~ VAL-SQLI",
        "    title: No SQL from input -> No SQL built from input",
        "    evidence.scanners: [semgrep, bandit] -> [semgrep]",
        "1 added, 1 removed, 1 changed",
    ]
    assert json.loads(json.dumps(result.to_dict()))["added"][0]["key"] == "NEW-ITEM"


def test_identical_versions_have_no_differences():
    same = parse_checklist(document())
    result = diff(same, same)
    assert result.empty
    assert render_text(result).endswith("no differences\n")


def test_shipped_versions_diff_across_the_schema_upgrade(shipped):
    old = load_checklist(shipped, "ai-code-security", "0.9")
    new = load_checklist(shipped, "ai-code-security", "1.0")
    result = diff(old, new)
    assert "CFG-ASSERT-CHECKS" in {i.key for i in result.removed}
    assert {"VAL-TEMPLATE-INJECTION", "ACC-CSRF", "DEP-TYPOSQUAT"} <= {i.key for i in result.added}
    changes = {c.key: {f.field: (f.old, f.new) for f in c.changes} for c in result.changed}
    assert changes["ACC-OBJECT-OWNERSHIP"]["human_signoff"] == (False, True)
    assert changes["VAL-XSS"]["cwes"] == ([79, 1336], [79])
    # schema spelling changed (id -> key, cwe -> cwes...) but unchanged items are not reported
    assert "VAL-SQLI" in changes and set(changes["VAL-SQLI"]) == {"rationale"}
    assert ("schema_version", 1, 2) in [(c.field, c.old, c.new) for c in result.header]
