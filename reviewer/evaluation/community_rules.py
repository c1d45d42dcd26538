"""Prepare a local copy of semgrep's community rules for ``reviewer eval --compare semgrep-community``.

The registry cannot be reached from here and semgrep does not bundle the rules, so the comparison
reads a checkout of github.com/semgrep/semgrep-rules (or any folder of rule files). A checkout holds
every language, test and draft rule, rule ids that repeat across files and rules this semgrep
cannot parse; semgrep would refuse or double-count those. This keeps Python rules, one per id,
drops rules whose only pattern is a bare metavariable (it matches everything) and, with a semgrep
binary, the rules it reports as unparseable. The source folder is never changed.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

_BARE_METAVARIABLE = re.compile(r"^\s*\$[A-Z_][A-Z0-9_]*\s*$")
_PARSE_ERROR = re.compile(r"Rule parse error in rule ([\w.\-]+)")


@dataclass
class PreparedRules:
    folder: Path
    kept: int = 0
    dropped: dict[str, list[str]] = field(default_factory=dict)  # reason -> rule ids

    def drop(self, reason: str, rule_id: str) -> None:
        self.dropped.setdefault(reason, []).append(rule_id)

    def summary(self) -> str:
        parts = [f"{len(ids)} {reason}" for reason, ids in sorted(self.dropped.items())]
        return f"{self.kept} Python rules" + (f" ({', '.join(parts)} left out)" if parts else "")


def _matches_everything(rule: dict[str, Any]) -> bool:
    pattern = rule.get("pattern")
    return isinstance(pattern, str) and bool(_BARE_METAVARIABLE.match(pattern))


def _rule_files(source: Path) -> list[Path]:
    files = [p for p in source.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file()]
    # The shallowest copy of an id wins: nested copies are tests and old drafts.
    return sorted(files, key=lambda p: (len(p.relative_to(source).parts), str(p)))


def prepare(source: Path, target: Path, semgrep_bin: str | None = None) -> PreparedRules:
    """Write the usable Python rules under ``source`` to ``target`` (one file per source file)."""
    result = PreparedRules(folder=target)
    seen: set[str] = set()
    written: dict[Path, list[dict[str, Any]]] = {}
    for path in _rule_files(source):
        try:
            doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (yaml.YAMLError, UnicodeDecodeError):
            result.drop("unreadable files", str(path.relative_to(source)))
            continue
        rules = doc.get("rules") if isinstance(doc, dict) else None
        if not isinstance(rules, list):
            continue
        keep = []
        for rule in rules:
            if not isinstance(rule, dict) or "python" not in (rule.get("languages") or []):
                continue
            rid = str(rule.get("id", ""))
            if rid in seen:
                result.drop("duplicate ids", rid)
            elif _matches_everything(rule):
                result.drop("match-everything rules", rid)
            else:
                seen.add(rid)
                keep.append(rule)
        if keep:
            written[target / path.relative_to(source)] = keep
    for out, rules in written.items():
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(yaml.safe_dump({"rules": rules}, sort_keys=False), encoding="utf-8")
    if semgrep_bin is not None and written:
        _drop_unparseable(target, semgrep_bin, written, result)
    result.kept = sum(len(rules) for rules in written.values())
    return result


def _drop_unparseable(
    target: Path, semgrep_bin: str, written: dict[Path, list[dict[str, Any]]], result: PreparedRules
) -> None:
    """Run semgrep once over an empty Python file and remove the rules it cannot parse."""
    from reviewer.subprocess_runner import run

    probe = target / ".probe" / "empty.py"
    probe.parent.mkdir(parents=True, exist_ok=True)
    probe.write_text("\n", encoding="utf-8")
    cmd = [semgrep_bin, "--experimental", "--metrics=off", "--disable-version-check", "--json"]
    done = run([*cmd, "--config", str(target), str(probe)], timeout=600, ok_codes=None, max_output=1 << 26)
    probe.unlink()
    probe.parent.rmdir()
    try:
        errors = json.loads(done.stdout.decode("utf-8", "replace")).get("errors", [])
    except json.JSONDecodeError:
        return
    bad = {m.group(1) for e in errors if (m := _PARSE_ERROR.search(str(e.get("message", ""))))}
    for out, rules in list(written.items()):
        keep = [r for r in rules if str(r.get("id")) not in bad]
        for r in rules:
            if str(r.get("id")) in bad:
                result.drop("unparseable rules", str(r.get("id")))
        if keep:
            written[out] = keep
            out.write_text(yaml.safe_dump({"rules": keep}, sort_keys=False), encoding="utf-8")
        else:
            del written[out]
            out.unlink()
