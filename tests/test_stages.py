"""Stages with declared contracts: skipped when their output is there, checked in order, run again from one stage;
and every log line of a job tagged with its job and stage, with each stage's time."""

from __future__ import annotations

import dataclasses
import logging
import shutil
from pathlib import Path

import pytest

from demat.extractors import text
from demat.indexer.catalog import Catalog
from demat.kernel.config import load_config
from demat.kernel.document import Document, StageContext
from demat.pipeline import logcontext
from demat.pipeline.app import App
from demat.pipeline.executor import SerialExecutor
from demat.pipeline.stages import Pipeline, Stage, default_pipeline, rerun
from demat.samples.generator import make_spec, write_fatturapa
from helpers import SAMPLES

LETTER = SAMPLES / "lettera-L1-s0007.pdf"


def lotto(folder: Path) -> Path:
    path = folder / "IT01234567890_00041.xml"
    write_fatturapa(make_spec("fattura", 41), path, lotto=[make_spec("nota_credito", 42)])
    return path


def context(tmp_path: Path) -> StageContext:
    return StageContext(load_config(tmp_path / "home"), SerialExecutor(), tmp_path)


def test_a_stage_whose_output_is_there_is_skipped(tmp_path):
    """A FatturaPA states its type and fields: the type and fields stages are not even called for it."""
    called = []

    def recording(name):
        def run(doc, ctx):
            called.append((name, Path(doc.original_name).name))
            return doc
        return run

    pipeline = Pipeline([
        Stage("text", text.run, provides=("media_type", "extractor", "pages"), per_file=True),
        Stage("type", recording("type"), requires=("pages",), provides=("classification",)),
        Stage("fields", recording("fields"), requires=("pages", "classification"), provides=("fields",)),
        Stage("review", recording("review"), requires=("fields",), provides=("review_reasons",), always=True),
    ])
    xml = lotto(tmp_path)
    documents = pipeline.run(Document(path=xml, original_name=xml.name), context(tmp_path))
    assert [d.label for d in documents] == ["fattura", "nota_credito"]
    assert called == [("review", xml.name), ("review", xml.name)]
    called.clear()
    pipeline.run(Document(path=LETTER, original_name=LETTER.name), context(tmp_path))
    assert called == [("type", LETTER.name), ("fields", LETTER.name), ("review", LETTER.name)]


def test_the_order_of_the_stages_is_checked_when_the_pipeline_is_made():
    reading = Stage("text", text.run, provides=("pages",), per_file=True)
    typing = Stage("type", lambda doc, ctx: doc, requires=("pages",), provides=("classification",))
    with pytest.raises(ValueError, match="type requires pages"):
        Pipeline([typing, reading])
    with pytest.raises(ValueError, match="text reads the file"):
        Pipeline([Stage("first", lambda doc, ctx: doc, provides=("pages",)), reading])
    with pytest.raises(ValueError, match="pagine is not an attribute"):
        Pipeline([Stage("text", text.run, provides=("pagine",), per_file=True)])
    assert [s.name for s in Pipeline([reading, typing]).stages] == ["text", "type"]


def test_rerun_from_review_judges_again_what_a_person_left(tmp_path):
    catalog = Catalog(tmp_path / "catalog.sqlite3")
    config = load_config(tmp_path / "home")
    [doc, _] = default_pipeline(catalog).run(Document(path=lotto(tmp_path), original_name="IT01234567890_00041.xml"),
                                             context(tmp_path))
    first = ([r.code for r in doc.review_reasons], doc.department)
    assert "unknown_supplier" in first[0] and first[1]
    assert ([r.code for r in rerun(config, catalog, doc, "review").review_reasons], doc.department) == first
    doc.reviewed_by_person = True  # a person's type and supplier are not judged again
    doc.department = "altro"
    rerun(config, catalog, doc, "review")
    assert ([r.code for r in doc.review_reasons], doc.department) == ([c for c in first[0] if c != "unknown_supplier"],
                                                                       first[1])


def test_rerun_of_the_text_stage_alone_reads_the_file_again(tmp_path):
    catalog = Catalog(tmp_path / "catalog.sqlite3")
    doc = Document(path=LETTER, original_name=LETTER.name)
    doc = rerun(load_config(tmp_path / "home"), catalog, doc, "text", "text")
    assert doc.extractor == "pdf" and doc.pages[0].words and doc.classification is None and doc.department is None


def test_every_log_line_of_a_job_says_its_job_and_stage_and_each_stage_its_time(home, caplog):
    caplog.set_level(logging.DEBUG, logger="demat")
    with App(load_config(home)) as app:
        xml = lotto(home)
        letter = Path(shutil.copy(LETTER, home))
        jobs = [app.copy_in(xml, xml.name), app.copy_in(letter, letter.name)]
        caplog.clear()
        outcomes = app.run_jobs(jobs)  # two at once (documents_in_parallel = 2): their tags must not mix
    assert [o.status for o in outcomes] == ["archived", "archived"]
    ours = [r for r in caplog.records if r.name.startswith("demat")]
    assert {r.job for r in ours} == {str(job.id) for job in jobs}

    def tagged(job, stage):
        return [r for r in ours if r.job == str(job.id) and r.stage == stage]

    for job, skipped in zip(jobs, [{"type", "fields"}, set()]):
        for stage in ("text", "type", "fields", "layouts", "review", "route"):
            timed = [r for r in tagged(job, stage) if r.getMessage().startswith(f"{stage} took ")]
            if stage in skipped:
                assert timed == [] and any("skipped" in r.getMessage() for r in tagged(job, stage))
            else:  # once per document: the lotto has two
                assert len(timed) == (2 if job is jobs[0] and stage != "text" else 1)
                assert all(isinstance(r.args[1], float) and r.args[1] >= 0 for r in timed)
    for job, path in zip(jobs, (xml, letter)):  # the routing stage's own lines name their file
        routed = [r for r in ours if r.stage == "route" and "->" in r.getMessage()]
        assert {r.job for r in routed if r.getMessage().startswith(path.name)} == {str(job.id)}
    [routed] = [r for r in tagged(jobs[1], "route") if "->" in r.getMessage()]
    assert f"[job {jobs[1].id}, route]" in logging.Formatter(logcontext.FORMAT).format(routed)


def test_the_review_stage_alone_gives_every_reason_of_a_file_read_by_the_pipeline(tmp_path):
    """Failed checks of the file (a repaired FatturaPA), of its values, the unknown supplier: all from one stage."""
    catalog = Catalog(tmp_path / "catalog.sqlite3")
    path = tmp_path / "IT01234567890_00043.xml.p7m"
    write_fatturapa(make_spec("fattura", 43), path, signed="pem", quirks=("bom", "stray_quote_in_namespace"))
    [doc] = default_pipeline(catalog).run(Document(path=path, original_name=path.name), context(tmp_path))
    assert {"check_failed", "unknown_supplier"} <= {r.code for r in doc.review_reasons}
    again = rerun(load_config(tmp_path / "home"), catalog, dataclasses.replace(doc, review_reasons=[]), "review")
    assert [r.to_dict() for r in again.review_reasons] == [r.to_dict() for r in doc.review_reasons]
