"""bench/extraction.py judges a goal on several draws: each grammar seed one draw, the tables pooled.

A small real run (born-digital documents of two tuned families, one per family and draw) through the
real text and fields stages; the figures themselves are not asserted, only that the draws add up."""

from __future__ import annotations

import re

import pytest

from bench import extraction

SMALL_RUN = ["--only", "independent", "--per-family", "1", "--families", "G1,G4", "--kinds", "born_digital"]


def _row(out: str, figure: str, group: str) -> list[str]:
    """The cells of one line of the goal table."""
    [line] = [line for line in out.splitlines() if line.startswith(figure) and f" {group} " in line]
    return line[len(figure):].split()[1:]


def test_two_seeds_give_each_draw_and_the_pooled_figures(capsys):
    extraction.main([*SMALL_RUN, "--grammar-seed", "301,302"])
    out = capsys.readouterr().out
    assert "fresh documents per family from seeds 301, 302" in out
    header = next(line for line in out.splitlines() if line.startswith("figure") and "pooled" in line)
    assert header.split()[2:] == ["301", "302", "pooled", "goal"]
    draws = [re.fullmatch(r"(\d+)/(\d+)=[\d.]+", cell).groups()
             for cell in _row(out, "invoices straight-through", "tuned")]
    (right1, all1), (right2, all2), pooled = [tuple(map(int, cell)) for cell in draws]
    assert pooled == (right1 + right2, all1 + all2) and all1 and all2
    assert not any(" never-tuned " in line for line in out.split("== goal lines")[1].splitlines())  # none read
    per_family = {line.split()[0]: line.split()[1] for line in out.splitlines() if re.match(r"G(1|4)\*? ", line)}
    assert per_family == {"G1*": "2", "G4*": "2"}  # the per-family table pools the two draws


def test_one_seed_prints_no_goal_table(capsys):
    extraction.main([*SMALL_RUN, "--grammar-seed", "301"])
    out = capsys.readouterr().out
    assert "from seed 301," in out and "goal lines per draw" not in out


def test_draws_that_share_documents_are_refused(capsys):
    with pytest.raises(SystemExit):
        extraction.main([*SMALL_RUN, "--per-family", "3", "--grammar-seed", "301,302"])
    assert "share documents" in capsys.readouterr().err
