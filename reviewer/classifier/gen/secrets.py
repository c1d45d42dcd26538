# ruff: noqa: E501 -- templates are code; their lines read best unbroken
"""Generator for the ``secrets`` class: hard-coded credentials versus the same code reading them.

Every template yields positives and negatives from the same shape (a literal key versus an
environment or settings lookup, a placeholder, a non-secret constant), so the label depends on
the value, not on the template. Values follow real formats (AWS, Stripe, GitHub, Slack, JWT,
PEM, connection URLs, human passwords); none is a live credential.
"""

from __future__ import annotations

import base64
import random
import string

from reviewer.classifier.gen.common import Snippet, ident, line_of, rand_chars

_KEY_NAMES = [
    ["api", "key"],
    ["secret", "key"],
    ["access", "token"],
    ["auth", "token"],
    ["client", "secret"],
    ["db", "password"],
    ["password"],
    ["stripe", "key"],
    ["aws", "secret", "access", "key"],
    ["github", "token"],
    ["slack", "token"],
    ["jwt", "secret"],
    ["private", "key"],
    ["signing", "key"],
    ["sendgrid", "api", "key"],
    ["openai", "api", "key"],
    ["admin", "password"],
    ["smtp", "pass"],
    ["webhook", "secret"],
    ["encryption", "key"],
    ["bearer", "token"],
    ["pwd"],
    ["passwd"],
    ["token"],
]
_BENIGN_NAMES = [
    ["api", "url"],
    ["base", "url"],
    ["timeout"],
    ["page", "size"],
    ["user", "agent"],
    ["region"],
    ["password", "field"],
    ["token", "header"],
    ["secret", "name"],
    ["key", "prefix"],
    ["bucket", "name"],
    ["default", "locale"],
    ["empty", "sha256"],
    ["password", "min", "length"],
    ["api", "version"],
]


def secret_value(rng: random.Random) -> str:
    kind = rng.randrange(12)
    if kind == 0:
        return "AKIA" + rand_chars(rng, 16, string.ascii_uppercase + string.digits)
    if kind == 1:
        return rand_chars(rng, 40, string.ascii_letters + string.digits + "/+")
    if kind == 2:
        return rng.choice(["sk_live_", "sk_test_", "rk_live_"]) + rand_chars(rng, 24)
    if kind == 3:
        return rng.choice(["ghp_", "gho_", "github_pat_"]) + rand_chars(rng, 36)
    if kind == 4:
        return f"xoxb-{rand_chars(rng, 11, string.digits)}-{rand_chars(rng, 12, string.digits)}-{rand_chars(rng, 24)}"
    if kind == 5:
        head = base64.urlsafe_b64encode(b'{"alg":"HS256","typ":"JWT"}').decode().rstrip("=")
        return f"{head}.{rand_chars(rng, 36)}.{rand_chars(rng, 43)}"
    if kind == 6:
        return rand_chars(rng, rng.choice([32, 64]), "0123456789abcdef")
    if kind == 7:
        word = rng.choice(["Summer", "dragon", "Passw0rd", "letmein", "Welcome", "admin", "qwerty", "Monkey"])
        return f"{word}{rng.randrange(10, 9999)}{rng.choice(['!', '#', '$', '', '@'])}"
    if kind == 8:
        return "sk-" + rand_chars(rng, 48)
    if kind == 9:
        return "SG." + rand_chars(rng, 22) + "." + rand_chars(rng, 43)
    if kind == 10:
        return rand_chars(rng, rng.randrange(12, 30), string.ascii_letters + string.digits + "!@#%^&*")
    return "AIza" + rand_chars(rng, 35, string.ascii_letters + string.digits + "-_")


