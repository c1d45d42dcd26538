"""bandit over the workspace's Python files: in process first, then a newer interpreter for the rest.

bandit parses with the interpreter that runs it. In process (Python 3.11 here) it costs no start-up,
but code using newer syntax (PEP 701 f-strings, ``type`` statements...) does not parse; only those
files are re-run with the bandit CLI from ``.tools/bandit`` (Python 3.13). Both paths use the same
tests, skips and options, and give the same results as running the CLI on every file
(``tests/unit/scanners/test_bandit.py`` checks). A file neither can parse is reported in
``ScanResult.skipped`` with the reason. bandit only parses: scanned code is never executed.
"""

from __future__ import annotations

import ast
import functools
import json
import logging
import os
import re
import tempfile
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from reviewer.errors import ScannerError
from reviewer.findings import Category, Confidence, Location, RawFinding, ScanResult, Severity
from reviewer.scanners.base import ScanContext, Workspace
from reviewer.scanners.detect_secrets import is_real_secret
from reviewer.scanners.python_pruning import pruned_copy
from reviewer.subprocess_runner import run

# Tests that flag harmless code far more often than flaws; our semgrep rules cover the real cases
# (random for tokens, subprocess with untrusted input) with context. B607 flags every
# subprocess.run(["git", ...]) for not spelling out /usr/bin/git. B403 and B405-B410 flag the
# mere import of pickle or an XML module: the calls that parse or load untrusted data are what
# matter, and bandit's B301/B313-B320 and our semgrep rules report those where they happen.
SKIPS = ("B101", "B311", "B403", "B404", "B405", "B406", "B407", "B408", "B409", "B410", "B603", "B607")
_SYNTAX = "syntax error while parsing AST from file"
# bandit's own CWE is wrong for these: it tags eval/exec as OS command injection (ours: 95), and a
# program started by a partial path as CWE-78 (ours: 426, untrusted search path).
_REPLACE_CWE = frozenset({"B102", "B307", "B607"})
# bandit quotes the literal in these messages: it goes to RawFinding.secret, never the message.
_SECRET_TESTS = frozenset({"B105", "B106", "B107"})
_QUOTED = re.compile(r":\s*'(.*)'\s*$", re.S)
# The name a literal is assigned to, compared with or passed as, right before the literal:
# `X = "..."`, `x == "..."`, `x="..."`, `"x": "..."`.
_NAME_BEFORE_LITERAL = re.compile(r"""([A-Za-z_][\w.]*)['"]?\s*(?:==|!=|:=|=|:)\s*[rbuRBU]*['"]""")
# A digest of a secret (PASSWORD_HASH, token_digest) is what a program should store, not a secret.
_DIGEST_NAME = re.compile(r"(?i)(hash|hashed|digest|checksum|fingerprint)$")
_PYTHON_SUFFIXES = (".py", ".pyw")
_LOCK = threading.Lock()  # bandit's manager is not written for concurrent use in one process

