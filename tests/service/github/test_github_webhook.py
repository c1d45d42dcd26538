"""End to end: a signed webhook into the real app, a review by the real scanners, and the
report posted to the fake GitHub API on loopback. Runs on SQLite and (when configured)
PostgreSQL through the service fixtures."""

import logging
import time

import pytest
from conftest import HEAD_SHA, SECRET, load_fixture, pr_event, sample_pull, signed_post, wait_idle
from sqlalchemy import select

from reviewer.db.models import Review
from reviewer.github import store
from reviewer.github.render import COMMENT_MARKER

pytestmark = pytest.mark.db


def reviews_of(client, repo):
    with client.app.state.runtime.sessions() as s:
        return s.scalars(
            select(Review).join(Review.repository).where(Review.repository.has(full_name=repo))
        ).all()


def checks_of(client, repo):
    with client.app.state.runtime.sessions() as s:
        return s.scalars(select(store.GitHubCheck).where(store.GitHubCheck.repository == repo)).all()


def test_signed_pull_request_is_reviewed_and_reported(gh_app, fake_github, unique_repo):
    repo = unique_repo("octo")
    fake_github.add_pull(repo, sample_pull())
    fake_github.stall("POST", r"/check-runs$", 2.0)  # GitHub is slow: the webhook must not care
    resp = signed_post(gh_app, "pull_request", pr_event(repo))
    assert resp.status_code == 202, resp.text
    assert resp.json()["outcome"] == "queued"
    assert fake_github.repo(repo).check_runs == {}  # answered before any work was done
    wait_idle(gh_app)

    runs = fake_github.repo(repo).check_runs
    assert len(runs) == 1
    run = next(iter(runs.values()))
    assert run["name"] == "reviewer" and run["head_sha"] == HEAD_SHA
    assert run["status"] == "completed" and run["conclusion"] == "failure"
    created = fake_github.calls("POST", r"/check-runs$")[0].json()
    assert created["status"] == "in_progress"
    # Annotations land on the right lines of the changed file.
    by_line = {(a["path"], a["start_line"]): a for a in run["annotations"]}
    assert ("app/run.py", 5) in by_line  # subprocess.call(..., shell=True)
    assert by_line[("app/run.py", 5)]["annotation_level"] == "failure"
    assert ("app/run.py", 8) in by_line  # the hard-coded AWS secret
    # The summary links to the review in the UI, and counts by category.
    (review,) = reviews_of(gh_app, repo)
    assert review.source == "github" and review.head_sha == HEAD_SHA and review.pull_request == 7
    assert run["details_url"] == f"http://reviewer.test/reviews/{review.id}"
    assert f"(http://reviewer.test/reviews/{review.id})" in run["output"]["summary"]
    assert "| secrets |" in run["output"]["summary"]
    # App auth: one installation token from a JWT, used for everything else.
    assert len(fake_github.tokens_issued) == 1
    token = fake_github.tokens_issued[0]
    api_calls = [r for r in fake_github.requests if r.path.startswith("/repos/")]
    assert all(r.headers["Authorization"] == f"Bearer {token}" for r in api_calls)
    # The secret never reaches GitHub in clear.
    assert all(SECRET.encode() not in r.body for r in fake_github.requests)
    (check,) = checks_of(gh_app, repo)
    assert check.state == "done" and check.review_id == review.id and check.batches_sent == 1


def test_redelivery_and_same_head_do_not_review_twice(gh_app, fake_github, unique_repo):
    repo = unique_repo("octo")
    fake_github.add_pull(repo, sample_pull())
    payload = pr_event(repo)
    assert signed_post(gh_app, "pull_request", payload, delivery="dlv-1-" + repo).status_code == 202
    again = signed_post(gh_app, "pull_request", payload, delivery="dlv-1-" + repo)
    assert again.status_code == 200 and again.json()["outcome"] == "duplicate delivery"
    reopened = signed_post(gh_app, "pull_request", pr_event(repo, action="reopened"))
    assert reopened.status_code == 200 and reopened.json()["outcome"] == "head already reviewed"
    wait_idle(gh_app)
    assert len(reviews_of(gh_app, repo)) == 1
    assert len(fake_github.repo(repo).check_runs) == 1


