"""Blocks that several semgrep rules must carry identically, kept in one place.

semgrep has no includes, so a rule file repeats what its rules share: the request sources, the
project's own checks that sanitise (validators, predicates, allow-lists), and the sinks one call
away (a same-file helper whose parameter reaches a sink). In ``rules/`` each copy sits between
marker comments::

    # >>> shared: python-project-checks
    ...
    # <<< shared: python-project-checks

A fragment named ``<name>`` is the file ``rules/_shared/<name>.part`` (semgrep reads only
``.yaml``/``.yml``, so the fragments are never loaded as rules); ``helper-sinks <rule id>`` is
generated from ``HELPER_SINKS`` below. Edit the fragment or the table, then run

    .venv/bin/python tests/rules/shared_blocks.py --write

``tests/rules/test_semgrep_rules.py`` fails while any copy differs from its source.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

RULES = Path(__file__).resolve().parents[2] / "rules"
SHARED = RULES / "_shared"
_MARKED = re.compile(r"(?ms)^ *# >>> shared: (?P<name>[^\n]+)\n(?P<body>.*?)^ *# <<< shared: (?P=name)\n")

# rule id -> (taint labels the sinks require, sink expressions over $P, sinks used as `with ... as`)
HELPER_SINKS: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
    "python.path-traversal.open": (
        "USER",
        ("open($P, ...)", "send_file($P, ...)", "FileResponse($P, ...)", "os.remove($P)", "shutil.rmtree($P, ...)"),
        ("open($P, ...)",),
    ),
    "python.ssrf.request": (
        "USER",
        ("requests.$M($P, ...)", "httpx.$M($P, ...)", "urllib.request.urlopen($P, ...)"),
        (),
    ),
    "python.command-injection.shell": (
        "USER or CMDSTR",
        ("os.system($P)", "os.popen($P, ...)", "subprocess.$FN($P, ..., shell=True, ...)"),
        (),
    ),
    "python.code-injection.eval": ("USER", ("eval($P, ...)", "exec($P, ...)"), ()),
    "python.sqli.query": (
        "USER or SQLSTR",
        ("$CUR.execute($P)", "$CUR.executescript($P)", "$CUR.execute($P, $ARGS)"),
        (),
    ),
}
# The helper's signature and the call that passes the tainted argument in the same position.
_VARIANTS = (
    ("def $H($P, ...)", "$H($ARG, ...)"),
    ("def $H($X, $P, ...)", "$H($Y, $ARG, ...)"),
    ("def $H(self, $P, ...)", "$O.$H($ARG, ...)"),
)


def _indent(text: str, n: int) -> str:
    return "\n".join((" " * n + line) if line else line for line in text.split("\n"))


def _helper_item(signature: str, call: str, statement: str) -> list[str]:
    body = f"{signature}:\n  ...\n{_indent(statement, 2)}"
    guarded = f"{signature}:\n  ...\n  if $COND:\n    ...\n  ...\n{_indent(statement, 2)}"
    caller_first = "def $C(...):\n  ...\n...\n"
    lines = ["              - patterns:", "                  - pattern-either:"]
    for region in (body + "\n...", caller_first + body):
        lines += ["                      - pattern-inside: |", _indent(region, 26)]
    for region in (guarded + "\n...", caller_first + guarded):
        lines += ["                  - pattern-not-inside: |", _indent(region, 22)]
    lines.append(f"                  - pattern: {call}")
    return lines


def helper_sinks(rule_id: str) -> str:
    """Sinks one call away for ``rule_id``: a call to a helper defined in the same file (before or
    after its caller) whose 1st or 2nd positional parameter (1st after self) reaches a sink, unless
    the helper has an `if` before the sink (it checks its input)."""
    requires, sinks, with_sinks = HELPER_SINKS[rule_id]
    statements = [f"<... {s} ...>" for s in sinks] + [f"with <... {s} ...> as $FH:\n  ..." for s in with_sinks]
    lines = [
        "      # The same sinks one call away: a helper in this file whose parameter reaches one",
        "      # (def fetch(url): requests.get(url) ... fetch(request.args['u'])), defined before",
        "      # or after its caller; not when the helper checks something (an `if`) before the sink.",
        "      # Only positional parameters 1 and 2 (1 after self) are matched.",
        f"      - requires: {requires}",
        "        patterns:",
        "          - pattern-either:",
    ]
    for signature, call in _VARIANTS:
        for statement in statements:
            lines += _helper_item(signature, call, statement)
    lines.append("          - focus-metavariable: $ARG")
    return "\n".join(lines) + "\n"


def source_of(name: str) -> str:
    if name.startswith("helper-sinks "):
        return helper_sinks(name.removeprefix("helper-sinks "))
    return (SHARED / f"{name}.part").read_text(encoding="utf-8")


def synced(text: str) -> str:
    """``text`` with every marked block replaced by its source."""

    def replace(m: re.Match[str]) -> str:
        start, end = m.group(0).split("\n", 1)[0], m.group(0).rstrip("\n").rsplit("\n", 1)[-1]
        return f"{start}\n{source_of(m['name'])}{end}\n"

    return _MARKED.sub(replace, text)


def out_of_sync() -> list[str]:
    """Rule files whose marked blocks differ from their sources."""
    return [
        str(path.relative_to(RULES))
        for path in sorted(RULES.rglob("*.yaml"))
        if synced(text := path.read_text(encoding="utf-8")) != text
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--write", action="store_true", help="rewrite the rule files from their sources")
    args = parser.parse_args(argv)
    stale = out_of_sync()
    if args.write:
        for rel in stale:
            path = RULES / rel
            path.write_text(synced(path.read_text(encoding="utf-8")), encoding="utf-8")
    for rel in stale:
        print(("rewrote " if args.write else "out of sync: ") + rel)
    return 0 if args.write or not stale else 1


if __name__ == "__main__":
    sys.exit(main())
