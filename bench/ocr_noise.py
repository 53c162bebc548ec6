"""What the fields stage loses when tesseract misreads words, one kind of misreading at a time.

Tuned scans at our usual damage read too well to show it, and OCR is slow. Here a TUNED grammar
document's born-digital words (exactly as extraction receives them) are spoiled the way tesseract
spoils words on a poor scan, each kind a switch, then extracted as an OCR'd page. The kinds and
their characters were learnt by aligning real OCR of tuned lowres/fax/faint scans with the same
drafts' text layers: '.' lost or read ',' (the commonest), '(' read '{', '5' read 'S', a stray '|',
'l' read 'i' or 't', 'ri' read 'n', 'I' read '1', a caption's capital read small ('imponibile').

Tesseract also loses words altogether, and more often reads a caption past knowing ("Dau" for "Data", "Oem" for
"Cliente", "PIVAICE" for "P.IVA / C.F."): aligned with their text layers, tuned lowres scans lost 2% of their words
(marks and words of one or two characters the most) but 11% of their captions, a party's marker one in five. Two
more kinds say what that costs: `lost`, words dropped at the rates measured (LOST_RATES), and `lost_caption`, every
caption word of one field at a time dropped (each label name a line), so that each field's dependence on its
caption is measured alone.

    .venv/bin/python -m bench.ocr_noise --seeds 601-640 [--kinds look_alike,edit,lost,lost_caption] [--rate 0.2]
        [--errors KIND]   (lost_caption:NAME, e.g. lost_caption:date, drops one caption's words only)

Prints, per kind, field P/R/F1 and values given wrong against the same words unspoiled. No OCR runs:
40 seeds of the 11 tuned families read in about a minute. A name spoiled in its own letters is lost for
good (no check proves a name): the losses to mend are the identifiers, dates and amounts a check proves,
and the captions a misread keeps from finding them.
"""

from __future__ import annotations

import argparse
import io
import random
import string
from collections import defaultdict
from dataclasses import replace

from demat.kernel.document import Classification, Document, Page, Word

# One character (or two) and what tesseract read for it, learnt from real tuned scans.
LOOK_ALIKES = {"l": "it1I", "I": "1li", "i": "l1", "o": "a0e", "0": "O", "5": "S", "S": "5", "B": "8", "8": "B",
               "T": "7", "1": "Il", "e": "oac", "a": "o", "c": "e", "u": "n", "n": "u", "rn": "m", "ri": "n",
               "li": "h", "cl": "d", "m": "rn"}
PUNCTUATION = {".": ("", ",", " "), ",": (".", ""), ":": (";", ".", ""), "€": ("C", "E"), "-": ("", "~")}
STRAY_MARKS = "|{}[]("  # what a scan's specks and rules are read as, stuck to a word
ACCENTS = {"à": "a", "è": "e", "é": "e", "ì": "i", "ò": "o", "ù": "u", "i": "ì"}
MIN_SPLIT = 6  # a code or amount this long is what tesseract reads in two ("5 421,35", "IT60X 0542811101")
CLEAN_CONFIDENCE = 0.96  # tesseract's usual confidence in a word it read right
SPOILED_CONFIDENCE = 0.7  # and in one it misread (0.3-0.95 seen)
DEFAULT_RATE = 0.2  # share of the words a kind may spoil that it spoils
# The share of words of each shape tesseract lost altogether on tuned lowres scans (6745 words aligned with their
# text layers, seeds 851-854): marks the most, then words of one or two characters; captions hardly ever (0.3%: a
# caption is misread rather than lost, which `lost_caption` stands for).
LOST_RATES = {"mark": 0.056, "short": 0.03, "word": 0.018}
SHORT_WORD = 2  # characters
# The kinds of label whose words `lost_caption` drops: a field's caption, a party's marker.
CAPTION_KINDS = ("field", "party")


