"""Temperature scaling and the OCR noise model used to train and measure the classifier."""

from __future__ import annotations

import random

import numpy as np

from demat.classifiers.calibration import (
    expected_calibration_error,
    fit_temperature,
    fit_title_calibration,
    fit_untitled_temperature,
    reliability,
    row_temperatures,
    scale,
    untitled_invoices,
)
from demat.training.noise import ocr_noise


def overconfident(n: int = 2000, seed: int = 0) -> tuple[np.ndarray, list[int]]:
    """A 3-class model that says 0.99 but is right 80% of the time."""
    rng = np.random.default_rng(seed)
    truth = rng.integers(0, 3, n)
    predicted = np.where(rng.random(n) < 0.8, truth, (truth + 1) % 3)
    probs = np.full((n, 3), 0.005)
    probs[np.arange(n), predicted] = 0.99
    return probs, truth.tolist()


def test_temperature_softens_an_overconfident_model():
    probs, truth = overconfident()
    correct = probs.argmax(axis=1) == np.asarray(truth)
    temperature = fit_temperature(probs, truth)
    calibrated = scale(probs, temperature)
    assert temperature > 1
    assert (calibrated.argmax(axis=1) == probs.argmax(axis=1)).all()  # ranking kept
    assert np.allclose(calibrated.sum(axis=1), 1.0)
    before = expected_calibration_error(probs.max(axis=1), correct)
    after = expected_calibration_error(calibrated.max(axis=1), correct)
    assert before > 0.15 and after < 0.02
    assert abs(calibrated.max(axis=1).mean() - 0.8) < 0.02


def test_invoice_like_rows_nobody_titled_get_their_own_softer_temperature():
    """Columns 0, 1 are invoice-like (fattura, nota di credito), column 2 a letter. Titled rows and
    untitled letters are said at 0.99 and right; untitled invoice-like rows are said at 0.99 and
    right 60% of the time. One temperature for all stays sharp; the untitled invoice-like rows' own T
    brings them under the review threshold, and every other row keeps its confidence."""
    rng = np.random.default_rng(3)
    n = 4000
    group = rng.choice(["titled", "letter", "untitled"], n, p=[0.5, 0.45, 0.05])
    truth = np.where(group == "letter", 2, rng.integers(0, 2, n))
    predicted = np.where((group != "untitled") | (rng.random(n) < 0.6), truth, 1 - truth)
    probs = np.full((n, 3), 0.005)
    probs[np.arange(n), predicted] = 0.99
    evidence = np.zeros((n, 3))
    evidence[np.arange(n), truth] = group == "titled"
    codes = np.zeros((n, 3))
    temperature, weight, _ = fit_title_calibration(probs, evidence, truth.tolist(), codes)
    untitled = untitled_invoices(probs, evidence, codes, [0, 1])
    assert (untitled == (group == "untitled")).all()
    untitled_t = fit_untitled_temperature(probs, truth.tolist(), untitled, temperature)
    calibrated = scale(probs, row_temperatures(untitled, temperature, untitled_t), evidence, weight)
    one_t = scale(probs, temperature, evidence, weight)
    assert untitled_t > temperature
    assert one_t[untitled].max(axis=1).min() > 0.9  # one temperature: sure where nobody read a type
    assert calibrated[untitled].max(axis=1).max() < 0.8  # its own: to review
    assert abs(calibrated[untitled].max(axis=1).mean() - 0.6) < 0.05
    assert np.allclose(calibrated[~untitled], one_t[~untitled])


def test_reliability_table_counts_every_prediction():
    table = reliability([0.05, 0.55, 0.56, 0.95, 1.0], [False, True, False, True, True])
    assert sum(row["count"] for row in table) == 5
    assert [row["accuracy"] for row in table] == [0.0, 0.5, 1.0]


TEXT = "FATTURA n. 2024/118 del 14/03/2024\nRossi Forniture S.r.l.\nModalità di pagamento: bonifico\nTotale € 1.471,60"


def test_noise_level_zero_changes_nothing():
    assert ocr_noise(TEXT, random.Random(1), level=0) == TEXT


def test_noise_damages_some_words_but_keeps_most():
    noisy = [ocr_noise(TEXT, random.Random(seed), level=1.0) for seed in range(50)]
    assert sum(n != TEXT for n in noisy) > 25
    kept = sum(len(set(n.split()) & set(TEXT.split())) for n in noisy) / (50 * len(set(TEXT.split())))
    assert kept > 0.7
    assert ocr_noise(TEXT, random.Random(7)) == ocr_noise(TEXT, random.Random(7))  # seeded, reproducible
