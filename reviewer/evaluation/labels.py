"""The corpus labels file: ``labels.csv`` with columns file, label, cwe, class[, source].

``label`` is ``vuln`` or ``safe``; ``cwe`` the weakness the file has (vuln) or was fixed of
(safe, a hard negative); empty ``cwe`` means "judged by category" (e.g. an added ``# nosec``).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from reviewer.errors import ConfigError
from reviewer.findings import Category

LABELS = ("vuln", "safe")
CLASSES = tuple(c.value for c in Category)


@dataclass(frozen=True)
class Sample:
    file: str  # relative to the corpus folder
    label: str
    cwe: int | None
    cls: str
    source: str = ""

    @property
    def vulnerable(self) -> bool:
        return self.label == "vuln"


def parse_row(row: dict[str, str], where: str) -> Sample:
    missing = [k for k in ("file", "label", "cwe", "class") if k not in row]
    if missing:
        raise ConfigError(f"{where}: missing column(s) {', '.join(missing)}")
    label = (row["label"] or "").strip().lower()
    if label not in LABELS:
        raise ConfigError(f"{where}: label must be vuln or safe, not {row['label']!r}")
    cls = (row["class"] or "").strip().lower()
    if cls not in CLASSES:
        raise ConfigError(f"{where}: class must be one of {', '.join(CLASSES)}, not {row['class']!r}")
    raw_cwe = (row["cwe"] or "").strip().upper().removeprefix("CWE-")
    if raw_cwe and not raw_cwe.isdigit():
        raise ConfigError(f"{where}: cwe must be a number like 89 or CWE-89, not {row['cwe']!r}")
    file = (row["file"] or "").strip()
    if not file or file.startswith("/") or ".." in Path(file).parts:
        raise ConfigError(f"{where}: file must be a relative path inside the corpus, not {file!r}")
    return Sample(file, label, int(raw_cwe) if raw_cwe else None, cls, (row.get("source") or "").strip())


def load_labels(path: Path) -> list[Sample]:
    """Read and validate a labels file; errors name the file and row."""
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh)
            samples = [parse_row(row, f"{path}:{reader.line_num}") for row in reader]
    except FileNotFoundError:
        raise ConfigError(f"no labels file at {path}") from None
    if not samples:
        raise ConfigError(f"{path}: no labelled samples")
    return samples
