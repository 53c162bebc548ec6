"""Dates that are not the document's, printed on a tuned page: what the date and due-date readers choose
among them.

Tuned born-digital dates read all right, as the tuned layouts print few other dates; never-tuned pages
misled the readers with dates of other things (issue 11: a stamp's, a delivery's, an item's). Here a
TUNED grammar document's born-digital words get one more line, printed as real pages print another
date: an order's or a DDT's reference, a period, a stamp, a printing or registration date, a contract's
term, a birth date, a schedule of instalments. The line goes right under the line that prints the
document's date (`after`: where a header's references stand), above the page's first line (`top`: a
printing date, a stamp in the corner) or under its last (`foot`). Everything below it moves down a line.

    .venv/bin/python -m bench.other_dates --seeds 1701-1720 [--where after,top,foot] [--errors]

Prints, per line printed, how many documents' date and due_date are right, lost or given wrong against
the same words without it. No OCR runs.
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections import defaultdict
from dataclasses import replace

from demat.extractors.fields.dates import find_dates
from demat.kernel.document import Page, Word

# Each line a page may print beside its own dates, with the days its dates lie from the document's date
# (a due date's line: from the due date). Offsets as real pages have them: an order before the invoice,
# a stamp after it.
OTHER_LINES = {
    "order": ("Rif. ordine n. 4512 del {}", "date", (-12,)),
    "ddt": ("DDT n. 118 del {}", "date", (-3,)),
    "ddt_caption": ("Data DDT {}", "date", (-2,)),
    "order_caption": ("Data ordine {}", "date", (-9,)),
    "letter": ("Vs. lettera del {}", "date", (-20,)),
    "period": ("Periodo di fatturazione: dal {} al {}", "date", (-40, -10)),
    "printed": ("Stampato il {}", "date", (2,)),
    "paid": ("PAGATO il {}", "date", (25,)),
    "received": ("Ricevuto il {}", "date", (4,)),
    "registered": ("Data registrazione {}", "date", (6,)),
    "protocol": ("Prot. n. 3321 del {}", "date", (5,)),
    "item": ("Intervento del {} presso la vostra sede", "date", (-6,)),
    "contract": ("Contratto n. 55 valido dal {} al {}", "date", (-200, 165)),
    "delivery": ("Consegna prevista il {}", "date", (7,)),
    "birth": ("Data di nascita {}", "date", (-16000,)),
    "instalments": ("Scadenze: {} 500,00 - {} 500,00", "due_date", (0, 30)),
    "second_due": ("Seconda rata scadenza {}", "due_date", (30,)),
}
WHERE = ("after", "top", "foot")
DATE_FORMAT = "%d/%m/%Y"


def with_other_date(pages: list[Page], expected: dict, line: str, where: str) -> list[Page] | None:
    """PAGES with LINE of OTHER_LINES printed WHERE on the first page, its dates set from EXPECTED's; None
    when EXPECTED has no such date to set them from or the page does not print the date it is set from."""
    text, anchor, offsets = OTHER_LINES[line]
    origin = expected.get(anchor)
    if not origin:
        return None
    origin = dt.date.fromisoformat(origin)
    printed = text.format(*((origin + dt.timedelta(days=d)).strftime(DATE_FORMAT) for d in offsets))
    first, rest = pages[0], pages[1:]
    lines = _lines(first.words)
    if not lines:
        return None
    if where == "top":
        at = 0
    elif where == "foot":
        at = len(lines)
    else:
        own = dt.date.fromisoformat(expected["date"]) if expected.get("date") else None
        at = next((i + 1 for i, words in enumerate(lines)
                   if any(value == own for value, _, _ in find_dates(" ".join(w.text for w in words)))), None)
        if at is None:
            return None
    return [_inserted(first, lines, at, printed)] + rest


def _lines(words: list[Word]) -> list[list[Word]]:
    """WORDS grouped in lines, top to bottom: a word joins the line whose first word's top is within half its
    height."""
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.box[1], w.box[0])):
        if lines and abs(lines[-1][0].box[1] - word.box[1]) < (word.box[3] - word.box[1]) / 2:
            lines[-1].append(word)
        else:
            lines.append([word])
    return lines


def _inserted(page: Page, lines: list[list[Word]], at: int, printed: str) -> Page:
    """PAGE with PRINTED as a line of its own before LINES[AT] (after the last when AT is past them), at the
    page's left margin, in the height and width of letter of the line before it; the words below move down."""
    near = lines[min(max(at - 1, 0), len(lines) - 1)]
    height = max(w.box[3] - w.box[1] for w in near)
    char = sum(w.box[2] - w.box[0] for w in near) / max(sum(len(w.text) for w in near), 1)
    top = near[-1].box[3] + height * 0.5 if at else near[0].box[1]
    left = min(w.box[0] for w in page.words)
    shift = 1.6 * height
    new, x = [], left
    for piece in printed.split(" "):
        new.append(Word(piece, (x, top, x + char * len(piece), top + height), 0.96))
        x += char * (len(piece) + 1)
    below = {id(w) for words in lines[at:] for w in words}
    words = [replace(w, box=(w.box[0], w.box[1] + shift, w.box[2], w.box[3] + shift)) if id(w) in below else w
             for w in page.words]
    words += new
    words.sort(key=lambda w: (w.box[1], w.box[0]))
    return replace(page, words=words, text="\n".join(" ".join(w.text for w in ws) for ws in _lines(words)))


