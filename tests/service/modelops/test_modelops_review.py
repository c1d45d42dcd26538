"""Model versions in real reviews: the real job, a real (tiny) classifier in two versions.

Shadow never changes a review's findings; the version serving a review is fixed when it starts
(promotion mid-stream switches new reviews only); rollback restores the previous primary; a
broken candidate never touches a review; every scored unit is stored with its version.
"""

from __future__ import annotations

import json
import shutil

import pytest
from modelops_helpers import python_diff, recalibrated

from reviewer.db import review_store
from reviewer.modelops import evidence, usecases
from reviewer.modelops.review_hook import ROUTING_KEY
from reviewer.models_policy.guard import GuardPolicy

pytestmark = [pytest.mark.db, pytest.mark.slow]
GUARD = GuardPolicy(min_labels=1000, min_labels_per_class=100)


def register(rt, path) -> str:
    with rt.sessions() as s:
        row, _ = usecases.register(usecases.read_model_folder(path), actor="t", session=s, path=str(path))
        return row.ref


def promote(rt, ref: str, force: bool = False) -> None:
    with rt.sessions() as s:
        usecases.promote(ref, actor="t", reason="test" if force else "", guard=GUARD, session=s, force=force)


def set_policy(rt, body, repository=None) -> None:
    with rt.sessions() as s:
        usecases.set_policy(body, actor="t", session=s, repository=repository)


def findings(rt, review_id: str) -> list[tuple]:
    with rt.sessions() as s:
        rows = review_store.findings_of(review_id, session=s)
        return [
            (f.rule, f.path, f.start_line, f.end_line, f.severity, f.message, f.fingerprint) for f in rows
        ]


def predictions(rt, review_id: str) -> list:
    with rt.sessions() as s:
        return evidence.predictions_of_review(review_id, session=s)


@pytest.fixture
def two_versions(model_runtime, first_model, second_model):
    v1, v2 = register(model_runtime, first_model), register(model_runtime, second_model)
    promote(model_runtime, v1)
    return v1, v2


def test_shadow_never_changes_a_reviews_findings(model_runtime, review_now, two_versions, unique_repo):
    v1, v2 = two_versions
    diff = python_diff()
    off = review_now(diff, unique_repo())
    set_policy(model_runtime, {"mode": "shadow", "candidate": v2})  # no restart: the next review sees it
    shadowed = review_now(diff, unique_repo())
    assert findings(model_runtime, shadowed) == findings(model_runtime, off)
    rows = predictions(model_runtime, shadowed)
    primary = [p for p in rows if p.role == "primary"]
    shadow = [p for p in rows if p.role == "shadow"]
    assert {p.model for p in primary} == {v1} and {p.model for p in shadow} == {v2}
    assert sorted(p.unit for p in shadow) == sorted(p.unit for p in primary)  # the same units
    assert not any(p.became_finding for p in shadow)
    assert any(p.became_finding for p in primary)
    # The candidate flags classes the primary does not: had it been reported, findings would differ.
    flagged = {c for p in shadow for c in p.predicted}
    reported = {f[0] for f in findings(model_runtime, shadowed)}
    assert "reviewer.classifier.secrets" in {f"reviewer.classifier.{c}" for c in flagged} - reported
    # ...and when it serves (a 100% split), it does change them.
    set_policy(model_runtime, {"mode": "split", "candidate": v2, "percent": 100})
    served = review_now(diff, unique_repo())
    assert "reviewer.classifier.secrets" in {f[0] for f in findings(model_runtime, served)}
    assert {p.role for p in predictions(model_runtime, served)} == {"split"}


def test_promotion_mid_stream_switches_new_reviews_only(model_runtime, review_now, two_versions, unique_repo):
    from reviewer.service.review_job import run_review_job
    from reviewer.service.submission import Submission, submit_diff

    v1, v2 = two_versions
    hook = model_runtime.hooks[0]
    with model_runtime.sessions.begin() as s:  # a review that started (was claimed) before the promotion
        review = submit_diff(
            python_diff(),
            Submission(repository=unique_repo()),
            limits=model_runtime.settings.limits(),
            session=s,
        )
        hook.prepare(review, model_runtime.review_config(), session=s)
        review.status = "running"
        in_flight = review.id
    promote(model_runtime, v2, force=True)
    # It finishes (here: as after a worker restart) on the version it started with.
    assert run_review_job(in_flight, runtime=model_runtime) in ("complete", "partial")
    assert hook.drain(timeout_s=60)
    assert {p.model for p in predictions(model_runtime, in_flight)} == {v1}
    later = review_now(python_diff(), unique_repo())
    assert {p.model for p in predictions(model_runtime, later)} == {v2}
    with model_runtime.sessions() as s:
        assert review_store.get_review(in_flight, session=s).extra[ROUTING_KEY]["serve"] == v1
        runs = {r.scanner: r.version for r in review_store.scanner_runs_of(later, session=s)}
    assert "2.0.0" in runs["classifier"]


