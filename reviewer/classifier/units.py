"""Code units: the enclosing function, method or top-level block of each added hunk.

A unit is what the classifier scores. Tree-sitter finds, for every added line, the innermost
function (with its decorators) or, outside functions, the top-level statement; the unit's text
carries the imports the unit uses, the enclosing class header and the body, and every added
line is prefixed with ``ADD_MARK`` so the model knows which lines the change is about. Units are
capped: past ``max_chars`` the lines nearest the added ones are kept and gaps become ``...``.
The scanned code is parsed, never executed.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass

ADD_MARK = "<add>"
GAP = "..."
DEFAULT_MAX_CHARS = 700  # about 190 BPE tokens of code with this tokenizer (measured: ~3.6 chars/token)

_EXT = {
    ".py": "python",
    ".pyi": "python",
    ".js": "javascript",
    ".jsx": "javascript",
    ".mjs": "javascript",
    ".cjs": "javascript",
    ".ts": "typescript",
    ".mts": "typescript",
    ".tsx": "tsx",
}

_FUNCTIONS = {
    "python": {"function_definition"},
    "javascript": {
        "function_declaration",
        "generator_function_declaration",
        "function_expression",
        "function",
        "arrow_function",
        "method_definition",
    },
}
_FUNCTIONS["typescript"] = _FUNCTIONS["javascript"]
_FUNCTIONS["tsx"] = _FUNCTIONS["javascript"]
_CLASSES = {"class_definition", "class_declaration", "class"}
_IMPORTS = {"import_statement", "import_from_statement", "future_import_statement"}


@dataclass(frozen=True)
class Unit:
    """One scored piece of changed code."""

    path: str
    language: str
    name: str  # the function's name, or "<module>" for top-level code
    start_line: int  # 1-based, first line of the enclosing node
    end_line: int
    added_lines: tuple[int, ...]  # 1-based file lines inside the unit that the change added
    text: str  # the model's input


def language_for(path: str) -> str | None:
    dot = path.rfind(".")
    return _EXT.get(path[dot:].lower()) if dot >= 0 else None


@functools.lru_cache(maxsize=8)
def _parser(language: str) -> object:
    import tree_sitter

    if language == "python":
        import tree_sitter_python as grammar

        lang = tree_sitter.Language(grammar.language())
    elif language == "javascript":
        import tree_sitter_javascript as js

        lang = tree_sitter.Language(js.language())
    else:
        import tree_sitter_typescript as tsg

        lang = tree_sitter.Language(tsg.language_tsx() if language == "tsx" else tsg.language_typescript())
    return tree_sitter.Parser(lang)


def _enclosing(node: object, line0: int, language: str) -> object:
    """The unit node for a 0-based line: innermost function, else the top-level statement."""
    root = node
    best = None
    current = root
    while True:
        child = _child_at(current, line0)
        if child is None:
            break
        if child.type in _FUNCTIONS[language]:
            best = child
        current = child
    if best is None:
        return _child_at(root, line0) or root
    return _widen(best, language)


def _child_at(node: object, line0: int) -> object | None:
    for child in node.children:  # type: ignore[attr-defined]
        if child.start_point[0] <= line0 <= child.end_point[0]:
            return child
    return None


def _widen(fn: object, language: str) -> object:
    """Include decorators (Python), and for JS callbacks the call that registers them.

    ``app.get('/x', requireAuth, (req, res) => ...)``: the route and its middleware are what
    tell whether the handler is protected, so the whole statement is the unit.
    """
    parent = fn.parent  # type: ignore[attr-defined]
    if language == "python":
        return parent if parent is not None and parent.type == "decorated_definition" else fn
    node = fn
    if parent is not None and parent.type == "arguments":
        node = parent
        while node.parent is not None and not node.type.endswith(("statement", "declaration")):
            node = node.parent
    return node


def _class_header(node: object, lines: list[str]) -> list[int]:
    """0-based line of the enclosing class's header, if any."""
    parent = node.parent  # type: ignore[attr-defined]
    while parent is not None:
        if parent.type in _CLASSES:
            return [parent.start_point[0]]
        parent = parent.parent
    return []


def _imports(root: object, language: str) -> list[tuple[int, int, str]]:
    """Top-level imports as (start0, end0, text)."""
    found = []
    for child in root.children:  # type: ignore[attr-defined]
        is_import = child.type in _IMPORTS
        if (
            not is_import
            and language != "python"
            and child.type in ("lexical_declaration", "variable_declaration")
        ):
            is_import = b"require(" in child.text
        if is_import:
            found.append((child.start_point[0], child.end_point[0], child.text.decode("utf-8", "replace")))
    return found


def _identifiers(node: object) -> set[str]:
    names: set[str] = set()
    stack = [node]
    while stack:
        n = stack.pop()
        if n.type in ("identifier", "property_identifier", "type_identifier"):  # type: ignore[attr-defined]
            names.add(n.text.decode("utf-8", "replace"))  # type: ignore[attr-defined]
        stack.extend(n.children)  # type: ignore[attr-defined]
    return names


