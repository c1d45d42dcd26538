"""Serialise a Changeset to JSON bytes and back, so a queued review can be re-run anywhere.

Used when the change does not come as diff text (a GitHub pull request with fetched
post-images): the job must review exactly what was accepted, even after a restart.
"""

from __future__ import annotations

import json
from dataclasses import fields
from typing import Any

from reviewer.changeset import ChangeKind, Changeset, FileChange

FORMAT = "changeset-json"


def _file_to_dict(f: FileChange) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for fld in fields(FileChange):
        value = getattr(f, fld.name)
        if isinstance(value, frozenset):
            value = sorted(value)
        elif isinstance(value, ChangeKind):
            value = value.value
        out[fld.name] = value
    return out


def encode(changeset: Changeset) -> bytes:
    doc: dict[str, Any] = {"version": 1, "files": [_file_to_dict(f) for f in changeset.files]}
    for fld in fields(Changeset):
        if fld.name == "files":
            continue
        value = getattr(changeset, fld.name)
        if isinstance(value, tuple):
            value = [list(v) if isinstance(v, tuple) else v for v in value]
        doc[fld.name] = value
    return json.dumps(doc, sort_keys=True, separators=(",", ":")).encode("utf-8")


def decode(data: bytes) -> Changeset:
    doc = json.loads(data.decode("utf-8"))
    known_file = {fld.name for fld in fields(FileChange)}
    files = []
    for raw in doc["files"]:
        kwargs = {k: v for k, v in raw.items() if k in known_file}
        kwargs["kind"] = ChangeKind(kwargs["kind"])
        kwargs["added_lines"] = frozenset(kwargs.get("added_lines", ()))
        files.append(FileChange(**kwargs))
    known = {fld.name for fld in fields(Changeset)} - {"files"}
    rest: dict[str, Any] = {}
    for key in known & doc.keys():
        value = doc[key]
        if isinstance(value, list):
            value = tuple(tuple(v) if isinstance(v, list) else v for v in value)
        rest[key] = value
    return Changeset(files=tuple(files), **rest)
