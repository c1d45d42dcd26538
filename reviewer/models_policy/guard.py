"""The promotion guard: may a candidate replace the primary, on the evidence so far? Pure.

Refuses below a minimum number of labels (in total and per class), and when the candidate's
precision on some class is significantly worse than the primary's (the 95% intervals do not
overlap). ``force`` overrides a refusal, needs a reason, and is marked so the promotion is
recorded as forced in the audit trail.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from reviewer.errors import UsageError

if TYPE_CHECKING:
    from reviewer.models_policy.compare import Comparison
    from reviewer.models_policy.stats import Proportion


@dataclass(frozen=True)
class GuardPolicy:
    min_labels: int = 100  # labelled (unit, class) pairs on units both versions scored
    min_labels_per_class: int = 10
    refuse_if_worse: bool = True


@dataclass(frozen=True)
class GuardDecision:
    candidate: str
    allowed: bool
    forced: bool = False
    reasons: tuple[str, ...] = ()  # why it was (or would have been) refused
    labels: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "candidate": self.candidate,
            "allowed": self.allowed,
            "forced": self.forced,
            "reasons": list(self.reasons),
            "labels": self.labels,
        }


def _show(p: Proportion) -> str:
    value = "n/a" if p.value is None else f"{p.value:.2f}"
    return f"{value} [{p.low:.2f}, {p.high:.2f}] of {p.total}"


def check_promotion(
    candidate: str,
    comparison: Comparison | None,
    policy: GuardPolicy | None = None,
    *,
    force: bool = False,
    reason: str = "",
) -> GuardDecision:
    """Decide on promoting ``candidate``; ``comparison`` has the primary as ``a`` and the
    candidate as ``b`` (None when there is no primary yet: the first promotion is free)."""
    policy = policy or GuardPolicy()
    if force and not reason.strip():
        raise UsageError("a forced promotion needs a reason (it is recorded in the audit trail)")
    if comparison is None:
        return GuardDecision(candidate, True, False, (), 0)
    if comparison.b.model != candidate:
        raise UsageError(f"the comparison's candidate side is {comparison.b.model}, not {candidate}")
    stats, primary = comparison.b, comparison.a
    blockers: list[str] = []
    if stats.labels < policy.min_labels:
        blockers.append(f"{stats.labels} labels on shared units, {policy.min_labels} required")
    for cls_stats in stats.classes:
        if cls_stats.labels < policy.min_labels_per_class:
            blockers.append(
                f"class {cls_stats.cls}: {cls_stats.labels} labels, {policy.min_labels_per_class} required"
            )
        if policy.refuse_if_worse:
            theirs, ours = primary.cls(cls_stats.cls).precision, cls_stats.precision
            if ours.total and theirs.total and ours.high < theirs.low:
                blockers.append(
                    f"class {cls_stats.cls}: precision {_show(ours)} is significantly below "
                    f"the primary's {_show(theirs)}"
                )
    if not blockers:
        return GuardDecision(candidate, True, False, (), stats.labels)
    return GuardDecision(candidate, force, force, tuple(blockers), stats.labels)