def test_bad_or_missing_signature_is_401_and_logged_without_body(gh_app, fake_github, unique_repo, caplog):
    repo = unique_repo("octo")
    payload = pr_event(repo)
    payload["marker"] = "BODY-MUST-NOT-BE-LOGGED"
    with caplog.at_level(logging.WARNING):
        wrong = signed_post(gh_app, "pull_request", payload, secret="not-the-secret")
        missing = signed_post(gh_app, "pull_request", payload, secret=None)
        garbage = signed_post(gh_app, "pull_request", payload, signature="sha256=" + "0" * 64)
    for resp in (wrong, missing, garbage):
        assert resp.status_code == 401
        assert resp.headers["content-type"].startswith("application/problem+json")
    assert caplog.text.count("missing or invalid signature") == 3
    assert "BODY-MUST-NOT-BE-LOGGED" not in caplog.text
    assert checks_of(gh_app, repo) == []
    assert fake_github.requests == []


def test_signature_is_checked_before_parsing(gh_app):
    not_json = signed_post(gh_app, "pull_request", b"{not json", secret="wrong")
    assert not_json.status_code == 401  # not 422: nothing is parsed before the signature
    assert signed_post(gh_app, "pull_request", b"{not json").status_code == 422


def test_ping_and_uninteresting_events(gh_app, unique_repo):
    ping = signed_post(gh_app, "ping", load_fixture("ping.json"))
    assert ping.status_code == 200 and ping.json()["zen"].startswith("Anything added")
    repo = unique_repo("octo")
    assert signed_post(gh_app, "issues", {"action": "opened", "issue": {"number": 1}}).status_code == 204
    assert signed_post(gh_app, "pull_request", pr_event(repo, action="closed")).status_code == 204
    assert signed_post(gh_app, "pull_request", pr_event(repo, action="labeled")).status_code == 204
    assert signed_post(gh_app, "pull_request", pr_event(repo, draft=True)).status_code == 204
    malformed = signed_post(gh_app, "pull_request", {"action": "opened", "number": 3})
    assert malformed.status_code == 422 and "pull_request" in malformed.json()["detail"]
    assert checks_of(gh_app, repo) == []


def test_502_then_success_gives_one_check_run(gh_app, fake_github, unique_repo):
    repo = unique_repo("octo")
    fake_github.add_pull(repo, sample_pull())
    fake_github.fail("POST", r"/check-runs$", 502)
    fake_github.fail("GET", r"/pulls/7$", 502)
    assert signed_post(gh_app, "pull_request", pr_event(repo)).status_code == 202
    wait_idle(gh_app)
    runs = fake_github.repo(repo).check_runs
    assert len(runs) == 1
    assert next(iter(runs.values()))["conclusion"] == "failure"
    assert [r.status for r in fake_github.calls("POST", r"/check-runs$")] == [502, 201]


@pytest.mark.parametrize(
    ("status", "headers"),
    [
        (403, {"Retry-After": "2"}),  # secondary rate limit
        (429, {"Retry-After": "1"}),
        (403, {"x-ratelimit-remaining": "0", "x-ratelimit-reset": "__RESET__"}),  # primary limit
    ],
)
def test_rate_limit_answer_waits_and_retries(gh_app, fake_github, unique_repo, status, headers):
    repo = unique_repo("octo")
    fake_github.add_pull(repo, sample_pull())
    headers = {k: str(int(time.time()) + 2) if v == "__RESET__" else v for k, v in headers.items()}
    fake_github.fail(
        "PATCH",
        r"/check-runs/\d+$",
        status,
        headers=headers,
        body={"message": "You have exceeded a secondary rate limit"},
    )
    assert signed_post(gh_app, "pull_request", pr_event(repo)).status_code == 202
    wait_idle(gh_app)
    patches = fake_github.calls("PATCH", r"/check-runs/\d+$")
    assert [p.status for p in patches] == [status, 200]
    assert next(iter(fake_github.repo(repo).check_runs.values()))["status"] == "completed"


def test_expired_installation_token_is_refreshed(gh_app, fake_github, unique_repo):
    repo = unique_repo("octo")
    fake_github.add_pull(repo, sample_pull())
    fake_github.fail("PATCH", r"/check-runs/\d+$", 401, body={"message": "Bad credentials"})
    assert signed_post(gh_app, "pull_request", pr_event(repo)).status_code == 202
    wait_idle(gh_app)
    assert len(fake_github.tokens_issued) == 2
    assert next(iter(fake_github.repo(repo).check_runs.values()))["status"] == "completed"


