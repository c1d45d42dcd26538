import os

from cryptography.hazmat.primitives.ciphers.aead import AESGCM


def encrypt_card(number: str, key: bytes) -> bytes:
    nonce = os.urandom(12)
    return nonce + AESGCM(key).encrypt(nonce, number.encode(), None)
