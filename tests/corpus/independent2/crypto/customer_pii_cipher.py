"""Field-level encryption for customer national ID numbers.

Used by the Customer model's ``national_id`` property before values are
written to the database.
"""
import base64
import os

from Crypto.Cipher import DES3
from Crypto.Util.Padding import pad, unpad


def _load_key() -> bytes:
    key = base64.b64decode(os.environ["PII_ENCRYPTION_KEY"])
    return DES3.adjust_key_parity(key)


_KEY = _load_key()


def encrypt_field(plaintext: str) -> str:
    """Encrypt a short string and return base64 text for a VARCHAR column."""
    cipher = DES3.new(_KEY, DES3.MODE_ECB)
    ciphertext = cipher.encrypt(pad(plaintext.encode("utf-8"), DES3.block_size))
    return base64.b64encode(ciphertext).decode("ascii")


def decrypt_field(token: str) -> str:
    cipher = DES3.new(_KEY, DES3.MODE_ECB)
    plaintext = unpad(cipher.decrypt(base64.b64decode(token)), DES3.block_size)
    return plaintext.decode("utf-8")
