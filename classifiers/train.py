"""Train the document-type model: `python -m classifiers.train --out classifiers/model`.

The corpus is the sample generator's text (train split, every type), each text
also seen through simulated OCR noise so the model holds on scans. A share of
the examples is kept apart to fit the confidence calibration, never trained on.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from classifiers.calibration import expected_calibration_error, fit_temperature, scale
from classifiers.model import SHIPPED_MODEL, DocTypeModel, save_model
from classifiers.noise import ocr_noise
from classifiers.textnorm import for_classifier
from pipeline.document import TEXT_LABELS

Example = tuple[str, str]  # (text, label)
Progress = Callable[[int, int, str], None]  # (step, total steps, message)

# Hashed bag of words and word pairs: small on disk (2^16 rows x 13 labels),
# well under a millisecond per document, and robust enough with noisy training.
TEXTCAT_MODEL = {
    "@architectures": "spacy.TextCatBOW.v3",
    "exclusive_classes": True,
    "ngram_size": 2,
    "length": 2 ** 16,
    "no_output_layer": False,
}
DEFAULT_PER_TYPE = 300  # generated training texts per type for the shipped model
DEFAULT_CALIBRATION_PER_TYPE = 60
CALIBRATION_SHARE = 0.15  # of caller-supplied examples, kept apart to fit the calibration
CALIBRATION_SEEDS = 100_000  # calibration texts use seeds far from the training ones
ARCHITECTURE = "spacy.TextCatBOW.v3 ngram_size=2 length=65536, exclusive classes"


@dataclass
class TrainReport:
    out_dir: Path
    train_examples: int  # after adding the noisy copies
    calibration_examples: int
    epochs: int
    losses: list[float] = field(default_factory=list)
    temperature: float = 1.0
    calibration_accuracy: float = 0.0
    ece_before: float = 0.0
    ece_after: float = 0.0
    seconds: float = 0.0
    size_bytes: int = 0

    def summary(self) -> str:
        return (f"model in {self.out_dir} ({self.size_bytes / 1e6:.1f} MB): {self.train_examples} training texts, "
                f"{self.epochs} epochs, {self.seconds:.0f} s; calibration on {self.calibration_examples} texts: "
                f"accuracy {self.calibration_accuracy:.3f}, T={self.temperature}, "
                f"ECE {self.ece_before:.3f} -> {self.ece_after:.3f}")


def generated_examples(n_per_type: int, seed: int = 0, split: str = "train") -> list[Example]:
    """`n_per_type` texts of every type from the sample generator, seeds seed..seed+n-1."""
    from samples.generator import make_spec, spec_text  # a training tool, not a stage

    return [(spec_text(make_spec(label, seed + i, split)), label)
            for label in TEXT_LABELS for i in range(n_per_type)]


def train_model(examples: list[Example], out_dir: Path, seed: int = 0, progress: Progress | None = None,
                calibration: list[Example] | None = None, epochs: int = 8,
                calibration_share: float = CALIBRATION_SHARE, corpus: str = "") -> TrainReport:
    """Train, calibrate and save a model to `out_dir` (replaced atomically).

    `calibration`: held-apart examples to fit the temperature on; when None a
    `calibration_share` of `examples` is set aside (per label) instead.
    """
    import spacy
    from spacy.training import Example as SpacyExample

    started = time.monotonic()
    _check_labels(examples + (calibration or []))
    rng = random.Random(seed)
    spacy.util.fix_random_seed(seed)
    if calibration is None:
        examples, calibration = _set_aside(examples, calibration_share, rng)
    train_texts = _with_noise(examples, rng, copies=1)
    calib_texts = _with_noise(calibration, rng, copies=1)
    labels = [label for label in TEXT_LABELS if label in {lab for _, lab in train_texts}]

    nlp = spacy.blank("it")
    textcat = nlp.add_pipe("textcat", config={"model": TEXTCAT_MODEL})
    for label in labels:
        textcat.add_label(label)

    def to_example(text: str, label: str) -> SpacyExample:
        cats = {lab: float(lab == label) for lab in labels}
        return SpacyExample.from_dict(nlp.make_doc(for_classifier(text)), {"cats": cats})

    train_set = [to_example(t, lab) for t, lab in train_texts]
    optimizer = nlp.initialize(lambda: train_set)
    report = TrainReport(out_dir=Path(out_dir), train_examples=len(train_set),
                         calibration_examples=len(calib_texts), epochs=epochs)
    for epoch in range(epochs):
        rng.shuffle(train_set)
        losses: dict[str, float] = {}
        for batch in spacy.util.minibatch(train_set, size=32):
            nlp.update(batch, sgd=optimizer, drop=0.2, losses=losses)
        report.losses.append(round(losses.get("textcat", 0.0), 4))
        if progress:
            progress(epoch + 1, epochs, f"epoch {epoch + 1}/{epochs} loss {report.losses[-1]:.3f}")

    _calibrate(report, DocTypeModel(path=Path(out_dir), nlp=nlp, meta={"labels": labels,
                                    "calibration": {"temperature": 1.0}}), calib_texts)
    meta = {
        "spacy_version": spacy.__version__,
        "labels": labels,
        "architecture": ARCHITECTURE,
        "calibration": {"method": "temperature", "temperature": report.temperature,
                        "examples": report.calibration_examples, "accuracy": report.calibration_accuracy,
                        "ece_before": report.ece_before, "ece_after": report.ece_after},
        "corpus": {"description": corpus or "caller-supplied examples", "train_examples": len(examples),
                   "with_noisy_copies": len(train_set), "per_label": dict(Counter(lab for _, lab in examples))},
        "seed": seed,
        "epochs": epochs,
        "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    save_model(nlp, meta, Path(out_dir))
    report.seconds = round(time.monotonic() - started, 1)
    report.size_bytes = sum(p.stat().st_size for p in Path(out_dir).rglob("*") if p.is_file())
    return report


def _check_labels(examples: list[Example]) -> None:
    unknown = {label for _, label in examples} - set(TEXT_LABELS)
    if unknown:
        raise ValueError(f"unknown document types in the training examples: {', '.join(sorted(unknown))}")
    if not examples:
        raise ValueError("no training examples")


def _set_aside(examples: list[Example], share: float, rng: random.Random) -> tuple[list[Example], list[Example]]:
    """Split off `share` of each label's examples, so every label is calibrated."""
    by_label: dict[str, list[Example]] = {}
    for example in examples:
        by_label.setdefault(example[1], []).append(example)
    kept, apart = [], []
    for group in by_label.values():
        group = group[:]
        rng.shuffle(group)
        cut = int(round(len(group) * share)) if len(group) > 2 else 0
        apart += group[:cut]
        kept += group[cut:]
    return kept, apart


