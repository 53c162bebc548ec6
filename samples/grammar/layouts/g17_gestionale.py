"""G17, "gestionale": a wholesaler's ERP printout, one to three pages. Every page
repeats the document's header: the letterhead without any tax number, the customer
in the window envelope's place (`Spett.le`), and a strip of boxes (`Tipo documento`,
`Numero`, `Data`, `Cod. cliente`, the customer's `Partita IVA`, `Pag. 1 di 2`, the
payment code). The article table (`Codice`, `Descrizione`, `U.M.`, `Q.tà`, `Prezzo`,
`Sc. %`, `Importo`, `C.IVA`) runs on over the pages with `A riportare` / `Riporto`
sums that are not the totals, sometimes grouped under the delivery notes it bills
(`Rif. DDT n. 412 del 03/03/2025`). Only the last page carries the VAT summary, with
a 0% line under its nature code (`N4`, `N1`) and the stamp duty, the totals (`Totale
merce`, `Spese trasporto`, `Totale imponibile`, `Totale IVA`, `Totale documento`,
sometimes `Acconto` and `Netto a pagare`) and the instalments. The supplier's P.IVA
is only in the 6-point footer line with the REA and the share capital."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from demat.samples.generator.formats import cents
from demat.samples.grammar import parts, values
from demat.samples.grammar.draft import Draft
from demat.samples.grammar.layouts import terms

TYPES = ("fattura", "fattura", "nota_credito", "proforma")
TITLES = {"fattura": ["FATTURA", "FATTURA VENDITA", "Fattura"], "nota_credito": ["NOTA DI CREDITO", "NOTA CREDITO"],
          "proforma": ["FATTURA PRO-FORMA", "PROFORMA"]}
ROWS_PER_PAGE = 30  # the article rows a page's table holds; more run on to the next page
LAST_PAGE_ROWS = 24  # the rows that leave room for the foot; more, and the foot gets a page of its own
LINE_COUNTS = [3, 5, 9, 16, 27, 40, 56]  # one page to three
# 0% lines a wholesaler bills: (nature code, what the summary says, the article, price range)
EXEMPT = [("N4", "Esente art. 10 DPR 633/72", "Interessi di dilazione pagamento", "8.00", "60.00"),
          ("N1", "Escluso art. 15 DPR 633/72", "Cauzione pallet EPAL a rendere", "9.00", "14.00")]
STAMP_DUTY = Decimal("2.00")  # due on a document whose 0% amounts pass STAMP_THRESHOLD
STAMP_THRESHOLD = Decimal("77.47")
UNITS = ["PZ", "NR", "CF", "KG", "MT", "H"]
PAYMENT_CODES = {"RiBa": ["RB03", "R060", "RB30"], "bonifico": ["BB60", "B030", "BON1"]}


def build(doc_type: str, rng: random.Random) -> Draft:
    draft = Draft(doc_type, font=rng.choice(["Helvetica", "DejaVuCondensed", "DejaVuSans"]))
    supplier, customer = values.company(rng, two_lines=False), values.company(rng, two_lines=False)
    day = values.issue_date(rng)
    inv, discounts = _goods(rng, doc_type)
    rows = _table_rows(rng, doc_type, inv, discounts, day)
    chunks = [rows[start:start + ROWS_PER_PAGE] for start in range(0, len(rows), ROWS_PER_PAGE)]
    if len(chunks[-1]) > LAST_PAGE_ROWS:
        chunks.append([])
    payment = None if doc_type == "nota_credito" else ("bonifico" if doc_type == "proforma" else
                                                       rng.choice(["RiBa", "RiBa", "bonifico"]))
    head = {"title": rng.choice(TITLES[doc_type]),
            "number": rng.choice(["{n:06d}", "{y}/{n:06d}", "{n}/FV", "FV {y}/{n:05d}"]).format(
                n=rng.randrange(1, 9000), y=day.year),
            "date": values.date(day, rng.choice(["slash", "slash", "dot"])),
            "code": f"{rng.choice('CF')}{rng.randrange(1, 99999):05d}",
            "payment": rng.choice(PAYMENT_CODES[payment]) if payment else "",
            "window": rng.random() < 0.5, "salutation": rng.choice(["Spett.le", "Spett.le Ditta", "Destinatario"]),
            "fax": f"{supplier.phone[:-2]}{rng.randrange(10, 99)}"}
    carried = Decimal(0)
    for index, chunk in enumerate(chunks):
        sheet = draft.page()
        _header(draft, sheet, head, supplier, customer, day, index, len(chunks))
        carried = _articles(sheet, chunk, carried, index, index == len(chunks) - 1)
        _footer(draft, sheet, supplier, index)
    _foot(draft, draft.sheets[-1], rng, doc_type, inv, payment, day, head)
    return draft


def _goods(rng: random.Random, doc_type: str) -> tuple[parts.Invoice, list[int]]:
    """Many articles at two rates or one, sometimes a 0% article under a nature code, and the stamp duty
    it brings; transport at 22% on most invoices."""
    count = rng.choice(LINE_COUNTS)
    rates = rng.choice([[Decimal(22), Decimal(10)], [Decimal(22)], [Decimal(22), Decimal(4)]])
    inv, discounts = terms.discounted(parts.invoice(rng, doc_type, count=count, rates=rates), rng)
    lines = [dict(line, nature=None, unit=rng.choice(UNITS), code=f"{rng.choice('ABFKMT')}{rng.randrange(1000, 99999)}")
             for line in inv.lines]
    if rng.random() < 0.4:
        nature, _, article, low, high = rng.choice(EXEMPT)
        quantity = Decimal(rng.choice([1, 2, 4, 6, 10]))
        price = Decimal(rng.randrange(int(Decimal(low) * 100), int(Decimal(high) * 100) + 1)) / 100
        lines.append({"description": article, "quantity": quantity, "price": price, "amount": cents(quantity * price),
                      "rate": Decimal(0), "nature": nature, "unit": "NR", "code": f"X{rng.randrange(100, 999)}"})
        discounts.append(0)
        if sum(line["amount"] for line in lines if line["nature"]) > STAMP_THRESHOLD:
            lines.append({"description": "Imposta di bollo", "quantity": Decimal(1), "price": STAMP_DUTY,
                          "amount": STAMP_DUTY, "rate": Decimal(0), "nature": "N1", "unit": "NR", "code": "BOLLO"})
            discounts.append(0)
    if doc_type != "nota_credito" and rng.random() < 0.6:
        transport = Decimal(rng.randrange(800, 6000)) / 100
        lines.append({"description": "Spese trasporto", "quantity": Decimal(1), "price": transport,
                      "amount": transport, "rate": Decimal(22), "nature": None, "unit": "", "code": ""})
    return _invoice(lines, inv.sign), discounts


def _invoice(lines: list[dict], sign: int) -> parts.Invoice:
    """One summary row per rate and nature: two 0% lines of different natures are two rows."""
    groups: dict[tuple, Decimal] = {}
    for line in lines:
        key = (line["rate"], line["nature"])
        groups[key] = groups.get(key, Decimal(0)) + line["amount"]
    rows = [{"rate": rate, "nature": nature, "taxable": sign * taxable, "vat": sign * cents(taxable * rate / 100)}
            for (rate, nature), taxable in sorted(groups.items(), key=lambda g: (-g[0][0], g[0][1] or ""))]
    return parts.Invoice(lines, rows, *values.totals(rows), sign)


def _table_rows(rng, doc_type, inv: parts.Invoice, discounts: list[int], day: dt.date) -> list[list[str]]:
    """The article rows as printed (transport is in the totals, not here); an invoice sometimes groups them
    under the delivery notes it bills, each a row of its own with a number and a date that are not the invoice's."""
    articles = [line for line in inv.lines if line["code"]]
    rows = [[line["code"], line["description"], line["unit"], f"{line['quantity']}",
             values.number(inv.sign * line["price"]), f"{off}" if off else "", values.number(inv.sign * line["amount"]),
             line["nature"] or f"{line['rate']:.0f}"] for line, off in zip(articles, discounts + [0] * len(articles))]
    if doc_type != "fattura" or rng.random() < 0.5:
        return rows
    notes = min(len(rows), rng.choice([1, 2, 3]))
    cuts = sorted(rng.sample(range(1, len(rows)), notes - 1)) if notes > 1 else []
    grouped, start = [], 0
    for index, cut in enumerate(cuts + [len(rows)]):
        when = day - dt.timedelta(days=rng.randrange(2, 25) - index)
        grouped.append(["", f"Rif. DDT n. {rng.randrange(100, 4000)} del {values.date(when, 'slash')}",
                        "", "", "", "", "", ""])
        grouped += rows[start:cut]
        start = cut
    return grouped


