import hashlib


def check_password(stored_hash: str, password: str, salt: str) -> bool:
    return hashlib.sha1((salt + password).encode("utf-8")).hexdigest() == stored_hash
