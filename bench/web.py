"""Search through the HTTP API under concurrent clients: prints, never asserts.

    .venv/bin/python -m bench.web [--docs 100000] [--seconds 30] [--clients 20] [--workers N] [--home DIR]

Builds an archive of synthetic documents (bench/search.py's generator, no
OCR) in a temporary home, indexes it, starts `demat serve` (uvicorn, WORKERS
processes) on a loopback port, then runs CLIENTS threads, each with
one keep-alive connection, sending searches with facets for SECONDS: queries
of bench/search.py's kinds drawn from the corpus (its varied_mix), so that
common words come back but whole queries seldom do. Half the clients are an
archivist, half an accounting user limited to two departments. Prints
requests per second and latency percentiles. Goal: p95 < 150 ms at 100,000
documents with 20 clients.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.client import HTTPConnection, HTTPException
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import httpx

BENCH = Path(__file__).resolve().parent
# This file is named web.py: its folder must not hide the `web` package.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != BENCH]

from demat.indexer.search.sqlite import SqliteBackend  # noqa: E402
from demat.web.users import Users  # noqa: E402


def _search_bench():
    """bench/search.py, whose synthetic archive and query mix this benchmark reuses."""
    spec = importlib.util.spec_from_file_location("bench_search", BENCH / "search.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


search_bench = _search_bench()

PASSWORD = "bench password"


def build_home(home: Path, docs: int, seed: int):
    """Catalog, index and two users with tokens; ({user: token}, the corpus)."""
    catalog, corpus = search_bench.build_catalog(home / "catalog.sqlite3", docs, seed)
    SqliteBackend(catalog).reindex()
    users = Users(catalog)
    users.add("archivista", "archivist", [], PASSWORD)
    users.add("contabile", "accounting", ["amministrazione", "acquisti"], PASSWORD)
    tokens = {name: users.new_token(name) for name in ("archivista", "contabile")}
    catalog.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    catalog.close()
    return tokens, corpus


def api_path(query) -> str:
    """The /api/search request for one of bench/search.py's SearchQuery objects."""
    params = {"q": query.text, "type": query.types, "department": query.departments, "supplier": query.supplier,
              "sort": query.sort, "date_from": query.date_from, "date_to": query.date_to,
              "amount_min": query.amount_min, "amount_max": query.amount_max}
    kept = {k: str(v) if not isinstance(v, list) else v for k, v in params.items() if v not in (None, "", [])}
    return "/api/search?" + urlencode(kept, doseq=True)


def serve(home: Path, port: int, workers: int) -> None:
    """The server process: `demat serve` itself."""
    from demat.kernel.config import load_config
    from demat.pipeline.commands import serve as serve_command

    serve_command.run(argparse.Namespace(host="127.0.0.1", port=port, workers=workers, proxy=None),
                      load_config(home))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(base: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the server exited with {process.returncode}")
        try:
            httpx.get(base + "/api/openapi.json", timeout=2)
            return
        except httpx.TransportError:
            time.sleep(0.2)
    raise SystemExit("the server did not start within 2 minutes")


def client(base: str, token: str, paths: list, seconds: float, offset: int, results: list) -> None:
    """One user hammering search: [(kind, ms, status, ms inside the search backend)] appended to RESULTS.

    PATHS: [(kind, /api/search?... path)], taken in turn from OFFSET.

    On the standard library's http.client: the clients share the server's
    cores, and httpx spent three to four times the CPU per request (1.5-2 ms against 0.5).
    """
    latencies = []
    headers = {"Authorization": f"Bearer {token}"}
    address = urlsplit(base)
    http = HTTPConnection(address.hostname, address.port, timeout=30)
    deadline = time.monotonic() + seconds
    i = offset
    while time.monotonic() < deadline:
        kind, path = paths[i % len(paths)]
        started = time.perf_counter()
        try:
            http.request("GET", path, headers=headers)
            response = http.getresponse()
            body = response.read()
            status = response.status
            took = json.loads(body).get("took_ms", 0.0) if status == 200 else 0.0
        except (OSError, HTTPException):
            http.close()  # refused or reset: counted as a failure, the next request reconnects
            status, took = 0, 0.0
        latencies.append((kind, (time.perf_counter() - started) * 1000, status, took))
        i += 1
    http.close()
    results.extend(latencies)


def percentiles(samples: list[float]) -> str:
    cuts = statistics.quantiles(samples, n=100, method="inclusive")
    return f"p50 {cuts[49]:6.1f} ms   p95 {cuts[94]:6.1f} ms   p99 {cuts[98]:6.1f} ms   max {max(samples):6.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--workers", type=int, default=os.cpu_count(),
                        help="server processes (demat serve --workers; default: one per core)")
    parser.add_argument("--home", type=Path, help="keep the archive in this folder and reuse it on the next run "
                                                  "(built there when the folder is empty)")
    parser.add_argument("--serve", nargs=2, metavar=("HOME", "PORT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(Path(args.serve[0]), int(args.serve[1]), args.workers)
        return

    print(f"{args.docs} synthetic documents, {args.clients} clients for {args.seconds:.0f} s, "
          f"{args.workers} server process{'es' if args.workers > 1 else ''}, "
          f"{os.cpu_count()} cores shared by server and clients (and whatever else runs)", flush=True)
    with contextlib.ExitStack() as stack:
        home = args.home or Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="demat-bench-web-")))
        tokens, corpus = prepared_home(home, args.docs, args.seed)
        mixes = [[(kind, api_path(query)) for kind, query in search_bench.varied_mix(corpus, size, args.seed + i)]
                 for i, size in enumerate((50, 2000, 20_000))]  # warm-up, lone client, concurrent clients
        results, elapsed = measure(home, tokens, mixes, args.clients, args.seconds, args.workers)
    report(f"{args.clients} concurrent clients", results, elapsed)


