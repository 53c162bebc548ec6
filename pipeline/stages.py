"""The stages of the runner, each declaring what it needs on the Document and what it gives it.

A stage is skipped when everything it provides is already there: a FatturaPA
states its type and fields while its text is read, so the type and fields
stages pass it by, with no sentinel in them. A stage that improves what is there
(the supplier layouts: the fields, and which of them they could not read) always runs, and so does
the review stage, which judges whatever the others left (some add reasons of
their own). The order is checked once, when the pipeline is made: each stage
needs only what an earlier one provides.

`rerun(doc, from_stage)` runs a document again from one stage (corrections,
confirmations), after clearing what that stage and the later ones provide.
"""

from __future__ import annotations

import dataclasses
import logging
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from demat.indexer.catalog import Catalog
from demat.kernel.config import Config
from demat.kernel.document import Document, Reason, StageContext
from demat.kernel.document import Stage as StageFunction
from demat.pipeline import logcontext

log = logging.getLogger("demat.stages")
DEFAULTS = {f.name: f for f in dataclasses.fields(Document)}


@dataclass(frozen=True)
class Stage:
    """One step of the pipeline and its contract: Document attributes it reads and writes."""

    name: str
    run: StageFunction
    requires: tuple[str, ...] = ()
    provides: tuple[str, ...] = ()
    always: bool = False  # runs even when its output is there
    per_file: bool = False  # runs once on the file; the documents it finds (a lotto's parts) go on one by one

    def skipped(self, doc: Document) -> bool:
        return not self.always and bool(self.provides) and all(present(doc, name) for name in self.provides)


def present(doc: Document, name: str) -> bool:
    """Whether attribute NAME of DOC holds more than its empty default."""
    return getattr(doc, name) != _empty(name)


def _empty(name: str) -> Any:
    f = DEFAULTS[name]
    return f.default_factory() if f.default_factory is not dataclasses.MISSING else f.default


class Pipeline:
    """The stages in order, run on a document and on each part of a lotto."""

    def __init__(self, stages: list[Stage]):
        check_order(stages)
        self.stages = stages

    def run(self, doc: Document, ctx: StageContext) -> list[Document]:
        """The documents of one file (itself, then a lotto's parts), each taken through every stage."""
        file_stages = [s for s in self.stages if s.per_file]
        document_stages = [s for s in self.stages if not s.per_file]
        doc = self._through(doc, ctx, file_stages)
        return [self._through(d, ctx, document_stages) for d in [doc, *doc.parts]]

    def rerun(self, doc: Document, ctx: StageContext, start: str, stop: str | None = None) -> Document:
        """DOC taken again through the stages from START to STOP (the last one if None)."""
        names = [s.name for s in self.stages]
        first, last = names.index(start), names.index(stop or names[-1])
        stages = self.stages[first:last + 1]
        for stage in stages:
            for name in stage.provides:
                setattr(doc, name, _empty(name))
        return self._through(doc, ctx, stages)

    def _through(self, doc: Document, ctx: StageContext, stages: list[Stage]) -> Document:
        for stage in stages:
            with logcontext.stage(stage.name):
                if stage.skipped(doc):
                    log.debug("skipped: %s already there", ", ".join(stage.provides))
                    continue
                started = time.perf_counter()
                result = stage.run(doc, ctx)
                if not isinstance(result, Document):
                    raise TypeError(f"stage {stage.name} returned {type(result).__name__}, not Document")
                doc = result
                log.info("%s took %.3f s", stage.name, time.perf_counter() - started)
        return doc


def check_order(stages: list[Stage]) -> None:
    """Raise if a stage requires what no earlier stage provides, or file stages follow document ones."""
    provided: set[str] = set()
    for i, stage in enumerate(stages):
        missing = [name for name in stage.requires if name not in provided]
        if missing:
            raise ValueError(f"stage {stage.name} requires {', '.join(missing)}, which no earlier stage provides")
        if stage.per_file and any(not s.per_file for s in stages[:i]):
            raise ValueError(f"stage {stage.name} reads the file: it must come before the document stages")
        unknown = [name for name in (*stage.requires, *stage.provides) if name not in DEFAULTS]
        if unknown:
            raise ValueError(f"stage {stage.name}: {', '.join(unknown)} is not an attribute of Document")
        provided.update(stage.provides)


def default_pipeline(catalog: Catalog) -> Pipeline:
    """text → type → fields → supplier layouts → review → route, with what the catalog knows."""
    from demat.classifiers import doctype, routing
    from demat.extractors import fields, layouts, text
    from demat.pipeline.layout_memory import CatalogLayouts

    return Pipeline([
        Stage("text", text.run, provides=("media_type", "extractor", "pages"), per_file=True),
        Stage("type", doctype.run, requires=("pages",), provides=("classification",)),
        Stage("fields", fields.run, requires=("pages", "classification"), provides=("fields",)),
        Stage("layouts", layouts.make_layout_stage(CatalogLayouts(catalog)),
              requires=("pages", "classification", "fields"), provides=("read_away", "accepted"), always=True),
        Stage("review", review_stage(CatalogSuppliers(catalog)), requires=("classification", "fields"),
              provides=("review_reasons",), always=True),
        Stage("route", routing.run, requires=("pages", "classification", "fields"), provides=("department",)),
    ])


class CatalogSuppliers:
    """The suppliers a person confirmed, as the review stage asks for them."""

    def __init__(self, catalog: Catalog):
        self.catalog = catalog

    def is_known(self, vat: str) -> bool:
        return self.catalog.supplier(vat) is not None


def review_stage(known_suppliers: CatalogSuppliers) -> StageFunction:
    """The one place review reasons are decided: failed checks of the file, learnt fields read away from
    their place in the supplier's layout, failed checks of the values and missing fields (but those the
    supplier's confirmation accepted, as the layouts stage names them in `Document.accepted`); then an uncertain
    type and an unknown supplier. Once a person has looked at the document only its values are judged again."""
    from demat.classifiers import review
    from demat.extractors.fields.checks import add_review_reasons, run_checks

    judge = review.make_review_stage(known_suppliers)

    def run(doc: Document, ctx: StageContext) -> Document:
        if not doc.reviewed_by_person:
            for check in (c for c in doc.checks if not c.passed):
                doc.add_review_reason(Reason.failed(check))
            for name in doc.read_away:
                doc.add_review_reason(Reason(f"{name} read away from its place in the supplier's layout",
                                             "read_away", field=name))
        run_checks(doc.fields)
        add_review_reasons(doc)
        return doc if doc.reviewed_by_person else judge(doc, ctx)

    return run


@contextmanager
def scratch_context(config: Config) -> Iterator[StageContext]:
    """A context for running stages outside a job: serial, with a work folder removed afterwards."""
    from demat.pipeline.executor import SerialExecutor

    with tempfile.TemporaryDirectory(prefix="demat-rerun-") as work:
        yield StageContext(config, SerialExecutor(), Path(work))


def rerun(config: Config, catalog: Catalog, doc: Document, start: str, stop: str | None = None) -> Document:
    """DOC taken again through the default stages from START to STOP, outside a job (see `Pipeline.rerun`)."""
    with scratch_context(config) as ctx:
        return default_pipeline(catalog).rerun(doc, ctx, start, stop)
