"""FatturaPA as it really arrives: how many invoices are read right, repaired, or quarantined.

Without --dir, generates every form a back office receives (FatturaPA 1.0,
1.1, 1.2 private and public, no namespace, the simplified FSM10; each sender
quirk; each .p7m encoding; lotti) with seeds the tests do not use, plus forged
and truncated envelopes, reads them with the FatturaPA extractor and prints,
per form, the invoices whose supplier P.IVA, number, date and total are all
right, the files read after a repair, and those refused. With --dir, reads
every file in a folder (the public samples of other projects, say) and prints
what became of each, with the fields to compare by eye. Prints figures, never
asserts.

    python -m bench.fatturapa --per-form 4
    python -m bench.fatturapa --dir ~/fatturapa-samples
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections import Counter
from pathlib import Path

from demat.extractors import fatturapa
from demat.kernel.config import load_config
from demat.kernel.document import Document, StageContext, to_jsonable
from demat.kernel.errors import DocumentError
from demat.pipeline.executor import SerialExecutor

KEY_FIELDS = ("supplier_vat", "number", "date", "total")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dir", type=Path, help="read the files of this folder instead of generated ones")
    parser.add_argument("--per-form", type=int, default=3, help="generated files of each form")
    parser.add_argument("--seed", type=int, default=7000)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        ctx = StageContext(load_config(Path(tmp) / "home"), SerialExecutor(), Path(tmp))
        if args.dir:
            read_folder(args.dir, ctx)
        else:
            generated(Path(tmp), ctx, args.per_form, args.seed)


def read(path: Path, ctx: StageContext) -> Document:
    return fatturapa.extract(Document(path=path, original_name=path.name), ctx)


def generated(folder: Path, ctx: StageContext, per_form: int, seed: int) -> None:
    from demat.samples.generator import make_spec, write_fatturapa
    from demat.samples.generator.fatturapa import FORMATS, QUIRKS
    from demat.samples.generator.signing import ENCODINGS, signed_der, tamper

    forms = ([(f"versione {v}", {"versione": v}) for v in FORMATS]
             + [("no namespace", {"namespace": ""}), ("FSM10, no namespace", {"versione": "FSM10", "namespace": ""})]
             + [(f"quirk {q}", {"quirks": (q,)}) for q in QUIRKS]
             + [(f"p7m {e}", {"signed": e}) for e in ENCODINGS]
             + [("lotto of 3", {"lotto": 2}), ("FSM10 lotto of 2, p7m ber", {"versione": "FSM10", "lotto": 1, "signed": "ber"})])
    print(f"{'form':<36} {'files':>5} {'invoices':>8} {'right':>6} {'repaired':>8} {'refused':>7}")
    totals, started = Counter(), time.perf_counter()
    for form, (name, options) in enumerate(forms):
        row = Counter()
        for i in range(per_form):
            n = seed + 100 * form + i
            lotto = [make_spec("nota_credito" if k % 2 else "fattura", n + 50 + k) for k in range(options.get("lotto", 0))]
            path = folder / f"IT01234567890_{n:05d}.xml"
            bodies = write_fatturapa(make_spec("fattura", n), path, **{**options, "lotto": lotto})
            row += outcome(path, ctx, bodies)
        totals += row
        print(f"{name:<36} {per_form:>5} {row['invoices']:>8} {row['right']:>6} {row['repaired']:>8} {row['refused']:>7}")
    for name, damage in (("forged envelope (content changed)", "forged"), ("truncated envelope", "truncated")):
        refused = 0
        for i in range(per_form):
            path = folder / f"broken_{damage}_{i}.xml.p7m"
            write_fatturapa(make_spec("fattura", seed + 90000 + i), path)
            der = signed_der(path.read_bytes())
            if damage == "forged":
                der = tamper(der, b"<Divisa>EUR</Divisa>", b"<Divisa>USD</Divisa>")
            path.write_bytes(der if damage == "forged" else der[: len(der) // 2])
            refused += outcome(path, ctx, [])["refused"]
        print(f"{name:<36} {per_form:>5} {'':>8} {'':>6} {'':>8} {refused:>7}")
    elapsed = time.perf_counter() - started
    print(f"\nreadable forms: {totals['right']} of {totals['invoices']} invoices right, {totals['repaired']} files "
          f"read after a repair, {totals['refused']} refused; {elapsed:.1f} s including generation")


def outcome(path: Path, ctx: StageContext, bodies: list[dict]) -> Counter:
    try:
        doc = read(path, ctx)
    except DocumentError:
        return Counter(refused=1, invoices=len(bodies))
    parts = [doc, *doc.parts]
    right = sum(all(to_jsonable(part.field_value(k)) == expected[k] for k in KEY_FIELDS)
                for part, expected in zip(parts, bodies))
    repaired = any(c.name == "xml_repaired" for c in doc.checks)
    return Counter(invoices=len(bodies), right=right, repaired=int(repaired))


def read_folder(folder: Path, ctx: StageContext) -> None:
    counts, started = Counter(), time.perf_counter()
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    for path in files:
        name = str(path.relative_to(folder))
        try:
            doc = read(path, ctx)
        except DocumentError as exc:
            counts["refused"] += 1
            print(f"REFUSED   {name}: {exc}")
            continue
        parts = [doc, *doc.parts]
        failed = [f"{c.name}: {c.message}" for c in doc.checks if not c.passed]
        kind = "NOTICE" if doc.label == "notifica_sdi" else "REVIEW" if failed else "READ"
        counts[kind] += 1
        counts["invoices"] += 0 if doc.label == "notifica_sdi" else len(parts)
        print(f"{kind:<9} {name}" + "".join(f"\n          {m}" for m in failed))
        for part in parts:
            print("          " + ", ".join(f"{k}={to_jsonable(part.field_value(k))}" for k in
                                          (("notification", "sdi_identifier", "invoice_file") if doc.label == "notifica_sdi"
                                           else (*KEY_FIELDS, "vat_amount"))))
    elapsed = time.perf_counter() - started
    print(f"\n{len(files)} files: {counts['READ']} read, {counts['REVIEW']} read after a repair or with a failed check "
          f"(review), {counts['NOTICE']} SdI notifications, {counts['refused']} refused; {counts['invoices']} invoices; "
          f"{1000 * elapsed / max(len(files), 1):.1f} ms a file")


if __name__ == "__main__":
    main()
