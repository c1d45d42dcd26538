"""Reading GitHub's rate-limit answers: is this a rate limit, and how long to wait.

GitHub answers 403 or 429 for both its primary limit (``x-ratelimit-remaining: 0`` with the
reset time in ``x-ratelimit-reset``, epoch seconds) and its secondary limits (``retry-after``
in seconds, or no header at all, in which case it asks for at least a minute). No I/O.
"""

from __future__ import annotations

import email.utils
from collections.abc import Mapping

SECONDARY_DEFAULT_WAIT_S = 60.0


def is_rate_limited(status: int, headers: Mapping[str, str], text: str) -> bool:
    """429 always; 403 only with rate-limit headers or message (a plain 403 is a permission)."""
    if status == 429:
        return True
    if status != 403:
        return False
    if "retry-after" in headers or headers.get("x-ratelimit-remaining") == "0":
        return True
    return "rate limit" in text.lower()


def wait_seconds(headers: Mapping[str, str], now: float) -> float:
    """How long GitHub asks us to wait before the next request."""
    value = headers.get("retry-after")
    if value:
        try:
            return max(0.0, float(value))
        except ValueError:
            pass
        try:
            return max(0.0, email.utils.parsedate_to_datetime(value).timestamp() - now)
        except (TypeError, ValueError):
            return SECONDARY_DEFAULT_WAIT_S
    if headers.get("x-ratelimit-remaining") == "0" and headers.get("x-ratelimit-reset"):
        try:
            return max(0.0, float(headers["x-ratelimit-reset"]) - now) + 1.0  # +1: the reset second itself
        except ValueError:
            return SECONDARY_DEFAULT_WAIT_S
    return SECONDARY_DEFAULT_WAIT_S