def test_rollback_restores_the_previous_primary_for_new_reviews(
    model_runtime, review_now, two_versions, unique_repo
):
    v1, v2 = two_versions
    promote(model_runtime, v2, force=True)
    assert {p.model for p in predictions(model_runtime, review_now(python_diff(), unique_repo()))} == {v2}
    with model_runtime.sessions() as s:
        usecases.rollback(actor="t", reason="too noisy", session=s)
    assert {p.model for p in predictions(model_runtime, review_now(python_diff(), unique_repo()))} == {v1}


def test_a_broken_candidate_never_touches_the_review(
    model_runtime, review_now, two_versions, second_model, tmp_path, unique_repo
):
    v1, _ = two_versions
    broken_dir = tmp_path / "v3"
    shutil.copytree(second_model, broken_dir)
    meta = json.loads((broken_dir / "reviewer-model.json").read_text())
    (broken_dir / "reviewer-model.json").write_text(json.dumps({**meta, "version": "3.0.0"}))
    from reviewer.classifier.bundle import write_checksums

    write_checksums(broken_dir)
    v3 = register(model_runtime, broken_dir)
    (broken_dir / "model.int8.onnx").write_bytes(b"tampered")  # changed after registration
    baseline = review_now(python_diff(), unique_repo())
    set_policy(model_runtime, {"mode": "shadow", "candidate": v3})
    review_id = review_now(python_diff(), unique_repo())
    assert findings(model_runtime, review_id) == findings(model_runtime, baseline)
    assert {p.model for p in predictions(model_runtime, review_id)} == {v1}


def test_a_slow_candidate_on_its_own_replica_never_holds_the_review_up(
    model_runtime, two_versions, second_model, tiny_model, unique_repo
):
    """The candidate runs on its own v2 server, whose batcher holds every request 4 s: the review
    finishes without it, and its predictions are stored once it answers."""
    from prometheus_client import CollectorRegistry, generate_latest

    from reviewer.classifier.backends import load_backend
    from reviewer.modelserver.app import ServerConfig, create_app
    from reviewer.modelserver.runner import BackgroundServer
    from reviewer.service.review_job import run_review_job
    from reviewer.service.submission import Submission, submit_diff

    v1, _ = two_versions
    third = recalibrated(second_model, tiny_model.parent / "tiny-model-v3", "3.0.0", [0.1, 0.1, 0.1])
    slow = create_app(load_backend("onnx", third), ServerConfig(max_batch_size=64, max_queue_delay_ms=4000))
    with BackgroundServer(slow) as url:
        with model_runtime.sessions() as s:
            row, _ = usecases.register(
                usecases.read_model_folder(third), actor="t", session=s, path=str(third), server_urls=[url]
            )
            v3 = row.ref
        set_policy(model_runtime, {"mode": "shadow", "candidate": v3})
        with model_runtime.sessions.begin() as s:
            review_id = submit_diff(
                python_diff(),
                Submission(repository=unique_repo()),
                limits=model_runtime.settings.limits(),
                session=s,
            ).id
        assert run_review_job(review_id, runtime=model_runtime) == "complete"
        assert {p.role for p in predictions(model_runtime, review_id)} == {"primary"}  # shadow still out
        assert model_runtime.hooks[0].drain(timeout_s=60)
    registry = CollectorRegistry()
    registry.register(model_runtime.hooks[0].collector())  # what the API's /metrics includes
    exposed = [line for line in generate_latest(registry).decode().splitlines() if url in line and v3 in line]
    assert any(
        line.startswith("reviewer_model_replica_requests_total{") and not line.endswith(" 0.0")
        for line in exposed
    )
    rows = predictions(model_runtime, review_id)
    shadow = [p for p in rows if p.role == "shadow"]
    assert {p.model for p in shadow} == {v3} and {p.backend for p in shadow} == {"remote"}
    assert sorted(p.unit for p in shadow) == sorted(p.unit for p in rows if p.model == v1)


def test_a_primary_that_cannot_load_leaves_the_review_rules_only_and_says_so(
    model_runtime, review_now, two_versions, second_model, tmp_path, unique_repo
):
    broken = recalibrated(second_model, tmp_path / "v4", "4.0.0", [0.5, 0.5, 0.5])
    v4 = register(model_runtime, broken)
    promote(model_runtime, v4, force=True)
    (broken / "model.int8.onnx").write_bytes(b"tampered")
    review_id = review_now(python_diff(), unique_repo())
    with model_runtime.sessions() as s:
        review = review_store.get_review(review_id, session=s)
        runs = {r.scanner: r for r in review_store.scanner_runs_of(review_id, session=s)}
    assert review.status == "partial"
    assert runs["classifier"].state == "failed" and "rules-only" in runs["classifier"].detail
    assert v4 in runs["classifier"].detail
    rules = {f[0] for f in findings(model_runtime, review_id)}
    assert "reviewer.secrets.stripe-live-key" in rules and not any(
        r.startswith("reviewer.classifier") for r in rules
    )
    assert predictions(model_runtime, review_id) == []
