from pathlib import Path

import jwt

PRIVATE_KEY_PATH = Path("/run/secrets/signing_key.pem")


def sign(claims: dict) -> str:
    return jwt.encode(claims, PRIVATE_KEY_PATH.read_text(), algorithm="RS256")
