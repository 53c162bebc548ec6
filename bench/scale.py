"""Scaling out: the broker path against the local pool, and search on PostgreSQL beside SQLite.

Prints figures, never passes or fails. The goals it watches: a document sent
through Redis to `demat worker` costs at most 5% more than the same document in
the local pool; throughput grows with workers (reported per core); search p95
on PostgreSQL under 50 ms at 100,000 documents, beside the embedded figure.

    .venv/bin/python -m bench.scale                      # 10,000 documents for search, 6 scans per run
    .venv/bin/python -m bench.scale --docs 100000        # the goal's size (builds for several minutes)
    .venv/bin/python -m bench.scale --skip-search        # only the broker figures
    .venv/bin/python -m bench.scale --docs 100000 --skip-broker --keep /var/tmp/demat-100k --compare main
                            # the index kept for the next runs; an older backend timed in turns on a copy
                            # of it (its own layout's indexes made there, not seen by this backend's plans)

Redis and PostgreSQL are private servers started here from Debian's packages
(tests/servers.py), on loopback ports, stopped at the end. The scans are the
committed samples, each copy made unique by a byte appended after the PDF's
end (the catalog keeps one document per content). Every process runs OCR with
one tesseract (ocr.workers = 1) and one document at a time, so a worker is
one core's worth of work. On a machine shared with others the wall-clock
figures move with their load (printed at the start); the CPU seconds, read
from /proc and getrusage with the tesseracts included, move much less: pages
per CPU-minute is the rate of one unloaded core, the figure for sizing.
"""

from __future__ import annotations

import argparse
import os
import resource
import selectors
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import types
from pathlib import Path

from bench.search import Corpus, build_catalog, percentiles, query_mix, run_queries, varied_mix
from demat.indexer.catalog import Catalog
from demat.indexer.search.postgres import PostgresBackend
from demat.indexer.search.sqlite import SqliteBackend
from demat.kernel.config import load_config
from demat.pipeline.app import App
from demat.pipeline.broker import celery_app, send
from tests.servers import PostgresServer, RedisServer

REPO = Path(__file__).resolve().parents[1]
SCANS = sorted((REPO / "samples" / "committed").glob("*-scan0.pdf"))
ONE_CORE = "[ocr]\nworkers = 1\n[pipeline]\ndocuments_in_parallel = 1\n"


# --- documents: the local pool against the broker ---------------------------

def unique_scans(folder: Path, count: int, tag: str) -> list[Path]:
    """COUNT scans with contents of their own (a comment after %%EOF changes the sha256, not the pages)."""
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for i in range(count):
        source = SCANS[i % len(SCANS)]
        copy = folder / f"{tag}-{i}-{source.name}"
        copy.write_bytes(source.read_bytes() + f"\n% {tag} {i}\n".encode())
        files.append(copy)
    return files


def pages_of(files: list[Path]) -> int:
    import pypdfium2
    return sum(len(pypdfium2.PdfDocument(f)) for f in files)


def new_home(root: Path, broker_url: str) -> Path:
    home = Path(tempfile.mkdtemp(dir=root))
    (home / "demat.toml").write_text(
        ONE_CORE + f'[executor]\nkind = "celery"\nbroker_url = "{broker_url}"\n', encoding="utf-8")
    return home


def local_run(home: Path, files: list[Path], warm_up: Path) -> tuple[float, float]:
    """The files through the local pool of one process (model loaded, as in `demat watch`):
    (wall seconds, CPU seconds of the process and its tesseracts)."""
    with App(load_config(home, environ={})) as app:
        app.run_jobs([app.copy_in(warm_up, warm_up.name)])
        jobs = [app.copy_in(f, f.name) for f in files]
        started, cpu = time.perf_counter(), _own_cpu()
        outcomes = app.run_jobs(jobs)
        seconds, cpu = time.perf_counter() - started, _own_cpu() - cpu
    assert all(o.status == "archived" for o in outcomes), outcomes
    return seconds, cpu


def _own_cpu() -> float:
    return sum(resource.getrusage(who).ru_utime + resource.getrusage(who).ru_stime
               for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))


