import bcrypt


def check_password(stored_hash: bytes, password: str) -> bool:
    return bcrypt.checkpw(password.encode("utf-8"), stored_hash)
