"""The UI's pure parts: CSRF tokens, password hashing, charts, the diff-with-findings view, trends."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from dataclasses import dataclass

import pytest

from reviewer.findings import Severity
from reviewer.ui import charts, csrf, diffview, passwords, trends

SECRET = "k" * 32


def test_session_csrf_token_is_bound_to_the_session():
    token = csrf.session_token(SECRET, "session-a")
    assert csrf.verify_session_token(SECRET, "session-a", token)
    assert not csrf.verify_session_token(SECRET, "session-b", token)
    assert not csrf.verify_session_token("other" * 8, "session-a", token)
    assert not csrf.verify_session_token(SECRET, "session-a", "")
    assert not csrf.verify_session_token(SECRET, "session-a", None)


def test_anonymous_csrf_needs_matching_cookie_and_signature():
    nonce = csrf.new_nonce()
    token = csrf.anonymous_token(SECRET, nonce)
    assert csrf.verify_anonymous_token(SECRET, nonce, token)
    assert not csrf.verify_anonymous_token(SECRET, csrf.new_nonce(), token)  # cookie from elsewhere
    planted = csrf.new_nonce()  # an attacker can plant a cookie but not sign a form value for it
    assert not csrf.verify_anonymous_token(SECRET, planted, f"{planted}.{'0' * 64}")
    assert not csrf.verify_anonymous_token(SECRET, nonce, nonce)
    assert not csrf.verify_anonymous_token(SECRET, None, token)


def test_password_hash_round_trip_and_refusals():
    stored = passwords.hash_password("correct horse battery")
    assert stored.startswith("scrypt$15$8$1$")
    assert "correct horse" not in stored
    assert passwords.verify_password("correct horse battery", stored)
    assert not passwords.verify_password("correct horse batterY", stored)
    assert not passwords.verify_password("x", "garbage")
    assert not passwords.verify_password("x", None)
    assert not passwords.needs_rehash(stored)
    assert passwords.needs_rehash("scrypt$14$8$1$AAAA$AAAA")
    with pytest.raises(ValueError):
        passwords.hash_password("short")
    assert passwords.hash_password("correct horse battery") != stored  # salted


def _parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def test_stacked_bars_is_valid_accessible_svg_with_escaped_labels():
    svg = charts.stacked_bars(
        ["W1", "<W2>"], {"validation": [2, 0], "secrets": [1, 3]}, chart_id="c", title='Findings "x" & y'
    )
    root = _parse(str(svg))
    ns = "{http://www.w3.org/2000/svg}"
    assert root.get("role") == "img"
    assert root.find(f"{ns}title").text == 'Findings "x" & y'
    rects = root.findall(f"{ns}rect")
    assert len(rects) == 3  # zero-height segments are not drawn
    tips = sorted(r.find(f"{ns}title").text for r in rects)
    assert tips == ["<W2>: 3 secrets", "W1: 1 secrets", "W1: 2 validation"]
    assert {r.get("fill") for r in rects} == {charts.PALETTE["validation"], charts.PALETTE["secrets"]}


def test_share_line_breaks_at_weeks_without_reviews():
    svg = str(charts.share_line(["a", "b", "c", "d"], [1.0, None, 0.5, 0.0], chart_id="p", title="t"))
    root = _parse(svg)
    ns = "{http://www.w3.org/2000/svg}"
    assert len(root.findall(f"{ns}polyline")) == 2
    assert [c.find(f"{ns}title").text for c in root.findall(f"{ns}circle")] == [
        "a: 100% passing",
        "c: 50% passing",
        "d: 0% passing",
    ]
    empty = _parse(str(charts.share_line([], [], chart_id="e", title="t")))
    assert "No reviews" in ET.tostring(empty, encoding="unicode")


@dataclass(frozen=True)
class F:
    path: str
    start_line: int
    end_line: int
    category: str
    rule: str = "r"


DIFF = """\
diff --git a/app/db.py b/app/db.py
--- a/app/db.py
+++ b/app/db.py
@@ -1,3 +1,4 @@
 import sqlite3
-def find(name):
+def find(name):  # new
+    return db.execute(f"SELECT * FROM users WHERE name = '{name}'")
 x = 1
