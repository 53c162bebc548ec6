"""The saved document-type model: a spaCy textcat, the title reader, and demat's `meta.json`.

Layout of a model folder::

    meta.json   format version, spaCy version, labels, calibration (temperature,
                untitled temperature, title weight, code weight), corpus, seed
    nlp/        the spaCy pipeline (spacy.blank("it") + textcat), from nlp.to_disk

A folder is written whole or not at all (temp folder, then rename) and loaded
once per process. Anything that does not fit raises `ModelError`, never a crash
deep inside spaCy.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from demat.classifiers.calibration import row_temperatures, scale, untitled_invoices
from demat.classifiers.textnorm import for_classifier
from demat.classifiers.title import Title, read_code, read_title
from demat.kernel.document import LABELS, Page
from demat.kernel.errors import ModelError
from demat.kernel.schema import SCHEMA

FORMAT = "demat-doctype"
FORMAT_VERSION = 1
SHIPPED_MODEL = Path(__file__).resolve().parent / "model"
META = "meta.json"
NLP = "nlp"
# The type is in the title and the first pages: a 500-page contract's clauses
# about credit notes on page 300 must not outvote its first page.
FIRST_PAGES = 3


@dataclass
class DocTypeModel:
    """A loaded model: the spaCy pipeline, its labels and calibration."""

    path: Path
    nlp: Any
    meta: dict

    @property
    def temperature(self) -> float:
        return float(self.meta["calibration"]["temperature"])

    @property
    def untitled_temperature(self) -> float:
        """T for an invoice-like document whose title and code nobody read (models made before: T)."""
        return float(self.meta["calibration"].get("untitled_temperature", self.temperature))

    @property
    def title_weight(self) -> float:
        """How much a title of strength 1 adds to its type's log score (0 in models made before titles)."""
        return float(self.meta["calibration"].get("title_weight", 0.0))

    @property
    def code_weight(self) -> float:
        """How much a TipoDocumento code adds to its type's log score (0 in models made before codes)."""
        return float(self.meta["calibration"].get("code_weight", 0.0))

    @property
    def labels(self) -> list[str]:
        return list(self.meta["labels"])

    def raw_probabilities(self, texts: list[str]) -> np.ndarray:
        """Uncalibrated textcat scores, one row per text, columns in `labels` order."""
        docs = self.nlp.pipe(for_classifier(t) for t in texts)
        return np.array([[doc.cats.get(label, 0.0) for label in self.labels] for doc in docs], dtype=float)

    def title_evidence(self, titles: list[Title | None]) -> np.ndarray:
        """One row per document: the title's (or code's) strength in the column of the type it names."""
        evidence = np.zeros((len(titles), len(self.labels)))
        for row, title in enumerate(titles):
            if title and title.label in self.labels:
                evidence[row, self.labels.index(title.label)] = title.strength
        return evidence

    def classify_pages(self, documents: list[list[Page]]) -> list[list[tuple[str, float]]]:
        """Calibrated (label, probability) pairs per document, most likely first, from its
        first pages' text and its title."""
        if not documents:
            return []
        texts = [first_pages_text(pages) for pages in documents]
        evidence = self.title_evidence([read_title(pages) for pages in documents])
        codes = self.title_evidence([read_code(pages) for pages in documents])
        raw = self.raw_probabilities(texts)
        untitled = untitled_invoices(raw, evidence, codes, invoice_columns(self.labels))
        probs = scale(raw, row_temperatures(untitled, self.temperature, self.untitled_temperature), evidence,
                      self.title_weight, codes, self.code_weight)
        return [sorted(zip(self.labels, map(float, row)), key=lambda lp: -lp[1]) for row in probs]

    def predict_many(self, texts: list[str]) -> list[list[tuple[str, float]]]:
        """The same from plain texts (pages split by form feeds, no word boxes)."""
        return self.classify_pages([pages_of(text) for text in texts])

    def predict(self, text: str) -> list[tuple[str, float]]:
        return self.predict_many([text])[0]


