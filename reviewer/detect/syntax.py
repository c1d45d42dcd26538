"""tree-sitter parsers for the structural checks (built on first use, never at import)."""

from __future__ import annotations

import functools
from collections.abc import Iterator

import tree_sitter as ts

PYTHON = "python"
JAVASCRIPT = "javascript"
TYPESCRIPT = "typescript"
TSX = "tsx"

_SUFFIX_LANG = {
    ".py": PYTHON,
    ".js": JAVASCRIPT,
    ".jsx": JAVASCRIPT,
    ".mjs": JAVASCRIPT,
    ".cjs": JAVASCRIPT,
    ".ts": TYPESCRIPT,
    ".mts": TYPESCRIPT,
    ".cts": TYPESCRIPT,
    ".tsx": TSX,
}


def language_for(path: str) -> str | None:
    dot = path.rfind(".")
    return _SUFFIX_LANG.get(path[dot:].lower()) if dot >= 0 else None


@functools.cache
def parser(lang: str) -> ts.Parser:
    if lang == PYTHON:
        import tree_sitter_python as grammar

        return ts.Parser(ts.Language(grammar.language()))
    if lang == JAVASCRIPT:
        import tree_sitter_javascript as js_grammar

        return ts.Parser(ts.Language(js_grammar.language()))
    import tree_sitter_typescript as ts_grammar

    fn = ts_grammar.language_tsx if lang == TSX else ts_grammar.language_typescript
    return ts.Parser(ts.Language(fn()))


def parse(lang: str, text: str) -> ts.Tree:
    # Parsers are not thread-safe; scanners run in parallel threads, so parse with a fresh copy
    # of the cached language each time (cheap) rather than sharing one Parser object.
    return ts.Parser(parser(lang).language).parse(text.encode("utf-8", "surrogatepass"))


def text(node: ts.Node | None) -> str:
    if node is None or node.text is None:
        return ""
    return node.text.decode("utf-8", "replace")


def walk(node: ts.Node, types: frozenset[str] | set[str]) -> Iterator[ts.Node]:
    """Every descendant of ``node`` (itself included) whose type is in ``types``."""
    stack = [node]
    while stack:
        cur = stack.pop()
        if cur.type in types:
            yield cur
        stack.extend(reversed(cur.children))


def line(node: ts.Node) -> int:
    """1-based first line of ``node``."""
    return node.start_point[0] + 1


def end_line(node: ts.Node) -> int:
    return node.end_point[0] + 1
