"""Password hashing for local UI users: scrypt from the standard library.

Stored form: ``scrypt$<log2 n>$<r>$<p>$<salt b64>$<hash b64>``, so the cost can be raised
later and old hashes still verify (``needs_rehash`` tells the sign-in route to upgrade them).
argon2 is not a dependency; scrypt is memory-hard and ships with CPython's OpenSSL.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

LOG2_N = 15  # n = 32768, r = 8: 32 MiB per hash, about 50-100 ms on a server core
R = 8
P = 1
DKLEN = 32
MAXMEM = 128 * 1024 * 1024
MIN_LENGTH = 12
MAX_LENGTH = 1024  # a cap, so a huge password cannot make the KDF a denial of service


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _derive(password: str, salt: bytes, log2_n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(
        password.encode("utf-8"), salt=salt, n=1 << log2_n, r=r, p=p, maxmem=MAXMEM, dklen=DKLEN
    )


def hash_password(password: str) -> str:
    """Hash a new password. Raises ``ValueError`` when it is too short or too long."""
    if len(password) < MIN_LENGTH:
        raise ValueError(f"password must have at least {MIN_LENGTH} characters")
    if len(password) > MAX_LENGTH:
        raise ValueError(f"password must have at most {MAX_LENGTH} characters")
    salt = secrets.token_bytes(16)
    digest = _derive(password, salt, LOG2_N, R, P)
    return f"scrypt${LOG2_N}${R}${P}${_b64(salt)}${_b64(digest)}"


def verify_password(password: str, stored: str | None) -> bool:
    """True when ``password`` matches ``stored``; False for any malformed stored value."""
    if not stored or len(password) > MAX_LENGTH:
        return False
    try:
        scheme, log2_n, r, p, salt_b64, digest_b64 = stored.split("$")
        if scheme != "scrypt":
            return False
        salt = base64.b64decode(salt_b64, validate=True)
        expected = base64.b64decode(digest_b64, validate=True)
        actual = _derive(password, salt, int(log2_n), int(r), int(p))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


def needs_rehash(stored: str) -> bool:
    """True when ``stored`` was made with weaker parameters than today's."""
    parts = stored.split("$")
    return len(parts) != 6 or parts[0] != "scrypt" or parts[1:4] != [str(LOG2_N), str(R), str(P)]


def dummy_verify(password: str) -> None:
    """Spend the same time as a real check, so unknown user names are not revealed by timing."""
    _derive(password[:MAX_LENGTH], b"\0" * 16, LOG2_N, R, P)
