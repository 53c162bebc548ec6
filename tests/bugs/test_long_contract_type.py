"""Bug: a 500-page contract was typed `nota_credito` at 0.96.

Its annexes list the credit notes the contract provides for, page after page;
read whole, they outvoted the title and the clauses. The type is now read from
the first page's title and the first pages' text.
"""

from __future__ import annotations

from pathlib import Path

from demat.classifiers import doctype
from demat.kernel.config import ClassifierSettings, load_config
from demat.kernel.document import Document, Page, StageContext
from demat.pipeline.executor import SerialExecutor

CONTRACT_PAGES = [
    "CONTRATTO DI FORNITURA E ASSISTENZA\nTRA\nOfficine Bertolani S.r.l., con sede in Reggio Emilia, "
    "P.IVA 02914370364, di seguito «il Fornitore»\nE\nFerramenta Gualtieri & Figli S.n.c., con sede in Modena, "
    "di seguito «il Cliente»\nPREMESSO CHE il Cliente intende affidare al Fornitore la fornitura dei materiali "
    "descritti nell'Allegato A, tra le parti si conviene e si stipula quanto segue.",
    "Art. 1 - Oggetto\nIl Fornitore si impegna a fornire i beni elencati nell'Allegato A.\n"
    "Art. 2 - Durata\nIl presente contratto ha durata di tre anni dalla sottoscrizione.\n"
    "Art. 3 - Corrispettivo\nI prezzi sono quelli del listino allegato, da fatturarsi mensilmente.",
    "Art. 4 - Resi e note di credito\nLa merce non conforme è resa entro 30 giorni; il Fornitore emette nota "
    "di credito secondo l'Allegato B.\nArt. 5 - Foro competente\nPer ogni controversia è competente il Foro di "
    "Modena.\nLetto, confermato e sottoscritto. Il Fornitore ________ Il Cliente ________",
]


def annex_page(number: int) -> str:
    """One of the hundreds of pages of Allegato B: the credit notes foreseen, one per line."""
    rows = "\n".join(f"Nota di credito n. NC-{number}-{row} a storno parziale della fattura n. {number * 7 + row} "
                     f"- reso merce - importo da rimborsare -{row * 11},00" for row in range(1, 25))
    return f"NOTA DI CREDITO - Allegato B, pagina {number}\n{rows}"


def test_a_500_page_contract_is_typed_by_its_first_pages(tmp_path):
    texts = CONTRACT_PAGES + [annex_page(n) for n in range(len(CONTRACT_PAGES) + 1, 501)]
    doc = Document(path=Path("contratto.pdf"), original_name="contratto.pdf",
                   pages=[Page(number, text, source="text_layer") for number, text in enumerate(texts, start=1)])
    assert len(doc.pages) == 500 and doc.text.count("Nota di credito") > 10_000
    ctx = StageContext(config=load_config(tmp_path, environ={}), executor=SerialExecutor(), work_dir=tmp_path)
    c = doctype.run(doc, ctx).classification
    assert c.label == "contratto", c.alternatives
    assert c.confidence >= ClassifierSettings().review_threshold