_V, _S, _A, _C, _K, _D = (
    Category.VALIDATION,
    Category.SECRETS,
    Category.ACCESS_CONTROL,
    Category.CRYPTO,
    Category.CONFIG,
    Category.DEPENDENCIES,
)
# test id -> (category, our CWEs where more exact than bandit's own; bandit's is always kept)
TEST_MAP: dict[str, tuple[Category, tuple[int, ...]]] = {
    "B102": (_V, (95,)),
    "B103": (_K, (732,)),
    "B104": (_K, (605,)),
    "B105": (_S, (259, 798)),
    "B106": (_S, (259, 798)),
    "B107": (_S, (259, 798)),
    "B108": (_K, (377,)),
    "B110": (_K, (703,)),
    "B112": (_K, (703,)),
    "B113": (_K, (400,)),
    "B201": (_A, (489,)),
    "B202": (_V, (22,)),
    "B301": (_V, (502,)),
    "B302": (_V, (502,)),
    "B303": (_C, (327, 328)),
    "B304": (_C, (327,)),
    "B305": (_C, (327,)),
    "B306": (_K, (377,)),
    "B307": (_V, (95,)),
    "B308": (_V, (79,)),
    "B310": (_V, (918,)),
    "B311": (_C, (330, 338)),
    "B312": (_C, (319,)),
    "B313": (_V, (611,)),
    "B314": (_V, (611,)),
    "B315": (_V, (611,)),
    "B316": (_V, (611,)),
    "B317": (_V, (611,)),
    "B318": (_V, (611,)),
    "B319": (_V, (611,)),
    "B320": (_V, (611,)),
    "B321": (_C, (319,)),
    "B323": (_C, (295,)),
    "B324": (_C, (327, 328)),
    "B401": (_C, (319,)),
    "B402": (_C, (319,)),
    "B403": (_V, (502,)),
    "B404": (_V, (78,)),
    "B405": (_V, (611,)),
    "B406": (_V, (611,)),
    "B407": (_V, (611,)),
    "B408": (_V, (611,)),
    "B409": (_V, (611,)),
    "B410": (_V, (611,)),
    "B411": (_V, (611,)),
    "B412": (_K, (284,)),
    "B413": (_D, (327,)),
    "B415": (_C, (319,)),
    "B501": (_C, (295,)),
    "B502": (_C, (326, 327)),
    "B503": (_C, (326, 327)),
    "B504": (_C, (326, 327)),
    "B505": (_C, (326,)),
    "B506": (_V, (502,)),
    "B507": (_C, (295,)),
    "B508": (_C, (319,)),
    "B509": (_C, (319,)),
    "B601": (_V, (78,)),
    "B602": (_V, (78,)),
    "B604": (_V, (78,)),
    "B605": (_V, (78,)),
    "B606": (_V, (78,)),
    "B607": (_K, (426,)),
    "B608": (_V, (89,)),
    "B609": (_V, (78,)),
    "B610": (_V, (89,)),
    "B611": (_V, (89,)),
    "B612": (_V, (94,)),
    "B613": (_V, (838,)),
    "B614": (_V, (502,)),
    "B615": (_D, (494,)),
    "B701": (_V, (79, 1336)),
    "B702": (_V, (79, 1336)),
    "B703": (_V, (79,)),
    "B704": (_V, (79,)),
}


def _binary(ctx: ScanContext) -> str:
    if "bandit" in ctx.tool_paths:
        return ctx.tool_paths["bandit"]
    from reviewer.settings import PROJECT_ROOT
    from reviewer.toolbox import find_tool

    return find_tool("bandit", PROJECT_ROOT)


# B608 (SQL built from strings): a slot right after FROM/INTO/UPDATE/JOIN/TABLE/BY holds a table or
# column name, not a value; values then go through placeholders. Our taint rule still reports such
# an identifier when it comes from the request.
_SQL_SLOT = re.compile(r"\{[^{}]*\}")
_IDENTIFIER_BEFORE = re.compile(r"(?i)\b(from|into|update|join|table|by|exists)\s*[\"'`\[]?$")


def _sql_text(node: ast.AST) -> str | None:
    """The SQL template a B608 node builds, with ``{}`` where a value goes in; None otherwise."""
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "format"
        and isinstance(node.func.value, ast.Constant)
        and isinstance(node.func.value.value, str)
    ):
        return node.func.value.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        parts: list[ast.AST] = []
        stack: list[ast.AST] = [node]
        while stack:
            item = stack.pop()
            if isinstance(item, ast.BinOp) and isinstance(item.op, ast.Add):
                stack += [item.right, item.left]
            else:
                parts.append(item)
        return "".join(
            p.value.replace("{", "(").replace("}", ")")
            if isinstance(p, ast.Constant) and isinstance(p.value, str)
            else "{}"
            for p in parts
        )
    return None


@functools.lru_cache(maxsize=32)
def _source(filename: str, mtime_ns: int) -> tuple[str, ...] | None:
    """A scanned file's lines, read once for all the filters of one scan (keyed by mtime)."""
    try:
        with open(filename, encoding="utf-8", errors="replace") as handle:
            return tuple(handle.read().splitlines())
    except OSError:
        return None


