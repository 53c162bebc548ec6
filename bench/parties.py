"""Whose P.IVA is it: invoices from suppliers that print no Italian P.IVA, to an Italian customer that prints its own.

Pages made here, from what Italian back offices receive, not from any grammar family: a Swiss firm with its
`CHE-… MWST` UID, an American one with an EIN or nothing, an Indian one with its GSTIN, a Norwegian `MVA`, a
British VAT number, an association with a codice fiscale only, a private person's `prestazione occasionale`
with a personal codice fiscale, an Italian firm whose P.IVA is only in its logo (nothing printed). The customer,
an Italian company, prints its P.IVA in its own block, opened by one of the captions Italian and foreign
invoices use. Born-digital and damaged (samples/grammar/damage.py). Counts the supplier_vat given wrong (the
customer's above all), the supplier's own foreign number kept, and customer_vat right, wrong and lost.
Prints figures, never asserts.

    OMP_THREAD_LIMIT=1 python -m bench.parties --per-kind 3 --damage none,lowres,fax [--show-errors]
"""

from __future__ import annotations

import argparse
import random
import string
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from stdnum import luhn
from stdnum.ch import uid as swiss_uid
from stdnum.in_ import gstin
from stdnum.no import mva

from demat.kernel.config import load_config
from demat.kernel.document import Classification, Document, StageContext
from demat.pipeline.executor import SerialExecutor
from demat.samples.grammar import damage, values
from demat.samples.grammar.sheet import Sheet, pdf_bytes

FIRM_WORDS = ["Alpstein", "Redwood", "Bluewater", "Granite", "Larkspur", "Oakridge", "Seefeld", "Tannenberg"]


@dataclass
class Supplier:
    lines: list[str]  # name first, then its address and identifier lines as the letterhead prints them
    own_vat: str | None  # a VAT number of its own that is not an Italian P.IVA (kept, not counted wrong)
    tax_code: str | None


def _digits(rng: random.Random, count: int) -> str:
    return "".join(rng.choice(string.digits) for _ in range(count))


def swiss(rng: random.Random) -> Supplier:
    body = "CHE" + _digits(rng, 8)
    body += swiss_uid.calc_check_digit(body[3:])
    if not swiss_uid.is_valid(body):  # a body whose check would be 10 has no UID
        return swiss(rng)
    printed = f"CHE-{body[3:6]}.{body[6:9]}.{body[9:]} {rng.choice(['MWST', 'TVA', 'IVA'])}"
    name = f"{rng.choice(FIRM_WORDS)} {rng.choice(['Präzision', 'Technik', 'Medical'])} AG"
    return Supplier([name, "Bahnhofstrasse 12", "8001 Zürich, Schweiz", f"UID {printed}"], body, None)


def american(rng: random.Random) -> Supplier:
    name = f"{rng.choice(FIRM_WORDS)} {rng.choice(['Software', 'Analytics', 'Devices'])} {rng.choice(['Inc.', 'LLC'])}"
    lines = [name, f"{rng.randrange(10, 900)} Market Street", "San Francisco, CA 94105, USA"]
    if rng.random() < 0.5:
        lines.append(f"EIN {_digits(rng, 2)}-{_digits(rng, 7)}")
    return Supplier(lines, None, None)


def indian(rng: random.Random) -> Supplier:
    while True:
        number = f"27{''.join(rng.choice(string.ascii_uppercase) for _ in range(5))}{_digits(rng, 4)}" \
                 f"{rng.choice(string.ascii_uppercase)}1Z"
        number = next((number + c for c in string.digits + string.ascii_uppercase if gstin.is_valid(number + c)), "")
        if number:
            break
    name = f"{rng.choice(['Patel', 'Sharma', 'Iyer'])} Infotech Pvt. Ltd."
    return Supplier([name, "Hinjewadi Phase 2", "Pune 411057, India", f"GSTIN: {number}"], None, None)


def norwegian(rng: random.Random) -> Supplier:
    while True:
        number = "8" + _digits(rng, 8)
        if mva.is_valid(f"NO{number}MVA"):
            break
    name = f"{rng.choice(['Fjord', 'Nordlys', 'Havbris'])} Maritime AS"
    printed = f"Org.nr. {number[:3]} {number[3:6]} {number[6:]} MVA"
    return Supplier([name, "Strandgata 4", "5013 Bergen, Norway", printed], None, None)


def british(rng: random.Random) -> Supplier:
    vat = values.eu_vat_number(rng, "GB")
    name = f"{rng.choice(FIRM_WORDS)} Instruments Ltd"
    printed = f"VAT Reg. No. GB {vat[2:5]} {vat[5:9]} {vat[9:]}"
    return Supplier([name, "14 King Street", "Leeds LS1 2HL, United Kingdom", printed], vat, None)


