import hashlib
import os


def hash_password(password: str) -> str:
    """Hash a password for storage (PBKDF2-HMAC-SHA256, 600k iterations)."""
    salt = os.urandom(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 600_000)
    return salt.hex() + ":" + digest.hex()
