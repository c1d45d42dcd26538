"""Scaffolding for Python post-images rebuilt from hunks: parseable, diff lines untouched."""

from __future__ import annotations

import ast

import pytest

from reviewer.changeset import Limits
from reviewer.ingest.diff import parse_diff
from reviewer.ingest.scaffold import scaffold_python


def rebuild(shown: dict[int, str], size: int) -> tuple[list[str], list[bool]]:
    lines = [""] * size
    known = [False] * size
    for number, text in shown.items():
        lines[number - 1] = text
        known[number - 1] = True
    return lines, known


def check(shown: dict[int, str], size: int) -> list[str]:
    lines, known = rebuild(shown, size)
    out = scaffold_python(lines, known)
    ast.parse("\n".join(out) + "\n")
    for i, flag in enumerate(known):
        if flag:
            assert out[i] == lines[i], "a line the diff shows was changed"
    return out


def test_hunk_inside_a_method():
    out = check(
        {
            20: "        x = compute()",
            21: "        os.system(x)",
            22: "    def other(self):",
            23: "        pass",
        },
        30,
    )
    assert out[18] == "    if True:" and out[17] == "if True:"


def test_hunk_ending_inside_a_signature_and_starting_inside_one():
    check({10: "def handler(", 11: "    request,"}, 12)
    check({10: "    request: Request,", 11: ") -> Response:", 12: "    return run(request)"}, 14)


def test_hunk_ending_on_a_block_header():
    check({5: "    for item in items:"}, 8)


def test_hunk_starting_with_else_or_except():
    check({5: "    else:", 6: "        y = 2"}, 7)
    check({5: "    except ValueError:", 6: "        raise"}, 7)


def test_hunk_ending_and_starting_inside_docstrings():
    check({3: "def f():", 4: '    """Do things.', 5: "    More text"}, 6)
    check({3: "    still the docstring", 4: '    """', 5: "    return 1"}, 8)


def test_parseable_and_tab_indented_input_is_left_alone():
    lines, known = rebuild({1: "x = 1", 3: "y = 2"}, 3)
    assert scaffold_python(lines, known) == lines
    lines, known = rebuild({5: "\treturn x"}, 6)
    assert scaffold_python(lines, known) == lines


def test_unfixable_input_is_left_blank():
    lines, known = rebuild({1: "    x = (", 2: "  ]"}, 2)
    assert scaffold_python(lines, known) == lines


@pytest.mark.parametrize("path", ["m.py", "m.txt"])
def test_diff_of_a_modified_function_parses_only_for_python(path):
    diff = f"""--- a/{path}
+++ b/{path}
@@ -40,3 +40,4 @@ class Service:
         user = request.args["user"]
-        return user
+        os.system("echo " + user)
+        return user
     def close(self):
""".encode()
    (change,) = parse_diff(diff, Limits()).files
    shown = change.post_image.split("\n")
    assert shown[40] == '        os.system("echo " + user)'
    if path.endswith(".py"):
        ast.parse(change.post_image)
    else:
        assert set(shown[:39]) == {""}
