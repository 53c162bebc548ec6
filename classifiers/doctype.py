"""Stage: the document type, with a calibrated confidence and the runners-up.

A FatturaPA file states its type exactly, and a person's correction is final,
so a classification from either is kept; everything else is classified from
its title and the text of its first pages (demat.classifiers.model).
"""

from __future__ import annotations

from demat.classifiers.model import load_model
from demat.kernel.document import Classification, Document, StageContext

ALTERNATIVES = 3


def run(doc: Document, ctx: StageContext) -> Document:
    """The type stage; the runner skips it when the type is already stated (a FatturaPA, an SdI notice)."""
    if not doc.text.strip():
        doc.classification = None  # nothing to read: the review stage says so
        return doc
    model = load_model(ctx.config.model_path())
    doc.classification = classify(model.classify_pages([doc.pages])[0])
    ctx.log.debug("type %s %.2f (%s)", doc.classification.label, doc.classification.confidence,
                  doc.original_name)
    return doc


def classify(ranked: list[tuple[str, float]]) -> Classification:
    """A `Classification` from (label, probability) pairs, most likely first."""
    label, confidence = ranked[0]
    top = [(lab, round(p, 4)) for lab, p in ranked[:ALTERNATIVES]]
    return Classification(label=label, confidence=round(confidence, 4), alternatives=top, source="classifier")
