"""Run the real review pipeline on each corpus file, as wholly added code, and judge it.

Each file is its own change (``reviewer scan FILE`` semantics), so that structural checks compare
a handler only with its siblings in the same file and one sample cannot hide or cause another's
findings.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from reviewer.evaluation.cwe_families import matches
from reviewer.evaluation.labels import Sample
from reviewer.evaluation.metrics import Outcome
from reviewer.findings import ReviewOutcome, ScannerState, Severity
from reviewer.pipeline import ReviewConfig, review


def review_file(
    corpus: Path, sample: Sample, config: ReviewConfig, project_modules: tuple[str, ...] | None = None
) -> ReviewOutcome:
    from reviewer.ingest.paths_source import paths_changeset

    root = corpus.resolve()
    changeset = paths_changeset(
        [str(root / sample.file)], config.limits, cwd=root, project_modules=project_modules
    )
    return review(changeset, config)


def judge(sample: Sample, outcome: ReviewOutcome, min_severity: Severity = Severity.INFO) -> Outcome:
    """Did the review flag the labelled weakness? Only unsuppressed findings at ``min_severity`` count."""
    active = [f for f in outcome.active() if f.severity >= min_severity]
    hits = [f for f in active if matches(sample.cwe, f.cwes, f.category.value, sample.cls)]
    failed = tuple(
        s.scanner for s in outcome.scanners if s.state in (ScannerState.FAILED, ScannerState.TIMED_OUT)
    )
    return Outcome(
        sample=sample,
        flagged=bool(hits),
        any_finding=bool(active),
        rules=tuple(sorted({f.rule for f in (hits or active)})),
        failed_scanners=failed,
    )


def evaluate(
    corpus: Path,
    samples: list[Sample],
    config: ReviewConfig,
    *,
    jobs: int = 2,
    min_severity: Severity = Severity.INFO,
    progress: Callable[[int, int], None] | None = None,
) -> list[Outcome]:
    """Review every sample (``jobs`` at a time) and return outcomes in label order."""

    from reviewer.ingest.paths_source import project_modules_under

    modules = project_modules_under(corpus.resolve())  # once for the corpus, not once a file

    def one(sample: Sample) -> Outcome:
        return judge(sample, review_file(corpus, sample, config, modules), min_severity)

    results: list[Outcome] = []
    with ThreadPoolExecutor(max_workers=max(1, jobs), thread_name_prefix="eval") as pool:
        for i, outcome in enumerate(pool.map(one, samples), start=1):
            results.append(outcome)
            if progress is not None:
                progress(i, len(samples))
    return results
