"""Where the tool-backed scanners spend their time, and what each speed-up buys.

Usage: .venv/bin/python benchmarks/scanner_timings.py [--runs 5]

Builds a realistic change: 20 real Python modules from installed libraries (click, jinja2,
werkzeug...) with ~30 added lines each (~600 added lines), written to a temporary workspace.
Prints min/median wall time of each variant:

- semgrep: osemgrep (--experimental) with untouched Python definitions pruned (the default), vs
  osemgrep on whole files, vs the classic CLI on whole files; same rules and flags;
- bandit: in process with untouched definitions pruned (the default), in process on whole files
  (plugins warm, as in a long-lived service; and cold, in a fresh Python process), and the bandit
  CLI subprocess (Python 3.13) on whole files;
- detect-secrets: added lines only (the default) vs whole files.
"""

from __future__ import annotations

import argparse
import importlib.util
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from reviewer.changeset import ChangeKind, Changeset, FileChange
from reviewer.scanners.bandit import BanditScanner, cli_command
from reviewer.scanners.base import ScanContext, Workspace
from reviewer.scanners.detect_secrets import DetectSecretsScanner
from reviewer.scanners.semgrep import SemgrepScanner
from reviewer.settings import PROJECT_ROOT, Settings
from reviewer.subprocess_runner import run

SEEDED = """

def _seeded_{index}(cursor, token_value):
    import hashlib
    import os

    from flask import request

    name = request.args.get("name")
    cursor.execute("SELECT * FROM t WHERE name = '%s'" % name)
    os.system("ls " + name)
    api_token = "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8"
    return hashlib.md5(name.encode()).hexdigest()
"""
MODULES = ("click", "jinja2", "werkzeug", "itsdangerous", "yaml", "httpx", "tenacity", "alembic")


def _sources() -> list[Path]:
    found: list[Path] = []
    for name in MODULES:
        spec = importlib.util.find_spec(name)
        if spec and spec.submodule_search_locations:
            base = Path(next(iter(spec.submodule_search_locations)))
            found += sorted(p for p in base.glob("*.py") if 150 < len(p.read_text().splitlines()) < 900)[:3]
    return found[:20]


def _workspace(root: Path) -> Workspace:
    files: dict[str, Path] = {}
    changes = []
    for index, src in enumerate(_sources()):
        rel = f"pkg{index:02d}/{src.name}"
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        text = src.read_text()
        if index % 4 == 0:  # a few seeded flaws in added code
            text += SEEDED.format(index=index)
        target.write_text(text)
        files[rel] = target
        total = len(text.splitlines())
        start = total // 2
        added = set(range(start, min(total, start + 30) + 1))
        if index % 4 == 0:
            added |= set(range(total - SEEDED.count("\n") + 1, total + 1))
        changes.append(
            FileChange(
                rel,
                ChangeKind.MODIFIED,
                added_lines=frozenset(added),
                post_image=text,
                post_image_complete=True,
            )
        )
    return Workspace(root, files, Changeset(tuple(changes), source="git"))


def _cpu() -> float:
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def _time(fn: Callable[[], object], runs: int) -> tuple[float, float, float, object]:
    """min and median wall time, and min CPU time (this process plus its children)."""
    times, cpus, result = [], [], None
    for _ in range(runs):
        started, cpu = time.perf_counter(), _cpu()
        result = fn()
        times.append(time.perf_counter() - started)
        cpus.append(_cpu() - cpu)
    return min(times), statistics.median(times), min(cpus), result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    settings = Settings()
    ctx = ScanContext(
        timeout_s=300,
        rules_dir=PROJECT_ROOT / "rules",
        tool_paths={"semgrep": settings.semgrep_bin, "bandit": settings.bandit_bin},
    )
    with tempfile.TemporaryDirectory() as tmp:
        ws = _workspace(Path(tmp))
        added = sum(len(f.added_lines) for f in ws.changeset.files)
        lines = sum(len(p.read_text().splitlines()) for p in ws.files.values())
        print(f"workspace: {len(ws.files)} files, {lines} lines, {added} added lines; {args.runs} runs each")
        rows = []

        def semgrep(engine: str, prune: str) -> Callable[[], object]:
            options = {"semgrep_engine": engine, "semgrep_prune": prune}
            c = ScanContext(
                timeout_s=300, rules_dir=ctx.rules_dir, tool_paths=ctx.tool_paths, options=options
            )
            return lambda: SemgrepScanner().scan(ws, c)

        rows.append(("semgrep osemgrep + pruning (default)", *_time(semgrep("osemgrep", "true"), args.runs)))
        rows.append(("semgrep osemgrep, whole files", *_time(semgrep("osemgrep", "false"), args.runs)))
        rows.append(("semgrep classic CLI, whole files", *_time(semgrep("classic", "false"), args.runs)))

        rows.append(
            (
                "bandit in process + pruning (default)",
                *_time(lambda: BanditScanner().scan(ws, ctx), args.runs),
            )
        )
        whole = ScanContext(timeout_s=300, tool_paths=ctx.tool_paths, options={"bandit_prune": "false"})
        rows.append(
            ("bandit in process, whole files", *_time(lambda: BanditScanner().scan(ws, whole), args.runs))
        )
        cold = [
            sys.executable,
            "-c",
            "import sys, pathlib; from reviewer.scanners.bandit import run_in_process; "
            "run_in_process(sys.argv[1:])",
            *[str(p) for p in ws.files.values()],
        ]
        rows.append(
            (
                "bandit in process, whole, cold (new python)",
                *_time(lambda: subprocess.run(cold, check=True, capture_output=True), args.runs),
            )
        )
        cli = cli_command(settings.bandit_bin, sorted(ws.files))
        rows.append(
            (
                "bandit CLI subprocess (3.13), whole files",
                *_time(lambda: run(cli, timeout=300, cwd=ws.root, ok_codes=None), args.runs),
            )
        )

        rows.append(
            (
                "detect-secrets added lines (default)",
                *_time(lambda: DetectSecretsScanner().scan(ws, ctx), args.runs),
            )
        )
        every = ScanContext(options={"all_lines": "true"})
        rows.append(
            ("detect-secrets whole files", *_time(lambda: DetectSecretsScanner().scan(ws, every), args.runs))
        )
        for name, best, median, cpu, result in rows:
            findings = getattr(result, "findings", None)
            count = (
                "-"
                if findings is None
                else sum(f.location.start_line in ws.added_lines(f.location.path) for f in findings)
            )
            print(
                f"{name:<40} wall min {best:6.2f}s median {median:6.2f}s  cpu {cpu:6.2f}s  findings {count}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