def _header(draft: Draft, sheet, head: dict, supplier, customer, day, index: int, pages: int) -> None:
    """What every page repeats; the expected values are recorded from the first page's."""
    first = index == 0
    name = terms.fit(sheet, [supplier.name], 14, 92, bold=True)
    sheet.text(14, 16, draft.show_lines("supplier_name", supplier.name, [supplier.name])[0] if first else supplier.name,
               name, bold=True)
    sheet.lines(14, 21, [f"{supplier.street} - {supplier.place}",
                         f"Tel. {supplier.phone} - Fax {head['fax']}",
                         f"www.{supplier.name.split()[0].lower().replace('.', '')}.it"], 7.5)
    sheet.text(196, 16, head["title"], 14, bold=True, align="r")
    # the customer, where an envelope's window shows it
    sheet.text(112, 38, head["salutation"], 7)
    lines = parts.name_lines(draft, "customer_name", customer) if first else list(customer.name_lines)
    y = sheet.lines(112, 43, lines, terms.fit(sheet, lines, 10, 82, bold=True), bold=True)
    sheet.lines(112, y, [customer.street, customer.place], 9)
    if head["window"]:
        sheet.text(14, 38, "Luogo di destinazione", 7)
        sheet.lines(14, 43, [customer.name, f"Magazzino - {customer.street}", customer.place], 8)
    vat = draft.show("customer_vat", customer.vat, customer.vat) if first else customer.vat
    cells = [("Tipo documento", head["title"].upper(), 36), ("Numero", draft.show("number", head["number"], head["number"])
                                                             if first else head["number"], 30),
             ("Data", draft.show("date", day.isoformat(), head["date"]) if first else head["date"], 24),
             ("Cod. cliente", head["code"], 20), ("Partita IVA", vat, 30), ("Cod. pag.", head["payment"], 20),
             ("Pag.", f"{index + 1} di {pages}", 22)]
    x = 14
    for caption, value, width in cells:
        sheet.box(x, 68, width, 11, 0.4)
        sheet.text(x + 1, 71, caption, 6)
        sheet.text(x + 1.5, 76.5, value, 8.5, bold=caption in ("Numero", "Data"))
        x += width


