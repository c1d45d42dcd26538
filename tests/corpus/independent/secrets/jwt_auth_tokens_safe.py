"""Issue and verify access tokens for the mobile API."""
import os
from datetime import datetime, timedelta, timezone

import jwt

JWT_SECRET = os.environ["JWT_SECRET"]
JWT_ALGORITHM = "HS256"
ACCESS_TOKEN_TTL = timedelta(minutes=30)


def create_access_token(user_id: int, scopes: list[str]) -> str:
    now = datetime.now(timezone.utc)
    claims = {
        "sub": str(user_id),
        "scope": " ".join(scopes),
        "iat": now,
        "exp": now + ACCESS_TOKEN_TTL,
        "iss": "mobile-api",
    }
    return jwt.encode(claims, JWT_SECRET, algorithm=JWT_ALGORITHM)


def decode_access_token(token: str) -> dict:
    """Validate signature, expiry and issuer; return the claims."""
    return jwt.decode(token, JWT_SECRET, algorithms=[JWT_ALGORITHM], issuer="mobile-api")
