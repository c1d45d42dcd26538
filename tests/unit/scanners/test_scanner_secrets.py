"""reviewer-secrets: true positives per format, placeholders stay quiet, values never in messages."""

from __future__ import annotations

import base64
import json
import random
import string

import pytest

from reviewer.findings import Category, Confidence
from reviewer.scanners.secrets import SecretPatternScanner

_RNG = random.Random(7)
_ALNUM = string.ascii_letters + string.digits


def _rand(n: int, alphabet: str = _ALNUM) -> str:
    return "".join(_RNG.choice(alphabet) for _ in range(n))


AWS_ID = "AKIA" + _rand(16, string.ascii_uppercase + string.digits)
AWS_SECRET = _rand(40, _ALNUM + "/+")
GHP = "ghp_" + _rand(36)
PAT = "github_pat_" + _rand(22) + "_" + _rand(59)
OPENAI = "sk-proj-" + _rand(48)
ANTHROPIC = "sk-ant-api03-" + _rand(90)
LEGACY_SK = "sk-" + _rand(48)
SLACK = "xoxb-" + _rand(12, string.digits) + "-" + _rand(13, string.digits) + "-" + _rand(24)
HOOK = (
    "https://hooks.slack.com/services/T"
    + _rand(8, string.ascii_uppercase)
    + "/B"
    + _rand(10, string.ascii_uppercase)
    + "/"
    + _rand(24)
)
STRIPE = "sk_live_" + _rand(32)
RK = "rk_live_" + _rand(32)
JWT = (
    "eyJhbGciOiJIUzI1NiJ9."
    + base64.urlsafe_b64encode(b'{"sub":"svc","role":"admin","n":1}').decode().rstrip("=")
    + "."
    + _rand(43)
)
AZURE = base64.b64encode(bytes(_RNG.getrandbits(8) for _ in range(64))).decode()
PEM_BODY = base64.b64encode(bytes(_RNG.getrandbits(8) for _ in range(600))).decode()
PEM = (
    "-----BEGIN RSA PRIVATE KEY-----\n"
    + "\n".join(PEM_BODY[i : i + 64] for i in range(0, len(PEM_BODY), 64))
    + "\n-----END RSA PRIVATE KEY-----"
)
PASSWORD = "Tr0ub4dor&3xQ!"


def scan(workspace, ctx, files):
    return SecretPatternScanner().scan(workspace(files), ctx).findings


@pytest.mark.parametrize(
    ("source", "rule", "cwes"),
    [
        (f'key_id = "{AWS_ID}"\n', "aws-access-key-id", (798,)),
        (f'aws_secret_access_key = "{AWS_SECRET}"\n', "aws-secret-access-key", (798,)),
        (f'token = "{GHP}"\n', "github-token", (798,)),
        (f'auth = "{PAT}"\n', "github-fine-grained-token", (798,)),
        (f'client = OpenAI(api_key="{OPENAI}")\n', "openai-project-key", (798,)),
        (f'KEY = "{ANTHROPIC}"\n', "anthropic-api-key", (798,)),
        (f'openai.api_key = "{LEGACY_SK}"\n', "ai-provider-key", (798,)),
        (f'SLACK = "{SLACK}"\n', "slack-token", (798,)),
        (f'URL = "{HOOK}"\n', "slack-webhook", (798,)),
        (f'stripe.api_key = "{STRIPE}"\n', "stripe-live-key", (798,)),
        (f'const s = new Stripe("{RK}");\n', "stripe-live-key", (798,)),
        (f'TOKEN = "{JWT}"\n', "jwt", (798,)),
        (f'login(token="hf_{_rand(34)}")\n', "huggingface-token", (798,)),
        (f'gl = gitlab.Gitlab(url, private_token="glpat-{_rand(20)}")\n', "gitlab-token", (798,)),
        (f'sg = SendGridAPIClient("SG.{_rand(22)}.{_rand(43)}")\n', "sendgrid-api-key", (798,)),
        (f'NPM = "npm_{_rand(36)}"\n', "npm-token", (798,)),
        (f'password = "pypi-AgEIcHlwaS5vcmc{_rand(60)}"\n', "pypi-token", (798,)),
        (
            f'CONN = "DefaultEndpointsProtocol=https;AccountName=a;AccountKey={AZURE};E=x"\n',
            "azure-storage-connection-string",
            (798,),
        ),
        (f'KEY = """{PEM}"""\n', "private-key", (798, 321)),
        (f'DB = "postgresql://app:{PASSWORD}@db.internal:5432/app"\n', "url-password", (798, 259)),
        (f'uri = "mongodb+srv://admin:{_rand(20)}@cluster0.mongodb.net/shop"\n', "url-password", (798, 259)),
        (f'r = redis.from_url("redis://:{_rand(24)}@cache:6379/0")\n', "url-password", (798, 259)),
        (f'SMTP_PASSWORD = "{PASSWORD}"\n', "hardcoded-password", (798, 259)),
        (f'if password == "{PASSWORD}":\n    ok()\n', "hardcoded-password", (798, 259)),
        (f'const apiKey = "{_rand(32)}";\n', "hardcoded-key", (798,)),
        (f'settings = {{"client_secret": "{_rand(32)}"}}\n', "hardcoded-key", (798,)),
    ],
)
def test_detects_each_format(workspace, ctx, source, rule, cwes):
    findings = scan(workspace, ctx, {"app/module.py": source})
    assert [f.rule for f in findings] == [f"reviewer.secrets.{rule}"]
    f = findings[0]
    assert f.cwes == cwes
    assert f.category is Category.SECRETS
    assert f.secret
    assert f.secret not in f.message and all(f.secret not in v for _, v in f.extra)


