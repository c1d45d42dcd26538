"""Blank out the Python definitions a change does not touch, so semgrep analyses less code.

Semgrep's taint and pattern matching work within a function, and our rules look at most one call
further (a helper in the same file whose parameter reaches a sink), so a finding on a changed line
depends only on the definition that contains the line, the definitions it calls by name, and
module-level code (imports, constants, decorators, settings). Everything else can be replaced by
blank lines before semgrep sees it: line numbers and columns of the kept code do not move, and the
findings on changed lines stay identical
(``tests/unit/scanners/test_semgrep_pruning.py`` checks this on every rule test file). On a
typical change (a few functions edited in long files) semgrep then reads a fraction of the code.

Nothing is pruned when the file does not parse cleanly (semgrep's own error recovery must see
the original), and callers do not prune at all when every line counts (``--all-lines``, whole
files).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import tree_sitter as ts

_DEFINITIONS = frozenset({"function_definition", "class_definition"})


def _touched(start: int, end: int, kept: list[int]) -> bool:
    """Whether any kept (1-based) line lies in the 0-based inclusive row range."""
    index = bisect.bisect_left(kept, start + 1)
    return index < len(kept) and kept[index] <= end + 1


def _ranges(
    children: Iterable[ts.Node], kept: list[int], lines: list[str], out: list[tuple[int, int, str]]
) -> None:
    for node in children:
        inner = node.child_by_field_name("definition") if node.type == "decorated_definition" else node
        if inner is None or inner.type not in _DEFINITIONS:
            continue
        start, end = node.start_point[0], node.end_point[0]
        column = node.start_point[1]
        line = lines[start]
        if line[:column].strip():  # shares its first line with other code: leave it alone
            continue
        if not _touched(start, end, kept):
            name = inner.child_by_field_name("name")
            out.append((start, end, name.text.decode("utf-8", "replace") if name and name.text else ""))
        elif inner.type == "class_definition":
            body = inner.child_by_field_name("body")
            if body is not None and body.start_point[0] > inner.start_point[0]:
                _ranges(body.children, kept, lines, out)


def prune(text: str, kept_lines: Iterable[int]) -> str | None:
    """``text`` with every untouched definition blanked, or None when nothing would change."""
    from reviewer.detect.syntax import PYTHON, parse

    tree = parse(PYTHON, text)
    if tree.root_node.has_error:
        return None
    lines = text.splitlines(keepends=True)
    kept = sorted(set(kept_lines))
    candidates: list[tuple[int, int, str]] = []
    _ranges(tree.root_node.children, kept, lines, candidates)
    called = _called_outside(tree.root_node, [(s, e) for s, e, _ in candidates])
    ranges = [(s, e) for s, e, name in candidates if name not in called]
    if not ranges:
        return None
    for start, end in ranges:
        first = lines[start]
        indent = first[: len(first) - len(first.lstrip(" \t"))]
        # A body must not become empty: the first line keeps a `pass` at the same indentation.
        lines[start] = indent + "pass" + _ending(first)
        for row in range(start + 1, min(end + 1, len(lines))):
            lines[row] = _ending(lines[row])
    return "".join(lines)


def _called_outside(root: ts.Node, blanked: list[tuple[int, int]]) -> set[str]:
    """Names called (``f(...)``, ``obj.f(...)``) from the code that stays: a helper one call away
    from a changed line is kept for the rules that follow a value into it."""
    starts = sorted(blanked)

    def inside_blanked(row: int) -> bool:
        index = bisect.bisect_right(starts, (row, 1 << 30)) - 1
        return index >= 0 and starts[index][0] <= row <= starts[index][1]

    names: set[str] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if node.type == "call" and not inside_blanked(node.start_point[0]):
            func = node.child_by_field_name("function")
            if func is not None and func.type == "attribute":
                func = func.child_by_field_name("attribute")
            if func is not None and func.type == "identifier" and func.text:
                names.add(func.text.decode("utf-8", "replace"))
        stack.extend(node.children)
    return names


def pruned_copy(source: Path, root: Path, kept_lines: Iterable[int], scratch: Path) -> Path | None:
    """Write ``source`` (a workspace file under ``root``) with its untouched definitions blanked
    to ``scratch/pruned/<same relative path>`` and return that path; None when nothing would be
    pruned or the file cannot be read as UTF-8 (scan the original then)."""
    try:
        pruned = prune(source.read_text(encoding="utf-8"), kept_lines)
    except (OSError, UnicodeDecodeError):
        return None
    if pruned is None:
        return None
    target = scratch / "pruned" / source.relative_to(root)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(pruned, encoding="utf-8")
    return target


def _ending(line: str) -> str:
    if line.endswith("\r\n"):
        return "\r\n"
    if line.endswith(("\n", "\r")):
        return line[-1]
    return ""
