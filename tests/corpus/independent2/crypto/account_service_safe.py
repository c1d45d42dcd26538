"""Account registration and sign-in helpers used by the auth routes."""
import bcrypt
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import User


class AuthError(Exception):
    pass


def hash_password(password: str) -> str:
    """Return a bcrypt hash for storage in users.password_hash."""
    return bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt(rounds=12)).decode("ascii")


def verify_password(password: str, stored: str) -> bool:
    return bcrypt.checkpw(password.encode("utf-8"), stored.encode("ascii"))


def register(db: Session, email: str, password: str) -> User:
    if len(password) < 12:
        raise AuthError("password must be at least 12 characters")
    if len(password.encode("utf-8")) > 72:
        raise AuthError("password must be at most 72 bytes")
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
