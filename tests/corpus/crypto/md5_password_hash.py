import hashlib

from .models import User, db


def register(username: str, password: str) -> User:
    user = User(username=username, password_hash=hashlib.md5(password.encode()).hexdigest())
    db.session.add(user)
    db.session.commit()
    return user
