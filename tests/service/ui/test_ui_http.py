"""The UI over HTTP (no browser): sessions, CSRF, roles and grants, safe rendering."""

from __future__ import annotations

import re

import pytest
from ui_helpers import PASSWORD, SECRET_PARTS, SEED_DIFF, csrf_of, sign_in

pytestmark = pytest.mark.db


def test_pages_need_a_session_and_sign_in_redirects_back(ui_client, make_user, seeded):
    r = ui_client.get(f"/reviews/{seeded.review_id}", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == f"/signin?next=/reviews/{seeded.review_id}"
    user = make_user("viewer", all_repositories=True)
    r = sign_in(ui_client, user, next_path=f"/reviews/{seeded.review_id}")
    assert r.status_code == 303 and r.headers["location"] == f"/reviews/{seeded.review_id}"
    cookie = r.headers["set-cookie"]
    assert "__Host-reviewer_session=" in cookie
    assert "HttpOnly" in cookie and "Secure" in cookie and "SameSite=lax" in cookie and "Path=/" in cookie


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/x", "/\\evil.example", "/\t/evil.example", "/\n/evil"]
)
def test_sign_in_is_no_open_redirect(ui_client, make_user, target):
    r = sign_in(ui_client, make_user("viewer"), next_path=target)
    assert r.status_code == 303 and r.headers["location"] == "/reviews"


def test_wrong_password_and_unknown_user_read_the_same(ui_client, make_user):
    user = make_user("triager")
    wrong = sign_in(ui_client, user, password="not-the-password")
    unknown = sign_in(ui_client, "nobody-at-all", password="not-the-password")
    assert wrong.status_code == unknown.status_code == 401
    message = "User name or password is wrong."
    assert message in wrong.text and message in unknown.text
    assert "__Host-reviewer_session" not in wrong.headers.get("set-cookie", "")


def test_sign_in_form_refuses_a_post_without_its_csrf_pair(ui_client, make_user):
    user = make_user("triager")
    page = ui_client.get("/signin")
    token = csrf_of(page.text)
    ui_client.cookies.clear()  # the double-submit cookie is gone: a cross-site post
    r = ui_client.post(
        "/signin",
        data={"csrf_token": token, "method": "password", "username": user, "password": PASSWORD},
        follow_redirects=False,
    )
    assert r.status_code == 403


