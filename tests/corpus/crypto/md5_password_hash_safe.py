from werkzeug.security import generate_password_hash

from .models import User, db


def register(username: str, password: str) -> User:
    user = User(username=username, password_hash=generate_password_hash(password))
    db.session.add(user)
    db.session.commit()
    return user
