"""A party's name, read from the cell the parties module found it in.

A name ends with its legal form when it has one, which may be set apart beside
it or printed on the next line of its block ("Rossi S.a.s." / "di Rossi Mario & C.");
a logo's capitals before it are no part of it; an address, a label line, a
document's title or a bare legal form is no name. OCR's misreadings of legal
forms ("S.r.I.", "$.a.s.", "S.R.L:") are read as the forms they are.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from demat.extractors.fields.labels import RIGHT_OF_LABEL, Candidate, Label
from demat.extractors.fields.layout import TALLER, Layout, Token, box_of, confidence_of, text_of, words_of
from demat.extractors.fields.patterns import one_character_apart, patterns, without_accents
from demat.kernel.document import Box
from demat.kernel.schema import SCHEMA

# The opening of a line that is no name: a street, a contact, an identifier's caption, a figure.
NOT_A_NAME_RE = re.compile(r"^(?:(?:via|viale|piazza|p\.za|corso|c\.so|largo|vicolo|strada|loc|località|sede|tel|telefono|fax|"
                           r"e-?mail|pec|www|cap|cod|codice|partita|p\.\s?iva|c\.f|indirizzo)\b|\d)", re.IGNORECASE)
# Captions of a party's own data (labels.json names a P.IVA's or C.F.'s caption as the supplier's whoever's it is).
PARTY_CAPTIONS = ("party_name", "supplier_vat", "supplier_tax_code")
# The captions of a person's name in a party's block: a private customer's, a sole trader's.
PERSON_CAPTIONS = frozenset({"nome e cognome", "cognome e nome", "nominativo"})
# A name's second line, printed large, may stand this many of its heights below the first.
NAME_SPACING = 2.0
# The two lines of one name differ in height by this share at most.
NAME_HEIGHTS = 0.2
# Words that join the two lines of a legal name ("Rossi S.a.s." / "di Rossi Mario & C.").
CONNECTORS = {"di", "de", "del", "della", "&", "e"}
# How the second line of a legal name opens ("di Fontana Silvia & C."): never a name of its own.
SECOND_LINE_OPENINGS = {"di", "del", "della"}
# Words that introduce a name but are none ("Spett.le Società", "Alla Ditta").
TITLES = {"società", "ditta", "azienda", "impresa", "studio", "sig.", "sig.ra", "sigg.", "signor", "signora", "dott.",
          "dott.ssa", "ing.", "avv.", "rag.", "geom.", "spett.le", "egr.", "gent.mo", "gent.ma", "cliente", "signori",
          "sigg.ri"}
# The titles a professional's name opens with, on the line under the office that bears it ("Studio Tecnico" /
# "Geom. Silvia Fontana").
PROFESSIONAL_TITLES = {"dott.", "dott.ssa", "geom.", "ing.", "avv.", "arch.", "rag.", "prof.", "prof.ssa", "notaio"}


def after_translation(tokens: list[Token], marker: Label, labels: list[Label]) -> list[Token]:
    """TOKENS past the marker's translation that a bilingual page prints after a slash ("Cliente / Customer:")."""
    if len(tokens) < 2 or tokens[0].text != "/":
        return tokens
    translation = next((lb for lb in labels if lb.first is tokens[1] and lb.kind == "party" and lb.name == marker.name),
                       None)
    return tokens[tokens.index(translation.last) + 1:] if translation else tokens


def labelled_name(layout: Layout, cells: list[list[Token]], labels: list[Label],
                   beside: bool = False) -> Candidate | None:
    """"Denominazione: Rossi S.r.l.", as the courtesy copy of a FatturaPA prints it, or
    with BESIDE (inside a party's section) "Denominazione | Rossi S.r.l.", the name in
    the next cell of the line, or a person's ("Nome e cognome: Silvia Sala", see PERSON_CAPTIONS). The name ends
    before the caption of another party's data that a scan read into its cell ("Rossi S.r.l. Denominazione", the
    customer's box beside), and without the specks a scan read around it ("| Rossi S.r.l.", a box's rule); it goes
    on to its legal form printed under it, a narrow box's cell wrapping it ("Rossi" / "S.r.l.": see `continued`)."""
    captions = {id(lb.first) for lb in labels if lb.kind == "field" and lb.name in PARTY_CAPTIONS}
    for label in labels:
        for cell in cells:
            if (label.name == "party_name" or beside and _person_caption(label)) and label.first is cell[0]:
                held, tokens = cell, _up_to_a_caption(cell[cell.index(label.last) + 1:], captions)
                if not tokens and beside and label.last is cell[-1]:
                    line = layout.lines[label.line].cells()
                    held = next((after for c, after in zip(line, line[1:]) if c[0] is cell[0]), [])
                    tokens = _up_to_a_caption(held, captions)
                if tokens:
                    return name_candidate(continued(layout, None, held, tokens, labels), RIGHT_OF_LABEL)
    return None


