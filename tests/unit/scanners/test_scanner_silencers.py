"""silencers: added foreign suppression comments are reported for review; others are not."""

from __future__ import annotations

import pytest

from reviewer.findings import Category, Severity
from reviewer.scanners.silencers import RULE, SilencerScanner


def scan(workspace, ctx, files, added=None):
    return SilencerScanner().scan(workspace(files, added), ctx).findings


@pytest.mark.parametrize(
    "line",
    [
        "subprocess.call(cmd, shell=True)  # nosec",
        "subprocess.call(cmd, shell=True)  # nosec B602",
        'return request.args["x"]  # nosemgrep: some.rule',
        'PASSWORD = "x"  # pragma: allowlist secret',
        "pickle.loads(data)  # noqa: S301",
        "pickle.loads(data)  # noqa: E501, S301",
        'token = "abc"  # gitleaks:allow',
        "// eslint-disable-next-line security/detect-eval-with-expression",
        "/* eslint-disable */",
        "// eslint-disable-line no-eval",
    ],
)
def test_foreign_silencers_reported(workspace, ctx, line):
    findings = scan(workspace, ctx, {"a.py": line + "\n"})
    assert [f.rule for f in findings] == [RULE]
    assert findings[0].category is Category.CONFIG and findings[0].severity is Severity.MEDIUM


@pytest.mark.parametrize(
    "line",
    [
        "x = f()  # type: ignore[attr-defined]",
        "long_line = 1  # noqa: E501",
        "import os  # noqa",
        "// eslint-disable-next-line no-console",
        "x = 1  # reviewer: ignore[python.sql-injection] parameters are constants",
    ],
)
def test_other_pragmas_ignored(workspace, ctx, line):
    assert scan(workspace, ctx, {"a.py": line + "\n"}) == ()


def test_only_added_lines(workspace, ctx):
    src = "a()  # nosec\nb()  # nosec\n"
    findings = scan(workspace, ctx, {"a.py": src}, added={"a.py": {2}})
    assert [f.location.start_line for f in findings] == [2]
