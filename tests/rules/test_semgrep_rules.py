"""The project's semgrep rules: metadata convention, test files, and ``semgrep --test``."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from reviewer.findings import Category, Confidence
from reviewer.settings import PROJECT_ROOT, Settings
from reviewer.subprocess_runner import run

RULES = PROJECT_ROOT / "rules"
RULE_FILES = sorted(p for p in RULES.rglob("*.yaml"))
CWE = re.compile(r"^CWE-(\d+): \S.*$")
RULE_ID = re.compile(r"^(python|js)\.[a-z0-9-]+\.[a-z0-9-]+$")
OFFLINE_ENV = {"SEMGREP_ENABLE_VERSION_CHECK": "0", "SEMGREP_SEND_METRICS": "off"}


def _rules(path: Path) -> list[dict]:
    return yaml.safe_load(path.read_text())["rules"]


def _test_file(path: Path) -> Path:
    [test] = [p for p in path.parent.glob(path.stem + ".*") if p.suffix not in (".yaml", ".yml")]
    return test


def test_there_are_rules():
    assert len(RULE_FILES) >= 10
    assert sum(len(_rules(p)) for p in RULE_FILES) >= 30


@pytest.mark.parametrize("path", RULE_FILES, ids=lambda p: str(p.relative_to(RULES)))
def test_metadata_convention(path):
    for rule in _rules(path):
        rid = rule["id"]
        assert RULE_ID.match(rid), f"{rid}: ids are short and stable: <language>.<class>.<name>"
        meta = rule.get("metadata", {})
        Category(meta["category"])  # one of the six product categories
        Confidence.parse(meta["confidence"])
        assert meta["cwe"] and all(CWE.match(c) for c in meta["cwe"]), f"{rid}: cwe must be ['CWE-n: title']"
        assert len(meta.get("fix", "")) > 20, f"{rid}: needs a fix hint"
        assert rule["severity"] in ("ERROR", "WARNING", "INFO")
        assert len(rule["message"]) > 40


@pytest.mark.parametrize("path", RULE_FILES, ids=lambda p: str(p.relative_to(RULES)))
def test_every_rule_has_positive_and_negative_cases(path):
    text = _test_file(path).read_text()
    for rule in _rules(path):
        rid = re.escape(rule["id"])
        assert re.search(rf"(#|//) ruleid: {rid}\s*$", text, re.M), f"no ruleid: case for {rule['id']}"
        assert re.search(rf"(#|//) ok: {rid}\s*$", text, re.M), f"no ok: case for {rule['id']}"


def test_rule_ids_are_unique():
    ids = [r["id"] for p in RULE_FILES for r in _rules(p)]
    assert len(ids) == len(set(ids))


@pytest.mark.tools
@pytest.mark.parametrize(
    "engine", [("--experimental",), pytest.param((), marks=pytest.mark.slow)], ids=["osemgrep", "classic"]
)
def test_semgrep_test_passes(engine):
    cmd = [Settings().semgrep_bin, "--test", *engine, "--metrics=off", "--disable-version-check", str(RULES)]
    done = run(cmd, timeout=600, env=OFFLINE_ENV, ok_codes=None)
    out = done.stdout.decode() + done.stderr.decode()
    assert done.returncode == 0, out[-3000:]
    assert "All tests passed" in out
    # semgrep only warns about a key it does not know (a top-level pattern-not beside
    # pattern-either), and then silently drops that part of the rule.
    assert "Skipping unknown field" not in out, out[-3000:]


def test_every_rule_is_documented():
    docs = (PROJECT_ROOT / "docs" / "rules.md").read_text()
    missing = [r["id"] for p in RULE_FILES for r in _rules(p) if f"`{r['id']}`" not in docs]
    assert not missing, f"add these rules to docs/rules.md: {missing}"


def test_shared_blocks_are_in_sync():
    """Every copy of a shared block (request sources, the project's checks, sinks one call away)
    equals its source in rules/_shared or tests/rules/shared_blocks.py."""
    from shared_blocks import _MARKED, out_of_sync

    marked = [m["name"] for p in RULE_FILES for m in _MARKED.finditer(p.read_text())]
    assert len(marked) >= 40 and {"python-project-checks", "js-request-sources"} <= set(marked)
    assert not out_of_sync(), "run: .venv/bin/python tests/rules/shared_blocks.py --write"


def test_a_changed_copy_of_a_shared_block_is_restored():
    from shared_blocks import synced

    original = (RULES / "python" / "ssrf.yaml").read_text()
    edited = original.replace("regex: (?i)^(safe_|sanitiz|sanitis|clean_|escape)", "regex: ^safe_", 1)
    assert edited != original and synced(edited) == original
