"""One error hierarchy for the whole product, each class with a fixed CLI exit code.

The API maps the same classes to HTTP status codes in one handler (``reviewer.api.errors``),
so a new failure mode is declared once here and behaves consistently on every surface.
"""

from __future__ import annotations

EXIT_CLEAN = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3


class ReviewerError(Exception):
    """Base class: anything the product raises on purpose."""

    exit_code: int = EXIT_INTERNAL
    http_status: int = 500
    title: str = "Internal error"


class UsageError(ReviewerError):
    """The caller asked for something that cannot be done as asked."""

    exit_code = EXIT_USAGE
    http_status = 400
    title = "Bad request"


class ConfigError(ReviewerError):
    """Settings, checklists, rules or baselines are invalid."""

    exit_code = EXIT_USAGE
    http_status = 500
    title = "Configuration error"


class InputError(UsageError):
    """The change itself cannot be reviewed (malformed diff, hostile path...)."""

    http_status = 422
    title = "Unprocessable input"


class InputTooLarge(InputError):
    """The change exceeds a configured size cap."""

    http_status = 413
    title = "Input too large"


class HostilePath(InputError):
    """A path in the change would escape the workspace or is otherwise unsafe."""

    title = "Refused path"


class NotFound(ReviewerError):
    exit_code = EXIT_USAGE
    http_status = 404
    title = "Not found"


class AuthError(ReviewerError):
    """No valid credentials (401)."""

    exit_code = EXIT_USAGE
    http_status = 401
    title = "Unauthorized"


class PermissionDenied(ReviewerError):
    """Valid credentials without the needed role (403)."""

    exit_code = EXIT_USAGE
    http_status = 403
    title = "Forbidden"


class Conflict(ReviewerError):
    exit_code = EXIT_USAGE
    http_status = 409
    title = "Conflict"


class RateLimited(ReviewerError):
    """Too many requests for this caller (429); ``retry_after_s`` says when to try again."""

    exit_code = EXIT_USAGE
    http_status = 429
    title = "Too many requests"

    def __init__(self, message: str = "rate limit exceeded", retry_after_s: float = 1.0) -> None:
        super().__init__(message)
        self.retry_after_s = retry_after_s


class ScannerError(ReviewerError):
    """A scanner failed; the pipeline turns this into a scanner status, never a crash."""

    title = "Scanner failed"


class ExternalServiceError(ReviewerError):
    """A remote service (GitHub, a model server) failed after retries."""

    http_status = 502
    title = "Upstream service failed"
