"""Recognise placeholder and example values that look like secrets but are not.

Assistants write ``api_key = "your-api-key-here"`` and documentation writes ``AKIA...EXAMPLE``;
reporting those teaches users to ignore the tool, so every secret detector asks here first.
"""

from __future__ import annotations

import itertools
import re

from reviewer.detect.entropy import max_run

# Words that mark a value as an example when they appear anywhere in it (lower-cased).
_MARKER_WORDS = (
    "your",
    "example",
    "sample",
    "dummy",
    "placeholder",
    "changeme",
    "change-me",
    "change_me",
    "replace",
    "insert",
    "xxxx",
    "todo",
    "fixme",
    "redacted",
    "fake",
    "test",
    "mock",
    "here",
    "notreal",
    "not-a-real",
    "not_a_real",
    "foobar",
    "******",
    "...",
    "lorem",
    "tiger",  # scott/tiger, the classic documentation login
    "invalid",
)

# Values that are whole placeholders on their own (lower-cased, exact).
_EXACT = frozenset(
    {
        "password",
        "passwd",
        "secret",
        "token",
        "apikey",
        "api_key",
        "api-key",
        "key",
        "none",
        "null",
        "undefined",
        "changeit",
        "admin",
        "root",
        "user",
        "username",
        "pass",
        "default",
        "empty",
        "string",
        "value",
        "required",
        "optional",
        "hidden",
        "unset",
        "tbd",
        "tiger",  # scott/tiger, the classic documentation login
        "hunter2",
        "password1",
    }
)

_TEMPLATE = re.compile(
    r"""\$\{[^}]*\}|^\$[A-Z_][A-Z0-9_]*$|\{\{[^}]*\}\}|<[^<>\s]{1,60}>|%\(\w+\)s|%s|"""
    r"""\{[\w.\[\]'"]*\}|\[[\w -]+\]|^\*+$|^x+$|^\.+$"""
)
_PHRASE = re.compile(r"^[a-z]+(?: [a-z]+)+$")  # "a secret", "top secret": prose, not a key
_SEQUENCES = ("0123456789", "abcdefghijklmnopqrstuvwxyz", "qwertyuiop")


def is_placeholder(value: str) -> bool:
    """True when ``value`` is obviously not a real secret (example, template, filler)."""
    text = value.strip().strip("'\"`")
    low = text.lower()
    if len(text) < 4 or low in _EXACT or low.rstrip("?!.") in _EXACT:
        return True
    if _TEMPLATE.search(text) or _PHRASE.match(text):
        return True
    if any(word in low for word in _MARKER_WORDS):
        return True
    if len(set(low)) <= 3 or max_run(text) >= max(4, len(text) // 2):
        return True
    alnum = "".join(c for c in low if c.isalnum())
    if any(len(alnum) >= 6 and alnum in seq for seq in _SEQUENCES):
        return True
    return _mostly_sequential(alnum)


def _mostly_sequential(text: str) -> bool:
    """``1234567890abcdef``: keyboard-walk filler, mostly steps of one between neighbours."""
    if len(text) < 8:
        return False
    steps = sum(1 for a, b in itertools.pairwise(text) if abs(ord(b) - ord(a)) == 1)
    return steps / (len(text) - 1) > 0.6


def is_reference(value: str) -> bool:
    """True when the value names where a secret comes from rather than being one."""
    low = value.strip().lower()
    return low.startswith(("env:", "vault:", "arn:aws:secretsmanager", "projects/", "file:", "ssm:", "op://"))
