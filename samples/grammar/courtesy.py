"""Courtesy copies: FatturaPA XML from our own generator, printed by a stylesheet through a browser.

C1-C4 are other people's stylesheets (../shared/fixtures/fatturapa-stylesheets/, never
copied into the repository), turned into HTML with lxml's XSLT; C0 is our own
(`courtesy_sheet`, tuned), written as HTML in Python. Headless Chromium prints the
HTML to PDF either way. The XML is the exact truth for the expected values. Scanned
copies are the printed PDF rasterised and damaged like the grammar's own scans.
"""

from __future__ import annotations

import io
import json
import random
import shutil
import subprocess
import tempfile
from pathlib import Path

import pikepdf
from lxml import etree

from demat.samples.grammar import courtesy_sheet, damage, fsm10
from demat.samples.grammar.families import is_tuned

REPO = Path(__file__).resolve().parents[2]
# ../shared beside the clone; a git worktree in /work/wt/NAME has it two levels up
CANDIDATES = [REPO.parent / "shared", REPO.parent.parent / "shared"]
FIXTURE = Path("fixtures") / "fatturapa-stylesheets"
STYLESHEETS = {"C1": "Foglio_di_stile_fatturaordinaria_v1.2.2.xsl", "C2": "FoglioStileAssoSoftware.xsl",
               "C3": "FoglioStileSouthTyrol-bilingue.xsl", "C4": "fatturasemplificata_v1.0.xsl"}
OWN = "C0"  # our own stylesheet's family: needs only chromium
OWN_STYLESHEET = "demat.samples.grammar.courtesy_sheet"
SCAN_DAMAGE = ("flatbed", "faint", "lowres")


def stylesheets() -> Path | None:
    return next((c / FIXTURE for c in CANDIDATES if (c / FIXTURE).is_dir()), None)


def available(family: str | None = None) -> bool:
    """Can FAMILY's copies be rendered here (None: every courtesy family's)?"""
    if shutil.which("chromium") is None:
        return False
    return family == OWN or stylesheets() is not None


def absent_reason() -> str:
    if shutil.which("chromium") is None:
        return "chromium is not installed (apt-get install chromium)"
    return (f"the FatturaPA stylesheets are not in {' or '.join(str(c / FIXTURE) for c in CANDIDATES)} "
            "(../shared is there on the developers' machines only)")


def invoice_xml(seed: int) -> tuple[str, bytes, dict, str]:
    """Our generator's FatturaPA for SEED: (file name, XML bytes, expected fields, document type)."""
    import demat.samples.generator as gen

    doc_type = ("fattura", "fattura", "nota_credito")[seed % 3]
    spec = gen.make_spec(doc_type, seed, "holdout")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / gen.fatturapa_file_name(spec)
        [fields] = gen.write_fatturapa(spec, path)
        return path.name, path.read_bytes(), fields, doc_type


def render_pdf(family: str, xml: bytes, seed: int = 0) -> bytes:
    """FAMILY's copy of XML (C0's drawn in SEED's style), printed by headless Chromium."""
    if not available(family):
        raise FileNotFoundError(f"cannot render courtesy copies: {absent_reason()}")
    return print_pdf(page_html(family, xml, seed))


def page_html(family: str, xml: bytes, seed: int = 0) -> str:
    """The HTML a stylesheet makes of XML: our own for C0, else the public XSLT of FAMILY."""
    if family == OWN:
        return courtesy_sheet.html_page(xml, seed)
    transform = etree.XSLT(etree.parse(str(stylesheets() / STYLESHEETS[family])))
    return str(transform(etree.parse(io.BytesIO(xml))))


def print_pdf(html: str) -> bytes:
    """HTML printed by headless Chromium, without the browser's header and footer."""
    with tempfile.TemporaryDirectory() as tmp:
        page, pdf = Path(tmp) / "copy.html", Path(tmp) / "copy.pdf"
        page.write_text(html, encoding="utf-8")
        subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--no-first-run", "--no-pdf-header-footer", f"--user-data-dir={tmp}/profile",
                        f"--print-to-pdf={pdf}", page.as_uri()],
                       check=True, capture_output=True, timeout=120)
        return _without_dates(pdf.read_bytes())


def _without_dates(pdf: bytes) -> bytes:
    """Drop the creation date and random id Chromium writes, so a copy regenerates identically."""
    with pikepdf.open(io.BytesIO(pdf)) as document:
        for key in ("/CreationDate", "/ModDate"):
            if key in document.docinfo:
                del document.docinfo[key]
        out = io.BytesIO()
        document.save(out, deterministic_id=True)
        return out.getvalue()


def write_copy(folder: Path, family: str, seed: int, kinds, recipe: str | None = None,
               ext: str | None = None) -> list[Path]:
    """Write the courtesy copy of invoice SEED printed with FAMILY's stylesheet; returns the JSON files."""
    xml_name, xml, fields, doc_type = invoice_xml(seed)
    if family == "C4":
        xml, fields = fsm10.simplified(xml, fields)
    pdf = render_pdf(family, xml, seed)
    name, printed_pages = f"{family}-{doc_type}-s{seed:04d}", _pages(pdf)
    written = []
    if "born_digital" in kinds:
        (folder / f"{name}.pdf").write_bytes(pdf)
        written.append(_expected(folder / f"{name}.json", family, seed, doc_type, fields, xml_name,
                                 "born_digital", f"{name}.pdf", printed_pages, None))
    if "scan" in kinds:
        rng = random.Random(f"courtesy-scan:{name}")
        recipe = recipe or rng.choice(SCAN_DAMAGE)
        ext = damage.scan_extension(ext or rng.choice(["pdf", "png"]), printed_pages)  # C1, C3, C4 print 2-3 pages
        path = folder / f"{name}-{recipe}.{ext}"
        pages = damage.write_scan(pdf, path, recipe, rng)
        written.append(_expected(folder / f"{name}-{recipe}.json", family, seed, doc_type, fields, xml_name, "scan",
                                 path.name, pages, recipe))
    return written


def _pages(pdf: bytes) -> int:
    with pikepdf.open(io.BytesIO(pdf)) as document:
        return len(document.pages)


def _expected(path: Path, family: str, seed: int, doc_type: str, fields: dict, xml_name: str, kind: str,
              file_name: str, pages: int, recipe: str | None) -> Path:
    data = {"file": file_name, "type": doc_type, "department": "amministrazione", "kind": kind, "layout": family,
            "family": family, "tuned": is_tuned(family), "seed": seed, "split": "independent", "rotation": 0,
            "pages": pages, "damage": recipe, "stylesheet": STYLESHEETS.get(family, OWN_STYLESHEET),
            "source": f"{xml_name}: demat.samples.generator make_spec({doc_type!r}, {seed}, 'holdout')",
            "fields": fields, "search_words": [w for w in fields["supplier_name"].split() if len(w) >= 5][:1]}
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path
