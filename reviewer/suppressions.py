"""Inline suppressions: ``# reviewer: ignore[RULE] reason`` (also ``//``, ``/*``, ``--`` comments).

A suppression names one or more rules (comma separated). A name matches a finding's rule exactly,
the last dotted part of it (``sql-injection`` for ``python.sql-injection``), one of its CWEs
(``CWE-89``) or its category (``secrets``). No wildcards: a suppression says what it silences.
A suppression without a reason is not honoured; the pipeline reports it instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reviewer.findings import Category

_COMMENT = re.compile(
    r"(?:#|//|/\*|--|<!--|;)\s*reviewer:\s*ignore\[(?P<rules>[^\]]*)\](?P<reason>[^\n]*)", re.IGNORECASE
)
_CLOSERS = re.compile(r"\s*(\*/|-->)\s*$")


@dataclass(frozen=True)
class InlineSuppression:
    line: int
    rules: tuple[str, ...]
    reason: str

    def matches(self, rules: set[str], cwes: tuple[int, ...], category: Category) -> bool:
        for name in self.rules:
            lowered = name.lower()
            if any(lowered == r.lower() or r.lower().endswith("." + lowered) for r in rules):
                return True
            if lowered.startswith("cwe-") and lowered[4:].isdigit() and int(lowered[4:]) in cwes:
                return True
            if lowered == category.value:
                return True
        return False


def parse_line(text: str, line: int) -> InlineSuppression | None:
    """The suppression comment on one source line, if there is one."""
    match = _COMMENT.search(text)
    if match is None:
        return None
    rules = tuple(r.strip() for r in re.split(r"[,\s]+", match["rules"]) if r.strip())
    reason = _CLOSERS.sub("", match["reason"]).strip().lstrip(":-\u2013\u2014").strip()
    return InlineSuppression(line=line, rules=rules, reason=reason)


def find(lines: list[str], start_line: int) -> list[InlineSuppression]:
    """Suppressions that can apply to a finding starting at ``start_line``: on it or just above."""
    found = []
    for number in (start_line, start_line - 1):
        if 1 <= number <= len(lines):
            parsed = parse_line(lines[number - 1], number)
            if parsed is not None:
                found.append(parsed)
    return found