@functools.lru_cache(maxsize=32)
def _tree(filename: str, mtime_ns: int) -> ast.Module | None:
    lines = _source(filename, mtime_ns)
    try:
        return None if lines is None else ast.parse("\n".join(lines))
    except (SyntaxError, ValueError, RecursionError):
        return None


def _file_key(item: dict[str, Any]) -> tuple[str, int] | None:
    try:
        filename = str(item["filename"])
        return filename, os.stat(filename).st_mtime_ns
    except (KeyError, OSError):
        return None


def _item_tree(item: dict[str, Any]) -> ast.Module | None:
    """The parsed file a bandit result points into (cached for the scan)."""
    key = _file_key(item)
    return _tree(*key) if key else None


def _item_lines(item: dict[str, Any]) -> tuple[str, ...] | None:
    key = _file_key(item)
    return _source(*key) if key else None


def _interpolates_identifiers_only(item: dict[str, Any]) -> bool:
    """A B608 result whose string only puts table/column names into the query."""
    tree = _item_tree(item)
    try:
        line = int(item["line_number"])
    except (KeyError, ValueError):
        return False
    if tree is None:
        return False
    for node in ast.walk(tree):
        text = _sql_text(node) if getattr(node, "lineno", None) == line else None
        if text is None:
            continue
        slots = list(_SQL_SLOT.finditer(text))
        return bool(slots) and all(_IDENTIFIER_BEFORE.search(text[: m.start()]) for m in slots)
    return False


_ESCAPERS = frozenset({"escape", "conditional_escape", "format_html", "format_html_join", "escapejs"})


def _escaped(node: ast.AST) -> bool:
    """An expression whose text was escaped first: escape(x), format_html(...), a method chain on
    one (escape(x).replace("\\n", "<br>")), or a literal."""
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, ast.Call):
        func = node.func
        name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
        if name in _ESCAPERS:
            return True
        if isinstance(func, ast.Attribute) and name in {"replace", "strip", "join"}:
            return _escaped(func.value) and all(_escaped(a) for a in node.args if name != "join")
    return False


def _marks_escaped_text(item: dict[str, Any]) -> bool:
    """A B308/B703 result (mark_safe) whose every argument on that line was escaped first."""
    tree = _item_tree(item)
    if tree is None:
        return False
    line = int(item.get("line_number", 0))
    calls = [
        n
        for n in ast.walk(tree)
        if isinstance(n, ast.Call)
        and getattr(n, "lineno", None) == line
        and (getattr(n.func, "id", None) or getattr(n.func, "attr", None)) == "mark_safe"
    ]
    return bool(calls) and all(c.args and all(_escaped(a) for a in c.args) for c in calls)


def _names_a_digest(item: dict[str, Any]) -> bool:
    """The literal of a "hard-coded password" result is assigned to a name ending in hash/digest."""
    lines = _item_lines(item)
    try:
        line = lines[int(item["line_number"]) - 1] if lines else None
    except (IndexError, KeyError, ValueError):
        return False
    if line is None:
        return False
    names = [m.group(1).rsplit(".", 1)[-1] for m in _NAME_BEFORE_LITERAL.finditer(line)]
    return bool(names) and all(_DIGEST_NAME.search(name) for name in names)


