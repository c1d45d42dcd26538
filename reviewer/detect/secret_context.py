"""Context rules for secrets: names that hold secrets, and what assignment and logging look like.

The fixed-shape formats live in ``secret_patterns``; this module covers the shapeless ones, where
only the variable's name (``db_password``, ``apiKey``) says that a literal is a credential.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")

# A bare ``pass`` is a Python keyword and an English word; only ``db_pass``-style names count.
PASSWORD_SUFFIX = re.compile(r"(?:^|_)(?:password|passwd|passwrd|pwd|passphrase|passcode)$|_pass$")
KEY_SUFFIX = re.compile(
    r"(?:^|_)(?:secret|secret_key|api_key|apikey|access_key|secret_access_key|access_token|"
    r"auth_token|token|private_key|client_secret|app_secret|signing_key|encryption_key|master_key|"
    r"app_key|credential|credentials|bearer|bearer_token|refresh_token|webhook_secret|jwt_secret|"
    r"session_secret|license_key|service_key|subscription_key)$"
)

# Every name that secret_kind() accepts contains one of these (a fast line filter).
SECRET_WORD = re.compile(r"(?i)pass|pwd|secret|key|token|cred|bearer")

# op quoted-literal, then the name just before the op: Python/JS assignment, dict/object keys,
# kwargs and comparisons. Matching the op first keeps the scan linear on long lines.
_VALUE_AFTER_OP = re.compile(
    r"""(?P<op>===|==|=>|:=|=|:)\s*[rRbBuU]?(?P<q>["'`])(?P<value>[^"'`\n]{1,300})(?P=q)"""
)
_NAME_BEFORE_OP = re.compile(
    r"""(?P<name>[A-Za-z_$][A-Za-z0-9_$.\-]*)["']?\s*(?::\s*[A-Za-z_][\w\[\]., |]*?\s*)?$"""
)
# KEY=value or key: value without quotes, for .env, YAML, INI and properties files.
BARE_ASSIGNMENT = re.compile(
    r"""^\s*(?:export\s+)?(?P<name>[A-Za-z_][A-Za-z0-9_.\-]*)\s*(?P<op>=|:)\s*(?P<value>[^\s'"#]{1,300})\s*$"""
)
BARE_FILE_SUFFIXES = (".env", ".ini", ".cfg", ".conf", ".yaml", ".yml", ".toml", ".properties")

LOG_CALL = re.compile(
    r"""(?:\b(?:print|console\.(?:log|info|warn|error|debug)|"""
    r"""(?:\w+\.)?(?:log|logger|logging|LOG|LOGGER|_log|_logger)\.(?:debug|info|warning|warn|error|exception|critical|log)|"""
    r"""logging\.(?:debug|info|warning|warn|error|exception|critical)))\s*\((?P<args>.*)$"""
)
ERROR_CALL = re.compile(
    r"""(?:\braise\s+[\w.]*(?:Error|Exception|HTTPException)|\babort|\bHTTPException|\bnew\s+Error|"""
    r"""\bres\.status\(\s*\d+\s*\)\.(?:send|json))\s*\((?P<args>.*)$"""
)
_IDENT = re.compile(r"[A-Za-z_$][A-Za-z0-9_$]*(?:\.[A-Za-z_$][A-Za-z0-9_$]*)*")
_STRING = re.compile(
    r"""(?P<prefix>(?<!\w)[rRbBuUfF]{1,2})?(?P<q>"|'|`)(?P<body>(?:\\.|(?!(?P=q)).)*)(?P=q)"""
)
_INTERP = re.compile(r"\$?\{([^{}]*)\}")
# Wrapping a value in one of these makes logging it safe (or at least deliberate).
_SAFE_WRAPPERS = re.compile(
    r"(?:mask\w*|redact\w*|hash\w*|sha\d*|md5|len|bool|type|is\w+|has\w+|\w*_mask|\w*_redact\w*|"
    r"obfuscate\w*|censor\w*|fingerprint\w*)\s*\(\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class NamedLiteral:
    name: str
    value: str
    value_col: int  # 0-based offset of the value in the line


def named_literals(line: str, bare: bool = False, backticks: bool = False) -> list[NamedLiteral]:
    """``name = "literal"`` pairs on one line (and ``NAME=value`` lines in config files if ``bare``).

    Backticks quote strings in JavaScript only; in Python and reStructuredText they mark code.
    """
    found = []
    for m in _VALUE_AFTER_OP.finditer(line):
        if m.group("q") == "`" and not backticks:
            continue
        before = _NAME_BEFORE_OP.search(line[max(0, m.start() - 120) : m.start()])
        if before is not None:
            found.append(NamedLiteral(before.group("name"), m.group("value"), m.start("value")))
    if bare:
        m = BARE_ASSIGNMENT.match(line)
        if m:
            found.append(NamedLiteral(m.group("name"), m.group("value"), m.start("value")))
    return found


def snake(name: str) -> str:
    """``dbPassword`` / ``DB-PASSWORD`` / ``self.db_password`` -> ``db_password``."""
    last = name.rsplit(".", 1)[-1]
    return _CAMEL.sub("_", last).replace("-", "_").lower().strip("_$")


def secret_kind(name: str) -> str | None:
    """``"password"`` or ``"key"`` when the name says it holds a secret, else None."""
    s = snake(name)
    if "public" in s:
        return None  # public keys and public key tokens are meant to be shared
    if PASSWORD_SUFFIX.search(s):
        return "password"
    if KEY_SUFFIX.search(s):
        return "key"
    return None


# "token", "task_token", "next_token": a word in a vocabulary or a parser, unless qualified.
_PLAIN_TOKEN = re.compile(
    r"(?<!access_)(?<!auth_)(?<!refresh_)(?<!api_)(?<!bearer_)(?<!session_)(?<!csrf_)(?<!jwt_)(?<!oauth_)"
    r"(?<!github_)(?<!slack_)(?<!secret_)(?<!id_)(?<!reset_)(?<!personal_)(?<!bot_)(?<!app_)(?<!user_)token$"
)


def _code_only(args: str) -> str:
    """Drop string literal text but keep f-string / template interpolations as code."""

    def keep(m: re.Match[str]) -> str:
        prefix, quote, body = m.group("prefix") or "", m.group("q"), m.group("body")
        if "f" in prefix.lower() or quote == "`":
            return " " + " ".join(_INTERP.findall(body)) + " "
        return " "

    return _STRING.sub(keep, args)


def logged_secret_names(line: str) -> tuple[str, str] | None:
    """``(kind, name)`` when the line logs or raises a secret-named value.

    ``kind`` is ``"log"`` (CWE-532) or ``"error"`` (CWE-209). Names inside string literals do
    not count; a value wrapped in ``mask()``/``len()``/``hash()`` does not count either.
    """
    for kind, regex in (("log", LOG_CALL), ("error", ERROR_CALL)):
        m = regex.search(line)
        if not m:
            continue
        code = re.split(r"\s#|//", _code_only(m.group("args")), maxsplit=1)[0]  # drop a trailing comment
        for ident in _IDENT.finditer(code):
            name = ident.group(0)
            if secret_kind(name) is None or _PLAIN_TOKEN.search(snake(name)):
                continue  # parsers and language models have tokens that are not credentials
            after = code[ident.end() :].lstrip()
            if after.startswith("("):  # a call such as get_token(): not the value itself
                continue
            if _SAFE_WRAPPERS.search(code[: ident.start()]):
                continue
            if after.startswith("["):  # token[:4] and similar slices show a prefix only
                continue
            return kind, name
    return None