def look_alike(word: str, rng: random.Random) -> str | None:
    """One character (or pair) read as its look-alike: 'Scadcnza', 'B6,26', 'Numcro'."""
    places = [(i, k) for k in LOOK_ALIKES for i in range(len(word)) if word.startswith(k, i)]
    if not places:
        return None
    i, k = rng.choice(places)
    read = LOOK_ALIKES[k] if k == "m" else rng.choice(LOOK_ALIKES[k])
    return word[:i] + read + word[i + len(k):]


def edit(word: str, rng: random.Random) -> str | None:
    """One letter of a word of letters lost, doubled or changed: 'Numer', 'Scadcnza', 'Dala'."""
    places = [i for i, ch in enumerate(word) if ch.isalpha()]
    if len(places) < 4:
        return None
    i = rng.choice(places)
    how = rng.randrange(3)
    if how == 0:
        return word[:i] + word[i + 1:]
    if how == 1:
        return word[:i] + word[i] + word[i:]
    return word[:i] + rng.choice(string.ascii_lowercase.replace(word[i].lower(), "")) + word[i + 1:]


def punctuation(word: str, rng: random.Random) -> str | None:
    """A mark lost or read as another: 'N.' read 'N,', '1.234,56' read '1,234,56', ':' read ';', '€' read 'C'."""
    places = [i for i, ch in enumerate(word) if ch in PUNCTUATION]
    if not places:
        return None
    i = rng.choice(places)
    return word[:i] + rng.choice(PUNCTUATION[word[i]]) + word[i + 1:]


def case(word: str, rng: random.Random) -> str | None:
    """A caption's capital read small ('imponibile'), or an accent lost or gained ('Societa', 'dì')."""
    accented = [i for i, ch in enumerate(word) if ch in ACCENTS]
    if word[:1].isalpha() and word[:1] not in "lI" and (not accented or rng.random() < 0.5):
        return word[0].swapcase() + word[1:]
    if not accented:
        return None
    i = rng.choice(accented)
    return word[:i] + ACCENTS[word[i]] + word[i + 1:]


def stray(word: str, rng: random.Random) -> str | None:
    """A speck or a rule's end read as a mark stuck to the word: '|K76562', '{kg}', '4,00]'."""
    mark = rng.choice(STRAY_MARKS)
    return mark + word if rng.random() < 0.6 else word + mark


def lost_rate(word: str) -> float:
    """How likely tesseract loses WORD altogether, by its shape (LOST_RATES)."""
    if not any(ch.isalnum() for ch in word):
        return LOST_RATES["mark"]
    return LOST_RATES["short" if len(word) <= SHORT_WORD else "word"]


SPOILERS = {"look_alike": look_alike, "edit": edit, "punctuation": punctuation, "case": case, "stray": stray}
KINDS = (*SPOILERS, "split", "join", "lost")


def spoil_page(page: Page, kinds: tuple[str, ...], rate: float, rng: random.Random) -> Page:
    """PAGE as an OCR'd page whose words KINDS spoiled, each at RATE of the words it may spoil."""
    words = [replace(w, confidence=CLEAN_CONFIDENCE) for w in page.words]
    out: list[Word] = []
    i = 0
    while i < len(words):
        word = words[i]
        kind = rng.choice(kinds) if kinds else None
        if kind is None or rng.random() >= (lost_rate(word.text) if kind == "lost" else rate):
            out.append(word)
        elif kind == "lost":
            pass
        elif kind == "split" and _split_points(word.text):
            out += _split(word, rng)
        elif kind == "join" and i + 1 < len(words) and _close(word, words[i + 1]):
            out.append(_join(word, words[i + 1]))
            i += 1
        elif kind in SPOILERS and (text := SPOILERS[kind](word.text, rng)):
            out.append(replace(word, text=text, confidence=SPOILED_CONFIDENCE))
        else:
            out.append(word)
        i += 1
    return replace(page, words=out, text=_text(out), source="ocr", confidence=CLEAN_CONFIDENCE)


