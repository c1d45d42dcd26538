from werkzeug.security import check_password_hash

# hash of the word used in the login form placeholder; not a credential
PASSWORD_HASH = "scrypt:32768:8:1$0OoL2ZsYV5gkZQtd$7c6b1c1e2f5a8f0c9d3e4b5a6c7d8e9f0a1b2c3d4e5f60718293a4b5c6d7e8f9"


def verify(password: str) -> bool:
    return check_password_hash(PASSWORD_HASH, password)
