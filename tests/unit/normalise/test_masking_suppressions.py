"""Secret masking and inline suppression parsing."""

from __future__ import annotations

import pytest

from reviewer.findings import Category
from reviewer.masking import mask_literals, mask_secret, mask_value_in, secret_hash
from reviewer.suppressions import parse_line


@pytest.mark.parametrize(
    ("value", "preview"),
    [
        ("sk-proj-9f8e7d6c5b4a39281706f5e4d3c2b1a0f3a9", "sk-…f3a9"),
        ("AKIAZ7QWERTY5ASDFGH2", "AKIA****"),
        ("ghp_0123456789abcdefghijklmnopqrstuvwxyz", "ghp_…wxyz"),
        ("hunter2", "****"),
        ("correcthorsebattery", "co****"),
    ],
)
def test_mask_secret_reveals_at_most_a_prefix_and_four_chars(value, preview):
    assert mask_secret(value) == preview
    assert value not in mask_secret(value)


def test_secret_hash_is_sha256_hex():
    assert secret_hash("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"


def test_multiline_private_key_lines_are_masked():
    key = (
        "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7x9\nabcdEFGH1234ijkl\n"
        "-----END RSA PRIVATE KEY-----"
    )
    snippet = 'KEY = """-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7x9'
    masked = mask_value_in(snippet, key, mask_secret(key))
    assert "MIIEowIBAAKCAQEA7x9" not in masked


def test_mask_literals_masks_quoted_and_token_values_but_not_code():
    text = 'token = "Zx81kQ2mPq7"; url = connect(host, key=abcd1234efgh5678ijkl)'
    masked = mask_literals(text)
    assert "Zx81kQ2mPq7" not in masked and "abcd1234efgh5678ijkl" not in masked
    assert "connect(host, key=" in masked


@pytest.mark.parametrize(
    ("line", "rules", "reason"),
    [
        ("x = 1  # reviewer: ignore[a.b] because", ("a.b",), "because"),
        ("x  // reviewer: ignore[r1, CWE-89]: safe here", ("r1", "CWE-89"), "safe here"),
        ("/* reviewer: ignore[secrets] test fixture */", ("secrets",), "test fixture"),
        ("-- reviewer: ignore[sql] - migration constant", ("sql",), "migration constant"),
        ("# REVIEWER: IGNORE[x]", ("x",), ""),
    ],
)
def test_parse_line(line, rules, reason):
    parsed = parse_line(line, 3)
    assert parsed is not None and parsed.rules == rules and parsed.reason == reason and parsed.line == 3


def test_plain_comments_are_not_suppressions():
    assert parse_line("# reviewer: please ignore this", 1) is None
    assert parse_line("x = 'reviewer ignore'", 1) is None


def test_matching_by_rule_suffix_cwe_and_category_but_no_wildcards():
    parsed = parse_line("# reviewer: ignore[shell, CWE-89, secrets, *] reason", 1)
    assert parsed is not None
    assert parsed.matches({"python.command-injection.shell"}, (), Category.VALIDATION)
    assert parsed.matches({"x"}, (89,), Category.VALIDATION)
    assert parsed.matches({"x"}, (), Category.SECRETS)
    assert not parsed.matches({"other"}, (78,), Category.CRYPTO)
