"""The REST API end to end on the real service (in-process executor, real scanners)."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

pytestmark = [pytest.mark.db]


def submit(client, headers, diff, repo, **params):
    return client.post(
        "/api/v1/reviews",
        params=params,
        headers={**headers, "Content-Type": "application/json"},
        content=json.dumps({"diff": diff.decode(), "repository": repo, "head_sha": "abc1234"}),
    )


def test_submit_then_read_review_findings_sarif_and_checklist(
    client, make_token, auth, unique_repo, sample_diff, wait_finished
):
    repo = unique_repo()
    h = auth(make_token("triager", [repo]))
    r = submit(client, h, sample_diff, repo)
    assert r.status_code == 202, r.text
    review_id = r.json()["id"]
    assert r.headers["location"].endswith(f"/api/v1/reviews/{review_id}")
    review = wait_finished(client, h, review_id)
    assert review["status"] == "complete", review
    assert review["repository"] == repo
    assert {s["scanner"] for s in review["scanners"]} == {"reviewer-secrets", "bandit", "silencers"}
    findings = client.get(f"/api/v1/reviews/{review_id}/findings", headers=h).json()["items"]
    rules = {f["rule"] for f in findings}
    assert any("B602" in rule for rule in rules), rules
    secret = [f for f in findings if f["secret"]]
    assert secret, findings
    assert "hunter2-but-longer-and-real" not in json.dumps(findings)  # masked, never in clear
    sarif = client.get(f"/api/v1/reviews/{review_id}/sarif", headers=h)
    assert sarif.status_code == 200 and sarif.json()["version"] == "2.1.0"
    assert "hunter2-but-longer-and-real" not in sarif.text
    checklist = client.get(f"/api/v1/reviews/{review_id}/checklist", headers=h).json()
    assert checklist["checklist"] == "ai-code-security"
    statuses = {i["key"]: i["status"] for i in checklist["items"]}
    assert "failed" in statuses.values() and "needs_human" in statuses.values()
    listing = client.get("/api/v1/reviews", params={"repository": repo}, headers=h).json()
    assert listing["total"] == 1 and listing["items"][0]["id"] == review_id


def test_raw_diff_body_and_wait_true(client, make_token, auth, sample_diff):
    h = auth(make_token("triager"))
    r = client.post(
        "/api/v1/reviews?wait=true", headers={**h, "Content-Type": "text/x-diff"}, content=sample_diff
    )
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "complete"
    assert r.json()["repository"] == "_local/adhoc"


def test_401_without_or_with_bad_token_and_403_for_low_role(client, make_token, auth, sample_diff):
    r = client.get("/api/v1/reviews")
    assert r.status_code == 401
    assert r.headers["content-type"].startswith("application/problem+json")
    assert r.headers["www-authenticate"] == "Bearer"
    assert client.get("/api/v1/reviews", headers=auth("rvw_nope")).status_code == 401
    viewer = auth(make_token("viewer"))
    assert client.get("/api/v1/reviews", headers=viewer).status_code == 200
    r = client.post("/api/v1/reviews", headers={**viewer, "Content-Type": "text/x-diff"}, content=sample_diff)
    assert r.status_code == 403
    assert r.json()["title"] == "Forbidden" and r.json()["status"] == 403


def test_revoked_token_is_401_within_the_auth_cache_ttl(client, app, runtime, make_token, auth):
    import time

    from reviewer.db import token_store

    app.state.principal_cache.ttl_s = 0.3
    token = make_token("viewer", name="to-revoke-" + str(id(client)))
    assert client.get("/api/v1/reviews", headers=auth(token)).status_code == 200
    with runtime.sessions.begin() as s:
        token_store.revoke(token[:12], session=s)
    time.sleep(0.35)
    assert client.get("/api/v1/reviews", headers=auth(token)).status_code == 401


def test_another_repositorys_review_is_404_everywhere(
    client, make_token, auth, unique_repo, sample_diff, wait_finished
):
    mine, theirs = unique_repo(), unique_repo()
    their_h = auth(make_token("triager", [theirs]))
    review_id = submit(client, their_h, sample_diff, theirs).json()["id"]
    wait_finished(client, their_h, review_id)
    group_id = client.get(f"/api/v1/reviews/{review_id}/findings", headers=their_h).json()["items"][0][
        "group_id"
    ]
    my_h = auth(make_token("admin", [mine]))
    for path in ("", "/findings", "/sarif", "/checklist"):
        r = client.get(f"/api/v1/reviews/{review_id}{path}", headers=my_h)
        assert r.status_code == 404, (path, r.text)
    assert client.get(f"/api/v1/findings/{group_id}", headers=my_h).status_code == 404
    r = client.post(
        f"/api/v1/findings/{group_id}/triage", headers=my_h, json={"state": "confirmed", "reason": "x"}
    )
    assert r.status_code == 404
    item = "SEC-HARDCODED-CREDENTIALS"
    assert (
        client.post(
            f"/api/v1/reviews/{review_id}/checklist/{item}/signoff", headers=my_h, json={"note": "x"}
        ).status_code
        == 404
    )
    assert client.get("/api/v1/reviews", params={"repository": theirs}, headers=my_h).json()["total"] == 0
    # and submitting into a repository outside the grants is refused
    assert submit(client, my_h, sample_diff, theirs).status_code == 403


def test_413_on_body_over_cap_and_diff_over_limit(client, make_token, auth, app):
    h = {**auth(make_token("triager")), "Content-Type": "text/x-diff"}
    cap = 2 * app.state.settings.max_diff_bytes + 64 * 1024
    r = client.post("/api/v1/reviews", headers=h, content=b"x" * (cap + 1))
    assert r.status_code == 413
    app.state.settings.max_diff_bytes = 1000  # the diff's own cap, checked at ingest
    big = b"diff --git a/a.py b/a.py\n--- /dev/null\n+++ b/a.py\n@@ -0,0 +1,200 @@\n" + b"+x = 1\n" * 200
    r = client.post("/api/v1/reviews", headers=h, content=big)
    assert r.status_code == 413, r.text
    assert r.json()["title"] == "Input too large"
    r = client.post("/api/v1/findings/1/triage", headers=h, content=b"{" + b" " * (1024 * 1024 + 10) + b"}")
    assert r.status_code == 413

    def chunks():  # no Content-Length: the cap is enforced while the body streams in
        for _ in range(20):
            yield b" " * 65536

    r = client.post(
        "/api/v1/findings/1/triage", headers={**h, "Content-Type": "application/json"}, content=chunks()
    )
    assert r.status_code == 413, r.text


def test_422_names_the_field(client, make_token, auth):
    h = auth(make_token("triager"))
    r = client.post("/api/v1/reviews", headers=h, json={"diff": "x", "repository": "not a repo"})
    assert r.status_code == 422
    assert any(e["field"] == "body.repository" for e in r.json()["errors"]), r.json()
    r = client.post(
        "/api/v1/reviews", headers={**h, "Content-Type": "text/x-diff"}, content=b"not a diff at all"
    )
    assert r.status_code == 422
    r = client.post("/api/v1/findings/1/triage", headers=h, json={"state": "bogus", "reason": "x"})
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "body.state"
    r = client.get("/api/v1/reviews", headers=h, params={"limit": 0})
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "query.limit"
    assert "Traceback" not in r.text


def test_triage_audit_trail_and_rules(client, make_token, auth, unique_repo, sample_diff, wait_finished):
    repo = unique_repo()
    triager = auth(make_token("triager", [repo], name="alice"))
    viewer = auth(make_token("viewer", [repo], name="bob"))
    review_id = submit(client, triager, sample_diff, repo).json()["id"]
    wait_finished(client, triager, review_id)
    group_id = client.get(f"/api/v1/reviews/{review_id}/findings", headers=triager).json()["items"][0][
        "group_id"
    ]
    url = f"/api/v1/findings/{group_id}/triage"
    assert client.post(url, headers=viewer, json={"state": "confirmed", "reason": "x"}).status_code == 403
    r = client.post(url, headers=triager, json={"state": "accepted_risk", "reason": "legacy"})
    assert r.status_code == 422 and "accepted_until" in r.text
    past = (dt.datetime.now(dt.UTC) - dt.timedelta(days=1)).isoformat()
    assert (
        client.post(
            url, headers=triager, json={"state": "accepted_risk", "reason": "x", "accepted_until": past}
        ).status_code
        == 422
    )
    assert client.post(url, headers=triager, json={"state": "confirmed", "reason": "  "}).status_code == 422
    r = client.post(
        url, headers=triager, json={"state": "confirmed", "reason": "real bug", "review_id": review_id}
    )
    assert r.status_code == 201, r.text
    until = (dt.datetime.now(dt.UTC) + dt.timedelta(days=30)).isoformat()
    r = client.post(
        url,
        headers=triager,
        json={"state": "accepted_risk", "reason": "fix next sprint", "accepted_until": until},
    )
    assert r.status_code == 201
    group = client.get(f"/api/v1/findings/{group_id}", headers=viewer).json()
    assert group["triage"]["state"] == "accepted_risk"
    trail = [(e["actor"], e["from_state"], e["to_state"], e["reason"]) for e in group["events"]]
    assert trail == [
        ("token:alice", "open", "confirmed", "real bug"),
        ("token:alice", "confirmed", "accepted_risk", "fix next sprint"),
    ]
    # the state follows the finding into the next review of the same repository
    second = submit(client, triager, sample_diff, repo).json()["id"]
    wait_finished(client, triager, second)
    again = client.get(f"/api/v1/reviews/{second}/findings", headers=triager).json()["items"]
    assert {f["group_id"]: f["triage"]["state"] for f in again}[group_id] == "accepted_risk"


def test_checklist_signoff(client, make_token, auth, unique_repo, sample_diff, wait_finished):
    repo = unique_repo()
    h = auth(make_token("triager", [repo], name="carol"))
    review_id = submit(client, h, sample_diff, repo).json()["id"]
    wait_finished(client, h, review_id)
    items = client.get(f"/api/v1/reviews/{review_id}/checklist", headers=h).json()["items"]
    human = next(i["key"] for i in items if i["status"] == "needs_human")
    failed = next(i["key"] for i in items if i["status"] == "failed")
    url = f"/api/v1/reviews/{review_id}/checklist/{{}}/signoff"
    viewer = auth(make_token("viewer", [repo]))
    assert client.post(url.format(human), headers=viewer, json={"note": "ok"}).status_code == 403
    r = client.post(url.format(human), headers=h, json={"note": "checked the handlers by hand"})
    assert r.status_code == 201 and r.json()["actor"] == "token:carol"
    assert client.post(url.format(human), headers=h, json={"note": "again"}).status_code == 409
    assert client.post(url.format(failed), headers=h, json={"note": "no"}).status_code == 409
    assert client.post(url.format("NOPE-1"), headers=h, json={}).status_code == 404
    items = client.get(f"/api/v1/reviews/{review_id}/checklist", headers=viewer).json()["items"]
    signed = {i["key"]: i["signoff"] for i in items}
    assert signed[human]["note"] == "checked the handlers by hand" and signed[failed] is None


def test_checklists_health_metrics_openapi(client, make_token, auth):
    h = auth(make_token("viewer"))
    listed = client.get("/api/v1/checklists", headers=h).json()
    entry = next(c for c in listed if c["id"] == "ai-code-security")
    doc = client.get(f"/api/v1/checklists/ai-code-security/{entry['latest']}", headers=h).json()
    assert doc["content_hash"] and doc["items"]
    assert client.get("/api/v1/checklists/ai-code-security/99.0", headers=h).status_code == 404
    assert client.get("/healthz").json() == {"status": "ok", "checks": {}}
    ready = client.get("/readyz")
    assert ready.status_code == 200, ready.text
    metrics = client.get("/metrics").text
    assert 'reviewer_reviews{status="queued"}' in metrics
    assert "reviewer_queue_depth" in metrics
    spec = client.get("/openapi.json").json()
    paths = spec["paths"]
    for p in (
        "/api/v1/reviews",
        "/api/v1/reviews/{review_id}",
        "/api/v1/reviews/{review_id}/findings",
        "/api/v1/reviews/{review_id}/sarif",
        "/api/v1/reviews/{review_id}/checklist",
        "/api/v1/findings/{group_id}/triage",
        "/api/v1/reviews/{review_id}/checklist/{item}/signoff",
        "/api/v1/checklists",
        "/api/v1/checklists/{slug}/{version}",
        "/healthz",
        "/readyz",
        "/metrics",
    ):
        assert p in paths, p
    assert "text/x-diff" in paths["/api/v1/reviews"]["post"]["requestBody"]["content"]
    refs = set(re.findall(r'"\$ref": "#/components/schemas/([^"]+)"', json.dumps(spec)))
    assert refs and refs <= set(spec["components"]["schemas"]), refs - set(spec["components"]["schemas"])


def test_rate_limit_per_token(service_settings, runtime, make_token, auth):
    from fastapi.testclient import TestClient

    from reviewer.api.app import create_app

    service_settings.rate_limit_per_minute = 60
    service_settings.rate_limit_burst = 3
    app = create_app(service_settings, runtime=runtime)
    with TestClient(app) as c:
        a, b = auth(make_token("viewer")), auth(make_token("viewer"))
        codes = [c.get("/api/v1/reviews", headers=a).status_code for _ in range(4)]
        assert codes == [200, 200, 200, 429]
        r = c.get("/api/v1/reviews", headers=a)
        assert r.status_code == 429 and int(r.headers["retry-after"]) >= 1
        assert c.get("/api/v1/reviews", headers=b).status_code == 200  # per token


@pytest.mark.tools
def test_end_to_end_with_the_full_default_scanner_set(
    service_settings, runtime, make_token, auth, unique_repo, sample_diff
):
    from fastapi.testclient import TestClient

    from reviewer.api.app import create_app
    from reviewer.settings import Settings

    service_settings.scanners = Settings.model_fields["scanners"].default
    runtime.settings = service_settings
    with TestClient(create_app(service_settings, runtime=runtime)) as c:
        repo = unique_repo()
        h = auth(make_token("triager", [repo]))
        r = submit(c, h, sample_diff, repo, wait="true")
        assert r.status_code == 200, r.text
        review = r.json()
        ran = {s["scanner"]: s["state"] for s in review["scanners"]}
        assert set(ran) == set(service_settings.scanner_names())
        assert all(state == "ok" for state in ran.values()), ran
        assert review["status"] == "complete"
        findings = c.get(f"/api/v1/reviews/{review['id']}/findings", headers=h).json()["items"]
        scanners = {s for f in findings for s in f["scanners"]}
        assert "bandit" in scanners and scanners & {"detect-secrets", "reviewer-secrets"}, scanners


def test_json_submission_chooses_a_checklist_version(
    client, make_token, auth, unique_repo, sample_diff, wait_finished
):
    repo = unique_repo()
    h = auth(make_token("triager", [repo]))
    body = {"diff": sample_diff.decode(), "repository": repo, "checklist": "ai-code-security@0.9"}
    r = client.post("/api/v1/reviews", headers=h, json=body)
    assert r.status_code == 202, r.text
    review = wait_finished(client, h, r.json()["id"])
    assert review["status"] == "complete", review
    checklist = client.get(f"/api/v1/reviews/{review['id']}/checklist", headers=h).json()
    assert (checklist["checklist"], checklist["version"]) == ("ai-code-security", "0.9")
    for bad in ("ai-code-security@9.9", "nope", "../x@1.0", "ai-code-security@"):
        r = client.post("/api/v1/reviews", headers=h, json={**body, "checklist": bad})
        assert r.status_code == 422, (bad, r.text)
        assert r.headers["content-type"].startswith("application/problem+json")


HOSTILE_DIFFS = {
    "../../etc/passwd": b"diff --git a/../../etc/passwd b/../../etc/passwd\n--- a/../../etc/passwd\n"
    b"+++ b/../../etc/passwd\n@@ -1 +1 @@\n-x\n+y\n",
    "/etc/passwd": b"--- /etc/passwd\n+++ /etc/passwd\n@@ -1 +1 @@\n-x\n+y\n",
    "app/x\\x00.py": b"diff --git a/app/x\x00.py b/app/x\x00.py\n--- a/app/x\x00.py\n+++ b/app/x\x00.py\n"
    b"@@ -1 +1 @@\n-x\n+y\n",
    "../outside.py": b"diff --git a/ok.py b/ok2.py\nsimilarity index 90%\nrename from ok.py\n"
    b"rename to ../outside.py\n--- a/ok.py\n+++ b/ok2.py\n@@ -1 +1 @@\n-x\n+y\n",
}


@pytest.mark.parametrize("path", sorted(HOSTILE_DIFFS))
def test_hostile_path_is_refused_at_accept_time_naming_it(client, make_token, auth, unique_repo, path):
    repo = unique_repo()
    h = auth(make_token("triager"))  # the raw diff goes to the default repository
    for r in (
        client.post(
            "/api/v1/reviews", headers={**h, "Content-Type": "text/x-diff"}, content=HOSTILE_DIFFS[path]
        ),
        client.post(
            "/api/v1/reviews",
            headers=h,
            json={"diff": HOSTILE_DIFFS[path].decode(), "repository": repo},
        ),
    ):
        assert r.status_code == 422, r.text
        assert r.headers["content-type"].startswith("application/problem+json")
        problem = r.json()
        assert problem["title"] == "Refused path" and path in problem["detail"], problem
    assert client.get("/api/v1/reviews", params={"repository": repo}, headers=h).json()["total"] == 0


def test_header_path_check_leaves_hunk_lines_and_odd_but_safe_names_alone():
    from reviewer.changeset import Limits
    from reviewer.service.submission import precheck_diff

    fine = [
        # a removed SQL comment and an added "++" line look like ---/+++ headers inside a hunk
        b"diff --git a/q.sql b/q.sql\n--- a/q.sql\n+++ b/q.sql\n@@ -1,2 +1,2 @@\n-- /abs/c\n++ ../x\n x\n",
        b"diff --git a/my file.py b/my file.py\n--- a/my file.py\n+++ b/my file.py\n@@ -1 +1 @@\n-x\n+y\n",
        b"--- old/x.py\t2026-01-01 00:00:00\n+++ new/x.py\t2026-01-01\n@@ -1 +1 @@\n-x\n+y\n",
        b"diff --git a/n.py b/n.py\nnew file mode 100644\n--- /dev/null\n+++ b/n.py\n@@ -0,0 +1 @@\n+y\n",
        b"diff --git a/n.py b/n.py\r\n--- a/n.py\r\n+++ b/n.py\r\n@@ -1 +1 @@\r\n-x\r\n+y\r\n",
        b'diff --git "a/caf\\303\\251.py" "b/caf\\303\\251.py"\n--- "a/caf\\303\\251.py"\n'
        b'+++ "b/caf\\303\\251.py"\n@@ -1 +1 @@\n-x\n+y\n',
    ]
    for diff in fine:
        precheck_diff(diff, Limits())
