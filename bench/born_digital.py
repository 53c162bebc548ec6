"""Born-digital documents per second through `demat ingest`, and how fast `demat --help` answers.

Prints figures, never passes or fails. Goals: 20 or more born-digital
documents (one or two pages) per second; `demat --help` under 0.3 s.

    .venv/bin/python -m bench.born_digital --docs 60
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from demat.kernel.config import load_config
from demat.pipeline.app import App
from demat.samples.generator import DOC_TYPES, make_spec, render_pdf


def born_digital(folder: Path, count: int, seed: int) -> list[Path]:
    """COUNT generated PDFs of every type in turn (holdout layouts: what the pipeline never saw)."""
    files = []
    for i in range(count):
        spec = make_spec(DOC_TYPES[i % len(DOC_TYPES)], seed + i, "holdout")
        files.append(folder / f"{spec.name}.pdf")
        render_pdf(spec, files[-1])
    return files


def documents_per_second(files: list[Path], home: Path) -> tuple[float, int]:
    """Whole pipeline, warm (pool started, model loaded), as in a running `demat watch`."""
    with App(load_config(home, environ={})) as app:
        app.run_jobs([app.copy_in(files[0], "warm-up.pdf")])
        jobs = [app.copy_in(path, path.name) for path in files[1:]]
        started = time.perf_counter()
        outcomes = app.run_jobs(jobs)
        seconds = time.perf_counter() - started
    pages = sum(len(doc.pages) for o in outcomes for _, doc in o.documents)
    return len(jobs) / seconds, pages


def help_seconds(runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "demat.pipeline.cli", "--help"], check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=60)
    parser.add_argument("--seed", type=int, default=20_000)
    parser.add_argument("--help-runs", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="demat-bench-") as tmp:
        work = Path(tmp)
        files = born_digital(work, args.docs + 1, args.seed)
        rate, pages = documents_per_second(files, work / "home")
        print(f"born-digital: {rate:.1f} documents/s ({args.docs} documents, {pages} pages; goal >= 20)")
    times = help_seconds(args.help_runs)
    print(f"demat --help: median {statistics.median(times) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms "
          f"over {len(times)} runs (goal < 300 ms)")


if __name__ == "__main__":
    main()
