from reviewer.classifier.units import ADD_MARK, GAP, extract_units, language_for

PY = """import os
import subprocess
from flask import Flask, request

app = Flask(__name__)
API_KEY = "not-a-real-key"
DEBUG = True


class Admin:
    @app.route("/run")
    @login_required
    def run(self):
        cmd = request.args["cmd"]
        return subprocess.call(cmd, shell=True)


def unrelated():
    return 1
"""


def test_python_method_unit_has_decorators_signature_imports_and_marks():
    [unit] = extract_units("app.py", PY, [15])
    assert unit.name == "run"
    assert (unit.start_line, unit.end_line) == (11, 15)  # the decorators belong to the unit
    assert unit.added_lines == (15,)
    lines = unit.text.split("\n")
    assert "import subprocess" in lines and "from flask import Flask, request" in lines
    assert "import os" not in lines  # imports the unit does not use stay out
    assert "class Admin:" in lines  # enclosing class header
    assert '    @app.route("/run")' in lines and "    @login_required" in lines
    assert f"{ADD_MARK}         return subprocess.call(cmd, shell=True)" in lines
    assert sum(line.startswith(ADD_MARK) for line in lines) == 1


def test_adjacent_top_level_statements_form_one_block_and_functions_their_own_unit():
    units = extract_units("app.py", PY, [6, 7, 19])
    assert [(u.name, u.added_lines) for u in units] == [("<module>", (6, 7)), ("unrelated", (19,))]
    assert units[0].text.split("\n") == [f'{ADD_MARK} API_KEY = "not-a-real-key"', f"{ADD_MARK} DEBUG = True"]


def test_js_route_callback_unit_is_the_whole_registration_with_middleware():
    js = (
        "const express = require('express');\nconst router = express.Router();\n\n"
        "router.delete('/users/:id', requireAuth, async (req, res) => {\n"
        "  await User.destroy({ where: { id: req.params.id } });\n  res.end();\n});\n"
    )
    [unit] = extract_units("routes.js", js, [5])
    assert unit.start_line == 4 and unit.end_line == 7
    assert "router.delete('/users/:id', requireAuth, async (req, res) => {" in unit.text


def test_typescript_and_tsx_are_parsed():
    ts = "export class C {\n  @Delete(':id')\n  remove(id: string): void {\n    this.s.remove(id);\n  }\n}\n"
    [unit] = extract_units("c.ts", ts, [4])
    assert unit.name == "remove" and unit.language == "typescript"
    assert extract_units("c.tsx", "const A = () => <div>{x}</div>;\n", [1])[0].language == "tsx"


def test_long_units_are_capped_around_the_added_lines():
    body = "\n".join(f"    x{i} = compute({i})" for i in range(300))
    src = f"def big():\n{body}\n    return x0\n"
    [unit] = extract_units("big.py", src, [152], max_chars=400)
    assert len(unit.text) <= 400 + 80
    lines = unit.text.split("\n")
    assert lines[0] == "def big():" and lines[1] == GAP  # signature kept, gap marked
    assert any(line.startswith(ADD_MARK) and "x150" in line for line in lines)


def test_unsupported_or_blank_changes_give_no_units():
    assert language_for("README.md") is None
    assert extract_units("README.md", "# hi\n", [1]) == []
    assert extract_units("a.py", "x = 1\n\n", [2]) == []
