"""The rules and frames in a page's ink: straight runs of ink longer than print makes.

A table's rules, a box's frame and a dark patch (a photo's desk, a grey fill
that binarises as ink) are straight runs of ink; letters are short ones. Up
and down, print never runs longer than about two letters (its lines have gaps
between them); across, a line of bold print blurred into one run does, but it
is as thick as its letters are tall, where a rule is thin. Found on a
binarised copy (a boolean array, True where there is ink), measured in letter
heights of that copy. Used to keep rules from joining the lines of text that
`scan_cleanup` measures, and from being read as print by `dropped_figures`.
"""

from __future__ import annotations

import numpy as np

RUN = 2.0  # in letter heights: a straight run of ink longer than this is a rule's or a patch's, not a letter's
THIN = 0.6  # in letter heights: a long run thinner than this across is a rule; thicker, a blurred line of print


def rules(ink: np.ndarray, letter: float, across: float = RUN) -> np.ndarray:
    """The rules and dark patches of INK, whose letters are LETTER pixels high: straight runs longer than
    RUN letters up and down, ACROSS letters across, a pixel's gap in them closed, and the ragged pixel
    beside them."""
    run, tall = round(RUN * letter), in_runs(ink, round(THIN * letter), 0)
    vertical = in_runs(_closed(ink, 0), run, 0)
    horizontal = in_runs(_closed(ink, 1), round(across * letter), 1) & ~tall
    return ink & (widened(vertical, 1) | widened(horizontal, 0))


def in_runs(ink: np.ndarray, length: int, axis: int) -> np.ndarray:
    """The pixels of INK that lie in a straight run of at least LENGTH inked pixels along AXIS."""
    if length > ink.shape[axis]:
        return np.zeros_like(ink)
    counts = np.cumsum(ink, axis=axis, dtype=np.int32)
    counts = np.concatenate([np.zeros_like(counts.take([0], axis=axis)), counts], axis=axis)
    ends = np.arange(length, ink.shape[axis] + 1)
    full = (counts.take(ends, axis=axis) - counts.take(ends - length, axis=axis)) == length  # at each run's start
    starts = np.cumsum(full, axis=axis, dtype=np.int32)
    starts = np.concatenate([np.zeros_like(starts.take([0], axis=axis)), starts], axis=axis)
    positions = np.arange(ink.shape[axis])
    last, first = np.minimum(positions, len(ends) - 1) + 1, np.maximum(positions - length + 1, 0)
    return (starts.take(last, axis=axis) - starts.take(first, axis=axis)) > 0  # some full run covers it


def widened(mask: np.ndarray, axis: int) -> np.ndarray:
    """MASK one pixel wider on both sides along AXIS."""
    return mask | _shifted(mask, 1, axis) | _shifted(mask, -1, axis)


def _closed(ink: np.ndarray, axis: int) -> np.ndarray:
    """INK with its one-pixel gaps along AXIS inked: a scanned rule's, lighter here and there."""
    return ink | _shifted(ink, 1, axis) & _shifted(ink, -1, axis)


def _shifted(mask: np.ndarray, by: int, axis: int) -> np.ndarray:
    """MASK moved BY pixels along AXIS, blank where it comes in: unlike np.roll, a rule at one edge of
    the page does not mark pixels at the other."""
    moved = np.zeros_like(mask)
    source, target = [slice(None)] * mask.ndim, [slice(None)] * mask.ndim
    source[axis], target[axis] = (slice(None, -by), slice(by, None)) if by > 0 else (slice(-by, None), slice(None, by))
    moved[tuple(target)] = mask[tuple(source)]
    return moved
