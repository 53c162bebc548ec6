"""Bug (issue 16, 2): anyone could fill the disk through the upload route.

`POST /api/upload` with `Transfer-Encoding: chunked` has no Content-Length,
so it passed the size check, and FastAPI spooled the whole body to a
temporary file before the route's authentication said 401 (300 MB written).
The server now knows who sends a body before reading it, and counts the
body as it arrives. Checked on the real server over a raw socket: each
answer must come while the client is still in the middle of its body.
"""

from __future__ import annotations

import socket

from demat.indexer.catalog import Catalog
from demat.web.users import Users
from webhelpers import PASSWORD, served

CHUNK = b"x" * 65536


def start_chunked_upload(base: str, headers: dict[str, str]) -> socket.socket:
    """Open a multipart upload with a chunked body and send its first part only."""
    host, port = base.removeprefix("http://").split(":")
    sock = socket.create_connection((host, int(port)), timeout=30)
    head = {"Host": host, "Transfer-Encoding": "chunked", "Content-Type": "multipart/form-data; boundary=b",
            **headers}
    sock.sendall(b"POST /api/upload HTTP/1.1\r\n" + b"".join(f"{k}: {v}\r\n".encode() for k, v in head.items())
                 + b"\r\n")
    send_chunk(sock, b'--b\r\nContent-Disposition: form-data; name="file"; filename="big.pdf"\r\n'
                     b"Content-Type: application/pdf\r\n\r\n%PDF-1.4\n")
    return sock


def send_chunk(sock: socket.socket, data: bytes) -> None:
    sock.sendall(f"{len(data):x}\r\n".encode() + data + b"\r\n")


def status_of(sock: socket.socket) -> int:
    """The status of the answer, read while the body is still unfinished (the socket's timeout guards a hang)."""
    answer = b""
    while b"\r\n" not in answer:
        data = sock.recv(4096)
        assert data, "the server closed the connection without an answer"
        answer += data
    return int(answer.split(b" ", 2)[1])


def written_bytes(pid: int) -> int:
    """Bytes the process has passed to write(): a body spooled to disk would show here."""
    with open(f"/proc/{pid}/io") as io:
        return next(int(line.split()[1]) for line in io if line.startswith("wchar:"))


def test_a_chunked_upload_without_credentials_is_refused_before_its_body_is_read(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    with served(home, "--workers", "1") as (base, server):
        before = written_bytes(server.pid)
        sock = start_chunked_upload(base, {})
        with sock:
            for _ in range(64):  # 4 MB that must not be kept anywhere
                send_chunk(sock, CHUNK)
            assert status_of(sock) == 401
        assert written_bytes(server.pid) - before < 64 * 1024  # the answer only, no spooled body
        assert not [p for p in (home / "inbox").iterdir()]


def test_a_chunked_upload_is_cut_at_the_size_limit_while_it_arrives(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    (home / "demat.toml").write_text("[limits]\nmax_file_mb = 1\n", encoding="utf-8")
    users = Users(Catalog(home / "catalog.sqlite3"))
    users.add("anna", "archivist", [], PASSWORD)
    token = users.new_token("anna")
    with served(home, "--workers", "1") as (base, server):
        sock = start_chunked_upload(base, {"Authorization": f"Bearer {token}"})
        with sock:
            for _ in range(40):  # 2.5 MB: past the 1 MB file plus 1 MB of form around it, and never ended
                send_chunk(sock, CHUNK)
            assert status_of(sock) == 413
        assert not [p for p in (home / "inbox").iterdir()]
