"""A page as the grammar draws it: text, rules, boxes and drawn logos, in millimetres.

Kept apart from the sample generator's layout engine on purpose: the point of the
grammar is layouts the extractor was never tuned on. Renders to a born-digital
PDF with reportlab (its standard fonts plus Debian's DejaVu TTFs).
"""

from __future__ import annotations

import functools
import io
from dataclasses import dataclass, field
from pathlib import Path

from reportlab import rl_config
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

rl_config.invariant = 1  # same bytes on every run: the committed sets regenerate identically

A4 = (210.0, 297.0)
DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
# family -> (regular, bold); the TTF ones are registered on first use
FONTS = {
    "Helvetica": ("Helvetica", "Helvetica-Bold"),
    "Times": ("Times-Roman", "Times-Bold"),
    "Courier": ("Courier", "Courier-Bold"),
    "DejaVuSans": ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
    "DejaVuSerif": ("DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf"),
    "DejaVuMono": ("DejaVuSansMono.ttf", "DejaVuSansMono-Bold.ttf"),
    "DejaVuCondensed": ("DejaVuSansCondensed.ttf", "DejaVuSansCondensed-Bold.ttf"),
    # a pre-printed form filled in on a typewriter (G16): its "bold" slot is the typewriter's face
    "Helvetica+typewriter": ("Helvetica", "Courier"),
}


@dataclass
class Sheet:
    """One page. y grows downwards from the top edge, as one reads."""

    font: str = "Helvetica"
    size: tuple[float, float] = A4
    ops: list[tuple] = field(default_factory=list)

    def text(self, x: float, y: float, text: str, size: float = 9, bold: bool = False, align: str = "l",
             grey: float = 0.0) -> float:
        """Draw one line; returns its width in mm."""
        self.ops.append(("text", x, y, text, size, bold, align, grey))
        return self.width(text, size, bold)

    def lines(self, x: float, y: float, texts: list[str], size: float = 9, bold: bool = False,
              align: str = "l", leading: float = 1.35) -> float:
        """Draw lines one under the other; returns the y below the last."""
        for line in texts:
            self.text(x, y, line, size, bold, align)
            y += size * leading * 0.3528
        return y

    def rule(self, x0: float, y0: float, x1: float, y1: float, width: float = 0.5) -> None:
        self.ops.append(("rule", x0, y0, x1, y1, width))

    def box(self, x: float, y: float, w: float, h: float, width: float = 0.5, fill: float | None = None) -> None:
        self.ops.append(("box", x, y, w, h, width, fill))

    def logo(self, x: float, y: float, letters: str, size: float = 10, round_: bool = False) -> float:
        """A drawn logo: the company's initials in a frame. Returns its width."""
        w = self.width(letters, size * 1.6, True) + size * 0.6
        h = size * 0.9
        self.ops.append(("logo", x, y, w, h, letters, size * 1.6, round_))
        return w

    def width(self, text: str, size: float, bold: bool = False) -> float:
        return pdfmetrics.stringWidth(text, font_name(self.font, bold), size) / mm


def font_name(family: str, bold: bool) -> str:
    name = FONTS[family][1 if bold else 0]
    if name.endswith(".ttf"):
        _register(name)
        return name[:-4]
    return name


@functools.cache
def _register(file_name: str) -> None:
    path = DEJAVU / file_name
    if not path.exists():
        raise FileNotFoundError(f"{path} is missing: install the Debian package fonts-dejavu-core "
                                "(apt-get install fonts-dejavu-core fonts-dejavu-extra)")
    pdfmetrics.registerFont(TTFont(file_name[:-4], str(path)))


def pdf_bytes(sheets: list[Sheet], title: str) -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(sheets[0].size[0] * mm, sheets[0].size[1] * mm), invariant=1, pageCompression=1)
    canvas.setTitle(title)
    canvas.setAuthor("demat layout grammar")
    for sheet in sheets:
        canvas.setPageSize((sheet.size[0] * mm, sheet.size[1] * mm))
        for op in sheet.ops:
            _DRAW[op[0]](canvas, sheet, *op[1:])
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _text(canvas: Canvas, sheet: Sheet, x, y, text, size, bold, align, grey) -> None:
    canvas.setFillGray(grey)
    canvas.setFont(font_name(sheet.font, bold), size)
    draw = {"l": canvas.drawString, "r": canvas.drawRightString, "c": canvas.drawCentredString}[align]
    draw(x * mm, (sheet.size[1] - y) * mm, text)
    canvas.setFillGray(0)


def _rule(canvas: Canvas, sheet: Sheet, x0, y0, x1, y1, width) -> None:
    canvas.setLineWidth(width)
    canvas.line(x0 * mm, (sheet.size[1] - y0) * mm, x1 * mm, (sheet.size[1] - y1) * mm)


def _box(canvas: Canvas, sheet: Sheet, x, y, w, h, width, fill) -> None:
    canvas.setLineWidth(width)
    if fill is not None:
        canvas.setFillGray(fill)
    canvas.rect(x * mm, (sheet.size[1] - y - h) * mm, w * mm, h * mm, stroke=1, fill=fill is not None)
    canvas.setFillGray(0)


def _logo(canvas: Canvas, sheet: Sheet, x, y, w, h, letters, size, round_) -> None:
    canvas.setLineWidth(1.4)
    top = sheet.size[1] - y
    if round_:
        canvas.roundRect(x * mm, (top - h) * mm, w * mm, h * mm, 2 * mm)
    else:
        canvas.rect(x * mm, (top - h) * mm, w * mm, h * mm, fill=1)
        canvas.setFillGray(1)
    canvas.setFont(font_name(sheet.font, True), size)
    canvas.drawCentredString((x + w / 2) * mm, (top - h * 0.72) * mm, letters)
    canvas.setFillGray(0)


_DRAW = {"text": _text, "rule": _rule, "box": _box, "logo": _logo}
