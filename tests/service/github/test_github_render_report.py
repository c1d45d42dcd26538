"""Rendering a ReviewOutcome for GitHub, and posting it to the fake API (no database)."""

import json

import pytest
from conftest import HEAD_SHA, SECRET

from reviewer.findings import (
    Category,
    Confidence,
    Finding,
    Location,
    ReviewOutcome,
    ScannerState,
    ScannerStatus,
    Severity,
    Suppression,
)
from reviewer.github import render
from reviewer.github.reporter import CheckRunReporter

REPO = "octo/render"


def finding(line: int, severity: Severity = Severity.HIGH, category: Category = Category.VALIDATION, **kw):
    defaults = dict(
        rule=f"rule-{category.value}",
        scanners=("bandit",),
        category=category,
        cwes=(78,),
        severity=severity,
        confidence=Confidence.HIGH,
        location=Location("app/run.py", line, line, 5, 20),
        message="subprocess call with shell=True",
        fix="pass a list of arguments",
        snippet="subprocess.call(cmd, shell=True)",
        fingerprint=f"fp{line}-{category.value}",
    )
    defaults.update(kw)
    return Finding(**defaults)


def outcome(*findings, failed_scanner=False):
    scanners = [ScannerStatus("bandit", ScannerState.OK)]
    if failed_scanner:
        scanners.append(ScannerStatus("semgrep", ScannerState.TIMED_OUT, detail="no result after 60s"))
    return ReviewOutcome(findings=tuple(findings), scanners=tuple(scanners), files_reviewed=1, lines_added=10)


def test_conclusion_follows_threshold_partial_and_triage():
    high = finding(3)
    assert render.conclusion(outcome(high), Severity.HIGH) == "failure"
    assert render.conclusion(outcome(high), Severity.CRITICAL) == "success"
    assert render.conclusion(outcome(high, failed_scanner=True), Severity.CRITICAL) == "neutral"
    assert render.conclusion(outcome(high), Severity.CRITICAL, omissions=["big.py: too large"]) == "neutral"
    assert render.conclusion(outcome(high, failed_scanner=True), Severity.HIGH) == "failure"  # failure wins
    assert (
        render.conclusion(outcome(high), Severity.HIGH, dismissed=frozenset({high.fingerprint})) == "success"
    )
    suppressed = finding(4, suppression=Suppression("inline", "test fixture"))
    assert render.conclusion(outcome(suppressed), Severity.LOW) == "success"
    off_diff = finding(5, on_changed_line=False)
    assert render.conclusion(outcome(off_diff), Severity.LOW) == "success"


def test_annotation_lines_levels_and_columns():
    high = render.annotation(finding(3), Severity.HIGH)
    assert high["path"] == "app/run.py"
    assert (high["start_line"], high["end_line"]) == (3, 3)
    assert (high["start_column"], high["end_column"]) == (5, 20)
    assert high["annotation_level"] == "failure"
    assert "Fix: pass a list" in high["message"]
    assert "CWE-78" in high["raw_details"]
    multi = render.annotation(
        finding(3, location=Location("a.py", 3, 6, 5, 20), severity=Severity.MEDIUM), Severity.HIGH
    )
    assert "start_column" not in multi and multi["annotation_level"] == "warning"
    low = render.annotation(finding(3, severity=Severity.LOW), Severity.HIGH)
    assert low["annotation_level"] == "notice"


def test_summary_counts_checklist_partial_and_link():
    from reviewer.checklists.model import ChecklistResult, ItemResult, ItemStatus

    checklist = ChecklistResult(
        "ai-code-security",
        "1.0",
        "0" * 64,
        (
            ItemResult("validation.shell", ItemStatus.FAILED, title="No shell injection"),
            ItemResult("access.authz", ItemStatus.NEEDS_HUMAN, title="Handlers check authorisation"),
            ItemResult("secrets.none", ItemStatus.PASSED, title="No secrets"),
        ),
    )
    out = ReviewOutcome(
        findings=(finding(3), finding(4, Severity.MEDIUM, Category.SECRETS), finding(9, Severity.LOW)),
        scanners=(ScannerStatus("semgrep", ScannerState.FAILED, detail="exit 2"),),
        checklist=checklist,
        files_reviewed=1,
        lines_added=10,
    )
    text = render.summary(
        out, threshold=Severity.HIGH, review_url="http://ui/reviews/r1", omissions=["x.py: too big"]
    )
    assert "**3 findings**" in text and "1 at or above `high`" in text
    assert "| validation | 0 | 1 | 0 | 1 | 0 | 2 |" in text
    assert "| secrets | 0 | 0 | 1 | 0 | 0 | 1 |" in text
    assert "`ai-code-security@1.0`" in text and "1 failed, 1 need sign-off, 1 passed" in text
    assert "`validation.shell` No shell injection" in text
    assert "`access.authz` Handlers check authorisation" in text
    assert "scanner `semgrep` failed: exit 2" in text and "- x.py: too big" in text
    assert text.endswith("[Open the review](http://ui/reviews/r1)")
    # deterministic
    assert text == render.summary(
        out, threshold=Severity.HIGH, review_url="http://ui/reviews/r1", omissions=["x.py: too big"]
    )


