from __future__ import annotations

import pytest

from reviewer.models_policy.stats import cohen_kappa, percentile, wilson


def test_wilson_matches_published_values():
    # Wilson 95% for 8/10: [0.4902, 0.9433] (Newcombe 1998, method 3)
    p = wilson(8, 10)
    assert p.value == 0.8
    assert p.low == pytest.approx(0.4902, abs=1e-4)
    assert p.high == pytest.approx(0.9433, abs=1e-4)
    # 81/263 from Wilson's own example region: [0.2553, 0.3662]
    q = wilson(81, 263)
    assert (q.low, q.high) == (pytest.approx(0.2553, abs=1e-4), pytest.approx(0.3662, abs=1e-4))


def test_wilson_edges_stay_inside_zero_one():
    assert wilson(0, 0).value is None and (wilson(0, 0).low, wilson(0, 0).high) == (0.0, 1.0)
    zero = wilson(0, 12)
    assert zero.low == 0.0 and 0.2 < zero.high < 0.3  # 0/12 is not "certainly 0"
    full = wilson(12, 12)
    assert full.high == 1.0 and 0.7 < full.low < 0.8  # nor is 12/12 "certainly 1"
    with pytest.raises(ValueError):
        wilson(3, 2)


def test_interval_narrows_with_more_samples():
    small, large = wilson(9, 12), wilson(750, 1000)
    assert (small.high - small.low) > 3 * (large.high - large.low)


def test_percentile_interpolates_like_numpy():
    values = [10, 20, 30, 40, 50]
    assert percentile(values, 50) == 30
    assert percentile(values, 95) == pytest.approx(48.0)
    assert percentile([5.0], 95) == 5.0
    assert percentile([], 50) is None


def test_kappa():
    assert cohen_kappa(10, 0, 0, 10) == 1.0
    assert cohen_kappa(5, 5, 5, 5) == 0.0
    assert cohen_kappa(0, 0, 0, 7) is None
    assert cohen_kappa(0, 0, 0, 0) is None
