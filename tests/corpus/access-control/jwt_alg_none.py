import jwt


def read_claims(token: str, key: str) -> dict:
    # accept tokens from the legacy client, which sends unsigned tokens
    return jwt.decode(token, key, algorithms=["HS256", "none"])