def _up_to_a_caption(tokens: list[Token], captions: set[int]) -> list[Token]:
    """TOKENS before the first that opens one of CAPTIONS, without the marks of neither letters nor figures (":",
    "-", a box's rule read as "|")."""
    end = next((i for i, t in enumerate(tokens) if id(t) in captions), len(tokens))
    return [t for t in tokens[:end] if "&" in t.text or any(ch.isalnum() for ch in t.text)]


def _person_caption(label: Label) -> bool:
    """LABEL captions a person's name (FatturaPA's Anagrafica of a private customer or a sole trader has a Nome and
    a Cognome, no Denominazione); labels.json names it the sender's, as a nota spese prints it."""
    return label.name == "sender" and _words(text_of(label.tokens)) in PERSON_CAPTIONS


def name_candidate(tokens: list[Token], how: float) -> Candidate:
    printed = text_of(tokens).strip(" :-")
    raw = printed.strip(" ,;")
    return Candidate(_closing_period(_misread_form(_read_again(printed), tokens), tokens), raw, tokens,
                     confidence_of(tokens) * how)


# What OCR makes of the l of "S.r.l." and "F.lli": I, i, 1, |, and in "S.r.l." t, 4, ! or a bracket too, its second
# period read as a comma or not ("S.r.t.", "s.r,t.", "S.r4.", "S.r.{.", "S.r.].", "S.r.).", "s.r.!."; no word is
# spelt so);
# of its S: $.
MISREAD_L_RE = re.compile(r"(?:\b|(?<!\S))([Ss$]\.\s?[Rr][.,]?\s?)[Ii1|lt4{\]!)](?=[.,]|\s|$)|\b(F\.)[iI1|][I1|l]i\b")
# The l of an "S.r.l." that closes a name lost at a low resolution, or read as periods or a period and a comma:
# "S.r.", "s.r..", "s.r...", "S.r., unipersonale" ("S.r." is no legal form, and "s.r.o." would keep its round o);
# the words that say it has one partner may follow it; so may the s of an "S.r.l.s." ("S.r..s.").
LOST_L_RE = re.compile(r"(?<!\S)([Ss$]\.\s?[Rr])(?:(?:\.{1,3}|\.,)(?=$|\s(?:unipersonale|a socio unico|con socio unico)$)"
                       r"|\.\.(?=[Ss]\.?$))", re.IGNORECASE)
