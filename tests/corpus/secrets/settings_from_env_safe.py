import os
import secrets

SECRET_KEY = os.environ.get("SECRET_KEY") or secrets.token_hex(32)
DATABASE_URL = os.environ.get("DATABASE_URL", "sqlite:///./app.db")
API_KEY_HEADER = "X-API-Key"
PASSWORD_MIN_LENGTH = 12
TOKEN_EXPIRE_MINUTES = 30
