"""The comparison read from the database is right on a seeded history worked out by hand:
predictions of two versions, findings triaged by humans (from any scanner), matched by place."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest

from reviewer.db.models import Finding, FindingGroup, Repository, Review
from reviewer.modelops import usecases
from reviewer.modelops.tables import ModelPrediction
from reviewer.models_policy.guard import GuardPolicy
from reviewer.models_policy.registry import RegisteredModel

pytestmark = [pytest.mark.db]
T0 = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)


def _register(s, ref: str) -> None:
    name, version = ref.split("@")
    checksum = hashlib.sha256(ref.encode()).hexdigest()
    model = RegisteredModel(name, version, checksum, 1, T0)
    usecases.register(model, actor="t", session=s, path=f"/m/{version}")


def _finding(s, review: Review, line: int, category: str, state: str, fp: str) -> None:
    group = s.query(FindingGroup).filter_by(repository_id=review.repository_id, fingerprint=fp).one_or_none()
    if group is None:
        group = FindingGroup(
            repository_id=review.repository_id,
            fingerprint=fp,
            rule=f"rule.{category}",
            category=category,
            path="app.py",
            state=state,
        )
        s.add(group)
        s.flush()
    s.add(
        Finding(
            review_id=review.id,
            group_id=group.id,
            rule=group.rule,
            scanners=["semgrep"],
            category=category,
            cwes=[],
            severity=3,
            confidence=2,
            path="app.py",
            start_line=line,
            end_line=line,
            message="m",
            fingerprint=fp,
        )
    )


def _predict(
    s,
    review: Review,
    model: str,
    unit: str,
    start: int,
    predicted: list[str],
    latency: float,
    at: dt.datetime,
) -> None:
    s.add(
        ModelPrediction(
            review_id=review.id,
            repository="acme/cmp",
            model=model,
            role="primary",
            unit=unit,
            path="app.py",
            start_line=start,
            end_line=start + 9,
            scores={},
            predicted=predicted,
            latency_ms=latency,
            compute_s=0.01 if model.endswith("1") else 0.002,
            created_at=at,
        )
    )


@pytest.fixture
def seeded(db_session):
    s = db_session
    _register(s, "clf@1")
    _register(s, "clf@2")
    repo = Repository(full_name="acme/cmp", policy={})
    s.add(repo)
    s.flush()
    r1 = Review(repository_id=repo.id, status="complete", created_at=T0)
    r2 = Review(repository_id=repo.id, status="complete", created_at=T0 + dt.timedelta(days=1))
    s.add_all([r1, r2])
    s.flush()
    # Review 1: units u1..u4 at lines 1, 11, 21, 31 (ten lines each); u5 at 41 (only clf@2 scored it).
    _finding(s, r1, 5, "validation", "confirmed", "f1")  # u1 validation +
    _finding(s, r1, 15, "validation", "false_positive", "f2")  # u2 validation -
    _finding(s, r1, 25, "secrets", "fixed", "f3")  # u3 secrets +
    _finding(s, r1, 35, "access-control", "open", "f4")  # no label
    _finding(s, r1, 36, "validation", "accepted_risk", "f5")  # no label
    for unit, start, said, ms in (
        ("u1", 1, ["validation"], 10),
        ("u2", 11, ["validation"], 20),
        ("u3", 21, [], 30),
        ("u4", 31, ["access-control"], 40),
    ):
        _predict(s, r1, "clf@1", unit, start, said, ms, T0)
    for unit, start, said in (
        ("u1", 1, ["validation"]),
        ("u2", 11, []),
        ("u3", 21, ["secrets"]),
        ("u5", 41, []),
    ):
        _predict(s, r1, "clf@2", unit, start, said, 5, T0)
    # Review 2: the same code as u1 moved to line 101; clf@2 now says nothing there (its latest word).
    _finding(s, r2, 105, "validation", "confirmed", "f1")
    _predict(s, r2, "clf@2", "u1", 101, [], 5, T0 + dt.timedelta(days=1))
    s.flush()
    return s


def test_comparison_numbers_on_a_seeded_history(seeded):
    body = usecases.compare_versions(
        "clf@1", "clf@2", GuardPolicy(min_labels=3, min_labels_per_class=1), session=seeded
    )
    a, b = body["a"], body["b"]
    assert body["common_units"] == 3
    assert (a["units_scored"], b["units_scored"]) == (4, 4)
    assert a["latency_ms"] == {"p50": 25.0, "p95": 38.5}
    assert b["latency_ms"] == {"p50": 5.0, "p95": 5.0}
    assert a["compute_s_per_1000_units"] == pytest.approx(10.0)
    assert b["compute_s_per_1000_units"] == pytest.approx(2.0)
    cls_a = {c["class"]: c for c in a["classes"]}
    cls_b = {c["class"]: c for c in b["classes"]}
    # clf@1: validation u1 TP, u2 FP; secrets u3 FN; access-control unlabelled (f4 is open).
    assert [cls_a["validation"][k] for k in ("tp", "fp", "fn", "tn")] == [1, 1, 0, 0]
    assert cls_a["validation"]["precision"]["value"] == 0.5
    assert cls_a["validation"]["precision"]["ci95"] == [
        pytest.approx(0.094531, abs=1e-6),
        pytest.approx(0.905469, abs=1e-6),
    ]
    assert [cls_a["secrets"][k] for k in ("tp", "fp", "fn", "tn")] == [0, 0, 1, 0]
    assert cls_a["access-control"]["labels"] == 0
    assert a["precision"]["successes"] == 1 and a["precision"]["total"] == 2
    # clf@2: its latest word on u1 is "nothing" (review 2) -> FN; u2 TN; u3 secrets TP.
    assert [cls_b["validation"][k] for k in ("tp", "fp", "fn", "tn")] == [0, 0, 1, 1]
    assert cls_b["validation"]["false_positive_rate"]["value"] == 0.0
    assert [cls_b["secrets"][k] for k in ("tp", "fp", "fn", "tn")] == [0 + 1, 0, 0, 0]
    assert b["precision"]["value"] == 1.0 and b["labels"] == 3
    agreement = {g["class"]: g for g in body["agreement"]}
    # On u1..u3: validation a={u1,u2} b={} ; secrets a={} b={u3}; access-control none.
    assert [agreement["validation"][k] for k in ("both", "only_a", "only_b", "neither")] == [0, 2, 0, 1]
    assert [agreement["secrets"][k] for k in ("both", "only_a", "only_b", "neither")] == [0, 0, 1, 2]
    assert agreement["access-control"]["rate"]["value"] == 1.0
    # The guard: 3 labels >= 3, but access-control has 0 < 1 labels.
    assert body["guard"]["allowed"] is False
    assert any("access-control" in r for r in body["guard"]["reasons"])


def test_compare_refuses_unknown_or_identical_versions(seeded):
    from reviewer.errors import NotFound, UsageError

    with pytest.raises(NotFound):
        usecases.compare_versions("clf@1", "clf@9", GuardPolicy(), session=seeded)
    with pytest.raises(UsageError):
        usecases.compare_versions("clf@1", "clf@1", GuardPolicy(), session=seeded)


def test_a_checklist_signoff_labels_the_reviews_units_negative_for_its_class(db_session):
    """A human signing off "no hard-coded secrets" for a review says none of its units has one,
    except units a confirmed finding already labels positive."""
    from reviewer.db.models import Checklist, ChecklistItem, ChecklistSignoff

    s = db_session
    _register(s, "clf@1")
    _register(s, "clf@2")
    repo = Repository(full_name="acme/cmp", policy={})
    checklist = Checklist(slug="sec", version="1.0", content_hash="0" * 64)
    s.add_all([repo, checklist])
    s.flush()
    s.add(ChecklistItem(checklist_id=checklist.id, key="SEC-1", category="secrets", requires_signoff=True))
    review = Review(repository_id=repo.id, status="complete", checklist_slug="sec", checklist_version="1.0")
    s.add(review)
    s.flush()
    s.add(ChecklistSignoff(review_id=review.id, item_key="SEC-1", actor="alice"))
    _finding(s, review, 15, "secrets", "confirmed", "leak")  # u2 holds a real secret
    for model, said in (("clf@1", ["secrets"]), ("clf@2", [])):
        for unit, start in (("u1", 1), ("u2", 11), ("u3", 21)):
            _predict(s, review, model, unit, start, said, 1, T0)
    s.flush()
    body = usecases.compare_versions("clf@1", "clf@2", GuardPolicy(), session=s)
    secrets_a = next(c for c in body["a"]["classes"] if c["class"] == "secrets")
    secrets_b = next(c for c in body["b"]["classes"] if c["class"] == "secrets")
    # u1, u3: negative (sign-off); u2: positive (confirmed finding wins over the sign-off).
    assert [secrets_a[k] for k in ("tp", "fp", "fn", "tn")] == [1, 2, 0, 0]
    assert [secrets_b[k] for k in ("tp", "fp", "fn", "tn")] == [0, 0, 1, 2]
    assert body["b"]["classes"][0]["labels"] == 0  # nothing said about validation
