"""Simulated OCR errors, to train and measure the classifier on "scans" from text.

The confusions are those tesseract makes on 200-300 dpi office scans: rn/m,
l/1/I, O/0, dropped accents, split and merged words, lost lines.
"""

from __future__ import annotations

import random

CONFUSIONS = [
    ("rn", "m"), ("m", "rn"), ("l", "1"), ("1", "l"), ("I", "l"), ("i", "l"),
    ("O", "0"), ("0", "O"), ("o", "0"), ("è", "e"), ("à", "a"), ("ò", "o"),
    ("ù", "u"), ("ì", "i"), ("é", "e"), ("cl", "d"), ("e", "c"), ("S", "5"),
    ("B", "8"), ("t", "f"), ("h", "b"), ("n", "u"), (",", "."), (".", ","),
]


def ocr_noise(text: str, rng: random.Random, level: float = 1.0) -> str:
    """`text` as a mediocre OCR might read it; `level` 0 = clean, 1 = a poor scan."""
    lines = []
    for line in text.splitlines():
        if line.strip() and rng.random() < 0.06 * level:
            continue  # line lost (stain, fold, faint print)
        lines.append(_noisy_line(line, rng, level))
    return "\n".join(lines)


def _noisy_line(line: str, rng: random.Random, level: float) -> str:
    out = ""
    for i, word in enumerate(line.split(" ")):
        merged = i > 0 and rng.random() < 0.03 * level
        out += ("" if merged or i == 0 else " ") + _noisy_word(word, rng, level)
    return out


def _noisy_word(word: str, rng: random.Random, level: float) -> str:
    for wrong, right in CONFUSIONS:
        if wrong in word and rng.random() < 0.04 * level:
            word = word.replace(wrong, right, 1)
    if len(word) > 5 and rng.random() < 0.03 * level:
        cut = rng.randrange(2, len(word) - 2)
        word = word[:cut] + " " + word[cut:]
    return word
