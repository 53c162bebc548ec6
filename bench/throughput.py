"""OCR throughput: plain tesseract against `demat ingest`, and memory on a long scan.

Prints figures, never passes or fails. The goal it watches: demat's pages per
minute at least 0.85 of plain tesseract's (one single-threaded tesseract per
core), and a 200-page scan well under 1 GB of memory.

    .venv/bin/python -m bench.throughput --pages 12 --workers 2 --rounds 2 --memory-pages 200
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager, suppress
from pathlib import Path

import pikepdf
from PIL import Image, ImageDraw, ImageFont
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from demat.extractors import scan_cleanup
from demat.kernel.config import load_config
from demat.pipeline.app import App

LANGUAGES = "ita+eng"
REPO = Path(__file__).resolve().parents[1]
DOC_TYPES = ("fattura", "lettera", "ddt", "bolletta", "contratto", "estratto_conto")


# --- the pages ---------------------------------------------------------------

def scanned_pages(count: int, dpi: int) -> list[Image.Image]:
    """COUNT scanned A4 pages: the sample generator's scans if it is there, else plain Pillow text."""
    try:
        from demat.samples.generator import make_spec
        from demat.samples.generator.scan import scan_pages
    except ImportError:
        return [_pillow_page(i, dpi) for i in range(count)]
    pages: list[Image.Image] = []
    seed = 0
    while len(pages) < count:
        spec = make_spec(DOC_TYPES[seed % len(DOC_TYPES)], seed)
        pages.extend(scan_pages(spec, dpi=dpi))
        seed += 1
    return pages[:count]


def _pillow_page(seed: int, dpi: int) -> Image.Image:
    width, height = round(8.27 * dpi), round(11.69 * dpi)
    page = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf", dpi * 10 // 72)
    words = "fattura imponibile totale documento pagamento bonifico scadenza fornitore merce consegna".split()
    for line in range(45):
        draw.text((dpi, dpi + line * dpi // 5),
                  " ".join(words[(seed + line + k) % len(words)] for k in range(9)), font=font, fill=0)
    return page


def scan_pdf(pages: list[Image.Image], dpi: int, path: Path) -> Path:
    """An image-only PDF, one JPEG per page, like a multifunction printer writes."""
    canvas = Canvas(str(path), invariant=1)
    for page in pages:
        width, height = page.width * 72 / dpi, page.height * 72 / dpi
        canvas.setPageSize((width, height))
        jpeg = io.BytesIO()
        page.save(jpeg, "JPEG", quality=75)
        canvas.drawImage(ImageReader(jpeg), 0, 0, width, height)
        canvas.showPage()
    canvas.save()
    return path


# --- the two ways of reading them --------------------------------------------

def plain_tesseract_seconds(images: list[Path], workers: int, out_dir: Path) -> float:
    """`tesseract img out -l ita+eng`, one single-threaded process per core."""
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}

    def one(image: Path) -> None:
        subprocess.run(["tesseract", str(image), str(out_dir / image.stem), "-l", LANGUAGES],
                       check=True, capture_output=True, env=env)

    started = time.perf_counter()
    with ThreadPoolExecutor(workers) as pool:
        list(pool.map(one, images))
    return time.perf_counter() - started


def demat_seconds(pdf: Path, workers: int, home: Path) -> float:
    """The whole pipeline of `demat ingest` on PDF (text, type, fields, route,
    archive, index) in a fresh home, with a warm pool of WORKERS processes and
    the model loaded, as in a long-running `demat watch`."""
    config = load_config(tempfile.mkdtemp(dir=home), environ={}, overrides={"ocr": {"workers": workers}})
    with App(config) as app:
        list(app.executor.map(_warm_up, range(workers)))
        job = app.copy_in(pdf, pdf.name)
        started = time.perf_counter()
        [outcome] = app.run_jobs([job])
        assert outcome.status == "archived", outcome
        return time.perf_counter() - started


