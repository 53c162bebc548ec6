"""How well the document-type model does on documents it never saw (prints, never asserts).

    python -m bench.classification [--per-type 40] [--pdf 3] [--ocr 2] [--model DIR]

Held-apart documents are the generator's holdout split: other layouts, wordings,
suppliers and seeds than training. Three readings of them are measured:
born-digital text (spec_text, and optionally the text pdfplumber reads from
rendered PDFs), simulated scans (the OCR noise model, labelled as such), and
optionally real scans OCR'd by `extractors.text`. For each: accuracy,
macro-F1, confusion matrix, calibration (reliability table, ECE), and the share
of documents auto-routed to the right department against the share sent to
review, for several review thresholds.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

from classifiers.calibration import expected_calibration_error, reliability
from classifiers.model import load_model
from classifiers.noise import ocr_noise
from classifiers.routing import load_rules
from pipeline.config import ClassifierSettings
from pipeline.document import TEXT_LABELS as LABELS, Classification, Document, Page

THRESHOLDS = (0.0, 0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95)
HOLDOUT_SEED = 50_000
SCAN_FORMATS = ("png", "jpeg", "tiff", "pdf")
SCAN_ROTATIONS = (0, 0, 90, 0, 180, 270)  # mostly upright, some scanned sideways or upside down


def holdout_specs(per_type: int, seed: int) -> list:
    from samples.generator import make_spec

    return [make_spec(label, seed + i, "holdout") for label in LABELS for i in range(per_type)]


def department_of(label: str, rules) -> str:
    doc = Document(path=Path("x"), original_name="x", pages=[Page(1, "")],
                   classification=Classification(label, 1.0))
    return rules.route(doc)[0]


def measure(title: str, texts: list[str], truth: list[str], model, rules) -> None:
    started = time.perf_counter()
    ranked = model.predict_many(texts)
    batch_ms = (time.perf_counter() - started) * 1000 / max(len(texts), 1)
    predicted = [r[0][0] for r in ranked]
    confidence = [r[0][1] for r in ranked]
    correct = [p == t for p, t in zip(predicted, truth)]
    print(f"\n=== {title}: {len(texts)} documents ===")
    print(f"accuracy {sum(correct) / len(correct):.3f}   macro-F1 {macro_f1(predicted, truth):.3f}   "
          f"ECE {expected_calibration_error(confidence, correct):.3f}   {batch_ms:.2f} ms/doc (batched)")
    print_confusion(predicted, truth)
    print("reliability (confidence bin: count, mean confidence, accuracy)")
    for row in reliability(confidence, correct):
        print(f"  {row['low']:.1f}-{row['high']:.1f}: {row['count']:5d}  {row['confidence']:.3f}  {row['accuracy']:.3f}")
    right_department = [department_of(p, rules) == department_of(t, rules) for p, t in zip(predicted, truth)]
    default = ClassifierSettings().review_threshold
    print("threshold  to review  auto-routed  right department among auto-routed  right type among auto-routed")
    for threshold in sorted(set(THRESHOLDS) | {default}):
        auto = [i for i, c in enumerate(confidence) if c >= threshold]
        share_review = 1 - len(auto) / len(confidence)
        dept = sum(right_department[i] for i in auto) / len(auto) if auto else float("nan")
        typ = sum(correct[i] for i in auto) / len(auto) if auto else float("nan")
        mark = "  <- default" if threshold == default else ""
        print(f"  {threshold:5.2f}    {share_review:7.3f}    {len(auto):6d}       {dept:.4f}"
              f"                             {typ:.4f}{mark}")


def macro_f1(predicted: list[str], truth: list[str]) -> float:
    scores = []
    for label in sorted(set(truth)):
        tp = sum(p == t == label for p, t in zip(predicted, truth))
        fp = sum(p == label != t for p, t in zip(predicted, truth))
        fn = sum(t == label != p for p, t in zip(predicted, truth))
        scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return statistics.mean(scores)


def print_confusion(predicted: list[str], truth: list[str]) -> None:
    short = {label: label[:6] for label in LABELS}
    print("confusion (rows: true type, columns: predicted)")
    print(" " * 15 + " ".join(f"{short[lab]:>6}" for lab in LABELS))
    for true in LABELS:
        counts = [sum(p == pred and t == true for p, t in zip(predicted, truth)) for pred in LABELS]
        if sum(counts):
            print(f"  {true:<13}" + " ".join(f"{c:6d}" if c else "     ." for c in counts))


def timing(model, texts: list[str]) -> None:
    model.predict(texts[0])  # warm
    times = []
    for text in texts:
        started = time.perf_counter()
        model.predict(text)
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    print(f"\none document at a time: median {statistics.median(times):.2f} ms, "
          f"p95 {times[int(len(times) * 0.95) - 1]:.2f} ms, max {times[-1]:.2f} ms "
          f"(mean {statistics.mean(len(t) for t in texts):.0f} characters)")


def pdf_texts(specs: list, work: Path) -> list[str]:
    import pdfplumber
    from samples.generator import render_pdf

    texts = []
    for spec in specs:
        path = work / f"{spec.name}.pdf"
        render_pdf(spec, path)
        with pdfplumber.open(path) as pdf:
            texts.append("\n\f".join(page.extract_text() or "" for page in pdf.pages))
    return texts


def ocr_texts(specs: list, work: Path) -> list[str] | None:
    """Real OCR of rendered scans through the project's text extractor, if there is one."""
    try:
        from extractors import text as text_stage
    except ImportError:
        return None
    from pipeline.config import load_config
    from pipeline.document import StageContext
    from pipeline.executor import SerialExecutor
    from samples.generator import render_scan

    config = load_config(work, environ={})
    texts = []
    for i, spec in enumerate(specs):
        fmt, rotation = SCAN_FORMATS[i % len(SCAN_FORMATS)], SCAN_ROTATIONS[i % len(SCAN_ROTATIONS)]
        path = work / f"{spec.name}-scan.{fmt}"
        render_scan(spec, path, fmt=fmt, dpi=200, rotation=rotation, rng_seed=i)
        doc = Document(path=path, original_name=path.name)
        ctx = StageContext(config=config, executor=SerialExecutor(), work_dir=work)
        texts.append(text_stage.run(doc, ctx).text)
    return texts


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.classification", description=__doc__.splitlines()[0])
    parser.add_argument("--per-type", type=int, default=40, help="holdout documents per type")
    parser.add_argument("--seed", type=int, default=HOLDOUT_SEED)
    parser.add_argument("--pdf", type=int, default=3, help="rendered PDFs per type read back with pdfplumber")
    parser.add_argument("--ocr", type=int, default=0, help="rendered scans per type OCR'd for real (slow)")
    parser.add_argument("--model", default="", help="model folder (default: the shipped model)")
    args = parser.parse_args(argv)

    model = load_model(args.model or None)
    rules = load_rules()
    print(f"model {model.path}: {model.meta.get('architecture')}, T={model.temperature}, "
          f"trained {model.meta.get('created')}")
    specs = holdout_specs(args.per_type, args.seed)
    from samples.generator import spec_text

    texts = [spec_text(s) for s in specs]
    truth = [s.doc_type for s in specs]
    measure("born-digital text (holdout, spec_text)", texts, truth, model, rules)
    rng = random.Random(args.seed)
    noisy = [ocr_noise(t, rng, level=1.0) for t in texts]
    measure("SIMULATED scans (holdout, OCR noise model level 1.0)", noisy, truth, model, rules)
    heavy = [ocr_noise(t, rng, level=2.0) for t in texts]
    measure("SIMULATED poor scans (holdout, OCR noise model level 2.0)", heavy, truth, model, rules)
    with tempfile.TemporaryDirectory() as tmp:
        few = [s for i, s in enumerate(specs) if i % args.per_type < args.pdf]
        if few:
            measure("born-digital PDFs read by pdfplumber (holdout)", pdf_texts(few, Path(tmp)),
                    [s.doc_type for s in few], model, rules)
        scans = [s for i, s in enumerate(specs) if i % args.per_type < args.ocr]
        if scans:
            ocr = ocr_texts(scans, Path(tmp))
            if ocr is None:
                print("\n(real OCR skipped: extractors.text is not available)")
            else:
                measure("REAL scans OCR'd by extractors.text (holdout; png/jpeg/tiff/pdf, some rotated)", ocr, [s.doc_type for s in scans],
                        model, rules)
    timing(model, texts[:: max(1, len(texts) // 200)])


if __name__ == "__main__":
    main()
