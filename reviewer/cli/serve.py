"""``reviewer serve``, ``reviewer worker`` and ``reviewer db ...``: running the service.

``serve`` on the embedded default (SQLite under the data folder) brings the schema up to date
before it starts; with an explicit database URL, run ``reviewer db upgrade`` as a deploy step
(``serve --migrate`` does it too).
"""

from __future__ import annotations

import click

from reviewer.errors import ConfigError
from reviewer.settings import Settings


def _engine(settings: Settings):  # noqa: ANN202 - sqlalchemy Engine, imported lazily
    from reviewer.db.engine import make_engine

    return make_engine(settings)


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option(
    "--migrate/--no-migrate", default=None, help="Upgrade the schema first [default: on for SQLite]."
)
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="uvicorn processes (Celery executor only; the in-process executor needs one).",
)
def serve(host: str, port: int, migrate: bool | None, workers: int) -> int:
    """Run the API (and, by default, the in-process review runner)."""
    import uvicorn

    from reviewer.api.app import create_app
    from reviewer.db import migrate as migrations
    from reviewer.db.engine import is_sqlite

    settings = Settings()
    settings.check_secrets()
    if workers > 1 and settings.executor == "inprocess":
        raise ConfigError(
            "--workers > 1 needs REVIEWER_EXECUTOR=celery (the in-process queue is per process)"
        )
    engine = _engine(settings)
    if migrate or (migrate is None and is_sqlite(engine)):
        migrations.upgrade(engine)
    engine.dispose()
    if workers > 1:
        uvicorn.run(
            "reviewer.api.asgi:make_app",
            host=host,
            port=port,
            workers=workers,
            proxy_headers=True,
            log_level="info",
            factory=True,
        )
        return 0
    uvicorn.run(create_app(settings), host=host, port=port, proxy_headers=True, log_level="info")
    return 0


@click.command()
@click.option(
    "--concurrency",
    "-c",
    default=2,
    show_default=True,
    type=click.IntRange(1, 256),
    help="Worker processes (or threads with --pool threads).",
)
@click.option(
    "--pool", default="prefork", show_default=True, type=click.Choice(["prefork", "threads", "solo"])
)
@click.option(
    "--metrics-port", default=0, type=click.IntRange(0, 65535), help="Serve Prometheus metrics here."
)
@click.option("--loglevel", default="INFO", show_default=True)
def worker(concurrency: int, pool: str, metrics_port: int, loglevel: str) -> int:
    """Run a Celery worker that reviews queued changes (REVIEWER_REDIS_URL)."""
    from reviewer.jobs.celery_app import QUEUE, make_celery

    settings = Settings()
    settings.check_secrets()
    observers = []
    if metrics_port:
        if pool == "prefork":  # child processes would each keep their own, unscraped, registry
            raise ConfigError("--metrics-port needs --pool threads or solo")
        from prometheus_client import start_http_server

        from reviewer.api.metrics import Metrics

        metrics = Metrics()
        observers.append(metrics.observe)
        start_http_server(metrics_port, registry=metrics.registry)
    app = make_celery(settings, observers=observers)
    app.worker_main(
        [
            "worker",
            f"--loglevel={loglevel}",
            f"--concurrency={concurrency}",
            f"--pool={pool}",
            "-Q",
            QUEUE,
            "--without-gossip",
            "--without-mingle",
        ]
    )
    return 0


@click.group()
def db() -> None:
    """Database schema: upgrade, downgrade, check, revision."""


@db.command()
@click.argument("revision", default="head")
def upgrade(revision: str) -> int:
    """Upgrade the schema (default: to the latest revision)."""
    from reviewer.db import migrate

    migrate.upgrade(_engine(Settings()), revision)
    click.echo(f"database at {revision}")
    return 0


@db.command()
@click.argument("revision")
def downgrade(revision: str) -> int:
    """Downgrade the schema to REVISION (e.g. -1, or base to drop everything)."""
    from reviewer.db import migrate

    migrate.downgrade(_engine(Settings()), revision)
    click.echo(f"database at {revision}")
    return 0


@db.command()
def check() -> int:
    """Exit 0 when the database is at head and the models match the migrations, else 1."""
    from reviewer.db import migrate

    problem = migrate.check(_engine(Settings()))
    if problem:
        click.echo(f"models and migrations differ: {problem}", err=True)
        return 1
    click.echo("models and migrations agree")
    return 0


@db.command()
@click.option("-m", "--message", required=True, help="What the revision changes.")
def revision(message: str) -> int:
    """Autogenerate a migration from the models (against a scratch SQLite at head)."""
    import tempfile
    from pathlib import Path

    from reviewer.db import migrate
    from reviewer.db.engine import engine_for_url

    with tempfile.TemporaryDirectory() as tmp:
        engine = engine_for_url(f"sqlite:///{Path(tmp) / 'scratch.db'}")
        migrate.upgrade(engine)
        path = migrate.revision(engine, message)
        engine.dispose()
    click.echo(str(path))
    return 0
