"""OCR with the real tesseract on a few small pages: scans, mixed PDFs, rotation, skew, searchable PDF."""

from __future__ import annotations

import io
from pathlib import Path

import pdfplumber
import pytest
from PIL import Image, ImageDraw, ImageFont
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from demat.extractors import images, scan_cleanup, searchable_pdf, text
from demat.extractors.layouts.reread import scan_reader
from demat.extractors.ocr import PageJob, ocr_page, parse_tsv, read_box, upright
from demat.kernel.config import load_config
from demat.kernel.document import Document, StageContext
from demat.pipeline.executor import ProcessExecutor, SerialExecutor

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
DPI = 200
LETTER = [
    "Spett.le Ditta Rossi S.r.l.",
    "Oggetto: fattura numero 2024/153",
    "Totale documento euro 1.471,60",
    "Pagamento con bonifico bancario",
    "Scadenza il 14 marzo 2024",
    "Distinti saluti dalla amministrazione",
]
LINE_STEP = 64  # pixels between baselines at DPI


def scan(lines=LETTER, size=(1100, 60 + LINE_STEP * 6 + 40)) -> Image.Image:
    """A clean grayscale 'scan' of a few lines of text, at DPI."""
    image = Image.new("L", size, 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, 34)
    for i, line in enumerate(lines):
        draw.text((60, 60 + i * LINE_STEP), line, font=font, fill=0)
    return image


def make_ctx(tmp_path: Path, executor=None, **overrides) -> StageContext:
    return StageContext(config=load_config(tmp_path, environ={}, overrides=overrides),
                        executor=executor or SerialExecutor(), work_dir=tmp_path / "work")


def run_text(path: Path, ctx: StageContext) -> Document:
    return text.run(Document(path=path, original_name=path.name), ctx)


def words_in(pdf_path: Path) -> list[list[str]]:
    with pdfplumber.open(pdf_path) as pdf:
        return [[w["text"] for w in page.extract_words()] for page in pdf.pages]


def test_scanned_pdf_is_ocred_page_by_page_in_worker_processes(tmp_path):
    path = tmp_path / "scansione.pdf"
    first, second = scan(), scan(["Documento di trasporto", "Causale vendita", "Colli 3 peso 12 kg"])
    first.save(path, "PDF", resolution=DPI, save_all=True, append_images=[second])
    executor = ProcessExecutor(2)
    try:
        doc = run_text(path, make_ctx(tmp_path, executor))  # ocr.dpi 300: rendered at the scan's 200
    finally:
        executor.shutdown()

    assert (doc.extractor, [p.source for p in doc.pages]) == ("pdf", ["ocr", "ocr"])
    page = doc.pages[0]
    assert page.number == 1 and doc.pages[1].number == 2
    assert "Totale documento euro 1.471,60" in page.text
    assert "trasporto" in doc.pages[1].text
    assert 0.8 < page.confidence <= 1.0
    assert (page.width, page.height) == pytest.approx((1100 * 72 / DPI, first.height * 72 / DPI), abs=1)
    totale = next(w for w in page.words if w.text == "Totale")
    x0, top, x1, bottom = totale.box  # in points: the line was drawn 60 px + 2 lines down
    assert x0 == pytest.approx(60 * 72 / DPI, abs=3)
    assert top == pytest.approx((60 + 2 * LINE_STEP) * 72 / DPI, abs=4)
    assert 0 <= totale.confidence <= 1

    searchable = words_in(doc.searchable_pdf)
    assert len(searchable) == 2
    assert "bonifico" in searchable[0] and "trasporto" in searchable[1]


def test_mixed_pdf_reads_the_text_layer_and_ocrs_only_the_scanned_page(tmp_path):
    path = tmp_path / "lettera_con_allegato.pdf"
    canvas = Canvas(str(path), pagesize=A4)
    canvas.drawString(72, 750, "Lettera di accompagnamento: in allegato la fattura scansionata.")
    canvas.showPage()
    image = scan()
    png = io.BytesIO()
    image.save(png, "PNG")
    width, height = image.width * 72 / DPI, image.height * 72 / DPI
    canvas.setPageSize((width, height))
    canvas.drawImage(ImageReader(png), 0, 0, width, height)
    canvas.showPage()
    canvas.save()

    doc = run_text(path, make_ctx(tmp_path))

    assert [p.source for p in doc.pages] == ["text_layer", "ocr"]
    assert "accompagnamento" in doc.pages[0].text and "bonifico" in doc.pages[1].text
    searchable = words_in(doc.searchable_pdf)
    assert len(searchable) == 2  # as many pages as the source
    assert "accompagnamento:" in searchable[0]  # the text page copied as it was
    assert "bonifico" in searchable[1]


