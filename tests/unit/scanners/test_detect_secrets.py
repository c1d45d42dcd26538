"""DetectSecretsScanner: in process, added lines only, identical to a whole-file scan there."""

from __future__ import annotations

import dataclasses

import pytest

from reviewer.findings import Category
from reviewer.scanners.base import ScanContext
from reviewer.scanners.detect_secrets import DetectSecretsScanner, classify

# Values are assembled at run time so that this file does not itself hold a credential-shaped
# literal that secret scanners (ours included) would report.
AWS = "AKIA" + "ZX3Q7RTW2LNM4KPB"
GH = "ghp_" + "Xk9Lm2Qr7Tz4Wv8Np3Hs6Jd1Fb5Gc0Yt2UeR"
PASSWORD = "Zq8#kL2!" + "vX9@pR4w"
PRIVATE = "-----BEGIN RSA " + "PRIVATE KEY-----"

APP = f'''\
import os

AWS_KEY = "{AWS}"
TOKEN = os.environ["TOKEN"]
db_password = "{PASSWORD}"
GITHUB = "{GH}"
'''
CONFIG_YAML = f"""\
service:
  name: demo
  password: "{PASSWORD}"
  token: {GH}
"""
SETTINGS_INI = f"""\
[auth]
user = demo
secret = {PASSWORD}
"""


def _findings(result):
    return {(f.location.path, f.location.start_line, f.rule) for f in result.findings}


def test_finds_secrets_with_value_only_in_secret_field(workspace):
    result = DetectSecretsScanner().scan(
        workspace({"app.py": APP, "key.pem": PRIVATE + "\nabc\n"}), ScanContext()
    )
    rules = _findings(result)
    assert ("app.py", 3, "detect-secrets.aws-access-key") in rules
    assert ("app.py", 6, "detect-secrets.github-token") in rules
    assert ("app.py", 5, "detect-secrets.secret-keyword") in rules
    assert ("key.pem", 1, "detect-secrets.private-key") in rules
    values = {AWS, GH, PASSWORD}
    for finding in result.findings:
        assert finding.category is Category.SECRETS
        assert 798 in finding.cwes
        assert finding.secret
        # No string field other than ``secret`` may carry any part of the value.
        for field in dataclasses.fields(finding):
            if field.name == "secret":
                continue
            text = repr(getattr(finding, field.name))
            assert not any(v in text for v in values), field.name
            assert finding.secret not in text or len(finding.secret) < 8
    by_line = {f.location.start_line: f for f in result.findings if f.location.path == "app.py"}
    assert by_line[5].cwes == (259, 798)  # a password
    assert next(f for f in result.findings if f.location.path == "key.pem").cwes == (321, 798)


def test_only_added_lines_are_reported(workspace):
    ws = workspace({"app.py": APP}, added={"app.py": {5}})
    result = DetectSecretsScanner().scan(ws, ScanContext())
    assert _findings(result) == {("app.py", 5, "detect-secrets.secret-keyword")}
    every = DetectSecretsScanner().scan(ws, ScanContext(options={"all_lines": "true"}))
    assert {f.location.start_line for f in every.findings} == {3, 5, 6}


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("app.py", APP),
        ("config.yaml", CONFIG_YAML),
        ("settings.ini", SETTINGS_INI),
        ("notes.unknownext", SETTINGS_INI),
    ],
)
def test_added_lines_scan_is_identical_to_whole_file_scan_on_those_lines(workspace, name, text):
    total = len(text.splitlines())
    whole = DetectSecretsScanner().scan(workspace({name: text}), ScanContext())
    for added in ({1}, {2, 3}, set(range(1, total + 1)), {total}):
        ws = workspace({name: text}, added={name: added})
        subset = DetectSecretsScanner().scan(ws, ScanContext())
        expected = [f for f in whole.findings if f.location.start_line in added]
        assert list(subset.findings) == expected, (name, added)
        # fresh folder for the next round
        for path in ws.files.values():
            path.unlink()


def test_allowlist_pragma_in_the_change_does_not_hide(workspace):
    code = f'AWS_KEY = "{AWS}"  # pragma: allowlist secret\n'
    result = DetectSecretsScanner().scan(workspace({"a.py": code}), ScanContext())
    assert [f.rule for f in result.findings] == ["detect-secrets.aws-access-key"]


def test_placeholders_and_env_lookups_are_quiet(workspace):
    code = 'API_KEY = os.environ["API_KEY"]\npassword = get_password()\ntoken = "${TOKEN}"\n'
    assert DetectSecretsScanner().scan(workspace({"a.py": code}), ScanContext()).findings == ()


def test_files_outside_the_workspace_are_not_read(workspace, tmp_path):
    outside = tmp_path / "outside.py"
    outside.write_text(APP)
    ws = workspace({"a.py": "x = 1\n"})
    ws.files["evil.py"] = outside
    assert DetectSecretsScanner().scan(ws, ScanContext()).findings == ()


def test_classify():
    assert classify("Private Key", "") == ((321, 798), *classify("Private Key", "")[1:])
    assert classify("Secret Keyword", "api_key = 'x'")[0] == (798,)
    assert classify("Basic Auth Credentials", "")[0] == (259, 798)


def test_placeholders_examples_and_password_hashes_are_not_findings(workspace):
    pem_stub = (
        '"private_key": "-----BEGIN PRIVATE KEY-----\\n...your key here...\\n-----END PRIVATE KEY-----\\n"'
    )
    files = {
        "config.py": 'API_KEY = "your-api-key-here"\nDB_PASSWORD = "changeme"\n',
        "sa.json": "{\n  " + pem_stub + "\n}\n",
        ".env.example": "JWT_SECRET=<generate-a-long-random-string>\n",
    }
    result = DetectSecretsScanner().scan(workspace(files), ScanContext())
    assert result.findings == ()


def test_is_real_secret():
    from reviewer.scanners.detect_secrets import is_real_secret

    assert is_real_secret("Secret Keyword", PASSWORD, "")
    assert not is_real_secret("Secret Keyword", "your-api-key-here", "")
    assert not is_real_secret("Secret Keyword", "${DB_PASSWORD}", "")
    assert not is_real_secret("Secret Keyword", "pbkdf2:sha256:600000$abc$def", "")
    assert is_real_secret("Private Key", "", PRIVATE)  # a multi-line PEM starts here


def test_secret_field_holds_the_whole_token_for_masking(workspace):
    # detect-secrets' GitHub plugin reports only the "ghp" prefix as the secret value.
    result = DetectSecretsScanner().scan(workspace({"app.py": APP}), ScanContext())
    [github] = [f for f in result.findings if f.rule == "detect-secrets.github-token"]
    assert github.secret == GH


def test_names_and_development_defaults_are_not_findings(workspace):
    files = {
        "values.yaml": "auth:\n  existingSecret: app-postgres-credentials\n",
        "settings.py": 'API_KEY_HEADER = "X-API-Key"\n',
        "compose.yaml": "DATABASE_URL: postgresql://postgres:postgres@db:5432/postgres\n",
    }
    assert DetectSecretsScanner().scan(workspace(files), ScanContext()).findings == ()
    real = {"compose.yaml": "DATABASE_URL: postgresql://app:" + "Zq8kL2vX9pR4wTn" + "@db:5432/app\n"}
    assert [f.rule for f in DetectSecretsScanner().scan(workspace(real), ScanContext()).findings] == [
        "detect-secrets.basic-auth-credentials"
    ]