def benign_value(rng: random.Random) -> str:
    return rng.choice(
        [
            "https://api.example.com/v" + str(rng.randrange(1, 4)),
            "X-Auth-Token",
            "password",
            "Authorization",
            "us-east-1",
            "en_US",
            "application/json",
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            "utf-8",
            "reviewer-bot/1.0",
            "my-bucket-" + str(rng.randrange(100)),
            "%Y-%m-%dT%H:%M:%S",
            "",
            "<your-api-key>",
            "changeme" if rng.random() < 0.1 else "INFO",
        ]
    )


def _env_read(rng: random.Random, language: str, env: str) -> str:
    if language == "python":
        return rng.choice(
            [
                f'os.environ["{env}"]',
                f'os.getenv("{env}")',
                f'os.environ.get("{env}")',
                f"settings.{env}",
                f'config("{env}")',
                f'vault.read_secret("{env.lower()}")',
            ]
        )
    return rng.choice([f"process.env.{env}", f'process.env["{env}"]', f'config.get("{env.lower()}")'])


def module_constant(rng: random.Random) -> Snippet:
    language = rng.choice(["python", "python", "javascript", "typescript"])
    positive = rng.random() < 0.5
    name = ident(
        rng, _KEY_NAMES if (positive or rng.random() < 0.6) else _BENIGN_NAMES, language, constant=True
    )
    if positive:
        rhs = f'"{secret_value(rng)}"'
    elif rng.random() < 0.6:
        rhs = _env_read(rng, language, name)
    else:
        rhs = f'"{benign_value(rng)}"'
    if language == "python":
        head = "import os\n" + ("from django.conf import settings\n" if "settings." in rhs else "")
        src = f"{head}\nDEBUG_LEVEL = {rng.randrange(3)}\n{name} = {rhs}\nTIMEOUT = {rng.randrange(5, 60)}\n"
    else:
        decl = rng.choice(["const", "export const", "let"])
        ann = ": string" if language == "typescript" and rng.random() < 0.5 else ""
        src = f"const retries = {rng.randrange(1, 5)};\n{decl} {name}{ann} = {rhs};\nmodule.exports = {{ {name} }};\n"
    flaw = line_of(src, f"{name}")
    return Snippet(language, src, {"secrets": int(positive)}, (flaw,), "secrets.module_constant")


def client_call(rng: random.Random) -> Snippet:
    """A credential passed straight into an SDK or driver call inside a function."""
    positive = rng.random() < 0.5
    value = (
        f'"{secret_value(rng)}"'
        if positive
        else _env_read(rng, "python", rng.choice(["API_KEY", "DB_PASSWORD", "AWS_SECRET", "TOKEN"]))
    )
    fn = rng.choice(["get_client", "connect", "make_session", "init_storage", "build_mailer", "open_db"])
    call = rng.choice(
        [
            f'boto3.client("s3", aws_access_key_id="AKIA{rand_chars(rng, 16, string.ascii_uppercase)}", aws_secret_access_key={value})',
            f'psycopg2.connect(host="db.internal", user="app", password={value}, dbname="{rng.choice(["shop", "crm", "app"])}")',
            f"stripe.StripeClient({value})",
            f'redis.Redis(host="cache", port=6379, password={value})',
            f'smtplib.SMTP_SSL("smtp.example.com").login("noreply@example.com", {value})',
            f"Github({value})",
            f'requests.Session(); session.headers["Authorization"] = "Bearer " + {value}',
            f"OpenAI(api_key={value})",
        ]
    )
    body = f"def {fn}({rng.choice(['', 'region=None', 'self', 'timeout=10'])}):\n"
    body += f'    """{rng.choice(["Create the client.", "Connect once per process.", "Factory used by the jobs."])}"""\n'
    body += f"    client = {call}\n    return client\n"
    src = "import os\nimport boto3\n\n" + body
    return Snippet(
        "python", src, {"secrets": int(positive)}, (line_of(src, "client = "),), "secrets.client_call"
    )


