"""Helpers for checklist tests: the shipped checklists folder and small document builders."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[3]
SHIPPED = REPO / "checklists"

ITEM: dict[str, Any] = {
    "key": "VAL-SQLI",
    "title": "No SQL from input",
    "rationale": "Queries must use bound parameters.",
    "category": "validation",
    "cwes": [89],
    "evidence": {"scanners": ["semgrep", "bandit"], "rules": ["*B608"]},
    "human_signoff": False,
}


def document(*items: dict[str, Any], **header: Any) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "schema_version": 2,
        "id": "demo",
        "version": "1.0",
        "title": "Demo checklist",
        "description": "For tests.",
        "items": [copy.deepcopy(i) for i in (items or (ITEM,))],
    }
    doc.update(header)
    return doc


def item(**fields: Any) -> dict[str, Any]:
    data = copy.deepcopy(ITEM)
    data.update(fields)
    return data


def write(folder: Path, doc: dict[str, Any], name: str | None = None) -> Path:
    target = folder / str(doc.get("id", "demo")) / (name or f"{doc.get('version', '1.0')}.yaml")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    return target
