"""The document-type classifier: training, saving, loading, calibrated output."""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

import pytest

from demat.classifiers import doctype
from demat.classifiers.model import SHIPPED_MODEL, load_model, read_meta
from demat.indexer.catalog import Catalog
from demat.kernel.config import load_config
from demat.kernel.document import LABELS, TEXT_LABELS, Classification, Document, Page, StageContext
from demat.kernel.errors import ModelError
from demat.pipeline.executor import SerialExecutor
from demat.pipeline.stages import default_pipeline
from demat.training.train import build_model, generated_examples, train_model

# A few words that only one type uses, as a clerk would describe each type.
CLUES = {
    "fattura": "Fattura n. {n} imponibile IVA 22% totale documento scadenza bonifico",
    "nota_credito": "Nota di credito n. {n} a storno della fattura reso merce importo da rimborsare",
    "proforma": "Fattura proforma n. {n} documento non valido ai fini fiscali anticipo richiesto",
    "ddt": "Documento di trasporto DDT n. {n} causale trasporto vendita colli peso vettore",
    "ordine": "Ordine di acquisto n. {n} quantità consegna richiesta conferma d'ordine articolo",
    "preventivo": "Preventivo offerta n. {n} validità dell'offerta 30 giorni condizioni proposta",
    "f24": "Modello F24 delega sezione erario codice tributo anno di riferimento saldo finale",
    "bolletta": "Bolletta energia elettrica POD IT001E{n} periodo di fornitura consumi kWh",
    "estratto_conto": "Estratto conto corrente saldo iniziale saldo finale movimenti IBAN banca",
    "nota_spese": "Nota spese dipendente trasferta rimborso chilometrico pasti pernottamento",
    "cv": "Curriculum vitae esperienza professionale istruzione e formazione competenze",
    "contratto": "Contratto di fornitura tra le parti premesso che articolo 1 oggetto firme",
    "lettera": "Spett.le ditta Oggetto: comunicazione con la presente Distinti saluti",
    "ricevuta": "Documento commerciale di vendita o prestazione totale complessivo contanti resto",
}
FILLER = "via roma milano data pagina cliente codice importo euro totale descrizione note".split()


def hand_made(n_per_type: int, seed: int) -> list[tuple[str, str]]:
    """Clue sentences among shared filler words: learnable only from the clues."""
    rng = random.Random(seed)
    examples = []
    for label, clue in CLUES.items():
        for _ in range(n_per_type):
            filler = " ".join(rng.choices(FILLER, k=12))
            examples.append((f"{filler}\n{clue.format(n=rng.randint(1, 999))}\n{filler}", label))
    return examples


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("models") / "tiny"
    train_model(hand_made(12, seed=1), out, seed=0, epochs=4)
    return out


def context(tmp_path: Path, model_dir: Path | str = "") -> StageContext:
    config = load_config(tmp_path, environ={}, overrides={"classifier": {"model_dir": str(model_dir)}})
    return StageContext(config=config, executor=SerialExecutor(), work_dir=tmp_path)


def document(text: str) -> Document:
    return Document(path=Path("x.pdf"), original_name="x.pdf", pages=[Page(number=1, text=text)])


def test_tiny_model_classifies_clear_texts(tiny_model, tmp_path):
    ctx = context(tmp_path, tiny_model)
    for label, clue in CLUES.items():
        doc = doctype.run(document(f"Milano, 3 marzo 2024\n{clue.format(n=42)}"), ctx)
        assert doc.classification.label == label
        assert doc.classification.source == "classifier"


def test_confidence_is_a_probability_and_alternatives_are_sorted(tiny_model, tmp_path):
    doc = doctype.run(document("Fattura n. 7 totale documento\nDistinti saluti"), context(tmp_path, tiny_model))
    c = doc.classification
    assert 0.0 <= c.confidence <= 1.0
    assert len(c.alternatives) == 3
    probs = [p for _, p in c.alternatives]
    assert probs == sorted(probs, reverse=True)
    assert c.alternatives[0] == (c.label, c.confidence)
    assert all(label in LABELS for label, _ in c.alternatives)


def test_saved_model_describes_itself(tiny_model):
    meta = read_meta(tiny_model / "meta.json")
    assert meta["labels"] == list(TEXT_LABELS)
    assert meta["seed"] == 0
    assert meta["calibration"]["method"].startswith("temperature, untitled temperature, title and code weights")
    assert meta["calibration"]["title_weight"] >= 0 and meta["calibration"]["code_weight"] >= 0
    assert meta["calibration"]["temperature"] > 0
    assert meta["calibration"]["untitled_temperature"] >= meta["calibration"]["temperature"]
    assert meta["spacy_version"]