def test_secret_values_never_reach_the_report():
    # A scanner bug leaving the clear value in the message is masked anyway.
    leaky = finding(
        8,
        Severity.CRITICAL,
        Category.SECRETS,
        message=f"hard-coded AWS secret {SECRET}",
        snippet=f'AWS_SECRET_ACCESS_KEY = "{SECRET}"',
        secret_hash="ab" * 32,
    )
    report = render.check_report(outcome(leaky), threshold=Severity.HIGH, review_url="http://ui/r")
    blob = json.dumps([report.summary, report.title, list(report.annotations)])
    assert SECRET not in blob
    assert render.comment_body(report, HEAD_SHA).count(SECRET) == 0


def test_batches_of_fifty():
    report = render.check_report(
        outcome(*[finding(i) for i in range(1, 121)]), threshold=Severity.HIGH, review_url="u"
    )
    assert [len(b) for b in report.batches()] == [50, 50, 20]
    assert render.check_report(outcome(), threshold=Severity.HIGH, review_url="u").batches() == [[]]


def test_reporter_posts_batches_and_completes_once(fake_github, pat_client):
    reporter = CheckRunReporter(pat_client, *REPO.split("/"))
    run_id = reporter.start(HEAD_SHA, "review-1", "http://ui/reviews")
    assert reporter.start(HEAD_SHA, "review-1", "http://ui/reviews") == run_id  # found again, not re-created
    report = render.check_report(
        outcome(*[finding(i) for i in range(1, 121)]), threshold=Severity.HIGH, review_url="u"
    )
    progress = []
    reporter.complete(run_id, report, details_url="http://ui/reviews/1", on_batch=progress.append)
    run = fake_github.repo(REPO).check_runs[run_id]
    assert progress == [1, 2, 3]
    assert run["status"] == "completed" and run["conclusion"] == "failure"
    assert len(run["annotations"]) == 120
    patches = fake_github.calls("PATCH", r"/check-runs/")
    assert [len(p.json()["output"]["annotations"]) for p in patches] == [50, 50, 20]
    assert [p.json().get("status") for p in patches] == [None, None, "completed"]
    assert len(fake_github.repo(REPO).check_runs) == 1


def test_reporter_resumes_after_the_batches_already_sent(fake_github, pat_client):
    reporter = CheckRunReporter(pat_client, *REPO.split("/"))
    run_id = reporter.start(HEAD_SHA, "review-2", "http://ui/reviews")
    report = render.check_report(
        outcome(*[finding(i) for i in range(1, 121)]), threshold=Severity.HIGH, review_url="u"
    )
    reporter.complete(run_id, report, batches_sent=2)
    assert len(fake_github.repo(REPO).check_runs[run_id]["annotations"]) == 20


def test_comment_is_found_by_marker_and_edited_in_place(fake_github, pat_client):
    reporter = CheckRunReporter(pat_client, *REPO.split("/"))
    comments = fake_github.repo(REPO).comments
    comments[1] = {"id": 1, "body": "LGTM", "issue": 7}
    first = reporter.upsert_comment(7, f"{render.COMMENT_MARKER}\nfirst")
    second = reporter.upsert_comment(7, f"{render.COMMENT_MARKER}\nsecond")
    assert first == second
    assert {c["body"] for c in comments.values()} == {"LGTM", f"{render.COMMENT_MARKER}\nsecond"}
    assert len(fake_github.calls("POST", r"/issues/7/comments$")) == 1
    assert len(fake_github.calls("PATCH", r"/issues/comments/")) == 1
    reporter.upsert_comment(7, f"{render.COMMENT_MARKER}\nsecond")  # unchanged: no write at all
    assert len(fake_github.calls("PATCH", r"/issues/comments/")) == 1


def test_check_run_create_502_then_success_makes_one_run(fake_github, pat_client):
    fake_github.fail("POST", r"/check-runs$", 502)
    reporter = CheckRunReporter(pat_client, *REPO.split("/"))
    reporter.start(HEAD_SHA, "review-3", "http://ui/reviews")
    assert len(fake_github.repo(REPO).check_runs) == 1


@pytest.mark.parametrize("status", [502, 504])
def test_check_run_created_but_answer_lost_is_not_duplicated(fake_github, pat_client, status):
    """GitHub created the run but the answer was an error: the retry finds it instead."""
    reporter = CheckRunReporter(pat_client, *REPO.split("/"))
    original = fake_github._create_check_run

    def create_then_fail(repo, body):
        original(repo, body)
        fake_github._create_check_run = original
        return status, {"message": "gateway"}, {}

    fake_github._create_check_run = create_then_fail
    run_id = reporter.start(HEAD_SHA, "review-4", "http://ui/reviews")
    assert list(fake_github.repo(REPO).check_runs) == [run_id]
