"""detect-secrets, in process, with its default plugins and filters and no network verification.

Only added lines are scanned by default: detect-secrets works line by line, so scanning the added
lines of a file (with the whole file as context for its filters) gives exactly the findings that a
whole-file scan gives on those lines. Files that detect-secrets would first transform (YAML and
INI-like configs, parsed into key/value lines) are scanned whole and filtered, so the result stays
identical there too. ``tests/unit/scanners/test_detect_secrets.py`` checks the equality.

The secret value goes into ``RawFinding.secret`` only, for the pipeline to hash and mask; it is
never put in a message, an error or a log line.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from reviewer.findings import Category, Confidence, Location, RawFinding, ScanResult, Severity
from reviewer.scanners.base import ScanContext, Workspace

# detect-secrets keeps its settings in process-global state: one scan at a time.
_LOCK = threading.Lock()
# `# pragma: allowlist secret` is a foreign silencer: the change must not be able to hide its own
# secrets (the silencer scanner reports added pragmas for human review instead).
_DISABLED_FILTERS = ("detect_secrets.filters.allowlist.is_line_allowlisted",)
_PASSWORDISH = re.compile(r"(?i)pass(word|wd|phrase)?|pwd")
_HIGH = frozenset(
    {
        "AWS Access Key",
        "Azure Storage Account access key",
        "GitHub Token",
        "GitLab Token",
        "OpenAI Token",
        "Private Key",
        "PyPI Token",
        "Slack Token",
        "Stripe Access Key",
        "SendGrid API Key",
        "Twilio API Key",
        "NPM tokens",
        "Discord Bot Token",
        "Telegram Bot Token",
        "Mailchimp Access Key",
        "Square OAuth Secret",
        "IBM Cloud IAM Key",
        "IBM COS HMAC Credentials",
        "Artifactory Credentials",
        "Cloudant Credentials",
        "SoftLayer Credentials",
    }
)
_ENTROPY = frozenset({"Base64 High Entropy String", "Hex High Entropy String"})
_KEY_TYPES = frozenset({"Private Key"})  # a hard-coded cryptographic key: CWE-321
_PASSWORD_TYPES = frozenset({"Basic Auth Credentials"})  # a password in a URL: CWE-259
_KEYWORD_TYPES = frozenset({"Secret Keyword"})  # CWE-259 when the keyword names a password


def _slug(secret_type: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", secret_type.lower()).strip("-")


def classify(kind: str, line: str) -> tuple[tuple[int, ...], Severity, Confidence]:
    """CWEs, severity and confidence for one detect-secrets type (and the line it sits on)."""
    cwes = {798}
    if kind in _KEY_TYPES:
        cwes.add(321)
    if kind in _PASSWORD_TYPES or (kind in _KEYWORD_TYPES and _PASSWORDISH.search(line)):
        cwes.add(259)
    if kind in _HIGH:
        return tuple(sorted(cwes)), Severity.HIGH, Confidence.HIGH
    if kind in _ENTROPY:
        return tuple(sorted(cwes)), Severity.MEDIUM, Confidence.LOW
    return tuple(sorted(cwes)), Severity.HIGH, Confidence.MEDIUM


def _process(lines: list[str], numbers: Iterable[int], filename: str) -> Iterator[Any]:
    """detect-secrets' own per-line loop, over chosen line numbers with the whole file as context."""
    from detect_secrets.core.scan import _is_filtered_out, _scan_line
    from detect_secrets.settings import get_plugins
    from detect_secrets.util.code_snippet import get_code_snippet

    for number in sorted(numbers):
        if not 1 <= number <= len(lines):
            continue
        line = lines[number - 1].rstrip()
        snippet = get_code_snippet(lines=lines, line_number=number)
        if _is_filtered_out(["line"], filename=filename, line=line, context=snippet):
            continue
        for plugin in get_plugins():
            for secret in _scan_line(
                plugin=plugin, filename=filename, line=line, line_number=number, context=snippet
            ):
                if not _is_filtered_out(
                    ["context"],
                    filename=secret.filename,
                    secret=secret.secret_value,
                    plugin=plugin,
                    line=line,
                    context=snippet,
                ):
                    yield secret


def scan_path(path: Path, added: frozenset[int] | None) -> list[Any]:
    """PotentialSecrets for one file: all lines when ``added`` is None, else those lines only."""
    from detect_secrets.core.scan import _is_filtered_out, scan_file
    from detect_secrets.transformers import get_transformed_file

    filename = str(path)
    if added is None:
        return list(scan_file(filename))
    if not added or _is_filtered_out(["filename"], filename=filename):
        return []
    try:
        with open(filename) as handle:
            transformed = get_transformed_file(handle)  # type: ignore[arg-type]
            raw = None if transformed else handle.readlines()
    except UnicodeDecodeError:
        return []  # detect-secrets ignores binary files
    if raw is None:
        return [s for s in scan_file(filename) if s.line_number in added]
    found = list(_process(raw, added, filename))
    if found:
        return found
    # scan_file would now retry with "eager" transformers (INI parsing of unknown file types);
    # only when one applies do we pay for the whole-file scan, to stay identical.
    with open(filename) as handle:
        eager = get_transformed_file(handle, use_eager_transformers=True)  # type: ignore[arg-type]
    if not eager:
        return []
    return [s for s in scan_file(filename) if s.line_number in added]


