import numpy as np

from reviewer.classifier import calibration
from reviewer.classifier.encoding import calibrated


def test_prf_and_auc_on_known_values():
    y = np.array([1, 1, 0, 0, 1, 0])
    p = np.array([0.9, 0.8, 0.7, 0.2, 0.4, 0.1])
    precision, recall, f1, fpr = calibration.prf(y, p, 0.5)
    assert (precision, recall, round(f1, 4), round(fpr, 4)) == (2 / 3, 2 / 3, 0.6667, 0.3333)
    assert calibration.auc(y, p) == 8 / 9
    assert calibration.auc(np.array([1, 1]), np.array([0.2, 0.3])) == 0.5


def test_ece_is_zero_when_calibrated_and_large_when_overconfident():
    y = np.array([1] * 8 + [0] * 2)
    assert calibration.ece(y, np.full(10, 0.8)) < 1e-9
    assert calibration.ece(np.array([0] * 10), np.full(10, 0.95)) > 0.9


def test_temperature_softens_an_overconfident_model():
    rng = np.random.default_rng(0)
    y = rng.integers(0, 2, 400)
    logits = np.where(y == 1, 6.0, -6.0) * np.where(rng.random(400) < 0.8, 1, -1)  # 20% confidently wrong
    t = calibration.fit_temperature(logits, y)
    assert t > 2.0
    assert calibration.ece(y, calibrated(logits[:, None], [t])[:, 0]) < calibration.ece(
        y, 1 / (1 + np.exp(-logits))
    )


def test_threshold_reaches_the_precision_target_when_possible():
    y = np.array([0, 0, 0, 1, 0, 1, 1, 1, 1, 1])
    p = np.linspace(0.05, 0.95, 10)
    t = calibration.pick_threshold(y, p, min_precision=0.8)
    precision, recall, _, _ = calibration.prf(y, p, t)
    assert precision >= 0.8 and recall == 1.0
