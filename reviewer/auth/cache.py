"""A short-lived cache of verified tokens, so a busy client costs no lookup per request.

Keyed by the token's SHA-256 (the clear value is never kept). The time to live bounds how long
a revoked token keeps working in this process (default 2 s; 0 turns the cache off).
"""

from __future__ import annotations

import threading
import time

from reviewer.auth.principal import Principal

MAX_ENTRIES = 10_000


class PrincipalCache:
    def __init__(self, ttl_s: float) -> None:
        self.ttl_s = ttl_s
        self._entries: dict[str, tuple[float, Principal]] = {}
        self._lock = threading.Lock()

    def get(self, token_hash: str) -> Principal | None:
        if self.ttl_s <= 0:
            return None
        with self._lock:
            entry = self._entries.get(token_hash)
        if entry is None or entry[0] < time.monotonic():
            return None
        return entry[1]

    def put(self, token_hash: str, principal: Principal) -> None:
        if self.ttl_s <= 0:
            return
        with self._lock:
            if len(self._entries) >= MAX_ENTRIES:
                self._entries.clear()  # bounded memory; the next requests simply look up again
            self._entries[token_hash] = (time.monotonic() + self.ttl_s, principal)