def caption_names(pages: list[Page]) -> list[str]:
    """The names of the captions and markers (CAPTION_KINDS) the fields stage finds on PAGES."""
    from demat.extractors.fields.reading import Reading

    return sorted({lb.name for lb in Reading(pages).labels if lb.kind in CAPTION_KINDS})


def without_caption(pages: list[Page], name: str) -> list[Page]:
    """PAGES without the words of every caption (or marker) of NAME the fields stage finds: a word that goes on
    past its caption ("n.2024/118") keeps what follows it."""
    from demat.extractors.fields.reading import Reading

    lost: dict[tuple, str] = {}
    for label in Reading(pages).labels:
        if label.kind in CAPTION_KINDS and label.name == name:
            for token in label.tokens:
                lost[(token.page, token.box)] = label.tail if token is label.last else ""
    return [replace(page, words=[w if (page.number, w.box) not in lost else replace(w, text=lost[(page.number, w.box)])
                                 for w in page.words if lost.get((page.number, w.box), w.text)]) for page in pages]


def _split_points(text: str) -> list[int]:
    """Where tesseract parts a long code or amount: after a mark ("3.214, 00-") or between two figures
    ("1T68T04210018067 12559527051"); none in a shorter word."""
    if len(text) < MIN_SPLIT:
        return []
    return [i for i in range(1, len(text)) if text[i - 1] in ",./-" or text[i - 1:i + 1].isdigit()]


def _split(word: Word, rng: random.Random) -> list[Word]:
    """WORD read in two words at one of its split points, each its share of the box."""
    text = word.text
    at = rng.choice(_split_points(text))
    x0, top, x1, bottom = word.box
    cut = x0 + (x1 - x0) * at / len(text)
    return [Word(text[:at], (x0, top, cut - 0.5, bottom), SPOILED_CONFIDENCE),
            Word(text[at:], (cut + 0.5, top, x1, bottom), SPOILED_CONFIDENCE)]


def _close(a: Word, b: Word) -> bool:
    """B follows A on its line within a space's width: words tesseract may read as one ('Datadocumento')."""
    height = a.box[3] - a.box[1]
    return abs(a.box[1] - b.box[1]) < height / 2 and 0 <= b.box[0] - a.box[2] < height


def _join(a: Word, b: Word) -> Word:
    box = (min(a.box[0], b.box[0]), min(a.box[1], b.box[1]), max(a.box[2], b.box[2]), max(a.box[3], b.box[3]))
    return Word(a.text + b.text, box, SPOILED_CONFIDENCE)


def _text(words: list[Word]) -> str:
    """The page's text as OCR gives it: its words, a line break where a word opens a new line."""
    lines: list[list[Word]] = []
    for word in words:
        if lines and abs(lines[-1][-1].box[1] - word.box[1]) < (word.box[3] - word.box[1]) / 2:
            lines[-1].append(word)
        else:
            lines.append([word])
    return "\n".join(" ".join(w.text for w in line) for line in lines)


def documents(seeds: list[int], families: tuple[str, ...]) -> list[tuple[str, dict, str, list[Page]]]:
    """Each TUNED family's document of each seed: its name, expected fields, type and text-layer pages."""
    import pdfplumber

    from demat.extractors.pdf import text_layer_page
    from demat.samples.grammar.corpus import draft_for
    from demat.samples.grammar.families import is_tuned
    from demat.samples.grammar.sheet import pdf_bytes

    found = []
    for family in families:
        if not is_tuned(family):
            raise SystemExit(f"{family} is never-tuned: its documents are not read here")
        for seed in seeds:
            name, draft = draft_for(family, seed)
            with pdfplumber.open(io.BytesIO(pdf_bytes(draft.sheets, name))) as pdf:
                pages = [text_layer_page(p, i + 1) for i, p in enumerate(pdf.pages)]
            found.append((name, draft.fields, draft.doc_type, pages))
    return found