def _articles(sheet, rows: list[list[str]], carried: Decimal, index: int, last: bool) -> Decimal:
    """One page's part of the table, opened by the sum carried from the page before and, but on the last page,
    closed by the sum to carry on. Returns the sum carried so far."""
    columns = [("Codice", 18, "l"), ("Descrizione", 66, "l"), ("U.M.", 10, "c"), ("Q.tà", 14, "r"),
               ("Prezzo", 20, "r"), ("Sc. %", 11, "r"), ("Importo", 25, "r"), ("C.IVA", 18, "c")]
    body = [["", "Riporto", "", "", "", "", values.number(carried), ""]] if index else []
    for row in rows:
        body.append(row)
        if row[6]:
            carried += Decimal(row[6].replace(".", "").replace(",", "."))
    if not last:
        body.append(["", "A riportare", "", "", "", "", values.number(carried), ""])
    y = parts.table(sheet, 14, 84, columns, body, 7.5, ruled="head")
    sheet.rule(14, 84, 196, 84, 0.6)
    if not last:
        sheet.text(196, y + 4, "segue >>>", 7.5, align="r")
    return carried


def _footer(draft: Draft, sheet, supplier, index: int) -> None:
    """The legal line in small type: the only place the supplier's P.IVA is printed."""
    vat = draft.show("supplier_vat", supplier.vat, supplier.vat) if index == 0 else supplier.vat
    capital = values.number(Decimal(10000 * (1 + len(supplier.name) % 9)))
    sheet.rule(14, 281, 196, 281, 0.3)
    sheet.text(105, 285, f"{supplier.name} - Cap. Soc. Euro {capital} i.v. - R.E.A. {supplier.province} "
                         f"{100000 + int(supplier.vat[:5])} - Reg. Imprese, C.F. e P.IVA {vat}", 6, align="c")


