"""Webhook signature verification: HMAC-SHA256 over the raw request body.

Verify, then parse: the route calls ``verify_signature`` on the bytes exactly as received,
before any JSON decoding, and compares in constant time.
"""

from __future__ import annotations

import hashlib
import hmac

PREFIX = "sha256="


def sign(secret: str, body: bytes) -> str:
    """The ``X-Hub-Signature-256`` value GitHub would send for ``body``."""
    digest = hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()
    return PREFIX + digest


def verify_signature(secret: str, body: bytes, header: str | None) -> bool:
    """True when ``header`` is a valid signature of ``body`` under ``secret``.

    An empty secret never verifies: an unconfigured service must not accept unsigned events.
    """
    if not secret or not header or not header.startswith(PREFIX):
        return False
    expected = sign(secret, body)
    # compare_digest on bytes: constant time regardless of where the first difference is.
    return hmac.compare_digest(expected.encode("ascii"), header.strip().encode("ascii", "replace"))
