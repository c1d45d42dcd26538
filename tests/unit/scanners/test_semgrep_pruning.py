"""Pruning untouched Python definitions keeps semgrep's findings on changed lines identical."""

from __future__ import annotations

import ast
import random

import pytest

from reviewer.scanners.base import ScanContext
from reviewer.scanners.python_pruning import prune
from reviewer.scanners.semgrep import SemgrepScanner
from reviewer.settings import PROJECT_ROOT, Settings

SOURCE = """\
import os


@app.route("/a")
def a():
    return os.system(request.args["x"])


class Views:
    limit = 10

    def one(self):
        return 1

    @staticmethod
    def two():
        return 2


def b():
    return 3
"""


def test_untouched_definitions_become_blank_lines():
    pruned = prune(SOURCE, {13})  # inside Views.one
    assert pruned is not None
    assert len(pruned.splitlines()) == len(SOURCE.splitlines())
    ast.parse(pruned)  # still valid Python
    kept = [line for line in pruned.splitlines() if line.strip()]
    assert kept == [
        "import os",
        "pass",
        "class Views:",
        "    limit = 10",
        "    def one(self):",
        "        return 1",
        "    pass",
        "pass",
    ]


def test_touched_decorator_keeps_the_definition():
    pruned = prune(SOURCE, {4})
    assert pruned is not None and '@app.route("/a")' in pruned and "os.system" in pruned


def test_nothing_to_prune_or_unparseable():
    assert prune(SOURCE, range(1, 30)) is None
    assert prune("def f(:\n    pass\n", {1}) is None
    assert prune("x = 1\n", set()) is None


def test_crlf_and_indentation_kept():
    text = "def a():\r\n    return 1\r\n\r\ndef b():\r\n    return 2\r\n"
    pruned = prune(text, {5})
    assert pruned == "pass\r\n\r\n\r\ndef b():\r\n    return 2\r\n"


@pytest.mark.tools
@pytest.mark.slow
def test_helpers_called_from_kept_code_are_kept():
    src = (
        "def fetch(url):\n    return requests.get(url)\n\n\n"
        "class Store:\n    def load(self, key):\n        return open(key).read()\n\n"
        "    def unused(self):\n        return 1\n\n\n"
        "def view():\n    s = Store()\n    return fetch(request.args['u']), s.load(request.args['k'])\n\n\n"
        "def other():\n    return 2\n"
    )
    pruned = prune(src, kept_lines=[15])
    assert pruned is not None
    assert "requests.get(url)" in pruned and "open(key)" in pruned  # one call away: kept
    assert "return 2" not in pruned  # not called from kept code
    assert pruned.count("\n") == src.count("\n")


def test_findings_on_changed_lines_are_identical(workspace):
    rng = random.Random(7)
    files: dict[str, str] = {}
    added: dict[str, set[int]] = {}
    for path in sorted((PROJECT_ROOT / "rules").rglob("*.py")):
        text = path.read_text()
        total = len(text.splitlines())
        subsets = [
            set(range(start, min(total, start + 12) + 1)) for start in range(1, total, max(1, total // 4))
        ]
        subsets.append({n for n in range(1, total + 1) if rng.random() < 0.15})
        for index, subset in enumerate(subsets):
            rel = f"{path.parent.name}/{index}/{path.name}"
            files[rel] = text
            added[rel] = subset
    ws = workspace(files, added)
    base = ScanContext(
        timeout_s=300, rules_dir=PROJECT_ROOT / "rules", tool_paths={"semgrep": Settings().semgrep_bin}
    )
    results = {}
    for prune_on in ("true", "false"):
        ctx = ScanContext(
            timeout_s=base.timeout_s,
            rules_dir=base.rules_dir,
            tool_paths=base.tool_paths,
            options={"semgrep_prune": prune_on},
        )
        result = SemgrepScanner().scan(ws, ctx)
        results[prune_on] = sorted(
            (f for f in result.findings if f.location.start_line in added[f.location.path]),
            key=lambda f: (f.location, f.rule),
        )
    assert len(results["false"]) > 40
    assert results["true"] == results["false"]