# A bracket, brace or bar a scan read for a speck or a rule's end stuck to either end of a name's word ("Società
# per] azioni", "|D'Angelo", "{Roma"): no name prints one there (one inside a legal form is its l: "S.r.{.").
STUCK_SPECK_RE = re.compile(r"(?<=\S)[\[\]{}|]+(?=\s|$)|(?<!\S)[\[\]{}|]+(?=\S)")
# "srl" closing a name with its l read as i, t, 1 or | and its S as $: "sri", "SRT", "$ri", "Sri." (no Italian
# name ends so).
MISREAD_SRL_RE = re.compile(r"(?<![\w$])([Ss$][Rr])[IiTt1|](?=\.?$)")
# A colon or comma that OCR put for the space before a dotted legal form ("BELLINI-FARINA:S.R.L."), or a
# period after a word of four letters at least ("FIGLI.S.R.L.": a shorter one may be an abbreviation).
GLUED_FORM_RE = re.compile(r"(?:(?<=[^\W\d_])[:;,]|(?<=[^\W\d_]{4})\.)(?=(?:[^\W\d_]\.){2,}(?:[^\W\d_]\.?)?$)")
# A colon OCR read after a word or a dotted form inside a name or glued to its "&": "PIRAS: & FIGLI",
# "SILVIA :& C.", "S.a.s.: di Piras".
STRAY_COLON_RE = re.compile(r"(?<=[^\W\d_]|\.)[:;](?=\s)|[:;](?=&)")
# A colon or semicolon OCR read for a period between the letters of a dotted form: "S.P:A.", "S.A;S.".
COLON_FOR_PERIOD_RE = re.compile(r"(?<=\.[^\W\d_])[:;](?=[^\W\d_]\.?(?:\s|$))")
# A dotted form that OCR split with a space after one of its periods: "S. p.A.", "S.p. A.".
SPLIT_FORM_RE = re.compile(r"(?<!\S)((?:[^\W\d_]\.){1,2})\s((?:[^\W\d_]\.){0,2}[^\W\d_]\.?)(?=\s|$)")
# A dash OCR read glued to the word after the connector of a two-line name: "S.A.S. DI -FONTANA ALBERTO & C.".
DASH_AFTER_CONNECTOR_RE = re.compile(r"(?<=\s)(di|de|del|della)\s[-–](?=[^\W\d_])", re.IGNORECASE)
# An opening quote OCR read for the apostrophe between two letters: "D‘Angelo".
QUOTE_FOR_APOSTROPHE_RE = re.compile(r"(?<=[^\W\d_])‘(?=[^\W\d_])")
# A dash or a speck OCR read glued after a name's "&": "GUERRA &-FIGLI", "PIRAS ILARIA &£C.".
MARK_AFTER_AMPERSAND_RE = re.compile(r"(?<=\s)&[^\w\s&](?=[^\W\d_])")
# The first letter of a closing dotted form glued to the word before it, its period lost: "BelliniS.R.L."
# (a capital after a small letter starts no Italian word's second half).
GLUED_INITIAL_RE = re.compile(r"(?<=[a-zà-ý])([A-Z])\.((?:[^\W\d_]\.){1,3})$")
# A quote or parenthesis that a scan read of a speck at either end of a name, or an opening quote before one of
# its words: "‘TRAFILERIA", "UNIPERSONALE)", "S.r.l. ‘unipersonale".
STRAY_ENDS_RE = re.compile(r"^[‘’'\"«`]+|(?<=\s)[‘“«`]+(?=[^\W\d_])|(?<=[^\W\d_])\)$")
# A quote a scan read of a speck after a name's last letter or period, none opened before it: "S.R.L.'".
CLOSING_QUOTE_RE = re.compile(r"^([^‘’'\"“”«»`]*(?:[^\W\d_]|\.))[’'\"”»`]+$")
# A speck read after the connector of a two-line name: "S.A.S. DI. BELLINI ENRICO & C.".
STRAY_AFTER_CONNECTOR_RE = re.compile(r"(?<=\s)(di|de|del|della)[.,:;](?=\s)", re.IGNORECASE)
# The end of a name that is a dotted abbreviation without its last period: "S.R.L", "S.p.A", "S.r.l.s".
DOTTED_FORM_END_RE = re.compile(r"(?<![\w.])(?:[^\W\d_]\.){1,3}[^\W\d_]$")
# The end of a name that is one word: "Corp", "Ltd".
LAST_WORD_RE = re.compile(r"(?<=\s)[^\W\d_]{2,}$")
# The period of an abbreviation read as a comma ("s.r.l,", "S.A.S, DI ...", a closing "& C,", an initial's before
# "&": "Galli F, & C.") or, at the end, as specks ("Ltd...").
MISREAD_PERIOD_RE = re.compile(r"(?<=\.[^\W\d_])[,;](?=\s|$)|(?<=\w)\.{2,}$|(?<=& [Cc]),$|(?<=\s[A-ZÀ-Ý]),(?=\s&)")
# A dotted legal form glued to the "& C." of a partnership before it, their space lost: "Galli F. & C.S.n.c.".
GLUED_TO_PARTNERS_RE = re.compile(r"(?<=&\s[Cc]\.)(?=(?:[^\W\d_]\.){2}[^\W\d_]\.?$)")


def _read_again(name: str) -> str:
    """The name with "S.r.I.", "s.r.i.", "$.r.1.", "S.r.t." and "F.Ili" or "F.ili" read as the "S.r.l.", "s.r.l." and
    "F.lli" they are, "S.r4.", "S.r.{.", "S.r.]." and "S.r." (its l lost) as "S.r.l.", "D‘Angelo" as "D'Angelo",
    a closing "srt", "sri" or "$ri" as "srl", "S.r.l," or "Ltd..." as the "S.r.l." and "Ltd." they are,
    "FARINA:S.R.L." and "Technik.Ltd" as "FARINA S.R.L." and "Technik Ltd", "PIRAS: & FIGLI" as "PIRAS & FIGLI",
    "S.A.S. DI. BELLINI", "DI -FONTANA", "GUERRA &-FIGLI" and "ILARIA &£C." as "S.A.S. DI BELLINI", "DI FONTANA",
    "GUERRA & FIGLI" and "ILARIA & C.", "BelliniS.R.L." as "Bellini S.R.L.", "FABBRI. S.A.S." and "SERRAMENTI. SPA"
    as "FABBRI S.A.S." and "SERRAMENTI SPA", "Sala] S.p.A." as "Sala S.p.A." ("Coop. S.r.l." keeps its period:
    "coop." is a form), "S. p.A.", "S.p. A." and
    "S.P:A." as "S.p.A." and "S.P.A.", and without a quote or parenthesis left alone at an end (a closing quote with
    none opened before it) or a quote opening one of its words."""
    name = QUOTE_FOR_APOSTROPHE_RE.sub("'", name)
    name = MISREAD_L_RE.sub(lambda m: f"{_period_closed(m.group(1).replace('$', 'S').replace(',', '.'))}"
                            f"{'L' if 'R' in m.group(1) else 'l'}" if m.group(1) else f"{m.group(2)}lli", name)
    name = LOST_L_RE.sub(lambda m: f"{m.group(1).replace('$', 'S')}.{'L' if m.group(1).isupper() else 'l'}.", name)
    name = MISREAD_SRL_RE.sub(lambda m: m.group(1).replace("$", "S") + ("L" if m.group(1).isupper() else "l"), name)
    name = STUCK_SPECK_RE.sub("", name)
    name = STRAY_AFTER_CONNECTOR_RE.sub(r"\1", STRAY_COLON_RE.sub("", name))
    name = DASH_AFTER_CONNECTOR_RE.sub(r"\1 ", COLON_FOR_PERIOD_RE.sub(".", MARK_AFTER_AMPERSAND_RE.sub("& ", name)))
    name = GLUED_INITIAL_RE.sub(lambda m: f" {m.group(1)}.{m.group(2)}" if f"{m.group(1)}.{m.group(2)}".lower()
                                in patterns().legal_forms else m.group(0), name)
    name = SPLIT_FORM_RE.sub(lambda m: m.group(1) + m.group(2) if (m.group(1) + m.group(2)).lower() in patterns().legal_forms
                             else m.group(0), name)
    if "(" not in name:
        name = CLOSING_QUOTE_RE.sub(r"\1", STRAY_ENDS_RE.sub("", name))
    name = _glued_word_form().sub(" ", GLUED_FORM_RE.sub(" ", name))
    name = _stray_period().sub(lambda m: m.group(0) if m.group(0).lower() in patterns().legal_forms else m.group(1), name)
    name = MISREAD_PERIOD_RE.sub(".", name).rstrip(" ,;")
    return GLUED_TO_PARTNERS_RE.sub(lambda m: " " if _form_after(name, m.end()) else "", name)