def measure(docs, kinds: tuple[str, ...], rate: float, seed: int, caption: str | None = None) -> tuple[dict, list]:
    """Field tp/fp/fn over DOCS with KINDS spoiling their words (none: the words as they are, read as OCR'd),
    every word of the CAPTION named so (if any) lost."""
    from bench.extraction import compare
    from demat.extractors import fields
    from demat.kernel.config import load_config
    from demat.kernel.document import StageContext
    from demat.pipeline.executor import SerialExecutor

    ctx = StageContext(config=load_config(None), executor=SerialExecutor(), work_dir=None)
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    errors: list = []
    for name, expected, doc_type, pages in docs:
        rng = random.Random(f"noise:{seed}:{name}:{','.join(kinds)}")
        read = [spoil_page(p, kinds, rate if kinds else 0.0, rng) for p in (without_caption(pages, caption)
                                                                          if caption else pages)]
        doc = Document(path=None, original_name=name, pages=read, classification=Classification(doc_type, 1.0))
        doc = fields.run(doc, ctx)
        compare(expected, doc, counts, errors)
    return counts, errors


def summary(counts: dict) -> tuple[int, int, int, str]:
    tp, fp, fn = (sum(c[i] for c in counts.values()) for i in range(3))
    p, r = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    return tp, fp, fn, f"P {p:.3f} R {r:.3f} F1 {2 * tp / max(2 * tp + fp + fn, 1):.3f}"


def main(argv: list[str] | None = None) -> None:
    from demat.samples.grammar.corpus import tuned_grammar_families

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", default="601-620", help="a range A-B or a comma-separated list")
    parser.add_argument("--families", default=",".join(tuned_grammar_families()), help="tuned grammar families only")
    parser.add_argument("--kinds", default=",".join(KINDS), help=f"of {', '.join(KINDS)}; 'all' mixes them")
    parser.add_argument("--rate", type=float, default=DEFAULT_RATE)
    parser.add_argument("--noise-seed", type=int, default=1)
    parser.add_argument("--errors", help="print the values KIND lost or gave wrong that clean words read right")
    args = parser.parse_args(argv)
    start, _, end = args.seeds.partition("-")
    seeds = list(range(int(start), int(end) + 1)) if end else [int(s) for s in args.seeds.split(",")]
    docs = documents(seeds, tuple(args.families.split(",")))
    clean, clean_errors = measure(docs, (), 0.0, args.noise_seed)
    clean_wrong = {(e[0], e[1]) for e in clean_errors}
    tp0, fp0, fn0, line = summary(clean)
    print(f"{len(docs)} documents, seeds {args.seeds}, rate {args.rate}")
    print(f"{'clean (read as OCR)':<20} {line}  given wrong {fp0}")
    runs = []
    for kind in args.kinds.split(","):
        if kind == "lost_caption":
            names = sorted({n for _, _, _, pages in docs for n in caption_names(pages)})
            runs += [(f"lost_caption:{n}", (), n) for n in names]
        elif kind.startswith("lost_caption:"):
            runs.append((kind, (), kind.partition(":")[2]))
        else:
            runs.append((kind, tuple(KINDS) if kind == "all" else (kind,), None))
    for kind, spoilt, caption in runs:
        counts, errors = measure(docs, spoilt, args.rate, args.noise_seed, caption)
        tp, fp, fn, line = summary(counts)
        lost, wrong = defaultdict(int), defaultdict(int)
        for e in errors:
            if (e[0], e[1]) not in clean_wrong:
                lost[e[1]] += 1
                wrong[e[1]] += e[3] not in (None, [])
        print(f"{kind:<20} {line}  given wrong {fp:>3} (+{fp - fp0})  lost {tp0 - tp:>3}  by field (wrong) "
              + " ".join(f"{k}:{v}" + (f"({wrong[k]})" if wrong[k] else "")
                         for k, v in sorted(lost.items(), key=lambda kv: -kv[1])))
        if args.errors == kind:
            for e in errors:
                if (e[0], e[1]) not in clean_wrong:
                    print("  ERR", *e)


if __name__ == "__main__":
    main()
