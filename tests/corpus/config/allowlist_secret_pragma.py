import os

DB_USER = "reporting"
DB_PASSWORD = os.environ.get("DB_PASSWORD", "unused")  # pragma: allowlist secret
