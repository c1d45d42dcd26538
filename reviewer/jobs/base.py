"""The executor Protocol and the factory that picks one from Settings."""

from __future__ import annotations

from typing import Protocol

from reviewer.service.runtime import Runtime


class Executor(Protocol):
    """Runs review jobs somewhere. ``submit`` is called after the review row is committed."""

    def start(self) -> None:
        """Begin accepting work; pick up reviews accepted but not finished."""

    def submit(self, review_id: str) -> None: ...

    def queue_depth(self) -> int:
        """Reviews waiting to start (for /metrics)."""

    def stop(self) -> None: ...


def make_executor(runtime: Runtime) -> Executor:
    if runtime.settings.executor == "celery":
        from reviewer.jobs.celery_app import CeleryExecutor

        return CeleryExecutor(runtime)
    from reviewer.jobs.inprocess import InProcessExecutor

    return InProcessExecutor(runtime, workers=runtime.settings.inprocess_workers)
