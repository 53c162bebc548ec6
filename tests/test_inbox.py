"""Which inbox files are taken, and when: settled, not temporary, claimed once."""

from __future__ import annotations

import os
from pathlib import Path

from demat.pipeline.inbox import JobLock, SettleTracker, claim, claimed_file, is_ignored, left_alone, scan


def test_temporary_hidden_and_system_files_are_ignored():
    for name in ["scan.pdf.part", "upload.tmp", "~$fattura.docx", ".~lock.fattura.odt#", ".hidden.pdf",
                 "Thumbs.db", "sub/.cache/x.pdf", "download.crdownload"]:
        assert is_ignored(Path(name)), name
    for name in ["fattura.pdf", "sub/dir/scan 1.tiff", "lettera d'aprile è.jpg"]:
        assert not is_ignored(Path(name)), name


def test_scan_walks_subfolders_and_skips_ignored(tmp_path: Path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    for name in ["x.pdf", "a/y.pdf", "a/b/z.png", "a/b/z.png.part", ".dot.pdf"]:
        (tmp_path / name).write_bytes(b"1")
    assert sorted(p.relative_to(tmp_path).as_posix() for p in scan(tmp_path)) == ["a/b/z.png", "a/y.pdf", "x.pdf"]


def test_only_regular_files_are_candidates_and_the_rest_is_said_why(tmp_path: Path):
    (tmp_path / "real.pdf").write_bytes(b"1")
    (tmp_path / "link.pdf").symlink_to(tmp_path / "real.pdf")
    os.mkfifo(tmp_path / "pipe.pdf")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "x.pdf").write_bytes(b"1")
    (tmp_path / "x.part").write_bytes(b"1")
    assert [p.name for p in scan(tmp_path)] == ["real.pdf"]
    reasons = dict(left_alone(tmp_path))
    assert sorted(reasons) == [".hidden", "link.pdf", "pipe.pdf", "x.part"]
    assert reasons["link.pdf"].startswith("a symbolic link") and reasons["pipe.pdf"] == "a named pipe, not a file"


def test_a_file_is_ready_only_after_it_stopped_changing(tmp_path: Path):
    now = [100.0]
    tracker = SettleTracker(2.0, clock=lambda: now[0])
    f = tmp_path / "scan.pdf"
    f.write_bytes(b"%PDF-1.4 part one")
    assert tracker.ready([f]) == []  # first sight
    now[0] += 1.5
    with open(f, "ab") as out:  # the scanner is still writing
        out.write(b" part two")
    assert tracker.ready([f]) == []
    now[0] += 1.9
    assert tracker.ready([f]) == []  # unchanged, but not yet for 2 s
    now[0] += 0.2
    assert tracker.ready([f]) == [f]


def test_vanished_files_are_forgotten(tmp_path: Path):
    tracker = SettleTracker(0)
    f = tmp_path / "a.pdf"
    f.write_bytes(b"x")
    tracker.ready([f])
    f.unlink()
    assert tracker.ready([f]) == [] and tracker.pending == []


def test_only_one_claim_of_a_file_succeeds(tmp_path: Path):
    inbox, processing = tmp_path / "inbox", tmp_path / "processing"
    (inbox / "sub").mkdir(parents=True)
    f = inbox / "sub" / "fattura «Rossi».pdf"
    f.write_bytes(b"%PDF")
    first = claim(f, inbox, processing)
    second = claim(f, inbox, processing)
    assert first is not None and second is None
    assert not f.exists()
    assert claimed_file(processing / first.token) == (first.path, "sub/fattura «Rossi».pdf")
    assert [p.name for p in processing.iterdir()] == [first.token]  # the loser left nothing behind
    first.lock.release()


def test_a_job_lock_excludes_other_holders_until_released(tmp_path: Path):
    a, b = JobLock(tmp_path), JobLock(tmp_path)
    assert a.acquire()
    assert not b.acquire()
    a.release()
    assert b.acquire()
    b.release()
