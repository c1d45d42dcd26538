"""The GitHub integration's process-wide parts, built from Settings by the entry point.

Holds the App's installation-token cache (or the personal access token), the retry policy and
the Runtime, and hands out one ``GitHubClient`` per job. Nothing here is built at import time.
"""

from __future__ import annotations

from dataclasses import dataclass

import httpx

from reviewer.errors import ConfigError
from reviewer.github.auth import GitHubApp, TokenCredentials, load_private_key
from reviewer.github.client import Credentials, GitHubClient, RetryPolicy
from reviewer.service.runtime import Runtime
from reviewer.settings import Settings


def retry_policy(settings: Settings) -> RetryPolicy:
    return RetryPolicy(
        attempts=max(1, settings.github_retry_attempts),
        max_wait_s=settings.github_max_wait_s,
        wait_scale=settings.github_wait_scale,
        timeout_s=settings.github_timeout_s,
    )


@dataclass
class GitHubIntegration:
    runtime: Runtime
    app: GitHubApp | None
    token: str
    policy: RetryPolicy
    transport: httpx.BaseTransport | None = None  # tests may route requests elsewhere

    @property
    def settings(self) -> Settings:
        return self.runtime.settings

    def credentials(self, installation_id: int | None) -> Credentials:
        """App installation token when the event names an installation, else the PAT."""
        if installation_id is not None and self.app is not None:
            return self.app.credentials(installation_id)
        if self.token:
            return TokenCredentials(self.token)
        raise ConfigError(
            "no GitHub credentials: set REVIEWER_GITHUB_APP_ID and REVIEWER_GITHUB_APP_PRIVATE_KEY "
            "(GitHub App) or REVIEWER_GITHUB_TOKEN (personal access token)"
        )

    def client(self, installation_id: int | None) -> GitHubClient:
        return GitHubClient(
            self.settings.github_api_url, self.credentials(installation_id), self.policy, self.transport
        )

    def review_url(self, review_id: str) -> str:
        return f"{self.settings.base_url.rstrip('/')}/reviews/{review_id}"


def build_integration(runtime: Runtime) -> GitHubIntegration:
    settings = runtime.settings
    policy = retry_policy(settings)
    app = None
    if settings.github_app_id:
        app = GitHubApp(
            app_id=settings.github_app_id,
            private_key=load_private_key(settings.github_app_private_key),
            api_url=settings.github_api_url,
            policy=policy,
        )
    return GitHubIntegration(runtime=runtime, app=app, token=settings.github_token, policy=policy)
