"""Semgrep with the project's own rules (``rules/``), offline, parsed from its JSON output.

Semgrep runs as a subprocess from its isolated venv. By default it runs the OCaml CLI
(``--experimental``, "osemgrep"): it starts in ~0.2 s where the classic Python CLI takes ~2 s, and
gives identical results on our rules (``tests/unit/scanners/test_semgrep_engines.py`` checks).
Severity, confidence, category, CWEs and the fix hint come from each rule's ``metadata``
(convention in ``docs/rules.md``); the message from the rule.
"""

from __future__ import annotations

import functools
import json
import os
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

from reviewer.cwe_categories import parse_category
from reviewer.errors import ScannerError
from reviewer.findings import Confidence, Location, RawFinding, ScanResult, Severity
from reviewer.scanners.base import ScanContext, Workspace
from reviewer.scanners.python_pruning import pruned_copy
from reviewer.subprocess_runner import ToolError, run

_SEVERITY = {"ERROR": Severity.HIGH, "WARNING": Severity.MEDIUM, "INFO": Severity.LOW}
_CWE = re.compile(r"^\s*CWE-(\d+)\b")
# Never phone home, never check for updates, never read a user's login token.
_ENV = {
    "SEMGREP_ENABLE_VERSION_CHECK": "0",
    "SEMGREP_SEND_METRICS": "off",
    "SEMGREP_APP_TOKEN": "",
}
_OFFLINE_FLAGS = ("--metrics=off", "--disable-version-check")
_PER_FILE_TIMEOUT_S = 10
_MAX_TARGET_BYTES = 2 * 1024 * 1024


def _binary(ctx: ScanContext) -> str:
    if "semgrep" in ctx.tool_paths:
        return ctx.tool_paths["semgrep"]
    from reviewer.settings import PROJECT_ROOT
    from reviewer.toolbox import find_tool

    return find_tool("semgrep", PROJECT_ROOT)


def _rules_dir(ctx: ScanContext) -> Path:
    if ctx.rules_dir is not None:
        return ctx.rules_dir
    from reviewer.settings import shipped_dir

    return shipped_dir("rules")


def engine_flags(ctx: ScanContext) -> tuple[str, ...]:
    """``("--experimental",)`` for osemgrep (the default), ``()`` for the classic CLI."""
    engine = ctx.options.get("semgrep_engine", "osemgrep")
    if engine not in ("osemgrep", "classic"):
        raise ScannerError(f"unknown semgrep engine {engine!r} (expected osemgrep or classic)")
    return ("--experimental",) if engine == "osemgrep" else ()


@functools.lru_cache(maxsize=8)
def _version(binary: str) -> str:
    # osemgrep answers --version in ~0.2 s; cached because every review asks.
    done = run([binary, "--experimental", "--version", *_OFFLINE_FLAGS[1:]], timeout=30, env=_ENV)
    lines = done.stdout.decode("utf-8", "replace").strip().splitlines()
    if not lines:
        raise ScannerError(f"{binary} --version printed nothing")
    return lines[-1]


def build_command(binary: str, rules_dir: Path, targets: list[str], ctx: ScanContext) -> list[str]:
    """The semgrep command line: our rules only, offline, JSON, bounded."""
    return [
        binary,
        "scan",
        *engine_flags(ctx),
        "--config",
        str(rules_dir),
        *_OFFLINE_FLAGS,
        "--json",
        "--quiet",
        "--no-rewrite-rule-ids",  # classic would prefix ids with the config path
        "--no-git-ignore",
        # A change must not hide its own code: `# nosemgrep` is not honoured (the silencer
        # scanner reports added ones for human review instead).
        "--disable-nosem",
        f"--timeout={min(_PER_FILE_TIMEOUT_S, max(1, int(ctx.timeout_s)))}",
        f"--max-target-bytes={_MAX_TARGET_BYTES}",
        # One core for semgrep: the in-process scanners (bandit, detect-secrets...) use the other.
        "--jobs=1",
        "--",
        *targets,
    ]


def _cwes(meta: dict[str, Any]) -> tuple[int, ...]:
    raw = meta.get("cwe", ())
    items = [raw] if isinstance(raw, str) else list(raw or ())
    found = []
    for item in items:
        match = _CWE.match(str(item))
        if match:
            found.append(int(match.group(1)))
    return tuple(sorted(set(found)))


def _confidence(raw: object) -> Confidence:
    try:
        return Confidence.parse(str(raw or "medium"))
    except ValueError:
        return Confidence.MEDIUM


def finding_from_result(item: dict[str, Any], root: Path, paths: dict[str, str]) -> RawFinding:
    """One semgrep JSON result -> RawFinding, judged by the rule's metadata."""
    extra = item.get("extra", {})
    meta = extra.get("metadata", {}) or {}
    semgrep_path = item["path"]
    path = paths.get(semgrep_path) or paths.get(str((root / semgrep_path).resolve()), semgrep_path)
    severity = (
        Severity.parse(meta["severity"])
        if meta.get("severity")
        else _SEVERITY.get(str(extra.get("severity", "WARNING")).upper(), Severity.MEDIUM)
    )
    start, end = item.get("start", {}), item.get("end", {})
    cwes = _cwes(meta)
    return RawFinding(
        scanner="semgrep",
        rule=item["check_id"],
        location=Location(
            path=path,
            start_line=int(start.get("line", 1)),
            end_line=int(end.get("line", start.get("line", 1))),
            start_col=int(start.get("col", 1)),
            end_col=int(end.get("col", 0)),
        ),
        message=" ".join(str(extra.get("message", "")).split()),
        severity=severity,
        confidence=_confidence(meta.get("confidence")),
        category=parse_category(meta.get("category", "validation"), cwes),
        cwes=cwes,
        fix=" ".join(str(meta.get("fix", "")).split()),
    )


