"""Constants and helpers shared by the UI tests (imported by name: this folder is on sys.path)."""

from __future__ import annotations

import re
from typing import Any

SEED_DIFF = """diff --git a/app/users.py b/app/users.py
new file mode 100644
--- /dev/null
+++ b/app/users.py
@@ -0,0 +1,9 @@
+import sqlite3
+
+STRIPE_KEY = "sk_live_4eC39HqLyjWDarjtT1zdp7dc9a8b7c6d"
+
+
+def find_user(conn: sqlite3.Connection, name: str) -> list:
+    query = f"SELECT * FROM users WHERE name = '{name}'"
+    return conn.execute(query).fetchall()
+
"""
SECRET_PARTS = ("4eC39HqLyjWDarjtT1zdp7dc9a8b7c6d", "jWDarjtT1zdp7dc9")
PASSWORD = "a-long-enough-password"


def csrf_of(html: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match, "no CSRF field on the page"
    return match.group(1)


def sign_in(client: Any, username: str, password: str = PASSWORD, next_path: str = "/reviews") -> Any:
    page = client.get("/signin")
    return client.post(
        "/signin",
        data={
            "csrf_token": csrf_of(page.text),
            "method": "password",
            "username": username,
            "password": password,
            "next": next_path,
        },
        follow_redirects=False,
    )
