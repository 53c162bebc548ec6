"""Bug: `make test` left a multiprocessing forkserver and two workers running after pytest exited.

An OCR worker waited for work forever once the demat process that started it
was killed (`kill -9` of a watcher), and the forkserver waited for the worker.
Each worker now ends with its demat process.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

from helpers import REPO, wait_for

KILLED_PARENT = """
import os, signal
from demat.pipeline.executor import ProcessExecutor

def family(_):
    return os.getpid(), os.getppid()

if __name__ == "__main__":
    executor = ProcessExecutor(2)
    print(sorted({pid for pair in executor.map(family, range(8)) for pid in pair}), flush=True)
    os.kill(os.getpid(), signal.SIGKILL)
"""


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split(") ")[1][0] != "Z"
    except FileNotFoundError:
        return False


def test_workers_and_forkserver_end_with_a_killed_demat(tmp_path):
    script = tmp_path / "killed_parent.py"
    script.write_text(KILLED_PARENT)
    result = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, cwd=REPO,
                            env={**os.environ, "PYTHONPATH": str(REPO)}, timeout=120)
    assert result.returncode == -9, result.stderr
    started = json.loads(result.stdout)  # the workers and the forkserver
    assert len(started) >= 2
    wait_for(lambda: not any(alive(pid) for pid in started), 30,
             lambda: f"no orphans left; still running: {[p for p in started if alive(p)]}")
