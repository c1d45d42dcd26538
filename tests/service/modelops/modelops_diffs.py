"""A change with several Python units for the classifier to score (helpers for the tests)."""

from __future__ import annotations

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