def test_report_failure_is_retried_without_rerunning_scanners(gh_app, fake_github, unique_repo):
    repo = unique_repo("octo")
    fake_github.add_pull(repo, sample_pull())
    # More 502s than one job's retries: the job gives up for now and the runner retries it later.
    fake_github.fail("PATCH", r"/check-runs/\d+$", 502, times=3)
    assert signed_post(gh_app, "pull_request", pr_event(repo)).status_code == 202
    wait_idle(gh_app)
    (check,) = checks_of(gh_app, repo)
    assert check.state == "done" and check.attempts == 2
    (review,) = reviews_of(gh_app, repo)
    assert review.attempts == 1  # the scanners ran once
    run = next(iter(fake_github.repo(repo).check_runs.values()))
    assert run["status"] == "completed" and len(fake_github.repo(repo).check_runs) == 1
    assert len(fake_github.calls("GET", r"/contents/")) == 1  # nor was the change fetched again


def test_summary_comment_is_edited_in_place_on_the_next_push(
    gh_app, fake_github, unique_repo, make_token, auth
):
    repo = unique_repo("octo")
    admin = auth(make_token("admin"))
    put = gh_app.put(f"/api/v1/repositories/{repo}/policy", json={"comment": True}, headers=admin)
    assert put.status_code == 200 and put.json()["policy"]["comment"] is True
    fake_github.add_pull(repo, sample_pull())
    assert signed_post(gh_app, "pull_request", pr_event(repo)).status_code == 202
    wait_idle(gh_app)
    comments = fake_github.repo(repo).comments
    assert len(comments) == 1
    first = next(iter(comments.values()))["body"]
    assert COMMENT_MARKER in first and HEAD_SHA[:12] in first
    # Second push: the fixed code, a new head commit.
    new_sha = "d" * 40
    fake_github.add_pull(repo, sample_pull(head_sha=new_sha, files={"app/run.py": "print('safe')\n"}))
    assert (
        signed_post(
            gh_app, "pull_request", pr_event(repo, action="synchronize", head_sha=new_sha)
        ).status_code
        == 202
    )
    wait_idle(gh_app)
    assert len(comments) == 1  # edited, not re-posted
    body = next(iter(comments.values()))["body"]
    assert new_sha[:12] in body and "No findings" in body
    assert len(fake_github.calls("POST", r"/issues/\d+/comments$")) == 1
    assert len(fake_github.calls("PATCH", r"/issues/comments/\d+$")) == 1
    conclusions = sorted(
        (r["head_sha"][:1], r["conclusion"]) for r in fake_github.repo(repo).check_runs.values()
    )
    assert conclusions == [("a", "failure"), ("d", "success")]


@pytest.mark.parametrize("gh_overrides", [{"max_file_bytes": 10_000}])
def test_partial_review_is_neutral_and_says_why(gh_app, fake_github, unique_repo):
    repo = unique_repo("octo")
    files = {"ok.py": "print('fine')\n", "big.py": "x = 1\n" * 2000}  # 12 kB: over the cap
    fake_github.add_pull(repo, sample_pull(files=files))
    assert signed_post(gh_app, "pull_request", pr_event(repo)).status_code == 202
    wait_idle(gh_app)
    run = next(iter(fake_github.repo(repo).check_runs.values()))
    assert run["conclusion"] == "neutral"
    assert "### Partial review" in run["output"]["summary"]
    assert "big.py" in run["output"]["summary"]


def test_superseded_head_closes_its_check_run_without_review(gh_app, fake_github, unique_repo):
    repo = unique_repo("octo")
    fake_github.add_pull(repo, sample_pull(head_sha="e" * 40))  # GitHub already moved on
    assert signed_post(gh_app, "pull_request", pr_event(repo)).status_code == 202
    wait_idle(gh_app)
    run = next(iter(fake_github.repo(repo).check_runs.values()))
    assert run["conclusion"] == "neutral" and "Superseded" in run["output"]["summary"]
    assert reviews_of(gh_app, repo) == []
    assert checks_of(gh_app, repo)[0].state == "superseded"


def test_policy_threshold_changes_the_conclusion(gh_app, fake_github, unique_repo, make_token, auth):
    repo = unique_repo("octo")
    admin = auth(make_token("admin"))
    gh_app.put(f"/api/v1/repositories/{repo}/policy", json={"threshold": "critical"}, headers=admin)
    fake_github.add_pull(
        repo, sample_pull(files={"app/run.py": "import subprocess\nsubprocess.call(x, shell=True)\n"})
    )
    signed_post(gh_app, "pull_request", pr_event(repo))
    wait_idle(gh_app)
    run = next(iter(fake_github.repo(repo).check_runs.values()))
    assert run["conclusion"] == "success"  # high findings, threshold critical
    assert any(a["annotation_level"] == "warning" for a in run["annotations"])