def association(rng: random.Random) -> Supplier:
    code = "9" + _digits(rng, 6) + f"{rng.randrange(1, 101):03d}"  # an association's: 9, its number, the office
    code += luhn.calc_check_digit(code)
    name = f"Associazione {rng.choice(['Culturale', 'Sportiva Dilettantistica'])} {rng.choice(values.SURNAMES)}"
    return Supplier([name, "Via dei Mille, 8", "40121 Bologna (BO)", f"C.F. {code}"], None, code)


def occasional(rng: random.Random) -> Supplier:
    person = values.person(rng)
    return Supplier([person.name, person.street, person.place, f"Codice fiscale: {person.tax_code}"],
                    None, person.tax_code)


def logo_only(rng: random.Random) -> Supplier:
    company = values.company(rng, two_lines=False)
    return Supplier([company.name, company.street, company.place, f"Tel. {company.phone}"], None, None)


SUPPLIERS = {s.__name__: s for s in (swiss, american, indian, norwegian, british, association, occasional, logo_only)}
# The captions that open the customer's block, and how its P.IVA is captioned there.
CUSTOMER_CAPTIONS = ("Spett.le", "Cliente", "Bill to", "Destinatario", "Cessionario/Committente", "Intestatario",
                     "Rechnung an")
CUSTOMER_VAT_CAPTIONS = ("P.IVA {}", "Partita IVA: {}", "VAT IT{}", "P.IVA IT{}", "VAT ID: IT{}", "C.F. e P.IVA {}")


# How the customer's block is set: opened by a caption, as a grid of captions and values, or in an envelope's
# window with no caption (the supplier's one-line sender above it, as DIN letters and Swiss invoices print it).
STYLES = ("caption", "grid", "window")
COUNTRY_LINES = ("", "Italy", "Italia", "ITALY")


def draw(kind: str, seed: int) -> tuple[list[Sheet], dict]:
    """One invoice of a supplier of KIND; returns its page and what a right reading gives."""
    rng = random.Random(f"parties:{kind}:{seed}")
    supplier = SUPPLIERS[kind](rng)
    customer = values.company(rng, two_lines=False)
    sheet = Sheet(rng.choice(["Helvetica", "Times", "DejaVuSans"]))
    style = STYLES[seed % len(STYLES)]
    left = style != "window" and rng.random() < 0.5  # the letterhead left and the customer right, or the other way
    x_sup, align = (15, "l") if left else (195, "r")
    sheet.text(x_sup, 18, supplier.lines[0], 12, bold=True, align=align)
    sheet.lines(x_sup, 24, supplier.lines[1:], 8.5, align=align)
    english = kind in ("american", "indian", "norwegian", "british", "swiss") and rng.random() < 0.7
    x_cus = 120 if left else 20
    vat_line = rng.choice(CUSTOMER_VAT_CAPTIONS).format(customer.vat)
    country = rng.choice(COUNTRY_LINES)
    block = [customer.name, customer.street, customer.place] + ([country] if country else []) + [vat_line]
    if style == "grid":  # captions in a column, values beside them
        sheet.text(x_cus, 50, "Dati cliente", 9, bold=True)
        for i, (name, value) in enumerate((("Ragione sociale", customer.name), ("Indirizzo", customer.street),
                                           ("Località", customer.place), ("Partita IVA", customer.vat))):
            sheet.box(x_cus, 52 + 6 * i, 75, 6, 0.3)
            sheet.text(x_cus + 1, 56 + 6 * i, name, 7.5)
            sheet.text(x_cus + 26, 56 + 6 * i, value, 8.5)
    elif style == "window":
        sender = " - ".join(supplier.lines[:2] + supplier.lines[2:3])
        sheet.text(x_cus, 47, sender, 6)
        sheet.rule(x_cus, 48, x_cus + 85, 48, 0.3)
        sheet.lines(x_cus, 54, block, 9.5)
    else:
        sheet.text(x_cus, 50, rng.choice(("Bill to", "Customer", "Invoice to") if english else CUSTOMER_CAPTIONS),
                   8.5, bold=True)
        sheet.lines(x_cus, 55, block, 9.5)
    title = "INVOICE" if english else ("RICEVUTA PER PRESTAZIONE OCCASIONALE" if kind == "occasional" else "FATTURA")
    sheet.text(15, 90, f"{title} n. {rng.randrange(1, 400)}/2025 del {rng.randrange(1, 28):02d}/0{rng.randrange(1, 9)}/2025",
               11, bold=True)
    amount = rng.randrange(100, 5000)
    sheet.text(15, 104, "Descrizione" if not english else "Description", 9, bold=True)
    sheet.text(195, 104, "Importo" if not english else "Amount", 9, bold=True, align="r")
    sheet.text(15, 111, rng.choice(["Consulenza tecnica", "Software licence", "Quota associativa servizi"]), 9)
    sheet.text(195, 111, f"{amount},00", 9, align="r")
    sheet.text(140, 124, "Totale" if not english else "Total", 10, bold=True)
    sheet.text(195, 124, f"{amount},00", 10, bold=True, align="r")
    expected = {"supplier_vat": None, "own_vat": supplier.own_vat, "supplier_tax_code": supplier.tax_code,
                "customer_vat": customer.vat, "supplier_name": supplier.lines[0], "customer_name": customer.name}
    return [sheet], expected