def _process_cpu(pid: int) -> float:
    """CPU seconds of a process and of the children it waited for (its tesseracts), from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return sum(int(x) for x in fields[11:15]) / os.sysconf("SC_CLK_TCK")  # utime stime cutime cstime


def broker_run(home: Path, files: list[Path], warm_ups: list[Path]) -> tuple[float, float]:
    """The files sent through Redis to len(warm_ups) running `demat worker`s, until all are archived:
    (wall seconds, CPU seconds of the workers and their tesseracts)."""
    config = load_config(home, environ={})
    celery = celery_app(config)
    logs = [open(home / f"worker-{i}.log", "w") for i in range(len(warm_ups))]  # noqa: SIM115 (the workers' output, closed below)
    workers = [subprocess.Popen([sys.executable, "-m", "demat.pipeline.cli", "--home", str(home), "worker"],
                                stdout=log, stderr=subprocess.STDOUT, cwd=REPO) for log in logs]
    try:
        with App(config, with_runner=False) as app:
            warm = [app.copy_in(f, f.name) for f in warm_ups]
            for job in warm:  # one each (a worker holds one task at a time): every worker loads its model
                send(celery, job)
            _wait_archived(app.catalog, [j.id for j in warm], workers)
            jobs = [app.copy_in(f, f.name) for f in files]
            started, cpu = time.perf_counter(), sum(_process_cpu(w.pid) for w in workers)
            for job in jobs:
                send(celery, job)
            _wait_archived(app.catalog, [j.id for j in jobs], workers)
            return time.perf_counter() - started, sum(_process_cpu(w.pid) for w in workers) - cpu
    finally:
        for worker in workers:
            worker.terminate()
            worker.wait(120)
        for log in logs:
            log.close()


def _wait_archived(catalog: Catalog, ids: list[int], workers: list[subprocess.Popen]) -> None:
    marks = ",".join("?" * len(ids))
    while catalog.conn.execute(f"SELECT count(*) FROM jobs WHERE id IN ({marks}) AND state = 'archived'",
                               ids).fetchone()[0] < len(ids):
        if any(w.poll() is not None for w in workers):
            raise RuntimeError("a worker stopped: see its log in the bench home")
        time.sleep(0.05)


def bench_broker(root: Path, docs: int, rounds: int) -> None:
    redis = RedisServer()
    try:
        warm = unique_scans(root / "warm", 2, "warm")
        pages = pages_of(unique_scans(root / "count", docs, "count"))
        print(f"\nbroker path against the local pool ({docs} scans, {pages} pages, a run; "
              f"redis-server at {redis.url})", flush=True)
        local, broker = [], []
        for r in range(rounds):  # alternated, so a change in the machine's load falls on both
            files = unique_scans(root / f"local-{r}", docs, f"local{r}")
            local.append(local_run(new_home(root, redis.url), files, warm[0]))
            files = unique_scans(root / f"broker-{r}", docs, f"broker{r}")
            broker.append(broker_run(new_home(root, redis.url), files, warm[:1]))
            print(f"  round {r + 1}: local pool {local[-1][0]:6.1f} s ({local[-1][1]:5.1f} s CPU), "
                  f"one worker through Redis {broker[-1][0]:6.1f} s ({broker[-1][1]:5.1f} s CPU)", flush=True)
        for label, index in (("wall", 0), ("CPU", 1)):
            best_local, best_broker = min(r[index] for r in local), min(r[index] for r in broker)
            print(f"  per document ({label}, best of {rounds}): local {best_local / docs:5.2f} s, broker "
                  f"{best_broker / docs:5.2f} s, overhead {100 * (best_broker - best_local) / best_local:+.1f}%"
                  " (goal <= 5%)")
        files = unique_scans(root / "two", docs, "two")
        runs = {1: min(broker), 2: broker_run(new_home(root, redis.url), files, warm)}
        for workers, (seconds, cpu) in runs.items():
            per_minute = pages * 60 / seconds
            print(f"  {workers} worker(s): {docs * 60 / seconds:5.1f} docs/min, {per_minute:5.1f} pages/min "
                  f"({per_minute / workers:5.1f} per worker); {pages * 60 / cpu:5.1f} pages per CPU-minute")
    finally:
        redis.stop()


# --- search: PostgreSQL beside SQLite ---------------------------------------

class RoundTrips:
    """A relay between the bench and a server that counts round trips: each time the client speaks again after
    the server answered (the driver's own bookkeeping differs with pipelining; this does not)."""

    def __init__(self, target_port: int):
        self.target_port, self.count = target_port, 0
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            client, _ = self.listener.accept()
            server = socket.create_connection(("127.0.0.1", self.target_port))
            threading.Thread(target=self._relay, args=(client, server), daemon=True).start()

    def _relay(self, client: socket.socket, server: socket.socket) -> None:
        with selectors.DefaultSelector() as selector, client, server:
            selector.register(client, selectors.EVENT_READ)
            selector.register(server, selectors.EVENT_READ)
            last = None
            while True:
                for key, _ in selector.select():
                    data = key.fileobj.recv(1 << 16)
                    if not data:
                        return
                    (server if key.fileobj is client else client).sendall(data)
                    if key.fileobj is client and last is server:
                        self.count += 1
                    last = key.fileobj


class ServerTime:
    """The time PostgreSQL spent planning and executing the statements of the databases given, from
    pg_stat_statements."""

    def __init__(self, server: PostgresServer, databases: list[str]):
        import psycopg
        with psycopg.connect(server.url, autocommit=True) as conn:
            conn.execute("ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'")
        server._run("pg_ctl", "-D", str(server.data), "-l", str(server.folder / "postgres.log"), "-w", "-t", "60",
                    "restart")  # the library loads at start; the log keeps the server off the bench's pipes
        self.conn = psycopg.connect(server.url, autocommit=True)  # the statistics are the whole server's
        self.conn.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements")
        self.conn.execute("ALTER SYSTEM SET pg_stat_statements.track_planning = on")  # known once loaded
        self.conn.execute("SELECT pg_reload_conf()")
        self.databases = databases

    def total(self) -> float:
        """Milliseconds spent so far on the databases' statements, but for this reading's own."""
        return self.conn.execute(
            "SELECT coalesce(sum(total_plan_time + total_exec_time), 0) FROM pg_stat_statements s"
            " JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = ANY(%s)"
            " AND s.query NOT LIKE '%%pg_stat_statements%%'", (self.databases,)).fetchone()[0]


def postgres_times(backends: dict[str, PostgresBackend], clock: ServerTime, mix,
                   rounds: int) -> dict[str, tuple[list[float], list[float]]]:
    """Each backend's wall milliseconds a search and the server's (read between searches, outside the wall
    time); the backends take turns round by round, so that a change in the machine's load falls on each."""
    for backend in backends.values():
        for _, query in mix:  # warm caches once
            backend.search(query)
    times: dict[str, tuple[list[float], list[float]]] = {name: ([], []) for name in backends}
    for _ in range(rounds):
        for name, backend in backends.items():
            wall, server = times[name]
            for _, query in mix:
                spent = clock.total()
                started = time.perf_counter()
                backend.search(query)
                wall.append((time.perf_counter() - started) * 1000)
                server.append(clock.total() - spent)
    return times


def slowest(mix, server_ms: list[float], count: int = 5) -> str:
    """The COUNT queries of MIX slowest on the server (median of the rounds), with their fastest and slowest
    rounds: the same few queries each round make the p95, not stalls that fall on any query."""
    rounds = [server_ms[i::len(mix)] for i in range(len(mix))]  # the rounds ran the mix in order
    ranked = sorted(zip(mix, rounds), key=lambda pair: -statistics.median(pair[1]))[:count]
    return "\n".join(f"  {'':10s}   {statistics.median(times):6.1f} ms ({min(times):.1f} to {max(times):.1f})"
                     f" {kind} {_described(query)}" for (kind, query), times in ranked)


def _described(query) -> str:
    """The query's text and the filters it sets, in a line."""
    given = {name: value for name, value in vars(query).items()
             if name not in ("text", "page", "page_size", "facets") and value not in (None, "", [], "relevance")}
    return repr(query.text) + "".join(f" {name}={value}" for name, value in given.items())


def copy_for_comparison(server: PostgresServer, backend: PostgresBackend) -> str:
    """The URL of a copy of the bench database for an older backend: the indexes its layout creates stay out of
    the plans of BACKEND's, and its migrations out of BACKEND's index."""
    import psycopg
    backend.close()  # a database is copied with nobody connected to it
    with psycopg.connect(server.url, autocommit=True) as conn:
        conn.execute("DROP DATABASE IF EXISTS bench_compared")
        conn.execute("CREATE DATABASE bench_compared TEMPLATE bench")
    return server.database_url("bench_compared")


def older_backend(ref: str) -> type[PostgresBackend]:
    """The PostgresBackend of the git revision REF, loaded beside this one, to measure both on one index."""
    source = subprocess.run(["git", "show", f"{ref}:indexer/search/postgres.py"], cwd=REPO, check=True,
                            capture_output=True, text=True).stdout
    module = sys.modules[f"postgres_{ref}"] = types.ModuleType(f"postgres_{ref}")  # dataclasses look it up
    exec(compile(source, f"{ref}:indexer/search/postgres.py", "exec"), module.__dict__)  # noqa: S102 (our own code, from git)
    return module.PostgresBackend


def search_corpus(folder: Path, server: PostgresServer, docs: int, seed: int, kept: bool):
    """The catalog of DOCS synthetic documents and the URL of its PostgreSQL database; with KEPT, those
    built by an earlier run in FOLDER when it finished building them. Whether they were built now."""
    import psycopg
    path, built = folder / "catalog.sqlite3", folder / "built"
    with psycopg.connect(server.url, autocommit=True) as conn:
        if kept and built.exists():
            catalog = Catalog(path)
            found = catalog.conn.execute("SELECT count(*) FROM documents").fetchone()[0]
            if found != docs:
                raise SystemExit(f"{folder} holds {found} documents, not {docs}: give another --keep folder")
            return catalog, Corpus(seed), server.database_url("bench"), False
        conn.execute("DROP DATABASE IF EXISTS bench")
        conn.execute("CREATE DATABASE bench")
    for leftover in folder.glob("catalog.sqlite3*"):  # of a build that did not finish
        leftover.unlink()
    catalog, corpus = build_catalog(path, docs, seed)
    return catalog, corpus, server.database_url("bench"), True


def bench_search(root: Path, docs: int, rounds: int, seed: int, kept: Path | None, compare: str | None) -> None:
    folder = kept or root
    server = PostgresServer(kept / "postgres" if kept else None)
    try:
        started = time.perf_counter()
        catalog, corpus, url, new = search_corpus(folder, server, docs, seed, kept is not None)
        print(f"\nsearch at {docs} synthetic documents (bench/search.py's corpus; catalog "
              f"{'filled' if new else 'kept from an earlier run, opened'} in {time.perf_counter() - started:.0f} s)",
              flush=True)
        clock = ServerTime(server, ["bench", "bench_compared"])
        relay = RoundTrips(server.port)
        backends = {"sqlite": SqliteBackend(catalog), "postgresql": PostgresBackend(catalog, url)}
        for name, backend in backends.items():
            if new:
                started = time.perf_counter()
                backend.reindex()
                print(f"  {name:10s} full rebuild {docs / (time.perf_counter() - started):7.0f} docs/s", flush=True)
        postgres = backends["postgresql"]
        if new:
            postgres.conn.execute("VACUUM ANALYZE search_docs")
            (folder / "built").touch()
        compared = {"postgresql": postgres}
        if compare:
            compared[f"pg {compare}"] = older_backend(compare)(catalog, copy_for_comparison(server, postgres))
        relayed = PostgresBackend(catalog, url.replace(f":{server.port}/", f":{relay.port}/"))  # for counting only
        mixes = {"fixed mix": query_mix(corpus), "varied mix": varied_mix(corpus, 200, seed)}
        for label, mix in mixes.items():
            samples, _, _ = run_queries(lambda q: backends["sqlite"].search(q).total, mix, rounds)
            print(f"  {'sqlite':10s} {label} ({len(mix)} queries x {rounds}, facets on): {percentiles(samples)}",
                  flush=True)
            for name, (wall, server_ms) in postgres_times(compared, clock, mix, rounds).items():
                print(f"  {name:10s} {label} ({len(mix)} queries x {rounds}, facets on): {percentiles(wall)}"
                      f"\n  {'':10s} server time (planning and execution, pg_stat_statements): "
                      f"{percentiles(server_ms)}", flush=True)
                print(slowest(mix, server_ms))
            trips = []
            for _, query in mix:
                count = relay.count
                relayed.search(query)
                trips.append(relay.count - count)
            print(f"  {'':10s} round trips a search: {statistics.mean(trips):.1f} on average, at most {max(trips)}")
            estimated = sum(postgres.search(query).estimated for _, query in mix)
            print(f"  postgresql estimated its counts for {estimated} of the {len(mix)} queries (too many matches)")
        relayed.close()
        for backend in compared.values():
            backend.close()
        catalog.close()
    finally:
        server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=10_000, help="documents in the search corpus")
    parser.add_argument("--scans", type=int, default=6, help="scans in each broker or local run")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--skip-search", action="store_true")
    parser.add_argument("--skip-broker", action="store_true")
    parser.add_argument("--keep", type=Path, metavar="FOLDER",
                        help="keep the search corpus and its PostgreSQL cluster in FOLDER: built by the first run, "
                             "reused by the next ones with the same --docs")
    parser.add_argument("--compare", metavar="GIT_REF",
                        help="also time the PostgreSQL backend of this revision on the same index, in turns")
    args = parser.parse_args()
    os.environ["OMP_THREAD_LIMIT"] = "1"
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # stopped: still stop the servers it started
    root = Path(tempfile.mkdtemp(prefix="demat-bench-scale-"))
    print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} (shared with whatever else runs)")
    try:
        if not args.skip_broker:
            bench_broker(root, args.scans, args.rounds)
        if not args.skip_search:
            bench_search(root, args.docs, args.rounds, args.seed, args.keep, args.compare)
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
