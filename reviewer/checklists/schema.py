"""The current checklist document schema (pydantic), and its errors as readable problems.

Only the newest schema is described here; older documents are first brought up to it by
``reviewer.checklists.upgrades``. Validation reports every type error at once (then, once
types are right, every cross-field problem), each naming the item (index and key) and the
field, so a checklist author rarely needs more than two passes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, StrictStr, ValidationError
from pydantic_core import ErrorDetails

from reviewer.findings import Category

CURRENT_SCHEMA_VERSION = 2
SLUG_PATTERN = r"^[a-z0-9][a-z0-9-]{0,63}$"
VERSION_PATTERN = r"^\d+(\.\d+){0,3}$"
KEY_PATTERN = r"^[A-Z][A-Z0-9]{1,9}(-[A-Z0-9]+){1,5}$"
SCANNER_PATTERN = r"^[a-z0-9][a-z0-9_-]{0,63}$"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class EvidenceSpec(_Strict):
    scanners: list[StrictStr] = Field(default_factory=list)
    rules: list[StrictStr] = Field(default_factory=list)
    # None means "the item's own CWEs": matching by CWE is the robust default.
    cwes: list[StrictInt] | None = None
    scanner_findings: StrictBool = False


class ItemSpec(_Strict):
    key: StrictStr = Field(pattern=KEY_PATTERN)
    title: StrictStr = Field(min_length=3, max_length=200)
    rationale: StrictStr = Field(min_length=10)
    category: Category
    cwes: list[StrictInt] = Field(default_factory=list)
    evidence: EvidenceSpec
    human_signoff: StrictBool


class ChecklistSpec(_Strict):
    schema_version: Literal[2]
    id: StrictStr = Field(pattern=SLUG_PATTERN)
    version: StrictStr = Field(pattern=VERSION_PATTERN)
    title: StrictStr = Field(min_length=3, max_length=200)
    description: StrictStr = ""
    items: list[ItemSpec] = Field(min_length=1)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a checklist document."""

    field: str  # dotted path inside the item (or the document when ``item_index`` is None)
    message: str
    item_index: int | None = None
    item_key: str | None = None

    def __str__(self) -> str:
        where = ""
        if self.item_index is not None:
            where = f"item {self.item_index}"
            if self.item_key:
                where += f" ({self.item_key})"
            where += ", "
        return f"{where}field '{self.field}': {self.message}"


def _dotted(loc: tuple[int | str, ...]) -> str:
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text or "(document)"


def _item_key(document: dict[str, Any], index: int) -> str | None:
    items = document.get("items")
    if isinstance(items, list) and 0 <= index < len(items) and isinstance(items[index], dict):
        key = items[index].get("key")
        return key if isinstance(key, str) else None
    return None


_PATTERN_HINTS = {
    "key": "upper-case words joined by '-', e.g. VAL-SQLI",
    "id": "lower-case letters, digits and '-', e.g. ai-code-security",
    "version": 'digits and dots, e.g. "1.0"',
}


def _message(error: ErrorDetails) -> str:
    value = error.get("input")
    field = error["loc"][-1] if error["loc"] else ""
    if error["type"] == "string_pattern_mismatch" and field in _PATTERN_HINTS:
        return f"expected {_PATTERN_HINTS[str(field)]} (got {value!r})"
    message = str(error["msg"])
    if error["type"] == "string_type" and isinstance(value, int | float) and not isinstance(value, bool):
        # YAML reads an unquoted 1.0 as a number; say how to write it.
        message += f' (got {value!r}: quote it, e.g. "{value}")'
    elif error["type"] == "string_pattern_mismatch" and isinstance(value, str):
        message += f" (got {value!r})"
    return message


def problems_from(exc: ValidationError, document: dict[str, Any]) -> list[Problem]:
    """Turn pydantic's errors into problems naming item index, item key and field."""
    problems: list[Problem] = []
    for error in exc.errors():
        loc = tuple(error["loc"])
        if len(loc) >= 2 and loc[0] == "items" and isinstance(loc[1], int):
            index = loc[1]
            problems.append(Problem(_dotted(loc[2:]), _message(error), index, _item_key(document, index)))
        else:
            problems.append(Problem(_dotted(loc), _message(error)))
    return problems


def validate_document(document: dict[str, Any]) -> tuple[ChecklistSpec | None, list[Problem]]:
    """Validate an (upgraded) document: the parsed spec, or the problems found."""
    try:
        spec = ChecklistSpec.model_validate(document)
    except ValidationError as exc:
        return None, problems_from(exc, document)
    return spec, _semantic_problems(spec)


def _semantic_problems(spec: ChecklistSpec) -> list[Problem]:
    """Rules a field type cannot express: unique keys, items that can neither pass nor fail."""
    problems: list[Problem] = []
    first_index: dict[str, int] = {}
    for index, item in enumerate(spec.items):

        def add(field: str, message: str, *, index: int = index, key: str = item.key) -> None:
            problems.append(Problem(field, message, index, key))

        if item.key in first_index:
            add("key", f"duplicate key, first used by item {first_index[item.key]}")
        else:
            first_index[item.key] = index
        for pos, cwe in enumerate(item.cwes):
            if cwe <= 0:
                add(f"cwes[{pos}]", f"CWE ids are positive integers (got {cwe})")
        evidence = item.evidence
        for pos, cwe in enumerate(evidence.cwes or []):
            if cwe <= 0:
                add(f"evidence.cwes[{pos}]", f"CWE ids are positive integers (got {cwe})")
        for pos, name in enumerate(evidence.scanners):
            if not re.match(SCANNER_PATTERN, name):
                add(f"evidence.scanners[{pos}]", f"not a scanner name: {name!r}")
        for pos, pattern in enumerate(evidence.rules):
            if not pattern.strip():
                add(f"evidence.rules[{pos}]", "empty rule pattern")
        cwes = item.cwes if evidence.cwes is None else evidence.cwes
        can_fail = bool(evidence.rules or cwes or (evidence.scanner_findings and evidence.scanners))
        if not item.human_signoff and not evidence.scanners:
            add(
                "evidence.scanners",
                "an item tools can pass needs at least one scanner that covers it "
                "(or set human_signoff: true)",
            )
        if not item.human_signoff and not can_fail:
            add(
                "evidence",
                "nothing can fail this item: give rules, cwes or scanner_findings "
                "(or set human_signoff: true)",
            )
        if evidence.scanner_findings and not evidence.scanners:
            add("evidence.scanner_findings", "needs evidence.scanners to say whose findings count")
    return problems
