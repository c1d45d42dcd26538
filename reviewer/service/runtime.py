"""What a process needs to run use cases: settings, database sessions, the pipeline config.

Built once by the entry point (``create_app``, the Celery worker, a CLI command) and passed
down; the ReviewConfig (scanners, checklist) is built lazily on first use and cached.
"""

from __future__ import annotations

import dataclasses
import importlib
import threading
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from typing import Any, Protocol

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from reviewer.db.engine import is_sqlite, make_engine, make_session_factory
from reviewer.findings import ReviewOutcome
from reviewer.pipeline import ReviewConfig
from reviewer.settings import Settings

# Called after each finished job with (status, {scanner: duration_s}, review duration_s).
JobObserver = Callable[[str, dict[str, float], float], None]

# Review hooks: module -> factory(settings) returning a ReviewHook. Explicit, like the routers;
# a module not present in this checkout is skipped.
REVIEW_HOOKS: dict[str, str] = {
    "reviewer.modelops.review_hook": "make_hook",
}


class ReviewHook(Protocol):
    """Extends the review job without the job knowing what for (e.g. model-version routing).

    ``prepare`` runs in the claim transaction and may return a per-review config; ``finish``
    runs in the store transaction, after the outcome is stored. Both flush, never commit.
    """

    def prepare(self, review: Any, config: ReviewConfig, *, session: Session) -> ReviewConfig: ...

    def finish(
        self, review: Any, outcome: ReviewOutcome, config: ReviewConfig, *, session: Session
    ) -> None: ...

    def close(self) -> None: ...


def load_hooks(settings: Settings) -> list[ReviewHook]:
    hooks = []
    for module_name, attr in REVIEW_HOOKS.items():
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name == module_name:
                continue
            raise
        hooks.append(getattr(module, attr)(settings))
    return hooks


@dataclass
class Runtime:
    settings: Settings
    engine: Engine
    sessions: sessionmaker[Session]
    observers: list[JobObserver] = field(default_factory=list)
    hooks: list[ReviewHook] = field(default_factory=list)
    _config: ReviewConfig | None = None
    _checklist_configs: dict[str, ReviewConfig] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _write_lock: threading.Lock = field(default_factory=threading.Lock)

    def writing(self) -> AbstractContextManager[Any]:
        """Wrap a write transaction. On SQLite, threads of this process take turns on a Python
        lock (woken the moment it is free) instead of SQLite's busy handler, which polls with
        sleeps of up to 100 ms and turns lock contention into long latency tails."""
        if is_sqlite(self.engine):
            return self._write_lock
        return nullcontext()

    def review_config(self) -> ReviewConfig:
        with self._lock:
            if self._config is None:
                from reviewer.config_builder import build_review_config

                self._config = build_review_config(self.settings)
            return self._config

    def config_for(self, checklist_slug: str | None, checklist_version: str | None) -> ReviewConfig:
        """The config for a review that chose its checklist (None: the service's). Cached per
        reference; a checklist missing or invalid on disk raises its ReviewerError."""
        base = self.review_config()
        if not checklist_slug:
            return base
        ref = checklist_slug + (f"@{checklist_version}" if checklist_version else "")
        with self._lock:
            config = self._checklist_configs.get(ref)
        if config is None:
            from reviewer.config_builder import load_checklist

            config = dataclasses.replace(base, checklist=load_checklist(self.settings, ref))
            with self._lock:
                self._checklist_configs[ref] = config
        return config

    def observe(self, status: str, scanner_durations: dict[str, float], duration_s: float) -> None:
        for observer in self.observers:
            observer(status, scanner_durations, duration_s)

    def close(self) -> None:
        for hook in self.hooks:
            hook.close()
        self.engine.dispose()


def build_runtime(settings: Settings, engine: Engine | None = None) -> Runtime:
    engine = engine or make_engine(settings)
    return Runtime(
        settings=settings, engine=engine, sessions=make_session_factory(engine), hooks=load_hooks(settings)
    )
