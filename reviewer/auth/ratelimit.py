"""Per-token rate limits: a token bucket in memory, or in Redis when API replicas share a limit.

The bucket holds ``burst`` requests and refills at ``rate_per_s``. The Redis variant runs the
same arithmetic in one Lua script, so replicas behind a load balancer share one bucket per token.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any, Protocol

from reviewer.errors import RateLimited

log = logging.getLogger(__name__)


class RateLimiter(Protocol):
    def hit(self, key: str) -> None:
        """Take one request from ``key``'s bucket, or raise RateLimited."""


class MemoryRateLimiter:
    def __init__(self, rate_per_s: float, burst: int) -> None:
        self.rate = rate_per_s
        self.burst = float(burst)
        self._buckets: dict[str, tuple[float, float]] = {}  # key -> (tokens, last refill)
        self._lock = threading.Lock()

    def hit(self, key: str) -> None:
        now = time.monotonic()
        with self._lock:
            tokens, last = self._buckets.get(key, (self.burst, now))
            tokens = min(self.burst, tokens + (now - last) * self.rate)
            if tokens < 1.0:
                self._buckets[key] = (tokens, now)
                raise RateLimited(retry_after_s=(1.0 - tokens) / self.rate)
            self._buckets[key] = (tokens - 1.0, now)


_LUA = """
local tokens = tonumber(redis.call('HGET', KEYS[1], 't') or ARGV[2])
local last = tonumber(redis.call('HGET', KEYS[1], 'l') or ARGV[3])
local rate, burst, now = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
tokens = math.min(burst, tokens + math.max(0, now - last) * rate)
local allowed = 0
if tokens >= 1 then tokens = tokens - 1; allowed = 1 end
redis.call('HSET', KEYS[1], 't', tostring(tokens), 'l', tostring(now))
redis.call('EXPIRE', KEYS[1], math.ceil(burst / rate) + 1)
return {allowed, tostring(tokens)}
"""


class RedisRateLimiter:
    def __init__(self, client: Any, rate_per_s: float, burst: int, prefix: str = "reviewer:rl:") -> None:
        self.rate = rate_per_s
        self.burst = burst
        self.prefix = prefix
        self._script = client.register_script(_LUA)
        self._last_warning = 0.0

    def hit(self, key: str) -> None:
        import redis

        try:
            allowed, tokens = self._script(
                keys=[self.prefix + key], args=[self.rate, self.burst, time.time()]
            )
        except redis.RedisError as exc:
            # Fail open: a Redis outage must not lock every caller out (reviews queue there
            # too, and readiness reports it); the limit resumes when Redis is back.
            now = time.monotonic()
            if now - self._last_warning > 60:
                self._last_warning = now
                log.warning("rate limit not enforced: Redis unavailable (%s)", type(exc).__name__)
            return
        if int(allowed) != 1:
            raise RateLimited(retry_after_s=(1.0 - float(tokens)) / self.rate)