diff --git a/app/config.py b/app/config.py
new file mode 100644
--- /dev/null
+++ b/app/config.py
@@ -0,0 +1,2 @@
+AWS_SECRET_ACCESS_KEY = "wJalrXUtnFEMIK7MDENGbPxRfiCYzExAmPlEkEy1"
+DEBUG = False
"""


def test_diff_view_anchors_findings_and_masks_secret_lines():
    sqli = F("app/db.py", 3, 3, "validation")
    key = F("app/config.py", 1, 1, "secrets")
    outside = F("app/db.py", 40, 41, "validation")
    other = F("other.py", 1, 1, "config")
    view = diffview.build(DIFF, [sqli, key, outside, other])
    db, config = view.files
    assert (db.path, db.status, config.status) == ("app/db.py", "modified", "added")
    rows = [line for hunk in db.hunks for line in hunk.lines]
    assert [r.kind for r in rows] == ["ctx", "del", "add", "add", "ctx"]
    anchored = [r for r in rows if r.findings]
    assert len(anchored) == 1 and anchored[0].new_no == 3 and anchored[0].findings == (sqli,)
    assert db.unanchored == (outside,)
    assert view.elsewhere == (other,)
    secret_row = config.hunks[0].lines[0]
    assert secret_row.masked and "wJalrXUtnFEMIK7MDENGbPxRfiCYzExAmPlEkEy1" not in secret_row.text
    assert secret_row.text == 'AWS_SECRET_ACCESS_KEY = "wJ…kEy1"'  # the preview every output uses
    assert not config.hunks[0].lines[1].masked


def test_diff_view_truncates_huge_files_but_keeps_their_findings():
    f = F("app/db.py", 3, 3, "validation")
    view = diffview.build(DIFF, [f], max_lines=3)
    assert view.files[0].truncated and view.files[0].unanchored == (f,)
    assert view.truncated_files == ("app/db.py",)


def test_diff_view_survives_garbage():
    f = F("a.py", 1, 1, "validation")
    view = diffview.build("@@ nonsense", [f])
    assert view.files == () and view.elsewhere == (f,)


def test_mask_line_hides_quoted_values_and_tokens():
    # The same preview as every other output: two characters at most for a short value, a known
    # prefix and the last four for a long one.
    assert diffview.mask_line('key = "supersecretvalue"') == 'key = "su****"'
    assert diffview.mask_line('k = "sk_live_4eC39HqLyjWDarjtT1zdp7dc"') == 'k = "sk_live_…p7dc"'
    token = "ghp_abcdefghijklmnopqrstuvwxyz0123"
    assert token not in diffview.mask_line(f"token={token}")
    assert diffview.mask_line("AWS_SECRET_ACCESS_KEY = x") == "AWS_SECRET_ACCESS_KEY = x"


def test_trend_buckets_weeks_and_pass_share():
    now = dt.datetime(2026, 11, 26, 12, tzinfo=dt.UTC)  # a Thursday
    points = [
        trends.ReviewPoint(now, "complete", {"by_severity": {"low": 2}, "by_category": {"config": 2}}),
        trends.ReviewPoint(now, "complete", {"by_severity": {"high": 1}, "by_category": {"secrets": 1}}),
        trends.ReviewPoint(now - dt.timedelta(days=7), "partial", {}),
        trends.ReviewPoint(now - dt.timedelta(days=7), "running", {}),
        trends.ReviewPoint(now - dt.timedelta(days=70), "complete", {}),  # outside the window
    ]
    weeks = trends.bucket(points, weeks=3, now=now, threshold=Severity.HIGH)
    assert [w.start.isoformat() for w in weeks] == ["2026-11-09", "2026-11-16", "2026-11-23"]
    assert [w.reviews for w in weeks] == [0, 1, 2]
    assert [w.pass_share for w in weeks] == [None, 0.0, 0.5]
    assert weeks[-1].by_category == {"config": 2, "secrets": 1}


@pytest.mark.parametrize(("value", "top"), [(0, 4), (2, 4), (5, 8), (9, 12), (37, 40), (45, 60), (999, 1000)])
def test_count_axis_has_whole_number_ticks(value, top):
    assert charts.count_axis_max(value) == top
    assert top % 4 == 0 and top >= value


def test_post_image_view_shows_added_lines_with_context():
    text = "\n".join(f"line {n}" for n in range(1, 21)) + "\n"
    raw = diffview.from_post_image("a.py", "modified", text, {5, 6, 15}, context=2)
    assert [h for h, _ in raw.hunks] == ["@@ +3,6 @@", "@@ +13,5 @@"]
    rows = raw.hunks[0][1]
    assert [(kind, new) for kind, _, new, _ in rows] == [
        ("ctx", 3),
        ("ctx", 4),
        ("add", 5),
        ("add", 6),
        ("ctx", 7),
        ("ctx", 8),
    ]
    view = diffview.place([raw], [F("a.py", 15, 15, "validation")])
    anchored = [line for h in view.files[0].hunks for line in h.lines if line.findings]
    assert [line.new_no for line in anchored] == [15]
