"""Engine and session factory, built from Settings by the entry point (never at import).

SQLite (the embedded default) gets WAL journaling, enforced foreign keys and a busy timeout so
the API threads and the in-process job runner can share one file; PostgreSQL gets a checked
connection pool.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from reviewer.settings import Settings


def _sqlite_pragmas(dbapi_connection: Any, connection_record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")  # safe with WAL; a crash loses no committed data
        cursor.execute("PRAGMA busy_timeout=15000")
    finally:
        cursor.close()


def _sqlite_driver_transactions_off(dbapi_connection: Any, connection_record: Any) -> None:
    dbapi_connection.isolation_level = None  # SQLAlchemy emits BEGIN itself (see _sqlite_begin)


def _sqlite_begin(conn: Any) -> None:
    conn.exec_driver_sql("BEGIN")


def engine_for_url(url: str, *, sqlite_savepoints: bool = False, **kwargs: Any) -> Engine:
    """Create an engine for ``url`` with the project's per-backend defaults.

    ``sqlite_savepoints``: let SQLAlchemy, not the sqlite3 module, begin transactions, so that
    SAVEPOINTs nest properly (needed by tests that roll back an outer transaction). Off by
    default: the driver's lazy BEGIN (at the first write) lets readers and writers overlap
    better, and production code uses no SAVEPOINTs on SQLite.
    """
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        # check_same_thread=False: the pool hands connections to API and job threads in turn.
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 15}, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
        if sqlite_savepoints:
            event.listen(engine, "connect", _sqlite_driver_transactions_off)
            event.listen(engine, "begin", _sqlite_begin)
        return engine
    if parsed.drivername in ("postgresql", "postgres"):
        url = str(parsed.set(drivername="postgresql+psycopg"))
    kwargs.setdefault("pool_pre_ping", True)
    kwargs.setdefault("pool_size", 10)
    kwargs.setdefault("max_overflow", 20)
    return create_engine(url, **kwargs)


def make_engine(settings: Settings) -> Engine:
    return engine_for_url(settings.resolved_database_url())


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    # expire_on_commit=False: routes return rows after committing them.
    return sessionmaker(bind=engine, expire_on_commit=False)


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"
