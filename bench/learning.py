"""What one confirmation per supplier is worth: supplier layouts on the independent corpus.

For each invoice family of samples/grammar, a few suppliers each send a series of
invoices printed from one template (samples/grammar/series.py), born-digital and
scanned; and so do suppliers of our own generator (samples/generator/series.py, the
row `generator`, tuned, kept out of the tuned / never-tuned totals of the grammar).
The first invoice of each confirmed supplier is confirmed with its true values (its
layout learnt); the others are read before (general extractor only) and
after (through the supplier's layout). A few suppliers are never confirmed: their
invoices must read the same after as before. Prints straight-through (number, date,
supplier P.IVA, total and the VAT split all right) and field F1, per family and
tuned / never-tuned; never asserts. Runs the same stages as `demat` (text, fields,
layouts), with the document type given as known.

    OMP_THREAD_LIMIT=1 python -m bench.learning --suppliers 2 --invoices 4 --never-confirmed 1

A figure of 30 scans turns on one document; other suppliers of the same families make a
larger sample, run apart (`--first-supplier 3` takes suppliers 3, 4, ...: none of the default run's):

    OMP_THREAD_LIMIT=1 python -m bench.learning --first-supplier 3 --suppliers 2 --never-confirmed 0 --kinds scan

and `--grammar-seed 7` draws every supplier's template and invoices afresh (tuning material
beyond the default run's suppliers, for the tuned families). `--confirm-damage lowres` confirms each
supplier on a poor scan and reads its next invoices clean: places learnt on a damaged page must hold.

Several draws in one run judge the goal on more scans than one draw's 30: `--first-supplier` and
`--grammar-seed` each take a list (`default` for the grammar's own series), every pair is a draw with a
memory of its own; each draw's lines are printed, then the whole report on the draws pooled:

    OMP_THREAD_LIMIT=1 python -m bench.learning --first-supplier 0,3 --grammar-seed default,7 --kinds scan
"""

from __future__ import annotations

import argparse
import copy
import json
import logging
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from statistics import mean

from bench.extraction import STRAIGHT_THROUGH, compare, read
from demat.extractors.layouts import apply_layout
from demat.extractors.layouts.match import supplier_key
from demat.extractors.layouts.model import SupplierLayout
from demat.extractors.layouts.read import Guess
from demat.extractors.layouts.record import learn
from demat.extractors.layouts.reread import BoxReader, scan_reader
from demat.indexer.repository import from_json
from demat.kernel.config import load_config
from demat.kernel.document import Document, Field, StageContext, document_to_dict, page_from_dict
from demat.pipeline.executor import ProcessExecutor
from demat.pipeline.stages import review_stage
from demat.samples.generator import series as generator_series
from demat.samples.grammar.corpus import family_module, write_draft
from demat.samples.grammar.damage import RECIPES
from demat.samples.grammar.families import TUNED, is_tuned
from demat.samples.grammar.series import InvoiceRandom

STRAIGHT = (*STRAIGHT_THROUGH, "vat_lines")
INVOICE_FAMILIES = ("G1", "G2", "G3", "G4", "G5", "G7", "G8", "G9", "G13", "G14", "G15", "G16", generator_series.FAMILY)


class Memory:
    """The layouts taught in this run (the catalog's role in `demat`)."""

    def __init__(self):
        self.by_supplier: dict[str, list[SupplierLayout]] = defaultdict(list)
        self.failures: list[list[str]] = []  # what each layout that no longer matched failed on
        self.teaching: list[float] = []  # seconds to read a confirmed document's stored words and learn
        self.rereads: list[float] = []  # seconds to read each box again on a scan (layouts/reread.py)
        self.guessed: list[Guess] = []  # each value read elsewhere than learnt (proof.py), of the document read
        self.guesses: dict[tuple[str, str, bool, bool], int] = defaultdict(int)  # (group, how, kept, right): how many
        self.confirmed: set[str] = set()  # the P.IVA of each confirmed supplier, a layout learnt from it or not

    def layouts_for(self, suppliers: list[str]) -> list[SupplierLayout]:
        return [layout for key in suppliers for layout in self.by_supplier.get(key, [])]

    def forget_suppliers(self) -> None:
        """A draw's suppliers are not the next draw's: what they taught is not known there."""
        self.by_supplier.clear()
        self.confirmed.clear()

    def layout_used(self, layout: SupplierLayout, failures: list[str]) -> None:
        if failures:
            self.failures.append(failures)

    def suppliers(self) -> list[str]:
        return list(self.by_supplier)

    def is_known(self, vat: str) -> bool:
        """A confirmed supplier, as the review stage asks the catalog: `demat confirm` makes it known even
        where no value of its document was found on its pages to learn a layout from."""
        return vat in self.confirmed


