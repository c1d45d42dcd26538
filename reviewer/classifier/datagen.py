"""Build the classifier's labelled dataset, reproducibly from a seed.

Sources (see MODEL_CARD.md for what each can and cannot teach):

* ``sven``: real CVE fixes (Python). The vulnerable function with its changed lines marked is a
  ``validation`` positive; the fixed function with the fix marked is a hard negative. SVEN's own
  val files are the held-out split; a slice of its train files (by commit) is the dev split.
* generated: ``reviewer.classifier.gen.*`` templates for ``secrets``, ``access-control`` and more
  ``validation`` (JavaScript/TypeScript too). Split by a hash of the unit text, so identical
  units never straddle splits.
* real code: functions from permissively licensed packages installed in this environment
  (BSD/MIT/Apache), labelled negative for all classes. Whole packages are held out for val.

Every sample goes through ``units.extract_units`` exactly as scanned code does.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import random
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from reviewer.classifier.gen.common import Snippet
from reviewer.classifier.labels import CLASSES
from reviewer.classifier.units import extract_units

SPLITS = ("train", "dev", "val")
TRAIN_PACKAGES = ("click", "werkzeug", "starlette", "httpx", "requests", "sqlalchemy", "celery", "alembic")
VAL_PACKAGES = ("jinja2", "itsdangerous", "fastapi")
_EXT = {"python": "py", "javascript": "js", "typescript": "ts"}


@dataclass(frozen=True)
class Sample:
    text: str
    labels: tuple[int, ...]  # one 0/1 per CLASSES entry
    source: str  # sven | gen:<template> | real:<package>
    split: str
    language: str = "python"


@dataclass(frozen=True)
class Sizes:
    per_template: dict[str, int]  # class -> samples per template
    real_train: int
    real_val: int
    sven_per_file: int | None = None  # None: every row
    drop_imports: float = 0.0  # share of generated snippets whose imports are removed (augmentation)

    @classmethod
    def default(cls) -> Sizes:
        return cls({"secrets": 240, "access-control": 300, "validation": 220}, real_train=1200, real_val=400)

    @classmethod
    def tiny(cls) -> Sizes:
        """A few dozen samples: the end-to-end test trains on this in seconds."""
        return cls(
            {"secrets": 2, "access-control": 2, "validation": 3}, real_train=10, real_val=6, sven_per_file=3
        )


def _labels(named: dict[str, int]) -> tuple[int, ...]:
    return tuple(int(named.get(c, 0)) for c in CLASSES)


def _hash_split(key: str, seed: int, dev: float = 0.12, val: float = 0.15) -> str:
    x = int(hashlib.sha256(f"{seed}:{key}".encode()).hexdigest()[:8], 16) / 0xFFFFFFFF
    return "val" if x < val else "dev" if x < val + dev else "train"


def _marked_lines(text: str, changes: list[dict]) -> list[int]:
    """1-based lines of ``text`` touched by SVEN's char ranges."""
    starts = [0]
    for i, ch in enumerate(text):
        if ch == "\n":
            starts.append(i + 1)
    found = set()
    for change in changes:
        lo, hi = change["char_start"], max(change["char_start"], change["char_end"] - 1)
        for n, s in enumerate(starts, start=1):
            end = starts[n] if n < len(starts) else len(text) + 1
            if s <= hi and end > lo:
                found.add(n)
    return sorted(found)


def load_sven(sven_dir: Path, seed: int, per_file: int | None = None) -> list[Sample]:
    samples = []
    for path in sorted(sven_dir.glob("*.jsonl")):
        held_out = path.name.startswith("val-")
        for line in path.read_text(encoding="utf-8").splitlines()[:per_file]:
            row = json.loads(line)
            split = (
                "val"
                if held_out
                else ("dev" if _hash_split(row["commit_link"], seed, 0.12, 0.0) == "dev" else "train")
            )
            for field, changes, positive in (
                ("func_src_before", "deleted", 1),
                ("func_src_after", "added", 0),
            ):
                text = row[field]
                marked = _marked_lines(text, row["line_changes"][changes]) or [1]
                units = extract_units(row.get("file_name", "x.py"), text, marked, language="python")
                unit = max(units, key=lambda u: len(u.added_lines), default=None)
                if unit is not None:
                    samples.append(Sample(unit.text, _labels({"validation": positive}), "sven", split))
    return samples


def _is_import(line: str) -> bool:
    stripped = line.strip()
    if stripped.startswith(("import ", "from ")):
        return True
    return "require(" in stripped and stripped.startswith("const ")


def _without_imports(snippet: Snippet) -> Snippet:
    """The same snippet with its import lines removed (flaw indices shifted to match).

    Real changes often use names defined elsewhere in the file, so units arrive with few or no
    imports; without this the model learns the templates' import headers as a signal.
    """
    lines = snippet.source.split("\n")
    dropped = [i for i, line in enumerate(lines) if _is_import(line) and i not in snippet.flaw]
    if not dropped:
        return snippet
    kept = [line for i, line in enumerate(lines) if i not in set(dropped)]
    flaw = tuple(f - sum(1 for d in dropped if d < f) for f in snippet.flaw)
    return replace(snippet, source="\n".join(kept), flaw=flaw)


