"""Find secrets in one file's text: fixed-shape tokens, PEM keys, URL passwords, named literals.

Pure: ``find_secrets(path, text)`` returns ``SecretHit`` values; the scanner turns them into
findings. A hit carries the secret value so the pipeline can hash and mask it; messages never do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote

from reviewer.detect.entropy import char_classes, shannon_entropy
from reviewer.detect.placeholders import is_placeholder, is_reference
from reviewer.detect.secret_context import (
    BARE_FILE_SUFFIXES,
    SECRET_WORD,
    logged_secret_names,
    named_literals,
    secret_kind,
)
from reviewer.detect.secret_patterns import (
    PEM_BEGIN,
    PEM_END,
    TOKEN_PATTERNS,
    URL_CREDENTIALS,
    URL_SCHEMES,
)
from reviewer.findings import Severity

_FIXTURE_PATH = re.compile(
    r"(?:^|/)(?:tests?|testing|fixtures?|examples?|samples?|docs?|mocks?|__tests__|spec)/|"
    r"(?:^|/)(?:test_[^/]*|[^/]*_test\.\w+|[^/]*\.(?:test|spec)\.\w+|conftest\.py)$",
    re.IGNORECASE,
)
_ENV_NAME = re.compile(r"^[A-Z][A-Z0-9]*(?:[_-][A-Z0-9]+)+$")
# Names, regexes and dotted paths are what code says *about* a secret, not the secret itself.
_NAME_LIKE = re.compile(r"(?i)^[a-z0-9_\-]*(?:pass|pwd|secret|token|key|credential)[a-z0-9_\-]*$")
_DOTTED = re.compile(r"^[A-Za-z_][\w]*(?:\.[A-Za-z_][\w]*)+$")
_REGEX = re.compile(r"\(\?[:=!P<]|\\[dwsSbB]|\[\^|\.\*|\.\+|^\^.*\$$")

_GCP_EMAIL = re.compile(r"\"client_email\"\s*:\s*\"[^\"]+@[^\"]+\.iam\.gserviceaccount\.com\"")
_GCP_KEY = re.compile(r"\"private_key\"\s*:\s*\"(-----BEGIN PRIVATE KEY-----[^\"]+)\"")
_B64_BODY = re.compile(r"[A-Za-z0-9+/=]")


@dataclass(frozen=True)
class SecretHit:
    rule: str
    title: str
    line: int  # 1-based
    col: int  # 1-based
    end_line: int
    value: str
    cwes: tuple[int, ...]
    severity: Severity
    generic: bool = False  # found by name context rather than by a fixed format
    fix: str = "Revoke this credential and load it from the environment or a secret manager."


def is_fixture_path(path: str) -> bool:
    """Tests, fixtures, examples and docs hold fake credentials far more often than real ones."""
    return bool(_FIXTURE_PATH.search(path))


def _line_of(text: str, offset: int, starts: list[int]) -> tuple[int, int]:
    lo, hi = 0, len(starts) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if starts[mid] <= offset:
            lo = mid
        else:
            hi = mid - 1
    return lo + 1, offset - starts[lo] + 1


def _descriptive(value: str) -> bool:
    return any(p.search(value) for p in (_ENV_NAME, _NAME_LIKE, _DOTTED, _REGEX))


def _looks_like_key(value: str, min_len: int, min_entropy: float) -> bool:
    if len(value) < min_len or is_placeholder(value) or is_reference(value):
        return False
    if value.count(" ") >= 2 or value.startswith(("http://", "https://", "/", "./", "~")):
        return False
    if _descriptive(value) or value.endswith((".pem", ".json", ".key", ".txt", ".crt")):
        return False
    if value.isalpha() and value.islower():
        return False  # a lower-case word ("dbapiunicode"), not a generated key
    return shannon_entropy(value) >= min_entropy


def _password_ok(value: str) -> bool:
    if len(value) < 6 or is_placeholder(value) or is_reference(value):
        return False
    if value.count(" ") >= 2 or _descriptive(value) or value.startswith(("http://", "https://", "/")):
        return False
    return len(set(value)) >= 5 and (char_classes(value) >= 2 or len(value) >= 10)


def _pem_hits(text: str, lines: list[str]) -> list[SecretHit]:
    hits: list[SecretHit] = []
    for i, line in enumerate(lines):
        m = PEM_BEGIN.search(line)
        if not m:
            continue
        # The body may follow on later lines or, JSON/escaped, on the same line after "\n".
        body_parts: list[str] = [line[m.end() :]]
        end = i
        for j in range(i, min(len(lines), i + 200)):
            if j > i:
                body_parts.append(lines[j])
            if PEM_END.search(lines[j]) and (j > i or PEM_END.search(line[m.end() :])):
                end = j
                break
        body = "".join(body_parts)
        body = PEM_END.split(body)[0].replace("\\n", "")
        b64 = "".join(_B64_BODY.findall(body))
        if len(b64) < 64 or "..." in body or is_placeholder(b64[:40]) or shannon_entropy(b64) < 4.5:
            continue
        hits.append(
            SecretHit(
                "private-key",
                f"{m.group(1).title()} block",
                i + 1,
                m.start() + 1,
                end + 1,
                b64,
                (798, 321),
                Severity.CRITICAL,
                fix="Remove and revoke the key; load keys from a secret store or a file outside the repo.",
            )
        )
    return hits


_LITERAL_END = re.compile(r"""["']\s*\)?\s*$""")
_LITERAL_START = re.compile(r"""^\s*[rbuRBU]?["']""")


