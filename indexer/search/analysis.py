"""Italian text analysis shared by indexing and querying.

A word is lower-cased, its accents folded (città = citta), dropped if it is an
Italian stop word or a lone letter (the l' of l'ordine), and reduced to its
Snowball Italian stem (fattura, fatture -> fattur). Index and query go through
the same steps, so they always agree.
"""

from __future__ import annotations

import functools
import re
import unicodedata

import Stemmer

# Snowball's Italian stop word list, accents folded.
STOP_WORDS = frozenset("""
ad al allo ai agli all agl alla alle con col coi da dal dallo dai dagli dall dagl dalla dalle di del dello
dei degli dell degl della delle in nel nello nei negli nell negl nella nelle su sul sullo sui sugli sull sugl
sulla sulle per tra contro io tu lui lei noi voi loro mio mia miei mie tuo tua tuoi tue suo sua suoi sue
nostro nostra nostri nostre vostro vostra vostri vostre mi ti ci vi lo la li le gli ne il un uno una ma ed se
perche anche come dov dove che chi cui non piu quale quanto quanti quanta quante quello quelli quella quelle
questo questi questa queste si tutto tutti a c e i l o ho hai ha abbiamo avete hanno abbia abbiate abbiano
avro avrai avra avremo avrete avranno avrei avresti avrebbe avremmo avreste avrebbero avevo avevi aveva
avevamo avevate avevano ebbi avesti ebbe avemmo aveste ebbero avessi avesse avessimo avessero avendo avuto
avuta avuti avute sono sei siamo siete sia siate siano saro sarai sara saremo sarete saranno sarei saresti
sarebbe saremmo sareste sarebbero ero eri era eravamo eravate erano fui fosti fu fummo foste furono fossi
fosse fossimo fossero essendo faccio fai facciamo fanno faccia facciate facciano faro farai fara faremo
farete faranno farei faresti farebbe faremmo fareste farebbero facevo facevi faceva facevamo facevate
facevano feci facesti fece facemmo faceste fecero facessi facesse facessimo facessero facendo sto stai sta
stiamo stanno stia stiate stiano staro starai stara staremo starete staranno starei staresti starebbe
staremmo stareste starebbero stavo stavi stava stavamo stavate stavano stetti stesti stette stemmo steste
stettero stessi stesse stessimo stessero stando
""".split())

# A word is a run of letters and digits (str.isalnum, the regex [^\W_]+): everything else becomes a
# space and str.split cuts there, twice as fast as re.findall on the pages of a whole archive.
ASCII_SEPARATORS = {i: " " for i in range(128) if not chr(i).isalnum()}
_stemmer = Stemmer.Stemmer("italian")
_stemmer.maxCacheSize = 100_000


COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")


def fold(text: str) -> str:
    """Lower case without accents: 'Città' -> 'citta'. Letters of other scripts stay."""
    if text.isascii():
        return text.lower()
    return COMBINING.sub("", unicodedata.normalize("NFKD", text.lower()))


def words(text: str) -> list[str]:
    """The folded words of a text, stop words included (for the fuzzy vocabulary)."""
    folded = fold(text)
    separators = ASCII_SEPARATORS if folded.isascii() else {ord(c): " " for c in set(folded) if not c.isalnum()}
    return folded.translate(separators).split()


def keep(word: str) -> bool:
    return word not in STOP_WORDS and (len(word) > 1 or word.isdigit())


@functools.lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The stem of one folded word; numbers and codes are kept whole."""
    if not word.isalpha():
        return word
    return _stemmer.stemWord(word)


_TERMS: dict[str, str] = {}


def term(word: str) -> str:
    """The index term of one folded word, '' for a stop word (cached: indexing calls it for every word)."""
    found = _TERMS.get(word)
    if found is None:
        found = stem(word) if keep(word) else ""
        if len(_TERMS) < 1_000_000:
            _TERMS[word] = found
    return found


def wordlike(word: str) -> bool:
    """A word, maybe misread (trasp0rto), rather than a number or a code (IT60X0542...)."""
    if word.isalpha():
        return True
    digits = sum(c.isdigit() for c in word)
    return digits * 4 < len(word) and len(word) > digits


def max_edits(word: str) -> int:
    """Elasticsearch's fuzziness AUTO on the stem: 0 edits up to 2 letters, 1 up to 5, then 2; none for codes."""
    if not wordlike(word):
        return 0
    length = len(stem(word))
    return 0 if length <= 2 else 1 if length <= 5 else 2
