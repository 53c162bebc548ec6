"""How well the document type holds on layouts it was tuned on and on layouts nobody tuned on (prints, never asserts).

    python -m bench.classification [--generator 6] [--grammar 8] [--families C1,C4] [--scans] [--model DIR]

Every document is a real file (a PDF, or a scan with --scans) read by the
project's text stage, then typed by the model with its title reader. Four
sets, side by side:

- ours, tuned: the sample generator's train layouts (L1-L4), other seeds than training;
- ours, holdout: its holdout layouts and wordings (L5-L6), never trained on;
- grammar, tuned: the independent corpus's TUNED families (demat.samples.grammar), which
  training and calibration may use;
- grammar, never seen: its NEVER_TUNED families, which nothing was trained,
  calibrated or tuned on: the figures that tell how demat does on documents
  nobody here made.

For each: type accuracy, the share sent to review at the default threshold,
the share of auto-routed documents in the right department, ECE, and the
confident mistakes (wrong with confidence >= 0.9); then the mistakes (for the
never-seen set only their counts per type pair and per family, with how many
documents of each family had their code or title read, so that nobody tunes on
its documents) and the review trade-off at other thresholds.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from demat.classifiers.calibration import expected_calibration_error
from demat.classifiers.model import load_model
from demat.classifiers.routing import load_rules
from demat.classifiers.title import read_code, read_title
from demat.kernel.config import ClassifierSettings, load_config
from demat.kernel.document import Classification, Document, Page, StageContext
from demat.pipeline.executor import SerialExecutor

HOLDOUT_SEED = 50_000  # generator seeds far from the training ones
CONFIDENT = 0.9
THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.9, 0.95)


@dataclass
class Read:
    """A document read from its file, with the type and department it should get."""

    name: str
    pages: list[Page]
    truth: str
    department: str
    family: str = ""


@dataclass
class Outcome:
    label: str
    confidence: float
    truth: str
    department: str  # where the predicted type routes
    expected_department: str
    read: str = ""  # what the type reader found: "code", "title", "both" or "nothing"

    @property
    def right(self) -> bool:
        return self.label == self.truth


def read_file(path: Path, work: Path) -> list[Page]:
    from demat.extractors import text as text_stage

    ctx = StageContext(config=load_config(work, environ={}), executor=SerialExecutor(), work_dir=work)
    return text_stage.run(Document(path=path, original_name=path.name), ctx).pages


def generator_set(split: str, per_type: int, work: Path) -> list[Read]:
    from demat.samples.generator import DOC_TYPES, make_spec, render_pdf

    out = []
    for doc_type in DOC_TYPES:
        for i in range(per_type):
            spec = make_spec(doc_type, HOLDOUT_SEED + i, split)
            path = work / f"{spec.name}.pdf"
            render_pdf(spec, path)
            out.append(Read(spec.name, read_file(path, work), spec.doc_type, spec.department))
    return out


def grammar_set(families, per_family: int, kinds: tuple[str, ...], work: Path) -> list[Read]:
    from demat.samples.grammar import write_corpus

    folder = work / "grammar"
    out = []
    for family in families:
        try:
            written = write_corpus(folder, families=[family], per_family=per_family, seed=HOLDOUT_SEED, kinds=kinds)
        except NotImplementedError as exc:  # a family the corpus does not draw yet
            print(f"family {family} left out: {exc}", file=sys.stderr)
            continue
        for expected_file in written:
            expected = json.loads(expected_file.read_text(encoding="utf-8"))
            out.append(Read(expected["file"], read_file(expected_file.parent / expected["file"], work),
                            expected["type"], expected["department"], family))
    return out


def classify(model, rules, reads: list[Read]) -> tuple[list[Outcome], list[tuple[float, float]]]:
    """Outcomes, and (wall, CPU) milliseconds per document: on a shared machine the wall time
    counts other people's work too."""
    outcomes, times = [], []
    for read in reads:
        wall, cpu = time.perf_counter(), time.process_time()
        label, confidence = model.classify_pages([read.pages])[0][0]
        times.append(((time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000))
        outcomes.append(Outcome(label, confidence, read.truth, route(rules, label), read.department,
                                evidence_read(read.pages)))
    return outcomes, times


def evidence_read(pages: list[Page]) -> str:
    """Which of the document's own statements of its type the title reader found."""
    code, title = read_code(pages) is not None, read_title(pages) is not None
    return {(True, True): "both", (True, False): "code", (False, True): "title"}.get((code, title), "nothing")


def route(rules, label: str) -> str:
    doc = Document(path=Path("x"), original_name="x", pages=[Page(1, "")], classification=Classification(label, 1.0))
    return rules.route(doc)[0]


def figures(outcomes: list[Outcome], times: list[tuple[float, float]], threshold: float) -> dict[str, str]:
    if not outcomes:
        return {}
    n = len(outcomes)
    auto = [o for o in outcomes if o.confidence >= threshold]
    confident_wrong = sum(o.confidence >= CONFIDENT and not o.right for o in outcomes)
    return {
        "documents": f"{n}",
        "type accuracy": f"{sum(o.right for o in outcomes) / n:.3f}",
        f"to review (< {threshold:.2f})": f"{1 - len(auto) / n:.3f}",
        "right department, auto-routed": (f"{sum(o.department == o.expected_department for o in auto) / len(auto):.3f}"
                                          if auto else "-"),
        "right type, auto-routed": f"{sum(o.right for o in auto) / len(auto):.3f}" if auto else "-",
        "ECE": f"{expected_calibration_error([o.confidence for o in outcomes], [o.right for o in outcomes]):.3f}",
        f"confident mistakes (>= {CONFIDENT})": f"{confident_wrong} ({confident_wrong / n:.3f})",
        "ms per document, wall (median)": f"{statistics.median(wall for wall, _ in times):.2f}",
        "ms per document, CPU (median)": f"{statistics.median(cpu for _, cpu in times):.2f}",
    }


def print_side_by_side(columns: dict[str, dict[str, str]]) -> None:
    columns = {name: rows for name, rows in columns.items() if rows}
    keys = list(next(iter(columns.values())))
    print("\n" + " " * 34 + "".join(f"{name:>22}" for name in columns))
    for key in keys:
        print(f"{key:<34}" + "".join(f"{rows[key]:>22}" for rows in columns.values()))


def print_mistakes(title: str, outcomes: list[Outcome], reads: list[Read]) -> None:
    wrong = [(o, r) for o, r in zip(outcomes, reads) if not o.right]
    print(f"\n{title}: {len(wrong)} wrong")
    for o, r in sorted(wrong, key=lambda pair: -pair[0].confidence):
        print(f"  {o.truth:>14} -> {o.label:<14} {o.confidence:.3f}  {r.name}")


def print_confusions(title: str, outcomes: list[Outcome]) -> None:
    """Wrong types counted per (truth, predicted) pair: aggregate, so it names no document."""
    pairs = Counter((o.truth, o.label) for o in outcomes if not o.right)
    confident = Counter((o.truth, o.label) for o in outcomes if not o.right and o.confidence >= CONFIDENT)
    print(f"\n{title}: {sum(pairs.values())} wrong (truth -> predicted: count, of which confident)")
    for (truth, label), count in pairs.most_common():
        print(f"  {truth:>14} -> {label:<14} {count:>3}  {confident[truth, label]:>3}")


def print_families(title: str, outcomes: list[Outcome], reads: list[Read]) -> None:
    """Accuracy, confident mistakes and what the type reader found (code, title, both, nothing) per
    layout family: aggregate, so it names no document."""
    print(f"\n{title}: per family, documents, type accuracy, confident mistakes, type read (code/title/both/nothing)")
    for family in sorted({r.family for r in reads}):
        mine = [o for o, r in zip(outcomes, reads) if r.family == family]
        confident = sum(not o.right and o.confidence >= CONFIDENT for o in mine)
        found = "/".join(str(sum(o.read == kind for o in mine)) for kind in ("code", "title", "both", "nothing"))
        print(f"  {family:<5} {len(mine):>4}  {sum(o.right for o in mine) / len(mine):.3f}  {confident:>3}  {found}")


def print_thresholds(title: str, outcomes: list[Outcome], default: float) -> None:
    print(f"\n{title}: threshold, to review, right department among auto-routed")
    for threshold in sorted(set(THRESHOLDS) | {default}):
        auto = [o for o in outcomes if o.confidence >= threshold]
        dept = sum(o.department == o.expected_department for o in auto) / len(auto) if auto else float("nan")
        mark = "  <- default" if threshold == default else ""
        print(f"  {threshold:.2f}  {1 - len(auto) / len(outcomes):.3f}  {dept:.3f}{mark}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.classification", description=__doc__.splitlines()[0])
    parser.add_argument("--generator", type=int, default=6, help="generated PDFs per type and split")
    parser.add_argument("--grammar", type=int, default=8, help="independent documents per family and kind")
    parser.add_argument("--families", default="", help="only these grammar families, comma-separated (e.g. C1,C4)")
    parser.add_argument("--scans", action="store_true", help="also the independent corpus's scans (real OCR, slow)")
    parser.add_argument("--model", default="", help="model folder (default: the shipped model)")
    args = parser.parse_args(argv)

    model = load_model(args.model or None)
    rules = load_rules()
    threshold = ClassifierSettings().review_threshold
    calibration = model.meta["calibration"]
    print(f"model {model.path}: T={model.temperature} (untitled invoice-like: {model.untitled_temperature}), "
          f"title weight {model.title_weight}, code weight {model.code_weight}, "
          f"calibrated on {calibration.get('held_out_families') or 'a held-apart share'}, "
          f"trained {model.meta.get('created')}")
    try:
        from demat.samples.grammar.families import NEVER_TUNED, TUNED
    except ImportError:
        TUNED = NEVER_TUNED = ()
        print("(demat.samples.grammar is not there: only the generator's sets are measured)", file=sys.stderr)
    if args.families:
        chosen = set(args.families.split(","))
        TUNED, NEVER_TUNED = tuple(f for f in TUNED if f in chosen), tuple(f for f in NEVER_TUNED if f in chosen)
    kinds = ("born_digital", "scan") if args.scans else ("born_digital",)
    columns, detail = {}, {}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        sets = {"ours, tuned": lambda: generator_set("train", args.generator, work),
                "ours, holdout": lambda: generator_set("holdout", args.generator, work),
                "grammar, tuned": lambda: grammar_set(TUNED, args.grammar, kinds, work) if TUNED else [],
                "grammar, never seen": lambda: grammar_set(NEVER_TUNED, args.grammar, kinds, work) if NEVER_TUNED else []}
        for name, make in sets.items():
            reads = make() if (args.generator if name.startswith("ours") else args.grammar) else []
            outcomes, times = classify(model, rules, reads)
            columns[name] = figures(outcomes, times, threshold)
            detail[name] = (outcomes, reads)
    print_side_by_side(columns)
    for name in ("ours, holdout", "grammar, tuned", "grammar, never seen"):
        outcomes, reads = detail[name]
        if outcomes:
            # never-seen documents are for measuring only: no per-document list to tune on
            if name == "grammar, never seen":
                print_confusions(name, outcomes)
                print_families(name, outcomes, reads)
            else:
                print_mistakes(name, outcomes, reads)
            print_thresholds(name, outcomes, threshold)


if __name__ == "__main__":
    main()