def finding_from_dict(item: dict[str, Any], rel: str) -> RawFinding | None:
    """One bandit result (its JSON shape, from the CLI or ``Issue.as_dict``) -> RawFinding.

    None for a "hard-coded password" that is a placeholder or a password hash, which every secret
    detector of the product ignores.
    """
    test_id = str(item["test_id"])
    category, ours = TEST_MAP.get(test_id, (Category.CONFIG, ()))
    bandit_cwe = int((item.get("issue_cwe") or {}).get("id") or 0)
    if test_id in _REPLACE_CWE:
        bandit_cwe = 0
    cwes = tuple(sorted({*ours, *((bandit_cwe,) if bandit_cwe else ())}))
    message, secret = str(item["issue_text"]), None
    if test_id in _SECRET_TESTS:
        quoted = _QUOTED.search(message)
        if quoted:
            secret = quoted.group(1)
            message = message[: quoted.start()]
            if not is_real_secret("Secret Keyword", secret, "") or _names_a_digest(item):
                return None
    if test_id == "B608" and _interpolates_identifiers_only(item):
        return None
    if test_id in ("B308", "B703") and _marks_escaped_text(item):
        return None
    lines = item.get("line_range") or [item["line_number"]]
    return RawFinding(
        scanner="bandit",
        rule=f"bandit.{test_id}",
        location=Location(
            path=rel,
            start_line=int(item["line_number"]),
            end_line=max(int(item["line_number"]), int(max(lines))),
            start_col=int(item.get("col_offset", 0)) + 1,
            end_col=int(item.get("end_col_offset", 0)),
        ),
        message=f"{message} ({item['test_name']})",
        severity=Severity.parse(str(item["issue_severity"])),
        confidence=Confidence.parse(str(item["issue_confidence"])),
        category=category,
        cwes=cwes,
        secret=secret,
        extra=(("bandit_test", str(item["test_name"])),),
    )


def run_in_process(files: Iterable[str]) -> tuple[list[dict[str, Any]], list[tuple[str, str]]]:
    """bandit's own manager, as the CLI configures it: (results as CLI JSON dicts, skipped)."""
    from bandit.core import config as b_config
    from bandit.core import manager as b_manager

    with _LOCK:
        logging.getLogger("bandit").setLevel(logging.ERROR)
        conf = b_config.BanditConfig()
        profile = {"include": set(), "exclude": set(SKIPS)}
        mgr = b_manager.BanditManager(conf, "file", quiet=True, profile=profile, ignore_nosec=True)
        mgr.discover_files(list(files), recursive=False)
        mgr.run_tests()
        issues = mgr.get_issue_list(sev_level="LOW", conf_level="LOW")
        return [i.as_dict(with_code=False) for i in issues], list(mgr.skipped)


def cli_command(binary: str, files: list[str]) -> list[str]:
    """The equivalent bandit CLI command line."""
    return [binary, "-f", "json", "-q", "--ignore-nosec", "-s", ",".join(SKIPS), "--", *files]


def run_cli(
    binary: str, files: list[str], ctx: ScanContext, cwd: Path
) -> tuple[list[dict[str, Any]], list[tuple[str, str]]]:
    """The bandit CLI (exit 1 means findings): (results, skipped)."""
    done = run(
        cli_command(binary, files),
        timeout=ctx.timeout_s,
        max_output=ctx.max_output_bytes,
        cwd=cwd,
        ok_codes=None,
    )
    try:
        data = json.loads(done.stdout)
    except ValueError:
        raise ScannerError(
            f"bandit exited with code {done.returncode} and no JSON output: {done.stderr_text()[-300:]}"
        ) from None
    if done.returncode not in (0, 1):
        raise ScannerError(f"bandit exited with code {done.returncode}: {done.stderr_text()[-300:]}")
    skipped = [(e["filename"], e["reason"]) for e in data.get("errors", [])]
    return list(data.get("results", [])), skipped


def _syntax_reason(path: Path) -> str:
    """Why a file does not parse, by parsing it (never executing it) under this interpreter."""
    try:
        ast.parse(path.read_bytes(), filename=str(path))
    except SyntaxError as exc:
        return f"bandit could not parse: syntax error at line {exc.lineno}: {exc.msg}"
    except ValueError as exc:
        return f"bandit could not parse: {exc}"
    return f"bandit could not parse: {_SYNTAX}"