def _names_a_safe_variable(item: dict[str, Any], root: Path) -> bool:
    """For rules with ``metadata.keyword-marked-safe``: the keyword argument found must be a
    variable that a template in the same file marks ``|safe``. semgrep cannot compare the keyword's
    name with the template's text; other results pass unchanged."""
    if not (item.get("extra", {}).get("metadata", {}) or {}).get("keyword-marked-safe"):
        return True
    try:
        text = (root / item["path"]).read_text(encoding="utf-8", errors="replace")
        line = text.splitlines()[int(item["start"]["line"]) - 1]
    except (OSError, IndexError, KeyError, ValueError):
        return True
    keyword = re.search(r"(\w+)\s*=\s*$", line[: max(0, int(item["start"].get("col", 1)) - 1)])
    if keyword is None:
        return True
    return re.search(r"\{\{[^}]*?\b" + re.escape(keyword.group(1)) + r"\s*\|\s*safe\b", text) is not None


def parse_output(stdout: bytes, returncode: int, root: Path, paths: dict[str, str]) -> ScanResult:
    """Parse semgrep's JSON first, then judge: exit 1 with results is success."""
    try:
        data = json.loads(stdout)
    except ValueError:
        raise ScannerError(f"semgrep exited with code {returncode} and no JSON output") from None
    findings: list[RawFinding] = []
    skipped: dict[str, str] = {}
    errors: list[str] = []
    for err in data.get("errors", []):
        err_path = err.get("path") or (err.get("spans") or [{}])[0].get("file")
        kind = str(err.get("type", "error"))
        kind = kind[0] if isinstance(err.get("type"), list) else kind
        message = " ".join(str(err.get("message", kind)).split())[:300]
        if err_path and not str(err_path).endswith((".yaml", ".yml")):
            rel = paths.get(err_path) or paths.get(str((root / err_path).resolve()), err_path)
            skipped.setdefault(rel, f"semgrep could not fully analyse: {kind}: {message}")
        elif str(err.get("level", "error")).lower() == "error":
            errors.append(f"semgrep: {kind}: {message}")
    if returncode not in (0, 1) and not errors:
        errors.append(f"semgrep exited with code {returncode}")
    if errors:
        # Bad rules or a broken engine: the results cannot be trusted to be complete.
        raise ScannerError("; ".join(errors))
    for item in data.get("results", []):
        if _names_a_safe_variable(item, root):
            findings.append(finding_from_result(item, root, paths))
    return ScanResult(findings=tuple(findings), skipped=tuple(sorted(skipped.items())))


class SemgrepScanner:
    """The project's own semgrep rules over the workspace."""

    name = "semgrep"

    def version(self, ctx: ScanContext) -> str:
        binary = _binary(ctx)
        if shutil.which(binary) is None:
            raise ScannerError(
                f"semgrep not found ({binary}): run `reviewer tools install` once, "
                "or set REVIEWER_SEMGREP_BIN"
            )
        try:
            return _version(binary)
        except ToolError as exc:
            raise ScannerError(f"semgrep --version failed: {exc}") from exc

    def available(self, ctx: ScanContext) -> bool:
        binary = _binary(ctx)
        return os.access(binary, os.X_OK) and _rules_dir(ctx).is_dir()

    def scan(self, workspace: Workspace, ctx: ScanContext) -> ScanResult:
        rules_dir = _rules_dir(ctx)
        if not rules_dir.is_dir():
            raise ScannerError(f"semgrep rules directory not found: {rules_dir}")
        if not workspace.files:
            return ScanResult()
        with tempfile.TemporaryDirectory(prefix="reviewer-semgrep-") as tmp:
            cwd = Path(tmp)
            paths = _targets(workspace, ctx, cwd)
            if not paths:
                return ScanResult()
            cmd = build_command(_binary(ctx), rules_dir.resolve(), list(paths), ctx)
            # ToolTimeout and ToolError are ScannerErrors: the review becomes partial.
            done = run(
                cmd, timeout=ctx.timeout_s, max_output=ctx.max_output_bytes, cwd=cwd, env=_ENV, ok_codes=None
            )
            try:
                return parse_output(done.stdout, done.returncode, cwd, paths)
            except ScannerError as exc:
                tail = done.stderr_text()[-500:]
                raise ScannerError(f"{exc}" + (f" ({tail})" if tail else "")) from None


def _targets(workspace: Workspace, ctx: ScanContext, scratch: Path) -> dict[str, str]:
    """semgrep target -> repository path.

    Targets are explicit file names: semgrep then scans them even under tests/ or node_modules/,
    and ignore files inside the change cannot hide anything. Python files of a partial change are
    pruned to the definitions the change touches (see ``python_pruning``) and written to
    ``scratch``; the workspace itself is never modified (other scanners read it concurrently).
    """
    root = workspace.root.resolve()
    prune_ok = (
        not workspace.changeset.whole_files
        and ctx.options.get("all_lines") != "true"
        and ctx.options.get("semgrep_prune", "true") == "true"
    )
    paths: dict[str, str] = {}
    for rel, absolute in sorted(workspace.files.items()):
        source = Path(absolute).resolve()
        if not source.is_relative_to(root):
            continue  # never read outside the workspace
        target = None
        if prune_ok and rel.endswith(".py"):
            target = pruned_copy(source, root, workspace.added_lines(rel), scratch)
        paths[str(target.relative_to(scratch)) if target else str(source)] = rel
    return paths
