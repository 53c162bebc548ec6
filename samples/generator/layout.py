"""Where each block of a `Plan` goes on an A4 page, for one layout variant.

Positions are millimetres from the top-left corner; `y` is the text baseline.
The result (pages of `Text` and `Rule` items) is shared by the PDF renderer and
by `spec_text`, so what a reader sees and what the PDF shows never drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.pdfbase.pdfmetrics import stringWidth

from demat.samples.generator.blocks import Heading, Pairs, Para, PartyBox, Plan, Space, Table, Totals

PAGE_W, PAGE_H = 210.0, 297.0
PT = 25.4 / 72  # one point in mm


@dataclass(frozen=True)
class Style:
    """One layout variant: the choices a real company's template would fix."""

    id: str
    font: str  # Helvetica, Times or Courier
    header: str  # left, right, center, band
    top: str  # side (pairs left, party right), side_rev, stack
    pairs: str  # column, inline, stacked, grid
    totals: str  # column, table, line
    amounts: str  # it, intl, plain
    margin: float = 18.0
    footer_issuer: bool = False  # repeat the issuer's data at the foot of each page


STYLES = {
    "L1": Style("L1", "Helvetica", "left", "side", "column", "column", "it"),
    "L2": Style("L2", "Times", "center", "stack", "inline", "table", "it"),
    "L3": Style("L3", "Helvetica", "right", "side_rev", "stacked", "column", "it", footer_issuer=True),
    "L4": Style("L4", "Courier", "left", "stack", "inline", "line", "intl", margin=15.0),
    "L5": Style("L5", "Times", "band", "side_rev", "grid", "table", "it", margin=20.0),
    "L6": Style("L6", "Helvetica", "center", "side", "stacked", "line", "plain", footer_issuer=True),
}
SPLIT_LAYOUTS = {"train": ("L1", "L2", "L3", "L4"), "holdout": ("L5", "L6")}


@dataclass(frozen=True)
class Text:
    x: float
    y: float
    text: str
    size: float = 9.0
    bold: bool = False
    align: str = "l"  # l, r, c: x is the left edge, right edge or centre


@dataclass(frozen=True)
class Rule:
    x0: float
    y0: float
    x1: float
    y1: float
    box: bool = False  # a rectangle from (x0, y0) to (x1, y1) instead of a line


Item = Text | Rule


def font_name(family: str, bold: bool) -> str:
    if family == "Times":
        return "Times-Bold" if bold else "Times-Roman"
    return f"{family}-Bold" if bold else family


def width_mm(text: str, family: str, size: float, bold: bool = False) -> float:
    return stringWidth(text, font_name(family, bold), size) * PT


def line_height(size: float) -> float:
    return size * PT * 1.35


class Flow:
    """Places items top to bottom, starting a new page when one is full."""

    def __init__(self, style: Style):
        self.style = style
        self.pages: list[list[Item]] = [[]]
        self.left = style.margin
        self.right = PAGE_W - style.margin
        self.top = style.margin + 4
        self.bottom = PAGE_H - style.margin - 10
        self.y = self.top

    @property
    def width(self) -> float:
        return self.right - self.left

    def need(self, height: float) -> None:
        if self.y + height > self.bottom:
            self.pages.append([])
            self.y = self.top

    def text(self, x: float, text: str, size: float = 9.0, bold: bool = False, align: str = "l") -> None:
        self.pages[-1].append(Text(x, self.y, text, size, bold, align))

    def rule(self, x0: float, y0: float, x1: float, y1: float, box: bool = False) -> None:
        self.pages[-1].append(Rule(x0, y0, x1, y1, box))

    def wrap(self, text: str, width: float, size: float, bold: bool = False) -> list[str]:
        lines, current = [], ""
        for word in text.split():
            candidate = f"{current} {word}".strip()
            if current and width_mm(candidate, self.style.font, size, bold) > width:
                lines.append(current)
                current = word
            else:
                current = candidate
        return lines + [current] if current else lines

    def clip(self, text: str, width: float, size: float, bold: bool = False) -> str:
        while text and width_mm(text, self.style.font, size, bold) > width:
            text = text[:-1]
        return text


def place(plan: Plan, style: Style) -> list[list[Item]]:
    flow = Flow(style)
    if plan.letterhead:
        _letterhead(flow, plan)
    _title(flow, plan.title)
    _top(flow, plan.top)
    for block in plan.body:
        _block(flow, block, flow.left, flow.width)
    _footers(flow, plan)
    return flow.pages