@pytest.mark.parametrize("file_name, turned, rotation", [
    ("di_lato.png", 90, 90),  # scanned sideways: reads bottom to top, turn 90 clockwise
    ("capovolto.jpg", 180, 180),  # upside down
])
def test_sideways_and_upside_down_scans_are_read_and_shown_upright(tmp_path, file_name, turned, rotation):
    path = tmp_path / file_name
    scan().rotate(turned, expand=True).save(path, dpi=(DPI, DPI))

    doc = run_text(path, make_ctx(tmp_path))

    [page] = doc.pages
    assert page.rotation == rotation
    assert "Pagamento con bonifico bancario" in page.text
    assert page.width > page.height  # the upright page is landscape, like the original
    totale = next(w for w in page.words if w.text == "Totale")
    assert totale.box[1] == pytest.approx((60 + 2 * LINE_STEP) * 72 / DPI, abs=4)  # upright coordinates
    with pdfplumber.open(doc.searchable_pdf) as pdf:
        shown = pdf.pages[0]
        assert shown.width > shown.height  # /Rotate makes the viewer show it upright
        found = next(w for w in shown.extract_words() if w["text"] == "Totale")
        assert found["upright"] and found["top"] == pytest.approx(totale.box[1], abs=6)


@pytest.mark.parametrize("turned", [-3, 92])  # crooked on the glass; and sideways too
def test_a_box_of_a_page_is_read_again_alone_where_the_page_shows_it(tmp_path, turned):
    """A box of the upright, level page (points) found on the scan as loaded: its skew and its
    rotation undone. Each value of two neighbouring lines is read there, and nothing else."""
    path = tmp_path / "storta.png"
    scan().rotate(turned, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255).save(path, dpi=(DPI, DPI))
    [page] = run_text(path, make_ctx(tmp_path)).pages
    assert page.skew == pytest.approx(-(turned % 90 if turned > 0 else turned), abs=0.3)
    assert page.rotation == (90 if turned > 45 else 0)
    image = upright(images.load_frame(path, 0, DPI, 10**8)[0], page)

    for value, whitelist in (("1.471,60", "0123456789.,"), ("2024/153", "0123456789/"), ("14", "0123456789")):
        word = next(w for w in page.words if w.text == value)
        assert read_box(image, page, word.box, whitelist, "ita+eng", 60) == value


def test_a_page_whose_boxes_are_read_again_is_levelled_and_turned_once(tmp_path, monkeypatch):
    """Levelling and turning a whole scan costs more than reading a box: a document's reader makes each
    page upright once, however many of its boxes it reads again (the real levelling, counted)."""
    path = tmp_path / "storta.png"
    scan().rotate(92, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255).save(path, dpi=(DPI, DPI))
    doc = run_text(path, make_ctx(tmp_path))
    [page] = doc.pages
    levelled = []
    real_level = scan_cleanup.level
    monkeypatch.setattr(scan_cleanup, "level", lambda image, angle: levelled.append(angle) or real_level(image, angle))
    read = scan_reader(doc, make_ctx(tmp_path).config.ocr)

    for value, whitelist in (("1.471,60", "0123456789.,"), ("2024/153", "0123456789/"), ("14", "0123456789")):
        word = next(w for w in page.words if w.text == value)
        assert read(page, word.box, whitelist) == value
    assert levelled == [page.skew]


def test_multi_page_tiff_gives_one_page_per_frame(tmp_path):
    path = tmp_path / "fax.tiff"
    frames = [scan([f"Pagina numero {n} del fax", "Ufficio acquisti"], size=(900, 240)) for n in ("uno", "due", "tre")]
    frames[0].save(path, save_all=True, append_images=frames[1:], dpi=(DPI, DPI), compression="tiff_deflate")

    doc = run_text(path, make_ctx(tmp_path))

    assert (doc.media_type, doc.extractor) == ("image/tiff", "image")
    assert [p.number for p in doc.pages] == [1, 2, 3]
    for page, n in zip(doc.pages, ("uno", "due", "tre")):
        assert f"Pagina numero {n} del fax" in page.text
    assert len(words_in(doc.searchable_pdf)) == 3


def test_exif_orientation_is_applied_before_ocr(tmp_path):
    path = tmp_path / "foto.jpg"
    stored = scan().rotate(90, expand=True)  # the camera stored the pixels sideways...
    exif = Image.Exif()
    exif[0x0112] = 6  # ...and says: turn 90 degrees clockwise to display
    stored.save(path, dpi=(DPI, DPI), exif=exif, quality=90)

    # Tesseract's own orientation detection is off: only EXIF can make it upright.
    doc = run_text(path, make_ctx(tmp_path, ocr={"fix_orientation": False}))

    [page] = doc.pages
    assert page.rotation == 0 and page.width > page.height
    assert "Totale documento euro 1.471,60" in page.text


