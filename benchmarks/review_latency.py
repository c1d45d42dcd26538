"""Latency of `reviewer scan --diff` next to the naive pipeline, on the same realistic change.

The change: 20 Python files of real library code (click and jinja2 from this virtualenv), each
with a ~30-line block added, plus a few seeded flaws (shell and SQL injection, a hard-coded AWS
key, MD5 for passwords, unsafe YAML). The naive pipeline runs the classic semgrep CLI with our
rules, then bandit, then detect-secrets, one after the other, on the same post-image files that
`reviewer scan --diff` reviews. Each side runs 5 times (after one warm-up); we report min and
median wall time, the ratio of medians, and whether both found the same flaws on changed lines.

    .venv/bin/python benchmarks/review_latency.py [--runs 5] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
SEMGREP = ROOT / ".tools" / "semgrep" / "bin" / "semgrep"
BANDIT = ROOT / ".tools" / "bandit" / "bin" / "bandit"
BANDIT_SKIPS = "B101,B311,B404,B603"  # the same skips reviewer's bandit scanner uses
BLOCK = 24
BLOCK_MAX = 34
FILES = 20
CONTINUED = (" ", "\t", ")", "]", "}")

FLAWS = {
    0: [
        "def _run_user_command(request):",
        "    import subprocess",
        "    cmd = request.args.get('cmd')",
        "    return subprocess.call('sh -c ' + cmd, shell=True)",
    ],
    3: [
        "def _find_user(cursor, name):",
        "    cursor.execute(\"SELECT * FROM users WHERE name = '%s'\" % name)",
        "    return cursor.fetchone()",
    ],
    6: ['AWS_ACCESS_KEY_ID = "AKIAZ7QWERTY5ASDFGH2"'],
    9: [
        "def _hash_password(password):",
        "    import hashlib",
        "    return hashlib.md5(password.encode()).hexdigest()",
    ],
    12: [
        "def _load_config(text):",
        "    import yaml",
        "    return yaml.load(text)",
    ],
}


def _units(lines: list[str]) -> list[tuple[int, int]]:
    """Top-level definitions (decorators, def, class) as (start, end) line spans."""
    starts = [i for i, line in enumerate(lines) if line.startswith(("def ", "class ", "async def ", "@"))]
    units, i = [], 0
    while i < len(starts):
        begin = starts[i]
        while i + 1 < len(starts) and lines[starts[i]].startswith("@") and starts[i + 1] == starts[i] + 1:
            i += 1  # a decorator belongs to the definition below it
        end = starts[i] + 1
        while end < len(lines) and (not lines[end].strip() or lines[end].startswith(CONTINUED)):
            end += 1
        units.append((begin, end))
        i += 1
    return units


def pick_block(lines: list[str]) -> tuple[int, int] | None:
    """A run of whole top-level definitions of BLOCK..BLOCK_MAX lines from the last two thirds."""
    units = [u for u in _units(lines) if u[0] >= len(lines) // 3]
    for first in range(len(units)):
        begin, end = units[first][0], units[first][0]
        for _, unit_end in units[first:]:
            end = unit_end
            if end - begin >= BLOCK:
                break
        if BLOCK <= end - begin <= BLOCK_MAX:
            return begin, end
    return None


def library_files() -> list[tuple[Path, tuple[int, int]]]:
    site = Path(next(p for p in sys.path if p.endswith("site-packages")))
    found = []
    for package in ("click", "jinja2", "markupsafe", "itsdangerous"):
        for path in sorted((site / package).glob("*.py")):
            block = pick_block(path.read_text("utf-8").splitlines())
            if block is not None:
                found.append((path, block))
    if len(found) < FILES:
        raise SystemExit(f"need {FILES} library files with a {BLOCK}-line block, found {len(found)}")
    return found[:FILES]


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True).stdout


def build_change(work: Path) -> Path:
    """A git repository whose last commit adds a block (and a seeded flaw) to 20 files; returns the patch."""
    repo = work / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    git(repo, "config", "user.email", "bench@example.com")
    git(repo, "config", "user.name", "bench")
    heads: dict[Path, str] = {}
    for index, (source, (start, end)) in enumerate(library_files()):
        lines = source.read_text("utf-8").splitlines()
        block = lines[start:end]
        base = lines[:start] + lines[end:]
        flaw = FLAWS.get(index, [])
        head = lines[:start] + ([*flaw, "", ""] if flaw else []) + block + lines[end:]
        target = repo / source.parent.name / source.name
        target.parent.mkdir(exist_ok=True)
        target.write_text("\n".join(base) + "\n")
        heads[target] = "\n".join(head) + "\n"
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "base")
    for target, text in heads.items():
        target.write_text(text)
    git(repo, "commit", "-qam", "change")
    patch = work / "change.patch"
    patch.write_text(git(repo, "diff", "HEAD~1", "HEAD"))
    return patch


def post_images(patch: Path, dest: Path) -> dict[str, frozenset[int]]:
    """Write the same post-image files reviewer reviews (rebuilt from the hunks) for the naive tools."""
    sys.path.insert(0, str(ROOT))
    from reviewer.changeset import Limits
    from reviewer.ingest.diff import parse_diff

    changeset = parse_diff(patch.read_bytes(), Limits())
    for change in changeset.reviewable():
        target = dest / change.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(change.post_image or "")
    return {f.path: f.added_lines for f in changeset.files}


CPU: list[float] = []  # CPU seconds (user + system) of each timed command and its children


def timed(cmd: list[str], cwd: Path) -> tuple[float, subprocess.CompletedProcess[str]]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"})
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return elapsed, done


def reviewer_cmd(patch: Path) -> list[str]:
    return [
        str(VENV_BIN / "reviewer"),
        "scan",
        "--diff",
        str(patch),
        "--format",
        "json",
        "--checklist",
        "none",
    ]


def naive_cmds(files: Path) -> list[list[str]]:
    return [
        [
            str(SEMGREP),
            "scan",
            "--config",
            str(ROOT / "rules"),
            "--metrics=off",
            "--disable-version-check",
            "--json",
            "--quiet",
            "--no-git-ignore",
            str(files),
        ],
        [str(BANDIT), "-r", str(files), "-f", "json", "-q", "-s", BANDIT_SKIPS],
        [str(VENV_BIN / "detect-secrets"), "scan", "--all-files", str(files)],
    ]


def run_naive(files: Path) -> tuple[float, list[subprocess.CompletedProcess[str]]]:
    total, outputs = 0.0, []
    for cmd in naive_cmds(files):
        seconds, done = timed(cmd, files)
        total += seconds
        outputs.append(done)
    return total, outputs


def naive_hits(
    outputs: list[subprocess.CompletedProcess[str]], files: Path, added: dict[str, frozenset[int]]
) -> set[tuple[str, str, int]]:
    hits: set[tuple[str, str, int]] = set()
    semgrep, bandit, secrets = (json.loads(o.stdout or "{}") for o in outputs)
    for r in semgrep.get("results", []):
        hits.add(("semgrep", str(Path(r["path"]).resolve().relative_to(files.resolve())), r["start"]["line"]))
    for r in bandit.get("results", []):
        hits.add(
            ("bandit", str(Path(r["filename"]).resolve().relative_to(files.resolve())), r["line_number"])
        )
    for path, found in secrets.get("results", {}).items():
        for r in found:
            rel = str(Path(path).resolve().relative_to(files.resolve())) if os.path.isabs(path) else path
            hits.add(("detect-secrets", rel, r["line_number"]))
    return {h for h in hits if h[2] in added.get(h[1], frozenset())}


def reviewer_hits(stdout: str) -> set[tuple[str, str, int]]:
    doc = json.loads(stdout)
    return {
        (s, f["path"], f["start_line"])
        for f in doc["findings"]
        for s in f["scanners"]
        if s in ("semgrep", "bandit", "detect-secrets")
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="keep the generated change in this folder")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="reviewer-bench-"))
    try:
        patch = build_change(work)
        files = work / "post-images"
        files.mkdir()
        added = post_images(patch, files)
        lines = sum(len(v) for v in added.values())
        print(f"change: {len(added)} files, {lines} added lines ({patch.stat().st_size} bytes of diff)")

        timed(reviewer_cmd(patch), work)  # warm-up: file caches, .pyc
        run_naive(files)
        ours, naive, ours_cpu, naive_cpu = [], [], [], []
        ours_out = naive_out = None
        for _ in range(args.runs):
            CPU.clear()
            seconds, done = timed(reviewer_cmd(patch), work)
            if done.returncode not in (0, 1):
                print(done.stderr, file=sys.stderr)
                return 2
            ours.append(seconds)
            ours_cpu.append(sum(CPU))
            ours_out = done
            CPU.clear()
            seconds, outputs = run_naive(files)
            naive.append(seconds)
            naive_cpu.append(sum(CPU))
            naive_out = outputs
        assert ours_out is not None and naive_out is not None
        ours_status = json.loads(ours_out.stdout)
        ours_hits = reviewer_hits(ours_out.stdout)
        theirs = naive_hits(naive_out, files, added)
        print(
            f"reviewer scan --diff : min {min(ours):.2f}s  median {statistics.median(ours):.2f}s  "
            f"(review {ours_status['status']}, {ours_status['summary']['findings']} findings)"
        )
        print(
            f"naive pipeline       : min {min(naive):.2f}s  median {statistics.median(naive):.2f}s  "
            "(semgrep classic CLI, then bandit, then detect-secrets)"
        )
        print(f"speed-up (median)    : {statistics.median(naive) / statistics.median(ours):.1f}x")
        print(
            f"CPU s (median)       : reviewer {statistics.median(ours_cpu):.2f}, "
            f"naive {statistics.median(naive_cpu):.2f} (user+system, children included; "
            f"load average now {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)"
        )
        missing = sorted(theirs - ours_hits)
        extra = sorted(ours_hits - theirs)
        print(
            f"same findings on changed lines: {'yes' if not missing and not extra else 'no'} "
            f"({len(theirs)} naive tool hits)"
        )
        for hit in missing:
            print(f"  only naive   : {hit}")
        for hit in extra:
            print(f"  only reviewer: {hit}")
        if args.keep:
            shutil.copytree(work, args.keep, dirs_exist_ok=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
