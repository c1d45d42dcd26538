"""Field-level encryption for customer national ID numbers.

Used by the Customer model's ``national_id`` property before values are
written to the database.
"""
import base64
import os

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

NONCE_SIZE = 12
ASSOCIATED_DATA = b"customer.national_id"


def _load_key() -> bytes:
    key = base64.b64decode(os.environ["PII_ENCRYPTION_KEY"])
    if len(key) != 32:
        raise RuntimeError("PII_ENCRYPTION_KEY must be 32 bytes (base64-encoded)")
    return key


_AEAD = AESGCM(_load_key())


def encrypt_field(plaintext: str) -> str:
    """Encrypt a short string and return base64 text for a VARCHAR column."""
    nonce = os.urandom(NONCE_SIZE)
    ciphertext = _AEAD.encrypt(nonce, plaintext.encode("utf-8"), ASSOCIATED_DATA)
    return base64.b64encode(nonce + ciphertext).decode("ascii")


def decrypt_field(token: str) -> str:
    raw = base64.b64decode(token)
    nonce, ciphertext = raw[:NONCE_SIZE], raw[NONCE_SIZE:]
    return _AEAD.decrypt(nonce, ciphertext, ASSOCIATED_DATA).decode("utf-8")