def _url_hits(lines: list[str]) -> list[SecretHit]:
    hits: list[SecretHit] = []
    for i, text in enumerate(lines):
        if "://" not in text:
            continue
        if "@" in text:
            hits.extend(_url_hits_in_line(i + 1, text))
        elif i + 1 < len(lines) and _LITERAL_END.search(text) and _LITERAL_START.match(lines[i + 1]):
            # A URL split over adjacent string literals ("postgres://u:pw" / "@host/db"), joined by
            # implicit concatenation: judge it as one string, reported on the password's line.
            joined = _LITERAL_END.sub("", text) + _LITERAL_START.sub("", lines[i + 1], count=1)
            if "@" in joined:
                hits.extend(_url_hits_in_line(i + 1, joined))
    return hits


def _url_hits_in_line(line: int, text: str) -> list[SecretHit]:
    hits: list[SecretHit] = []
    for m in URL_CREDENTIALS.finditer(text):
        scheme = m.group("scheme").lower()
        password = unquote(m.group("password"))
        if scheme not in URL_SCHEMES and scheme.split("+")[0] not in URL_SCHEMES:
            continue
        # user == password (postgres:postgres@) is a local default, not a leaked credential.
        if len(password) < 4 or is_placeholder(password) or password.lower() == m.group("user").lower():
            continue
        if password.startswith(("{", "$", "%", "<")) or ":" in password or "," in password:
            continue
        hits.append(
            SecretHit(
                "url-password",
                f"password in a {scheme} URL",
                line,
                m.start("password") + 1,
                line,
                password,
                (798, 259),
                Severity.HIGH,
                fix="Build the URL from settings at run time; keep the password in the environment.",
            )
        )
    return hits


def _gcp_hits(text: str, starts: list[int]) -> list[SecretHit]:
    if not _GCP_EMAIL.search(text):
        return []
    hits = []
    for m in _GCP_KEY.finditer(text):
        body = m.group(1).replace("\\n", "")
        if "..." in body or len(body) < 100:
            continue
        line, col = _line_of(text, m.start(1), starts)
        hits.append(
            SecretHit(
                "gcp-service-account",
                "Google Cloud service-account private key",
                line,
                col,
                line,
                body,
                (798, 321),
                Severity.CRITICAL,
                fix="Delete the key in IAM, remove the JSON, and use workload identity or a secret manager.",
            )
        )
    return hits


def _token_hits(text: str, starts: list[int]) -> list[SecretHit]:
    hits = []
    for pat in TOKEN_PATTERNS:
        if pat.hints and not any(h in text for h in pat.hints):
            continue
        for m in pat.regex.finditer(text):
            value = m.group(pat.group)
            if is_placeholder(value) or shannon_entropy(value) < pat.min_entropy:
                continue
            line, col = _line_of(text, m.start(pat.group), starts)
            hits.append(
                SecretHit(pat.rule, pat.title, line, col, line, value, pat.cwes, pat.severity, fix=pat.fix)
            )
    return hits


def _named_hits(path: str, lines: list[str]) -> list[SecretHit]:
    hits = []
    bare = path.lower().endswith(BARE_FILE_SUFFIXES) or path.rsplit("/", 1)[-1].startswith(".env")
    backticks = path.lower().endswith((".js", ".jsx", ".mjs", ".cjs", ".ts", ".tsx", ".mts", ".cts", ".vue"))
    for i, line in enumerate(lines):
        if not SECRET_WORD.search(line):
            continue  # cheap pre-check: no secret-ish name on the line
        for lit in named_literals(line, bare, backticks):
            kind = secret_kind(lit.name)
            value = lit.value
            if kind is None:
                continue
            if kind == "password":
                if not _password_ok(value):
                    continue
                cwes, title = (798, 259), "hard-coded password"
            else:
                if not _looks_like_key(value, 12, 3.0):
                    continue
                cwes, title = (798,), "hard-coded secret"
            hits.append(
                SecretHit(
                    f"hardcoded-{kind}",
                    f"{title} in '{lit.name}'",
                    i + 1,
                    lit.value_col + 1,
                    i + 1,
                    value,
                    cwes,
                    Severity.HIGH,
                    generic=True,
                )
            )
    return hits


def _log_hits(lines: list[str]) -> list[SecretHit]:
    hits = []
    for i, line in enumerate(lines):
        if "(" not in line or not SECRET_WORD.search(line):
            continue
        found = logged_secret_names(line)
        if found is None:
            continue
        kind, name = found
        if kind == "log":
            rule, title, cwes = "secret-in-log", f"'{name}' written to a log or console", (532,)
            fix = "Log that the credential was used, not its value; mask it if it must appear."
        else:
            rule, title, cwes = "secret-in-error", f"'{name}' included in an error message", (209,)
            fix = "Keep credentials out of error messages; they reach users, clients and logs."
        hits.append(SecretHit(rule, title, i + 1, 1, i + 1, "", cwes, Severity.MEDIUM, generic=True, fix=fix))
    return hits


def find_secrets(path: str, text: str) -> list[SecretHit]:
    """All secret hits in ``text``; one hit per line for a given value (most specific wins)."""
    lines = text.splitlines()
    starts = [0]
    for m in re.finditer("\n", text):
        starts.append(m.end())
    specific = _gcp_hits(text, starts) + _pem_hits(text, lines) + _token_hits(text, starts) + _url_hits(lines)
    taken_lines = {h.line for h in specific}
    taken_values = {h.value for h in specific}
    named = [
        h
        for h in _named_hits(path, lines)
        if h.line not in taken_lines and not any(h.value in v or v in h.value for v in taken_values)
    ]
    unique: dict[tuple[int, str], SecretHit] = {}
    for hit in specific + named + _log_hits(lines):
        key = (hit.line, hit.rule if not hit.value else "value")
        unique.setdefault(key, hit)
    return sorted(unique.values(), key=lambda h: (h.line, h.col, h.rule))
