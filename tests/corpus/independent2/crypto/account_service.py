"""Account registration and sign-in helpers used by the auth routes."""
import hashlib
import hmac
import os

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import User


class AuthError(Exception):
    pass


def hash_password(password: str, salt: bytes | None = None) -> str:
    """Return ``salt$hexdigest`` for storage in users.password_hash."""
    salt = salt or os.urandom(16)
    digest = hashlib.sha256(salt + password.encode("utf-8")).hexdigest()
    return f"{salt.hex()}${digest}"


def verify_password(password: str, stored: str) -> bool:
    salt_hex, _ = stored.split("$", 1)
    candidate = hash_password(password, bytes.fromhex(salt_hex))
    return hmac.compare_digest(candidate, stored)


def register(db: Session, email: str, password: str) -> User:
    if len(password) < 12:
        raise AuthError("password must be at least 12 characters")
    if db.scalar(select(User).where(User.email == email.lower())):
        raise AuthError("email already registered")
    user = User(email=email.lower(), password_hash=hash_password(password))
    db.add(user)
    db.commit()
    return user


def authenticate(db: Session, email: str, password: str) -> User:
    user = db.scalar(select(User).where(User.email == email.lower()))
    if user is None or not verify_password(password, user.password_hash):
        raise AuthError("invalid email or password")
    return user