def _imported_names(text: str) -> set[str]:
    words = set()
    for token in text.replace(",", " ").replace("{", " ").replace("}", " ").replace("(", " ").split():
        words.add(token.split(".")[0])
    return words


def render(
    lines: list[str],
    body: range,
    added: Iterable[int],
    header: Iterable[int] = (),
    max_chars: int = DEFAULT_MAX_CHARS,
) -> str:
    """Render 0-based ``body`` lines (plus ``header`` lines) with added lines marked, capped.

    When the unit is too long, lines are kept by distance to the nearest added line (the
    signature's first line always stays) and each run of dropped lines becomes ``GAP``.
    """
    added_set = set(added)
    keep: set[int] = set(header) | {body.start}
    budget = max_chars - sum(len(lines[i]) + 1 for i in keep if 0 <= i < len(lines))
    anchors = sorted(added_set & set(body)) or [body.start]
    order = sorted(body, key=lambda i: (min(abs(i - a) for a in anchors), i))
    for i in order:
        if i in keep:
            continue
        cost = len(lines[i]) + 1 + (len(ADD_MARK) + 1 if i in added_set else 0)
        if cost > budget:
            if i in added_set:
                continue  # an over-long added line elsewhere may still fit
            break
        keep.add(i)
        budget -= cost
    out: list[str] = []
    previous = None
    for i in sorted(keep):
        if not 0 <= i < len(lines):
            continue
        if previous is not None and i > previous + 1:
            out.append(GAP)
        line = lines[i]
        out.append(f"{ADD_MARK} {line}" if i in added_set else line)
        previous = i
    return "\n".join(out)


def extract_units(
    path: str,
    source: str,
    added_lines: Iterable[int],
    *,
    max_chars: int = DEFAULT_MAX_CHARS,
    language: str | None = None,
) -> list[Unit]:
    """Units of one file for its added (1-based) lines; [] for languages not supported."""
    language = language or language_for(path)
    if language is None:
        return []
    lines = source.split("\n")
    wanted = sorted({n - 1 for n in added_lines if 0 < n <= len(lines) and lines[n - 1].strip()})
    if not wanted:
        return []
    tree = _parser(language).parse(source.encode("utf-8", "surrogatepass"))  # type: ignore[attr-defined]
    root = tree.root_node
    groups: dict[tuple[int, int], tuple[object, list[int]]] = {}
    for line0 in wanted:
        node = _enclosing(root, line0, language)
        key = (node.start_byte, node.end_byte)  # type: ignore[attr-defined]
        groups.setdefault(key, (node, []))[1].append(line0)
    imports = _imports(root, language)
    units = []
    for node, group, (start0, end0) in _merge_top_level(groups, root):
        names = _identifiers(node) if node is not root else set()
        header = [
            i
            for (s, e, text) in imports
            if not (start0 <= s <= end0) and names & _imported_names(text)
            for i in range(s, e + 1)
        ]
        header += _class_header(node, lines)
        text = render(lines, range(start0, end0 + 1), group, header, max_chars)
        units.append(
            Unit(
                path=path,
                language=language,
                name=_name(node),
                start_line=start0 + 1,
                end_line=end0 + 1,
                added_lines=tuple(i + 1 for i in group),
                text=text,
            )
        )
    return units


_NOT_BLOCKS = _FUNCTIONS["javascript"] | _FUNCTIONS["python"] | _CLASSES | {"decorated_definition"}


def _merge_top_level(
    groups: dict[tuple[int, int], tuple[object, list[int]]], root: object
) -> list[tuple[object, list[int], tuple[int, int]]]:
    """Adjacent top-level statements (assignments, config) form one block, not one unit each.

    Returns (node, added 0-based lines, 0-based span); a merged block's node is the root.
    """
    merged: list[tuple[object, list[int], tuple[int, int]]] = []
    for _key, (node, group) in sorted(groups.items()):
        span = (node.start_point[0], node.end_point[0])  # type: ignore[attr-defined]
        is_block = node is root or (node.parent == root and node.type not in _NOT_BLOCKS)  # type: ignore[attr-defined]
        if node is root:
            span = (min(group), max(group))
        if is_block and merged and merged[-1][0] is root and span[0] - merged[-1][2][1] <= 3:
            last = merged[-1]
            merged[-1] = (root, last[1] + group, (last[2][0], max(last[2][1], span[1])))
        elif is_block:
            merged.append((root, list(group), span))
        else:
            merged.append((node, group, span))
    return merged


def _name(node: object) -> str:
    named = node.child_by_field_name("name") if hasattr(node, "child_by_field_name") else None  # type: ignore[attr-defined]
    if named is None and node.type == "decorated_definition":  # type: ignore[attr-defined]
        inner = node.child_by_field_name("definition")  # type: ignore[attr-defined]
        named = inner.child_by_field_name("name") if inner is not None else None
    if named is None:
        return "<module>" if node.parent is None or node.parent.parent is None else node.type  # type: ignore[attr-defined]
    return named.text.decode("utf-8", "replace")
