"""Path sanitation: only plain relative paths survive."""

from __future__ import annotations

import pytest

from reviewer.errors import HostilePath
from reviewer.ingest.paths import safe_relpath, unquote_git_path


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("a.py", "a.py"),
        ("./src//x.py", "src/x.py"),
        ("src/./y/z.py", "src/y/z.py"),
        ("caf\u00e9.py", "caf\u00e9.py"),
    ],
)
def test_plain_paths_are_normalised(raw, clean):
    assert safe_relpath(raw) == clean


@pytest.mark.parametrize(
    ("raw", "why"),
    [
        ("", "empty"),
        ("/etc/passwd", "absolute"),
        ("C:/Windows/x.py", "absolute"),
        ("c:x.py", "absolute"),
        ("..", "'..'"),
        ("a/../../b", "'..'"),
        ("a\x00b", "NUL"),
        ("a\\..\\b", "backslash"),
        ("\\\\server\\share", "backslash"),
        ("aux", "device"),
        ("dir/COM1.txt", "device"),
        ("LPT9", "device"),
        ("trailing.", "dot or a space"),
        ("line\nbreak.py", "control"),
        ("./.", "names no file"),
        ("x" * 300, "longer than 255"),
        ("a/" * 3000, "longer than 4096"),
    ],
)
def test_hostile_paths_are_refused(raw, why):
    with pytest.raises(HostilePath, match=why):
        safe_relpath(raw)


def test_unquote_git_path_octal_and_escapes():
    assert unquote_git_path('"a/caf\\303\\251.py"') == "a/caf\u00e9.py"
    assert unquote_git_path('"a/tab\\there"') == "a/tab\there"
    assert unquote_git_path("plain.py") == "plain.py"
    with pytest.raises(HostilePath):
        unquote_git_path('"a/\\q"')
