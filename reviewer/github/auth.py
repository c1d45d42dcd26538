"""GitHub credentials: a GitHub App's installation tokens, or a personal access token.

An App signs a short RS256 JWT with its private key and exchanges it for an installation
token (valid one hour). Tokens are cached per installation until shortly before they expire
and refreshed early when GitHub answers 401. The cache belongs to a ``GitHubApp`` object that
the app or worker builds at start-up: nothing is built at import time.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import jwt

from reviewer.errors import ConfigError
from reviewer.github.client import GitHubClient, RetryPolicy

# Refresh this long before GitHub's expiry, so a token never dies in the middle of a report.
EXPIRY_MARGIN_S = 300.0
JWT_LIFETIME_S = 540  # GitHub allows at most 10 minutes
JWT_CLOCK_SKEW_S = 60  # iat in the past tolerates a server clock slightly ahead of ours


@dataclass(frozen=True)
class TokenCredentials:
    """A personal access token (or any fixed token): nothing to refresh."""

    token: str

    def authorization(self) -> str:
        return f"Bearer {self.token}"

    def refresh(self) -> None:
        """A fixed token cannot be renewed; the retry after 401 simply fails again."""

    def __repr__(self) -> str:  # never print the token
        return "TokenCredentials(token='***')"


def load_private_key(value: str) -> str:
    """Accept the PEM text itself (``\\n`` escapes allowed) or a path to a PEM file."""
    text = value.strip()
    if not text:
        raise ConfigError("REVIEWER_GITHUB_APP_PRIVATE_KEY is not set")
    if "-----BEGIN" in text:
        return text.replace("\\n", "\n")
    path = Path(text).expanduser()
    if not path.is_file():
        raise ConfigError("REVIEWER_GITHUB_APP_PRIVATE_KEY is neither a PEM key nor a readable file")
    return path.read_text(encoding="utf-8")


@dataclass(frozen=True)
class AppJwtCredentials:
    """Authenticates as the App itself (only for the access-token exchange)."""

    app_id: str
    private_key: str = field(repr=False)
    clock: Callable[[], float] = time.time

    def authorization(self) -> str:
        now = int(self.clock())
        claims = {"iat": now - JWT_CLOCK_SKEW_S, "exp": now + JWT_LIFETIME_S, "iss": str(self.app_id)}
        return "Bearer " + jwt.encode(claims, self.private_key, algorithm="RS256")

    def refresh(self) -> None:
        """A fresh JWT is minted on every call; nothing to do."""


@dataclass
class _Cached:
    token: str
    expires_at: float


@dataclass
class GitHubApp:
    """A GitHub App's identity plus its per-installation token cache (thread-safe)."""

    app_id: str
    private_key: str = field(repr=False)
    api_url: str
    policy: RetryPolicy = field(default_factory=RetryPolicy)
    clock: Callable[[], float] = time.time
    _cache: dict[int, _Cached] = field(default_factory=dict, init=False, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)

    def installation_token(self, installation_id: int) -> str:
        """A valid token for the installation, from the cache unless close to expiry."""
        with self._lock:
            cached = self._cache.get(installation_id)
            if cached is not None and cached.expires_at - EXPIRY_MARGIN_S > self.clock():
                return cached.token
        fresh = self._exchange(installation_id)
        with self._lock:
            self._cache[installation_id] = fresh
        return fresh.token

    def forget(self, installation_id: int) -> None:
        with self._lock:
            self._cache.pop(installation_id, None)

    def credentials(self, installation_id: int) -> InstallationCredentials:
        return InstallationCredentials(self, installation_id)

    def _exchange(self, installation_id: int) -> _Cached:
        app_creds = AppJwtCredentials(self.app_id, self.private_key, self.clock)
        with GitHubClient(self.api_url, app_creds, self.policy) as client:
            # Creating an installation token twice is harmless, so a lost answer may be retried.
            data = client.request(
                "POST", f"/app/installations/{installation_id}/access_tokens", recover=lambda: None
            ).json()
        expires = data.get("expires_at")
        if expires:
            expires_at = datetime.fromisoformat(expires.replace("Z", "+00:00")).timestamp()
        else:
            expires_at = self.clock() + 3600
        return _Cached(token=str(data["token"]), expires_at=expires_at)


@dataclass(frozen=True)
class InstallationCredentials:
    """Credentials for one installation, backed by the App's shared cache."""

    app: GitHubApp
    installation_id: int

    def authorization(self) -> str:
        return f"Bearer {self.app.installation_token(self.installation_id)}"

    def refresh(self) -> None:
        self.app.forget(self.installation_id)
