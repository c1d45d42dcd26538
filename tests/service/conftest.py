"""Database and API fixtures for every test under tests/service/** (reuse them; don't rebuild).

Backends: every fixture below that touches the database is parametrised over ``sqlite`` (always)
and ``postgresql`` (only when ``REVIEWER_TEST_DATABASE_URL`` is set, e.g.
``postgresql://postgres@127.0.0.1:5432/test``; otherwise those cases are skipped). A test that
uses them runs once per backend.

Isolation: each test session gets a *fresh database* per backend — a new SQLite file, or a new
PostgreSQL schema (``t_<random>``, selected through ``search_path`` in the URL and dropped at the
end) — brought to head by the real Alembic migrations. Nothing is ever cleaned with DELETE:

- ``db_session``: a Session inside an outer transaction that is rolled back after the test;
  ``session.commit()`` inside the test only releases a SAVEPOINT. Use it for data-access and
  use-case tests that run in one thread.
- ``runtime`` / ``app`` / ``client``: the real service with its own sessions and threads, which
  commit for real into the session's fresh database. Tests keep out of each other's way by
  using ``unique_repo()`` names and their own tokens.

Fixtures:
    db_backend        "sqlite" | "postgresql" (session scope, parametrised)
    db_url            URL of the fresh, migrated database for this backend (session scope)
    db_engine         Engine on db_url (session scope)
    db_session        rolled-back Session (function scope)
    empty_engine      Engine on another fresh, *empty* database of the same backend (function scope)
    service_settings  Settings on db_url; fast scanners (reviewer-secrets,bandit,silencers); tmp data_dir
    runtime           reviewer.service.runtime.Runtime on db_engine
    app               create_app(service_settings, runtime=runtime) — in-process executor
    client            fastapi TestClient(app) with the lifespan running (executor threads started)
    make_token        make_token(role="triager", repos=()) -> clear bearer token (committed)
    auth              auth(token) -> {"Authorization": "Bearer ..."}
    unique_repo       unique_repo(prefix="acme") -> a never-used "owner/name"
    sample_diff       bytes of a small diff with a hard-coded secret and a shell=True call
    big_diff          big_diff(files=12, lines=400) -> bytes: a diff that keeps semgrep busy for seconds
    wait_finished     wait_finished(client, headers, review_id, timeout_s=60) -> review JSON
"""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from reviewer.db import migrate
from reviewer.db.engine import engine_for_url
from reviewer.settings import Settings

PG_ENV = "REVIEWER_TEST_DATABASE_URL"
FAST_SCANNERS = "reviewer-secrets,bandit,silencers"
SAMPLE_DIFF = b"""diff --git a/app/settings.py b/app/settings.py
new file mode 100644
--- /dev/null
+++ b/app/settings.py
@@ -0,0 +1,7 @@
+import subprocess
+
+API_PASSWORD = "hunter2-but-longer-and-real"
+
+
+def run(cmd):
+    return subprocess.call(cmd, shell=True)
"""


def _pg_url_with_schema(base: str, schema: str) -> str:
    url = make_url(base).set(drivername="postgresql+psycopg")
    return url.update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(hide_password=False)


def fresh_database(backend: str, tmp_dir: Path) -> tuple[str, Callable[[], None]]:
    """A new empty database for ``backend``: (url, drop). Public for tests needing another one."""
    if backend == "sqlite":
        path = tmp_dir / f"reviewer-{uuid.uuid4().hex[:8]}.db"
        return f"sqlite:///{path}", lambda: None
    base = os.environ.get(PG_ENV)
    if not base:
        pytest.skip(f"{PG_ENV} not set")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = engine_for_url(base)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))

    def drop() -> None:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()

    return _pg_url_with_schema(base, schema), drop


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def db_backend(request: pytest.FixtureRequest) -> str:
    if request.param == "postgresql" and not os.environ.get(PG_ENV):
        pytest.skip(f"{PG_ENV} not set")
    return str(request.param)


