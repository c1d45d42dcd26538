"""Dynamic batching: merge concurrent requests into one model call.

A request waits at most ``max_queue_delay_ms`` for others to join it; a batch closes early when
it holds ``max_batch_size`` rows. The model runs in one worker thread, so the event loop keeps
accepting requests while a batch computes — and the next batch fills up meanwhile, which is
where the throughput comes from. With batching off every request is run on its own, in order.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np


@dataclass
class BatchStats:
    requests: int = 0
    rows: int = 0
    batches: int = 0
    busy_s: float = 0.0
    batch_sizes: dict[int, int] = field(default_factory=dict)


@dataclass
class _Pending:
    texts: Sequence[str]
    future: asyncio.Future[np.ndarray]


class DynamicBatcher:
    def __init__(
        self,
        infer: Callable[[list[str]], np.ndarray],
        max_batch_size: int = 32,
        max_queue_delay_ms: float = 5.0,
        enabled: bool = True,
    ) -> None:
        self._infer = infer
        self.max_batch_size = max(1, max_batch_size)
        self.max_queue_delay_s = max(0.0, max_queue_delay_ms) / 1000.0
        self.enabled = enabled
        self.stats = BatchStats()
        self._queue: asyncio.Queue[_Pending] | None = None
        self._task: asyncio.Task[None] | None = None
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="model")

    async def start(self) -> None:
        self._queue = asyncio.Queue()
        self._task = asyncio.create_task(self._loop())

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        self._pool.shutdown(wait=False)

    async def submit(self, texts: Sequence[str]) -> np.ndarray:
        if self._queue is None:
            raise RuntimeError("batcher not started")
        future: asyncio.Future[np.ndarray] = asyncio.get_running_loop().create_future()
        await self._queue.put(_Pending(texts, future))
        return await future

    async def _collect(self, first: _Pending) -> list[_Pending]:
        assert self._queue is not None
        batch, rows = [first], len(first.texts)
        if not self.enabled:
            return batch
        deadline = time.monotonic() + self.max_queue_delay_s
        while rows < self.max_batch_size:
            if self._queue.empty():
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    break
                try:
                    item = await asyncio.wait_for(self._queue.get(), remaining)
                except TimeoutError:
                    break
            else:
                item = self._queue.get_nowait()
            if rows + len(item.texts) > self.max_batch_size:
                await self._requeue_front(item)
                break
            batch.append(item)
            rows += len(item.texts)
        return batch

    async def _requeue_front(self, item: _Pending) -> None:
        # asyncio.Queue has no push-front: rebuild it with the item first (rare, cheap)
        assert self._queue is not None
        rest = []
        while not self._queue.empty():
            rest.append(self._queue.get_nowait())
        for x in [item, *rest]:
            self._queue.put_nowait(x)

    async def _loop(self) -> None:
        assert self._queue is not None
        loop = asyncio.get_running_loop()
        while True:
            first = await self._queue.get()
            batch = await self._collect(first)
            texts = [t for p in batch for t in p.texts]
            started = time.perf_counter()
            try:
                probs = await loop.run_in_executor(self._pool, self._infer, texts)
            except Exception as exc:  # the model failed: every waiting request gets the error
                for p in batch:
                    if not p.future.done():
                        p.future.set_exception(exc)
                continue
            self._record(len(batch), len(texts), time.perf_counter() - started)
            offset = 0
            for p in batch:
                n = len(p.texts)
                if not p.future.done():
                    p.future.set_result(probs[offset : offset + n])
                offset += n

    def _record(self, requests: int, rows: int, busy_s: float) -> None:
        s = self.stats
        s.requests += requests
        s.rows += rows
        s.batches += 1
        s.busy_s += busy_s
        s.batch_sizes[rows] = s.batch_sizes.get(rows, 0) + 1