def _form_after(name: str, start: int) -> bool:
    """NAME from START is a legal form, its closing period lost or not ("S.n.c.", "S.a.s")."""
    rest = name[start:].lower()
    return rest in patterns().legal_forms or rest + "." in patterns().legal_forms


def _period_closed(form: str) -> str:
    """FORM ("S.r", "S.r. ", "S.r.") with the period its r is followed by in "S.r.l."."""
    form = form.rstrip()
    return form if form.endswith(".") else form + "."


@lru_cache(maxsize=1)
def _form_words() -> str:
    """The legal forms of one word of three letters at least ("srl", "Ltd"), as a regular expression's choice."""
    return "|".join(sorted({f.rstrip(".") for f in patterns().legal_forms if re.fullmatch(r"[^\W\d_]{3,}\.?", f)}))


@lru_cache(maxsize=1)
def _glued_word_form() -> re.Pattern[str]:
    """A period, colon or comma that OCR put for the space before a legal form of one word of three letters
    at least that closes the name ("Technik.Ltd", "ROSSI,SRL"), after a word of four letters at least."""
    return re.compile(rf"(?<=[^\W\d_]{{4}})[.:;,](?=(?:{_form_words()})\.?$)", re.IGNORECASE)


@lru_cache(maxsize=1)
def _stray_period() -> re.Pattern[str]:
    """A period OCR read after a word of four letters at least before a dotted legal form ("FABBRI. S.A,S.") or
    before a legal form of one word that closes the name ("SERRAMENTI. SPA")."""
    return re.compile(rf"(?<!\S)([^\W\d_]{{4,}})\.(?=\s(?:(?:[^\W\d_][.,]){{2,}}|(?:{_form_words()})\.?$))",
                      re.IGNORECASE)


# A word of a name after its first printed as a dotted abbreviation (a period or comma between its letters):
# "S.rl.", "S.A,S.", "$.a.s.", "S.A;5.", "8.A.8.", "§.A.S.".
DOTTED_WORD_RE = re.compile(r"(?<=\s)(?:[^\W\d_]|[$58§])[.,](?:[^\W\d_]|[158$§|.,;:]){2,9}(?=\s|$)")
# What OCR makes of an l: I, 1, |, an I or i with an accent's speck.
L_LOOK_ALIKES = "I1|ÌìÍí"
# What OCR makes of an S: $, 5, a typewriter's 8, a section sign.
S_LOOK_ALIKES = "$58§"
# A figure glued to the last letter of a dotted form, after it or before it: a typewriter's S read twice
# ("S.A.S5.", "S.A.S8.", "S.A.5S.").
FIGURE_IN_FORM_RE = re.compile(r"(?<!\S)((?:[^\W\d_]\.){1,3})(?:([^\W\d_])\d|[58](S))(?=\.(?:\s|$))")
# A typewriter's or a low resolution's S read twice before the form it opens: "5S.n.c.", "8S.A.S.".
FIGURE_BEFORE_FORM_RE = re.compile(r"(?<!\S)[58]([Ss](?:\.[^\W\d_]){1,3}\.?)(?=\s|$)")
# The hyphen of two surnames joined ("Pellegrini-Villa") that a scan read with a space after it: "Pellegrini- Villa".
SPLIT_SURNAMES_RE = re.compile(r"(?<=[^\W\d_]{2})-\s(?=[A-ZÀ-Ý][^\W\d_])")
# The sons of a family firm, after its founder's name and "&" ("Rossi & Figli"), and where a scan read them.
SONS = "figli"
SONS_RE = re.compile(r"(?<=& )([Ff][Ii][Gg]\S{2})(?=[\s.,]|$)")
# A legal form of one word this long at least may be read again where it closes a name with a letter misread.
LONG_FORM_WORD = 8
# The last period of a dotted form read as a letter glued to the form's last: "S.R.Li".
PERIOD_AS_LETTER_RE = re.compile(r"(?<=\.[^\W\d_])[iIl1|!]$")


