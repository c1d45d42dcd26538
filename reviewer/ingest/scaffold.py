"""Make a Python post-image rebuilt from hunks parseable, without touching a line the diff shows.

A bare diff shows only hunks; the lines between them are unknown and left blank. A hunk inside a
function then starts indented after blank lines, or stops inside an open bracket, and no Python
parser accepts the file, so AST-based scanners (bandit) could not look at the change at all. Here
unknown lines next to such a hunk get scaffolding: ``if True:`` headers that open the indentation
levels the hunk uses, a line that closes brackets the hunk leaves open, ``pass`` bodies. Only
unknown lines change, findings on them are never on changed lines, and the result is kept only
if the whole file then parses (``ast.parse``: parsing, never executing).
"""

from __future__ import annotations

import ast
import re
import warnings

_CONTINUATION = re.compile(r"^(else\b|elif\b|except\b|finally\b)")
_HEADER_END = re.compile(r":\s*(#.*)?$")
_PAIRS = {"(": ")", "[": "]", "{": "}"}
_OPENER = {close: open_ for open_, close in _PAIRS.items()}
_SIGNATURE_END = re.compile(r"^\s*\)\s*(->.*)?:\s*(#.*)?$")
_BLOCK_KEYWORD = re.compile(r"^\s*(async\s+def\b|def\b|class\b|if\b|elif\b|while\b|for\b|with\b|except\b)")
_TRIPLE = ("'''", '"""')


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _code(lines: list[str]) -> list[str]:
    return [line for line in lines if line.strip() and not line.lstrip().startswith("#")]


def _runs(known: list[bool]) -> list[tuple[int, int]]:
    runs, start = [], None
    for i, flag in enumerate([*known, False]):
        if flag and start is None:
            start = i
        elif not flag and start is not None:
            runs.append((start, i))
            start = None
    return runs


def _brackets(run: list[str]) -> tuple[list[str], list[tuple[str, int]], str]:
    """Closers the run has no opener for, openers still open at its end (with their line), and
    the triple quote still open at its end ("" when none).

    A rough tokenizer: enough to skip strings (single, triple, escaped) and comments.
    """
    unmatched: list[str] = []
    stack: list[tuple[str, int]] = []
    quote = ""
    for number, line in enumerate(run):
        i = 0
        while i < len(line):
            ch = line[i]
            if quote:
                if ch == "\\":
                    i += 2
                    continue
                if line.startswith(quote, i):
                    i += len(quote)
                    quote = ""
                    continue
            elif ch == "#":
                break
            elif ch in "'\"":
                quote = line[i : i + 3] if line[i : i + 3] in _TRIPLE else ch
                i += len(quote)
                continue
            elif ch in _PAIRS:
                stack.append((ch, number))
            elif ch in _OPENER:
                if stack and _PAIRS[stack[-1][0]] == ch:
                    stack.pop()
                elif not stack:
                    unmatched.append(ch)
            i += 1
        if quote and quote not in _TRIPLE:
            quote = ""  # an unterminated one-line string: leave it to the parser
    return unmatched, stack, quote


def _closers(run: list[str]) -> list[list[str]]:
    """Ways to end what a run leaves open: a string, brackets (a header gets ``pass``), a body."""
    _, stack, quote = _brackets(run)
    code = _code(run)
    options: list[list[str]] = [[]]
    if quote:
        options.insert(0, [quote])
    elif stack:
        closers = "".join(_PAIRS[ch] for ch, _ in reversed(stack))
        opener_line = run[stack[0][1]]
        suffix = ": pass" if _BLOCK_KEYWORD.match(opener_line) else ""
        options.insert(0, [" " * _indent(opener_line) + closers + suffix])
    elif code and _HEADER_END.search(code[-1]):
        options.insert(0, [" " * (_indent(code[-1]) + 4) + "pass"])
    return options


def _levels(code: list[str]) -> list[str]:
    """``if True:`` headers opening every indentation level the code dedents to."""
    if not code:
        return []
    first = _indent(code[0])
    levels = sorted({0, first} | {_indent(line) for line in code if _indent(line) < first})
    headers = [" " * level + "if True:" for level in levels[:-1]]
    opener = _CONTINUATION.match(code[0].lstrip())
    if opener:
        head = "try:" if opener.group(1) in ("except", "finally") else "if True:"
        headers += [" " * first + head, " " * (first + 4) + "pass"]
    return headers


def _openers(run: list[str]) -> list[list[str]]:
    """Ways to start a run: nothing, indentation headers, an opening bracket, an opening quote."""
    options: list[list[str]] = [[], _levels(_code(run))]
    unmatched, _, _ = _brackets(run)
    if unmatched:
        brackets = "".join(_OPENER[ch] for ch in reversed(unmatched))
        if unmatched[-1] == ")" and any(_SIGNATURE_END.match(line) for line in run):
            options.insert(0, ["def _" + brackets])  # the tail of a multi-line function signature
        options.insert(1, ["_ = " + brackets])
    for number, line in enumerate(run):
        quote = next((q for q in _TRIPLE if q in line), "")
        if quote:  # perhaps the run starts inside a docstring that this line closes
            after = _code(run[number + 1 :])
            indent = _indent(after[0]) if after else 0
            options.append([*_levels(after), " " * indent + quote])
            break
    return [o for i, o in enumerate(options) if o not in options[:i]]


def _parses(text: str) -> bool:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # SyntaxWarning for odd escapes in scanned code
            ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False
    return True


def scaffold_python(lines: list[str], known: list[bool]) -> list[str]:
    """Return ``lines`` with unknown lines filled so the whole parses, or ``lines`` unchanged.

    Runs of known lines are fixed one at a time, top down: the first combination of opening
    and closing scaffolding that fits in unknown lines and lets the file parse up to the end of
    the run is kept.
    """
    if _parses("\n".join(lines) + "\n"):
        return lines
    if any(line.startswith("\t") for line, k in zip(lines, known, strict=True) if k):
        return lines  # tab-indented code: levels cannot be rebuilt with spaces
    filled = list(lines)
    free = [not k for k in known]
    for start, end in _runs(known):
        run = lines[start:end]
        for opening in _openers(run):
            first_slot = start - len(opening)
            if first_slot < 0 or not all(free[first_slot:start]):
                continue
            chosen = None
            for closing in _closers([*opening, *run]):
                tail = end + len(closing)
                candidate = filled[:first_slot] + opening + filled[start:end] + closing
                room = all(free[end:tail]) if tail <= len(free) else all(free[end:])
                if room and _parses("\n".join(candidate) + "\n"):
                    chosen = candidate
                    break
            if chosen is not None:
                extra = len(chosen) - len(filled)
                filled = chosen + filled[len(chosen) :] if extra <= 0 else chosen
                free = [False] * len(chosen) + free[len(chosen) :]
                break
    return filled if _parses("\n".join(filled) + "\n") else lines
