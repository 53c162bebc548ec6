"""The benches that read the tuned families' drafts (bench/ocr.py's `grammar` source, bench/ocr_noise.py) draw
only the families the grammar draws: C0, a tuned courtesy copy rendered by a browser, has no draft, and with it
among TUNED both stopped with a KeyError before reading a page."""

from __future__ import annotations

from bench import ocr, ocr_noise
from demat.samples.grammar.corpus import tuned_grammar_families
from demat.samples.grammar.families import TUNED


def test_the_tuned_families_the_grammar_draws_are_the_tuned_ones_but_the_courtesy_copy():
    assert set(tuned_grammar_families()) == set(TUNED) - {"C0"}


def test_bench_ocr_draws_a_page_of_every_tuned_grammar_family():
    assert len(ocr.grammar_sheets(2 * len(TUNED), 7)) >= 2 * len(TUNED)


def test_bench_ocr_noise_reads_every_tuned_grammar_family_by_default(capsys):
    ocr_noise.main(["--seeds", "7", "--kinds", "case"])
    assert f"{len(tuned_grammar_families())} documents, seeds 7" in capsys.readouterr().out
