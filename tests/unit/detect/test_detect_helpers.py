"""Pure helpers: entropy, placeholders, edit distance, package lists and manifest parsing."""

from __future__ import annotations

import pytest

from reviewer.detect.editdistance import allowed_distance, osa_distance
from reviewer.detect.entropy import char_classes, max_run, shannon_entropy
from reviewer.detect.manifests import parse_manifest
from reviewer.detect.packages import Ecosystem, Verdict, check_name, normalise
from reviewer.detect.placeholders import is_placeholder


def test_entropy_measures():
    assert shannon_entropy("") == 0.0
    assert shannon_entropy("aaaa") == 0.0
    assert shannon_entropy("abcd") == pytest.approx(2.0)
    assert char_classes("aB3!") == 4
    assert max_run("abbbbc") == 4


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("requests", "requests", 0),
        ("reqeusts", "requests", 1),
        ("requets", "requests", 1),
        ("numpyy", "numpy", 1),
        ("pnadas", "pandas", 1),
        ("djanog", "django", 1),
        ("abc", "xyz", 3),
        ("flask", "flaks", 1),
        ("kitten", "sitting", 3),
    ],
)
def test_osa_distance(a, b, expected):
    assert osa_distance(a, b, limit=3) == expected


def test_osa_distance_cut_off():
    assert osa_distance("abcdefgh", "zyxwvuts", limit=2) == 3
    assert osa_distance("a", "abcdef", limit=2) == 3


def test_allowed_distance_is_length_aware():
    assert [allowed_distance("x" * n) for n in (3, 4, 5, 8, 9, 20)] == [0, 0, 1, 1, 2, 2]


@pytest.mark.parametrize(
    "value",
    [
        "your-api-key-here",
        "xxx",
        "changeme",
        "<token>",
        "${VAR}",
        "example-key-123",
        "dummy",
        "test-secret",
        "aaaaaaaaaa",
        "1234567890abcdef",
        "qwertyuiop",
        "%(pw)s",
    ],
)
def test_placeholders(value):
    assert is_placeholder(value)


@pytest.mark.parametrize("value", ["Tr0ub4dor&3xQ!", "9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c", "Adm1nP@ss2024"])
def test_real_looking_values_are_not_placeholders(value):
    assert not is_placeholder(value)


def test_package_names():
    assert normalise("Flask_SQLAlchemy", Ecosystem.PYPI) == "flask-sqlalchemy"
    assert check_name("requests", Ecosystem.PYPI).verdict is Verdict.KNOWN
    assert check_name("Flask_SQLAlchemy", Ecosystem.PYPI).verdict is Verdict.KNOWN
    typo = check_name("reqeusts", Ecosystem.PYPI)
    assert (typo.verdict, typo.similar_to, typo.distance) == (Verdict.TYPO, "requests", 1)
    assert check_name("crossenv", Ecosystem.NPM).similar_to == "cross-env"
    assert check_name("zzq-totally-made-up-pkg", Ecosystem.PYPI).verdict is Verdict.UNKNOWN
    assert check_name("abc1", Ecosystem.NPM).verdict in (Verdict.KNOWN, Verdict.UNKNOWN)  # too short for typo


def test_manifest_parsers():
    req = parse_manifest("requirements-dev.txt", "pytest>=8\n-e .\ngit+https://x/y.git\nblack  # fmt\n")
    assert [(d.name, d.line) for d in req] == [("pytest", 1), ("black", 4)]
    broken = parse_manifest("pyproject.toml", '[project]\ndependencies = [\n  "httpx",\n  "rich",\n')
    assert [(d.name, d.line) for d in broken] == [("httpx", 3), ("rich", 4)]
    pkg = parse_manifest(
        "web/package.json", '{\n  "dependencies": {\n    "@scope/a": "1",\n    "b": "2"\n  }\n'
    )
    assert [(d.name, d.line) for d in pkg] == [("@scope/a", 3), ("b", 4)]
    assert parse_manifest("notes.txt", "requests\n") == []