def prepared_home(home: Path, docs: int, seed: int) -> tuple[dict[str, str], object]:
    """The archive of DOCS documents in HOME: built once, reused by later runs with the same size and seed."""
    made = home / "bench.json"
    if made.exists():
        kept = json.loads(made.read_text())
        if (kept["docs"], kept["seed"]) != (docs, seed):
            raise SystemExit(f"{home} holds {kept['docs']} documents of seed {kept['seed']}: use another folder")
        print(f"archive of {docs} documents reused from {home}", flush=True)
        return kept["tokens"], search_bench.Corpus(seed)
    started = time.perf_counter()
    home.mkdir(parents=True, exist_ok=True)
    tokens, corpus = build_home(home, docs, seed)
    made.write_text(json.dumps({"docs": docs, "seed": seed, "tokens": tokens}))
    print(f"archive built and indexed in {time.perf_counter() - started:.0f} s (not measured)", flush=True)
    return tokens, corpus


def measure(home: Path, tokens: dict[str, str], mixes: list[list], clients: int, seconds: float,
            workers: int) -> tuple[list, float]:
    """Start the server on HOME, warm it up, run the clients; (client()'s results, seconds taken).

    MIXES: the queries that warm up, those of the lone client, those of the concurrent clients.
    """
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([sys.executable, __file__, "--serve", str(home), str(port), "--workers", str(workers)])
    try:
        wait_until_up(base, server)
        warm_up, lone, concurrent = mixes
        for token in tokens.values():  # each server process loads its vocabulary and connections
            for _, path in warm_up:
                httpx.get(base + path, headers={"Authorization": f"Bearer {token}"}, timeout=60)
        alone: list = []
        client(base, next(iter(tokens.values())), lone, min(seconds, 10), 0, alone)
        report("1 client (no concurrency)", alone, min(seconds, 10))
        results: list = []
        users = list(tokens.values())
        share = len(concurrent) // clients
        threads = [threading.Thread(target=client, args=(base, users[i % 2], concurrent, seconds, i * share, results))
                   for i in range(clients)]
        started = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        return results, time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(30)


def report(title: str, results: list, elapsed: float) -> None:
    ok = [(ms, took) for _, ms, status, took in results if status == 200]
    print(f"\n/api/search with facets, {title}, keep-alive, loopback")
    print(f"  requests: {len(results)} in {elapsed:.1f} s = {len(results) / elapsed:.0f} req/s"
          f"   ({len(results) - len(ok)} not 200)")
    if len(ok) < 2:
        print("  too few successful requests for latency figures: see the server's errors above")
        return
    print(f"  latency:  {percentiles([ms for ms, _ in ok])}   (goal: p95 < 150 ms)")
    print(f"  of which inside the search backend: median {statistics.median(t for _, t in ok):.1f} ms")
    kinds: dict[str, list[float]] = {}
    for kind, ms, status, _ in results:
        if status == 200:
            kinds.setdefault(kind, []).append(ms)
    for kind, values in kinds.items():
        print(f"    {kind:8s} median {statistics.median(values):6.1f} ms   p95 "
              f"{statistics.quantiles(values, n=20, method='inclusive')[18]:6.1f} ms")

if __name__ == "__main__":
    main()