def _misread_form(name: str, tokens: list[Token]) -> str:
    """In an OCR'd name, two surnames whose hyphen a scan read with a space after it are joined again; a dotted
    legal form read with a period lost, a comma for one or one letter
    wrong ("S.rl.", "S.rI.", "S.A,S.") or a $, 5, 8 or § for its S ("$.a.s.", "8.A.8.") is the one legal form it
    is nearest to, and one with a figure glued to its last letter ("S.A.S5.", "S.A.S8.", "S.A.5S.": a typewriter's
    S read twice) is the form without it, as is one with a 5 or an 8 before it ("5S.n.c."); so is a long word of
    a form that closes it ("unipersonaie")."""
    if not tokens or tokens[-1].confidence >= 1.0:
        return name
    forms = patterns().legal_forms
    name = _closing_form_word(_form_accents(_sons_read_again(SPLIT_SURNAMES_RE.sub("-", name))))
    name = FIGURE_IN_FORM_RE.sub(lambda m: form if f"{(form := m.group(1) + (m.group(2) or m.group(3)))}.".lower()
                                 in forms else m.group(0), name)
    name = FIGURE_BEFORE_FORM_RE.sub(lambda m: m.group(1) if _form_after(m.group(1), 0) else m.group(0), name)
    return DOTTED_WORD_RE.sub(lambda word: _nearest_form(word.group(0)) or word.group(0), name)


def _sons_read_again(name: str) -> str:
    """NAME with the "Figli" of a family firm's "& Figli" read with its l or last i wrong ("& Figti", "& Figii",
    "& FIGL1") spelt right, in its case: no surname after "&" is so spelt ("& Fogli" keeps its o)."""
    return SONS_RE.sub(lambda m: _in_case(SONS, m.group(1)) if one_character_apart(SONS, m.group(1).lower())
                       else m.group(0), name)


def _form_accents(name: str) -> str:
    """NAME with the words of a legal form that a scan read without their accent ("Societa per azioni", "SOCIETA
    A RESPONSABILITA LIMITATA") spelt as the form spells them, in the word's case: no Italian word is so spelt."""
    accented = _accented_form_words()
    return re.sub(r"[^\W\d_]+", lambda m: _in_case(accented[m.group(0).lower()], m.group(0))
                  if m.group(0).lower() in accented else m.group(0), name)


@lru_cache(maxsize=1)
def _accented_form_words() -> dict[str, str]:
    """The words of the legal forms spelt with an accent ("società", "responsabilità"), by their letters without
    it, where those spell no word of a form of their own ("sàrl" beside "sarl")."""
    words = {w for form in patterns().legal_forms for w in re.findall(r"[^\W\d_]+", form)}
    return {without_accents(w): w for w in words if without_accents(w) != w and without_accents(w) not in words}


def _in_case(word: str, printed: str) -> str:
    """WORD in the case of PRINTED: capitals, a capital first, or small letters."""
    return word.upper() if printed.isupper() else word.capitalize() if printed[:1].isupper() else word


def _closing_form_word(name: str) -> str:
    """NAME with its last word, one letter from a legal form of one long word and from no other ("S.r.l.
    unipersonaie", "unipersonafe"), read as that form in the word's case: no name ends with a word so near one."""
    head, _, last = name.rpartition(" ")
    if not head or len(last) < LONG_FORM_WORD or last.lower() in patterns().legal_forms:
        return name
    near = [form for form in _long_form_words() if Levenshtein.distance(last.lower(), form, score_cutoff=1) <= 1]
    if len(near) != 1:
        return name
    return f"{head} {_in_case(near[0], last)}"


@lru_cache(maxsize=1)
def _long_form_words() -> list[str]:
    """The legal forms of one word of LONG_FORM_WORD letters at least ("unipersonale")."""
    return sorted({form for form in patterns().legal_forms if form.isalpha() and len(form) >= LONG_FORM_WORD})


