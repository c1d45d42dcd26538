import os

import jwt
from flask import Flask

app = Flask(__name__)
# ruleid: python.secrets.hardcoded-signing-key
app.secret_key = "changeme"
# ruleid: python.secrets.hardcoded-signing-key
app.config["SECRET_KEY"] = "dev-secret-key-123"
# ok: python.secrets.hardcoded-signing-key
app.config["SECRET_KEY"] = os.environ["SECRET_KEY"]
# ruleid: python.secrets.hardcoded-signing-key
SECRET_KEY = "django-insecure-3x@mpl3k3y"
# ok: python.secrets.hardcoded-signing-key
JWT_SECRET = os.environ.get("JWT_SECRET", "")


def token_for(user_id):
    # ruleid: python.secrets.hardcoded-signing-key
    return jwt.encode({"sub": user_id}, "secret", algorithm="HS256")


def token_for_ok(user_id):
    # ok: python.secrets.hardcoded-signing-key
    return jwt.encode({"sub": user_id}, os.environ["JWT_SECRET"], algorithm="HS256")
