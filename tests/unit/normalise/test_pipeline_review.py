"""review(): scanners in parallel, failures as data, notices, dedup across scanners."""

from __future__ import annotations

from normalise_fakes import FakeScanner, raw

from reviewer.changeset import ChangeKind, Changeset, FileChange, Limits
from reviewer.findings import ScannerState
from reviewer.pipeline import ReviewConfig, review
from reviewer.scanners.base import ScanContext
from reviewer.subprocess_runner import ToolTimeout

TEXT = "import os\nos.system(user)\n"


def cs() -> Changeset:
    return Changeset(
        files=(
            FileChange(
                "app.py",
                ChangeKind.ADDED,
                added_lines=frozenset({1, 2}),
                post_image=TEXT,
                decoding_replaced=True,
            ),
            FileChange("img.png", ChangeKind.ADDED, binary=True),
        ),
        skipped=(("link", "symbolic link: not followed or reviewed"),),
    )


def test_failed_and_timed_out_scanners_make_a_partial_review_not_a_crash():
    good = FakeScanner("good", lambda ws: [raw("cmdi", "app.py", 2)])
    crash = FakeScanner("crash", error=RuntimeError("kaboom"))
    slow = FakeScanner("slow", error=ToolTimeout("slow timed out after 1s", cmd=["slow"]))
    outcome = review(cs(), ReviewConfig(scanners=(good, crash, slow)))
    states = {s.scanner: s.state for s in outcome.scanners}
    assert states == {"crash": ScannerState.FAILED, "good": ScannerState.OK, "slow": ScannerState.TIMED_OUT}
    assert outcome.status == "partial"
    assert [f.rule for f in outcome.findings] == ["cmdi"]
    assert any("kaboom" in n.message for n in outcome.notices)
    assert outcome.files_reviewed == 1 and outcome.lines_added == 2


def test_notices_for_decoding_binary_and_skipped_files():
    outcome = review(cs(), ReviewConfig(scanners=()))
    messages = {(n.path, n.message) for n in outcome.notices}
    assert ("app.py", "non-UTF-8 bytes were replaced while decoding") in messages
    assert ("img.png", "binary file not reviewed") in messages
    assert ("link", "not reviewed: symbolic link: not followed or reviewed") in messages
    assert outcome.status == "complete"


def test_hung_in_process_scanner_is_abandoned_at_its_timeout():
    import time

    def hang(ws):
        time.sleep(3)
        return []

    config = ReviewConfig(scanners=(FakeScanner("hang", hang),), context=ScanContext(timeout_s=0.1))
    started = time.monotonic()
    outcome = review(cs(), config)
    assert time.monotonic() - started < 10
    assert outcome.scanners[0].state is ScannerState.TIMED_OUT


def test_two_scanners_one_finding():
    a = FakeScanner("bandit", lambda ws: [raw("B605", "app.py", 2, scanner="bandit")])
    b = FakeScanner("semgrep", lambda ws: [raw("cmdi", "app.py", 2, scanner="semgrep")])
    outcome = review(cs(), ReviewConfig(scanners=(a, b), limits=Limits()))
    (f,) = outcome.findings
    assert f.scanners == ("bandit", "semgrep") and f.rule == "cmdi"
