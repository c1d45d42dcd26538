"""build_findings: snippets, masking, fingerprints, changed-line filter, merging, suppressions."""

from __future__ import annotations

import hashlib

from normalise_fakes import raw

from reviewer.changeset import ChangeKind, Changeset, FileChange, Limits
from reviewer.findings import Category, Severity
from reviewer.normalise import SUPPRESSION_WITHOUT_REASON, build_findings
from reviewer.workspace import materialise

CODE = """import os
import subprocess


def run(user):
    subprocess.call("ls " + user, shell=True)
    os.system(f"echo {user}")
"""


def changeset(text: str = CODE, added: set[int] | None = None, path: str = "app.py") -> Changeset:
    lines = added if added is not None else set(range(1, len(text.splitlines()) + 1))
    return Changeset(
        files=(FileChange(path, ChangeKind.ADDED, added_lines=frozenset(lines), post_image=text),)
    )


def findings_for(raws, cs=None, **kw):
    with materialise(cs or changeset(), Limits()) as ws:
        return build_findings(raws, ws, **kw)


def test_snippet_comes_from_the_workspace_and_is_trimmed():
    (f,) = findings_for([raw("r", "app.py", 6)])
    assert f.snippet == 'subprocess.call("ls " + user, shell=True)'
    assert f.location.path == "app.py"
    assert f.scanners == ("fake",)


def test_multiline_snippet_is_dedented():
    (f,) = findings_for([raw("r", "app.py", 6, end_line=7)])
    assert f.snippet.splitlines() == [
        'subprocess.call("ls " + user, shell=True)',
        'os.system(f"echo {user}")',
    ]


def test_fingerprint_ignores_line_numbers_and_indentation():
    (a,) = findings_for([raw("r", "app.py", 6)])
    moved = "\n\n\n" + CODE.replace(
        '    subprocess.call("ls " + user, shell=True)', '        subprocess.call("ls " +  user, shell=True)'
    )
    (b,) = findings_for([raw("r", "app.py", 9)], changeset(moved))
    assert a.fingerprint == b.fingerprint
    (c,) = findings_for([raw("other-rule", "app.py", 6)])
    assert c.fingerprint != a.fingerprint


def test_secret_is_hashed_and_masked_everywhere():
    key = "sk-proj-9f8e7d6c5b4a39281706f5e4d3c2b1a0f3a9"
    text = f'API_KEY = "{key}"\n'
    r = raw(
        "secret-rule", "app.py", 1, secret=key, category=Category.SECRETS, cwes=(798,), message=f"found {key}"
    )
    (f,) = findings_for([r], changeset(text))
    assert key not in repr(f)
    assert f.secret_hash == hashlib.sha256(key.encode()).hexdigest()
    assert "sk-…f3a9" in f.snippet and "sk-…f3a9" in f.message
    # identity is the secret's hash, so the same key elsewhere on the line keeps its fingerprint
    (g,) = findings_for([r], changeset(f'API_KEY = "{key}"  # prod\n'))
    assert g.fingerprint == f.fingerprint


def test_secret_finding_without_value_still_masks_literals():
    text = 'password = "Xq9!vLr2#pWz8Kt"\n'
    (f,) = findings_for([raw("pw", "app.py", 1, category=Category.SECRETS, cwes=(259,))], changeset(text))
    assert "Xq9!vLr2#pWz8Kt" not in f.snippet


def test_only_changed_lines_unless_all_lines():
    cs = changeset(added={7})
    raws = [raw("a", "app.py", 6, cwes=(1,)), raw("b", "app.py", 7, cwes=(2,))]
    assert [f.rule for f in findings_for(raws, cs)] == ["b"]
    both = findings_for(raws, cs, all_lines=True)
    assert [(f.rule, f.on_changed_line) for f in both] == [("a", False), ("b", True)]


def test_two_scanners_same_line_same_cwe_become_one():
    raws = [
        raw("bandit.B602", "app.py", 6, scanner="bandit", cwes=(78,), severity=Severity.MEDIUM),
        raw(
            "python.command-injection", "app.py", 6, scanner="semgrep", cwes=(78, 88), severity=Severity.HIGH
        ),
    ]
    (f,) = findings_for(raws)
    assert f.scanners == ("bandit", "semgrep")
    assert f.rule == "python.command-injection"
    assert f.severity is Severity.HIGH
    assert f.cwes == (78, 88)


def test_same_line_different_weakness_stays_two():
    raws = [raw("a", "app.py", 6, scanner="s1", cwes=(78,)), raw("b", "app.py", 6, scanner="s2", cwes=(89,))]
    assert len(findings_for(raws)) == 2


def test_without_cwes_same_category_merges():
    raws = [
        raw("x", "app.py", 6, scanner="s1", cwes=(), category=Category.CONFIG),
        raw("y", "app.py", 6, scanner="s2", cwes=(), category=Category.CONFIG),
        raw("z", "app.py", 6, scanner="s3", cwes=(), category=Category.CRYPTO),
    ]
    assert sorted(len(f.scanners) for f in findings_for(raws)) == [1, 2]