def test_token_sign_in_uses_the_token_grants_and_revocation_ends_the_session(
    ui_client, seeded, make_token, runtime, unique_repo
):
    other = make_token("viewer", [unique_repo("other")], name="other-viewer")
    page = ui_client.get("/signin")
    r = ui_client.post(
        "/signin",
        data={"csrf_token": csrf_of(page.text), "method": "token", "token": other},
        follow_redirects=False,
    )
    assert r.status_code == 303
    assert ui_client.get(f"/reviews/{seeded.review_id}").status_code == 404  # not granted: not found
    assert seeded.review_id not in ui_client.get("/reviews").text

    from reviewer.auth.tokens import hash_token
    from reviewer.db import token_store
    from reviewer.db.base import utcnow

    with runtime.sessions.begin() as s:
        token_store.find_by_hash(hash_token(other), session=s).revoked_at = utcnow()
    r = ui_client.get("/reviews", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/signin")


def test_bad_token_is_refused_without_saying_why(ui_client):
    page = ui_client.get("/signin")
    r = ui_client.post(
        "/signin",
        data={"csrf_token": csrf_of(page.text), "method": "token", "token": "rvw_not-a-real-token"},
        follow_redirects=False,
    )
    assert r.status_code == 401 and "not valid" in r.text


def test_sign_out_ends_the_session_server_side(ui_client, make_user):
    sign_in(ui_client, make_user("viewer", all_repositories=True))
    page = ui_client.get("/reviews")
    assert page.status_code == 200
    stolen = dict(ui_client.cookies)
    r = ui_client.post("/signout", data={"csrf_token": csrf_of(page.text)}, follow_redirects=False)
    assert r.status_code == 303
    ui_client.cookies.clear()
    for name, value in stolen.items():
        ui_client.cookies.set(name, value)  # replaying the old cookie after sign-out
    r = ui_client.get("/reviews", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/signin")


def test_review_page_shows_findings_inline_with_secrets_masked(ui_client, make_user, seeded):
    sign_in(ui_client, make_user("triager", repos=(seeded.repository,)))
    r = ui_client.get(f"/reviews/{seeded.review_id}")
    assert r.status_code == 200
    html = r.text
    for part in SECRET_PARTS:
        assert part not in html
    assert "(secret masked)" in html
    assert re.search(r'<tr class="finding-row">', html)
    assert "CWE-89" in html and "CWE-798" in html
    assert 'name="csrf_token"' in html and "Triage this finding" in html and "Sign off this item" in html
    assert r.headers["content-security-policy"].startswith("default-src 'none'")
    assert r.headers["cache-control"] == "no-store" and r.headers["x-frame-options"] == "DENY"


def _first_group_and_item(html: str) -> tuple[str, str]:
    group = re.search(r'action="(/reviews/[0-9a-f]+/findings/\d+/triage)"', html)
    item = re.search(r'action="(/reviews/[0-9a-f]+/checklist/[^"/]+/signoff)"', html)
    assert group and item
    return group.group(1), item.group(1)


def test_viewer_sees_no_controls_and_forged_posts_are_refused(ui_client, make_user, seeded):
    sign_in(ui_client, make_user("triager", repos=(seeded.repository,)))
    triage_url, signoff_url = _first_group_and_item(ui_client.get(f"/reviews/{seeded.review_id}").text)
    ui_client.cookies.clear()

    sign_in(ui_client, make_user("viewer", repos=(seeded.repository,)))
    page = ui_client.get(f"/reviews/{seeded.review_id}")
    assert page.status_code == 200
    assert "Triage this finding" not in page.text and "Sign off this item" not in page.text
    assert "/triage" not in page.text and "/signoff" not in page.text
    token = csrf_of(page.text)  # the viewer's own, valid token: the role still says no
    r = ui_client.post(triage_url, data={"csrf_token": token, "state": "false_positive", "reason": "forged"})
    assert r.status_code == 403
    r = ui_client.post(signoff_url, data={"csrf_token": token, "note": "forged"})
    assert r.status_code == 403


def test_triage_and_sign_off_need_the_session_csrf_token(ui_client, make_user, seeded):
    sign_in(ui_client, make_user("triager", repos=(seeded.repository,)))
    page = ui_client.get(f"/reviews/{seeded.review_id}").text
    triage_url, signoff_url = _first_group_and_item(page)
    r = ui_client.post(triage_url, data={"state": "confirmed", "reason": "no token"})
    assert r.status_code == 403
    r = ui_client.post(triage_url, data={"csrf_token": "0" * 64, "state": "confirmed", "reason": "bad token"})
    assert r.status_code == 403
    r = ui_client.post(triage_url, data={"csrf_token": csrf_of(page), "state": "confirmed", "reason": ""})
    assert r.status_code == 422  # reason required
    r = ui_client.post(
        triage_url, data={"csrf_token": csrf_of(page), "state": "accepted_risk", "reason": "vendor fix due"}
    )
    assert r.status_code == 422  # accepted risk needs an expiry
    r = ui_client.post(
        triage_url,
        data={
            "csrf_token": csrf_of(page),
            "state": "accepted_risk",
            "reason": "vendor fix due",
            "accepted_until": "2099-01-31",
        },
        follow_redirects=False,
    )
    assert r.status_code == 303
    r = ui_client.post(
        signoff_url,
        data={"csrf_token": csrf_of(page), "note": "checked the handler by hand"},
        follow_redirects=False,
    )
    assert r.status_code == 303
    html = ui_client.get(r.headers["location"]).text
    assert "Checklist item signed off." in html
    trail = html[html.index('id="audit-trail"') :]
    assert "accepted risk" in trail and "vendor fix due" in trail and "checked the handler by hand" in trail


def test_reviews_list_filters_and_repository_and_checklist_pages(ui_client, make_user, seeded):
    sign_in(ui_client, make_user("viewer", repos=(seeded.repository,)))
    listing = ui_client.get("/reviews", params={"repository": seeded.repository, "severity": "high"})
    assert seeded.review_id in listing.text and "PR #42" in listing.text
    assert seeded.review_id not in ui_client.get("/reviews", params={"status": "failed"}).text
    assert seeded.review_id not in ui_client.get("/reviews", params={"category": "crypto"}).text
    repo_page = ui_client.get(f"/repos/{seeded.repository}")
    assert repo_page.status_code == 200
    assert repo_page.text.count("<svg") == 2 and "Open findings" in repo_page.text
    assert ui_client.get("/repos/someone/else").status_code == 404
    assert ui_client.get("/checklists").status_code == 200


def test_checklists_page_compares_two_versions(ui_client, make_user, service_settings):
    from reviewer.checklists.loader import discover

    found = sorted((slug, version) for slug, version, _ in discover(service_settings.checklists_dir))
    slugs = {slug for slug, _ in found}
    slug = next((s for s in sorted(slugs) if sum(1 for x, _ in found if x == s) >= 2), None)
    if slug is None:
        pytest.skip("no checklist with two versions in checklists/")
    a, b = [v for s, v in found if s == slug][:2]
    sign_in(ui_client, make_user("viewer"))
    page = ui_client.get("/checklists", params={"slug": slug, "a": a, "b": b})
    assert page.status_code == 200
    assert f"Changes from {a} to {b}" in page.text and 'class="cl-diff"' in page.text
    same = ui_client.get("/checklists", params={"slug": slug, "a": a, "b": a})
    assert "No differences." in same.text
    unknown = ui_client.get("/checklists", params={"slug": slug, "a": a, "b": "99.9"})
    assert "Unknown version." in unknown.text


def test_static_files_are_served_by_name_only(ui_client):
    assert ui_client.get("/ui-static/ui.css").status_code == 200
    assert ui_client.get("/ui-static/..%2Fcontext.py").status_code == 404
    assert ui_client.get("/ui-static/missing.js").status_code == 404


def test_a_stored_changeset_shows_its_added_lines_with_findings(ui_client, make_user, runtime, unique_repo):
    """Pull requests are stored as changesets (post-images), not diffs: the page still places findings."""

    from reviewer.changeset import ChangeKind, Changeset, FileChange
    from reviewer.service.review_job import run_review_job
    from reviewer.service.submission import Submission, submit_changeset

    text = "".join(
        line[1:] + "\n"
        for line in SEED_DIFF.splitlines()
        if line.startswith("+") and not line.startswith("+++")
    )
    n = len(text.splitlines())
    changeset = Changeset(
        files=(
            FileChange(
                "app/users.py",
                ChangeKind.ADDED,
                added_lines=frozenset(range(1, n + 1)),
                post_image=text,
                post_image_complete=True,
            ),
        ),
        source="github",
    )
    repo = unique_repo("acme")
    with runtime.sessions.begin() as s:
        review_id = submit_changeset(changeset, Submission(repository=repo, source="github"), session=s).id
    run_review_job(review_id, runtime=runtime)
    sign_in(ui_client, make_user("viewer", repos=(repo,)))
    html = ui_client.get(f"/reviews/{review_id}").text
    assert html.count('<tr class="finding-row">') >= 2
    assert "Findings in other files" not in html
    for part in SECRET_PARTS:
        assert part not in html


def test_an_unfinished_review_reloads_itself(ui_client, make_user, runtime, unique_repo):
    from reviewer.service.submission import Submission, submit_diff

    repo = unique_repo("acme")
    with runtime.sessions.begin() as s:  # accepted but never handed to the executor: stays queued
        review_id = submit_diff(
            SEED_DIFF.encode(), Submission(repository=repo), limits=runtime.settings.limits(), session=s
        ).id
    sign_in(ui_client, make_user("viewer", repos=(repo,)))
    html = ui_client.get(f"/reviews/{review_id}").text
    assert '<meta http-equiv="refresh" content="5">' in html and "This review is queued" in html