@pytest.fixture(scope="session")
def db_url(db_backend: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    url, drop = fresh_database(db_backend, tmp_path_factory.mktemp(f"db-{db_backend}"))
    engine = engine_for_url(url)
    migrate.upgrade(engine)
    engine.dispose()
    yield url
    drop()


@pytest.fixture(scope="session")
def db_engine(db_url: str) -> Iterator[Engine]:
    engine = engine_for_url(db_url, sqlite_savepoints=True)
    yield engine
    engine.dispose()


@pytest.fixture
def db_session(db_engine: Engine) -> Iterator[Session]:
    conn = db_engine.connect()
    outer = conn.begin()
    session = Session(bind=conn, join_transaction_mode="create_savepoint", expire_on_commit=False)
    try:
        yield session
    finally:
        session.close()
        outer.rollback()
        conn.close()


@pytest.fixture
def empty_engine(db_backend: str, tmp_path: Path) -> Iterator[Engine]:
    url, drop = fresh_database(db_backend, tmp_path)
    engine = engine_for_url(url)
    yield engine
    engine.dispose()
    drop()


@pytest.fixture
def service_settings(db_url: str, tmp_path: Path) -> Settings:
    return Settings(
        env="test",
        data_dir=tmp_path / "data",
        database_url=db_url,
        scanners=FAST_SCANNERS,
        executor="inprocess",
        inprocess_workers=1,
        rate_limit_per_minute=100_000,
        rate_limit_burst=10_000,
    )


@pytest.fixture
def runtime(service_settings: Settings, db_url: str) -> Iterator[Any]:
    from reviewer.service.runtime import build_runtime

    rt = build_runtime(service_settings, engine=engine_for_url(db_url))
    yield rt
    rt.close()


@pytest.fixture
def app(service_settings: Settings, runtime: Any) -> Any:
    from reviewer.api.app import create_app

    return create_app(service_settings, runtime=runtime)


@pytest.fixture
def client(app: Any) -> Iterator[Any]:
    from fastapi.testclient import TestClient

    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


@pytest.fixture
def make_token(runtime: Any) -> Callable[..., str]:
    from reviewer.auth.principal import Role
    from reviewer.auth.tokens import create_token

    def make(role: str = "triager", repos: tuple[str, ...] | list[str] = (), name: str = "test") -> str:
        with runtime.sessions.begin() as s:
            _, clear = create_token(name, Role.parse(role), list(repos), session=s)
        return clear

    return make


@pytest.fixture
def auth() -> Callable[[str], dict[str, str]]:
    return lambda token: {"Authorization": f"Bearer {token}"}


@pytest.fixture
def unique_repo() -> Callable[..., str]:
    return lambda prefix="acme": f"{prefix}/repo-{uuid.uuid4().hex[:10]}"


@pytest.fixture
def sample_diff() -> bytes:
    return SAMPLE_DIFF


def _big_diff(files: int = 12, lines: int = 400) -> bytes:
    out = []
    for i in range(files):
        body = [f"import subprocess\nTOKEN_{i} = 'ghp_{i:02d}aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789'\n"]
        body += [
            f"def handler_{i}_{j}(cmd):\n    return subprocess.call(cmd, shell={j % 25 == 0})\n"
            for j in range(lines // 2)
        ]
        text = "".join(body).splitlines()
        out.append(
            f"diff --git a/svc/m{i}.py b/svc/m{i}.py\nnew file mode 100644\n"
            f"--- /dev/null\n+++ b/svc/m{i}.py\n"
            f"@@ -0,0 +1,{len(text)} @@\n" + "".join(f"+{t}\n" for t in text)
        )
    return "".join(out).encode()


@pytest.fixture
def big_diff() -> Callable[..., bytes]:
    return _big_diff


@pytest.fixture
def wait_finished() -> Callable[..., dict[str, Any]]:
    def wait(client: Any, headers: dict[str, str], review_id: str, timeout_s: float = 60.0) -> dict[str, Any]:
        deadline = time.monotonic() + timeout_s
        while True:
            body = client.get(f"/api/v1/reviews/{review_id}", headers=headers).json()
            if body.get("status") in ("complete", "partial", "failed"):
                return body
            if time.monotonic() > deadline:
                raise AssertionError(f"review {review_id} still {body.get('status')} after {timeout_s}s")
            time.sleep(0.05)

    return wait
