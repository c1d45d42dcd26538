"""Alembic environment: the URL comes from reviewer Settings, never from alembic.ini.

Callers may pass a ready connection (``config.attributes["connection"]``, used by tests and
by ``reviewer serve``) or Settings (``config.attributes["settings"]``); otherwise Settings are
read from the REVIEWER_* environment.
"""

from __future__ import annotations

from alembic import context

from reviewer.db.engine import engine_for_url
from reviewer.db.models import load_all
from reviewer.settings import Settings

config = context.config
target_metadata = load_all().metadata


def _configure(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters tables by copy
        compare_type=True,
    )


def run_migrations_offline() -> None:
    settings = config.attributes.get("settings") or Settings()
    context.configure(
        url=settings.resolved_database_url(),
        target_metadata=target_metadata,
        literal_binds=True,
        dialect_opts={"paramstyle": "named"},
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection)
        with context.begin_transaction():
            context.run_migrations()
        return
    settings = config.attributes.get("settings") or Settings()
    engine = engine_for_url(settings.resolved_database_url())
    try:
        with engine.connect() as conn:
            _configure(conn)
            with context.begin_transaction():
                context.run_migrations()
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
