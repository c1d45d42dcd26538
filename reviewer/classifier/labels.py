"""The classifier's classes and what each maps to in findings (category, CWE, rule id).

Kept in one I/O-free module so training, the scanner and the server agree on class order.
"""

from __future__ import annotations

from dataclasses import dataclass

from reviewer.findings import Category

CLASSES: tuple[str, ...] = ("validation", "secrets", "access-control")

CATEGORY: dict[str, Category] = {
    "validation": Category.VALIDATION,
    "secrets": Category.SECRETS,
    "access-control": Category.ACCESS_CONTROL,
}

CWE: dict[str, int] = {"validation": 20, "secrets": 798, "access-control": 862}

MESSAGE: dict[str, str] = {
    "validation": "changed code looks like it uses input without validation (injection, path traversal...)",
    "secrets": "changed code looks like it contains a hard-coded secret",
    "access-control": "changed code looks like a handler or operation without an authorisation check",
}


def rule_id(cls: str) -> str:
    return f"reviewer.classifier.{cls}"


@dataclass(frozen=True)
class ModelVersion:
    """Which model made a prediction: recorded with every prediction."""

    name: str
    version: str
    checksum: str  # sha256 over the model folder's inference files (CHECKSUMS)

    def __str__(self) -> str:
        return f"{self.name} {self.version} sha256:{self.checksum[:12]}"
