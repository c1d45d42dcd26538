"""CSRF tokens for the UI's forms.

Two kinds, both checked with ``hmac.compare_digest``:

* signed in: the token is an HMAC of the session's secret token, so it is bound to that one
  session and changes when the user signs in again (no token table to keep);
* signed out (the sign-in form): a signed double-submit token. A random nonce goes in a
  cookie, and the form carries ``nonce.HMAC(nonce)``; a request is accepted when the form's
  nonce equals the cookie's and the signature verifies, so an attacker who can plant a cookie
  from a sibling sub-domain still cannot mint a matching form value (login CSRF).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

FIELD = "csrf_token"
HEADER = "X-CSRF-Token"


def _mac(secret_key: str, purpose: str, value: str) -> str:
    return hmac.new(secret_key.encode("utf-8"), f"{purpose}\0{value}".encode(), hashlib.sha256).hexdigest()


def session_token(secret_key: str, session_secret: str) -> str:
    """The CSRF token of a signed-in session."""
    return _mac(secret_key, "csrf-session", session_secret)


def verify_session_token(secret_key: str, session_secret: str, presented: str | None) -> bool:
    if not presented:
        return False
    return hmac.compare_digest(session_token(secret_key, session_secret), presented)


def new_nonce() -> str:
    """A fresh random nonce for the signed-out double-submit cookie."""
    return secrets.token_urlsafe(24)


def anonymous_token(secret_key: str, nonce: str) -> str:
    """The form value that matches the double-submit cookie ``nonce``."""
    return f"{nonce}.{_mac(secret_key, 'csrf-anon', nonce)}"


def verify_anonymous_token(secret_key: str, cookie_nonce: str | None, presented: str | None) -> bool:
    if not cookie_nonce or not presented or "." not in presented:
        return False
    nonce, _, _mac_part = presented.partition(".")
    same_nonce = hmac.compare_digest(nonce.encode(), cookie_nonce.encode())
    valid_mac = hmac.compare_digest(anonymous_token(secret_key, cookie_nonce), presented)
    return same_nonce and valid_mac
