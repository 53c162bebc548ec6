"""Search and export figures at archive scale: prints, never asserts.

    .venv/bin/python -m bench.search [--docs 100000] [--seed 7] [--no-tantivy]

Builds a catalog of synthetic Italian back-office documents (text and fields,
no OCR; a third of them "scanned", with OCR-like misreadings), then prints:
index build rate (full rebuild and one document per transaction), index size,
query latency p50/p95/p99 over a fixed mix with facets (each query as if new,
then again with the match cache), the same corpus and queries on Tantivy
(`pip install demat[bench]`), and the seconds to export 10,000 invoices to
XLSX. Goals: p95 < 50 ms at 100k documents with facets, within 2x of Tantivy,
build > 2,000 docs/s, XLSX export of 10k < 10 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
import random
import statistics
import tempfile
import time
from decimal import Decimal
from pathlib import Path

from demat.indexer.catalog import Catalog
from demat.indexer.exports import ExportFilters, export_invoices
from demat.indexer.search import SearchQuery
from demat.indexer.search.matches import MatchCache
from demat.indexer.search.sqlite import SqliteBackend

SURNAMES = ("Rossi Bianchi Ferrari Esposito Romano Colombo Ricci Marino Greco Bruno Gallo Conti De Luca Mancini "
            "Costa Giordano Rizzo Lombardi Moretti Barbieri Fontana Santoro Mariani Rinaldi Caruso Ferrara Galli "
            "Martini Leone Longo Gentile Martinelli Vitale Lombardo Serra Coppola De Santis D'Angelo Marchetti").split()
TRADES = ("Idraulica Elettrica Trasporti Studio Ferramenta Tipografia Edilizia Autofficina Consulenze Informatica "
          "Pulizie Logistica Arredamenti Cartoleria Catering Vetreria Serramenti Energia Telecomunicazioni").split()
FORMS = ("S.r.l.", "S.p.A.", "S.n.c.", "& Figli", "S.a.s.")
CITIES = "Milano Torino Roma Napoli Bologna Firenze Genova Bari Verona Padova Brescia Bergamo Modena Parma".split()
TYPES = {  # type: (department, share, sentences)
    "fattura": ("amministrazione", 30, [
        "Fattura n. {n} del {d}", "Imponibile {a} euro, IVA 22% {b} euro, totale documento {c} euro",
        "Pagamento tramite bonifico bancario su IBAN {iban}", "Scadenza del pagamento a 30 giorni data fattura",
        "Descrizione: fornitura di materiale di consumo per ufficio", "Servizio di manutenzione ordinaria impianti",
        "Si prega di indicare il numero della fattura nella causale", "Cedente prestatore {s}, partita IVA {v}"]),
    "nota_credito": ("amministrazione", 5, [
        "Nota di credito n. {n} del {d}", "Storno parziale della fattura n. {m} per merce resa",
        "Importo da rimborsare {c} euro", "Il credito sarà compensato con le prossime fatture"]),
    "proforma": ("amministrazione", 3, [
        "Fattura proforma n. {n}", "Documento non valido ai fini fiscali", "Totale previsto {c} euro"]),
    "ddt": ("acquisti", 15, [
        "Documento di trasporto n. {n} del {d}", "Causale del trasporto: vendita", "Colli {k}, peso {p} kg",
        "Vettore: {s}", "Aspetto esteriore dei beni: scatole", "Luogo di destinazione: magazzino di {city}"]),
    "ordine": ("acquisti", 8, [
        "Ordine di acquisto n. {n} del {d}", "Quantità {k} pezzi, consegna entro {d}",
        "Conferma d'ordine da restituire firmata", "Prezzo unitario {a} euro"]),
    "preventivo": ("commerciale", 6, [
        "Preventivo n. {n} del {d}", "Offerta valida 30 giorni", "Condizioni di pagamento da concordare",
        "Totale offerta {c} euro più IVA"]),
    "f24": ("amministrazione", 4, [
        "Modello F24 delega irrevocabile", "Sezione Erario codice tributo 1001 anno {y}",
        "Saldo finale {c} euro", "Codice fiscale del contribuente {v}"]),
    "bolletta": ("amministrazione", 8, [
        "Bolletta energia elettrica periodo di fornitura {d}", "Codice POD IT001E{v}",
        "Totale da pagare {c} euro entro il {d}", "Consumi fatturati e letture del contatore"]),
    "estratto_conto": ("tesoreria", 6, [
        "Estratto conto corrente al {d}", "Saldo iniziale {a} euro, saldo finale {c} euro",
        "Bonifico ricevuto CRO {n}", "Movimenti del periodo e competenze di chiusura"]),
    "nota_spese": ("risorse_umane", 3, [
        "Nota spese trasferta a {city}", "Rimborso chilometrico e pasti", "Totale spese {c} euro"]),
    "cv": ("risorse_umane", 3, [
        "Curriculum vitae", "Esperienza professionale presso {s}", "Istruzione e formazione: laurea",
        "Autorizzo il trattamento dei dati personali ai sensi del GDPR"]),
    "contratto": ("legale", 4, [
        "Contratto di fornitura tra le parti", "Articolo {k}: oggetto del contratto", "Durata e recesso",
        "Letto, approvato e sottoscritto", "Foro competente di {city}"]),
    "lettera": ("segreteria", 5, [
        "Spett.le {s}", "Oggetto: sollecito di pagamento", "Con la presente comunichiamo che",
        "Restiamo a disposizione per ogni chiarimento", "Distinti saluti"]),
}
FILLER = [
    "Il presente documento è stato emesso in formato elettronico", "Sede legale in via Roma {k}, {city}",
    "Per informazioni contattare l'ufficio amministrativo", "Telefono 02 {n} email info@example.it",
    "Capitale sociale interamente versato", "Iscrizione al registro delle imprese di {city}",
    "Le condizioni generali sono disponibili sul sito", "Ai sensi della normativa vigente",
]
MISREAD = {"o": "0", "l": "1", "t": "l", "e": "c", "i": "l", "a": "o", "m": "n", "n": "m", "u": "v", "r": "n"}


def misread(word: str, rng: random.Random) -> str:
    spots = [i for i, c in enumerate(word) if c in MISREAD]
    if len(word) < 5 or not spots:
        return word
    i = rng.choice(spots)
    return word[:i] + MISREAD[word[i]] + word[i + 1:]


class Corpus:
    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.suppliers = [(f"{self.rng.choice(TRADES)} {self.rng.choice(SURNAMES)} {self.rng.choice(FORMS)}",
                           f"{self.rng.randrange(10**10, 10**11):011d}") for _ in range(600)]
        self.types = [t for t, (_, share, _) in TYPES.items() for _ in range(share)]

    def document(self, doc_id: int) -> tuple[dict, list[dict], list[dict]]:
        rng = self.rng
        doc_type = rng.choice(self.types)
        department, _, sentences = TYPES[doc_type]
        supplier, vat = rng.choice(self.suppliers)
        date = dt.date(2019, 1, 1) + dt.timedelta(days=rng.randrange(6 * 365))
        taxable = Decimal(rng.randrange(1000, 1_000_000)) / 100
        tax = (taxable * Decimal("0.22")).quantize(Decimal("0.01"))
        total = taxable + tax
        slots = dict(n=rng.randrange(1, 9999), m=rng.randrange(1, 9999), d=date.strftime("%d/%m/%Y"),
                     a=f"{taxable:.2f}".replace(".", ","), b=f"{tax:.2f}".replace(".", ","),
                     c=f"{total:.2f}".replace(".", ","), s=supplier, v=vat, k=rng.randrange(1, 40),
                     p=rng.randrange(1, 900), y=date.year, city=rng.choice(CITIES),
                     iban=f"IT{rng.randrange(10, 99)}X{rng.randrange(10**21, 10**22)}")
        lines = [supplier, f"P.IVA {vat}"]
        for _ in range(rng.randrange(14, 30)):
            lines.append(rng.choice(sentences if rng.random() < 0.6 else FILLER).format(**slots))
        scanned = rng.random() < 0.33
        pages = []
        for number, chunk in enumerate((lines[:len(lines) // 2], lines[len(lines) // 2:]), start=1):
            text = "\n".join(chunk)
            if scanned:
                text = " ".join(misread(w, rng) if rng.random() < 0.03 else w for w in text.split(" "))
            pages.append({"document_id": doc_id, "number": number, "text": text, "source": "ocr" if scanned else
                          "text_layer", "confidence": 0.9 if scanned else 1.0})
        values = {"number": str(slots["n"]), "date": date.isoformat(), "supplier_name": supplier,
                  "supplier_vat": vat, "total": str(total)}
        if doc_type in ("fattura", "nota_credito", "proforma"):
            values.update(taxable_amount=str(taxable), vat_amount=str(tax), currency="EUR",
                          due_date=(date + dt.timedelta(days=30)).isoformat(), payment_method="bonifico",
                          iban=slots["iban"], customer_name="Demat Italia S.r.l.", customer_vat="01234567897",
                          vat_lines=[{"rate": "22.00", "taxable_amount": str(taxable), "vat_amount": str(tax),
                                      "nature": None}])
        checks = json.dumps([{"name": "arithmetic", "passed": rng.random() > 0.05, "message": "somma errata"}])
        fields = [{"document_id": doc_id, "name": k, "value": json.dumps(v), "raw": str(v), "confidence": 0.9,
                   "page": 1, "box": None, "checks": checks if k == "total" else "[]"} for k, v in values.items()]
        record = dict(id=doc_id, sha256=f"{doc_id:064x}", part=0, original_name=f"scan_{doc_id}.pdf",
                      media_type="application/pdf", extractor="ocr" if scanned else "text_layer", page_count=2,
                      title=f"{doc_type} {slots['n']} {supplier}", type=doc_type, department=department,
                      review_state="review" if rng.random() < 0.05 else "auto", doc_date=date.isoformat(),
                      supplier_name=supplier, supplier_vat=vat, total=str(total), archive_dir=f"archive/{doc_id}",
                      original_path=f"archive/{doc_id}/original.pdf", sidecar_path=f"archive/{doc_id}/doc.json",
                      received_at=f"{date}T09:00:00+00:00", archived_at=f"{date}T09:00:00+00:00")
        return record, pages, fields


def build_catalog(path: Path, docs: int, seed: int) -> tuple[Catalog, Corpus]:
    catalog = Catalog(path)
    corpus = Corpus(seed)
    conn = catalog.conn
    conn.execute("PRAGMA synchronous=OFF")  # the catalog fill is set-up, not what is measured
    for start in range(1, docs + 1, 2000):
        with catalog.transaction():
            stop = min(start + 2000, docs + 1)
            conn.executemany("INSERT INTO jobs (id, token, original_name, state, created_at, updated_at)"
                             " VALUES (?, ?, ?, 'archived', '', '')", [(i, f"t{i}", f"scan_{i}.pdf")
                                                                       for i in range(start, stop)])
            for i in range(start, stop):
                catalog.insert_document(*corpus.document(i))
    conn.execute("PRAGMA synchronous=FULL")
    return catalog, corpus


def query_mix(corpus: Corpus) -> list[tuple[str, SearchQuery]]:
    supplier, vat = corpus.suppliers[3]
    surname = supplier.split()[1]
    q = SearchQuery
    return [
        ("word", q("fattura")), ("word", q("pagamento")), ("word", q("trasporto")), ("word", q("contratto")),
        ("word", q("rimborso")), ("word", q("vetreria")), ("word", q(surname)), ("word", q("curriculum")),
        ("phrase", q('"nota di credito"')), ("phrase", q('"documento di trasporto"')),
        ("phrase", q('"saldo finale"')), ("phrase", q('"sollecito di pagamento"')),
        ("typo", q("fatlura")), ("typo", q("pagamcnto")), ("typo", q("trasp0rto")), ("typo", q("contralto")),
        ("typo", q("bonifco")), ("typo", q("scadcnza")),
        ("boolean", q("fattura NOT proforma")), ("boolean", q("bolletta OR estratto")), ("prefix", q("forn*")),
        ("filter", q("fattura", types=["fattura"], date_from=dt.date(2023, 1, 1), date_to=dt.date(2023, 12, 31))),
        ("filter", q("", departments=["acquisti"], sort="date")),
        ("filter", q("bonifico", amount_min=Decimal("1000"), amount_max=Decimal("5000"))),
        ("filter", q("", supplier=vat)), ("filter", q("pagamento", supplier=surname)),
        ("filter", q("", review_state="review")), ("filter", q("")),
    ]


def varied_mix(corpus: Corpus, count: int, seed: int) -> list[tuple[str, SearchQuery]]:
    """COUNT queries of the same kinds as query_mix, drawn from the corpus's words, names and filters.

    Many people searching repeat the common words but seldom the whole query:
    this mix is what a cache of earlier searches meets, where query_mix's 28
    queries would all be found in it.
    """
    rng = random.Random(seed)
    templates = [t for _, _, sentences in TYPES.values() for t in sentences] + FILLER
    phrases = [[w for w in t.split() if w.isalpha()] for t in templates]
    phrases = [ws for ws in phrases if len(ws) >= 2]
    vocabulary = sorted({w.lower() for ws in phrases for w in ws if len(w) >= 4} | {s.lower() for s in SURNAMES}
                        | {c.lower() for c in CITIES} | {t.lower() for t in TRADES})
    types, departments = list(TYPES), sorted({d for d, _, _ in TYPES.values()})

    def word() -> str:
        return rng.choice(vocabulary)

    def phrase() -> str:
        words = rng.choice(phrases)
        start = rng.randrange(len(words) - 1)
        return '"' + " ".join(words[start:start + rng.choice((2, 3))]) + '"'

    def typo() -> str:
        options = [w for w in (misread(word(), rng) for _ in range(5)) if w not in vocabulary]
        return options[0] if options else word()

    def filtered() -> SearchQuery:
        query = SearchQuery(rng.choice(["", word(), word()]))
        choice = rng.randrange(5)
        if choice == 0:
            query.types = [rng.choice(types)]
        elif choice == 1:
            query.departments = rng.sample(departments, rng.choice((1, 2)))
            query.sort = rng.choice(("relevance", "date"))
        elif choice == 2:
            year = rng.randrange(2019, 2025)
            query.date_from, query.date_to = dt.date(year, 1, 1), dt.date(year, 12, 31)
        elif choice == 3:
            low = rng.randrange(0, 5000)
            query.amount_min, query.amount_max = Decimal(low), Decimal(low + rng.choice((500, 2000, 10_000)))
        else:
            name, vat = rng.choice(corpus.suppliers)
            query.supplier = rng.choice((vat, name.split()[1]))
        return query

    makers = {
        "word": lambda: SearchQuery(word()), "phrase": lambda: SearchQuery(phrase()),
        "typo": lambda: SearchQuery(typo()),
        "boolean": lambda: SearchQuery(f"{word()} {rng.choice(('NOT', 'OR', ''))} {word()}".replace("  ", " ")),
        "prefix": lambda: SearchQuery(word()[:rng.randrange(3, 6)] + "*"), "filter": filtered,
    }
    kinds = [kind for kind, _ in query_mix(corpus)]  # the same shares of each kind
    return [(kind, makers[kind]()) for kind in (rng.choice(kinds) for _ in range(count))]


def percentiles(samples: list[float]) -> str:
    cuts = statistics.quantiles(samples, n=100, method="inclusive")
    return f"p50 {cuts[49]:6.1f} ms   p95 {cuts[94]:6.1f} ms   p99 {cuts[98]:6.1f} ms"


def run_queries(search, mix, rounds: int) -> tuple[list[float], dict[str, list[float]], list[int]]:
    for _, query in mix:  # warm caches once
        search(query)
    samples, by_kind, totals = [], {}, []
    for _ in range(rounds):
        totals = []
        for kind, query in mix:
            started = time.perf_counter()
            totals.append(search(query))
            ms = (time.perf_counter() - started) * 1000
            samples.append(ms)
            by_kind.setdefault(kind, []).append(ms)
    return samples, by_kind, totals


def bench_tantivy(catalog: Catalog, folder: Path, mix) -> tuple[float, int, list[float], list[int]] | None:
    try:
        import tantivy
    except ImportError:
        print("tantivy not installed (pip install 'demat[bench]'): no comparison")
        return None
    analyzer = (tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple()).filter(tantivy.Filter.lowercase())
                .filter(tantivy.Filter.ascii_fold()).filter(tantivy.Filter.stopword("italian"))
                .filter(tantivy.Filter.stemmer("italian")).build())
    builder = tantivy.SchemaBuilder()
    builder.add_integer_field("id", stored=True, indexed=True, fast=True)
    builder.add_text_field("title", stored=True, tokenizer_name="it")
    builder.add_text_field("body", stored=True, tokenizer_name="it")
    for name in ("type", "department", "supplier", "supplier_vat", "review_state", "year"):
        builder.add_text_field(name, stored=True, fast=True, tokenizer_name="raw")
    builder.add_integer_field("date", stored=True, indexed=True, fast=True)
    builder.add_integer_field("total_cents", indexed=True, fast=True)
    folder.mkdir()
    index = tantivy.Index(builder.build(), path=str(folder))
    index.register_tokenizer("it", analyzer)
    started = time.perf_counter()
    writer = index.writer(heap_size=256_000_000, num_threads=2)
    conn = catalog.conn
    pages = {}
    for doc_id, text in conn.execute("SELECT document_id, text FROM pages ORDER BY document_id, number"):
        pages.setdefault(doc_id, []).append(text)
    fields = {}
    for doc_id, raw in conn.execute("SELECT document_id, raw FROM fields"):
        fields.setdefault(doc_id, []).append(raw)
    for row in conn.execute("SELECT * FROM documents"):
        writer.add_document(tantivy.Document(
            id=row["id"], title=row["title"],
            body="\n".join(pages[row["id"]] + fields.get(row["id"], []) + [row["original_name"],
                                                                             row["supplier_name"] or ""]),
            type=row["type"], department=row["department"], supplier=row["supplier_name"] or "",
            supplier_vat=row["supplier_vat"] or "", review_state=row["review_state"], year=row["doc_date"][:4],
            date=int(row["doc_date"].replace("-", "")), total_cents=int(Decimal(row["total"]) * 100)))
    writer.commit()
    writer.wait_merging_threads()
    index.reload()
    build = time.perf_counter() - started
    count = len(pages)
    size = sum(f.stat().st_size for f in folder.iterdir())
    searcher = index.searcher()
    fuzzy = {"title": (False, 2, True), "body": (False, 2, True)}
    aggs = {"type": {"terms": {"field": "type", "size": 20}}, "department": {"terms": {"field": "department"}},
            "supplier": {"terms": {"field": "supplier", "size": 20}}, "year": {"terms": {"field": "year"}}}
    body_field = "body"

    def search(query: SearchQuery) -> int:
        parts = []
        if query.text.endswith("*"):
            prefix = query.text.rstrip("*")
            parts.append(tantivy.Query.boolean_query([
                (tantivy.Occur.Should, tantivy.Query.regex_query(index.schema, name, prefix + ".*"))
                for name in ("title", "body")]))
        elif query.text:
            parts.append(index.parse_query(query.text, ["title", "body"], field_boosts={"title": 3.0},
                                           fuzzy_fields=fuzzy if query.text.isalnum() else None,
                                           conjunction_by_default=True))
        filters = []
        if query.types:
            filters.append(f'type:"{query.types[0]}"')
        if query.departments:
            filters.append(f'department:"{query.departments[0]}"')
        if query.review_state:
            filters.append(f'review_state:"{query.review_state}"')
        if query.date_from:
            filters.append(f"date:[{query.date_from:%Y%m%d} TO {query.date_to:%Y%m%d}]")
        if query.amount_min is not None:
            filters.append(f"total_cents:[{int(query.amount_min * 100)} TO {int(query.amount_max * 100)}]")
        if query.supplier:
            filters.append(f'supplier_vat:"{query.supplier}"' if query.supplier.isdigit()
                           else f"body:{query.supplier.lower()}")
        if filters:
            parts.append(index.parse_query(" AND ".join(filters), ["body"]))
        if not parts:
            tq = tantivy.Query.all_query()
        elif len(parts) == 1:
            tq = parts[0]
        else:
            tq = tantivy.Query.boolean_query([(tantivy.Occur.Must, p) for p in parts])
        if query.sort == "date":
            result = searcher.search(tq, 20, order_by_field="date", order=tantivy.Order.Desc)
        else:
            result = searcher.search(tq, 20)
        searcher.aggregate(tq, aggs)
        generator = tantivy.SnippetGenerator.create(searcher, tq, index.schema, body_field)
        for _, address in result.hits:
            generator.snippet_from_doc(searcher.doc(address)).to_html()
        return result.count if hasattr(result, "count") and result.count is not None else searcher.search(
            tq, 1, count=True).count

    samples, _, totals = run_queries(search, mix, rounds=3)
    return count / build, size, samples, totals


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--no-tantivy", action="store_true")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="demat-bench-search-"))
    print(f"{args.docs} synthetic documents, {os.cpu_count()} cores (shared with whatever else runs)", flush=True)

    started = time.perf_counter()
    catalog, corpus = build_catalog(folder / "catalog.sqlite3", args.docs, args.seed)
    print(f"catalog filled in {time.perf_counter() - started:.1f} s (not part of the figures below)", flush=True)
    catalog.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    size_before = (folder / "catalog.sqlite3").stat().st_size

    backend = SqliteBackend(catalog)
    started = time.perf_counter()
    backend.reindex()
    build = time.perf_counter() - started
    catalog.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    index_size = (folder / "catalog.sqlite3").stat().st_size - size_before
    print(f"\nembedded (SQLite FTS5 in the catalog)\n  full rebuild: {args.docs / build:8.0f} docs/s"
          f" ({build:.1f} s)\n  index size:   {index_size / 2**20:8.1f} MiB "
          f"(catalog without index {size_before / 2**20:.1f} MiB)")

    sample = list(range(1, min(args.docs, 2000) + 1))
    started = time.perf_counter()
    for doc_id in sample:  # what the runner does: one transaction per archived document
        with catalog.transaction():
            backend.documents_changed([doc_id])
    each = time.perf_counter() - started
    print(f"  one document per transaction (synchronous=FULL): {len(sample) / each:6.0f} docs/s")
    started = time.perf_counter()
    fixed = backend.repair()
    print(f"  repair() on a consistent index: {time.perf_counter() - started:.2f} s ({fixed} fixed)")

    mix = query_mix(corpus)
    fresh = SqliteBackend(catalog)
    started = time.perf_counter()
    fresh.search(SearchQuery("fattura"))
    print(f"  first query of a new process (loads the vocabulary, {len(fresh.vocabulary.stem_of)} words):"
          f" {(time.perf_counter() - started) * 1000:.0f} ms")
    backend.matches = MatchCache(budget=0)  # each query as if asked for the first time since the last write
    samples, by_kind, ours = run_queries(lambda q: backend.search(q).total, mix, args.rounds)
    print(f"  queries ({len(mix)} in the mix x {args.rounds}, facets on, match cache off): {percentiles(samples)}")
    for kind, values in by_kind.items():
        print(f"    {kind:8s} median {statistics.median(values):6.1f} ms   max {max(values):6.1f} ms")
    backend.matches = MatchCache()
    repeated, _, _ = run_queries(lambda q: backend.search(q).total, mix, args.rounds)
    print(f"  the same queries asked again (match cache on): {percentiles(repeated)}")

    if not args.no_tantivy:
        result = bench_tantivy(catalog, folder / "tantivy", mix)
        if result:
            rate, size, samples_t, theirs = result
            print(f"\ntantivy {getattr(__import__('tantivy'), '__version__', '')} (same corpus, Italian "
                  f"stemmer, fuzzy distance 2, aggregations for facets, snippets)\n"
                  f"  build: {rate:8.0f} docs/s   index size {size / 2**20:.1f} MiB\n"
                  f"  queries: {percentiles(samples_t)}")
            ratio = statistics.quantiles(samples, n=100)[94] / statistics.quantiles(samples_t, n=100)[94]
            print(f"  ratio embedded/tantivy: p95 {ratio:.2f}x, build {rate / (args.docs / build):.2f}x slower "
                  f"for us, size {index_size / size:.2f}x")
            print("  hits per query, embedded vs tantivy: " + ", ".join(
                f"{kind}:{a}/{b}" for (kind, _), a, b in zip(mix, ours, theirs)))

    count = catalog.conn.execute("SELECT count(*) FROM documents WHERE type IN "
                                 "('fattura','nota_credito','proforma')").fetchone()[0]
    limit = min(count, 10_000)
    last = catalog.conn.execute("SELECT doc_date FROM documents WHERE type IN ('fattura','nota_credito','proforma')"
                                " ORDER BY doc_date LIMIT 1 OFFSET ?", (limit - 1,)).fetchone()[0]
    started = time.perf_counter()
    out = io.BytesIO()
    exported = export_invoices(catalog, ExportFilters(date_to=dt.date.fromisoformat(last)), "xlsx", out)
    print(f"\nXLSX export of {exported} invoices: {time.perf_counter() - started:.1f} s "
          f"({len(out.getvalue()) / 2**20:.1f} MiB)")
    print(f"\n(files left in {folder}; delete when done)")


if __name__ == "__main__":
    main()
