"""Which finding CWEs count as detecting a labelled CWE.

A finding counts only when one of its CWEs is accepted for the label's CWE. The map is directional
and deliberately narrow: parents and children of one weakness (SQL injection 89 inside 943), plus
the tags the tools really use for the same flaw (bandit tags Flask ``debug=True`` as CWE-94 and
weak hashes as 327). Anything not listed matches itself only.
"""

from __future__ import annotations

ACCEPTED: dict[int, frozenset[int]] = {
    # validation
    89: frozenset({89, 943, 564}),
    78: frozenset({78, 77, 88}),
    22: frozenset({22, 23, 36, 73}),
    79: frozenset({79, 80, 83}),
    94: frozenset({94, 95, 96}),
    95: frozenset({95, 94}),
    1336: frozenset({1336, 94}),
    611: frozenset({611, 776, 827}),
    918: frozenset({918}),
    # secrets: hard-coded password / crypto key are kinds of hard-coded credential
    798: frozenset({798, 259, 321}),
    259: frozenset({259, 798}),
    321: frozenset({321, 798}),
    532: frozenset({532}),
    209: frozenset({209, 210, 211}),
    # access control
    862: frozenset({862, 306, 285}),
    306: frozenset({306, 862, 287}),
    639: frozenset({639, 863, 566}),
    347: frozenset({347, 345}),
    942: frozenset({942, 346}),
    489: frozenset({489, 215, 94}),
    614: frozenset({614, 1004, 1275}),
    # crypto
    916: frozenset({916, 328, 327, 759, 760}),
    338: frozenset({338, 330, 331}),
    327: frozenset({327, 328, 326}),
    326: frozenset({326, 327}),
    295: frozenset({295, 297}),
    # config
    732: frozenset({732, 276}),
    377: frozenset({377, 379, 108}),
    605: frozenset({605, 1327}),
    # dependencies
    1357: frozenset({1357, 829, 1104}),
}


def accepted(label_cwe: int) -> frozenset[int]:
    return ACCEPTED.get(label_cwe, frozenset({label_cwe}))


def matches(
    label_cwe: int | None, finding_cwes: tuple[int, ...], finding_category: str, label_class: str
) -> bool:
    """True when a finding with these CWEs detects the labelled weakness.

    A label without a CWE (e.g. an added ``# nosec``) is matched by a finding of its class that has
    no CWE either: a finding that names a CWE is about some other weakness in the same file.
    """
    if label_cwe is None:
        return finding_category == label_class and not finding_cwes
    return bool(accepted(label_cwe) & set(finding_cwes))