def jwt_signing(rng: random.Random) -> Snippet:
    language = rng.choice(["python", "javascript", "typescript"])
    positive = rng.random() < 0.5
    secret = f'"{rng.choice(["secret", "supersecret", "my-jwt-secret", secret_value(rng)])}"'
    ref = secret if positive else _env_read(rng, language, "JWT_SECRET")
    if language == "python":
        src = (
            "import jwt\nimport os\nfrom datetime import datetime, timedelta\n\n"
            f"def {rng.choice(['create_token', 'issue_access_token', 'make_jwt'])}(user_id):\n"
            '    payload = {"sub": str(user_id), "exp": datetime.utcnow() + timedelta(hours=1)}\n'
            f'    return jwt.encode(payload, {ref}, algorithm="HS256")\n'
        )
    else:
        src = (
            "const jwt = require('jsonwebtoken');\n\n"
            f"function {rng.choice(['signToken', 'issueToken', 'createSession'])}(user) {{\n"
            "  const claims = { sub: user.id, role: user.role };\n"
            f"  return jwt.sign(claims, {ref}, {{ expiresIn: '{rng.choice(['1h', '15m', '7d'])}' }});\n}}\n"
        )
    return Snippet(language, src, {"secrets": int(positive)}, (line_of(src, "jwt."),), "secrets.jwt_signing")


def app_config(rng: random.Random) -> Snippet:
    positive = rng.random() < 0.5
    framework = rng.choice(["flask", "django", "express"])
    if framework == "express":
        ref = f'"{secret_value(rng)}"' if positive else _env_read(rng, "javascript", "SESSION_SECRET")
        src = (
            "const express = require('express');\nconst session = require('express-session');\n"
            "const app = express();\n"
            f"app.use(session({{ secret: {ref}, resave: false, saveUninitialized: false }}));\n"
        )
        return Snippet(
            "javascript", src, {"secrets": int(positive)}, (line_of(src, "secret:"),), "secrets.app_config"
        )
    ref = f'"{secret_value(rng)}"' if positive else _env_read(rng, "python", "SECRET_KEY")
    if framework == "flask":
        src = (
            f'import os\nfrom flask import Flask\n\napp = Flask(__name__)\napp.config["SECRET_KEY"] = {ref}\n'
        )
    else:
        src = f"import os\n\nALLOWED_HOSTS = []\nSECRET_KEY = {ref}\nUSE_TZ = True\n"
    return Snippet(
        "python", src, {"secrets": int(positive)}, (line_of(src, "SECRET_KEY"),), "secrets.app_config"
    )


def connection_url(rng: random.Random) -> Snippet:
    language = rng.choice(["python", "javascript"])
    positive = rng.random() < 0.5
    scheme = rng.choice(["postgresql", "mysql", "mongodb+srv", "redis", "amqp"])
    if positive:
        url = f'"{scheme}://{rng.choice(["admin", "app", "root", "svc"])}:{secret_value(rng)[:20]}@db.{rng.choice(["prod", "internal", "corp"])}.example.com/app"'
    elif rng.random() < 0.5:
        url = f'"{scheme}://localhost/app"'
    else:
        url = _env_read(rng, language, "DATABASE_URL")
    if language == "python":
        src = f"import os\nfrom sqlalchemy import create_engine\n\nengine = create_engine({url}, pool_pre_ping=True)\n"
    else:
        src = f"const mongoose = require('mongoose');\n\nmongoose.connect({url}, {{ maxPoolSize: 10 }});\n"
    return Snippet(
        language, src, {"secrets": int(positive)}, (line_of(src, "(" + url[:8]),), "secrets.connection_url"
    )


def private_key(rng: random.Random) -> Snippet:
    positive = rng.random() < 0.5
    body = "\n".join(
        rand_chars(rng, 64, string.ascii_letters + string.digits + "+/") for _ in range(rng.randrange(3, 6))
    )
    kind = rng.choice(["RSA PRIVATE KEY", "PRIVATE KEY", "EC PRIVATE KEY", "OPENSSH PRIVATE KEY"])
    if positive:
        src = f'PRIVATE_KEY = """-----BEGIN {kind}-----\n{body}\n-----END {kind}-----"""\n'
    else:
        kind = kind.replace("PRIVATE", "PUBLIC") if rng.random() < 0.5 else "CERTIFICATE"
        src = f'PUBLIC_CERT = """-----BEGIN {kind}-----\n{body}\n-----END {kind}-----"""\n'
    return Snippet("python", src, {"secrets": int(positive)}, (0, 1), "secrets.private_key")