class GuessCounter(logging.Handler):
    """Counts into MEMORY the guesses the layout stage reports (its log record's `guessed`)."""

    def __init__(self, memory: Memory):
        super().__init__(logging.DEBUG)
        self.memory = memory

    def emit(self, record: logging.LogRecord) -> None:
        self.memory.guessed += getattr(record, "guessed", [])


class Score:
    def __init__(self):
        self.counts = defaultdict(lambda: [0, 0, 0])
        self.invoices = self.straight = 0
        self.leaving = [0, 0]  # documents the review stage lets go: with every reason, without `read_away`
        self.wrong_leaving = [0, 0]  # of those, with a value of straight-through wrong
        self.away = [0, 0]  # fields read away from their learnt place: right, wrong
        self.reasons: dict[str, int] = defaultdict(int)  # review reason code: documents it keeps, their values right
        self.unprinted_vat = 0  # of those kept by `unknown_supplier`, from a supplier that prints no P.IVA

    def pool(self, other: Score) -> None:
        """Add OTHER's figures (another draw's) to these."""
        for name, counts in other.counts.items():
            self.counts[name] = [a + b for a, b in zip(self.counts[name], counts)]
        self.invoices += other.invoices
        self.straight += other.straight
        for mine, theirs in ((self.leaving, other.leaving), (self.wrong_leaving, other.wrong_leaving),
                             (self.away, other.away)):
            mine[:] = [a + b for a, b in zip(mine, theirs)]
        for code, n in other.reasons.items():
            self.reasons[code] += n
        self.unprinted_vat += other.unprinted_vat

    def add(self, expected: dict, doc: Document, errors: list, reviewed: list) -> None:
        """Count DOC; add its wrong values to ERRORS and, where it is not straight through or stays in
        review right, why review keeps it to REVIEWED."""
        right = compare(expected, doc, self.counts, errors)
        self.invoices += 1
        straight = all(n in right for n in STRAIGHT if n in expected)
        self.straight += straight
        codes = {getattr(reason, "code", "other") for reason in doc.review_reasons}
        for code in codes if straight else ():
            self.reasons[code] += 1
        self.unprinted_vat += straight and "unknown_supplier" in codes and "supplier_vat" not in expected
        if codes or not straight:
            reviewed.append((doc.original_name, straight, [str(reason) for reason in doc.review_reasons]))
        for i, leaves in enumerate((not codes, not codes - {"read_away"})):
            self.leaving[i] += leaves
            self.wrong_leaving[i] += leaves and not straight
        for name in doc.read_away:
            self.away[name not in right] += 1

    def figures(self) -> str:
        tp, fp, fn = (sum(c[i] for c in self.counts.values()) for i in range(3))
        f1 = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0
        share = self.straight / self.invoices if self.invoices else 0.0
        return f"{self.straight:>3}/{self.invoices:<3} {share:.2f}  F1 {f1:.3f}"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--families", default=",".join(INVOICE_FAMILIES))
    parser.add_argument("--first-supplier", type=numbers, default=[0],
                        help="the first supplier's number in each family; several (0,3,6): one draw each")
    parser.add_argument("--suppliers", type=int, default=2, help="confirmed suppliers per family")
    parser.add_argument("--never-confirmed", type=int, default=1, help="suppliers per family never confirmed")
    parser.add_argument("--invoices", type=int, default=4, help="invoices per supplier (the first is confirmed)")
    parser.add_argument("--kinds", default="born_digital,scan")
    parser.add_argument("--grammar-seed", type=seeds, default=[None],
                        help="draw the grammar's series with this seed (default: as samples/grammar/series.py does); "
                             "several (default,7,211): one draw each")
    parser.add_argument("--damage", choices=RECIPES, default=None,
                        help="make every scan of the grammar's families with this damage recipe (default: each "
                             "drawn as the corpus draws it; our generator's scans have their own)")
    parser.add_argument("--confirm-damage", choices=RECIPES, default=None,
                        help="confirm each grammar supplier on a scan made with this damage recipe, read its next "
                             "invoices as --kinds and --damage say: a layout learnt on a poor scan reading clean "
                             "pages, or (--confirm-damage flatbed --damage lowres) the opposite")
    parser.add_argument("--show-errors", action="store_true",
                        help="print every wrong value after learning (tuned families only)")
    args = parser.parse_args(argv)
    if args.show_errors and not all(tuned(family) for family in args.families.split(",")):
        parser.error("--show-errors looks at documents one by one: tuned families only "
                     f"({', '.join(TUNED)}, {generator_series.FAMILY})")
    draws = [(first, seed) for seed in args.grammar_seed for first in args.first_supplier]
    pooled: dict[tuple[str, str, str, str], Score] = defaultdict(Score)
    memory = Memory()
    layouts_log = logging.getLogger("demat.layouts")
    layouts_log.setLevel(logging.DEBUG)
    layouts_log.addHandler(GuessCounter(memory))
    errors: list = []
    reviewed: list = []
    for first, seed in draws:
        with tempfile.TemporaryDirectory() as tmp:
            scores = run(Path(tmp), argparse.Namespace(**{**vars(args), "first_supplier": first, "grammar_seed": seed}),
                         memory, errors, reviewed)
        for key, score in scores.items():
            pooled[key].pool(score)
        if len(draws) > 1:
            print(f"### draw: suppliers from number {first}, grammar seed {'default' if seed is None else seed}")
            table(scores, groups_only=True)
            leaving(scores)
            print()
    if len(draws) > 1:
        print(f"### the {len(draws)} draws pooled")
    report(args, pooled, memory, errors, reviewed)


