"""The UI in a real browser: Debian's chromium driven by Playwright against the real app.

The app runs under uvicorn in a thread on 127.0.0.1 (a free port) against the test database; a
review is seeded through the real API. A triager signs in, triages a finding, signs off a
checklist item and sees both in the audit trail; a viewer sees no controls and a forged form
post is refused. Each page is saved under test-output/screenshots/ for a person to look at.
"""

from __future__ import annotations

import re
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from ui_helpers import PASSWORD, SECRET_PARTS, SEED_DIFF

from reviewer.settings import PROJECT_ROOT

pytestmark = [pytest.mark.browser, pytest.mark.db, pytest.mark.slow]

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SHOTS = PROJECT_ROOT / "test-output" / "screenshots"


@pytest.fixture
def live_server(app: Any) -> Iterator[str]:
    """The real app under uvicorn in a thread; yields its base URL."""
    import uvicorn

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=15)
        sock.close()


@pytest.fixture
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip("Debian chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


def _shot(page: Any, name: str, backend: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}-{backend}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def _seed(base: str, token: str, repo: str) -> str:
    response = httpx.post(
        f"{base}/api/v1/reviews?wait=true",
        json={
            "diff": SEED_DIFF,
            "repository": repo,
            "pull_request": 42,
            "head_sha": "c0ffee1234567890",
            "title": "Add user lookup",
        },
        headers={"Authorization": f"Bearer {token}"},
        timeout=120,
    )
    assert response.status_code == 200, response.text
    assert response.json()["status"] in ("complete", "partial")
    return str(response.json()["id"])


CLEAN_DIFF = """diff --git a/app/math.py b/app/math.py
new file mode 100644
--- /dev/null
+++ b/app/math.py
@@ -0,0 +1,2 @@
+def add(a: int, b: int) -> int:
+    return a + b
"""


def _seed_history(base: str, token: str, repo: str, runtime: Any) -> None:
    """Earlier reviews of the repository, some clean, moved back in time, so the trends have a shape."""
    import datetime as dt

    from sqlalchemy import update

    from reviewer.db.base import utcnow
    from reviewer.db.models import Review

    plan = [(5, SEED_DIFF), (5, CLEAN_DIFF), (3, CLEAN_DIFF), (2, SEED_DIFF), (1, CLEAN_DIFF)]
    for weeks_ago, diff in plan:
        response = httpx.post(
            f"{base}/api/v1/reviews?wait=true",
            json={"diff": diff, "repository": repo, "title": f"history {weeks_ago}w"},
            headers={"Authorization": f"Bearer {token}"},
            timeout=120,
        )
        assert response.status_code == 200, response.text
        with runtime.sessions.begin() as s:
            s.execute(
                update(Review)
                .where(Review.id == response.json()["id"])
                .values(created_at=utcnow() - dt.timedelta(weeks=weeks_ago))
            )


def _unlabelled_controls(page: Any) -> list[str]:
    """Visible form controls with no label (a <label for>, a wrapping label or aria-label)."""
    return page.evaluate(
        """() => [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
            .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label'))
            .map(el => el.outerHTML)"""
    )


def test_triage_signoff_audit_trail_and_viewer_refusal_in_chromium(
    live_server, browser, make_user, make_token, unique_repo, db_backend, runtime
):
    base = live_server
    repo = unique_repo("acme")
    seeder = make_token("triager", [repo], name="seeder")
    _seed_history(base, seeder, repo, runtime)
    review_id = _seed(base, seeder, repo)
    triager = make_user("triager", repos=(repo,))

    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    console_errors: list[str] = []  # CSP violations and script errors show up here
    page.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: console_errors.append(str(e)))

    # Sign in (the page asked for redirects back to the review).
    page.goto(f"{base}/reviews/{review_id}")
    assert page.url.startswith(f"{base}/signin")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    assert _unlabelled_controls(page) == []
    page.get_by_label("User name").fill(triager)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    _shot(page, "01-sign-in", db_backend)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_url(f"{base}/reviews/{review_id}")
    cookies = {c["name"]: c for c in context.cookies()}
    session_cookie = cookies["__Host-reviewer_session"]
    assert session_cookie["httpOnly"] and session_cookie["secure"] and session_cookie["sameSite"] == "Lax"

    # The review: findings inline, secrets masked, checklist panel.
    html = page.content()
    for part in SECRET_PARTS:
        assert part not in html
    assert page.locator("tr.finding-row article.finding").count() >= 2
    assert _unlabelled_controls(page) == []
    _shot(page, "03-review", db_backend)

    # Triage the SQL injection finding.
    sqli = page.locator("article.finding", has=page.locator("a.chip", has_text="CWE-89")).first
    sqli.locator("summary", has_text="Triage this finding").click()
    sqli.get_by_label("Confirm").check()
    sqli.get_by_label("Reason").fill("Query built from the name parameter; confirmed by reading the handler.")
    sqli.get_by_role("button", name="Record decision").click()
    page.wait_for_load_state()
    assert page.get_by_role("status").filter(has_text="Triage decision recorded.").count() == 1

    # Sign off the first item that needs a human.
    item = page.locator(
        "aside.checklist li.item", has=page.locator("summary", has_text="Sign off this item")
    ).first
    item_title = item.locator("h3").inner_text()
    item.locator("summary", has_text="Sign off this item").click()
    item.get_by_label("Note").fill("Reviewed the request validation by hand.")
    item.get_by_role("button", name="Sign off").click()
    page.wait_for_load_state()
    assert page.get_by_role("status").filter(has_text="Checklist item signed off.").count() == 1
    signed = page.locator("aside.checklist li.item", has=page.locator("h3", has_text=item_title)).first
    assert "Signed off by" in signed.inner_text()

    # Both in the audit trail: the review's table and the finding's own trail.
    trail = page.locator("#audit-trail").inner_text()
    assert "open → confirmed" in trail and "confirmed by reading the handler" in trail
    assert "signed off" in trail and "Reviewed the request validation by hand." in trail
    sqli = page.locator("article.finding", has=page.locator("a.chip", has_text="CWE-89")).first
    sqli.locator("summary", has_text="Audit trail").click()
    assert "open → confirmed" in sqli.locator("ol.audit").inner_text()
    page.locator("#audit-heading").scroll_into_view_if_needed()
    _shot(page, "04-review-after-triage", db_backend)

    # The other pages.
    nav = page.get_by_role("navigation", name="Main")
    nav.get_by_role("link", name="Reviews").click()
    page.wait_for_url(f"{base}/reviews")
    assert page.locator("table.data tbody tr").filter(has_text=repo).count() == 6
    _shot(page, "02-reviews", db_backend)
    page.get_by_role("link", name=repo).first.click()
    page.wait_for_url(re.compile(r".*/repos/.*"))
    assert page.locator("svg.chart").count() == 2
    weeks_with_bars = page.eval_on_selector_all("svg.chart rect title", "els => els.map(e => e.textContent)")
    assert len({t.split(":")[0] for t in weeks_with_bars}) == 3  # this week, 2 and 5 weeks ago
    assert page.locator("svg.chart circle").count() == 5  # weeks with reviews: 5, 3, 2, 1 ago and this one
    assert page.get_by_role("img", name=re.compile("Findings per week")).count() == 1
    _shot(page, "05-repository", db_backend)
    nav.get_by_role("link", name="Checklists").click()
    compare = page.get_by_role("button", name="Compare")
    if compare.count():
        compare.first.click()
        page.wait_for_load_state()
        assert page.locator(".cl-diff, p:has-text('No differences')").count() >= 1
    _shot(page, "06-checklists", db_backend)
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(re.compile(r".*/signin.*"))
    assert console_errors == []
    context.close()

    # A viewer (token sign-in): no controls, and forged posts are refused.
    viewer_token = make_token("viewer", [repo], name="viewer")
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{base}/signin?next=/reviews/{review_id}")
    page.get_by_label("API token", exact=True).fill(viewer_token)
    page.get_by_role("button", name="Sign in with token").click()
    page.wait_for_url(f"{base}/reviews/{review_id}")
    assert page.locator("form[action*='/triage'], form[action*='/signoff']").count() == 0
    assert page.get_by_text("Triage this finding").count() == 0
    assert page.get_by_text("Sign off this item").count() == 0
    assert "open → confirmed" in page.locator("#audit-trail").inner_text()  # the viewer may read it
    _shot(page, "07-review-as-viewer", db_backend)

    group_id = re.search(r"/findings/(\d+)/triage", html)
    assert group_id, "the triager's page had triage forms"
    forged = f"/reviews/{review_id}/findings/{group_id.group(1)}/triage"
    with page.expect_navigation():
        page.evaluate(
            """([action]) => {
            const form = document.createElement('form');
            form.method = 'post';
            form.action = action;
            const token = document.querySelector('input[name=csrf_token]').value;  // the viewer's own
            for (const [k, v] of [['csrf_token', token], ['state', 'false_positive'], ['reason', 'forged']]) {
                const input = document.createElement('input');
                input.type = 'hidden'; input.name = k; input.value = v; form.appendChild(input);
            }
            document.body.appendChild(form);
            form.submit();
        }""",
            [forged],
        )
    assert page.get_by_role("heading", name="Forbidden").count() == 1
    _shot(page, "08-viewer-forged-post-refused", db_backend)
    response = page.request.post(f"{base}{forged}", form={"state": "false_positive", "reason": "no token"})
    assert response.status == 403
    context.close()


def test_review_page_is_readable_without_javascript(
    live_server, browser, make_user, make_token, unique_repo, db_backend
):
    repo = unique_repo("acme")
    review_id = _seed(live_server, make_token("triager", [repo], name="seeder"), repo)
    user = make_user("triager", repos=(repo,))
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1000, "height": 900})
    page = context.new_page()
    page.goto(f"{live_server}/signin?next=/reviews/{review_id}")
    page.get_by_label("User name").fill(user)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_url(f"{live_server}/reviews/{review_id}")
    assert page.locator("article.finding").count() >= 2
    page.locator("summary", has_text="Triage this finding").first.click()  # <details>: no script needed
    assert page.get_by_role("button", name="Record decision").first.is_visible()
    _shot(page, "09-review-no-javascript-narrow", db_backend)
    context.close()
