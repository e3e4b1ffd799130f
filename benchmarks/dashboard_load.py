"""Load on the dashboard's JSON API: latency (p50, p99) and throughput per route under N
concurrent clients, against a real `detente serve` process bound to 127.0.0.1 only.

    python benchmarks/dashboard_load.py [--db STORE] [--events 20000] [--clients 20]
                                        [--requests 10] [--max-seconds 300] [--json out.json]

Without ``--db`` a synthetic store is written to a temporary folder: ``--events`` events over
2025 between USA, RUS and three other countries, with stories and sentences (no coder needed).
The server is the one ``detente serve`` runs (:func:`detente.web.serve`), in its own process,
on a free port of 127.0.0.1; the clients are threads of this process, each with one keep-alive
HTTP connection (standard library only).

For each route: one *cold* request first (the answer is computed), then ``--clients`` clients
each send ``--requests`` requests at once (the dashboard's repeated queries: the server's cache
answers them).  The route ``series (distinct ranges)`` asks every request for a different date
range, so nothing is cached: the analytics' own cost under concurrency (two requests per client
there, whatever ``--requests`` says: each one is a full computation).  Bounded: the whole run
stops after ``--max-seconds`` (what is unfinished is reported as such), and every request has a
60 s timeout.
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Callable, Optional

HOST = "127.0.0.1"          # never another address: the benchmark must not expose the server
REQUEST_TIMEOUT = 60.0
DISTINCT_REQUESTS = 2       # per client for the uncached route

PAIR = ("USA", "RUS")
ROUTES: list[tuple[str, Callable[[int], str]]] = [
    ("series month", lambda i: "/api/dyad/USA/RUS/series?freq=month"),
    ("series week", lambda i: "/api/dyad/USA/RUS/series?freq=week"),
    ("stage", lambda i: "/api/dyad/USA/RUS/stage"),
    ("agenda", lambda i: "/api/dyad/USA/RUS/agenda"),
    ("stances", lambda i: "/api/dyad/USA/RUS/stances"),
    ("third_parties", lambda i: "/api/dyad/USA/RUS/third_parties"),
    ("outlook week", lambda i: "/api/dyad/USA/RUS/outlook?freq=week"),
    ("events page", lambda i: "/api/events?dyad=USA-RUS&limit=100&offset=%d" % (100 * (i % 5))),
    ("series (distinct ranges)",
     lambda i: "/api/dyad/USA/RUS/series?freq=week&start=%s" % (date(2025, 1, 1) + timedelta(days=i))),
]


def synthetic_store(path: Path, n_events: int, seed: int = 11) -> Path:
    """A store of ``n_events`` events over 2025 (USA and RUS, and three others), ten per story."""
    from detente.analysis import make_events
    from detente.store import EventStore

    rng = random.Random(seed)
    codes = ["040", "036", "057", "061", "071", "112", "111", "130", "163", "172", "190", "042", "046"]
    others = ["UKR", "CHN", "TUR"]
    recs = []
    for i in range(n_events):
        day = date(2025, 1, 1) + timedelta(days=rng.randrange(365))
        if rng.random() < 0.7:
            src, tgt = PAIR if rng.random() < 0.5 else PAIR[::-1]
        else:
            src, tgt = rng.choice(PAIR), rng.choice(others)
        recs.append({"date": day.isoformat(), "cameo": rng.choice(codes), "source_country": src,
                     "target_country": tgt, "story_id": f"s{i // 10:06d}", "sentence_id": i % 10,
                     "sentence": f"{src} and {tgt}: synthetic sentence {i}."})
    with EventStore(path) as store:
        store.add_events(make_events(recs), origin="detente")
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def start_server(db: Path, port: int) -> subprocess.Popen:
    script = ("from detente.web import create_app, serve\n"
              f"serve(create_app({str(db)!r}), host={HOST!r}, port={port})\n")
    proc = subprocess.Popen([sys.executable, "-c", script])
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"the server exited with {proc.returncode}")
        try:
            status, _, _ = get(http.client.HTTPConnection(HOST, port, timeout=2), "/api/health")
            if status == 200:
                return proc
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("the server did not start in 120 s")


def get(conn: http.client.HTTPConnection, url: str) -> tuple[int, int, float]:
    """(status, bytes, seconds) of one GET on a kept-alive connection."""
    t0 = time.perf_counter()
    conn.request("GET", url)
    resp = conn.getresponse()
    body = resp.read()
    return resp.status, len(body), time.perf_counter() - t0


def percentile(values: list[float], q: float) -> Optional[float]:
    if not values:
        return None
    values = sorted(values)
    return values[min(len(values) - 1, max(0, round(q * (len(values) - 1))))]


def load(port: int, make_url: Callable[[int], str], clients: int, requests: int, stop_at: float) -> dict:
    """``clients`` threads, ``requests`` GETs each, all at once; latencies and statuses."""
    times: list[float] = []
    statuses: dict[int, int] = {}
    sizes: list[int] = []
    unfinished = [0]
    lock = threading.Lock()
    start = threading.Barrier(clients)

    def client(k: int) -> None:
        conn = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT)
        start.wait()
        for j in range(requests):
            if time.monotonic() > stop_at:
                with lock:
                    unfinished[0] += requests - j
                return
            try:
                status, size, took = get(conn, make_url(k * requests + j))
            except OSError:
                status, size, took = 0, 0, REQUEST_TIMEOUT
                conn.close()
                conn = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT)
            with lock:
                times.append(took)
                sizes.append(size)
                statuses[status] = statuses.get(status, 0) + 1
        conn.close()

    threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    return {"requests": len(times), "unfinished": unfinished[0], "statuses": statuses,
            "p50_ms": _ms(percentile(times, 0.50)), "p99_ms": _ms(percentile(times, 0.99)),
            "max_ms": _ms(max(times) if times else None), "req_per_s": round(len(times) / wall, 1) if wall else None,
            "mean_bytes": round(statistics.mean(sizes)) if sizes else None}


def _ms(seconds: Optional[float]) -> Optional[float]:
    return None if seconds is None else round(1000 * seconds, 1)


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", type=Path, help="event store to serve (default: a synthetic one)")
    ap.add_argument("--events", type=int, default=20_000, help="events in the synthetic store")
    ap.add_argument("--clients", type=int, default=20, help="concurrent clients")
    ap.add_argument("--requests", type=int, default=10, help="requests per client and route")
    ap.add_argument("--max-seconds", type=float, default=300, help="stop the whole run after this")
    ap.add_argument("--json", type=Path, help="write the results here too")
    args = ap.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        db = args.db
        if db is None:
            t0 = time.perf_counter()
            db = synthetic_store(Path(tmp) / "load.duckdb", args.events)
            print(f"synthetic store: {args.events:,} events in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
        port = free_port()
        server = start_server(db, port)
        stop_at = time.monotonic() + args.max_seconds
        results = {"clients": args.clients, "requests_per_client": args.requests, "cpus": os.cpu_count(),
                   "store": str(db) if args.db else f"synthetic, {args.events:,} events", "routes": {}}
        try:
            for name, make_url in ROUTES:
                if time.monotonic() > stop_at:
                    results["routes"][name] = {"skipped": "past --max-seconds"}
                    continue
                cold_conn = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT)
                status, _, cold = get(cold_conn, make_url(-1))
                cold_conn.close()
                per_client = DISTINCT_REQUESTS if "distinct" in name else args.requests
                res = load(port, make_url, args.clients, per_client, stop_at)
                res.update(cold_ms=_ms(cold), cold_status=status)
                results["routes"][name] = res
                print(f"{name:26s} cold {res['cold_ms']:>8} ms · p50 {res['p50_ms']:>8} ms · p99 {res['p99_ms']:>8} ms · "
                      f"{res['req_per_s']:>7} req/s · statuses {res['statuses']}"
                      + (f" · {res['unfinished']} unfinished" if res["unfinished"] else ""), flush=True)
        finally:
            server.terminate()
            server.wait(timeout=30)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