def test_inline_suppression_with_reason_on_line_and_above():
    text = (
        "import os\n"
        "os.system(cmd)  # reviewer: ignore[python.command-injection] cmd is a constant\n"
        "# reviewer: ignore[CWE-89] - query built from an enum\n"
        "cur.execute(q)\n"
        "run(x)  // reviewer: ignore[injection] js-style comment reason\n"
    )
    raws = [
        raw("python.command-injection", "app.py", 2, cwes=(78,)),
        raw("sqli", "app.py", 4, cwes=(89,)),
        raw("js.injection", "app.py", 5, cwes=(94,)),
    ]
    found = findings_for(raws, changeset(text))
    assert len(found) == 3
    assert all(f.suppressed and f.suppression.kind == "inline" for f in found)
    assert [f.suppression.justification for f in found] == [
        "cmd is a constant",
        "query built from an enum",
        "js-style comment reason",
    ]


def test_suppression_for_another_rule_does_not_apply():
    text = "os.system(cmd)  # reviewer: ignore[sqli] wrong rule\n"
    (f,) = findings_for([raw("cmdi", "app.py", 1)], changeset(text))
    assert not f.suppressed


def test_suppression_without_reason_is_not_honoured_and_reported():
    text = "os.system(cmd)  # reviewer: ignore[cmdi]\n"
    found = findings_for([raw("cmdi", "app.py", 1)], changeset(text))
    by_rule = {f.rule: f for f in found}
    assert not by_rule["cmdi"].suppressed
    config = by_rule[SUPPRESSION_WITHOUT_REASON]
    assert config.category is Category.CONFIG and config.location.start_line == 1


def test_baseline_suppresses_but_keeps_the_finding():
    (f,) = findings_for([raw("r", "app.py", 6)])
    (g,) = findings_for([raw("r", "app.py", 6)], baseline=frozenset({f.fingerprint}))
    assert g.suppressed and g.suppression.kind == "baseline"
    assert g.fingerprint == f.fingerprint


def test_output_is_sorted_and_deterministic():
    raws = [
        raw("b", "app.py", 7, cwes=(2,)),
        raw("a", "app.py", 6, cwes=(1,)),
        raw("c", "app.py", 6, cwes=(3,)),
    ]
    first = findings_for(raws)
    assert first == findings_for(list(reversed(raws)))
    assert [f.location.start_line for f in first] == [6, 6, 7]


def test_form_feed_does_not_shift_line_numbers():
    text = "import os\n\x0c\nos.system(user)\n"
    (f,) = findings_for([raw("r", "app.py", 3)], changeset(text))
    assert f.snippet == "os.system(user)"


def test_baseline_matches_any_merged_member():
    (bandit_only,) = findings_for([raw("B605", "app.py", 7, scanner="bandit")])
    both = [raw("B605", "app.py", 7, scanner="bandit"), raw("cmdi", "app.py", 7, scanner="semgrep")]
    (merged,) = findings_for(both, baseline=frozenset({bandit_only.fingerprint}))
    assert merged.rule == "cmdi" and merged.suppressed and merged.suppression.kind == "baseline"


MULTILINE = """import subprocess


def run(user):
    subprocess.call(
        "ls -l %s" % user,
        shell=True,
    )
    subprocess.call("echo " + user, shell=True)
"""


def test_one_multiline_statement_reported_on_different_lines_becomes_one():
    # semgrep reports the tainted argument (line 6), bandit the `shell=True` keyword (lines 7-8).
    raws = [
        raw("python.command-injection.shell", "app.py", 6, scanner="semgrep", cwes=(78,)),
        raw("bandit.B602", "app.py", 7, end_line=8, scanner="bandit", cwes=(78,)),
    ]
    (f,) = findings_for(raws, changeset(MULTILINE))
    assert f.scanners == ("bandit", "semgrep")
    assert f.rule == "python.command-injection.shell"
    assert (f.location.start_line, f.location.end_line) == (6, 6)


def test_next_statement_with_the_same_cwe_stays_separate():
    raws = [
        raw("python.command-injection.shell", "app.py", 6, scanner="semgrep", cwes=(78,)),
        raw("bandit.B602", "app.py", 9, scanner="bandit", cwes=(78,)),
    ]
    assert len(findings_for(raws, changeset(MULTILINE))) == 2


def test_a_compound_statement_counts_by_its_header_only():
    text = "def run(user):\n    if user:\n        os.system(user)\n    eval(user)\n"
    raws = [raw("a", "app.py", 2, scanner="s1", cwes=(78,)), raw("b", "app.py", 3, scanner="s2", cwes=(78,))]
    assert len(findings_for(raws, changeset(text))) == 2


def test_unparsable_and_non_python_files_use_the_reported_lines():
    broken = MULTILINE.replace("def run(user):", "def run(user:")
    raws = [
        raw("a", "app.py", 6, scanner="s1", cwes=(78,)),
        raw("b", "app.py", 7, end_line=8, scanner="s2", cwes=(78,)),
    ]
    assert len(findings_for(raws, changeset(broken))) == 2
    raws_js = [
        raw("a", "app.js", 6, scanner="s1", cwes=(78,)),
        raw("b", "app.js", 7, end_line=8, scanner="s2", cwes=(78,)),
    ]
    assert len(findings_for(raws_js, changeset(MULTILINE, path="app.js"))) == 2
