"""Baselines: fingerprints of findings accepted as known, so only new ones fail a hook or a run.

The file (default ``.reviewer-baseline.json``) holds fingerprint, rule and path per finding and
never a secret value (a secret's fingerprint is derived from its hash). Sorted, so it diffs well.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from reviewer.atomic_write import write_atomic
from reviewer.errors import ConfigError
from reviewer.findings import Finding

DEFAULT_BASELINE = ".reviewer-baseline.json"
SCHEMA_VERSION = 1


@dataclass(frozen=True, order=True)
class BaselineEntry:
    path: str
    rule: str
    fingerprint: str


def entries_for(findings: Iterable[Finding]) -> tuple[BaselineEntry, ...]:
    """The entries to accept ``findings`` (active ones; suppressed ones need no baseline)."""
    return tuple(
        sorted({BaselineEntry(f.location.path, f.rule, f.fingerprint) for f in findings if not f.suppressed})
    )


def render(entries: Iterable[BaselineEntry]) -> str:
    document = {
        "schema_version": SCHEMA_VERSION,
        "tool": "reviewer",
        "findings": [{"fingerprint": e.fingerprint, "path": e.path, "rule": e.rule} for e in sorted(entries)],
    }
    return json.dumps(document, indent=2, sort_keys=True) + "\n"


def write_baseline(path: Path | str, findings: Iterable[Finding]) -> int:
    """Write the baseline atomically; returns how many entries it holds."""
    entries = entries_for(findings)
    write_atomic(path, render(entries))
    return len(entries)


def read_entries(path: Path | str) -> tuple[BaselineEntry, ...]:
    """Read and validate a baseline file; errors name the file and what is wrong."""
    source = Path(path)
    try:
        document = json.loads(source.read_text("utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"baseline {source}: file not found") from None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise ConfigError(f"baseline {source}: not valid JSON ({exc})") from None
    if not isinstance(document, dict) or document.get("schema_version") != SCHEMA_VERSION:
        raise ConfigError(f"baseline {source}: expected an object with schema_version {SCHEMA_VERSION}")
    items = document.get("findings")
    if not isinstance(items, list):
        raise ConfigError(f"baseline {source}: 'findings' must be a list")
    entries = []
    for index, item in enumerate(items):
        if not isinstance(item, dict) or not all(
            isinstance(item.get(k), str) for k in ("fingerprint", "rule", "path")
        ):
            raise ConfigError(f"baseline {source}: findings[{index}] needs string fingerprint, rule and path")
        entries.append(BaselineEntry(item["path"], item["rule"], item["fingerprint"]))
    return tuple(entries)


def load_baseline(path: Path | str) -> frozenset[str]:
    """The fingerprints in a baseline file."""
    return frozenset(e.fingerprint for e in read_entries(path))