def _letterhead(flow: Flow, plan: Plan) -> None:
    head, style = plan.letterhead, flow.style
    lines = [] if style.footer_issuer else head.lines
    align, x = {"left": ("l", flow.left), "right": ("r", flow.right)}.get(style.header, ("c", flow.left + flow.width / 2))
    if head.logo and style.header in ("left", "right"):
        logo_x = flow.left if style.header == "left" else flow.right - 16
        flow.rule(logo_x, flow.y - 6, logo_x + 16, flow.y + 6, box=True)
        flow.y += 2
        flow.text(logo_x + 8, head.logo, 12, True, "c")
        flow.y -= 2
        x = flow.left + 20 if style.header == "left" else flow.right - 20
    if style.header == "band":
        flow.rule(flow.left, flow.y - 7, flow.right, flow.y + line_height(15) + len(lines) * line_height(8), box=True)
    flow.text(x, head.name, 15, True, align)
    flow.y += line_height(15)
    for line in lines:
        flow.text(x, line, 8, False, align)
        flow.y += line_height(8)
    flow.y += 8


def _title(flow: Flow, title: str) -> None:
    align, x = ("c", flow.left + flow.width / 2) if flow.style.header != "center" else ("l", flow.left)
    flow.text(x, title, 13, True, align)
    flow.y += line_height(13) + 3


def _top(flow: Flow, blocks: list[Pairs | PartyBox]) -> None:
    pairs = [b for b in blocks if isinstance(b, Pairs)]
    parties = [b for b in blocks if isinstance(b, PartyBox)]
    half = flow.width / 2
    if flow.style.top == "stack" or not parties:
        for block in parties + pairs:
            _block(flow, block, flow.left, flow.width)
        return
    if not pairs:  # a letter's recipient: right half or left half
        x = flow.left + half + 4 if flow.style.top == "side" else flow.left
        for block in parties:
            _block(flow, block, x, half - 4)
        return
    left, right = (pairs, parties) if flow.style.top == "side" else (parties, pairs)
    start = flow.y
    for block in left:
        _block(flow, block, flow.left, half - 4)
    end = flow.y
    flow.y = start
    for block in right:
        _block(flow, block, flow.left + half + 4, half - 4)
    flow.y = max(end, flow.y)


def _block(flow: Flow, block, x: float, width: float) -> None:
    {Pairs: _pairs, PartyBox: _party, Table: _table, Totals: _totals,
     Para: _para, Heading: _heading, Space: _space}[type(block)](flow, block, x, width)


def _party(flow: Flow, block: PartyBox, x: float, width: float) -> None:
    flow.need(line_height(9) * (len(block.lines) + 2))
    framed = flow.style.pairs == "grid"
    start = flow.y
    flow.text(x + 2, block.heading, 8, True)
    flow.y += line_height(8)
    for index, line in enumerate(block.lines):
        for part in flow.wrap(line, width - 4, 9, index == 0):
            flow.text(x + 2, part, 9, index == 0)
            flow.y += line_height(9)
    if framed:
        flow.rule(x, start - 4, x + width, flow.y - 1, box=True)
    flow.y += 4


def _pairs(flow: Flow, block: Pairs, x: float, width: float) -> None:
    if flow.style.pairs in ("column", "inline"):
        _pairs_lines(flow, block, x, width)
    else:
        _pairs_cells(flow, block, x, width)


def _pairs_lines(flow: Flow, block: Pairs, x: float, width: float) -> None:
    """One pair a line; a value too long for its line goes under its label, never cut."""
    font, column = flow.style.font, flow.style.pairs == "column"
    label_w = max(width_mm(label, font, 9, True) for label, _ in block.pairs) + 3
    for label, value in block.pairs:
        flow.need(line_height(9) * 2)
        if column:
            fits = width_mm(value, font, 9) <= width - label_w
            flow.text(x, label, 9, True)
            flow.y += 0 if fits else line_height(9)
            flow.text(x + (label_w if fits else 4), value, 9)
        else:
            line = f"{label} {value}" if label.endswith((":", ".", "-")) else f"{label}: {value}"
            if width_mm(line, font, 9) <= width:
                flow.text(x, line, 9)
            else:
                flow.text(x, line[: len(line) - len(value)].rstrip(), 9)
                flow.y += line_height(9)
                flow.text(x + 4, value, 9)
        flow.y += line_height(9)
    flow.y += 4


def _pairs_cells(flow: Flow, block: Pairs, x: float, width: float) -> None:
    """Small label above a bold value, cells side by side as wide as their content."""
    font, rows, row, used = flow.style.font, [], [], 0.0
    for label, value in block.pairs:
        cell = max(width_mm(label, font, 7), width_mm(value, font, 9, True), 30) + 4
        if row and used + cell > width:
            rows.append(row)
            row, used = [], 0.0
        row.append((label, value, cell))
        used += cell
    rows.append(row)
    for row in rows:
        spare = (width - sum(cell for _, _, cell in row)) / len(row)
        flow.need(line_height(7) + line_height(9) + 2)
        top, left = flow.y, x
        for label, _, cell in row:
            flow.text(left + 1.5, flow.clip(label, cell + spare - 3, 7), 7)
            left += cell + spare
        flow.y += line_height(9) + 0.5
        left = x
        for _, value, cell in row:
            flow.text(left + 1.5, flow.clip(value, cell + spare - 3, 9, True), 9, True)
            if flow.style.pairs == "grid":
                flow.rule(left, top - 3.5, left + cell + spare, flow.y + 2, box=True)
            left += cell + spare
        flow.y += line_height(9) + 1.5
    flow.y += 3