def test_gcp_service_account_json(workspace, ctx):
    doc = {
        "type": "service_account",
        "private_key": PEM.replace("RSA PRIVATE KEY", "PRIVATE KEY") + "\n",
        "client_email": "loader@proj.iam.gserviceaccount.com",
    }
    findings = scan(workspace, ctx, {"sa.json": json.dumps(doc, indent=2)})
    assert [f.rule for f in findings] == ["reviewer.secrets.gcp-service-account"]
    assert findings[0].cwes == (798, 321)


def test_env_and_yaml_files(workspace, ctx):
    findings = scan(
        workspace,
        ctx,
        {".env": f"DATABASE_PASSWORD={PASSWORD}\nDEBUG=1\n", "conf.yaml": f"mail:\n  api_key: {_rand(40)}\n"},
    )
    assert sorted(f.rule for f in findings) == [
        "reviewer.secrets.hardcoded-key",
        "reviewer.secrets.hardcoded-password",
    ]


@pytest.mark.parametrize(
    "source",
    [
        'api_key = "your-api-key-here"\n',
        'API_KEY = "xxxxxxxxxxxxxxxxxxxxxxxx"\n',
        'password = "changeme"\n',
        'password = "<password>"\n',
        'token = "${GITHUB_TOKEN}"\n',
        'token = os.environ["GITHUB_TOKEN"]\n',
        'secret = os.getenv("APP_SECRET", "")\n',
        'key_id = "AKIAIOSFODNN7EXAMPLE"\n',
        'token = "ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"\n',
        'client = OpenAI(api_key="sk-proj-your-key-goes-here-000000000000000000000")\n',
        'password = "dummy-password"\n',
        'password = "test1234"\n',
        'password = "aaaaaaaaaaaa"\n',
        'SECRET_KEY = "1234567890abcdef"\n',
        'url = "postgres://user:password@localhost/db"\n',
        'url = "postgres://postgres:postgres@localhost/db"\n',
        'url = f"postgresql://{user}:{password}@{host}/db"\n',
        'mongo = "mongodb+srv://<username>:<password>@cluster0.example.mongodb.net"\n',
        'KEY = """-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----"""\n',
        'password_field = "password"\n',
        'token_url = "https://auth.example.com/oauth/token"\n',
        'logger.info("password reset requested for %s", user.email)\n',
        'print("token prefix", token[:4])\n',
        'log.debug("length %d", len(password))\n',
        'stripe.api_key = "sk_test_' + "4eC39HqLyjWDarjtT1zdp7dc" + '"\n',
    ],
)
def test_placeholders_and_references_are_quiet(workspace, ctx, source):
    assert scan(workspace, ctx, {"app/settings.py": source}) == ()


def test_secrets_in_logs_and_errors(workspace, ctx):
    src = (
        "def connect(host, password, api_key):\n"
        '    logger.info(f"connecting to {host} with {password}")\n'
        '    print("key:", api_key)\n'
        '    raise ConnectionError(f"rejected key {api_key}")\n'
    )
    findings = scan(workspace, ctx, {"db.py": src})
    assert [(f.rule, f.location.start_line, f.cwes) for f in findings] == [
        ("reviewer.secrets.secret-in-log", 2, (532,)),
        ("reviewer.secrets.secret-in-log", 3, (532,)),
        ("reviewer.secrets.secret-in-error", 4, (209,)),
    ]
    assert all(f.secret is None for f in findings)


def test_fixture_paths_lower_confidence(workspace, ctx):
    findings = scan(workspace, ctx, {"tests/test_login.py": f'STRIPE = "{STRIPE}"\n'})
    assert len(findings) == 1
    assert findings[0].confidence is Confidence.LOW
    assert "test or example path" in findings[0].message


def test_one_finding_per_value(workspace, ctx):
    findings = scan(workspace, ctx, {"a.py": f'GITHUB_TOKEN = "{GHP}"\n'})
    assert len(findings) == 1  # the format match wins over the generic name match


def test_url_password_split_over_adjacent_literals(workspace, ctx):
    password = _rand(22)
    split = (
        f'URL = (\n    "postgresql+psycopg2://reporting_ro:{password}"\n'
        '    "@warehouse.internal:5432/analytics"\n)\n'
    )
    [finding] = scan(workspace, ctx, {"db.py": split})
    assert finding.rule == "reviewer.secrets.url-password" and finding.location.start_line == 2
    assert finding.secret == password
    # Two literals that do not make a URL with a password between them stay quiet.
    quiet = (
        'A = (\n    "https://docs.example.com/path"\n    "@anchor"\n)\n'
        'B = ("postgres://host/db"\n     "?sslmode=require")\n'
    )
    assert not scan(workspace, ctx, {"ok.py": quiet})
