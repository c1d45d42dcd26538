"""Labels for scored units, from triage decisions and checklist sign-offs. Pure.

A prediction is judged on a *unit* (the enclosing function or block the classifier scored).
Shadow predictions are never findings, so they are matched by place: a triaged finding from the
primary, the rules or any scanner labels every unit of the same repository and path whose lines
overlap it, for the classifier class of the finding's category. ``confirmed`` and ``fixed`` are
positive, ``false_positive`` negative; ``open`` and ``accepted_risk`` say nothing (an accepted
risk is a decision about the risk, not about whether the code is flawed).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from reviewer.classifier.labels import CLASSES

POSITIVE_STATES = frozenset({"confirmed", "fixed"})
NEGATIVE_STATES = frozenset({"false_positive"})


@dataclass(frozen=True)
class UnitSpan:
    """Where a scored unit lies. ``unit`` is its stable key (the same for every model)."""

    unit: str
    repository: str
    path: str
    start_line: int
    end_line: int


@dataclass(frozen=True)
class TriagedFinding:
    repository: str
    path: str
    start_line: int
    end_line: int
    category: str  # a findings Category value
    state: str  # a triage state value


@dataclass(frozen=True)
class Label:
    unit: str
    cls: str  # a classifier class
    positive: bool
    source: str = "triage"  # triage | signoff


def _overlaps(span: UnitSpan, finding: TriagedFinding) -> bool:
    return (
        span.repository == finding.repository
        and span.path == finding.path
        and finding.start_line <= span.end_line
        and span.start_line <= max(finding.start_line, finding.end_line)
    )


def labels_from_triage(units: Iterable[UnitSpan], findings: Iterable[TriagedFinding]) -> tuple[Label, ...]:
    """One label per (unit, class) that a decisive triage covers.

    A positive outweighs a negative on the same unit and class: a confirmed flaw anywhere in the
    unit makes "this unit has the flaw" true even if another finding there was a false alarm.
    """
    decisive = [f for f in findings if f.category in CLASSES and f.state in POSITIVE_STATES | NEGATIVE_STATES]
    labels: list[Label] = []
    for span in units:
        for cls in CLASSES:
            states = {f.state for f in decisive if f.category == cls and _overlaps(span, f)}
            if states & POSITIVE_STATES:
                labels.append(Label(span.unit, cls, True))
            elif states:
                labels.append(Label(span.unit, cls, False))
    return tuple(labels)


def labels_from_signoff(
    units: Iterable[UnitSpan], cls: str, existing: Iterable[Label] = ()
) -> tuple[Label, ...]:
    """Negative labels from a sign-off that a review's change is sound for one class.

    ``units`` are the units scored in that review. Units already labelled positive for the
    class (a confirmed finding) keep that label; the sign-off does not contradict triage.
    """
    if cls not in CLASSES:
        raise ValueError(f"not a classifier class: {cls!r} (expected one of {', '.join(CLASSES)})")
    positive = {label.unit for label in existing if label.cls == cls and label.positive}
    return tuple(Label(span.unit, cls, False, "signoff") for span in units if span.unit not in positive)
