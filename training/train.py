"""Train the document-type model: `python -m demat.training.train --out classifiers/model`.

The corpus is the sample generator's documents (train split, every type) with
varied titles, references and notes, plus receipts; each text is also seen
through simulated OCR noise so the model holds on scans. The confidence is
calibrated on layout families the scoring model was not trained on.
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
from typing import Any

import numpy as np

from demat.classifiers.calibration import (
    expected_calibration_error,
    fit_title_calibration,
    fit_untitled_temperature,
    row_temperatures,
    scale,
    untitled_invoices,
)
from demat.classifiers.model import (
    SHIPPED_MODEL,
    DocTypeModel,
    first_pages_text,
    invoice_columns,
    pages_of,
    save_model,
)
from demat.classifiers.textnorm import for_classifier
from demat.classifiers.title import read_code, read_title
from demat.kernel.document import TEXT_LABELS
from demat.training.noise import ocr_noise
from demat.training.training_set import Sample, generated_samples, grammar_samples, text_samples

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
CALIBRATION_SHARE = 0.15  # of caller-supplied examples, kept apart to fit the calibration
GRAMMAR_SHARE = 5  # documents of each TUNED family of the independent corpus: per_type / 5
EPOCHS = 4  # the training loss is ~0 after three epochs: more would only cost time, five models over
FOLDS = 4  # leave-family-out: each fold's model is trained without a quarter of the families
CONFIDENT = 0.9  # a mistake at this confidence or above is a confident one
ARCHITECTURE = "spacy.TextCatBOW.v3 ngram_size=2 length=65536, exclusive classes"


@dataclass
class TrainReport:
    out_dir: Path
    train_examples: int  # after adding the noisy copies
    calibration_examples: int
    epochs: int
    losses: list[float] = field(default_factory=list)
    temperature: float = 1.0
    untitled_temperature: float = 1.0  # invoice-like documents with no title and no code
    untitled_examples: int = 0
    untitled_accuracy: float = 0.0
    title_weight: float = 0.0
    code_weight: float = 0.0
    confident_mistakes: int = 0
    calibration_accuracy: float = 0.0
    ece_before: float = 0.0
    ece_after: float = 0.0
    seconds: float = 0.0
    size_bytes: int = 0

    def summary(self) -> str:
        return (f"model in {self.out_dir} ({self.size_bytes / 1e6:.1f} MB): {self.train_examples} training texts, "
                f"{self.epochs} epochs, {self.seconds:.0f} s; calibration on {self.calibration_examples} texts: "
                f"accuracy {self.calibration_accuracy:.3f}, T={self.temperature}, title weight "
                f"{self.title_weight}, code weight {self.code_weight}, untitled invoice-like "
                f"{self.untitled_examples} (accuracy {self.untitled_accuracy:.3f}) T={self.untitled_temperature}, "
                f"ECE {self.ece_before:.3f} -> {self.ece_after:.3f}, "
                f"{self.confident_mistakes} wrong at >= {CONFIDENT}")


def generated_examples(n_per_type: int, seed: int = 0, split: str = "train") -> list[Example]:
    """`n_per_type` texts of every generated type, seeds seed..seed+n-1 (as the generator makes them)."""
    from demat.samples.generator import DOC_TYPES, make_spec, spec_text  # a training tool, not a stage

    return [(spec_text(make_spec(label, seed + i, split)), label)
            for label in DOC_TYPES for i in range(n_per_type)]


def train_model(examples: list[Example], out_dir: Path, seed: int = 0, progress: Progress | None = None,
                calibration: list[Example] | None = None, epochs: int = 8,
                calibration_share: float = CALIBRATION_SHARE, corpus: str = "") -> TrainReport:
    """Train, calibrate and save a model to `out_dir` (replaced atomically).

    `calibration`: held-apart examples to fit the temperature and title weight
    on; when None a `calibration_share` of `examples` is set aside (per label).
    """
    _check_labels(examples + (calibration or []))
    if not examples:
        raise ValueError("no training examples")
    if calibration is None:
        examples, calibration = _set_aside(examples, calibration_share, random.Random(seed))
    return _train_and_save(text_samples(examples, "given"), [], text_samples(calibration, "given"), out_dir,
                           seed, epochs, progress, corpus or "caller-supplied examples")


def build_model(out_dir: Path, per_type: int = DEFAULT_PER_TYPE, seed: int = 0, confirmed: list[Example] = (),
                progress: Progress | None = None, epochs: int = EPOCHS, folds: int = FOLDS,
                grammar_per_family: int | None = None) -> TrainReport:
    """The shipped recipe: generated texts with variety, receipts, the independent corpus's TUNED
    families, plus documents archivists confirmed.

    The confidence is calibrated leave-family-out: `folds` models, each trained
    without some layout families, score the documents of those families; T and
    the title weight are fitted on these scores, as a model meets a layout it has
    never seen. A share of the confirmed documents, kept from training, joins them.
    `grammar_per_family`: documents of each TUNED grammar family (default per_type / 5).
    """
    _check_labels(list(confirmed))
    if grammar_per_family is None:
        grammar_per_family = per_type // GRAMMAR_SHARE
    samples = generated_samples(per_type, seed) + (grammar_samples(grammar_per_family) if grammar_per_family else [])
    confirmed_kept, confirmed_apart = _set_aside(list(confirmed), CALIBRATION_SHARE, random.Random(seed))
    corpus = (f"demat.samples.generator train split with variety (demat.training.variety): {per_type} per type "
              f"(seeds {seed}..), receipts (demat.training.receipts), courtesy copies of our FatturaPA "
              f"(demat.training.courtesy), {grammar_per_family} per TUNED family of "
              f"demat.samples.grammar; {len(confirmed_kept)} + {len(confirmed_apart)} "
              f"confirmed documents (training + calibration); each text also with simulated OCR noise; "
              f"calibration leave-family-out over {folds} folds")
    return _train_and_save(samples + text_samples(confirmed_kept, "confirmed"), _family_folds(samples, folds),
                           text_samples(confirmed_apart, "confirmed"), out_dir, seed, epochs, progress, corpus)


def _family_folds(samples: list[Sample], folds: int) -> list[set[str]]:
    """Families dealt into `folds` groups, each source's families spread over all of them."""
    groups: list[set[str]] = [set() for _ in range(folds)]
    by_source: dict[str, list[str]] = {}
    for sample in samples:
        families = by_source.setdefault(sample.source, [])
        if sample.family not in families:
            families.append(sample.family)
    for families in by_source.values():
        for index, family in enumerate(sorted(families)):
            groups[index % folds].add(family)
    return [group for group in groups if group]


