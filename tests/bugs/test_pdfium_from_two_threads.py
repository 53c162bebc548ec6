"""Bug: two documents in flight crashed `demat watch` without a traceback.

PDFium is not thread-safe, and the runner works on two documents at once in
threads; both opened PDFs with PDFium (to sort text pages from scans) and the
process died with SIGSEGV, most often right after a restart, when every
unfinished job starts together. Run in a child process, so that a crash is
a failed test rather than a dead test run.
"""

from __future__ import annotations

import subprocess
import sys

from helpers import REPO, samples_of

STRESS = """
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from demat.extractors import text
from demat.kernel.config import load_config
from demat.kernel.document import Document, StageContext
from demat.pipeline.executor import SerialExecutor

work = Path(sys.argv[1])
files = [Path(p) for p in sys.argv[2:]] * 12
ctx = StageContext(load_config(work, environ={}), SerialExecutor(), work)

def read(path):
    return len(text.run(Document(path=path, original_name=path.name), ctx).pages)

with ThreadPoolExecutor(8) as pool:
    print(sum(pool.map(read, files)))
"""


def test_many_pdfs_read_at_once_in_threads(tmp_path):
    files = samples_of("born_digital")
    result = subprocess.run([sys.executable, "-c", STRESS, str(tmp_path), *map(str, files)],
                            capture_output=True, text=True, cwd=REPO, timeout=600)
    assert result.returncode == 0, f"crashed with {result.returncode}: {result.stderr[-2000:]}"
    assert int(result.stdout) == 12 * sum(2 if "contratto" in f.name else 1 for f in files)
