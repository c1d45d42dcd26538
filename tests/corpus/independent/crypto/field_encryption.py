"""Transparent encryption for sensitive model fields (SSN, tax id)."""
import base64
import os

from cryptography.hazmat.primitives import padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes


def _key() -> bytes:
    key = base64.b64decode(os.environ["FIELD_ENCRYPTION_KEY"])
    if len(key) not in (16, 24, 32):
        raise RuntimeError("FIELD_ENCRYPTION_KEY must decode to 16, 24 or 32 bytes")
    return key


def encrypt_field(value: str) -> str:
    padder = padding.PKCS7(128).padder()
    data = padder.update(value.encode("utf-8")) + padder.finalize()
    encryptor = Cipher(algorithms.AES(_key()), modes.ECB()).encryptor()
    return base64.b64encode(encryptor.update(data) + encryptor.finalize()).decode()


def decrypt_field(token: str) -> str:
    decryptor = Cipher(algorithms.AES(_key()), modes.ECB()).decryptor()
    data = decryptor.update(base64.b64decode(token)) + decryptor.finalize()
    unpadder = padding.PKCS7(128).unpadder()
    return (unpadder.update(data) + unpadder.finalize()).decode("utf-8")


class EncryptedFieldMixin:
    """Mixin for models that store encrypted_<name> columns."""

    def set_encrypted(self, name: str, value: str) -> None:
        setattr(self, f"encrypted_{name}", encrypt_field(value))

    def get_encrypted(self, name: str) -> str:
        return decrypt_field(getattr(self, f"encrypted_{name}"))