def _foot(draft: Draft, sheet, rng, doc_type, inv: parts.Invoice, payment, day, head) -> None:
    """The last page's foot: VAT summary and instalments on the left, the totals' column on the right."""
    y0 = 206
    summary = [[row["nature"] or f"{row['rate']:.0f}",
                _nature_text(row["nature"]) if row["nature"] else f"Aliquota {values.rate(row['rate'])}",
                values.number(row["taxable"]), values.number(row["vat"]) if not row["nature"] else ""]
               for row in inv.rows]
    y = parts.table(sheet, 14, y0, [("Cod.", 12, "l"), ("Descrizione IVA", 44, "l"), ("Imponibile", 25, "r"),
                                    ("Imposta", 22, "r")], summary, 7, ruled="grid")
    draft.known("vat_lines", [{"rate": f"{row['rate']:.2f}", "taxable_amount": str(row["taxable"]),
                               "vat_amount": str(row["vat"]), "nature": row["nature"]} for row in inv.rows])
    draft.known("currency", "EUR")
    goods = sum((line["amount"] for line in inv.lines if line["code"]), Decimal(0))
    column = [("Totale merce", None, inv.sign * goods)]
    column += [("Spese trasporto", None, line["amount"]) for line in inv.lines if line["description"] == "Spese trasporto"]
    column += [("Totale imponibile", "taxable_amount", inv.taxable), ("Totale IVA", "vat_amount", inv.vat),
               ("Totale documento", "total", inv.total)]
    if doc_type == "fattura" and rng.random() < 0.25:
        advance = cents(inv.total * Decimal(rng.choice([20, 30, 50])) / 100)
        column += [("Acconto ricevuto", None, -advance), ("Netto a pagare", None, inv.total - advance)]
    else:
        advance = Decimal(0)
    ty = y0
    for caption, field, amount in column:
        strong = field == "total" or caption == "Netto a pagare"
        sheet.box(130, ty, 66, 5.5, 0.3, fill=0.9 if strong else None)
        sheet.text(132, ty + 4, caption, 8, bold=strong)
        text = values.number(amount)
        sheet.text(194, ty + 4, draft.show(field, str(amount), text) if field else text, 8.5, bold=strong, align="r")
        ty += 5.5
    _payment(draft, sheet, rng, doc_type, payment, day, inv.total - advance, max(y, ty) + 4, head)


def _nature_text(nature: str) -> str:
    return next(text for code, text, *_ in EXEMPT if code == nature)


def _payment(draft: Draft, sheet, rng, doc_type, payment, day, due, y, head) -> None:
    if payment is None:  # a credit note: nothing to pay
        draft.known("due_date", None)
        sheet.text(14, y, "Importo a Vs. credito, da compensare con le prossime forniture.", 8)
        return
    wording = draft.show("payment_method", payment, rng.choice(terms.WORDINGS[payment]))
    days = [0] if doc_type == "proforma" else rng.choice([[30], [60], [30, 60], [30, 60, 90]])
    month_end = payment == "RiBa" and rng.random() < 0.7
    terms_text = "anticipato" if doc_type == "proforma" else terms.terms_text(days, month_end)
    sheet.text(14, y, f"Pagamento: {head['payment']} - {wording} {terms_text}", 8, bold=True)
    if payment == "bonifico":
        iban = values.italian_iban(rng)
        sheet.text(14, y + 4.5, f"Ns. banca: {rng.choice(terms.BANKS)} IBAN " + draft.show("iban", iban, iban), 8)
    else:
        draft.known("iban", None)
        sheet.text(14, y + 4.5, f"Vs. banca: {rng.choice(terms.BANKS)} ABI {rng.randrange(1000, 9999):05d} "
                                f"CAB {rng.randrange(10000, 99999)}", 8)
    if doc_type != "fattura":
        draft.known("due_date", None)
        return
    dates = terms.instalments(day, days, month_end)
    printed = [values.date(d, "slash") for d in dates]
    draft.show("due_date", dates[0].isoformat(), printed[0])
    parts.table(sheet, 14, y + 8, [("Scadenza", 24, "l"), ("Importo rata", 26, "r")],
                [[text, values.number(amount)] for text, amount in zip(printed, terms.split(due, len(dates)))], 7.5,
                ruled="grid")

