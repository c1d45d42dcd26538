"""BackendCache: one load per version, and a slow load never blocks versions already loaded."""

from __future__ import annotations

import threading
import time
from typing import Any

from reviewer.modelops.backends import BackendCache, VersionSource


class _SlowCache(BackendCache):
    def __init__(self) -> None:
        super().__init__()
        self.loads: list[str] = []
        self.release = threading.Event()

    def _load(self, source: VersionSource, threads: int | None) -> Any:
        self.loads.append(source.ref)
        if source.ref == "slow":
            assert self.release.wait(10)
        return object()


def _source(ref: str) -> VersionSource:
    return VersionSource(ref=ref, name="m", checksum="c" * 64, path=None)


def test_a_slow_load_does_not_block_a_loaded_version_and_loads_once():
    cache = _SlowCache()
    fast = cache.get(_source("fast"))
    got: list[Any] = []
    slow_threads = [threading.Thread(target=lambda: got.append(cache.get(_source("slow")))) for _ in range(3)]
    for t in slow_threads:
        t.start()
    time.sleep(0.1)  # the slow load is in progress now
    started = time.monotonic()
    assert cache.get(_source("fast")) is fast
    assert time.monotonic() - started < 0.5
    cache.release.set()
    for t in slow_threads:
        t.join(10)
    assert len(got) == 3 and got[0] is got[1] is got[2]
    assert cache.loads.count("slow") == 1 and cache.loads.count("fast") == 1
