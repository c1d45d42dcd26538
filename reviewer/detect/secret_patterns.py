"""Token formats with a fixed shape: cloud keys, AI provider keys, VCS and chat tokens.

Each pattern names the capture group holding the secret value and the gates the value must pass
(entropy, placeholder check) so that documentation examples stay quiet. Pure: text in, matches out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reviewer.findings import Severity


@dataclass(frozen=True)
class TokenPattern:
    """One recognisable credential format."""

    rule: str  # short id, prefixed with ``reviewer.secrets.`` by the scanner
    title: str  # what it is, for the message (never the value)
    regex: re.Pattern[str]
    group: int = 1
    cwes: tuple[int, ...] = (798,)
    severity: Severity = Severity.HIGH
    min_entropy: float = 0.0  # bits per character of the captured value
    hints: tuple[str, ...] = ()  # literal text one of which must occur (a fast file filter)
    fix: str = "Revoke this credential and load it from the environment or a secret manager."


def _p(pattern: str, flags: int = 0) -> re.Pattern[str]:
    return re.compile(pattern, flags)


TOKEN_PATTERNS: tuple[TokenPattern, ...] = (
    TokenPattern(
        "aws-access-key-id",
        "AWS access key id",
        _p(r"(?<![A-Z0-9])((?:AKIA|ASIA|ABIA|ACCA|AIDA|AROA)[A-Z0-9]{16})(?![A-Z0-9])"),
        min_entropy=3.0,
        hints=("AKIA", "ASIA", "ABIA", "ACCA", "AIDA", "AROA"),
    ),
    TokenPattern(
        "aws-secret-access-key",
        "AWS secret access key",
        _p(
            r"(?i)aws_?(?:secret_?access_?key|secret_?key|secret)[\"']?\s*(?:=|:|=>|,)\s*[\"']?"
            r"([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])"
        ),
        severity=Severity.CRITICAL,
        min_entropy=4.0,
        hints=("aws", "AWS", "Aws"),
    ),
    TokenPattern(
        "azure-storage-connection-string",
        "Azure storage account key",
        _p(r"AccountKey=([A-Za-z0-9+/]{40,}={0,2})"),
        severity=Severity.CRITICAL,
        min_entropy=4.0,
        hints=("AccountKey=",),
    ),
    TokenPattern(
        "azure-sas-token",
        "Azure shared access signature",
        _p(r"(?:SharedAccessSignature=|[?&])sig=([A-Za-z0-9%+/]{30,}={0,2})"),
        min_entropy=3.5,
        hints=("sig=",),
    ),
    TokenPattern(
        "anthropic-api-key",
        "Anthropic API key",
        _p(r"(?<![\w-])(sk-ant-[a-z]+\d*-[A-Za-z0-9_\-]{32,})"),
        severity=Severity.CRITICAL,
        min_entropy=3.5,
        hints=("sk-ant-",),
    ),
    TokenPattern(
        "openai-project-key",
        "OpenAI project API key",
        _p(r"(?<![\w-])(sk-(?:proj|svcacct|admin)-[A-Za-z0-9_\-]{32,})"),
        severity=Severity.CRITICAL,
        min_entropy=3.5,
        hints=("sk-",),
    ),
    TokenPattern(
        "ai-provider-key",
        "AI provider API key (sk-...)",
        _p(r"(?<![\w-])(sk-(?!ant-|proj-|svcacct-|admin-)[A-Za-z0-9_\-]{32,})"),
        severity=Severity.CRITICAL,
        min_entropy=3.8,
        hints=("sk-",),
    ),
    TokenPattern(
        "github-token",
        "GitHub token",
        _p(r"(?<![A-Za-z0-9_])(gh[pousr]_[A-Za-z0-9]{36,255})(?![A-Za-z0-9_])"),
        severity=Severity.CRITICAL,
        min_entropy=3.5,
        hints=("ghp_", "gho_", "ghu_", "ghs_", "ghr_"),
    ),
    TokenPattern(
        "github-fine-grained-token",
        "GitHub fine-grained personal access token",
        _p(r"(?<![A-Za-z0-9_])(github_pat_[A-Za-z0-9_]{60,255})(?![A-Za-z0-9_])"),
        severity=Severity.CRITICAL,
        min_entropy=3.5,
        hints=("github_pat_",),
    ),
    TokenPattern(
        "slack-token",
        "Slack token",
        _p(r"(?<![A-Za-z0-9])(xox[bpars]-[A-Za-z0-9]{6,}-[A-Za-z0-9-]{8,})"),
        min_entropy=3.0,
        hints=("xox",),
    ),
    TokenPattern(
        "slack-webhook",
        "Slack incoming webhook URL",
        _p(r"(https://hooks\.slack\.com/services/T[A-Z0-9]{6,}/B[A-Z0-9]{6,}/[A-Za-z0-9]{20,})"),
        min_entropy=3.0,
        hints=("hooks.slack.com",),
    ),
    TokenPattern(
        "stripe-live-key",
        "Stripe live secret or restricted key",
        _p(r"(?<![A-Za-z0-9_])((?:sk|rk)_live_[A-Za-z0-9]{20,})"),
        severity=Severity.CRITICAL,
        min_entropy=3.5,
        hints=("_live_",),
    ),
    TokenPattern(
        "google-api-key",
        "Google API key",
        _p(r"(?<![A-Za-z0-9_-])(AIza[0-9A-Za-z_\-]{35})(?![A-Za-z0-9_-])"),
        min_entropy=3.5,
        hints=("AIza",),
    ),
    TokenPattern(
        "huggingface-token",
        "Hugging Face access token",
        _p(r"(?<![A-Za-z0-9_])(hf_[A-Za-z0-9]{34,40})(?![A-Za-z0-9_])"),
        min_entropy=3.5,
        hints=("hf_",),
    ),
    TokenPattern(
        "gitlab-token",
        "GitLab personal access token",
        _p(r"(?<![A-Za-z0-9_])(glpat-[A-Za-z0-9_\-]{20,})"),
        severity=Severity.CRITICAL,
        min_entropy=3.5,
        hints=("glpat-",),
    ),
    TokenPattern(
        "sendgrid-api-key",
        "SendGrid API key",
        _p(r"(?<![A-Za-z0-9_])(SG\.[A-Za-z0-9_\-]{22}\.[A-Za-z0-9_\-]{43})(?![A-Za-z0-9_\-])"),
        min_entropy=3.5,
        hints=("SG.",),
    ),
    TokenPattern(
        "npm-token",
        "npm access token",
        _p(r"(?<![A-Za-z0-9_])(npm_[A-Za-z0-9]{36})(?![A-Za-z0-9_])"),
        severity=Severity.CRITICAL,
        min_entropy=3.5,
        hints=("npm_",),
    ),
    TokenPattern(
        "pypi-token",
        "PyPI upload token",
        _p(r"(pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_\-]{50,})"),
        severity=Severity.CRITICAL,
        min_entropy=3.5,
        hints=("pypi-AgEIcHlwaS5vcmc",),
    ),
    TokenPattern(
        "jwt",
        "JSON Web Token",
        _p(r"(?<![A-Za-z0-9_-])(eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{16,})"),
        min_entropy=4.0,
        fix="Do not embed issued tokens in code; obtain them at run time and let them expire.",
        hints=("eyJ",),
    ),
)

# Credentials inside a URL: scheme://user:password@host
URL_CREDENTIALS = re.compile(
    r"(?P<scheme>[a-zA-Z][a-zA-Z0-9+.\-]{1,30})://(?P<user>[^:/@\s'\"`]*):(?P<password>[^@/\s'\"`]+)@"
    r"(?P<host>[^\s'\"`/:?#]+)"
)
URL_SCHEMES = frozenset(
    {
        "postgres",
        "postgresql",
        "mysql",
        "mariadb",
        "mongodb",
        "mongodb+srv",
        "redis",
        "rediss",
        "amqp",
        "amqps",
        "mssql",
        "sqlserver",
        "oracle",
        "ftp",
        "sftp",
        "smtp",
        "smtps",
        "ldap",
        "ldaps",
        "http",
        "https",
        "jdbc:postgresql",
        "jdbc:mysql",
    }
)

PEM_BEGIN = re.compile(r"-----BEGIN ((?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP |)PRIVATE KEY(?: BLOCK)?)-----")
PEM_END = re.compile(r"-----END [A-Z ]*PRIVATE KEY(?: BLOCK)?-----")
