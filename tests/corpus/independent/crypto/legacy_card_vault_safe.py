"""Encrypt stored card references for the legacy billing system."""
import base64
import os

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

VAULT_KEY = bytes.fromhex(os.environ["CARD_VAULT_KEY"])
if len(VAULT_KEY) != 32:
    raise RuntimeError("CARD_VAULT_KEY must be 32 bytes (64 hex characters)")
_aead = AESGCM(VAULT_KEY)


def encrypt_card_reference(card_ref: str) -> str:
    """Encrypt a card reference for storage; returns base64(nonce || ciphertext)."""
    nonce = os.urandom(12)
    ciphertext = _aead.encrypt(nonce, card_ref.encode("utf-8"), b"card-ref")
    return base64.b64encode(nonce + ciphertext).decode("ascii")


def decrypt_card_reference(token: str) -> str:
    raw = base64.b64decode(token)
    nonce, ciphertext = raw[:12], raw[12:]
    return _aead.decrypt(nonce, ciphertext, b"card-ref").decode("utf-8")