def _nearest_form(printed: str) -> str | None:
    """The dotted legal form whose letters are PRINTED's (I, 1, | read as l, $ and 5 as S), or are with its
    last period read as a letter ("S.R.Li"), else the one form a letter apart from them and no other; in
    PRINTED's case. None where PRINTED is a form or near none or two, or has no letter (an address's "5.11")."""
    if not any(ch.isalpha() and ch not in L_LOOK_ALIKES for ch in printed):
        return None
    read_s = _with_s(printed)
    for alike in (read_s, PERIOD_AS_LETTER_RE.sub(".", read_s)):
        if alike != printed and alike.lower() in patterns().legal_forms:
            return alike
    printed = read_s
    letters = [ch for ch in printed if ch.isalpha() or ch in L_LOOK_ALIKES]
    read = "".join("l" if ch in L_LOOK_ALIKES else ch.lower() for ch in letters)
    forms = _dotted_forms().get(len(read), [])
    if len(read) < 3 or printed.lower() in patterns().legal_forms:
        return None
    alike = [f for f in forms if f == read] or [f for f in forms if sum(a != b for a, b in zip(f, read)) == 1]
    if len(alike) != 1:
        return None
    cased = [ch.upper() if (letters[i - 1] if letters[i] in L_LOOK_ALIKES else letters[i]).isupper() else ch
             for i, ch in enumerate(alike[0])]
    return "".join(f"{ch}." for ch in cased)


def _with_s(printed: str) -> str:
    """PRINTED with S for its $ and 5, in the case of its first letter (upper case where that is one)."""
    upper = not printed[:1].isalpha() or printed[:1].isupper()
    return "".join(("S" if upper else "s") if ch in S_LOOK_ALIKES else ch for ch in printed)