def invoice_columns(labels: list[str]) -> list[int]:
    """Where the invoice-like types are among `labels`."""
    return [i for i, label in enumerate(labels) if label in SCHEMA.invoice_labels]


def first_pages_text(pages: list[Page]) -> str:
    return "\n\f".join(p.text for p in pages[:FIRST_PAGES])


def pages_of(text: str) -> list[Page]:
    """A plain text as pages without word boxes: the title reader then goes by lines."""
    return [Page(number, page) for number, page in enumerate(text.split("\f"), start=1)]


def save_model(nlp: Any, meta: dict, out_dir: Path) -> None:
    """Write the model folder atomically: a half-written model is never visible."""
    out_dir = Path(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.new-", dir=out_dir.parent))
    try:
        nlp.to_disk(staging / NLP)
        full_meta = {"format": FORMAT, "format_version": FORMAT_VERSION, **meta}
        (staging / META).write_text(json.dumps(full_meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        _swap_in(staging, out_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _swap_in(staging: Path, out_dir: Path) -> None:
    # A directory cannot replace a non-empty one in one rename: move the old one
    # aside first, so a crash leaves either the old or the new model in place.
    retired = None
    if out_dir.exists():
        retired = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.old-", dir=out_dir.parent))
        out_dir.rename(retired / out_dir.name)
    staging.rename(out_dir)
    if retired:
        shutil.rmtree(retired, ignore_errors=True)


_cache: dict[tuple[Path, int], DocTypeModel] = {}
_lock = threading.Lock()


def load_model(path: Path | str | None = None) -> DocTypeModel:
    """The model in `path` (None or "" = the shipped one), loaded once per process."""
    path = Path(path).expanduser().resolve() if path else SHIPPED_MODEL
    meta_file = path / META
    try:
        key = (path, meta_file.stat().st_mtime_ns)
    except OSError:
        raise ModelError(f"no document-type model in {path}: {META} is missing") from None
    with _lock:
        if key not in _cache:
            _cache[key] = _load(path, meta_file)
        return _cache[key]


def _load(path: Path, meta_file: Path) -> DocTypeModel:
    meta = read_meta(meta_file)
    import spacy  # slow import: only when a model is actually needed

    major_minor = ".".join(spacy.__version__.split(".")[:2])
    saved = ".".join(str(meta.get("spacy_version", "")).split(".")[:2])
    if saved != major_minor:
        raise ModelError(f"{path}: model saved with spaCy {meta.get('spacy_version')}, "
                         f"this demat runs spaCy {spacy.__version__}")
    try:
        nlp = spacy.load(path / NLP)
    except Exception as exc:  # spaCy raises many kinds for a damaged folder
        raise ModelError(f"{path}: cannot load the spaCy pipeline: {exc}") from exc
    if "textcat" not in nlp.pipe_names:
        raise ModelError(f"{path}: the spaCy pipeline has no textcat component")
    return DocTypeModel(path=path, nlp=nlp, meta=meta)


def read_meta(meta_file: Path) -> dict:
    """The checked `meta.json` of a model folder."""
    try:
        meta = json.loads(meta_file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelError(f"{meta_file}: unreadable model description: {exc}") from exc
    if not isinstance(meta, dict) or meta.get("format") != FORMAT:
        raise ModelError(f"{meta_file}: not a demat document-type model")
    if meta.get("format_version") != FORMAT_VERSION:
        raise ModelError(f"{meta_file}: model format version {meta.get('format_version')!r}, "
                         f"this demat reads version {FORMAT_VERSION}")
    labels = meta.get("labels")
    if not isinstance(labels, list) or not labels or not set(labels) <= set(LABELS):
        raise ModelError(f"{meta_file}: labels {labels!r} are not demat document types")
    temperature = meta.get("calibration", {}).get("temperature")
    if not isinstance(temperature, (int, float)) or temperature <= 0:
        raise ModelError(f"{meta_file}: missing or invalid calibration temperature")
    for weight in ("title_weight", "code_weight", "untitled_temperature"):
        if not isinstance(meta["calibration"].get(weight, 0.0), (int, float)):
            raise ModelError(f"{meta_file}: invalid calibration {weight}")
    return meta
