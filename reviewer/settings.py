"""Settings from ``REVIEWER_*`` environment variables (pydantic-settings).

Settings are built by the entry point (CLI command, ``create_app``, worker) and passed down;
nothing reads the environment at import time.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from reviewer.changeset import Limits
from reviewer.errors import ConfigError

PROJECT_ROOT = Path(__file__).resolve().parent.parent
PLACEHOLDER_SECRETS = frozenset({"", "changeme", "change-me", "development", "dev", "secret"})


def shipped_dir(name: str) -> Path:
    """``rules`` or ``checklists``: the checkout's folder, or the copy a non-editable install puts
    under ``<prefix>/share/reviewer/`` (pyproject's data-files)."""
    beside = PROJECT_ROOT / name
    if beside.is_dir():
        return beside
    installed = Path(sys.prefix) / "share" / "reviewer" / name
    return installed if installed.is_dir() else beside


def _default_tool(name: str) -> str:
    """Find a scanner tool (``reviewer.toolbox.find_tool``): the checkout's ``.tools``, the user's
    tools folder (``reviewer tools install``), beside the interpreter, PATH."""
    from reviewer.toolbox import find_tool

    return find_tool(name, PROJECT_ROOT)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="REVIEWER_", extra="ignore")

    env: Literal["development", "production", "test"] = "development"
    data_dir: Path = Field(default_factory=lambda: PROJECT_ROOT / "data")
    database_url: str | None = None  # default: sqlite file under data_dir
    # A placeholder on purpose: check_secrets() refuses it outside development.
    secret_key: str = "development"  # noqa: S105
    base_url: str = "http://127.0.0.1:8000"

    # Jobs
    executor: Literal["inprocess", "celery"] = "inprocess"
    redis_url: str = "redis://127.0.0.1:6379/0"
    inprocess_workers: int = 2  # review threads in `reviewer serve` (embedded executor)
    celery_visibility_timeout_s: int = 3600  # an unacked review is redelivered after this
    # A running review's lease: renewed every third of it; taken over once it has expired.
    review_lease_s: float = 30.0
    # API (service): per-token rate limit, synchronous ?wait=true cap
    rate_limit_per_minute: int = 600
    rate_limit_burst: int = 100
    auth_cache_s: float = 2.0  # a verified token is trusted this long without a lookup (revocation lag)
    wait_max_bytes: int = 256 * 1024  # ?wait=true reviews only changes up to this size inline
    wait_timeout_s: float = 60.0

    # GitHub
    github_webhook_secret: str = ""
    github_api_url: str = "https://api.github.com"
    github_app_id: str = ""
    github_app_private_key: str = ""
    github_token: str = ""
    github_fail_on: str = "high"  # default policy: lowest severity that fails the check run
    github_comment: bool = False  # default policy: post a summary comment on the pull request
    github_timeout_s: float = 30.0
    github_retry_attempts: int = 5
    github_max_wait_s: float = 120.0  # a rate-limit wait longer than this gives up (job retries later)
    github_wait_scale: float = 1.0  # multiplies every retry wait (tests shrink it)
    github_job_attempts: int = 6  # a GitHub check job that failed this often closes its check run

    # Pipeline
    rules_dir: Path = Field(default_factory=lambda: shipped_dir("rules"))
    checklists_dir: Path = Field(default_factory=lambda: shipped_dir("checklists"))
    checklist: str = "ai-code-security"
    checklist_version: str | None = None  # None = latest
    scanners: str = "semgrep,bandit,detect-secrets,reviewer-secrets,structure,dependencies,silencers"
    scanner_timeout_s: float = 60.0
    semgrep_bin: str = Field(default_factory=lambda: _default_tool("semgrep"))
    bandit_bin: str = Field(default_factory=lambda: _default_tool("bandit"))
    max_diff_bytes: int = 20 * 1024 * 1024
    max_files: int = 2000
    max_line_length: int = 20_000
    max_file_bytes: int = 2 * 1024 * 1024

    # Classifier
    model_dir: Path = Field(
        default_factory=lambda: PROJECT_ROOT / "reviewer" / "classifier" / "default_model"
    )
    model_backend: Literal["auto", "onnx", "torch", "remote", "off"] = "auto"
    model_server_urls: str = ""  # comma-separated v2 endpoints
    # Model versions: the promotion guard's minimum evidence (labelled units on shared units)
    model_promotion_min_labels: int = 100
    model_promotion_min_labels_per_class: int = 10

    def limits(self) -> Limits:
        return Limits(
            max_diff_bytes=self.max_diff_bytes,
            max_files=self.max_files,
            max_line_length=self.max_line_length,
            max_file_bytes=self.max_file_bytes,
        )

    def scanner_names(self) -> list[str]:
        return [s.strip() for s in self.scanners.split(",") if s.strip()]

    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.data_dir / 'reviewer.db'}"

    def check_secrets(self) -> None:
        """Refuse placeholder secrets outside development."""
        if self.env != "production":
            return
        if self.secret_key.strip().lower() in PLACEHOLDER_SECRETS or len(self.secret_key) < 16:
            raise ConfigError("REVIEWER_SECRET_KEY must be set to a real secret (16+ chars) in production")
        if self.github_webhook_secret and self.github_webhook_secret.lower() in PLACEHOLDER_SECRETS:
            raise ConfigError("REVIEWER_GITHUB_WEBHOOK_SECRET is a placeholder")
