"""Comparison and guard on a seeded history whose numbers are worked out by hand."""

from __future__ import annotations

import pytest

from reviewer.errors import UsageError
from reviewer.models_policy.compare import Prediction, compare
from reviewer.models_policy.guard import GuardPolicy, check_promotion
from reviewer.models_policy.labels import (
    Label,
    TriagedFinding,
    UnitSpan,
    labels_from_signoff,
    labels_from_triage,
)

V = "validation"


def seeded(copies: int = 1):
    """40 units. Labels on validation: units 0-19 positive, 20-39 negative.

    primary (A): says validation on 0-14 (tp 15) and 20-29 (fp 10)  -> precision 15/25, fpr 10/20
    candidate (B): says validation on 0-17 (tp 18) and 20-21 (fp 2) -> precision 18/20, fpr 2/20
    Ten more units are scored by A only (never judged); ``copies`` repeats the 40 units.
    Latency A 10..49 ms, B 5 ms each.
    """
    predictions = []
    for n in range(40 * copies):
        unit = n % 40
        a = frozenset({V}) if unit < 15 or 20 <= unit < 30 else frozenset()
        b = frozenset({V}) if unit < 18 or 20 <= unit < 22 else frozenset()
        predictions.append(Prediction("clf@1.0", f"u{n}", a, latency_ms=10 + unit, compute_s=0.02))
        predictions.append(Prediction("clf@2.0", f"u{n}", b, latency_ms=5, compute_s=0.01))
    predictions += [Prediction("clf@1.0", f"x{u}", frozenset({V}), 10) for u in range(10)]
    labels = [Label(f"u{n}", V, n % 40 < 20) for n in range(40 * copies)]
    return predictions, labels


def test_comparison_numbers_on_a_seeded_history():
    predictions, labels = seeded()
    result = compare("clf@1.0", "clf@2.0", predictions, labels)
    a, b = result.a.cls(V), result.b.cls(V)
    assert (a.tp, a.fp, a.fn, a.tn) == (15, 10, 5, 10)
    assert (b.tp, b.fp, b.fn, b.tn) == (18, 2, 2, 18)
    assert a.precision.value == pytest.approx(0.6) and b.precision.value == pytest.approx(0.9)
    assert a.false_positive_rate.value == pytest.approx(0.5) and b.false_positive_rate.value == pytest.approx(
        0.1
    )
    assert b.recall.value == pytest.approx(0.9)
    assert b.precision.low == pytest.approx(0.6990, abs=1e-3) and b.precision.high == pytest.approx(
        0.9721, abs=1e-3
    )
    assert result.common_units == 40
    assert (result.a.units_scored, result.b.units_scored) == (50, 40)
    assert result.a.labels == 40 and result.b.labels == 40  # judged on the same 40 units
    # agreement on validation: both 0-14 + 20-21 (17), A only 22-29 (8), B only 15-17 (3), neither 12
    (agree,) = [g for g in result.agreement if g.cls == V]
    assert (agree.both, agree.only_a, agree.only_b, agree.neither) == (17, 8, 3, 12)
    assert agree.rate.value == pytest.approx(29 / 40)
    assert result.b.latency_p50_ms == 5 and result.a.latency_p95_ms == pytest.approx(46.55)
    assert result.b.compute_s_per_1000_units == pytest.approx(10.0)
    assert result.to_dict()["b"]["classes"][0]["precision"]["ci95"][0] == pytest.approx(0.699, abs=1e-3)


def test_last_prediction_and_last_label_win():
    predictions = [
        Prediction("m@1", "u", frozenset({V}), 1),
        Prediction("m@1", "u", frozenset(), 1),
        Prediction("m@2", "u", frozenset({V}), 1),
    ]
    labels = [Label("u", V, True), Label("u", V, False)]
    result = compare("m@1", "m@2", predictions, labels)
    assert (result.a.cls(V).tn, result.b.cls(V).fp) == (1, 1)


def test_guard_refuses_on_too_few_labels_and_force_needs_a_reason():
    predictions, labels = seeded()
    result = compare("clf@1.0", "clf@2.0", predictions[:24], labels)  # 12 shared units
    decision = check_promotion("clf@2.0", result)
    assert not decision.allowed and decision.labels == 12
    assert "12 labels on shared units, 100 required" in decision.reasons
    assert any(r.startswith("class secrets: 0 labels") for r in decision.reasons)
    with pytest.raises(UsageError, match="needs a reason"):
        check_promotion("clf@2.0", result, force=True)
    forced = check_promotion("clf@2.0", result, force=True, reason="incident 42")
    assert forced.allowed and forced.forced and forced.reasons == decision.reasons


def test_guard_allows_a_better_candidate_with_enough_labels():
    predictions, labels = seeded()
    result = compare("clf@1.0", "clf@2.0", predictions, labels)
    policy = GuardPolicy(min_labels=40, min_labels_per_class=0)
    decision = check_promotion("clf@2.0", result, policy)
    assert decision.allowed and not decision.forced and decision.reasons == ()


def test_guard_refuses_a_significantly_worse_candidate():
    # 0.6 vs 0.9 on 25 vs 20 predictions: the 95% intervals still overlap, so 3x the history
    predictions, labels = seeded(copies=3)
    swapped = compare("clf@2.0", "clf@1.0", predictions, labels)  # now the worse one is the candidate
    policy = GuardPolicy(min_labels=40, min_labels_per_class=0)
    decision = check_promotion("clf@1.0", swapped, policy)
    assert not decision.allowed
    assert any("significantly below the primary's 0.90" in r for r in decision.reasons)
    assert check_promotion("clf@1.0", swapped, GuardPolicy(40, 0, refuse_if_worse=False)).allowed


def test_first_promotion_has_nothing_to_compare_with():
    assert check_promotion("clf@1.0", None).allowed
    with pytest.raises(UsageError):
        check_promotion("clf@3.0", compare("clf@1.0", "clf@2.0", [], []))


def test_labels_from_triage_match_units_by_place():
    units = [
        UnitSpan("u1", "acme/api", "app.py", 10, 20),
        UnitSpan("u2", "acme/api", "app.py", 30, 40),
        UnitSpan("u3", "acme/web", "app.py", 10, 20),
    ]
    findings = [
        TriagedFinding("acme/api", "app.py", 12, 12, "validation", "confirmed"),
        TriagedFinding("acme/api", "app.py", 15, 15, "validation", "false_positive"),
        TriagedFinding("acme/api", "app.py", 35, 36, "secrets", "false_positive"),
        TriagedFinding("acme/api", "app.py", 38, 38, "validation", "accepted_risk"),
        TriagedFinding("acme/api", "app.py", 39, 39, "crypto", "confirmed"),  # not a classifier class
    ]
    labels = labels_from_triage(units, findings)
    assert set(labels) == {Label("u1", V, True), Label("u2", "secrets", False)}
    signoff = labels_from_signoff(units, V, labels)
    assert {(label.unit, label.positive, label.source) for label in signoff} == {
        ("u2", False, "signoff"),
        ("u3", False, "signoff"),
    }
    with pytest.raises(ValueError):
        labels_from_signoff(units, "crypto")
