"""What a process needs to run use cases: settings, database sessions, the pipeline config.

Built once by the entry point (``create_app``, the Celery worker, a CLI command) and passed
down; the ReviewConfig (scanners, checklist) is built lazily on first use and cached.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from reviewer.db.engine import make_engine, make_session_factory
from reviewer.pipeline import ReviewConfig
from reviewer.settings import Settings

# Called after each finished job with (status, {scanner: duration_s}, review duration_s).
JobObserver = Callable[[str, dict[str, float], float], None]


@dataclass
class Runtime:
    settings: Settings
    engine: Engine
    sessions: sessionmaker[Session]
    observers: list[JobObserver] = field(default_factory=list)
    _config: ReviewConfig | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def review_config(self) -> ReviewConfig:
        with self._lock:
            if self._config is None:
                from reviewer.config_builder import build_review_config

                self._config = build_review_config(self.settings)
            return self._config

    def observe(self, status: str, scanner_durations: dict[str, float], duration_s: float) -> None:
        for observer in self.observers:
            observer(status, scanner_durations, duration_s)

    def close(self) -> None:
        self.engine.dispose()


def build_runtime(settings: Settings, engine: Engine | None = None) -> Runtime:
    engine = engine or make_engine(settings)
    return Runtime(settings=settings, engine=engine, sessions=make_session_factory(engine))
