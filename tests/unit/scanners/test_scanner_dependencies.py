"""dependencies: typosquats and unknown names in manifests and imports; popular names stay quiet."""

from __future__ import annotations

import json

from reviewer.findings import Confidence, Severity
from reviewer.scanners.dependencies import TYPO_RULE, UNKNOWN_RULE, DependencyScanner


def scan(workspace, ctx, files, added=None):
    return DependencyScanner().scan(workspace(files, added), ctx).findings


def summary(findings):
    return [(f.location.path, f.location.start_line, f.rule, dict(f.extra)["package"]) for f in findings]


def test_requirements_typo_and_unknown(workspace, ctx):
    req = "flask==3.0.3\n# comment\nreqeusts>=2\n-r base.txt\nfastapi-jwt-authx==0.4.1\nuvicorn[standard]\n"
    findings = scan(workspace, ctx, {"requirements.txt": req})
    assert summary(findings) == [
        ("requirements.txt", 3, TYPO_RULE, "reqeusts"),
        ("requirements.txt", 5, UNKNOWN_RULE, "fastapi-jwt-authx"),
    ]
    typo, unknown = findings
    assert typo.severity is Severity.HIGH and typo.cwes == (1357, 829)
    assert dict(typo.extra)["similar_to"] == "requests"
    assert unknown.severity is Severity.MEDIUM and unknown.confidence is Confidence.LOW


def test_pyproject_pep621_and_poetry(workspace, ctx):
    pep621 = '[project]\nname = "x"\ndependencies = [\n  "httpx>=0.27",\n  "python-dateutils",\n]\n'
    poetry = (
        '[tool.poetry.dependencies]\npython = "^3.11"\npandsa = "^2"\n\n'
        '[tool.poetry.group.dev.dependencies]\npytest = "*"\n'
    )
    findings = scan(workspace, ctx, {"a/pyproject.toml": pep621, "b/pyproject.toml": poetry})
    assert summary(findings) == [
        ("a/pyproject.toml", 5, TYPO_RULE, "python-dateutils"),
        ("b/pyproject.toml", 3, TYPO_RULE, "pandsa"),
    ]


def test_package_json(workspace, ctx):
    pkg = json.dumps(
        {"dependencies": {"express": "^4", "axois": "^1"}, "devDependencies": {"vitest": "^1"}}, indent=2
    )
    findings = scan(workspace, ctx, {"package.json": pkg})
    assert summary(findings) == [("package.json", 4, TYPO_RULE, "axois")]


def test_python_imports_map_to_distributions(workspace, ctx):
    src = (
        "import os, sys\nimport yaml\nimport cv2\nfrom PIL import Image\nfrom sklearn import svm\n"
        "from bs4 import BeautifulSoup\nimport jwt\nfrom google.cloud import storage\nfrom . import sibling\n"
        "from mypkg import thing\nimport reqeusts\n"
    )
    findings = scan(workspace, ctx, {"tool.py": src, "mypkg/__init__.py": ""})
    assert summary(findings) == [("tool.py", 11, TYPO_RULE, "reqeusts")]
    assert findings[0].confidence is Confidence.MEDIUM


def test_js_imports(workspace, ctx):
    src = (
        'import fs from "node:fs";\nimport path from "path";\nimport x from "./local";\n'
        'import { z } from "zod";\nconst l = require("lodahs");\nimport t from "@types/node";\n'
    )
    assert summary(scan(workspace, ctx, {"index.ts": src})) == [("index.ts", 5, TYPO_RULE, "lodahs")]


def test_only_added_entries(workspace, ctx):
    req = "reqeusts\nflask\nnumpyy\n"
    findings = scan(workspace, ctx, {"requirements.txt": req}, added={"requirements.txt": {3}})
    assert summary(findings) == [("requirements.txt", 3, TYPO_RULE, "numpyy")]


def test_unknown_import(workspace, ctx):
    findings = scan(workspace, ctx, {"ml.py": "from autofeature_selectorx import select\n"})
    assert summary(findings) == [("ml.py", 1, UNKNOWN_RULE, "autofeature_selectorx")]
    # An import may be a project module outside the change: asked about, at a lower severity
    # than a declared dependency.
    assert findings[0].severity is Severity.LOW


def test_project_modules_outside_the_change_are_not_asked_about(tmp_path, ctx):
    import subprocess

    from reviewer.changeset import Limits
    from reviewer.ingest.git import git_changeset
    from reviewer.workspace import materialise

    repo = tmp_path / "repo"
    (repo / "accounts").mkdir(parents=True)
    (repo / "accounts" / "__init__.py").write_text("def authenticate(u, p):\n    return None\n")
    (repo / "src" / "shop").mkdir(parents=True)
    (repo / "src" / "shop" / "catalog.py").write_text("PRICES = {}\n")
    for args in (
        ["init", "-q"],
        ["add", "-A"],
        ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "x"],
    ):
        subprocess.run(["git", *args], cwd=repo, check=True)
    (repo / "views.py").write_text(
        "from accounts import authenticate\nfrom shop.catalog import PRICES\nimport flask_jwt_simple_auth\n"
    )
    changeset = git_changeset(repo, Limits())
    assert {"accounts", "shop"} <= set(changeset.project_modules)
    with materialise(changeset, Limits()) as ws:
        findings = DependencyScanner().scan(ws, ctx).findings
    assert summary(findings) == [("views.py", 3, UNKNOWN_RULE, "flask_jwt_simple_auth")]


def test_install_commands_in_dockerfiles_scripts_and_readmes(workspace, ctx):
    dockerfile = (
        "FROM python:3.12-slim\n"
        "RUN pip install -r requirements.txt && pip install 'uvicorn[standard]>=0.30' reqeusts\n"
        "RUN npm install -g axois@1 @types/node\n"
    )
    readme = "Install:\n\n```bash\npip install fastapi-jwt-authx\n```\n\nOr `pip install <package-name>`.\n"
    findings = scan(
        workspace, ctx, {"Dockerfile": dockerfile, "README.md": readme, "setup.sh": "pip install -e .\n"}
    )
    assert summary(findings) == [
        ("Dockerfile", 2, TYPO_RULE, "reqeusts"),
        ("Dockerfile", 3, TYPO_RULE, "axois"),
        ("README.md", 4, UNKNOWN_RULE, "fastapi-jwt-authx"),
    ]
    assert "installed package 'reqeusts'" in findings[0].message


def test_install_commands_not_read_from_source_files(workspace, ctx):
    assert scan(workspace, ctx, {"tool.py": 'HELP = "run: pip install reqeusts"\n'}) == ()
