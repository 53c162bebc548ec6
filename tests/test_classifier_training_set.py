"""What the type model is trained and calibrated on: varied documents, receipts, families held out."""

from __future__ import annotations

import random
import re

import numpy as np

from demat.classifiers.calibration import fit_title_calibration, nll, scale
from demat.classifiers.title import read_title
from demat.samples.generator import make_spec, spec_text
from demat.training.receipts import FAMILIES, receipt_texts
from demat.training.train import _family_folds
from demat.training.training_set import Sample, generated_samples
from demat.training.variety import REFERENCES, varied


def test_receipts_are_reproducible_and_say_what_a_receipt_says():
    texts = receipt_texts(5, seed=3)
    assert texts == receipt_texts(5, seed=3)
    assert len(texts) == 5 * len(FAMILIES) and {label for _, label in texts} == {"ricevuta"}
    assert len({text for text, _ in texts}) == len(texts)
    for text, _ in texts:
        # a total, and the shop's P.IVA (abroad: its VAT or tax number)
        assert re.search(r"TOTAL|CORRISPETTIVO|SUMME|GESAMT|ZU ZAHLEN|NET A PAYER|IMPORTE|BALANCE DUE", text.upper())
        assert re.search(r"\b\d{11}\b|\b(GB|DE|FR|B|A|No\. |Nr\. )?\d{8,11}\b", text)


def test_variety_puts_references_to_other_documents_in_item_lines():
    specs = [make_spec("fattura", seed) for seed in range(40)]
    texts = [spec_text(varied(spec, random.Random(spec.seed))) for spec in specs]
    assert texts == [spec_text(varied(spec, random.Random(spec.seed))) for spec in specs]  # seeded
    stems = {ref.split("{")[0].strip() for ref in REFERENCES}
    with_references = sum(any(stem in text for stem in stems) for text in texts)
    assert 10 < with_references < 40
    titles = {read_title([_first_page(text)]).text if read_title([_first_page(text)]) else None for text in texts}
    assert len(titles) > 5  # titles vary beyond the generator's three


def _first_page(text: str):
    from demat.kernel.document import Page

    return Page(1, text.split("\f")[0])


def test_generated_samples_carry_word_boxes_and_families():
    samples = generated_samples(2, seed=7, receipts_per_family=1)
    generated = [s for s in samples if s.source == "generator"]
    assert {s.family for s in generated} <= {"L1", "L2", "L3", "L4"}
    assert all(s.pages[0].words and s.pages[0].height > 800 for s in generated)
    assert {s.family for s in samples if s.label == "ricevuta"} == set(FAMILIES)


def test_folds_spread_every_source_over_the_folds():
    samples = [Sample([], "fattura", f, "generator") for f in ("L1", "L2", "L3", "L4")] + \
              [Sample([], "ricevuta", f, "receipts") for f in ("R1", "R2")]
    folds = _family_folds(samples, 2)
    assert len(folds) == 2
    assert all(any(f.startswith("L") for f in fold) for fold in folds)
    assert all(any(f.startswith("R") for f in fold) for fold in folds)
    assert set().union(*folds) == {"L1", "L2", "L3", "L4", "R1", "R2"}


def test_title_weight_follows_how_often_the_title_is_right():
    rng = np.random.default_rng(0)
    n, k = 2000, 4
    truth = rng.integers(0, k, n)
    probs = np.full((n, k), 0.1)  # a model that knows little: 0.7 on the truth 60% of the time
    guess = np.where(rng.random(n) < 0.6, truth, (truth + 1) % k)
    probs[np.arange(n), guess] = 0.7
    reliable, unreliable = np.zeros((n, k)), np.zeros((n, k))
    reliable[np.arange(n), np.where(rng.random(n) < 0.97, truth, (truth + 2) % k)] = 1.0
    unreliable[np.arange(n), rng.integers(0, k, n)] = 1.0
    t_good, w_good, _ = fit_title_calibration(probs, reliable, truth.tolist())
    t_bad, w_bad, _ = fit_title_calibration(probs, unreliable, truth.tolist())
    assert w_good > 2 and w_bad <= 0.5
    with_title = scale(probs, t_good, reliable, w_good)
    assert nll(with_title, truth.tolist()) < nll(scale(probs, t_bad, unreliable, w_bad), truth.tolist())
    assert (with_title.argmax(axis=1) == truth).mean() > 0.95
