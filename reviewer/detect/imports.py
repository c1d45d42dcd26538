"""Third-party imports in Python and JavaScript/TypeScript source, mapped to distribution names.

Line-based on purpose: a diff's post-image may not parse, and an import statement is one line in
nearly all generated code. Standard-library modules, relative imports, Node built-ins and modules
that live in the change itself are left out.
"""

from __future__ import annotations

import re
import sys
from pathlib import PurePosixPath

from reviewer.detect.manifests import Declared
from reviewer.detect.packages import Ecosystem, is_known

# import name -> distribution name, where they differ (and the difference is well known).
IMPORT_TO_DIST: dict[str, str] = {
    "yaml": "pyyaml",
    "cv2": "opencv-python",
    "PIL": "pillow",
    "sklearn": "scikit-learn",
    "skimage": "scikit-image",
    "bs4": "beautifulsoup4",
    "jwt": "pyjwt",
    "dateutil": "python-dateutil",
    "dotenv": "python-dotenv",
    "attr": "attrs",
    "Crypto": "pycryptodome",
    "Cryptodome": "pycryptodomex",
    "OpenSSL": "pyopenssl",
    "nacl": "pynacl",
    "jose": "python-jose",
    "multipart": "python-multipart",
    "magic": "python-magic",
    "serial": "pyserial",
    "usb": "pyusb",
    "zmq": "pyzmq",
    "git": "gitpython",
    "github": "pygithub",
    "gitlab": "python-gitlab",
    "telegram": "python-telegram-bot",
    "discord": "discord-py",
    "docx": "python-docx",
    "pptx": "python-pptx",
    "fitz": "pymupdf",
    "Levenshtein": "levenshtein",
    "socketio": "python-socketio",
    "engineio": "python-engineio",
    "kafka": "kafka-python",
    "ldap": "python-ldap",
    "MySQLdb": "mysqlclient",
    "pymysql": "pymysql",
    "psycopg2": "psycopg2-binary",
    "win32api": "pywin32",
    "win32con": "pywin32",
    "gi": "pygobject",
    "wx": "wxpython",
    "Bio": "biopython",
    "dns": "dnspython",
    "websocket": "websocket-client",
    "faiss": "faiss-cpu",
    "pkg_resources": "setuptools",
    "google.protobuf": "protobuf",
    "grpc": "grpcio",
    "tensorflow_hub": "tensorflow-hub",
    "sentence_transformers": "sentence-transformers",
    "mpl_toolkits": "matplotlib",
    "ruamel": "ruamel-yaml",
    "slugify": "python-slugify",
    "markdown": "markdown",
    "pydantic_settings": "pydantic-settings",
    "typing_extensions": "typing-extensions",
    "google.generativeai": "google-generativeai",
    "googleapiclient": "google-api-python-client",
    "jenkins": "python-jenkins",
    "snowflake": "snowflake-connector-python",
    "lxml": "lxml",
    "flask_sqlalchemy": "flask-sqlalchemy",
    "_pytest": "pytest",
    "pytest_asyncio": "pytest-asyncio",
    "argon2": "argon2-cffi",
    "rest_framework": "djangorestframework",
    "rest_framework_simplejwt": "djangorestframework-simplejwt",
    "corsheaders": "django-cors-headers",
    "environ": "django-environ",
    "allauth": "django-allauth",
    "debug_toolbar": "django-debug-toolbar",
    "crispy_forms": "django-crispy-forms",
    "storages": "django-storages",
    "django_filters": "django-filter",
    "socks": "pysocks",
    "google.auth": "google-auth",
    "mysql.connector": "mysql-connector-python",
}

# Names that generated projects use for their own modules; an import of one is local far more
# often than a third-party package, and the change may not include that module's file.
# fmt: off
LIKELY_LOCAL = frozenset(
    {
        "app", "application", "config", "configs", "settings", "models", "model", "utils", "util",
        "helpers", "helper", "db", "database", "schemas", "schema", "views", "routes", "router",
        "routers", "api", "core", "services", "service", "tests", "test", "main", "common", "constants",
        "forms", "extensions", "auth", "crud", "lib", "src", "tasks", "worker", "workers", "handlers",
        "middleware", "deps", "dependencies", "security", "types", "exceptions", "errors", "logger",
        "logging_config", "storage", "cache", "client", "server", "version", "__version__", "conftest",
        "manage", "wsgi", "asgi", "celery_app", "blueprints", "resources", "serializers", "admin",
        "urls", "apps", "signals", "migrations", "scripts", "tools", "repository", "repositories",
        "entities", "domain"
    }
)
# fmt: on

