"""Rebuild ``popular_pypi.tsv`` / ``popular_npm.tsv`` from registry listings.

Usage::

    python -m reviewer.data.refresh --pypi pypi.tsv --npm npm.tsv [--top 15000] [--top-npm 30000] [--out DIR]

Inputs are tab-separated with a header line naming the columns. PyPI listings need ``name`` and a
rank column (``rank...``: 1 = most downloaded); npm listings need ``name`` and ``downloads...``
(higher = more popular). A file already in the shipped format (``name``, ``rank``) is accepted too.
Only names and ranks are written; the header records the source file and the date.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path

from reviewer.errors import ConfigError

DATA_DIR = Path(__file__).resolve().parent


def _rows(path: Path) -> tuple[list[str], list[list[str]]]:
    csv.field_size_limit(sys.maxsize)  # listings may carry long description fields
    with path.open(encoding="utf-8", errors="replace", newline="") as fh:
        lines = (line for line in fh if not line.startswith("#"))
        reader = csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = [h.strip().lower() for h in next(reader, [])]
        return header, [row for row in reader if row]


def ranked_names(path: Path, top: int) -> list[tuple[str, int]]:
    """``(name, rank)`` for the ``top`` most popular packages listed in ``path``."""
    header, rows = _rows(path)
    if "name" not in header:
        raise ConfigError(f"{path}: header has no 'name' column: {header}")
    name_i = header.index("name")
    rank_i = next((i for i, h in enumerate(header) if h.startswith("rank")), None)
    dl_i = next((i for i, h in enumerate(header) if h.startswith("downloads")), None)
    if rank_i is None and dl_i is None:
        raise ConfigError(f"{path}: header needs a 'rank...' or 'downloads...' column: {header}")
    scored: list[tuple[float, str]] = []
    for row in rows:
        if len(row) <= max(name_i, rank_i or 0, dl_i or 0):
            continue
        name = row[name_i].strip()
        try:
            if rank_i is not None and row[rank_i].strip():
                scored.append((float(row[rank_i]), name))
            elif rank_i is None and dl_i is not None and row[dl_i].strip():
                scored.append((-float(row[dl_i]), name))
        except ValueError:
            continue
    scored.sort()
    seen: set[str] = set()
    out: list[tuple[str, int]] = []
    for _, name in scored:
        key = name.lower()
        if key in seen:
            continue
        seen.add(key)
        out.append((name, len(out) + 1))
        if len(out) >= top:
            break
    return out


def write_list(names: list[tuple[str, int]], source: Path, dest: Path) -> None:
    today = dt.datetime.now(dt.UTC).date().isoformat()
    with dest.open("w", encoding="utf-8") as fh:
        fh.write(f"# source: {source.name} (names and popularity ranks only); generated {today}\n")
        fh.write("# refresh: python -m reviewer.data.refresh --pypi FILE --npm FILE\n")
        fh.write("name\trank\n")
        for name, rank in names:
            fh.write(f"{name}\t{rank}\n")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m reviewer.data.refresh", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--pypi", type=Path, help="PyPI listing (name + rank column)")
    parser.add_argument("--npm", type=Path, help="npm listing (name + downloads column)")
    parser.add_argument("--top", type=int, default=15000, help="how many PyPI names to keep")
    parser.add_argument("--top-npm", type=int, default=30000, help="how many npm names to keep")
    parser.add_argument("--out", type=Path, default=DATA_DIR, help="where to write the lists")
    args = parser.parse_args(argv)
    if not args.pypi and not args.npm:
        parser.error("give --pypi and/or --npm")
    jobs = ((args.pypi, "popular_pypi.tsv", args.top), (args.npm, "popular_npm.tsv", args.top_npm))
    for flag, fname, top in jobs:
        if flag is None:
            continue
        try:
            names = ranked_names(flag, top)
        except (OSError, ConfigError) as exc:
            print(f"refresh: {exc}", file=sys.stderr)
            return 2
        write_list(names, flag, args.out / fname)
        print(f"wrote {len(names)} names to {args.out / fname}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
