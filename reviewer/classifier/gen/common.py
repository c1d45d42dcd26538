"""Shared pieces of the generators: the Snippet type, naming styles and value makers."""

from __future__ import annotations

import random
import string
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Snippet:
    """A generated source file, the lines a change added, and its labels.

    ``flaw`` holds the 0-based lines that make a positive positive; the data builder marks
    them as added (or deliberately leaves them out to teach that pre-existing code is not
    the change's fault, for classes where that holds).
    """

    language: str  # python | javascript | typescript
    source: str
    labels: dict[str, int]
    flaw: tuple[int, ...] = ()
    group: str = ""
    flaw_must_be_added: bool = True
    extra: dict[str, str] = field(default_factory=dict)


def words_to(style: str, words: list[str]) -> str:
    if style == "snake":
        return "_".join(words)
    if style == "upper":
        return "_".join(w.upper() for w in words)
    if style == "camel":
        return words[0] + "".join(w.capitalize() for w in words[1:])
    return "".join(w.capitalize() for w in words)  # pascal


def ident(rng: random.Random, options: list[list[str]], language: str, constant: bool = False) -> str:
    words = rng.choice(options)
    if constant:
        return words_to("upper", words)
    if language == "python":
        return words_to("snake", words)
    return words_to(rng.choice(["camel", "camel", "snake"]), words)


def rand_chars(rng: random.Random, n: int, alphabet: str = string.ascii_letters + string.digits) -> str:
    return "".join(rng.choice(alphabet) for _ in range(n))


def indent(block: str, spaces: int) -> str:
    pad = " " * spaces
    return "\n".join(pad + line if line.strip() else line for line in block.split("\n"))


RESOURCES = [
    ("user", "users"),
    ("invoice", "invoices"),
    ("order", "orders"),
    ("document", "documents"),
    ("project", "projects"),
    ("account", "accounts"),
    ("payment", "payments"),
    ("report", "reports"),
    ("customer", "customers"),
    ("ticket", "tickets"),
    ("team", "teams"),
    ("subscription", "subscriptions"),
    ("note", "notes"),
    ("file", "files"),
    ("api_key", "api_keys"),
]


def line_of(source: str, needle: str) -> int:
    """0-based index of the first line containing ``needle`` (generators build both sides)."""
    for i, line in enumerate(source.split("\n")):
        if needle in line:
            return i
    raise ValueError(f"generator bug: {needle!r} not in source")
