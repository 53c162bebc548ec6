"""Bug: an upload named `Thumbs.db`, `x.part` or `~$lock.pdf` was accepted, then ignored by the watcher forever, uncounted.

The watcher rightly leaves such names alone (scanners and editors write them
while working), but nobody could see them: `demat status` now counts and lists
every inbox entry the watcher will never take, with why.
"""

from __future__ import annotations

from pathlib import Path

from helpers import demat


def test_status_lists_what_the_inbox_leaves_alone(home: Path):
    inbox = home / "inbox"
    for name in ("Thumbs.db", "x.part", "~$lock.pdf", "fattura.pdf"):
        (inbox / name).write_bytes(b"%PDF-1.4")
    (inbox / ".nascosta").mkdir()
    status = demat(home, "status").stdout
    assert "waiting in inbox:   1" in status
    assert "ignored in inbox:   4" in status
    for line in ("Thumbs.db: a system file", "x.part: a file still being written",
                 "~$lock.pdf: hidden or lock file", ".nascosta: a hidden folder"):
        assert line in status, status
