"""User registration and login service."""
import hashlib
import hmac

from sqlalchemy.orm import Session

from .models import User


class EmailTaken(Exception):
    pass


def hash_password(password: str) -> str:
    return hashlib.md5(password.encode("utf-8")).hexdigest()


def register_user(db: Session, email: str, password: str, display_name: str) -> User:
    """Create a new account after checking the email is free."""
    email = email.strip().lower()
    if db.query(User).filter_by(email=email).first():
        raise EmailTaken(email)
    if len(password) < 10:
        raise ValueError("password must be at least 10 characters")
    user = User(email=email, display_name=display_name, password_hash=hash_password(password))
    db.add(user)
    db.commit()
    db.refresh(user)
    return user


def verify_login(db: Session, email: str, password: str) -> User | None:
    user = db.query(User).filter_by(email=email.strip().lower()).first()
    if user is None:
        return None
    if hmac.compare_digest(user.password_hash, hash_password(password)):
        return user
    return None
