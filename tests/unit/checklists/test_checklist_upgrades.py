from __future__ import annotations

import pytest
from checklist_docs import write

from reviewer.checklists.loader import InvalidChecklist, load_file, parse_checklist
from reviewer.checklists.schema import CURRENT_SCHEMA_VERSION
from reviewer.checklists.upgrades import UPGRADES, UpgradeRefused, upgrade

V1 = {
    "schema_version": 1,
    "id": "demo",
    "version": "0.1",
    "title": "Old demo",
    "items": [
        {
            "id": "VAL-SQLI",
            "title": "No SQL from input",
            "why": "Queries must use bound parameters.",
            "category": "validation",
            "cwe": ["CWE-89", "cwe-564"],
            "scanners": ["semgrep"],
            "rules": ["*B608"],
            "signoff": "optional",
        },
        {
            "id": "ACC-AUTHZ",
            "title": "Authorisation design",
            "why": "Only a human can judge the role model.",
            "category": "access-control",
            "cwe": ["CWE-863"],
            "signoff": "required",
        },
    ],
}


def test_steps_are_ordered_and_reach_the_current_schema():
    froms = [from_version for from_version, _ in UPGRADES]
    assert froms == sorted(froms)
    assert froms[-1] + 1 == CURRENT_SCHEMA_VERSION


def test_v1_document_is_upgraded_to_v2_without_touching_the_input():
    upgraded, passed = upgrade(V1)
    assert passed == (1,)
    assert V1["schema_version"] == 1 and "id" in V1["items"][0]  # the input is not modified
    first, second = upgraded["items"]
    assert upgraded["schema_version"] == 2 and upgraded["description"] == ""
    assert first == {
        "key": "VAL-SQLI",
        "title": "No SQL from input",
        "rationale": "Queries must use bound parameters.",
        "category": "validation",
        "cwes": [89, 564],
        "evidence": {"scanners": ["semgrep"], "rules": ["*B608"]},
        "human_signoff": False,
    }
    assert second["human_signoff"] is True and second["evidence"] == {}


def test_v1_checklist_loads_and_keeps_the_hash_of_its_file():
    checklist = parse_checklist(V1)
    assert checklist.schema_version == 1
    assert checklist.item("VAL-SQLI").evidence.cwes == (89, 564)
    assert checklist.item("ACC-AUTHZ").human_signoff
    upgraded, _ = upgrade(V1)
    assert (
        checklist.content_hash != parse_checklist(upgraded).content_hash
    )  # the file's hash, not the upgrade's


def test_current_schema_passes_through_unchanged():
    doc = {"schema_version": CURRENT_SCHEMA_VERSION, "items": []}
    assert upgrade(doc) == (doc, ())


@pytest.mark.parametrize("version", [0, 99, "1", None, True])
def test_unsupported_schema_versions_are_refused(version):
    with pytest.raises(UpgradeRefused):
        upgrade({**V1, "schema_version": version})


def test_errors_after_upgrade_say_so_and_use_the_new_field_names(tmp_path):
    bad = {**V1, "items": [{**V1["items"][0], "cwe": ["CWE-eighty-nine"]}]}
    path = write(tmp_path, bad, name="old.yaml")
    with pytest.raises(InvalidChecklist) as info:
        load_file(path)
    message = str(info.value)
    assert "(after upgrade from schema 1)" in message
    assert "item 0 (VAL-SQLI), field 'cwes[0]'" in message