def cpu_seconds_per_page(images: list[Path], pdf: Path, work: Path) -> tuple[float, float]:
    """CPU seconds per page, plain tesseract and `demat ingest`, each in one process.

    Steadier than wall time on a shared machine, and the same ratio when every
    core runs one single-threaded process. demat's figure includes the start
    of a Python process and the loading of the type model (a few seconds in all).
    """
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    with _cpu(costs := {"plain": 0.0, "demat": 0.0}, "plain"):
        for image in images:
            subprocess.run(["tesseract", str(image), str(work / image.stem), "-l", LANGUAGES],
                           check=True, capture_output=True, env=env)
    home = work / "cpu-home"
    home.mkdir()
    with _cpu(costs, "demat"):
        subprocess.run([sys.executable, "-m", "bench.throughput", "--ingest", str(pdf), "--home", str(home), "--workers", "1"],
                       check=True, capture_output=True, env=env, cwd=REPO)
    return costs["plain"] / len(images), costs["demat"] / len(images)


def _warm_up(_: int) -> None:
    import demat.extractors.ocr  # noqa: F401
    import demat.extractors.pdf  # noqa: F401


# --- what the clean-up costs ---------------------------------------------------

def cleanup_costs(pages: list[Image.Image], dpi: int, work: Path) -> dict[str, float]:
    """CPU seconds per page (steadier than wall time on a shared machine): the
    inspection (skew, sideways, upside down), the straightening, OCR with and
    without tesseract's orientation detection, and a separate OSD run on a
    half-size copy (the road not taken)."""
    import pytesseract

    sample = pages[: min(3, len(pages))]
    costs = dict.fromkeys(("inspect", "level", "ocr_psm3", "ocr_psm1", "separate_osd_half"), 0.0)
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    os.environ["OMP_THREAD_LIMIT"] = "1"
    for i, page in enumerate(sample):
        with _cpu(costs, "inspect"):
            skew = scan_cleanup.inspect(page).skew
        with _cpu(costs, "level"):
            scan_cleanup.level(page, skew or 1.0)  # as if every page were skewed
        image = work / f"cost-{i}.tif"
        page.save(image, dpi=(dpi, dpi))
        for psm in (3, 1):
            with _cpu(costs, f"ocr_psm{psm}"):
                subprocess.run(["tesseract", str(image), str(work / f"cost-{i}-{psm}"), "-l", LANGUAGES,
                                "--psm", str(psm), "pdf", "tsv"], check=True, capture_output=True, env=env)
        with _cpu(costs, "separate_osd_half"), suppress(pytesseract.TesseractError):  # "Too few characters": still paid for
            pytesseract.image_to_osd(page.reduce(2), config=f"--dpi {dpi // 2}")
    return {name: total / len(sample) for name, total in costs.items()}


@contextmanager
def _cpu(costs: dict[str, float], name: str) -> Iterator[None]:
    """Add the CPU time of this process and its finished children to COSTS[NAME]."""
    def now() -> float:
        own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime
    started = now()
    yield
    costs[name] += now() - started


# --- memory on a long scan -----------------------------------------------------

class TreeMemory:
    """Samples the memory of this process and all its descendants, summed.

    RSS counts shared pages (libraries, copy-on-write) once per process; PSS
    shares them out, so its sum is what the tree really takes.
    """

    def __init__(self, root: int, interval: float = 0.2):
        self.root = root
        self.peak_rss = self.peak_pss = 0
        self.peak_by_process: dict[str, int] = {}
        self._interval = interval
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> TreeMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.wait(self._interval):
            rss = pss = 0
            for pid in _tree(self.root):
                memory = _memory(pid)
                if not memory:
                    continue  # ended meanwhile
                rss, pss = rss + memory.get("Rss", 0), pss + memory.get("Pss", 0)
                name = _name(pid)
                self.peak_by_process[name] = max(self.peak_by_process.get(name, 0), memory.get("Rss", 0))
            self.peak_rss, self.peak_pss = max(self.peak_rss, rss), max(self.peak_pss, pss)


def _tree(pid: int) -> list[int]:
    pids, todo = [], [pid]
    while todo:
        current = todo.pop()
        pids.append(current)
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as f:
                    todo.extend(int(c) for c in f.read().split())
        except OSError:
            continue
    return pids