def main(argv: list[str] | None = None) -> None:
    from bench.extraction import compare
    from bench.ocr_noise import documents
    from demat.extractors import fields
    from demat.kernel.config import load_config
    from demat.kernel.document import Classification, Document, StageContext
    from demat.pipeline.executor import SerialExecutor
    from demat.samples.grammar.corpus import tuned_grammar_families

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", default="1701-1720", help="a range A-B or a comma-separated list")
    parser.add_argument("--families", default=",".join(tuned_grammar_families()), help="tuned grammar families only")
    parser.add_argument("--where", default=",".join(WHERE))
    parser.add_argument("--lines", default=",".join(OTHER_LINES))
    parser.add_argument("--errors", action="store_true", help="print each date or due date the line changed")
    args = parser.parse_args(argv)
    start, _, end = args.seeds.partition("-")
    seeds = list(range(int(start), int(end) + 1)) if end else [int(s) for s in args.seeds.split(",")]
    docs = documents(seeds, tuple(args.families.split(",")))
    ctx = StageContext(config=load_config(None), executor=SerialExecutor(), work_dir=None)

    def read(name, expected, doc_type, pages):
        counts, errors = defaultdict(lambda: [0, 0, 0]), []
        doc = Document(path=None, original_name=name, pages=pages, classification=Classification(doc_type, 1.0))
        compare({k: expected.get(k) for k in ("date", "due_date") if k in expected}, fields.run(doc, ctx), counts, errors)
        return {e[1]: e[3] for e in errors}

    plain = {name: read(name, expected, doc_type, pages) for name, expected, doc_type, pages in docs}
    print(f"{len(docs)} documents, seeds {args.seeds}; without another date: date wrong/lost "
          f"{sum('date' in e for e in plain.values())}, due_date {sum('due_date' in e for e in plain.values())}")
    print(f"{'line':<15}{'where':<7}{'docs':>5}  date lost/wrong   due_date lost/wrong")
    for line in args.lines.split(","):
        for where in args.where.split(","):
            tally = defaultdict(int)
            shown = []
            n = 0
            for name, expected, doc_type, pages in docs:
                spoilt = with_other_date(pages, expected, line, where)
                if spoilt is None:
                    continue
                n += 1
                errors = read(name, expected, doc_type, spoilt)
                for field in ("date", "due_date"):
                    if field in errors and field not in plain[name]:
                        tally[field, errors[field] is not None] += 1
                        shown.append((name, field, expected.get(field), errors[field]))
            print(f"{line:<15}{where:<7}{n:>5}  {tally['date', False]:>4} / {tally['date', True]:<4}     "
                  f"{tally['due_date', False]:>4} / {tally['due_date', True]:<4}")
            if args.errors:
                for error in shown:
                    print("   ", *error)


if __name__ == "__main__":
    main()