class BanditScanner:
    """bandit's Python checks, mapped to the product's categories and exact CWEs."""

    name = "bandit"

    def version(self, ctx: ScanContext) -> str:
        from bandit import __version__

        return str(__version__)

    def available(self, ctx: ScanContext) -> bool:
        try:
            import bandit  # noqa: F401
        except ImportError:
            return False
        return True

    def scan(self, workspace: Workspace, ctx: ScanContext) -> ScanResult:
        with tempfile.TemporaryDirectory(prefix="reviewer-bandit-") as tmp:
            by_abs = _targets(workspace, ctx, Path(tmp))
            if not by_abs:
                return ScanResult()
            results, skipped = run_in_process(by_abs)
            retry = sorted(f for f, reason in skipped if reason == _SYNTAX)
            final_skips = [(f, f"bandit: {r}") for f, r in skipped if r != _SYNTAX]
            if retry:
                more, still = self._retry(retry, ctx, Path(tmp))
                results += more
                final_skips += still
            mapped = (finding_from_dict(item, by_abs[item["filename"]]) for item in results)
            findings = sorted((f for f in mapped if f is not None), key=lambda f: (f.location, f.rule))
            skipped_rel = sorted({(by_abs.get(f, f), r) for f, r in final_skips})
        return ScanResult(findings=tuple(findings), skipped=tuple(skipped_rel))

    @staticmethod
    def _retry(
        files: list[str], ctx: ScanContext, cwd: Path
    ) -> tuple[list[dict[str, Any]], list[tuple[str, str]]]:
        """The files this interpreter cannot parse, through the newer bandit CLI."""
        binary = _binary(ctx)
        if not os.access(binary, os.X_OK):
            return [], [(f, _syntax_reason(Path(f)) + " (no newer bandit to retry)") for f in files]
        more, still = run_cli(binary, files, ctx, cwd)
        for item in more:
            item["filename"] = os.path.normpath(os.path.join(cwd, item["filename"]))
        failed = [os.path.normpath(os.path.join(cwd, name)) for name, reason in still if reason == _SYNTAX]
        reasons = _newer_syntax_reasons(binary, failed, ctx) if failed else {}
        skips = []
        for name, reason in still:
            full = os.path.normpath(os.path.join(cwd, name))
            text = reasons.get(full) or (
                _syntax_reason(Path(full)) if reason == _SYNTAX else f"bandit: {reason}"
            )
            skips.append((full, text))
        return more, skips


def _targets(workspace: Workspace, ctx: ScanContext, scratch: Path) -> dict[str, str]:
    """Absolute path bandit reads -> repository path.

    For a partial change, definitions the change does not touch are blanked first (see
    ``python_pruning``): bandit's checks look at one node and its enclosing definition and
    imports, so findings on changed lines stay identical, and bandit reads a fraction of the
    code. The copies go to ``scratch``; the workspace is never modified.
    """
    root = workspace.root.resolve()
    prune_ok = not workspace.changeset.whole_files and ctx.options.get("all_lines") != "true"
    prune_ok = prune_ok and ctx.options.get("bandit_prune", "true") == "true"
    by_abs: dict[str, str] = {}
    for rel, absolute in sorted(workspace.files.items()):
        path = Path(absolute).resolve()
        if not rel.endswith(_PYTHON_SUFFIXES) or not path.is_relative_to(root):
            continue  # never read outside the workspace
        copy = pruned_copy(path, root, workspace.added_lines(rel), scratch) if prune_ok else None
        by_abs[str(copy or path)] = rel
    return by_abs


_PARSE_SCRIPT = """
import ast, json, sys
out = {}
for name in sys.argv[1:]:
    try:
        with open(name, "rb") as handle:
            ast.parse(handle.read(), filename=name)
    except SyntaxError as exc:
        out[name] = f"bandit could not parse: syntax error at line {exc.lineno}: {exc.msg}"
    except (ValueError, OSError) as exc:
        out[name] = f"bandit could not parse: {exc}"
print(json.dumps(out))
"""


def _newer_syntax_reasons(binary: str, files: list[str], ctx: ScanContext) -> dict[str, str]:
    """Why the newer interpreter cannot parse these files (it only parses; nothing runs)."""
    python = Path(binary).parent / "python"
    if not os.access(python, os.X_OK):
        return {}
    try:
        done = run([str(python), "-I", "-c", _PARSE_SCRIPT, *files], timeout=ctx.timeout_s)
        return dict(json.loads(done.stdout))
    except (ScannerError, ValueError):
        return {}
