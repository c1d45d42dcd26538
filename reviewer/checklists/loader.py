"""Load checklist documents: read YAML, hash, upgrade old schemas, validate, build value types.

Layout: ``<checklists_dir>/<id>/<version>.yaml``. ``load_checklist(dir, id)`` picks the highest
version by numeric ordering. Every problem raises ``InvalidChecklist`` (a ``ConfigError``,
exit 2) naming the file, the item (index and key) and the field.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
import threading
from collections import OrderedDict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from reviewer.checklists.model import Checklist, ChecklistItem, Evidence, version_key
from reviewer.checklists.schema import SLUG_PATTERN, VERSION_PATTERN, Problem, validate_document
from reviewer.checklists.upgrades import UpgradeRefused, upgrade
from reviewer.errors import ConfigError, NotFound

MAX_FILE_BYTES = 1024 * 1024  # a checklist is a few kB; refuse anything absurd before parsing


class InvalidChecklist(ConfigError):
    """A checklist document is malformed; ``problems`` lists each one (item, field, message)."""

    def __init__(self, source: str, problems: Iterable[Problem], note: str = "") -> None:
        self.source = source
        self.problems = tuple(problems)
        lines = [f"invalid checklist {source}{note}:"]
        lines += [f"  - {problem}" for problem in self.problems]
        super().__init__("\n".join(lines))


def content_hash(document: Any) -> str:
    """sha256 of the document's canonical JSON (sorted keys, no spaces).

    Hashing the parsed content rather than the bytes means comments, key order and YAML
    formatting do not change the hash; any change of content does. The raw (not upgraded)
    document is hashed, so the hash names the file a review pinned, whatever upgrades exist.
    """
    canonical = json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def read_document(path: Path) -> dict[str, Any]:
    """Read one YAML checklist file into a mapping (no validation beyond that)."""
    source = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InvalidChecklist(source, [Problem("(file)", f"{size} bytes is over {MAX_FILE_BYTES}")])
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise NotFound(f"checklist file not found: {source}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidChecklist(source, [Problem("(file)", f"cannot read: {exc}")]) from None
    return parse_yaml(text, source=source)


def parse_yaml(text: str, *, source: str = "<text>") -> dict[str, Any]:
    # libyaml's safe loader when present: same result, about 8x faster than the pure-Python one
    # (90 ms -> 12 ms for ai-code-security 1.0), and every review loads its checklist.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        document = yaml.load(text, Loader=loader)  # noqa: S506 - a safe loader, chosen above
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise InvalidChecklist(source, [Problem("(file)", f"not valid YAML{where}: {problem}")]) from None
    if not isinstance(document, dict):
        raise InvalidChecklist(
            source,
            [Problem("(document)", "must be a mapping with schema_version, id, version, title and items")],
        )
    return document


# Parsed checklists by (content hash, source), and loaded files by (path, mtime, size): every
# review, API call and UI page needs a checklist, and validating one costs milliseconds. A
# Checklist is a frozen value, so sharing it is safe; a changed file has a new mtime or size and
# a changed document a new hash, so neither cache can serve stale content.
_CACHE_MAX = 128
_parsed: OrderedDict[tuple[str, str], Checklist] = OrderedDict()
_cache_lock = threading.Lock()


def _cached(cache: OrderedDict[Any, Checklist], key: Any) -> Checklist | None:
    with _cache_lock:
        hit = cache.get(key)
        if hit is not None:
            cache.move_to_end(key)
        return hit


def _remember(cache: OrderedDict[Any, Checklist], key: Any, checklist: Checklist) -> Checklist:
    with _cache_lock:
        cache[key] = checklist
        while len(cache) > _CACHE_MAX:
            cache.popitem(last=False)
    return checklist


def parse_checklist(document: dict[str, Any], *, source: str = "<document>") -> Checklist:
    """Validate a parsed document (upgrading an older schema first) and build the Checklist."""
    digest = content_hash(document)
    hit = _cached(_parsed, (digest, source))
    if hit is not None:
        return hit
    return _remember(_parsed, (digest, source), _build(document, digest, source))


def _build(document: dict[str, Any], digest: str, source: str) -> Checklist:
    try:
        upgraded, passed = upgrade(document)
    except UpgradeRefused as exc:
        raise InvalidChecklist(source, [Problem("schema_version", str(exc))]) from None
    spec, problems = validate_document(upgraded)
    if problems or spec is None:
        note = f" (after upgrade from schema {passed[0]})" if passed else ""
        raise InvalidChecklist(source, problems, note)
    items = tuple(
        ChecklistItem(
            key=item.key,
            title=item.title.strip(),
            rationale=" ".join(item.rationale.split()),
            category=item.category,
            cwes=tuple(item.cwes),
            evidence=Evidence(
                scanners=tuple(item.evidence.scanners),
                rules=tuple(item.evidence.rules),
                cwes=tuple(item.cwes if item.evidence.cwes is None else item.evidence.cwes),
                scanner_findings=item.evidence.scanner_findings,
            ),
            human_signoff=item.human_signoff,
        )
        for item in spec.items
    )
    return Checklist(
        id=spec.id,
        version=spec.version,
        title=spec.title.strip(),
        description=" ".join(spec.description.split()),
        schema_version=int(document["schema_version"]),
        items=items,
        content_hash=digest,
        source=source,
    )


def load_file(path: Path | str, *, check_location: bool = False) -> Checklist:
    """Load one checklist file.

    With ``check_location`` the file name must equal the document's version and its folder
    its id, so that ``<id>@<version>`` always means one file (checked for every file found
    under a checklists folder).
    """
    path = Path(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise NotFound(f"checklist file not found: {path}") from None
    except OSError as exc:
        raise InvalidChecklist(str(path), [Problem("(file)", f"cannot read: {exc}")]) from None
    return _load_file(str(path), str(path.resolve()), info.st_mtime_ns, info.st_size, check_location)


@functools.lru_cache(maxsize=_CACHE_MAX)
def _load_file(shown: str, resolved: str, mtime_ns: int, size: int, check_location: bool) -> Checklist:
    """One file at one (mtime, size): an edited file is a new key, so nothing stale is served.
    ``shown`` is the path as the caller gave it, for the checklist's source and error messages."""
    path = Path(shown)
    checklist = parse_checklist(read_document(path), source=str(path))
    if check_location:
        problems = []
        if path.stem != checklist.version:
            problems.append(
                Problem("version", f"{checklist.version!r} does not match the file name {path.name!r}")
            )
        if path.parent.name != checklist.id:
            problems.append(Problem("id", f"{checklist.id!r} does not match the folder {path.parent.name!r}"))
        if problems:
            raise InvalidChecklist(str(path), problems)
    return checklist