def _table(flow: Flow, block: Table, x: float, width: float) -> None:
    edges = [x]
    for fraction in block.widths:
        edges.append(edges[-1] + fraction * width)

    def row(cells: list[str], bold: bool) -> None:
        for index, cell in enumerate(cells):
            left, right, align = edges[index], edges[index + 1], block.aligns[index]
            text = flow.clip(cell, right - left - 2, 8.5, bold)
            anchor = {"l": left + 1, "r": right - 1, "c": (left + right) / 2}[align]
            flow.text(anchor, text, 8.5, bold, align)
        flow.y += line_height(8.5) + 0.6

    def header() -> None:
        if flow.style.totals == "table" or flow.style.pairs == "grid":
            flow.rule(edges[0], flow.y - 3.5, edges[-1], flow.y + 1.5, box=True)
        row(block.header, True)
        flow.rule(edges[0], flow.y - 2.5, edges[-1], flow.y - 2.5)
        flow.y += 0.5

    flow.need(line_height(8.5) * 3)
    header()
    for cells in block.rows:
        before = len(flow.pages)
        flow.need(line_height(8.5) + 1)
        if len(flow.pages) != before:
            header()
        row(cells, False)
    flow.rule(edges[0], flow.y - 2.5, edges[-1], flow.y - 2.5)
    flow.y += 4


def _totals(flow: Flow, block: Totals, x: float, width: float) -> None:
    kind = flow.style.totals
    last = len(block.pairs) - 1
    if kind == "line":
        flow.need(line_height(10) * 2)
        parts = [f"{label} {value}" for label, value in block.pairs]
        for line in flow.wrap("   ".join(parts[:-1]), width, 9) + [parts[-1]]:
            is_last = line == parts[-1]
            flow.text(x + width if is_last else x, line, 10 if is_last else 9, is_last, "r" if is_last else "l")
            flow.y += line_height(10)
        flow.y += 3
        return
    box_w = min(width, 85)
    left = x + width - box_w
    flow.need(line_height(10) * (len(block.pairs) + 1))
    for index, (label, value) in enumerate(block.pairs):
        bold = index == last
        size = 10 if bold else 9
        if kind == "table":
            flow.rule(left, flow.y - 3.8, x + width, flow.y + 1.6, box=True)
            flow.rule(left + box_w * 0.55, flow.y - 3.8, left + box_w * 0.55, flow.y + 1.6)
        flow.text(left + 1.5, label, size, bold)
        flow.text(x + width - 1.5, value, size, bold, "r")
        flow.y += line_height(10) + (0.4 if kind == "table" else 0)
    flow.y += 4


def _para(flow: Flow, block: Para, x: float, width: float) -> None:
    for line in flow.wrap(block.text, width, 9.5, block.bold):
        flow.need(line_height(9.5))
        anchor = {"l": x, "r": x + width, "c": x + width / 2}[block.align]
        flow.text(anchor, line, 9.5, block.bold, block.align)
        flow.y += line_height(9.5)
    flow.y += 2


def _heading(flow: Flow, block: Heading, x: float, width: float) -> None:
    flow.need(line_height(11) * 3)
    flow.y += 2
    flow.text(x, block.text, 11, True)
    if flow.style.header in ("left", "band"):
        flow.rule(x, flow.y + 1.2, x + width, flow.y + 1.2)
    flow.y += line_height(11) + 1


def _space(flow: Flow, block: Space, x: float, width: float) -> None:
    flow.y += block.mm


def _footers(flow: Flow, plan: Plan) -> None:
    lines = list(plan.footer)
    if flow.style.footer_issuer and plan.letterhead:
        lines.insert(0, " - ".join([plan.letterhead.name] + plan.letterhead.lines))
    count = len(flow.pages)
    for number, page in enumerate(flow.pages, start=1):
        y = PAGE_H - flow.style.margin
        for line in reversed([part for text in lines for part in flow.wrap(text, flow.width, 7)]):
            page.append(Text(flow.left + flow.width / 2, y, line, 7, False, "c"))
            y -= line_height(7)
        if count > 1:
            page.append(Text(flow.right, PAGE_H - flow.style.margin + 5, f"Pag. {number} di {count}", 7, False, "r"))