_PY_IMPORT = re.compile(
    r"^\s*(?:import\s+([A-Za-z_][\w.]*(?:\s*,\s*[A-Za-z_][\w.]*)*)|from\s+([A-Za-z_][\w.]*)\s+import\b)"
)
_JS_IMPORT = re.compile(
    r"""(?:\bimport\s+(?:[\w*{}\s,$]+\s+from\s+)?|\bexport\s+[\w*{}\s,$]+\s+from\s+|\brequire\s*\(\s*|\bimport\s*\(\s*)"""
    r"""(["'])([^"'\s]+)\1"""
)
# fmt: off
NODE_BUILTINS = frozenset(
    {
        "assert", "async_hooks", "buffer", "child_process", "cluster", "console", "constants", "crypto",
        "dgram", "diagnostics_channel", "dns", "domain", "events", "fs", "http", "http2", "https",
        "inspector", "module", "net", "os", "path", "perf_hooks", "process", "punycode", "querystring",
        "readline", "repl", "stream", "string_decoder", "sys", "timers", "tls", "trace_events", "tty",
        "url", "util", "v8", "vm", "wasi", "worker_threads", "zlib", "test"
    }
)
# fmt: on
PY_SUFFIXES = (".py", ".pyi")
JS_SUFFIXES = (".js", ".jsx", ".mjs", ".cjs", ".ts", ".tsx", ".mts", ".cts")


def local_python_modules(paths: list[str]) -> frozenset[str]:
    """Top-level module names that the change itself provides (files or package folders)."""
    names: set[str] = set()
    for p in paths:
        parts = PurePosixPath(p).parts
        for i, part in enumerate(parts):
            stem = part[:-3] if part.endswith(".py") and i == len(parts) - 1 else part
            if stem.isidentifier():
                names.add(stem)
    return frozenset(names)


def python_distribution(module: str) -> str:
    """Best-guess distribution for a dotted import (``google.cloud.storage`` -> ``google-cloud-storage``)."""
    parts = module.split(".")
    for n in range(len(parts), 0, -1):
        dotted = ".".join(parts[:n])
        if dotted in IMPORT_TO_DIST:
            return IMPORT_TO_DIST[dotted]
    for n in range(len(parts), 1, -1):
        joined = "-".join(parts[:n])
        if is_known(joined, Ecosystem.PYPI):
            return joined
    top = parts[0]
    for variant in (top, f"python-{top}", f"py{top}", f"{top}-python", f"{top}py", f"py-{top}"):
        if is_known(variant, Ecosystem.PYPI):
            return variant
    return top


def python_imports(text: str, local: frozenset[str]) -> list[Declared]:
    out = []
    stdlib = sys.stdlib_module_names
    for i, line in enumerate(text.splitlines(), start=1):
        m = _PY_IMPORT.match(line)
        if not m:
            continue
        modules = [s.strip().split(" ")[0] for s in m.group(1).split(",")] if m.group(1) else [m.group(2)]
        for module in modules:
            top = module.split(".")[0]
            if not top or top in stdlib or top in local or top in LIKELY_LOCAL or top.startswith("_"):
                continue
            out.append(Declared(python_distribution(module), i, Ecosystem.PYPI, "import"))
    return out


def js_imports(text: str) -> list[Declared]:
    out = []
    for i, line in enumerate(text.splitlines(), start=1):
        stripped = line.lstrip()
        if stripped.startswith(("//", "*", "/*")):
            continue
        for m in _JS_IMPORT.finditer(line):
            spec = m.group(2)
            if spec.startswith((".", "/", "~", "#", "node:", "@/", "http:", "https:", "data:")):
                continue
            parts = spec.split("/")
            name = "/".join(parts[:2]) if spec.startswith("@") else parts[0]
            if name in NODE_BUILTINS or not name:
                continue
            out.append(Declared(name, i, Ecosystem.NPM, "import"))
    return out
