from __future__ import annotations

import pytest
import yaml
from checklist_docs import document, item, write

from reviewer.checklists.loader import (
    InvalidChecklist,
    content_hash,
    discover,
    load_checklist,
    load_file,
    parse_checklist,
    resolve,
)
from reviewer.checklists.model import version_key
from reviewer.errors import ConfigError, NotFound
from reviewer.findings import Category

REQUIRED_CWES = {
    89,
    78,
    94,
    95,
    22,
    79,
    1336,
    90,
    643,
    611,
    502,
    601,
    918,
    501,
    20,
    798,
    259,
    321,
    532,
    209,
    862,
    306,
    639,
    863,
    347,
    942,
    489,
    614,
    1004,
    352,
    327,
    328,
    916,
    330,
    338,
    295,
    1357,
    829,
}


def test_shipped_latest_is_1_0_and_covers_every_required_cwe(shipped):
    checklist = load_checklist(shipped, "ai-code-security")
    assert checklist.ref == "ai-code-security@1.0"
    assert checklist.schema_version == 2
    assert len(checklist.items) >= 30
    assert {i.category for i in checklist.items} == set(Category)
    covered = {cwe for i in checklist.items for cwe in i.evidence.cwes}
    assert covered >= REQUIRED_CWES, REQUIRED_CWES - covered
    assert len({i.key for i in checklist.items}) == len(checklist.items)
    signoff = {i.key for i in checklist.items if i.human_signoff}
    assert {"ACC-AUTHZ-DESIGN", "ACC-OBJECT-OWNERSHIP", "SEC-ROTATION"} <= signoff
    # every item a tool can pass has a scanner to vouch for it
    assert all(i.evidence.scanners for i in checklist.items if not i.human_signoff)


def test_shipped_older_version_loads_through_upgrade(shipped):
    old = load_checklist(shipped, "ai-code-security", "0.9")
    assert old.schema_version == 1
    assert old.item("VAL-SQLI").cwes == (89,)
    assert old.item("DEP-UNKNOWN-PACKAGE").human_signoff is True
    assert [v for _, v, _ in discover(shipped)] == ["0.9", "1.0"]


def test_latest_uses_numeric_version_order(tmp_path):
    for version in ("1.9", "1.10", "1.2"):
        write(tmp_path, document(version=version))
    assert load_checklist(tmp_path, "demo").version == "1.10"
    assert load_checklist(tmp_path, "demo", "1.9").version == "1.9"
    assert version_key("1.10") > version_key("1.9")
    assert version_key("1.0") == version_key("1")


def test_unknown_and_hostile_names_are_not_found(tmp_path, shipped):
    write(tmp_path, document())
    with pytest.raises(NotFound, match=r"known: 1\.0"):
        load_checklist(tmp_path, "demo", "2.0")
    for slug in ("../checklists", "/etc", "Demo", ""):
        with pytest.raises(NotFound):
            load_checklist(tmp_path, slug)
    with pytest.raises(NotFound):
        load_checklist(shipped, "ai-code-security", "../../etc/passwd")


@pytest.mark.parametrize(
    ("doc", "expected"),
    [
        (document(item(category="validaton")), "item 0 (VAL-SQLI), field 'category'"),
        (
            document(item(), item(key="SEC-X", evidence={"scanners": 3})),
            "item 1 (SEC-X), field 'evidence.scanners'",
        ),
        (
            document(item(evidence={"scanners": ["semgrep"], "rulez": []})),
            "field 'evidence.rulez': Extra inputs",
        ),
        (document(item(key="sqli")), "item 0 (sqli), field 'key': expected upper-case words"),
        (document(id="Demo X"), "field 'id': expected lower-case letters"),
        (document(item(human_signoff="maybe")), "item 0 (VAL-SQLI), field 'human_signoff'"),
        (document(item(cwes=["CWE-89"])), "item 0 (VAL-SQLI), field 'cwes[0]'"),
        (document(version=1.0), "field 'version': Input should be a valid string (got 1.0: quote it"),
        (document(items=[]), "field 'items'"),
        ({**document(), "title": None}, "field 'title'"),
        ({k: v for k, v in document().items() if k != "id"}, "field 'id': Field required"),
        (document(item(), item()), "item 1 (VAL-SQLI), field 'key': duplicate key, first used by item 0"),
        (document(item(evidence={})), "item 0 (VAL-SQLI), field 'evidence.scanners': an item tools can pass"),
        (
            document(item(cwes=[], evidence={"scanners": ["semgrep"]})),
            "item 0 (VAL-SQLI), field 'evidence': nothing can fail this item",
        ),
        (document(item(cwes=[-5])), "field 'cwes[0]': CWE ids are positive"),
        (document(schema_version=9), "field 'schema_version': 9 is newer than this reviewer supports"),
        (document(schema_version="2"), "field 'schema_version': must be an integer"),
    ],
)
def test_validation_errors_name_file_item_and_field(tmp_path, doc, expected):
    path = write(tmp_path, doc, name="checklist.yaml")
    with pytest.raises(InvalidChecklist) as info:
        load_file(path)
    message = str(info.value)
    assert message.startswith(f"invalid checklist {path}")
    assert expected in message
    assert isinstance(info.value, ConfigError) and info.value.exit_code == 2
    assert info.value.problems


