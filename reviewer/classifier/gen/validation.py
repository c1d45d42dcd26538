# ruff: noqa: S608, E501 -- the SQL strings are training data (deliberately injectable code, never run); templates read best unbroken
"""Generator for the ``validation`` class, complementing the real CVE fixes in SVEN.

SVEN is Python only and small; this adds JavaScript/TypeScript and more Python frameworks.
Positive: request input reaches SQL text, a shell, a file path, an outbound URL, a deserialiser
or ``eval`` unchecked. Negative: the same flow with parameters, argument lists, a containment
check, an allow-list, a safe loader, or input that is not user-controlled.
"""

from __future__ import annotations

import random

from reviewer.classifier.gen.common import RESOURCES, Snippet, indent

_PY_SOURCES = [
    'request.args.get("{p}")',
    'request.form["{p}"]',
    'request.GET.get("{p}")',
    "{p}",
    'request.json["{p}"]',
]


def py_flow(rng: random.Random) -> Snippet:
    res, plural = rng.choice(RESOURCES)
    param = rng.choice(["name", "q", "path", "filename", "url", "id", "sort", "host", "term"])
    src_expr = rng.choice(_PY_SOURCES).format(p=param)
    positive = rng.random() < 0.5
    sink = rng.choice(["sql", "shell", "path", "ssrf", "deser", "eval"])
    if sink == "sql":
        stmt = rng.choice(
            [
                f"cur.execute(f\"SELECT * FROM {plural} WHERE {param} = '{{value}}'\")",
                f"cur.execute(\"SELECT * FROM {plural} WHERE {param} = '%s'\" % value)",
                f'db.execute("DELETE FROM {plural} WHERE id = " + value)',
            ]
        )
        safe = rng.choice(
            [
                f'cur.execute("SELECT * FROM {plural} WHERE {param} = %s", (value,))',
                f'db.execute(text("SELECT * FROM {plural} WHERE {param} = :v"), {{"v": value}})',
            ]
        )
    elif sink == "shell":
        stmt = rng.choice(
            [
                'subprocess.check_output(f"ping -c 1 {value}", shell=True)',
                'os.system("convert " + value + " out.png")',
                'os.popen("nslookup %s" % value).read()',
            ]
        )
        safe = rng.choice(
            [
                'subprocess.check_output(["ping", "-c", "1", value])',
                'subprocess.run(["convert", value, "out.png"], check=True)',
            ]
        )
    elif sink == "path":
        stmt = rng.choice(
            ["open(os.path.join(UPLOAD_DIR, value)).read()", 'send_file(f"/srv/files/{value}")']
        )
        safe = rng.choice(
            [
                "send_from_directory(UPLOAD_DIR, secure_filename(value))",
                "target = (BASE / value).resolve()\nif not target.is_relative_to(BASE):\n    abort(400)\nreturn target.read_bytes()",
            ]
        )
    elif sink == "ssrf":
        stmt = "requests.get(value, timeout=5).text"
        safe = "if urlparse(value).hostname not in ALLOWED_HOSTS:\n    abort(400)\nreturn requests.get(value, timeout=5).text"
    elif sink == "deser":
        stmt = rng.choice(["pickle.loads(base64.b64decode(value))", "yaml.load(value, Loader=yaml.Loader)"])
        safe = rng.choice(["json.loads(value)", "yaml.safe_load(value)"])
    else:
        stmt = rng.choice(["eval(value)", 'exec("result = " + value)'])
        safe = rng.choice(["ast.literal_eval(value)", "int(value)"])
    final = stmt if positive else safe
    if "\n" not in final:
        final = "return " + final
    body = f"value = {src_expr}\n{final}"
    args = param if src_expr == param else ""
    route = rng.choice([f'@app.route("/{plural}/search")\n', f'@router.get("/{plural}")\n', ""])
    src = (
        "import os\nimport subprocess\nimport requests\nfrom flask import request\n\n"
        f"{route}def {rng.choice(['search', 'lookup', 'handle', 'preview', 'fetch', 'run'])}_{res}({args}):\n{indent(body, 4)}\n"
    )
    return Snippet("python", src, {"validation": int(positive)}, (), "validation.py_flow")


def js_flow(rng: random.Random) -> Snippet:
    _res, plural = rng.choice(RESOURCES)
    language = rng.choice(["javascript", "typescript"])
    param = rng.choice(["id", "name", "file", "host", "q"])
    src_expr = rng.choice([f"req.query.{param}", f"req.params.{param}", f"req.body.{param}"])
    positive = rng.random() < 0.5
    sink = rng.choice(["sql", "shell", "path", "xss", "ssrf"])
    pairs = {
        "sql": (
            f"const rows = await db.query(`SELECT * FROM {plural} WHERE {param} = '${{value}}'`);\n  res.json(rows);",
            f"const rows = await db.query('SELECT * FROM {plural} WHERE {param} = $1', [value]);\n  res.json(rows);",
        ),
        "shell": (
            "exec(`ping -c 1 ${value}`, (err, out) => res.send(out));",
            "execFile('ping', ['-c', '1', value], (err, out) => res.send(out));",
        ),
        "path": (
            "res.sendFile(path.join(__dirname, 'uploads', value));",
            "res.sendFile(path.basename(value), { root: path.join(__dirname, 'uploads') });",
        ),
        "xss": (
            "res.send('<h1>Hello ' + value + '</h1>');",
            "res.send('<h1>Hello ' + escapeHtml(value) + '</h1>');",
        ),
        "ssrf": (
            "const r = await fetch(value);\n  res.send(await r.text());",
            "if (!ALLOWED.has(new URL(value).host)) return res.status(400).end();\n  const r = await fetch(value);\n  res.send(await r.text());",
        ),
    }
    code = pairs[sink][0 if positive else 1]
    types = ": Request, res: Response" if language == "typescript" else ", res"
    src = (
        "const { exec, execFile } = require('child_process');\nconst path = require('path');\n\n"
        f"app.get('/{plural}/{rng.choice(['search', 'view', 'ping', 'download'])}', async (req{types}) => {{\n"
        f"  const value = {src_expr};\n  {code}\n}});\n"
    )
    return Snippet(language, src, {"validation": int(positive)}, (), "validation.js_flow")


TEMPLATES = [py_flow, js_flow]
