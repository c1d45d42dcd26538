"""Mint short-lived installation tokens for our GitHub App."""
import os
import time

import jwt
import requests

GITHUB_API = "https://api.github.com"
APP_ID = os.environ.get("GITHUB_APP_ID", "914362")


def _load_private_key():
    """Read the App's PEM key from the path mounted by the secrets manager."""
    key_path = os.environ["GITHUB_APP_PRIVATE_KEY_PATH"]
    with open(key_path, "r", encoding="ascii") as fh:
        return fh.read()


APP_PRIVATE_KEY = _load_private_key()


def app_jwt():
    """JWT that authenticates as the App itself (valid for 9 minutes)."""
    now = int(time.time())
    payload = {"iat": now - 60, "exp": now + 9 * 60, "iss": APP_ID}
    return jwt.encode(payload, APP_PRIVATE_KEY, algorithm="RS256")


def installation_token(installation_id):
    """Exchange the App JWT for an installation access token."""
    resp = requests.post(
        f"{GITHUB_API}/app/installations/{installation_id}/access_tokens",
        headers={
            "Authorization": f"Bearer {app_jwt()}",
            "Accept": "application/vnd.github+json",
            "X-GitHub-Api-Version": "2022-11-28",
        },
        timeout=10,
    )
    resp.raise_for_status()
    return resp.json()["token"]
