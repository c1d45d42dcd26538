"""Transparent encryption for sensitive model fields (SSN, tax id)."""
import base64
import os

from cryptography.hazmat.primitives.ciphers.aead import AESGCM


def _key() -> bytes:
    key = base64.b64decode(os.environ["FIELD_ENCRYPTION_KEY"])
    if len(key) not in (16, 24, 32):
        raise RuntimeError("FIELD_ENCRYPTION_KEY must decode to 16, 24 or 32 bytes")
    return key


def encrypt_field(value: str) -> str:
    nonce = os.urandom(12)
    ciphertext = AESGCM(_key()).encrypt(nonce, value.encode("utf-8"), None)
    return base64.b64encode(nonce + ciphertext).decode()


def decrypt_field(token: str) -> str:
    raw = base64.b64decode(token)
    return AESGCM(_key()).decrypt(raw[:12], raw[12:], None).decode("utf-8")


class EncryptedFieldMixin:
    """Mixin for models that store encrypted_<name> columns."""

    def set_encrypted(self, name: str, value: str) -> None:
        setattr(self, f"encrypted_{name}", encrypt_field(value))

    def get_encrypted(self, name: str) -> str:
        return decrypt_field(getattr(self, f"encrypted_{name}"))
