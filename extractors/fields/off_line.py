"""Words a scan set on a line of their own though they stand at their caption's height.

A form's values are typed a little off the baseline of the captions printed on it ("N°" with "008435"
a point lower, "scadenza" with "29/07/2025" a little higher): the OCR groups such a value with the line
above or below, and the caption's own line ends with the caption.
"""

from __future__ import annotations

from demat.extractors.fields.labels import Label
from demat.extractors.fields.layout import Layout, Token

# Lines either side of the label looked at: those that may hold words at its height.
NEAR = 3


def words_beside(layout: Layout, label: Label) -> list[Token]:
    """The words right of LABEL, on the lines near it (a speck's line may come between), whose height overlaps
    the label's."""
    top, bottom = label.box[1], label.box[3]
    near = [ln for ln in layout.lines[max(label.line - NEAR, 0):label.line + NEAR + 1]
            if ln.index != label.line and ln.page == label.first.page]
    return sorted((t for ln in near for t in ln.tokens if t.box[0] > label.box[2] and t.box[1] < bottom and t.box[3] > top),
                  key=lambda t: t.box[0])