def _memory(pid: int) -> dict[str, int]:
    """Rss and Pss of PID in bytes (empty when it has just ended)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            fields = (line.split() for line in f)
            return {parts[0].rstrip(":"): int(parts[1]) * 1024 for parts in fields
                    if len(parts) == 3 and parts[0] in ("Rss:", "Pss:")}
    except OSError:
        return {}


def _name(pid: int) -> str:
    """'tesseract' or 'python': what a process is, for the breakdown."""
    try:
        with open(f"/proc/{pid}/comm") as f:
            comm = f.read().strip()
    except OSError:
        return "gone"
    return "tesseract" if comm == "tesseract" else "python (stage, workers, forkserver)"


def peak_memory(pages: list[Image.Image], count: int, dpi: int, workers: int, work: Path) -> None:
    """Peak memory of demat's process tree on a COUNT-page scan.

    demat runs in a fresh process, as in `demat watch`: this bench
    process holds the generator's page images, which are not demat's.
    """
    long_scan = _repeat_pages(scan_pdf(pages, dpi, work / "few.pdf"), count, work / f"scan-{count}.pdf")
    home = work / "memory-home"
    home.mkdir()
    command = [sys.executable, "-m", "bench.throughput", "--ingest", str(long_scan), "--home", str(home),
               "--workers", str(workers)]
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True, cwd=REPO) as child, TreeMemory(child.pid) as memory:
        seconds = float(child.communicate()[0].split()[-1])
    print(f"{count}-page scan in {seconds:.0f} s ({count / seconds * 60:.1f} pages/min): peak memory of the "
          f"process tree {memory.peak_pss / 2**20:.0f} MB PSS ({memory.peak_rss / 2**20:.0f} MB RSS summed)")
    for name, peak in sorted(memory.peak_by_process.items()):
        print(f"  largest {name:28s} {peak / 2**20:5.0f} MB RSS")


def _repeat_pages(pdf: Path, count: int, target: Path) -> Path:
    """A COUNT-page PDF made of PDF's pages over and over (each page still rendered and OCR'd)."""
    with pikepdf.open(pdf) as few, pikepdf.new() as long_scan:
        for i in range(count):
            long_scan.pages.append(few.pages[i % len(few.pages)])
        long_scan.save(target)
    return target


def compare_throughput(pages: list[Image.Image], dpi: int, workers: int, rounds: int, work: Path) -> None:
    images = []
    for i, page in enumerate(pages):
        images.append(work / f"page-{i:03d}.png")
        page.save(images[-1], dpi=(dpi, dpi))
    pdf = scan_pdf(pages, dpi, work / "scan.pdf")
    (work / "plain").mkdir()
    home = work / "home"
    home.mkdir()
    plain = ours = 0.0
    for _ in range(rounds):  # interleaved: other load on the machine hits both alike
        plain += plain_tesseract_seconds(images, workers, work / "plain")
        ours += demat_seconds(pdf, workers, home)
    plain_ppm, ours_ppm = rounds * len(pages) / plain * 60, rounds * len(pages) / ours * 60
    print(f"plain tesseract : {plain_ppm:6.1f} pages/min ({plain:.1f} s over {rounds} rounds)")
    print(f"demat ingest    : {ours_ppm:6.1f} pages/min ({ours:.1f} s over {rounds} rounds)")
    print(f"ratio           : {ours_ppm / plain_ppm:.2f} (goal >= 0.85; wall time, shared machine: noisy)")
    plain_cpu, ours_cpu = cpu_seconds_per_page(images, pdf, work / "plain")
    print(f"CPU per page    : plain {plain_cpu:.2f} s, demat {ours_cpu:.2f} s, ratio {plain_cpu / ours_cpu:.2f}")
    print("CPU seconds per page:")
    for name, seconds in cleanup_costs(pages, dpi, work).items():
        print(f"  {name:18s} {seconds:6.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=12)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--dpi", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=2, help="0: skip the throughput comparison")
    parser.add_argument("--memory-pages", type=int, default=0, help="also measure memory on a scan this long (e.g. 200)")
    parser.add_argument("--ingest", type=Path, help=argparse.SUPPRESS)  # child of --memory-pages
    parser.add_argument("--home", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.ingest:
        print(demat_seconds(args.ingest, args.workers, args.home))
        return

    with tempfile.TemporaryDirectory(prefix="demat-bench-") as tmp:
        work = Path(tmp)
        pages = scanned_pages(args.pages, args.dpi)
        print(f"{args.pages} scanned A4 pages at {args.dpi} dpi, {args.workers} workers")
        if args.rounds:
            compare_throughput(pages, args.dpi, args.workers, args.rounds, work)
        if args.memory_pages:
            peak_memory(pages, args.memory_pages, args.dpi, args.workers, work)


if __name__ == "__main__":
    main()