def test_policy_api_defaults_roles_and_validation(gh_app, unique_repo, make_token, auth):
    repo = unique_repo("octo")
    viewer = auth(make_token("viewer"))
    admin = auth(make_token("admin"))
    got = gh_app.get(f"/api/v1/repositories/{repo}/policy", headers=viewer)
    assert got.status_code == 200
    assert got.json()["policy"] == {
        "threshold": "high",
        "checklist": None,
        "checklist_version": None,
        "comment": False,
    }
    assert got.json()["stored"] == {}
    assert (
        gh_app.put(f"/api/v1/repositories/{repo}/policy", json={"comment": True}, headers=viewer).status_code
        == 403
    )
    bad = gh_app.put(f"/api/v1/repositories/{repo}/policy", json={"threshold": "severe"}, headers=admin)
    assert bad.status_code == 422
    assert (
        gh_app.put(f"/api/v1/repositories/{repo}/policy", json={"surprise": 1}, headers=admin).status_code
        == 422
    )
    ok = gh_app.put(f"/api/v1/repositories/{repo}/policy", json={"threshold": "MEDIUM"}, headers=admin).json()
    assert ok["policy"]["threshold"] == "medium" and ok["stored"] == {"threshold": "medium"}
    back = gh_app.put(f"/api/v1/repositories/{repo}/policy", json={"threshold": None}, headers=admin).json()
    assert back["stored"] == {} and back["policy"]["threshold"] == "high"
    other = auth(make_token("admin", repos=["someone/else"]))
    assert gh_app.get(f"/api/v1/repositories/{repo}/policy", headers=other).status_code == 404
    assert gh_app.get(f"/api/v1/repositories/{repo}/policy").status_code == 401


def test_installation_events_keep_the_repository_list(gh_app):
    with gh_app.app.state.runtime.sessions() as s:
        before = set(store.installed_repositories(99, session=s))
    assert signed_post(gh_app, "installation", load_fixture("installation_created.json")).status_code == 204
    with gh_app.app.state.runtime.sessions() as s:
        assert set(store.installed_repositories(99, session=s)) - before == {
            "octo-org/hello-world",
            "octo-org/secret-sauce",
        }
    changed = signed_post(
        gh_app, "installation_repositories", load_fixture("installation_repositories_added.json")
    )
    assert changed.status_code == 204
    with gh_app.app.state.runtime.sessions() as s:
        assert set(store.installed_repositories(99, session=s)) == {
            "octo-org/hello-world",
            "octo-org/new-service",
        }
    suspend = load_fixture("installation_created.json") | {"action": "suspend"}
    signed_post(gh_app, "installation", suspend)
    suspended = signed_post(gh_app, "pull_request", pr_event("octo-org/hello-world", head_sha="f" * 40))
    assert suspended.status_code == 204
    deleted = load_fixture("installation_created.json") | {"action": "deleted"}
    assert signed_post(gh_app, "installation", deleted).status_code == 204
    with gh_app.app.state.runtime.sessions() as s:
        assert store.installed_repositories(99, session=s) == []


@pytest.mark.parametrize("gh_overrides", [{"github_job_attempts": 1}])
def test_check_that_gave_up_is_closed_and_retried_on_the_next_event(gh_app, fake_github, unique_repo):
    repo = unique_repo("octo")
    fake_github.add_pull(repo, sample_pull())
    fake_github.fail("PATCH", r"/check-runs/\d+$", 503, times=3)  # one job's worth of tries
    assert signed_post(gh_app, "pull_request", pr_event(repo)).status_code == 202
    wait_idle(gh_app)
    (check,) = checks_of(gh_app, repo)
    assert check.state == "failed" and "GitHub kept failing" in check.error
    run = next(iter(fake_github.repo(repo).check_runs.values()))
    assert run["status"] == "completed" and run["conclusion"] == "neutral"  # never left spinning
    assert "could not be completed" in run["output"]["title"]
    again = signed_post(gh_app, "pull_request", pr_event(repo, action="reopened"))
    assert again.status_code == 202 and again.json()["outcome"] == "retrying failed check"
    wait_idle(gh_app)
    assert checks_of(gh_app, repo)[0].state == "done"
    assert len(fake_github.repo(repo).check_runs) == 1
    assert next(iter(fake_github.repo(repo).check_runs.values()))["conclusion"] == "failure"
    assert len(reviews_of(gh_app, repo)) == 1