def _with_noise(examples: list[Example], rng: random.Random, copies: int) -> list[Example]:
    """Each text as it is, plus `copies` readings by a simulated OCR of varying quality."""
    out = []
    for text, label in examples:
        out.append((text, label))
        out += [(ocr_noise(text, rng, level=rng.uniform(0.3, 1.5)), label) for _ in range(copies)]
    return out


def _calibrate(report: TrainReport, model: DocTypeModel, calibration: list[Example]) -> None:
    if not calibration:
        return
    probs = model.raw_probabilities([t for t, _ in calibration])
    truth = [model.labels.index(lab) if lab in model.labels else 0 for _, lab in calibration]
    report.temperature = fit_temperature(probs, truth)
    calibrated = scale(probs, report.temperature)
    correct = calibrated.argmax(axis=1) == np.asarray(truth)
    report.calibration_accuracy = round(float(correct.mean()), 4)
    report.ece_before = round(expected_calibration_error(probs.max(axis=1), correct), 4)
    report.ece_after = round(expected_calibration_error(calibrated.max(axis=1), correct), 4)


def build_model(out_dir: Path, per_type: int = DEFAULT_PER_TYPE,
                calibration_per_type: int = DEFAULT_CALIBRATION_PER_TYPE, seed: int = 0,
                confirmed: list[Example] = (), progress: Progress | None = None, epochs: int = 8) -> TrainReport:
    """The shipped recipe: generated texts, plus documents archivists confirmed or corrected.

    Calibration uses generated texts of other seeds and a share of the confirmed
    documents, so the confidence is fitted on real documents as soon as there are some.
    """
    examples = generated_examples(per_type, seed=seed, split="train")
    calibration = generated_examples(calibration_per_type, seed=seed + CALIBRATION_SEEDS, split="train")
    confirmed_kept, confirmed_apart = _set_aside(list(confirmed), CALIBRATION_SHARE, random.Random(seed))
    corpus = (f"samples.generator train split: {per_type} texts per type (seeds {seed}..), "
              f"calibration {calibration_per_type} per type (seeds {seed + CALIBRATION_SEEDS}..); "
              f"{len(confirmed_kept)} + {len(confirmed_apart)} confirmed documents (training + calibration); "
              f"each text also with simulated OCR noise")
    return train_model(examples + confirmed_kept, out_dir, seed=seed, progress=progress,
                       calibration=calibration + confirmed_apart, epochs=epochs, corpus=corpus)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m classifiers.train", description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=SHIPPED_MODEL, help="model folder (replaced atomically)")
    parser.add_argument("--per-type", type=int, default=DEFAULT_PER_TYPE,
                        help="generated training texts per type")
    parser.add_argument("--calibration-per-type", type=int, default=DEFAULT_CALIBRATION_PER_TYPE,
                        help="held-apart texts per type")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--epochs", type=int, default=8)
    args = parser.parse_args(argv)

    def show(step: int, total: int, message: str) -> None:
        print(f"[{step}/{total}] {message}", file=sys.stderr, flush=True)

    report = build_model(args.out, args.per_type, args.calibration_per_type, args.seed, progress=show,
                         epochs=args.epochs)
    print(report.summary())
    return 0


if __name__ == "__main__":
    sys.exit(main())
