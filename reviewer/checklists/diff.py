"""What changed between two checklist versions: header fields, items added, removed, changed.

Both sides are compared after upgrade to the current schema, so a diff across a schema change
shows changes of meaning, not of spelling. No I/O.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reviewer.checklists.model import Checklist, ChecklistItem

_HEADER_FIELDS = ("id", "title", "description", "schema_version")


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: Any
    new: Any

    def to_dict(self) -> dict[str, Any]:
        return {"field": self.field, "old": self.old, "new": self.new}


@dataclass(frozen=True)
class ItemChange:
    key: str
    changes: tuple[FieldChange, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"key": self.key, "changes": [c.to_dict() for c in self.changes]}


@dataclass(frozen=True)
class ChecklistDiff:
    old_ref: str
    new_ref: str
    old_hash: str
    new_hash: str
    header: tuple[FieldChange, ...]
    added: tuple[ChecklistItem, ...]
    removed: tuple[ChecklistItem, ...]
    changed: tuple[ItemChange, ...]

    @property
    def empty(self) -> bool:
        return not (self.header or self.added or self.removed or self.changed)

    def to_dict(self) -> dict[str, Any]:
        return {
            "old": {"ref": self.old_ref, "content_hash": self.old_hash},
            "new": {"ref": self.new_ref, "content_hash": self.new_hash},
            "header": [c.to_dict() for c in self.header],
            "added": [item.to_dict() for item in self.added],
            "removed": [item.to_dict() for item in self.removed],
            "changed": [c.to_dict() for c in self.changed],
        }


def _flat(item: ChecklistItem) -> dict[str, Any]:
    data = item.to_dict()
    evidence = data.pop("evidence")
    data.pop("key")
    data.update({f"evidence.{name}": value for name, value in evidence.items()})
    return data


def diff_items(old: ChecklistItem, new: ChecklistItem) -> tuple[FieldChange, ...]:
    before, after = _flat(old), _flat(new)
    return tuple(
        FieldChange(name, before[name], after[name]) for name in before if before[name] != after[name]
    )


def diff(old: Checklist, new: Checklist) -> ChecklistDiff:
    """Compare two checklists; items are matched by their stable key."""
    header = tuple(
        FieldChange(name, getattr(old, name), getattr(new, name))
        for name in _HEADER_FIELDS
        if getattr(old, name) != getattr(new, name)
    )
    old_items = {item.key: item for item in old.items}
    new_items = {item.key: item for item in new.items}
    changed = []
    for key, item in new_items.items():
        if key in old_items:
            changes = diff_items(old_items[key], item)
            if changes:
                changed.append(ItemChange(key, changes))
    return ChecklistDiff(
        old_ref=old.ref,
        new_ref=new.ref,
        old_hash=old.content_hash,
        new_hash=new.content_hash,
        header=header,
        added=tuple(item for key, item in new_items.items() if key not in old_items),
        removed=tuple(item for key, item in old_items.items() if key not in new_items),
        changed=tuple(sorted(changed, key=lambda c: c.key)),
    )


def _show(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(str(v) for v in value) + "]"
    text = str(value)
    return text if len(text) <= 70 else text[:67] + "..."


def render_text(result: ChecklistDiff) -> str:
    """A readable, deterministic summary, one line per change."""
    lines = [
        f"--- {result.old_ref} ({result.old_hash[:12]})",
        f"+++ {result.new_ref} ({result.new_hash[:12]})",
    ]
    if result.empty:
        lines.append("no differences")
        return "\n".join(lines) + "\n"
    for change in result.header:
        lines.append(f"~ {change.field}: {_show(change.old)} -> {_show(change.new)}")
    for item in result.added:
        lines.append(f"+ {item.key}  [{item.category.value}] {item.title}")
    for item in result.removed:
        lines.append(f"- {item.key}  [{item.category.value}] {item.title}")
    for item_change in result.changed:
        lines.append(f"~ {item_change.key}")
        for change in item_change.changes:
            lines.append(f"    {change.field}: {_show(change.old)} -> {_show(change.new)}")
    lines.append(f"{len(result.added)} added, {len(result.removed)} removed, {len(result.changed)} changed")
    return "\n".join(lines) + "\n"