def test_all_problems_reported_at_once(tmp_path):
    path = write(
        tmp_path, document(item(category="x"), item(key="SEC-A", title=""), version=1.0), name="c.yaml"
    )
    with pytest.raises(InvalidChecklist) as info:
        load_file(path)
    fields = [(p.item_index, p.field) for p in info.value.problems]
    assert (None, "version") in fields and (0, "category") in fields and (1, "title") in fields


def test_yaml_syntax_error_names_the_line(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("schema_version: 2\nitems: [\n  - key: x\n", encoding="utf-8")
    with pytest.raises(InvalidChecklist, match=r"not valid YAML at line \d+"):
        load_file(path)
    path.write_text("- just\n- a list\n", encoding="utf-8")
    with pytest.raises(InvalidChecklist, match="must be a mapping"):
        load_file(path)


def test_file_name_and_folder_must_match_inside_the_checklists_folder(tmp_path):
    write(tmp_path, document(version="1.1"), name="1.0.yaml")
    with pytest.raises(InvalidChecklist) as info:
        load_checklist(tmp_path, "demo")
    assert "field 'version': '1.1' does not match the file name '1.0.yaml'" in str(info.value)
    # outside the folder a file may be called anything
    loose = write(tmp_path / "elsewhere", document(version="1.1"), name="draft.yaml")
    assert resolve(str(loose), tmp_path / "nowhere").version == "1.1"


def test_content_hash_is_stable_and_follows_content(tmp_path):
    doc = document()
    first = write(tmp_path / "a", doc, name="c.yaml")
    # same content, other formatting, key order and comments: same hash
    second = tmp_path / "b.yaml"
    second.write_text(
        "# a comment\n" + yaml.safe_dump(doc, sort_keys=True, default_flow_style=True), encoding="utf-8"
    )
    assert load_file(first).content_hash == load_file(second).content_hash == content_hash(doc)
    assert len(content_hash(doc)) == 64
    changed = document(item(title="No SQL from input!"))
    assert parse_checklist(changed).content_hash != content_hash(doc)


def test_shipped_hash_is_pinned(shipped):
    a = load_checklist(shipped, "ai-code-security", "1.0")
    b = load_checklist(shipped, "ai-code-security", "1.0")
    assert a.content_hash == b.content_hash
    assert a.content_hash != load_checklist(shipped, "ai-code-security", "0.9").content_hash


def test_evidence_cwes_default_to_item_cwes_and_can_be_narrowed():
    checklist = parse_checklist(
        document(
            item(), item(key="SEC-ROT", cwes=[798], human_signoff=True, evidence={"scanners": [], "cwes": []})
        )
    )
    assert checklist.item("VAL-SQLI").evidence.cwes == (89,)
    assert checklist.item("SEC-ROT").evidence.cwes == ()
    assert checklist.item("SEC-ROT").cwes == (798,)


def test_loaded_checklists_are_reused_until_the_file_changes(tmp_path):
    import os

    path = write(tmp_path, document(title="First"))
    first = load_checklist(tmp_path, "demo")
    assert load_checklist(tmp_path, "demo") is first  # served from the cache, not parsed again
    write(tmp_path, document(title="Second, with a longer title"))
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    second = load_checklist(tmp_path, "demo")
    assert second.title == "Second, with a longer title"
    assert second.content_hash != first.content_hash


def test_parsed_documents_are_reused_by_content(tmp_path):
    doc = document()
    first = parse_checklist(doc, source="db:demo")
    assert parse_checklist(document(), source="db:demo") is first
    changed = document(title="Changed")
    assert parse_checklist(changed, source="db:demo").title == "Changed"
    # an invalid document is never cached as valid
    broken = document()
    del broken["title"]
    with pytest.raises(InvalidChecklist):
        parse_checklist(broken, source="db:demo")