def numbers(text: str) -> list[int]:
    return [int(part) for part in text.split(",")]


def seeds(text: str) -> list[int | None]:
    return [None if part == "default" else int(part) for part in text.split(",")]


def run(folder: Path, args, memory: Memory, errors: list, reviewed: list) -> dict[tuple[str, str, str, str], Score]:
    """One draw (ARGS' first supplier and grammar seed): its scores by (group, confirmed?, kind, before/after),
    the layouts it taught forgotten at its end; its wrong values added to ERRORS, its documents kept to REVIEWED."""
    config = load_config(folder / "home")
    scores: dict[tuple[str, str, str, str], Score] = defaultdict(Score)
    executor = ProcessExecutor(2)
    try:
        for family in args.families.split(","):
            first = args.first_supplier
            for supplier in range(first, first + args.suppliers + args.never_confirmed):
                confirmed = supplier < first + args.suppliers
                kinds = args.kinds.split(",")
                series = generator_series.write_series(folder / "series", supplier, args.invoices, kinds) \
                    if family == generator_series.FAMILY else \
                    grammar_series(folder / "series", family, supplier, args.invoices, kinds, args.grammar_seed,
                                   args.damage)
                poor = grammar_series(folder / "series", family, supplier, 1, ["scan"], args.grammar_seed,
                                      args.confirm_damage)[0][0] \
                    if confirmed and args.confirm_damage and family != generator_series.FAMILY else None
                for kind_index in range(len(kinds)):
                    files = [written[kind_index] for written in series]
                    teaching, files = (files[0], files[1:]) if confirmed else (None, files)
                    if poor is not None:  # the one confirmation, on the poor scan
                        teaching = poor if kind_index == 0 else None
                    read_series(teaching, files, memory, StageContext(config, executor, folder / "work"),
                                scores, errors, reviewed, confirmed)
                print(f"\r{family} supplier {supplier} read", end="", file=sys.stderr, flush=True)
    finally:
        executor.shutdown()
        memory.forget_suppliers()
    print(file=sys.stderr)
    return scores


def grammar_series(folder: Path, family: str, supplier: int, count: int, kinds: list[str], seed: int | None,
                   damage: str | None = None) -> list[list[Path]]:
    """samples/grammar/series.py's `write_series`, its generators keyed with SEED too where one is given
    (other templates and values of the same family), its scans made with the DAMAGE recipe where one is
    given (else each drawn as the corpus draws it)."""
    folder.mkdir(parents=True, exist_ok=True)
    module = family_module(family)
    key = f"series:{family}:{supplier}" if seed is None else f"series:{seed}:{family}:{supplier}"
    stem = family if seed is None else f"{family}-seed{seed}"
    written = []
    for number in range(count):
        rng = InvoiceRandom(key, f"{key}:{number}")
        written.append(write_draft(folder, f"{stem}-supplier{supplier:03d}-{number:02d}", module.build("fattura", rng),
                                   family, supplier * 100 + number, kinds, recipe=damage))
    return written


