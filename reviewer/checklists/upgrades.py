"""Ordered upgrade steps that bring older checklist documents up to the current schema.

Each step takes a document of schema N and returns one of schema N+1 (after detect-secrets'
``core/upgrades``): old files stay loadable and old reviews stay readable, and a new field is
introduced in exactly one place. Steps are forgiving of malformed input: they move what they
recognise and leave the rest for validation to report against the current schema.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from typing import Any

from reviewer.checklists.schema import CURRENT_SCHEMA_VERSION

Document = dict[str, Any]

_CWE_TEXT = re.compile(r"^\s*CWE-(\d+)\s*$", re.IGNORECASE)


def _cwe(value: Any) -> Any:
    if isinstance(value, str):
        match = _CWE_TEXT.match(value)
        if match:
            return int(match.group(1))
    return value


def _v1_to_v2(document: Document) -> Document:
    """Schema 1 (0.x checklists) -> 2.

    Schema 1 items had ``id``, ``why``, CWEs as text ("CWE-89"), ``scanners`` and ``rules`` at
    the item's top level, and ``signoff: required|optional``. Schema 2 names them ``key``,
    ``rationale``, integer ``cwes``, a nested ``evidence`` block and ``human_signoff: bool``,
    and the document gains a ``description``.
    """
    document.setdefault("description", "")
    items = document.get("items")
    if isinstance(items, list):
        for item in items:
            if not isinstance(item, dict):
                continue
            renames = {"id": "key", "why": "rationale"}
            for old, new in renames.items():
                if old in item and new not in item:
                    item[new] = item.pop(old)
            if "cwe" in item and "cwes" not in item:
                cwes = item.pop("cwe")
                item["cwes"] = [_cwe(c) for c in cwes] if isinstance(cwes, list) else cwes
            if "evidence" not in item:
                evidence: Document = {}
                for name in ("scanners", "rules"):
                    if name in item:
                        evidence[name] = item.pop(name)
                item["evidence"] = evidence
            if "signoff" in item and "human_signoff" not in item:
                signoff = item.pop("signoff")
                item["human_signoff"] = {"required": True, "optional": False}.get(signoff, signoff)
    document["schema_version"] = 2
    return document


# (schema version a step upgrades from, step). Ordered; each step raises the version by one.
UPGRADES: tuple[tuple[int, Callable[[Document], Document]], ...] = ((1, _v1_to_v2),)

OLDEST_SCHEMA_VERSION = UPGRADES[0][0] if UPGRADES else CURRENT_SCHEMA_VERSION


class UpgradeRefused(ValueError):
    """The document's schema version cannot be upgraded (unknown or newer than supported)."""


def upgrade(document: Document) -> tuple[Document, tuple[int, ...]]:
    """Return a copy upgraded to the current schema and the schema versions it passed through."""
    version = document.get("schema_version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise UpgradeRefused(f"must be an integer (got {version!r})")
    if version > CURRENT_SCHEMA_VERSION:
        raise UpgradeRefused(
            f"{version} is newer than this reviewer supports ({CURRENT_SCHEMA_VERSION}); upgrade reviewer"
        )
    if version < OLDEST_SCHEMA_VERSION:
        raise UpgradeRefused(f"{version} is older than any supported schema ({OLDEST_SCHEMA_VERSION})")
    upgraded = copy.deepcopy(document)
    passed: list[int] = []
    for from_version, step in UPGRADES:
        if upgraded["schema_version"] == from_version:
            passed.append(from_version)
            upgraded = step(upgraded)
    return upgraded, tuple(passed)
