"""Born-digital PDFs: draw a laid-out spec with reportlab, text layer included."""

from __future__ import annotations

import io
from pathlib import Path

from reportlab import rl_config
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from demat.samples.generator.layout import PAGE_H, PAGE_W, Rule, Text, font_name

rl_config.invariant = 1  # no timestamps or random ids: the committed set regenerates byte for byte
rl_config.useA85 = 0  # binary streams: scans stay small


def pdf_bytes(spec) -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(PAGE_W * mm, PAGE_H * mm), invariant=1, pageCompression=1)
    canvas.setTitle(spec.name)
    canvas.setAuthor("demat sample generator")
    for items in spec.pages:
        for item in items:
            if isinstance(item, Text):
                _text(canvas, spec.font, item)
            elif isinstance(item, Rule):
                _rule(canvas, item)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def render_pdf(spec, path: Path) -> None:
    Path(path).write_bytes(pdf_bytes(spec))


def _text(canvas: Canvas, family: str, item: Text) -> None:
    canvas.setFont(font_name(family, item.bold), item.size)
    x, y = item.x * mm, (PAGE_H - item.y) * mm
    draw = {"l": canvas.drawString, "r": canvas.drawRightString, "c": canvas.drawCentredString}[item.align]
    draw(x, y, item.text)


def _rule(canvas: Canvas, item: Rule) -> None:
    canvas.setLineWidth(0.6)
    if item.box:
        canvas.rect(item.x0 * mm, (PAGE_H - item.y1) * mm, (item.x1 - item.x0) * mm, (item.y1 - item.y0) * mm)
    else:
        canvas.line(item.x0 * mm, (PAGE_H - item.y0) * mm, item.x1 * mm, (PAGE_H - item.y1) * mm)
