"""Write grammar documents to disk: NAME.<ext> + NAME.json, born-digital and scanned."""

from __future__ import annotations

import importlib
import json
import random
import sys
from pathlib import Path

from demat.samples.grammar import damage
from demat.samples.grammar.draft import Draft
from demat.samples.grammar.families import COURTESY, FAMILIES, is_tuned
from demat.samples.grammar.sheet import pdf_bytes

KINDS = ("born_digital", "scan")
MODULES = {"G1": "g1_grid", "G2": "g2_prose", "G3": "g3_corner", "G4": "g4_mono", "G5": "g5_boxed", "G6": "g6_office",
           "G7": "g7_invoice_en", "G8": "g8_rechnung", "G9": "g9_facture", "G10": "g10_till", "G11": "g11_receipt_abroad",
           "G12": "g12_correspondence", "G13": "g13_scadenze", "G14": "g14_parcella", "G15": "g15_negozio_online",
           "G16": "g16_modulo", "G17": "g17_gestionale", "G18": "g18_artigiano", "G19": "g19_cortesia"}
A4_DAMAGE = ("flatbed", "flatbed", "faint", "lowres", "fax", "phone")
RECEIPT_DAMAGE = ("thermal", "thermal", "phone")


def family_module(family: str):
    return importlib.import_module(f"demat.samples.grammar.layouts.{MODULES[family]}")


def grammar_families() -> tuple[str, ...]:
    """The families drawn by the grammar (the courtesy copies are rendered elsewhere)."""
    return tuple(f for f in FAMILIES if f in MODULES)


def tuned_grammar_families() -> tuple[str, ...]:
    """The TUNED families the grammar draws, whose drafts the benches read (C0, tuned too, is a courtesy copy)."""
    return tuple(f for f in grammar_families() if is_tuned(f))


def draft_for(family: str, seed: int) -> tuple[str, Draft]:
    """Document SEED of FAMILY: its name and its draft. The same pair always gives the same document."""
    module = family_module(family)
    doc_type = module.TYPES[seed % len(module.TYPES)]
    name = f"{family}-{doc_type}-s{seed:04d}"
    return name, module.build(doc_type, random.Random(f"grammar:{name}"))


def write_document(folder: Path, family: str, seed: int, kinds=KINDS, recipe: str | None = None,
                   ext: str | None = None) -> list[Path]:
    """Write one document in each kind; returns the JSON files. recipe/ext pick the scan's damage and format."""
    name, draft = draft_for(family, seed)
    return write_draft(folder, name, draft, family, seed, kinds, recipe, ext)


def write_draft(folder: Path, name: str, draft: Draft, family: str, seed: int, kinds=KINDS,
                recipe: str | None = None, ext: str | None = None) -> list[Path]:
    """write_document for a draft made elsewhere (a supplier's series)."""
    pdf = pdf_bytes(draft.sheets, name)
    written = []
    if "born_digital" in kinds:
        (folder / f"{name}.pdf").write_bytes(pdf)
        written.append(_write_expected(folder / f"{name}.json", draft, family, seed, "born_digital", f"{name}.pdf",
                                       len(draft.sheets)))
    if "scan" in kinds:
        rng = random.Random(f"scan:{name}")
        receipt = draft.doc_type == "ricevuta"
        recipe = recipe or rng.choice(RECEIPT_DAMAGE if receipt else A4_DAMAGE)
        ext = damage.scan_extension(ext or ("jpg" if recipe == "phone" else rng.choice(
            ("png", "jpg") if receipt else ("pdf", "pdf", "png", "tif"))), len(draft.sheets))
        path = folder / f"{name}-{recipe}.{ext}"
        pages = damage.write_scan(pdf, path, recipe, rng)
        written.append(_write_expected(folder / f"{name}-{recipe}.json", draft, family, seed, "scan", path.name, pages,
                                       recipe))
    return written


def _write_expected(path: Path, draft: Draft, family: str, seed: int, kind: str, file_name: str, pages: int,
                    recipe: str | None = None) -> Path:
    data = {"file": file_name, "type": draft.doc_type, "department": draft.department, "kind": kind,
            "layout": family, "family": family, "tuned": is_tuned(family), "seed": seed, "split": "independent",
            "rotation": 0, "pages": pages, "damage": recipe, "foreign": draft.foreign, "fields": draft.fields,
            "search_words": search_words(draft)}
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path


def search_words(draft: Draft) -> list[str]:
    """A word of a printed party name: surely in the document's text."""
    for key in ("supplier_name", "sender", "customer_name", "recipient"):
        for piece in draft.printed.get(key, []):
            words = [w for w in piece.replace(".", " ").split() if len(w) >= 5 and w.isalpha()]
            if words:
                return words[:1]
    return []


def write_corpus(folder: Path, families=None, per_family: int = 10, seed: int = 1,
                 kinds=KINDS) -> list[Path]:
    """per_family documents of each family (document i uses seed + i) in each kind; returns the JSON files.

    Courtesy families C1-C4 are rendered only where ../shared's stylesheets are there (C0 wherever chromium
    is); otherwise they are left out with a note on stderr."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    chosen = tuple(families) if families else FAMILIES
    unknown = [f for f in chosen if f not in FAMILIES]
    if unknown:
        raise ValueError(f"unknown layout families: {', '.join(unknown)}; known: {', '.join(FAMILIES)}")
    unknown_kinds = set(kinds) - set(KINDS)
    if unknown_kinds:
        raise ValueError(f"unknown kinds: {', '.join(sorted(unknown_kinds))}; known: {', '.join(KINDS)}")
    written: list[Path] = []
    for family in chosen:
        if family in COURTESY:
            written += _courtesy(folder, family, per_family, seed, kinds)
            continue
        for number in range(seed, seed + per_family):
            written += write_document(folder, family, number, kinds)
    return written


def _courtesy(folder: Path, family: str, per_family: int, seed: int, kinds) -> list[Path]:
    from demat.samples.grammar import courtesy
    if not courtesy.available(family):
        print(f"courtesy family {family} skipped: {courtesy.absent_reason()}", file=sys.stderr)
        return []
    return [path for number in range(seed, seed + per_family)
            for path in courtesy.write_copy(folder, family, number, kinds)]