def read(path: Path, ctx: StageContext) -> Document:
    from demat.extractors import fields, text
    doc = text.run(Document(path=path, original_name=path.name), ctx)
    doc.classification = Classification("fattura", 1.0)
    return fields.run(doc, ctx)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--per-kind", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--damage", default="none,lowres,fax", help="none (born-digital) and damage.py recipes")
    parser.add_argument("--kinds", default=",".join(SUPPLIERS))
    parser.add_argument("--show-errors", action="store_true")
    args = parser.parse_args(argv)
    counts: dict[str, Counter] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        ctx = StageContext(config=load_config(folder / "home"), executor=SerialExecutor(), work_dir=folder / "work")
        for recipe in args.damage.split(","):
            tally = counts.setdefault(recipe, Counter())
            for kind in args.kinds.split(","):
                for seed in range(args.seed, args.seed + args.per_kind):
                    sheets, want = draw(kind, seed)
                    pdf = pdf_bytes(sheets, f"{kind}-{seed}")
                    path = folder / f"{kind}-{seed}-{STYLES[seed % len(STYLES)]}-{recipe}.{'pdf' if recipe == 'none' else 'png'}"
                    if recipe == "none":
                        path.write_bytes(pdf)
                    else:
                        damage.write_scan(pdf, path, recipe, random.Random(f"scan:{kind}:{seed}"))
                    doc = read(path, ctx)
                    for line in judge(doc, want, tally):
                        if args.show_errors:
                            print(f"  {path.name}: {line}")
    print(f"{'damage':<10}{'docs':>6}{'sup_vat wrong':>15}{'of which cust':>15}{'own kept':>10}"
          f"{'cust_vat ok':>13}{'wrong':>7}{'lost':>6}{'sup_cf ok':>11}{'lost':>6}{'names ok sup/cust':>19}")
    for recipe, tally in counts.items():
        print(f"{recipe:<10}{tally['docs']:>6}{tally['supplier_vat wrong']:>15}{tally['supplier_vat customer']:>15}"
              f"{tally['own kept']:>10}{tally['customer_vat right']:>13}{tally['customer_vat wrong']:>7}"
              f"{tally['customer_vat lost']:>6}{tally['supplier_tax_code right']:>11}{tally['supplier_tax_code lost']:>6}"
              f"{tally['supplier_name right']:>13}/{tally['customer_name right']}")


def judge(doc: Document, want: dict, tally: Counter) -> list[str]:
    """Add DOC's verdicts to TALLY; return what it got wrong."""
    errors = []
    tally["docs"] += 1
    got = doc.field_value("supplier_vat")
    if got is not None and want["own_vat"] and got.startswith(want["own_vat"]):  # "CHE…MWST" or without
        tally["own kept"] += 1
    elif got is not None:
        tally["supplier_vat wrong"] += 1
        tally["supplier_vat customer"] += got == want["customer_vat"]
        errors.append(f"supplier_vat {got!r}{' (the customer’s)' if got == want['customer_vat'] else ''}")
    for name in ("supplier_name", "customer_name"):
        right = doc.field_value(name) == want[name]
        tally[f"{name} {'right' if right else 'wrong'}"] += 1
        if not right:
            errors.append(f"{name}: expected {want[name]!r}, got {doc.field_value(name)!r}")
    customer_vat = doc.field_value("customer_vat")
    verdict = "right" if customer_vat == want["customer_vat"] else "lost" if customer_vat is None else "wrong"
    tally[f"customer_vat {verdict}"] += 1
    if verdict != "right":
        errors.append(f"customer_vat {verdict}: expected {want['customer_vat']!r}, got {customer_vat!r}")
    if want["supplier_tax_code"]:
        code = doc.field_value("supplier_tax_code")
        tally[f"supplier_tax_code {'right' if code == want['supplier_tax_code'] else 'lost'}"] += 1
        if code != want["supplier_tax_code"]:
            errors.append(f"supplier_tax_code: expected {want['supplier_tax_code']!r}, got {code!r}")
    return errors


if __name__ == "__main__":
    main()