def test_rerun_requested_reviews_again_on_a_new_check_run(gh_app, fake_github, unique_repo):
    repo = unique_repo("octo")
    fake_github.add_pull(repo, sample_pull())
    signed_post(gh_app, "pull_request", pr_event(repo))
    wait_idle(gh_app)
    (first,) = fake_github.repo(repo).check_runs.values()
    event = {
        "action": "rerequested",
        "check_run": {
            "id": first["id"],
            "name": "reviewer",
            "head_sha": HEAD_SHA,
            "external_id": first["external_id"],
            "status": "completed",
            "conclusion": "failure",
        },
        "repository": pr_event(repo)["repository"],
        "installation": {"id": 99},
    }
    resp = signed_post(gh_app, "check_run", event)
    assert resp.status_code == 202 and resp.json()["outcome"] == "re-run requested"
    wait_idle(gh_app)
    runs = list(fake_github.repo(repo).check_runs.values())
    assert len(runs) == 2 and all(r["status"] == "completed" for r in runs)
    assert runs[0]["external_id"] != runs[1]["external_id"]
    assert len(reviews_of(gh_app, repo)) == 2  # a re-run is a fresh review
    other = dict(event, action="created")
    assert signed_post(gh_app, "check_run", other).status_code == 204


def test_old_deliveries_are_pruned(db_session):
    import datetime as dt

    from reviewer.db.base import utcnow

    store.record_delivery("old-one", "pull_request", "opened", "o/r", session=db_session)
    store.record_delivery("new-one", "pull_request", "opened", "o/r", session=db_session)
    db_session.get(store.WebhookDelivery, "old-one").received_at = utcnow() - dt.timedelta(days=40)
    db_session.flush()
    assert store.prune_deliveries(utcnow() - dt.timedelta(days=30), session=db_session) == 1
    assert db_session.get(store.WebhookDelivery, "new-one") is not None
    assert store.record_delivery("new-one", "pull_request", "opened", "o/r", session=db_session) is None


def test_policy_checklist_is_the_one_the_review_evaluates(gh_app, fake_github, unique_repo, make_token, auth):
    from reviewer.db.models import ChecklistResult

    repo = unique_repo("octo")
    admin = auth(make_token("admin"))
    put = gh_app.put(
        f"/api/v1/repositories/{repo}/policy",
        json={"checklist": "ai-code-security", "checklist_version": "0.9"},
        headers=admin,
    )
    assert put.status_code == 200, put.text
    fake_github.add_pull(repo, sample_pull())
    signed_post(gh_app, "pull_request", pr_event(repo))
    wait_idle(gh_app)
    (review,) = reviews_of(gh_app, repo)
    with gh_app.app.state.runtime.sessions() as s:
        result = s.scalar(select(ChecklistResult).where(ChecklistResult.review_id == review.id))
        assert (result.slug, result.version) == ("ai-code-security", "0.9")
    assert (review.checklist_slug, review.checklist_version) == ("ai-code-security", "0.9")


def test_concurrent_run_of_a_reporting_check_backs_off_and_annotations_are_posted_once(
    gh_app, fake_github, unique_repo
):
    from reviewer.github.check_job import RetryLater, run_check_job

    repo = unique_repo("octo")
    fake_github.add_pull(repo, sample_pull())
    fake_github.stall("PATCH", r"/check-runs/\d+$", 2.0)  # the first annotation batch is in flight
    assert signed_post(gh_app, "pull_request", pr_event(repo)).status_code == 202
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        checks = checks_of(gh_app, repo)
        if checks and checks[0].state == "reporting":
            break
        time.sleep(0.02)
    (check,) = checks_of(gh_app, repo)
    assert check.state == "reporting"
    # A Celery redelivery of the same check while the first run is still posting its report.
    with pytest.raises(RetryLater):
        run_check_job(check.id, github=gh_app.app.state.github)
    wait_idle(gh_app)
    (run,) = fake_github.repo(repo).check_runs.values()
    keys = [(a["path"], a["start_line"], a["message"]) for a in run["annotations"]]
    assert keys and len(keys) == len(set(keys))  # every annotation posted once
    (check,) = checks_of(gh_app, repo)
    (review,) = reviews_of(gh_app, repo)
    assert check.state == "done" and check.attempts == 1 and review.attempts == 1
    assert review.claimed_by is None
