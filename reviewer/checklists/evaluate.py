"""Evaluate a review's findings and scanner statuses against one checklist version. No I/O.

An item is
- ``failed`` when any non-suppressed finding maps to it;
- ``passed`` when nothing maps to it, at least one of its evidence scanners ran OK, and it does
  not require a human sign-off;
- ``needs_human`` otherwise: it requires sign-off, or none of the scanners that cover it ran
  OK (failed, timed out, skipped or not run), which the evidence summary says.

A finding maps to the items whose evidence names its rule id (glob). A finding whose rule no
item names maps by inference instead: to every item whose evidence lists one of its CWEs or
(with ``scanner_findings``) its scanner. Explicit beats inferred so that a scanner's broad or
odd CWE tags (bandit tags its XML checks CWE-20) do not fail unrelated items once a checklist
author has placed the rule. Keys a rule already put in ``checklist_items`` always count.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from reviewer.checklists.model import Checklist, ChecklistItem, ChecklistResult, ItemResult, ItemStatus
from reviewer.findings import Finding, ScannerState, ScannerStatus

# Scanners whose findings are a prompt for a human, not proof: a model score alone never fails
# an item (it cannot show the flaw), it sends the item to a human instead.
ADVISORY_SCANNERS = frozenset({"classifier"})


def map_findings(checklist: Checklist, findings: Iterable[Finding]) -> tuple[Finding, ...]:
    """Return the findings with ``checklist_items`` set to the keys of this checklist they fail."""
    keys = {item.key for item in checklist.items}
    mapped = []
    for finding in findings:
        matched = {item.key for item in checklist.items if item.evidence.matches_rule(finding)}
        if not matched:
            matched = {item.key for item in checklist.items if item.evidence.matches_inferred(finding)}
        # A rule may name its item directly (rule metadata); keep such keys if they exist here.
        matched |= {key for key in finding.checklist_items if key in keys}
        ordered = tuple(item.key for item in checklist.items if item.key in matched)
        mapped.append(dataclasses.replace(finding, checklist_items=ordered))
    return tuple(mapped)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _coverage(item: ChecklistItem, statuses: dict[str, ScannerStatus]) -> tuple[list[str], list[str]]:
    """The item's evidence scanners that ran OK, and a phrase for each one that did not."""
    ok: list[str] = []
    not_ok: list[str] = []
    for name in item.evidence.scanners:
        status = statuses.get(name)
        if status is None:
            not_ok.append(f"{name} not run")
        elif status.state is ScannerState.OK:
            ok.append(name)
        else:
            detail = f" ({status.detail})" if status.detail else ""
            not_ok.append(f"{name} {status.state.value}{detail}")
    return ok, not_ok


def _evaluate_item(
    item: ChecklistItem, findings: list[Finding], statuses: dict[str, ScannerStatus]
) -> ItemResult:
    active = [f for f in findings if not f.suppressed]
    suppressed = [f for f in findings if f.suppressed]
    ok, not_ok = _coverage(item, statuses)
    finding_scanners = {name for f in active for name in f.scanners}
    notes: list[str] = []
    if suppressed:
        notes.append(f"{_plural(len(suppressed), 'suppressed finding')} not counted")
    if not_ok:
        notes.append("not covered: " + ", ".join(not_ok))

    decisive = [f for f in active if not set(f.scanners) <= ADVISORY_SCANNERS]
    if decisive:
        status = ItemStatus.FAILED
        rules = sorted({f.rule for f in active})
        found_by = ", ".join(sorted(finding_scanners))
        summary = f"{_plural(len(active), 'finding')} ({', '.join(rules)}) from {found_by}"
    elif active:
        status = ItemStatus.NEEDS_HUMAN
        summary = (
            f"the classifier flagged {_plural(len(active), 'unit')} for a human look; "
            "rule-based tools found nothing here"
        )
    elif item.human_signoff:
        status = ItemStatus.NEEDS_HUMAN
        checked = f"; tools found nothing ({', '.join(ok)})" if ok else ""
        summary = f"human sign-off required: tools cannot prove this{checked}"
    elif ok:
        status = ItemStatus.PASSED
        summary = f"no findings; checked by {', '.join(ok)}"
    else:
        status = ItemStatus.NEEDS_HUMAN
        summary = "no scanner that covers this item ran OK, so tools established nothing"
    if notes:
        summary += "; " + "; ".join(notes)
    return ItemResult(
        key=item.key,
        status=status,
        findings=tuple(sorted({f.fingerprint for f in active})),
        evidence=summary,
        scanners=tuple(sorted(set(ok) | finding_scanners)),
        suppressed=tuple(sorted({f.fingerprint for f in suppressed})),
        title=item.title,
        category=item.category,
        human_signoff=item.human_signoff,
    )


def evaluate(
    checklist: Checklist, findings: Iterable[Finding], statuses: Iterable[ScannerStatus]
) -> ChecklistResult:
    """Evaluate every item; the result carries the findings with ``checklist_items`` filled."""
    mapped = map_findings(checklist, findings)
    by_scanner = {status.scanner: status for status in statuses}
    results = tuple(
        _evaluate_item(item, [f for f in mapped if item.key in f.checklist_items], by_scanner)
        for item in checklist.items
    )
    return ChecklistResult(
        checklist_id=checklist.id,
        version=checklist.version,
        content_hash=checklist.content_hash,
        items=results,
        findings=mapped,
    )
