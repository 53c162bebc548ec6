"""What the tests share: the real `demat` command, a background watcher, the committed samples, a page of cells."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from reportlab.pdfgen.canvas import Canvas

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "samples" / "committed"
FAST_WATCH = "[watch]\nsettle_seconds = 0.5\nrescan_seconds = 1.0\n"
A4_HEIGHT = 842  # points


def demat(home: Path, *args: str, check: bool = True, timeout: float = 600) -> subprocess.CompletedProcess:
    """Run the installed command line, as a user would."""
    result = subprocess.run([sys.executable, "-m", "demat.pipeline.cli", "--home", str(home), *args],
                            capture_output=True, text=True, timeout=timeout, cwd=REPO)
    if check and result.returncode != 0:
        raise AssertionError(f"demat {' '.join(args)} exited {result.returncode}:\n{result.stdout}\n{result.stderr}")
    return result


def demat_json_lines(home: Path, *args: str, check: bool = True) -> list[dict]:
    out = demat(home, *args, "--json", check=check).stdout
    return [json.loads(line) for line in out.splitlines() if line.strip()]


class WatchProcess:
    """`demat watch` (or another long-running COMMAND) in the background on a home."""

    def __init__(self, home: Path, *extra: str, command: str = "watch"):
        self.log = open(home / f"{command}-{time.monotonic_ns()}.log", "w")  # noqa: SIM115 (lives as long as the process)
        self.proc = subprocess.Popen([sys.executable, "-m", "demat.pipeline.cli", "--home", str(home), command, *extra],
                                     stdout=self.log, stderr=subprocess.STDOUT, cwd=REPO,
                                     env={**os.environ, "PYTHONUNBUFFERED": "1"}, start_new_session=True)

    def kill_hard(self) -> None:
        """kill -9 of the process and of its OCR processes, as a crash of its machine would."""
        os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(30)

    def stop(self) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(120)
            except subprocess.TimeoutExpired:
                self.kill_hard()
        self.log.close()
        return self.proc.returncode

    def output(self) -> str:
        self.log.flush()
        return Path(self.log.name).read_text()


def wait_for(condition, timeout: float, what, interval: float = 0.5):
    """Poll CONDITION until true; WHAT (a text, or a function giving one) explains a time-out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout:.0f}s waiting for {what() if callable(what) else what}")


def expected(sample: Path) -> dict:
    """The expected values written by the generator next to a sample file."""
    name = sample.name
    for suffix in (".xml.p7m", ".pdf", ".png", ".jpg", ".jpeg", ".tiff", ".tif", ".xml"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
            break
    return json.loads((sample.parent / f"{name}.json").read_text(encoding="utf-8"))


def samples_of(kind: str, doc_type: str | None = None) -> list[Path]:
    """Committed sample files of one kind (born_digital, scan, fatturapa), optionally one type."""
    files = []
    for meta in sorted(SAMPLES.glob("*.json")):
        data = json.loads(meta.read_text(encoding="utf-8"))
        if data.get("kind") == kind and (doc_type is None or data.get("type") == doc_type):
            files.append(SAMPLES / data["file"])
    return files


def restart(home: Path):
    """What the next `demat watch` does first: recover, then run what was left; (redo, outcomes, counts, documents)."""
    from demat.kernel.config import load_config
    from demat.pipeline.app import App

    with App(load_config(home)) as app:
        redo = app.runner.recover()
        outcomes = app.run_jobs(redo)
        return redo, outcomes, app.catalog.state_counts(), app.catalog.document_count()


def cells_pdf(path: Path, cells: list[tuple[float, float, str]]) -> Path:
    """PATH, a born-digital one-page A4 PDF with each of CELLS (x, y from the top, text; points) in 9 pt
    Helvetica: a page laid out word by word, as a bug's document was."""
    canvas = Canvas(str(path), pagesize=(595, A4_HEIGHT), invariant=1)
    canvas.setFont("Helvetica", 9)
    for x, y, text in cells:
        canvas.drawString(x, A4_HEIGHT - y - 9, text)
    canvas.save()
    return path
