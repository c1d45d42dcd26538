"""The review pipeline: one pure function every surface calls.

changeset -> workspace -> scanners (parallel, time-boxed) -> normalise -> filter to changed
lines -> merge duplicates -> suppressions -> checklist evaluation. No database, no HTTP.
"""

from __future__ import annotations

import threading
import time
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field, replace

from reviewer.changeset import Changeset, Limits
from reviewer.errors import ReviewerError
from reviewer.findings import (
    Notice,
    RawFinding,
    ReviewOutcome,
    ScannerState,
    ScannerStatus,
    ScanResult,
)
from reviewer.scanners.base import ScanContext, Scanner, Workspace
from reviewer.subprocess_runner import ToolTimeout


@dataclass(frozen=True)
class ReviewConfig:
    """Everything the pipeline needs besides the change; built from Settings by the caller."""

    scanners: tuple[Scanner, ...]
    context: ScanContext = field(default_factory=ScanContext)
    limits: Limits = field(default_factory=Limits)
    checklist: object | None = None  # reviewer.checklists.model.Checklist
    all_lines: bool = False
    baseline: frozenset[str] = frozenset()  # fingerprints accepted as known


def _run_one(scanner: Scanner, workspace: Workspace, ctx: ScanContext) -> tuple[ScanResult, ScannerStatus]:
    started = time.perf_counter()
    try:
        version = scanner.version(ctx)
        result = scanner.scan(workspace, ctx)
    except ToolTimeout as exc:
        return ScanResult(), ScannerStatus(
            scanner.name, ScannerState.TIMED_OUT, duration_s=time.perf_counter() - started, detail=str(exc)
        )
    except ReviewerError as exc:
        return ScanResult(), ScannerStatus(
            scanner.name, ScannerState.FAILED, duration_s=time.perf_counter() - started, detail=str(exc)
        )
    except Exception as exc:  # a scanner bug must not take the review down
        return ScanResult(), ScannerStatus(
            scanner.name,
            ScannerState.FAILED,
            duration_s=time.perf_counter() - started,
            detail=f"{type(exc).__name__}: {exc}",
        )
    state = ScannerState.FAILED if result.errors else ScannerState.OK
    return result, ScannerStatus(
        scanner.name,
        state,
        version=version,
        duration_s=time.perf_counter() - started,
        detail="; ".join(result.errors),
        files_scanned=len(workspace.files) - len(result.skipped),
        files_skipped=result.skipped,
    )


def _settle(
    future: Future[tuple[ScanResult, ScannerStatus]],
    scanner: Scanner,
    workspace: Workspace,
    ctx: ScanContext,
) -> None:
    future.set_result(_run_one(scanner, workspace, ctx))  # _run_one turns every exception into data


def run_scanners(
    workspace: Workspace, scanners: tuple[Scanner, ...], ctx: ScanContext
) -> tuple[list[RawFinding], list[ScannerStatus]]:
    """Run every scanner in parallel; a hung in-process scanner is abandoned at its timeout."""
    raw: list[RawFinding] = []
    statuses: list[ScannerStatus] = []
    futures: dict[str, Future[tuple[ScanResult, ScannerStatus]]] = {}
    for scanner in scanners:
        future: Future[tuple[ScanResult, ScannerStatus]] = Future()
        # Daemon threads, not a pool: a hung in-process scanner must not keep the process
        # (a CLI run, a hook) alive once the review has given up on it.
        worker = threading.Thread(
            target=_settle,
            args=(future, scanner, workspace, ctx),
            name=f"scanner-{scanner.name}",
            daemon=True,
        )
        worker.start()
        futures[scanner.name] = future
    # Subprocess scanners enforce their own timeout; the grace lets them report it themselves.
    deadline = time.monotonic() + ctx.timeout_s + max(1.0, min(5.0, ctx.timeout_s))
    for name, pending in futures.items():
        try:
            result, status = pending.result(timeout=max(0.0, deadline - time.monotonic()))
        except FutureTimeout:
            detail = f"no result after {ctx.timeout_s:.0f}s"
            statuses.append(ScannerStatus(name, ScannerState.TIMED_OUT, detail=detail))
            continue
        raw.extend(result.findings)
        statuses.append(status)
    return raw, statuses


def _input_notices(changeset: Changeset) -> list[Notice]:
    notices = [
        Notice("warning", "non-UTF-8 bytes were replaced while decoding", f.path)
        for f in changeset.files
        if f.decoding_replaced
    ]
    notices += [Notice("info", "binary file not reviewed", f.path) for f in changeset.files if f.binary]
    notices += [Notice("info", f"not reviewed: {reason}", path) for path, reason in changeset.skipped]
    return notices


def review(changeset: Changeset, config: ReviewConfig) -> ReviewOutcome:
    """Review one change. Raises only for bad input (InputError) or internal errors."""
    from reviewer.normalise import build_findings
    from reviewer.workspace import materialise

    started = time.perf_counter()
    notices = _input_notices(changeset)
    # Scanners may skip unchanged code (bandit prunes to added lines) unless every line counts.
    context = replace(
        config.context, options={**config.context.options, "all_lines": str(config.all_lines).lower()}
    )
    with materialise(changeset, config.limits) as workspace:
        raw, statuses = run_scanners(workspace, config.scanners, context)
        findings = build_findings(raw, workspace, all_lines=config.all_lines, baseline=config.baseline)
        files_reviewed = len(workspace.files)
    checklist_result = None
    if config.checklist is not None:
        from reviewer.checklists.evaluate import evaluate

        checklist_result = evaluate(config.checklist, findings, statuses)  # type: ignore[arg-type]
        findings = list(checklist_result.findings)  # the same findings, with checklist_items filled
    for st in statuses:
        if st.state in (ScannerState.FAILED, ScannerState.TIMED_OUT):
            notices.append(Notice("error", f"scanner {st.scanner} {st.state.value}: {st.detail}"))
    return ReviewOutcome(
        findings=tuple(sorted(findings, key=lambda f: (*f.sort_key(), f.fingerprint))),
        scanners=tuple(sorted(statuses, key=lambda s: s.scanner)),
        notices=tuple(sorted(set(notices), key=lambda n: (n.path or "", n.level, n.message))),
        checklist=checklist_result,
        files_reviewed=files_reviewed,
        lines_added=changeset.lines_added,
        duration_s=time.perf_counter() - started,
    )
