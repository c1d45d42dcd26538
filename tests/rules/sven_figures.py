"""Development check of the semgrep rules on the SVEN pairs (not a test; run by hand).

Usage: .venv/bin/python tests/rules/sven_figures.py [val|train] [--engine osemgrep|classic]

Writes each pair's vulnerable (before) and fixed (after) function to a temporary workspace, runs
our semgrep rules over it once, and prints, per CWE, how many "before" functions get a finding
with that CWE (detected) and how many "after" functions get one (false alarms). Data:
../shared/data/sven (eth-sri/sven, MIT licence; see its README). The val split is the development
split; the formal evaluation is ``reviewer eval``.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import textwrap
import time
from collections import defaultdict
from pathlib import Path

from reviewer.changeset import ChangeKind, Changeset, FileChange
from reviewer.scanners.base import ScanContext, Workspace
from reviewer.scanners.semgrep import SemgrepScanner

DATA = Path(__file__).resolve().parents[3] / "shared" / "data" / "sven"


def _source(func: str) -> str:
    # Methods are stored indented; dedent so that the function parses on its own.
    return textwrap.dedent(func.expandtabs(4)) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("split", nargs="?", default="val")
    parser.add_argument("--engine", default="osemgrep")
    parser.add_argument("--show", action="store_true", help="list missed and falsely flagged functions")
    args = parser.parse_args(argv)
    rows = []
    for path in sorted(DATA.glob(f"{args.split}-cwe-*.jsonl")):
        cwe = int(path.stem.rsplit("-", 1)[1])
        for index, line in enumerate(path.read_text().splitlines()):
            rows.append((cwe, index, json.loads(line)))
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        files: dict[str, Path] = {}
        for cwe, index, row in rows:
            for side in ("before", "after"):
                rel = f"cwe{cwe:03d}/{index:03d}_{side}.py"
                target = root / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(_source(row[f"func_src_{side}"]))
                files[rel] = target
        changes = tuple(
            FileChange(rel, ChangeKind.ADDED, post_image=p.read_text()) for rel, p in files.items()
        )
        workspace = Workspace(root, files, Changeset(changes, whole_files=True))
        started = time.perf_counter()
        result = SemgrepScanner().scan(
            workspace, ScanContext(timeout_s=300, options={"semgrep_engine": args.engine})
        )
        elapsed = time.perf_counter() - started
    flagged: dict[str, set[int]] = defaultdict(set)
    anything: set[str] = set()
    for finding in result.findings:
        flagged[finding.location.path].update(finding.cwes)
        anything.add(finding.location.path)
    print(
        f"SVEN {args.split}: {len(rows)} pairs, semgrep ({args.engine}) {elapsed:.1f}s,"
        f" skipped {len(result.skipped)}"
    )
    print(
        f"{'CWE':>6} {'pairs':>5} {'before flagged':>15} {'after flagged':>14}"
        f" {'before any':>11} {'after any':>10}"
    )
    totals = [0, 0, 0, 0, 0]
    for cwe in sorted({c for c, _, _ in rows}):
        idx = [i for c, i, _ in rows if c == cwe]
        before = [f"cwe{cwe:03d}/{i:03d}_before.py" for i in idx]
        after = [f"cwe{cwe:03d}/{i:03d}_after.py" for i in idx]
        b = sum(cwe in flagged[p] for p in before)
        a = sum(cwe in flagged[p] for p in after)
        ba = sum(p in anything for p in before)
        aa = sum(p in anything for p in after)
        for k, v in enumerate((len(idx), b, a, ba, aa)):
            totals[k] += v
        print(f"{cwe:>6} {len(idx):>5} {b:>15} {a:>14} {ba:>11} {aa:>10}")
        if args.show:
            for p in before:
                if cwe not in flagged[p]:
                    print("   missed", p)
            for p in after:
                if cwe in flagged[p]:
                    print("   flagged after fix", p)
    print(f"{'all':>6} {totals[0]:>5} {totals[1]:>15} {totals[2]:>14} {totals[3]:>11} {totals[4]:>10}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
