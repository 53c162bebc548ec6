"""Private Redis and PostgreSQL servers for the tests and benches, from Debian's packages.

Each server runs from a temporary folder on a free loopback port, is started
once per test session (once per worker under pytest-xdist: workers share no
server) and stopped at the end, leaving nothing running and nothing on disk.
PostgreSQL refuses to run as root: as root, its commands run as the `postgres`
user (runuser); as anyone else, as that user directly.
`make test` installs both packages (scripts/ensure-system-packages.sh).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import uuid
from pathlib import Path

import pytest

PG_BIN = Path("/usr/lib/postgresql/15/bin")
INSTALL_HINT = "run `make test` (it installs redis-server and postgresql), or apt-get install them"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for_port(port: int, process: subprocess.Popen | None, what: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{what} exited with {process.returncode} at start")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"{what} did not listen on 127.0.0.1:{port} within {timeout:.0f}s")


class RedisServer:
    """redis-server with an append-only file synced on every write, so a restart keeps the queue."""

    def __init__(self) -> None:
        if not shutil.which("redis-server"):
            raise RuntimeError(f"redis-server is not installed: {INSTALL_HINT}")
        self.folder = Path(tempfile.mkdtemp(prefix="demat-redis-"))
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen | None = None
        self.start()

    def start(self) -> None:
        self.log = open(self.folder / "redis.log", "a")  # noqa: SIM115 (lives as long as the server, closed by kill())
        self.process = subprocess.Popen(
            ["redis-server", "--bind", "127.0.0.1", "--port", str(self.port), "--dir", str(self.folder),
             "--save", "", "--appendonly", "yes", "--appendfsync", "always", "--protected-mode", "no"],
            stdout=self.log, stderr=subprocess.STDOUT)
        _wait_for_port(self.port, self.process, "redis-server")

    def kill(self) -> None:
        """Stop at once, as a crash would: only what the append-only file holds survives."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(30)
        self.log.close()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(30)
        self.kill()
        shutil.rmtree(self.folder, ignore_errors=True)


class PostgresServer:
    """A PostgreSQL 15 cluster of its own: trust authentication on loopback, fsync off (test data).

    In a temporary folder removed by stop(), or in KEPT, which stop() leaves for the next start to reuse (a
    benchmark's 100,000 documents take minutes to index)."""

    USER = "demat"

    def __init__(self, kept: Path | None = None) -> None:
        if not (PG_BIN / "initdb").exists():
            raise RuntimeError(f"PostgreSQL 15 is not installed ({PG_BIN} is missing): {INSTALL_HINT}")
        self.as_postgres = os.geteuid() == 0
        self.kept = kept
        if kept:
            kept.mkdir(parents=True, exist_ok=True)
        self.folder = kept or Path(tempfile.mkdtemp(prefix="demat-pg-"))
        self.data, self.socket_dir = self.folder / "data", self.folder / "socket"
        self.socket_dir.mkdir(exist_ok=True)
        if self.as_postgres:
            shutil.chown(self.folder, "postgres")
            shutil.chown(self.socket_dir, "postgres")
        self.port = free_port()
        if not (self.data / "PG_VERSION").exists():
            self._run("initdb", "-D", str(self.data), "-U", self.USER, "--auth=trust", "-E", "UTF8",
                      "--locale=C.UTF-8", "--no-sync")
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.folder / "postgres.log"), "-w", "-t", "60",
                  "-o", f"-h 127.0.0.1 -p {self.port} -k {self.socket_dir} -c fsync=off "
                        "-c synchronous_commit=off -c full_page_writes=off", "start")
        self.url = self.database_url("postgres")

    def _run(self, program: str, *args: str) -> None:
        command = [str(PG_BIN / program), *args]
        if self.as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        result = subprocess.run(command, capture_output=True, text=True, cwd=self.folder)
        if result.returncode != 0:
            log = self.folder / "postgres.log"
            raise RuntimeError(f"{program} failed ({result.returncode}): {result.stderr.strip()}\n"
                               + (log.read_text() if log.exists() else ""))

    def database_url(self, name: str) -> str:
        return f"postgresql://{self.USER}@127.0.0.1:{self.port}/{name}"

    def new_database(self) -> str:
        """A fresh empty database; its URL."""
        import psycopg
        name = f"t_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(self.url, autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")
        return self.database_url(name)

    def drop_database(self, url: str) -> None:
        import psycopg
        name = url.rsplit("/", 1)[1]
        with psycopg.connect(self.url, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    def empty_database(self, url: str) -> None:
        """Drop everything in it: tables, extensions, text search configurations."""
        import psycopg
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")

    def stop(self) -> None:
        if (self.data / "postmaster.pid").exists():
            self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")
        if not self.kept:
            shutil.rmtree(self.folder, ignore_errors=True)


@pytest.fixture(scope="session")
def redis_server():
    """A private Redis for the whole session."""
    server = RedisServer()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def postgres_server():
    """A private PostgreSQL 15 for the whole session."""
    server = PostgresServer()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def _postgres_database(postgres_server):
    return postgres_server.new_database()


@pytest.fixture
def postgres_url(postgres_server, _postgres_database):
    """The session's test database, emptied: a test starts with nothing in it (faster than a new database)."""
    postgres_server.empty_database(_postgres_database)
    return _postgres_database
