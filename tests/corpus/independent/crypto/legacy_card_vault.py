"""Encrypt stored card references for the legacy billing system."""
import base64
import os

from Crypto.Cipher import DES
from Crypto.Util.Padding import pad, unpad

VAULT_KEY = bytes.fromhex(os.environ["CARD_VAULT_KEY"])[:8]


def encrypt_card_reference(card_ref: str) -> str:
    """Encrypt a card reference for storage; returns base64(iv || ciphertext)."""
    iv = os.urandom(8)
    cipher = DES.new(VAULT_KEY, DES.MODE_CBC, iv)
    ciphertext = cipher.encrypt(pad(card_ref.encode("utf-8"), DES.block_size))
    return base64.b64encode(iv + ciphertext).decode("ascii")


def decrypt_card_reference(token: str) -> str:
    raw = base64.b64decode(token)
    iv, ciphertext = raw[:8], raw[8:]
    cipher = DES.new(VAULT_KEY, DES.MODE_CBC, iv)
    return unpad(cipher.decrypt(ciphertext), DES.block_size).decode("utf-8")