def read_series(teaching: Path | None, files: list[Path], memory: Memory, ctx: StageContext, scores: dict,
                errors: list, reviewed: list, confirmed: bool) -> None:
    """Confirm TEACHING (a confirmed supplier's first invoice, where given), then read FILES before and after
    (and what the review stage makes of them after)."""
    if teaching is not None:
        data = json.loads(teaching.read_text(encoding="utf-8"))
        doc, _ = read(teaching.parent / data["file"], data["type"], ctx.config, ctx.executor, ctx.work_dir.parent)
        teach(memory, doc, data["fields"])
    for path in files:
        data = json.loads(path.read_text(encoding="utf-8"))
        doc, _ = read(path.parent / data["file"], data["type"], ctx.config, ctx.executor, ctx.work_dir.parent)
        before = copy.copy(doc)
        before.fields = dict(doc.fields)
        memory.guessed.clear()
        after = review_stage(memory)(apply_layout(doc, memory, timed(scan_reader(doc, ctx.config.ocr), memory)), ctx)
        group = "tuned" if data["tuned"] else "never-tuned"
        for how, name, value, kept in memory.guessed:
            memory.guesses[(group, how, kept, value is not None and value == truth(data["fields"], name))] += 1
        who = "confirmed" if confirmed else "never confirmed"
        places = (data["family"],) if data["family"] == generator_series.FAMILY else (data["family"], group)
        for place in places:  # each wrong value listed once
            last = place == places[-1]
            scores[(place, who, data["kind"], "before")].add(data["fields"], before, [], [])
            scores[(place, who, data["kind"], "after")].add(data["fields"], after, errors if last else [],
                                                            reviewed if last and confirmed else [])


def teach(memory: Memory, doc: Document, expected: dict) -> None:
    """What `demat confirm --set ...` does with the true values, without a catalog: the pages' words
    as the archive's sidecar keeps them."""
    start = time.perf_counter()
    pages = [page_from_dict(json.loads(json.dumps(p))) for p in document_to_dict(doc)["pages"]]
    if not all(p.words for p in pages):
        pages = doc.pages  # a born-digital page: `demat confirm` reads its text layer again
    true = {name: Field(from_json(name, value)) for name, value in expected.items() if value not in (None, [])}
    key = supplier_key({name: f.value for name, f in true.items()})
    if "supplier_vat" in true:
        memory.confirmed.add(true["supplier_vat"].value)
    layout = learn(key, pages, true) if key else None
    memory.teaching.append(time.perf_counter() - start)
    if layout is not None:
        memory.by_supplier[key].append(layout)


def truth(expected: dict, name: str):
    """The true value of field NAME (vat_lines.0.taxable_amount: a row's part) in EXPECTED."""
    if name.startswith("vat_lines."):
        _, index, part = name.split(".")
        rows = from_json("vat_lines", expected.get("vat_lines")) or []
        return rows[int(index)].get(part) if int(index) < len(rows) else None
    return from_json(name, expected.get(name))


def timed(read_box: BoxReader | None, memory: Memory) -> BoxReader | None:
    """READ_BOX, each call timed into MEMORY.rereads."""
    if read_box is None:
        return None

    def read(page, box, whitelist: str) -> str:
        start = time.perf_counter()
        text = read_box(page, box, whitelist)
        memory.rereads.append(time.perf_counter() - start)
        return text

    return read


def table(scores: dict, groups_only: bool = False) -> None:
    """Straight-through and F1 before and after learning, per family (GROUPS_ONLY: tuned and never-tuned only)."""
    print(f"{'family':<19}{'suppliers':<17}{'kind':<14}{'before':<26}{'after'}")
    groups = ("tuned", "never-tuned")
    for key in sorted({k[:3] for k in scores if k[0] in groups or not groups_only}, key=lambda k: (k[0] in groups, k)):
        place, who, kind = key
        shown = place if place in groups else f"{place} ({'tuned' if tuned(place) else 'never'})"
        print(f"{shown:<19}"
              f"{who:<17}{kind:<14}{scores[(*key, 'before')].figures():<26}{scores[(*key, 'after')].figures()}")


