"""Evaluation arithmetic, labels validation and the CWE family map."""

from __future__ import annotations

import pytest

from reviewer.errors import ConfigError
from reviewer.evaluation.cwe_families import matches
from reviewer.evaluation.labels import Sample, load_labels
from reviewer.evaluation.metrics import Outcome, grouped, mean_score, rates


def _o(
    label: str, flagged: bool, any_finding: bool | None = None, cls: str = "validation", cwe: int = 89
) -> Outcome:
    return Outcome(
        Sample(f"{label}-{flagged}.py", label, cwe, cls),
        flagged,
        flagged if any_finding is None else any_finding,
    )


def test_rates_and_owasp_score():
    outcomes = (
        [_o("vuln", True)] * 9
        + [_o("vuln", False)]
        + [_o("safe", True)]
        + [_o("safe", False, True)]
        + [_o("safe", False)] * 18
    )
    r = rates(outcomes)
    assert (r.tp, r.fn, r.fp, r.tn, r.noisy_safe) == (9, 1, 1, 19, 2)
    assert r.tpr == pytest.approx(0.9)
    assert r.fpr == pytest.approx(0.05)
    assert r.noise == pytest.approx(0.1)
    assert r.score == pytest.approx(0.85)


def test_empty_groups_have_no_rates():
    r = rates([_o("vuln", True)])
    assert r.fpr is None and r.score is None
    assert rates([]).tpr is None


def test_grouped_and_mean_score():
    outcomes = [
        _o("vuln", True, cwe=89),
        _o("safe", False, cwe=89),
        _o("vuln", False, cwe=78),
        _o("safe", False, cwe=78),
    ]
    groups = grouped(outcomes, lambda s: f"CWE-{s.cwe}")
    assert list(groups) == ["CWE-78", "CWE-89"]
    assert groups["CWE-89"].score == 1.0 and groups["CWE-78"].score == 0.0
    assert mean_score(groups) == 0.5


def test_cwe_family_matching():
    assert matches(89, (89,), "validation", "validation")
    assert matches(89, (943,), "validation", "validation")
    assert not matches(89, (78,), "validation", "validation")
    assert matches(259, (798, 259), "secrets", "secrets")
    assert matches(916, (327,), "crypto", "crypto")  # bandit tags weak hashes 327
    assert not matches(943, (89,), "validation", "validation")  # directional
    assert matches(None, (), "config", "config") and not matches(None, (), "secrets", "config")
    assert not matches(None, (426,), "config", "config")


def test_load_labels(tmp_path):
    f = tmp_path / "labels.csv"
    f.write_text("file,label,cwe,class,source\na.py,vuln,CWE-89,validation,x\nb.py,safe,,config,\n")
    assert load_labels(f) == [
        Sample("a.py", "vuln", 89, "validation", "x"),
        Sample("b.py", "safe", None, "config", ""),
    ]


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("a.py,bad,89,validation", "label must be"),
        ("a.py,vuln,89,nope", "class must be"),
        ("a.py,vuln,x9,validation", "cwe must be"),
        ("../a.py,vuln,89,validation", "relative path"),
    ],
)
def test_bad_labels_name_the_row(tmp_path, row, message):
    f = tmp_path / "labels.csv"
    f.write_text("file,label,cwe,class\n" + row + "\n")
    with pytest.raises(ConfigError, match=message) as err:
        load_labels(f)
    assert "labels.csv:2" in str(err.value)