def secret_in_log(rng: random.Random) -> Snippet:
    language = rng.choice(["python", "javascript"])
    positive = rng.random() < 0.5
    what = rng.choice(["password", "token", "api_key", "secret"])
    if language == "python":
        shown = what if positive else rng.choice(["username", "user_id", "email", "len(" + what + ")"])
        log = rng.choice(
            [
                f'logger.info("login %s with %s", username, {shown})',
                f'print(f"debug: {{{shown}}}")',
                f'log.debug("auth attempt: " + str({shown}))',
            ]
        )
        src = (
            "import logging\n\nlogger = logging.getLogger(__name__)\nlog = logger\n\n"
            f"def authenticate(username, {what}):\n    {log}\n    return backend.check(username, {what})\n"
        )
    else:
        shown = what if positive else rng.choice(["username", "req.ip", "userId"])
        src = (
            f"async function login(username, {what}) {{\n  console.log('login', username, {shown});\n"
            f"  return auth.verify(username, {what});\n}}\n"
        )
    flaw = line_of(src, "console.log(" if language != "python" else log[:12])
    return Snippet(language, src, {"secrets": int(positive)}, (flaw,), "secrets.secret_in_log")


def default_fallback(rng: random.Random) -> Snippet:
    """An environment lookup with a real-looking key as fallback is still a hard-coded secret."""
    positive = rng.random() < 0.5
    env = rng.choice(["STRIPE_KEY", "API_TOKEN", "DB_PASSWORD", "SECRET_KEY"])
    fallback = (
        f'"{secret_value(rng)}"'
        if positive
        else rng.choice(['""', "None", '"dev-only-change-me"' if rng.random() < 0.2 else '""'])
    )
    positive = positive or fallback == '"dev-only-change-me"'
    language = rng.choice(["python", "javascript"])
    if language == "python":
        src = f'import os\n\ndef load_settings():\n    key = os.environ.get("{env}", {fallback})\n    return {{"key": key}}\n'
    else:
        fb = fallback if fallback != "None" else "''"
        src = (
            f"function loadSettings() {{\n  const key = process.env.{env} || {fb};\n  return {{ key }};\n}}\n"
        )
    return Snippet(
        language, src, {"secrets": int(positive)}, (line_of(src, env),), "secrets.default_fallback"
    )


def header_literal(rng: random.Random) -> Snippet:
    language = rng.choice(["python", "typescript"])
    positive = rng.random() < 0.5
    token = secret_value(rng)
    if language == "python":
        auth = f'"Bearer {token}"' if positive else 'f"Bearer {self.token}"'
        src = (
            "import requests\n\nclass Client:\n    def fetch(self, path):\n"
            f'        headers = {{"Authorization": {auth}, "Accept": "application/json"}}\n'
            "        return requests.get(self.base + path, headers=headers, timeout=10)\n"
        )
    else:
        auth = f"'Bearer {token}'" if positive else "`Bearer ${this.token}`"
        src = (
            "export class ApiClient {\n  async fetch(path: string) {\n"
            f"    const headers = {{ Authorization: {auth}, Accept: 'application/json' }};\n"
            "    return fetch(this.base + path, { headers });\n  }\n}\n"
        )
    return Snippet(
        language, src, {"secrets": int(positive)}, (line_of(src, "Authorization"),), "secrets.header_literal"
    )


TEMPLATES = [
    module_constant,
    client_call,
    jwt_signing,
    app_config,
    connection_url,
    private_key,
    secret_in_log,
    default_fallback,
    header_literal,
]