def leaving(scores: dict) -> None:
    """The documents of confirmed suppliers the review stage lets go, and what keeps the right ones."""
    for key in sorted(k for k in scores if k[0] in ("tuned", "never-tuned", generator_series.FAMILY)
                      and k[1] == "confirmed" and k[3] == "after"):
        score = scores[key]
        print(f"{key[0]:<12}{key[2]:<14}leave {score.leaving[0]:>3}/{score.invoices:<3} wrong {score.wrong_leaving[0]:>2}"
              f" ({score.leaving[1]:>3}, wrong {score.wrong_leaving[1]:>2})   "
              f"read away: {score.away[0]} right, {score.away[1]} wrong; "
              f"kept right by {', '.join(f'{code} {n}' for code, n in sorted(score.reasons.items())) or 'nothing'}"
              + (f" (unknown_supplier: {score.unprinted_vat} of a supplier that prints no P.IVA, a P.IVA read: "
                 f"another's, not judged by straight-through)" if score.unprinted_vat else ""))


def tuned(family: str) -> bool:
    return family == generator_series.FAMILY or is_tuned(family)


def report(args, scores: dict, memory: Memory, errors: list, reviewed: list) -> None:
    seeds_drawn = [seed for seed in args.grammar_seed if seed is not None]
    print(f"### supplier layouts: {args.suppliers} confirmed + {args.never_confirmed} never-confirmed suppliers per "
          f"family from number {','.join(map(str, args.first_supplier))}, {args.invoices} invoices each ({args.kinds}); "
          f"the first of a confirmed supplier is confirmed"
          + (f"; grammar seed {','.join('default' if s is None else str(s) for s in args.grammar_seed)}"
             if seeds_drawn else "")
          + (f"; the grammar's scans {args.damage}" if args.damage else "")
          + (f"; confirmed on a scan {args.confirm_damage}" if args.confirm_damage else ""))
    print(f"straight-through = {'/'.join(STRAIGHT)} all right; figures: right/invoices share, field F1\n")
    table(scores)
    print("\nafter learning, the review stage: documents leaving with no review reason, of them with a wrong value "
          "(without the reason 'read away from its learnt place'), and the fields it names (right / wrong values)")
    leaving(scores)
    print(f"\ndocuments a layout no longer matched (sent to review): {len(memory.failures)}")
    if memory.rereads:
        print(f"boxes read again on the scans (after learning): {len(memory.rereads)}, {mean(memory.rereads) * 1000:.0f} ms "
              f"mean, {max(memory.rereads) * 1000:.0f} ms max (the first of a page loads its image; inflated by the load)")
    print(f"guesses (values read elsewhere than learnt, kept only where a check proves them): "
          f"{sum(memory.guesses.values())} tried, {sum(n for (_, _, kept, _), n in memory.guesses.items() if kept)} kept")
    for group, how in sorted({key[:2] for key in memory.guesses}):  # right: the value the document holds
        n = {(kept, right): count for (g, h, kept, right), count in memory.guesses.items() if (g, h) == (group, how)}
        print(f"  {group:<12}{how:<10} tried {sum(n.values()):>3}, kept {n.get((True, True), 0) + n.get((True, False), 0):>3} "
              f"({n.get((True, False), 0)} wrong), dropped {n.get((False, True), 0)} right and {n.get((False, False), 0)} wrong")
    if memory.teaching:
        print(f"learning one confirmed document from its stored words: {mean(memory.teaching) * 1000:.0f} ms mean, "
              f"{max(memory.teaching) * 1000:.0f} ms max (no OCR; on a shared machine, figures inflated by its load)")
    if args.show_errors:
        for failures in memory.failures:
            print(f"  layout not matched: {'; '.join(failures)}")
        for name, field, want, got in errors:
            print(f"  {name}: {field}: expected {want!r}, got {got!r}")
        for name, straight, reasons in reviewed:  # a confirmed supplier's: why not straight through, or kept
            print(f"  {name}: {'right' if straight else 'not straight through'}, "
                  f"{'review: ' + '; '.join(reasons) if reasons else 'LEAVES REVIEW'}")


if __name__ == "__main__":
    main()
