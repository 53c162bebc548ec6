"""Where a supplier's template sits on a new page: the words it always prints (anchors),
found again, tell how a scanner shifted or scaled the page; the remembered places move
with them. When they are not where the template puts them on a page that reads well,
the supplier has changed its invoice; on a page OCR reads poorly, too few of them
may be read to tell.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from statistics import median

from demat.extractors.legibility import POOR_CONFIDENCE
from demat.kernel.document import Box, Page

MIN_LENGTH = 4  # shorter words (IVA, N., EUR) are printed several times or read as something else
MAX_ANCHORS = 60  # per page: enough to fit a shift and a scale, few enough to keep a layout small
MIN_FOUND = 3  # anchors found again, fewer: the page stays as remembered
AGREE = 0.3  # the share of a page's anchors found in place that says the template is there
SHIFT_SLACK = 0.05  # first pass: how far (fraction of the page) an anchor may be from the median shift
FIT_SLACK = 0.012  # second pass: from the fitted shift and scale

Anchor = list  # [text, page, x_centre, y_centre], the centre in fractions of the page
IN_PLACE, MOVED, UNREAD, NOT_LEARNT = "in place", "moved", "unread", "not learnt"  # Placement.template


def learn_anchors(page: Page, key: int) -> list[Anchor]:
    """The words printed once on PAGE (its number in the layout: KEY), with their centres."""
    counts = Counter(_normal(w.text) for w in page.words)
    anchors = [[_normal(w.text), key, *_centre(w.box, page)] for w in page.words if _is_anchor(w.text, counts)]
    step = max(1, len(anchors) // MAX_ANCHORS)
    return anchors[::step][:MAX_ANCHORS]


@dataclass(frozen=True)
class Placement:
    """A remembered box on the new page: x * scale_x + shift_x, y * scale_y + shift_y (fractions of the page)."""

    scale_x: float = 1.0
    shift_x: float = 0.0
    scale_y: float = 1.0
    shift_y: float = 0.0
    in_place: int = 0  # anchors where it puts them
    found: int = 0  # anchors read anywhere on the page
    learnt: int = 0  # anchors the page had when confirmed
    readable: bool = True  # OCR read the page with a fair confidence

    def move(self, box: Box) -> Box:
        return (box[0] * self.scale_x + self.shift_x, box[1] * self.scale_y + self.shift_y,
                box[2] * self.scale_x + self.shift_x, box[3] * self.scale_y + self.shift_y)

    @property
    def template(self) -> str:
        """IN_PLACE, MOVED, UNREAD (a poorly read page without enough of them), or NOT_LEARNT (none remembered)."""
        enough = max(MIN_FOUND, AGREE * self.learnt)
        if not self.learnt:
            return NOT_LEARNT
        if self.in_place >= enough:
            return IN_PLACE
        return MOVED if self.readable or self.found - self.in_place >= enough else UNREAD


def find_placement(anchors: list[Anchor], page: Page, key: int) -> Placement:
    """How the anchors of page KEY moved on PAGE."""
    learnt = [a for a in anchors if a[1] == key]
    readable = page.confidence >= POOR_CONFIDENCE
    counts = Counter(_normal(w.text) for w in page.words)
    now = {_normal(w.text): _centre(w.box, page) for w in page.words if counts[_normal(w.text)] == 1}
    pairs = [((a[2], a[3]), now[a[0]]) for a in learnt if a[0] in now]
    if len(pairs) < MIN_FOUND:
        return Placement(found=len(pairs), learnt=len(learnt), readable=readable)
    found = len(pairs)
    dx = median(new[0] - old[0] for old, new in pairs)
    dy = median(new[1] - old[1] for old, new in pairs)
    near = [(old, new) for old, new in pairs
            if abs(new[0] - old[0] - dx) <= SHIFT_SLACK and abs(new[1] - old[1] - dy) <= SHIFT_SLACK]
    if len(near) < MIN_FOUND:
        return Placement(in_place=len(near), found=found, learnt=len(learnt), readable=readable)
    scale_x, shift_x = _fit([old[0] for old, _ in near], [new[0] for _, new in near], dx)
    scale_y, shift_y = _fit([old[1] for old, _ in near], [new[1] for _, new in near], dy)
    agree = [(old, new) for old, new in near if abs(old[0] * scale_x + shift_x - new[0]) <= FIT_SLACK
             and abs(old[1] * scale_y + shift_y - new[1]) <= FIT_SLACK]
    return Placement(scale_x, shift_x, scale_y, shift_y, len(agree), found, len(learnt), readable)


def _fit(old: list[float], new: list[float], shift: float) -> tuple[float, float]:
    """new = scale * old + shift by least squares; only the shift when the anchors are too close together."""
    mean_old, mean_new = sum(old) / len(old), sum(new) / len(new)
    spread = sum((o - mean_old) ** 2 for o in old)
    if spread < 0.01:
        return 1.0, shift
    scale = sum((o - mean_old) * (n - mean_new) for o, n in zip(old, new)) / spread
    return scale, mean_new - scale * mean_old


def _is_anchor(text: str, counts: Counter) -> bool:
    word = _normal(text)
    return len(word) >= MIN_LENGTH and counts[word] == 1 and any(c.isalpha() for c in word) \
        and not any(c.isdigit() for c in word)


def _normal(text: str) -> str:
    return text.strip(":.,;()").upper()


def _centre(box: Box, page: Page) -> tuple[float, float]:
    return (round((box[0] + box[2]) / 2 / page.width, 4), round((box[1] + box[3]) / 2 / page.height, 4))