def _snippet_sample(
    snippet: Snippet, rng: random.Random, seed: int, drop_imports: float = 0.0
) -> Sample | None:
    if drop_imports and rng.random() < drop_imports:
        snippet = _without_imports(snippet)
    path = f"gen.{_EXT[snippet.language]}"
    lines = snippet.source.split("\n")
    everything = extract_units(path, snippet.source, range(1, len(lines) + 1))
    if not everything:
        return None
    anchor = snippet.flaw[0] + 1 if snippet.flaw else None
    main = next((u for u in everything if anchor and u.start_line <= anchor <= u.end_line), None)
    main = main or max(everything, key=lambda u: u.end_line - u.start_line)
    labels = dict(snippet.labels)
    if rng.random() < 0.5 or main.end_line == main.start_line:
        added = list(range(main.start_line, main.end_line + 1))  # a new function or block
    else:
        lo = rng.randrange(main.start_line, main.end_line + 1)
        hi = rng.randrange(lo, main.end_line + 1)
        added = list(range(lo, hi + 1))
        if snippet.flaw and snippet.flaw_must_be_added and any(labels.values()):
            flaw_lines = [f + 1 for f in snippet.flaw]
            if "secrets" in labels and rng.random() < 0.15 and not set(flaw_lines) & set(added):
                labels = {k: 0 for k in labels}  # the change did not add the secret
            else:
                added = sorted(set(added) | set(flaw_lines))
    units = [
        u
        for u in extract_units(path, snippet.source, added)
        if u.start_line <= main.end_line and u.end_line >= main.start_line
    ]
    if not units:
        return None
    unit = max(units, key=lambda u: len(u.added_lines))
    if (
        snippet.flaw
        and any(labels.values())
        and not any(unit.start_line <= f + 1 <= unit.end_line for f in snippet.flaw)
    ):
        return None  # the flaw fell outside the unit: the label would be a lie
    return Sample(
        unit.text, _labels(labels), f"gen:{snippet.group}", _hash_split(unit.text, seed), snippet.language
    )


def generated(seed: int, sizes: Sizes) -> list[Sample]:
    from reviewer.classifier.gen import access, secrets, validation

    rng = random.Random(seed)
    out = []
    for cls, module in (("secrets", secrets), ("access-control", access), ("validation", validation)):
        for template in module.TEMPLATES:
            for _ in range(sizes.per_template[cls]):
                sample = _snippet_sample(template(rng), rng, seed, sizes.drop_imports)
                if sample is not None:
                    out.append(sample)
    return out


def _package_files(package: str) -> list[Path]:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return []
    root = Path(next(iter(spec.submodule_search_locations)))
    return sorted(p for p in root.rglob("*.py") if "test" not in p.name and p.stat().st_size < 400_000)


def real_negatives(packages: Iterable[str], count: int, split: str, seed: int) -> list[Sample]:
    """Functions of installed, permissively licensed packages (read as text, never imported)."""
    rng = random.Random(f"{seed}:{split}")
    files = [(pkg, f) for pkg in packages for f in _package_files(pkg)]
    if not files:
        return []
    out: list[Sample] = []
    attempts = 0
    while len(out) < count and attempts < count * 5:
        attempts += 1
        pkg, path = rng.choice(files)
        source = path.read_text(encoding="utf-8", errors="replace")
        lines = source.split("\n")
        lo = rng.randrange(len(lines))
        hi = min(len(lines), lo + rng.choice([1, 2, 4, 8, 30]))
        units = extract_units(path.name, source, range(lo + 1, hi + 1))
        if units:
            unit = rng.choice(units)
            out.append(Sample(unit.text, _labels({}), f"real:{pkg}", split))
    return out


def build(sven_dir: Path | None, seed: int = 1, sizes: Sizes | None = None) -> list[Sample]:
    """The whole dataset, deterministic for a seed and the installed package versions."""
    sizes = sizes or Sizes.default()
    samples = load_sven(sven_dir, seed, sizes.sven_per_file) if sven_dir is not None else []
    samples += generated(seed, sizes)
    samples += real_negatives(TRAIN_PACKAGES, sizes.real_train, "train", seed)
    samples += real_negatives(VAL_PACKAGES, sizes.real_val, "val", seed)
    return _deduplicate(samples)


def _deduplicate(samples: list[Sample]) -> list[Sample]:
    """One copy of each (text, labels); texts seen with different labels are dropped as noise."""
    labels_of: dict[str, set[tuple[int, ...]]] = {}
    for s in samples:
        labels_of.setdefault(s.text, set()).add(s.labels)
    seen: set[str] = set()
    out = []
    for s in samples:
        if len(labels_of[s.text]) == 1 and s.text not in seen:
            seen.add(s.text)
            out.append(s)
    return out


def write(samples: list[Sample], out_dir: Path, meta: dict[str, object]) -> dict[str, object]:
    out_dir.mkdir(parents=True, exist_ok=True)
    summary: dict[str, object] = {"classes": list(CLASSES), **meta}
    for split in SPLITS:
        rows = [s for s in samples if s.split == split]
        text = "".join(json.dumps(asdict(s), sort_keys=True) + "\n" for s in rows)
        (out_dir / f"{split}.jsonl").write_text(text, encoding="utf-8")
        positives = Counter(c for s in rows for c, y in zip(CLASSES, s.labels, strict=True) if y)
        summary[split] = {
            "samples": len(rows),
            "positives": dict(sorted(positives.items())),
            "sha256": hashlib.sha256(text.encode()).hexdigest(),
        }
    (out_dir / "manifest.json").write_text(
        json.dumps(summary, indent=2, sort_keys=True) + "\n", encoding="utf-8"
    )
    return summary


def read_split(data_dir: Path, split: str) -> list[Sample]:
    path = data_dir / f"{split}.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [
        Sample(r["text"], tuple(r["labels"]), r["source"], r["split"], r.get("language", "python"))
        for r in rows
    ]