def _train_and_save(samples: list[Sample], folds: list[set[str]], apart: list[Sample], out_dir: Path, seed: int,
                    epochs: int, progress: Progress | None, corpus: str) -> TrainReport:
    """Fit the final model on `samples`; calibrate on the held-out families of `folds` and on `apart`."""
    import spacy

    started = time.monotonic()
    labels = [label for label in TEXT_LABELS if label in {s.label for s in samples}]
    steps = (len(folds) + 1) * epochs
    rows: list[Scores] = []
    for number, held in enumerate(folds):
        fold_model = _fit(labels, [s for s in samples if s.family not in held], seed, epochs,
                          _offset(progress, number * epochs, steps, f"without {', '.join(sorted(held))}: "))
        rows.append(_scores(fold_model, _with_noise_pages([s for s in samples if s.family in held], seed)))
    final = _fit(labels, samples, seed, epochs, _offset(progress, len(folds) * epochs, steps, ""))
    rows.append(_scores(final, _with_noise_pages(apart, seed)))
    report = TrainReport(out_dir=Path(out_dir), train_examples=2 * len(samples),
                         calibration_examples=sum(len(r.truth) for r in rows), epochs=epochs)
    report.losses = final.losses
    _calibrate(report, Scores.joined(rows), labels)
    meta = {
        "spacy_version": spacy.__version__,
        "labels": labels,
        "architecture": ARCHITECTURE,
        "calibration": {"method": "temperature, untitled temperature, title and code weights"
                                  + (", leave-family-out" if folds else ""),
                        "temperature": report.temperature, "title_weight": report.title_weight,
                        "untitled_temperature": report.untitled_temperature,
                        "untitled_examples": report.untitled_examples,
                        "untitled_accuracy": report.untitled_accuracy,
                        "code_weight": report.code_weight,
                        "examples": report.calibration_examples, "held_out_families": [sorted(f) for f in folds],
                        "accuracy": report.calibration_accuracy, "ece_before": report.ece_before,
                        "ece_after": report.ece_after, "confident_mistakes": report.confident_mistakes},
        "corpus": {"description": corpus, "train_examples": len(samples), "with_noisy_copies": 2 * len(samples),
                   "per_label": dict(Counter(s.label for s in samples))},
        "seed": seed,
        "epochs": epochs,
        "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    save_model(final.nlp, meta, Path(out_dir))
    report.seconds = round(time.monotonic() - started, 1)
    report.size_bytes = sum(p.stat().st_size for p in Path(out_dir).rglob("*") if p.is_file())
    return report


@dataclass
class _Fitted:
    nlp: Any
    labels: list[str]
    losses: list[float]

    def model(self) -> DocTypeModel:
        return DocTypeModel(path=Path("."), nlp=self.nlp, meta={"labels": self.labels,
                                                                "calibration": {"temperature": 1.0}})


def _fit(labels: list[str], samples: list[Sample], seed: int, epochs: int, progress: Progress | None) -> _Fitted:
    """A textcat trained on the samples' first pages, each also read through simulated OCR noise."""
    import spacy
    from spacy.training import Example as SpacyExample

    rng = random.Random(seed)
    spacy.util.fix_random_seed(seed)
    nlp = spacy.blank("it")
    textcat = nlp.add_pipe("textcat", config={"model": TEXTCAT_MODEL})
    for label in labels:
        textcat.add_label(label)

    def to_example(text: str, label: str) -> SpacyExample:
        cats = {lab: float(lab == label) for lab in labels}
        return SpacyExample.from_dict(nlp.make_doc(for_classifier(text)), {"cats": cats})

    train_set = [to_example(text, label)
                 for text, label in _with_noise([(first_pages_text(s.pages), s.label) for s in samples], rng, copies=1)]
    optimizer = nlp.initialize(lambda: train_set)
    losses_per_epoch = []
    for epoch in range(epochs):
        rng.shuffle(train_set)
        losses: dict[str, float] = {}
        for batch in spacy.util.minibatch(train_set, size=32):
            nlp.update(batch, sgd=optimizer, drop=0.2, losses=losses)
        losses_per_epoch.append(round(losses.get("textcat", 0.0), 4))
        if progress:
            progress(epoch + 1, epochs, f"epoch {epoch + 1}/{epochs} loss {losses_per_epoch[-1]:.3f}")
    return _Fitted(nlp, labels, losses_per_epoch)


def _offset(progress: Progress | None, done: int, total: int, prefix: str) -> Progress | None:
    """A progress callback for one of several trainings, counting steps over all of them."""
    if progress is None:
        return None
    return lambda step, _, message: progress(done + step, total, prefix + message)


def _check_labels(examples: list[Example]) -> None:
    unknown = {label for _, label in examples} - set(TEXT_LABELS)
    if unknown:
        raise ValueError(f"unknown document types in the training examples: {', '.join(sorted(unknown))}")


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


def _with_noise_pages(samples: list[Sample], seed: int) -> list[Sample]:
    """Each document as it is, plus its reading by a simulated OCR (text only, no word boxes)."""
    noisy = _with_noise([(s.text, s.label) for s in samples], random.Random(seed), copies=1)[1::2]
    return samples + [Sample(pages_of(text), label, s.family, s.source) for (text, label), s in zip(noisy, samples)]


@dataclass
class Scores:
    """What calibration is fitted on: raw textcat scores, title and code evidence, true label indexes."""

    probs: np.ndarray
    evidence: np.ndarray
    codes: np.ndarray
    truth: list[int]

    @staticmethod
    def joined(parts: list[Scores]) -> Scores:
        parts = [p for p in parts if p.truth]
        if not parts:
            return Scores(np.zeros((0, 0)), np.zeros((0, 0)), np.zeros((0, 0)), [])
        return Scores(np.vstack([p.probs for p in parts]), np.vstack([p.evidence for p in parts]),
                      np.vstack([p.codes for p in parts]), [t for p in parts for t in p.truth])


def _scores(fitted: _Fitted, samples: list[Sample]) -> Scores:
    model = fitted.model()
    known = [s for s in samples if s.label in model.labels]
    if not known:
        empty = np.zeros((0, len(model.labels)))
        return Scores(empty, empty, empty, [])
    return Scores(model.raw_probabilities([first_pages_text(s.pages) for s in known]),
                  model.title_evidence([read_title(s.pages) for s in known]),
                  model.title_evidence([read_code(s.pages) for s in known]),
                  [model.labels.index(s.label) for s in known])


def _calibrate(report: TrainReport, scores: Scores, labels: list[str]) -> None:
    if not scores.truth:
        return
    report.temperature, report.title_weight, report.code_weight = fit_title_calibration(
        scores.probs, scores.evidence, scores.truth, scores.codes)
    truth = np.asarray(scores.truth)
    untitled = untitled_invoices(scores.probs, scores.evidence, scores.codes, invoice_columns(labels))
    report.untitled_temperature = fit_untitled_temperature(scores.probs, truth, untitled, report.temperature)
    report.untitled_examples = int(untitled.sum())
    if untitled.any():
        report.untitled_accuracy = round(float((scores.probs[untitled].argmax(axis=1) == truth[untitled]).mean()), 4)
    calibrated = scale(scores.probs, row_temperatures(untitled, report.temperature, report.untitled_temperature),
                       scores.evidence, report.title_weight, scores.codes, report.code_weight)
    correct = calibrated.argmax(axis=1) == truth
    raw_correct = scores.probs.argmax(axis=1) == truth
    report.calibration_accuracy = round(float(correct.mean()), 4)
    report.ece_before = round(expected_calibration_error(scores.probs.max(axis=1), raw_correct), 4)
    report.ece_after = round(expected_calibration_error(calibrated.max(axis=1), correct), 4)
    report.confident_mistakes = int(((calibrated.max(axis=1) >= CONFIDENT) & ~correct).sum())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m demat.training.train", description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=SHIPPED_MODEL, help="model folder (replaced atomically)")
    parser.add_argument("--per-type", type=int, default=DEFAULT_PER_TYPE,
                        help="generated training texts per type")
    parser.add_argument("--grammar-per-family", type=int, default=None,
                        help="documents of each TUNED family of the independent corpus (default: per type / 5)")
    parser.add_argument("--folds", type=int, default=FOLDS, help="leave-family-out folds for the calibration")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--epochs", type=int, default=EPOCHS)
    args = parser.parse_args(argv)

    def show(step: int, total: int, message: str) -> None:
        print(f"[{step}/{total}] {message}", file=sys.stderr, flush=True)

    report = build_model(args.out, args.per_type, args.seed, progress=show, epochs=args.epochs, folds=args.folds,
                         grammar_per_family=args.grammar_per_family)
    print(report.summary())
    return 0


if __name__ == "__main__":
    sys.exit(main())
