"""Hashing and masking of secrets, so that no output, log or row ever holds one in clear. No I/O."""

from __future__ import annotations

import hashlib
import re

# Well-known token prefixes: shown because they say what kind of secret it is, not what it is.
_KNOWN_PREFIXES = (
    "github_pat_",
    "sk_live_",
    "sk_test_",
    "rk_live_",
    "rk_test_",
    "-----BEGIN",
    "xoxb-",
    "xoxp-",
    "xoxa-",
    "xoxs-",
    "glpat-",
    "ghp_",
    "gho_",
    "ghu_",
    "ghs_",
    "ghr_",
    "AKIA",
    "ASIA",
    "AIza",
    "sk-",
    "SG.",
    "npm_",
    "pypi-",
)
_STRING_BODY = re.compile(r"""(?P<q>["'`])(?P<body>[^"'`\s]{8,})(?P=q)""")
_TOKEN = re.compile(
    r"(?<![A-Za-z0-9+/_\-.])(?=[A-Za-z0-9+/_\-.]*[0-9])(?=[A-Za-z0-9+/_\-.]*[A-Za-z])[A-Za-z0-9+/_\-.]{16,}={0,2}"
)


def secret_hash(value: str) -> str:
    """The stored identity of a secret: SHA-256 of its UTF-8 bytes, hex."""
    return hashlib.sha256(value.encode("utf-8", "surrogatepass")).hexdigest()


def mask_secret(value: str) -> str:
    """A preview that names the kind of secret without revealing it: ``sk-…f3a9``, ``AKIA****``.

    At most a known prefix and, for long values only, the last four characters are shown.
    """
    value = value.strip()
    prefix = next((p for p in _KNOWN_PREFIXES if value.startswith(p)), "")
    if len(value) >= 24:
        return f"{prefix or value[:2]}…{value[-4:]}"
    if len(value) >= 12 and not prefix:
        prefix = value[:2]
    return f"{prefix}****"


def mask_value_in(text: str, secret: str, preview: str) -> str:
    """Replace every occurrence of ``secret`` (and of each of its lines, for multi-line keys)."""
    if not secret:
        return text
    text = text.replace(secret, preview)
    for part in secret.splitlines():
        part = part.strip()
        if len(part) >= 8:
            text = text.replace(part, preview)
    return text


def mask_literals(text: str) -> str:
    """Belt and braces for secret findings whose value the scanner did not give: mask quoted
    strings without spaces of 8+ characters and long mixed letter-digit tokens."""

    def literal(m: re.Match[str]) -> str:
        body = m["body"]
        return m.group(0) if _masked(body) else f"{m['q']}{mask_secret(body)}{m['q']}"

    text = _STRING_BODY.sub(literal, text)
    return _TOKEN.sub(lambda m: m.group(0) if _masked(m.group(0)) else mask_secret(m.group(0)), text)


def _masked(text: str) -> bool:
    return "…" in text or "****" in text