_PEM_ONE_LINE = re.compile(
    r"-----BEGIN[A-Z ]*PRIVATE KEY-----(?P<body>.*?)-----END[A-Z ]*PRIVATE KEY-----", re.S
)
# Password hashes (werkzeug, passlib, crypt): verifiers, not credentials.
PASSWORD_HASH = re.compile(
    r"^(scrypt|pbkdf2(:\w+)?|argon2\w*|bcrypt)[:$]|^\$(2[abxy]|argon2\w*|pbkdf2[-\w]*|scrypt|[156y])\$"
)


_IDENTIFIER = re.compile(r"^[A-Za-z][A-Za-z_.\-]*$")
_URL_CREDENTIALS = re.compile(r"://(?P<user>[^:@/\s]+):(?P<password>[^@/\s]+)@")


def full_value(value: str, line: str) -> str:
    """The whole token when a plugin reports only its prefix.

    detect-secrets' GitHub plugin returns the captured prefix (``ghp``) as the secret; the pipeline
    hashes and masks ``RawFinding.secret`` in snippets, so it must be the whole token.
    """
    if len(value) >= 8 or not value:
        return value
    match = re.search(re.escape(value) + r"[A-Za-z0-9_\-]{8,}", line)
    return match.group(0) if match else value


def is_real_secret(kind: str, value: str, line: str) -> bool:
    """False for placeholders, references and examples (``your-api-key-here``, ``${TOKEN}``...).

    The placeholder test is the one every secret detector of the product shares
    (``reviewer.detect.placeholders``); a private key whose PEM body on the same line is a stub
    (``...your key here...``) is an example too.
    """
    from reviewer.detect.placeholders import is_placeholder, is_reference

    if kind == "Private Key":
        pem = _PEM_ONE_LINE.search(line.replace("\\n", "\n"))
        body = re.sub(r"(\\n|\s)", "", pem.group("body")) if pem else None
        return body is None or len(body) >= 64
    if is_placeholder(value) or is_reference(value) or PASSWORD_HASH.match(value):
        return False
    if kind == "Secret Keyword" and _IDENTIFIER.match(value):
        # A name, not a secret: a header (X-API-Key), a Kubernetes secret's name, a setting key.
        return False
    if kind == "Basic Auth Credentials":
        credentials = _URL_CREDENTIALS.search(line)
        if credentials and credentials.group("user") == credentials.group("password"):
            return False  # postgres:postgres@db - a local development default
    return True


def _lines(path: Path) -> list[str]:
    """The file's lines (newlines kept), read once per file rather than once per secret."""
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            return list(handle)
    except OSError:
        return []


def _line(lines: list[str], number: int) -> str:
    return lines[number - 1] if 1 <= number <= len(lines) else ""


class DetectSecretsScanner:
    """Hard-coded secrets found by detect-secrets' plugins."""

    name = "detect-secrets"

    def version(self, ctx: ScanContext) -> str:
        from detect_secrets.__version__ import VERSION

        return str(VERSION)

    def available(self, ctx: ScanContext) -> bool:
        try:
            import detect_secrets  # noqa: F401
        except ImportError:
            return False
        return True

    def scan(self, workspace: Workspace, ctx: ScanContext) -> ScanResult:
        from detect_secrets.settings import default_settings

        every_line = workspace.changeset.whole_files or ctx.options.get("all_lines") == "true"
        findings: list[RawFinding] = []
        root = workspace.root.resolve()
        with _LOCK, default_settings() as settings:
            settings.disable_filters(*_DISABLED_FILTERS)
            for rel, absolute in sorted(workspace.files.items()):
                path = Path(absolute).resolve()
                if not path.is_relative_to(root):
                    continue  # never read outside the workspace
                added = None if every_line else workspace.added_lines(rel)
                secrets = scan_path(path, added)
                lines = _lines(path) if secrets else []
                for secret in secrets:
                    line = _line(lines, int(secret.line_number))
                    value = full_value(secret.secret_value or "", line)
                    if is_real_secret(secret.type, value, line):
                        findings.append(self._finding(rel, secret, value, line))
        findings.sort(key=lambda f: (f.location.path, f.location.start_line, f.rule))
        return ScanResult(findings=tuple(findings))

    @staticmethod
    def _finding(rel: str, secret: Any, value: str, line: str) -> RawFinding:
        line_number = int(secret.line_number)
        cwes, severity, confidence = classify(secret.type, line)
        return RawFinding(
            scanner="detect-secrets",
            rule=f"detect-secrets.{_slug(secret.type)}",
            location=Location(rel, line_number, line_number),
            message=f"Possible hard-coded secret ({secret.type}).",
            severity=severity,
            confidence=confidence,
            category=Category.SECRETS,
            cwes=cwes,
            fix="Load the secret from the environment or a secret manager, and rotate the exposed one.",
            secret=value,
        )