def discover(checklists_dir: Path | str) -> list[tuple[str, str, Path]]:
    """Every ``(id, version, path)`` under the folder, sorted by id then version."""
    root = Path(checklists_dir)
    if not root.is_dir():
        raise NotFound(f"checklists folder not found: {root}")
    found: list[tuple[str, str, Path]] = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir() and re.match(SLUG_PATTERN, p.name)):
        for path in folder.glob("*.yaml"):
            if re.match(VERSION_PATTERN, path.stem):
                found.append((folder.name, path.stem, path))
    return sorted(found, key=lambda entry: (entry[0], version_key(entry[1])))


def versions(checklists_dir: Path | str, slug: str) -> list[str]:
    """The versions of one checklist, oldest first."""
    return [version for found_id, version, _ in discover(checklists_dir) if found_id == slug]


def load_checklist(checklists_dir: Path | str, slug: str, version: str | None = None) -> Checklist:
    """Load ``<slug>@<version>``, or the latest version when ``version`` is None.

    ``slug`` and ``version`` may come from an API caller: they are matched against strict
    patterns before they touch a path.
    """
    if not re.match(SLUG_PATTERN, slug):
        raise NotFound(f"no such checklist: {slug!r}")
    if version is not None and not re.match(VERSION_PATTERN, version):
        raise NotFound(f"no such checklist version: {slug}@{version}")
    candidates = [(v, p) for found_id, v, p in discover(checklists_dir) if found_id == slug]
    if not candidates:
        raise NotFound(f"no such checklist: {slug!r} in {checklists_dir}")
    if version is None:
        return load_file(candidates[-1][1], check_location=True)
    for found_version, path in candidates:
        if version_key(found_version) == version_key(version):
            return load_file(path, check_location=True)
    known = ", ".join(v for v, _ in candidates)
    raise NotFound(f"no such checklist version: {slug}@{version} (known: {known})")


def resolve(ref: str, checklists_dir: Path | str) -> Checklist:
    """Load by reference: a file path (``*.yaml``/``*.yml`` or an existing file) or ``ID[@VERSION]``."""
    path = Path(ref)
    if ref.endswith((".yaml", ".yml")) or path.is_file():
        return load_file(path, check_location=is_under(path, checklists_dir))
    slug, _, version = ref.partition("@")
    return load_checklist(checklists_dir, slug, version or None)


def is_under(path: Path | str, checklists_dir: Path | str) -> bool:
    """Whether a file lives in the checklists folder (and so must follow its naming)."""
    try:
        Path(path).resolve().relative_to(Path(checklists_dir).resolve())
    except (ValueError, OSError):
        return False
    return True