@pytest.mark.parametrize("source", ["fatturapa", "person"])
def test_a_stated_type_is_kept(tmp_path, source):
    """A FatturaPA's type, or one a person set, is never guessed again: the runner skips the type stage."""
    doc = document("Fattura n. 7 totale documento")
    doc.classification = Classification("proforma", 1.0, [], source=source)
    [type_stage] = [s for s in default_pipeline(Catalog(tmp_path / "catalog.sqlite3")).stages if s.name == "type"]
    assert type_stage.skipped(doc)
    doc.classification = None
    assert not type_stage.skipped(doc)


def test_empty_text_gets_no_classification(tiny_model, tmp_path):
    doc = doctype.run(document("   \n "), context(tmp_path, tiny_model))
    assert doc.classification is None


def test_wrong_format_version_raises_model_error(tiny_model, tmp_path):
    copy = tmp_path / "old"
    shutil.copytree(tiny_model, copy)
    meta = json.loads((copy / "meta.json").read_text())
    meta["format_version"] = 99
    (copy / "meta.json").write_text(json.dumps(meta))
    with pytest.raises(ModelError, match="format version 99"):
        load_model(copy)


def test_missing_model_files_raise_model_error(tiny_model, tmp_path):
    with pytest.raises(ModelError, match="meta.json is missing"):
        load_model(tmp_path / "nothing-here")
    copy = tmp_path / "broken"
    shutil.copytree(tiny_model, copy)
    shutil.rmtree(copy / "nlp")
    with pytest.raises(ModelError, match="cannot load"):
        load_model(copy)


def test_model_is_loaded_once_per_path(tiny_model):
    assert load_model(tiny_model) is load_model(tiny_model)


def test_failed_training_leaves_the_old_model_untouched(tiny_model, tmp_path):
    out = tmp_path / "model"
    shutil.copytree(tiny_model, out)
    before = sorted(p.relative_to(out) for p in out.rglob("*"))

    def crash(step, total, message):
        raise RuntimeError("power cut during training")

    with pytest.raises(RuntimeError):
        train_model(hand_made(3, seed=2), out, progress=crash, epochs=1)
    assert sorted(p.relative_to(out) for p in out.rglob("*")) == before
    assert [p.name for p in tmp_path.iterdir()] == ["model"]  # no half-written folder beside it


def test_failed_save_leaves_no_half_written_folder(tmp_path, monkeypatch):
    import demat.classifiers.model as model_module

    def full_disk(staging, out_dir):
        assert (staging / "meta.json").exists()  # the model was written, then the rename failed
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(model_module, "_swap_in", full_disk)
    with pytest.raises(OSError):
        train_model(hand_made(3, seed=3), tmp_path / "model", epochs=1)
    assert list(tmp_path.iterdir()) == []


def test_unknown_label_is_refused(tmp_path):
    with pytest.raises(ValueError, match="scontrino"):
        train_model([("scontrino fiscale", "scontrino")], tmp_path / "model")
    assert not (tmp_path / "model").exists()


def test_shipped_model_gets_most_held_out_documents_right():
    held_out = generated_examples(3, seed=777, split="holdout")
    model = load_model(SHIPPED_MODEL)
    predictions = model.predict_many([text for text, _ in held_out])
    right = sum(ranked[0][0] == label for ranked, (_, label) in zip(predictions, held_out))
    assert right / len(held_out) >= 0.85


def test_training_is_reproducible(tiny_model, tmp_path):
    again = tmp_path / "again"
    train_model(hand_made(12, seed=1), again, seed=0, epochs=4)
    weights = Path("nlp/textcat/model")
    assert (again / weights).read_bytes() == (tiny_model / weights).read_bytes()
    assert read_meta(again / "meta.json")["calibration"] == read_meta(tiny_model / "meta.json")["calibration"]


def test_build_model_adds_confirmed_documents_to_the_generated_corpus(tmp_path):
    confirmed = hand_made(4, seed=5)
    report = build_model(tmp_path / "model", per_type=3, confirmed=confirmed, epochs=2, folds=2,
                         grammar_per_family=0)
    meta = read_meta(tmp_path / "model" / "meta.json")
    assert meta["labels"] == list(TEXT_LABELS)
    generated = 13 * 3 + 5  # three of each generated type, one receipt of each of the five families
    assert meta["corpus"]["train_examples"] == generated + 14 * 3  # 1 of each 4 confirmed kept apart
    # every generated document is scored once by the fold model that did not see its family,
    # the confirmed ones kept apart by the final model; each also with its noisy reading
    assert report.calibration_examples == 2 * (generated + 14 * 1)
    assert "confirmed" in meta["corpus"]["description"]
    held_out = meta["calibration"]["held_out_families"]
    assert len(held_out) == 2
    assert set().union(*map(set, held_out)) == {"L1", "L2", "L3", "L4", "R1", "R2", "R3", "R4", "R5"}

