"""Confidence that means what it says: temperature scaling, the title's weight, and their measures.

A text classifier trained to convergence is over-sure. Dividing its log
probabilities by one temperature T, fitted on documents it never trained on,
keeps the ranking and makes "0.9" right about nine times in ten. The
document's own title adds `weight x strength` to its type's log score, and the
TipoDocumento code of a courtesy copy adds its own `code weight`; T and the
weights are fitted together, on layout families the model was not trained on,
so that they mean what they say on layouts nobody has seen.

An invoice-like document whose type nobody read (no title, no code) is told
from its lines alone, which read the same for an invoice, a credit note and a
proforma: those rows get their own, softer temperature, fitted on such rows of
the held-out families, so that the model is not sure where a person could not be.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

_EPS = 1e-9
TITLE_WEIGHTS = np.arange(0.0, 16.01, 0.5)  # the grid the title's weight is chosen on
CODE_WEIGHTS = np.arange(0.0, 24.01, 4.0)  # and the code's: coarser, a code is seldom wrong


def scale(probs: np.ndarray, temperature: float | np.ndarray, evidence: np.ndarray | None = None,
          weight: float = 0.0, codes: np.ndarray | None = None, code_weight: float = 0.0) -> np.ndarray:
    """Rows of probabilities, sharpened (T < 1) or softened (T > 1), plus `weight` x `evidence`
    and `code_weight` x `codes`.

    `temperature`: one T, or one per row; `evidence`: one row per document, the title's strength in
    its type's column; `codes`: the same for the TipoDocumento code.
    """
    logits = np.log(np.clip(probs, _EPS, 1.0)) / np.reshape(np.asarray(temperature, dtype=float), (-1, 1))
    if evidence is not None:
        logits = logits + weight * evidence
    if codes is not None:
        logits = logits + code_weight * codes
    logits -= logits.max(axis=1, keepdims=True)
    exp = np.exp(logits)
    return exp / exp.sum(axis=1, keepdims=True)


def nll(probs: np.ndarray, truth: Sequence[int]) -> float:
    """Mean negative log-likelihood of the true classes."""
    picked = probs[np.arange(len(truth)), np.asarray(truth)]
    return float(-np.log(np.clip(picked, _EPS, 1.0)).mean())


def fit_temperature(probs: np.ndarray, truth: Sequence[int]) -> float:
    """The T in [0.05, 20] that minimises the NLL, by golden-section search on log T."""
    return _best_temperature(lambda t: nll(scale(probs, t), truth))[0]


def fit_title_calibration(probs: np.ndarray, evidence: np.ndarray, truth: Sequence[int],
                          codes: np.ndarray | None = None) -> tuple[float, float, float]:
    """(T, title weight, code weight) that minimise the NLL together: grids on the weights,
    golden section on T. Without any code the code weight stays 0."""
    code_weights = CODE_WEIGHTS if codes is not None and codes.any() else (0.0,)
    best = min((_best_temperature(lambda t, w=w, c=c: nll(scale(probs, t, evidence, w, codes, c), truth)) + (w, c)
                for w in TITLE_WEIGHTS for c in code_weights), key=lambda fit: fit[1])
    return best[0], float(best[2]), float(best[3])


def untitled_invoices(probs: np.ndarray, evidence: np.ndarray, codes: np.ndarray,
                      invoice_columns: Sequence[int]) -> np.ndarray:
    """Rows with no title and no code whose text the model reads as invoice-like (a mask)."""
    named = evidence.any(axis=1) | codes.any(axis=1)
    return ~named & np.isin(probs.argmax(axis=1), np.asarray(invoice_columns, dtype=int))


def row_temperatures(untitled: np.ndarray, temperature: float, untitled_temperature: float) -> np.ndarray:
    return np.where(untitled, untitled_temperature, temperature)


def fit_untitled_temperature(probs: np.ndarray, truth: Sequence[int], untitled: np.ndarray,
                             temperature: float) -> float:
    """The untitled rows' own T, never sharper than everyone's `temperature` (they have no title
    or code evidence, so their scale is the temperature alone)."""
    if not untitled.any():
        return temperature
    return max(fit_temperature(probs[untitled], np.asarray(truth)[untitled]), temperature)


def _best_temperature(loss_at) -> tuple[float, float]:
    """(T, loss) at the T in [0.05, 20] minimising `loss_at(T)`, by golden-section search on log T."""
    lo, hi = math.log(0.05), math.log(20.0)
    ratio = (math.sqrt(5) - 1) / 2

    def loss(log_t: float) -> float:
        return loss_at(math.exp(log_t))

    a, b = hi - ratio * (hi - lo), lo + ratio * (hi - lo)
    fa, fb = loss(a), loss(b)
    for _ in range(60):
        if fa < fb:
            hi, b, fb = b, a, fa
            a = hi - ratio * (hi - lo)
            fa = loss(a)
        else:
            lo, a, fa = a, b, fb
            b = lo + ratio * (hi - lo)
            fb = loss(b)
    temperature = round(math.exp((lo + hi) / 2), 4)
    return temperature, loss_at(temperature)


def reliability(confidences: Sequence[float], correct: Sequence[bool], bins: int = 10) -> list[dict]:
    """Per confidence bin: how many, mean confidence, share actually right."""
    conf = np.asarray(confidences, dtype=float)
    right = np.asarray(correct, dtype=float)
    edges = np.linspace(0.0, 1.0, bins + 1)
    table = []
    for i in range(bins):
        inside = (conf > edges[i]) & (conf <= edges[i + 1]) if i else (conf <= edges[1])
        if inside.any():
            table.append({"low": float(edges[i]), "high": float(edges[i + 1]), "count": int(inside.sum()),
                          "confidence": float(conf[inside].mean()), "accuracy": float(right[inside].mean())})
    return table


def expected_calibration_error(confidences: Sequence[float], correct: Sequence[bool], bins: int = 10) -> float:
    """Mean gap between confidence and accuracy, weighted by bin size (ECE)."""
    total = len(confidences)
    if not total:
        return 0.0
    return sum(row["count"] / total * abs(row["confidence"] - row["accuracy"])
               for row in reliability(confidences, correct, bins))