@lru_cache(maxsize=1)
def _dotted_forms() -> dict[int, list[str]]:
    """The letters of each legal form written as single letters with periods ("s.r.l." is "srl"), by their
    number; the forms listed as OCR misreads them ("s.r.i.") are left out."""
    forms: dict[int, list[str]] = {}
    for form in sorted({_read_again(form) for form in patterns().legal_forms}):
        if re.fullmatch(r"(?:[^\W\d_]\.){3,}", form):
            forms.setdefault(len(form) // 2, []).append(form.replace(".", ""))
    return forms


def _closing_period(name: str, tokens: list[Token]) -> str:
    """A dotted legal form that closes the name without its last period ("S.R.L:", "S.p.A") gets it
    back when the form with it is one of the legal forms, as does a form of one word listed only with
    it ("Corp", "Inc"): only where OCR read the word (a printed text spells the form as its issuer
    does) or read the period as a colon."""
    last = tokens[-1].text if tokens else ""
    if not tokens or tokens[-1].confidence >= 1.0 and not last.endswith((":", ";")):
        return name
    forms = patterns().legal_forms
    if form := DOTTED_FORM_END_RE.search(name):
        return name + "." if form.group(0).lower() + "." in forms else name
    word = LAST_WORD_RE.search(name)
    return name + "." if word and word.group(0).lower() + "." in forms and word.group(0).lower() not in forms else name


def continued(layout: Layout, cells: list[list[Token]] | None, cell: list[Token], tokens: list[Token],
              labels: list[Label]) -> list[Token]:
    """A legal name without its legal form takes the form set apart beside it. It goes on to
    the next of CELLS (its block's) (or, printed large and widely spaced, to the cell just under it)
    when that line ends the name with a legal form and starts with one too ("S.P.A.",
    "S.A.S. DI FONTANA SILVIA & C.") or in lower case or with a connector ("di Fontana Silvia & C.",
    "DI FABBRI ZENO & C.", a scan's "DI." too), or ends a name without one in the same letters (see `_one_name`);
    a professional's office goes on to its holder's name (see `_office_over_holder`). A title read into the
    cell after the name (see `_before_a_title`) ends it as the cell's end does."""
    if tokens[-1] is not cell[-1] and tokens[-1] is not _before_a_title(words_of(cell))[-1]:
        return tokens
    forms = [lb for lb in labels if lb.kind == "legal_form"]
    beside = _form_beside(layout, cell, forms)
    if beside and not any(lb.last in tokens for lb in forms):
        return tokens + beside
    in_block = cells is not None and cell in cells and cells.index(cell) + 1 < len(cells)
    following = cells[cells.index(cell) + 1] if in_block else _cell_under(layout, tokens)
    if following is None:
        return tokens
    if _office_over_holder(tokens, following, forms):
        return tokens + following
    if (any(lb.last is following[-1] for lb in forms) or PARTNERS_READ_RE.search(text_of(following))) and (
            any(lb.first is following[0] for lb in forms) or following[0].text[:1].islower()
            or following[0].text.lower().rstrip(".,:;") in CONNECTORS or _one_name(tokens, following, forms)):
        return tokens + following
    return tokens


# A partnership's closing "& C." whose period a scan read as a comma ("DI NEGRI ENRICO & C,") or with a speck
# glued between its words ("DI PIRAS ILARIA &£C.").
PARTNERS_READ_RE = re.compile(r"&(?: [Cc],|[^\w\s&][Cc][.,])$")


def _office_over_holder(office: list[Token], following: list[Token], forms: list[Label]) -> bool:
    """OFFICE is a professional's office without a legal form ("Studio Commercialista", "Consulenza Informatica")
    and FOLLOWING names its holder by their title ("Dott. Zeno Sala"): one name over two lines."""
    return (not any(lb.last in office for lb in forms)
            and len(following) > 1 and following[0].text.lower() in PROFESSIONAL_TITLES)


def opened_above(cells: list[list[Token]] | None, cell: list[Token], tokens: list[Token], labels: list[Label],
                 field_words: set[int]) -> list[Token]:
    """A legal name read from the second cell of its block starts in the first when that one reads as a name
    without a legal form in the same letters ("OFFICINE MECCANICHE" over "FONTANA S.R.L.", see `_one_name`) and
    holds no party's marker: "Timbro del fornitore", which a scan read "Timbro det fomitore" (its "del" no longer
    a label's word), is the caption of the space for the issuer's stamp."""
    if not cells or len(cells) < 2 or cells[1][0] is not cell[0] or tokens[0] is not words_of(cell)[0]:
        return tokens
    if any(lb.kind == "party" and lb.first in cells[0] for lb in labels):
        return tokens
    above = read_name(cells[0], labels, field_words)
    forms = [lb for lb in labels if lb.kind == "legal_form"]
    return above[1] + tokens if above and _one_name(above[1], tokens, forms) else tokens


def _one_name(first: list[Token], second: list[Token], forms: list[Label]) -> bool:
    """FIRST, without a legal form, and SECOND, ending with one, are the two lines of one long name: printed in
    the same letters, capitals both or neither, as tall (a brand over the legal name is set apart so), FIRST's
    words opening with a capital but its connectors ("Teo apt nde", what a fax left of a caption, is no name's)."""
    if any(lb.last in first for lb in forms) or not any(lb.last is second[-1] for lb in forms):
        return False
    heights = [box[3] - box[1] for box in (box_of(first), box_of(second))]
    return (_in_capitals(first) == _in_capitals(second) and abs(heights[0] - heights[1]) <= NAME_HEIGHTS * max(heights)
            and all(not t.text[:1].islower() or t.text.lower() in CONNECTORS for t in first))


def _in_capitals(tokens: list[Token]) -> bool:
    letters = [ch for t in tokens for ch in t.text if ch.isalpha()]
    return all(ch.isupper() for ch in letters)


def _form_beside(layout: Layout, cell: list[Token], forms: list[Label]) -> list[Token] | None:
    """The next cell of CELL's line when it is a legal form alone, set a few letters apart
    ("Ferri & Figli    Spa", as a scan spaces a name out)."""
    line = layout.lines[cell[0].line].cells()
    after = next((b for a, b in zip(line, line[1:]) if a[0] is cell[0]), None)
    if after is None or not any(lb.first is after[0] and lb.last is after[-1] for lb in forms):
        return None
    height = max(box_of(cell)[3] - box_of(cell)[1], 6.0)
    return after if box_of(after)[0] - box_of(cell)[2] < 3 * height else None


def _cell_under(layout: Layout, name: list[Token]) -> list[Token] | None:
    """The cell on the next line that starts where NAME starts (right of a logo's letters that open its
    cell), or is centred under it as a centred letterhead's lines are, at most NAME_SPACING of its heights below."""
    box = box_of(name)
    height = max(box[3] - box[1], 6.0)
    for line in layout.lines[name[0].line + 1: name[0].line + 3]:
        if line.page != name[0].page or line.top - box[3] > NAME_SPACING * height:
            return None
        under = next((c for c in line.cells() if abs(box_of(c)[0] - box[0]) < height
                      or abs(_middle(box_of(c)) - _middle(box)) < height), None)
        if under:
            return under
    return None


def _middle(box: Box) -> float:
    return (box[0] + box[2]) / 2


def read_name(tokens: list[Token], labels: list[Label], field_words: set[int]) -> tuple[str, list[Token]] | None:
    """A name from a cell: ends with the legal form when there is one; not an address,
    not a label line, not a bare number."""
    tokens = _before_a_title(words_of(tokens))  # specks, a box's rule read as "|", a dash
    forms = [tokens.index(lb.last) for lb in labels if lb.kind == "legal_form" and lb.last in tokens]
    if not tokens or not forms and any(id(t) in field_words for t in tokens[:2]):
        return None  # "Fattura n. ...", "P.IVA ...": a label line, unless it names a company
    text = text_of(tokens)
    if NOT_A_NAME_RE.match(text) or sum(c.isalpha() for c in text) < 3:
        return None
    if all(t.text.lower() in TITLES or not t.text[:1].isupper() for t in tokens):
        return None  # "Società", "della fornitura": a title or words, no name
    if is_document_title(text):
        return None  # "NOTA SPESE", "ESTRATTO CONTO": the document's title at the top, no one's name
    if tokens[0].text.lower() in SECOND_LINE_OPENINGS:
        return None  # "di Fabbri Enrico & C.": the second line of a legal name, whose first a scan misread
    if not forms and any(sum(ch.isdigit() for ch in t.text) >= 4 for t in tokens):
        return None  # "Pune 411001", "Tel 0461 123456": a town and its postcode, a contact; no one's name
    if not forms and len(tokens) == 1 and any(ch.isdigit() for ch in text):
        return None  # "TNSS7QY", "K66678": a code alone (an SdI recipient's, an item's) under a caption; no name
    if forms:
        tokens = tokens[:max(forms) + 1]  # "Rossi G. & C. S.n.c." ends at the last form
        tokens = tokens[_after_a_sentence(tokens, labels):]
        if any(lb.kind == "legal_form" and lb.first is tokens[0] for lb in labels):
            return None  # "S.P.A." alone: the end of a name printed on the line above
    if _initials_of(tokens[0].text, tokens[1:]) or _logo(tokens) or _stray_letter(tokens):
        tokens = tokens[1:]  # "FMT Fontana Meccanica Torino S.r.l.": the logo's letters, then the name
    name = text_of(tokens).strip(" ,;:-")
    return name, tokens


def _before_a_title(tokens: list[Token]) -> list[Token]:
    """TOKENS without the document's title in capitals that closes them after words that are not: the scan read
    the heading beside the letterhead into the name's cell ("Carpenteria Metallica Pellegrini | FATTURA DIFFERITA")."""
    for start in range(1, len(tokens)):
        title = tokens[start:]
        if (all(t.text.isupper() for t in title) and not all(t.text.isupper() for t in tokens[:start])
                and is_document_title(text_of(title))):
            return tokens[:start]
    return tokens


# A word in lower case that ends a sentence: "business.", "grazie!".
SENTENCE_END_RE = re.compile(r"^[a-zà-ý]{3,}[.!]$")


def _after_a_sentence(tokens: list[Token], labels: list[Label]) -> int:
    """Where a name that a sentence opens its line starts: after the sentence's last word ("Thank you for your
    business. Brandt Systems LLP", a footer's), before the name's legal form ("soc. coop." ends no sentence)."""
    first_form = min((tokens.index(lb.first) for lb in labels if lb.kind == "legal_form" and lb.first in tokens),
                     default=len(tokens))
    ends = [i for i, t in enumerate(tokens[:first_form]) if SENTENCE_END_RE.match(t.text)]
    return ends[-1] + 1 if ends else 0


def _words(text: str) -> str:
    """TEXT's words alone, lower case, one space apart: "Nota spese -" is "nota spese"."""
    return " ".join(re.findall(r"[^\W_]+", text.casefold()))


# The headings that name a type of document (kernel/schema.toml): a document's title, never a party's name.
DOCUMENT_TITLES = frozenset(_words(title) for doc_type in SCHEMA.types.values() for title in doc_type.all_titles)


def is_document_title(text: str) -> bool:
    """TEXT is a heading that names a type of document ("NOTA SPESE", "Curriculum vitae"), no one's name."""
    return _words(text) in DOCUMENT_TITLES


def _logo(tokens: list[Token]) -> bool:
    """The first of TOKENS is a letter or a few printed far taller than every word after it: a logo's letters
    beside the name, which may stand for words of its second line too ("EPP" of "Elettromeccanica
    Pellegrini S.a.s. / di Pellegrini Noemi & C."), whose frame a scan may read as a bar, parentheses or braces
    glued to them ("(ss)", "{SPS") and whose capitals as other letters ("[vr")."""
    word = tokens[0].text.strip("|[](){}")
    height = tokens[0].box[3] - tokens[0].box[1]
    return (len(tokens) > 2 and 1 <= len(word) <= 5 and word.isalpha()
            and all(height > TALLER * (t.box[3] - t.box[1]) for t in tokens[1:]))


def _stray_letter(tokens: list[Token]) -> bool:
    """The first of TOKENS is a letter alone that no name opens with, lower case or accented ("e | Edilimpianti
    S.r.l.", "È Rossi"): what a scan read of a logo's mark or a speck before a name that starts with a capital."""
    word = tokens[0].text
    return (len(tokens) > 1 and len(word) == 1 and word.isalpha() and not ("A" <= word <= "Z")
            and tokens[1].text[:1].isupper())


def _initials_of(word: str, rest: list[Token]) -> bool:
    """WORD is the capitals that the words of REST start with ("FMT" of "Fontana Meccanica Torino")."""
    capitals = "".join(t.text[0] for t in rest if t.text[:1].isupper())
    return 2 <= len(word) <= 5 and word.isalpha() and word.isupper() and capitals.startswith(word)
