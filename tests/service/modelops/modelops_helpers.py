"""Helpers for the model-version tests (imported by name: this folder is on sys.path): a change
with several Python units for the classifier to score, and a recalibrated copy of a model."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

FUNCTIONS = [
    (
        "def find_user(db, request):",
        "    name = request.args.get('name')",
        "    return db.execute(\"SELECT * FROM users WHERE name = '%s'\" % name)",
    ),
    (
        "def connect():",
        "    api_key = 'sk_live_4eC39HqLyjWDarjtT1zdp7dc'",
        "    return Client(api_key=api_key)",
    ),
    (
        "@app.route('/admin/delete/<int:user_id>', methods=['POST'])",
        "def delete_user(user_id):",
        "    User.query.filter_by(id=user_id).delete()",
        "    return 'ok'",
    ),
    (
        "def read_file(request):",
        "    path = request.args['path']",
        "    with open('/srv/files/' + path) as fh:",
        "        return fh.read()",
    ),
    (
        "def add(a, b):",
        "    return a + b",
    ),
]


def python_diff(path: str = "app/views.py", functions: list[tuple[str, ...]] | None = None) -> bytes:
    lines: list[str] = []
    for fn in functions or FUNCTIONS:
        lines.extend(fn)
        lines.append("")
    body = "".join(f"+{line}\n" for line in lines)
    header = f"diff --git a/{path} b/{path}\nnew file mode 100644\n--- /dev/null\n+++ b/{path}\n"
    return (header + f"@@ -0,0 +1,{len(lines)} @@\n" + body).encode()


def recalibrated(source: Path, target: Path, version: str, thresholds: list[float]) -> Path:
    """A copy of ``source`` with other thresholds and version, re-checksummed: a new version."""
    from reviewer.classifier.bundle import META, write_checksums

    if not (target / "CHECKSUMS").exists():
        shutil.copytree(source, target, ignore=shutil.ignore_patterns("data"))
        meta = json.loads((target / META).read_text(encoding="utf-8"))
        meta.update(version=version, thresholds=thresholds)
        (target / META).write_text(json.dumps(meta, indent=2, sort_keys=True), encoding="utf-8")
        write_checksums(target)
    return target