def test_skewed_page_is_straightened_before_ocr(tmp_path):
    path = tmp_path / "storto.png"
    scan().rotate(3, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255).save(path, dpi=(DPI, DPI))
    job = PageJob(load=images.load_frame, source=path, index=0, number=1, out_dir=tmp_path / "ocr",
                  languages="ita+eng", dpi=DPI, fix_orientation=True, deskew=True,
                  max_image_pixels=10**8, timeout=60)

    result = ocr_page(job)

    assert result.page.skew == pytest.approx(-3, abs=0.25)
    assert "Totale documento euro 1.471,60" in result.page.text
    assert result.pdf.exists()
    line_tops = {w.text: w.box[1] for w in result.page.words}
    assert line_tops["Totale"] == pytest.approx(line_tops["1.471,60"], abs=3)  # the line is level now


@pytest.mark.parametrize("angle", [-4.2, -1.5, 0.0, 2.0, 4.8])
def test_skew_is_measured_on_a_reduced_copy(angle):
    page = scan().rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)
    inspection = scan_cleanup.inspect(page)
    assert inspection.skew == pytest.approx(-angle, abs=0.25)
    assert not inspection.maybe_not_upright


@pytest.mark.parametrize("turned, sideways", [(90, True), (180, False), (270, True)])
def test_pages_not_upright_are_noticed_before_ocr(turned, sideways):
    page = scan().rotate(2.5, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
    inspection = scan_cleanup.inspect(page.rotate(turned, expand=True))
    assert inspection.sideways is sideways
    assert inspection.maybe_not_upright
    assert inspection.skew == pytest.approx(-2.5, abs=0.25)


def test_blank_page_is_left_alone():
    inspection = scan_cleanup.inspect(Image.new("L", (800, 600), 255))
    assert (inspection.skew, inspection.maybe_not_upright) == (0.0, False)


def test_reading_direction_of_lines_gives_the_rotation():
    right, up = [(10, 50), (80, 50), (150, 52)], [(50, 300), (50, 200), (52, 100)]
    assert scan_cleanup.reading_rotation([right, right]) == 0
    assert scan_cleanup.reading_rotation([up, up]) == 90
    assert scan_cleanup.reading_rotation([list(reversed(right))]) == 180
    assert scan_cleanup.reading_rotation([list(reversed(up))]) == 270
    assert scan_cleanup.reading_rotation([[(10, 10)]]) == 0  # one-word lines say nothing


def test_rotate_box_keeps_the_box_on_the_turned_page():
    box, width, height = (10, 20, 30, 25), 100, 200
    assert scan_cleanup.rotate_box(box, 90, width, height) == (175, 10, 180, 30)
    assert scan_cleanup.rotate_box(box, 180, width, height) == (70, 175, 90, 180)
    assert scan_cleanup.rotate_box(box, 270, width, height) == (20, 70, 25, 90)
    assert scan_cleanup.rotate_box(scan_cleanup.rotate_box(box, 90, width, height), 270, height, width) == box


def test_tsv_rows_without_words_are_dropped_and_lines_kept_together():
    tsv = "\n".join([
        "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext",
        "4\t1\t1\t1\t1\t0\t10\t10\t200\t20\t-1\t",
        "5\t1\t1\t1\t1\t1\t10\t10\t80\t20\t96.5\tTotale",
        "5\t1\t1\t1\t1\t2\t100\t10\t60\t20\t91.0\teuro",
        "5\t1\t1\t1\t1\t3\t170\t10\t5\t20\t95.0\t ",
        "5\t1\t1\t1\t2\t1\t10\t40\t80\t20\t88.0\t1.471,60",
    ])
    lines = parse_tsv(tsv)
    assert [[w.text for w in line] for line in lines] == [["Totale", "euro"], ["1.471,60"]]
    assert lines[0][0].box == (10, 10, 90, 30) and lines[0][0].confidence == pytest.approx(0.965)


def test_searchable_pdf_merges_long_documents_in_batches(tmp_path, monkeypatch):
    source = tmp_path / "cinque.pdf"
    canvas = Canvas(str(source), pagesize=A4)
    for n in range(5):
        canvas.drawString(72, 750, f"Pagina {n + 1}")
        canvas.showPage()
    canvas.save()
    monkeypatch.setattr(searchable_pdf, "BATCH", 2)

    merged = searchable_pdf.write([(source, i, 90 if i == 3 else 0) for i in range(5)], tmp_path / "out.pdf")

    assert [words[1] for words in words_in(merged)] == ["1", "2", "3", "4", "5"]
    with pdfplumber.open(merged) as pdf:
        assert [page.rotation for page in pdf.pages] == [0, 0, 0, 90, 0]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cinque.pdf", "out.pdf"]  # no batch files left
