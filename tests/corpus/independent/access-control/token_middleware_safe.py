"""Authentication dependency for the partner API."""
import os

import jwt
from fastapi import Depends, HTTPException, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

bearer = HTTPBearer(auto_error=True)
JWT_PUBLIC_KEY = os.environ["PARTNER_JWT_PUBLIC_KEY"]
JWT_AUDIENCE = os.environ.get("PARTNER_JWT_AUDIENCE", "partner-api")


class Principal:
    def __init__(self, partner_id: str, scopes: set[str]):
        self.partner_id = partner_id
        self.scopes = scopes


def current_partner(creds: HTTPAuthorizationCredentials = Depends(bearer)) -> Principal:
    """Decode the bearer token and build the calling partner's principal."""
    try:
        claims = jwt.decode(
            creds.credentials,
            JWT_PUBLIC_KEY,
            algorithms=["RS256"],
            audience=JWT_AUDIENCE,
            options={"require": ["exp", "sub"]},
        )
    except jwt.PyJWTError:
        raise HTTPException(status_code=status.HTTP_401_UNAUTHORIZED, detail="Invalid token")
    return Principal(partner_id=claims["sub"], scopes=set(claims.get("scope", "").split()))


def require_scope(scope: str):
    def checker(principal: Principal = Depends(current_partner)) -> Principal:
        if scope not in principal.scopes:
            raise HTTPException(status_code=status.HTTP_403_FORBIDDEN, detail="Missing scope")
        return principal

    return checker
