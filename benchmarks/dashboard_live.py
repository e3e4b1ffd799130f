"""The dashboard under load while `detente ingest` writes to its store: p50/p99 of the main JSON
routes at N concurrent clients, first with no ingest, then with one running, and whether any
request or the ingest failed.  A real `detente serve` process on 127.0.0.1 only (the server,
clients and percentiles are those of ``dashboard_load.py``).

    python benchmarks/dashboard_live.py [--db STORE] [--events 20000] [--clients 20]
                                        [--requests 5] [--stories 3000] [--max-seconds 600]
                                        [--json out.json]

The ingest is ``detente ingest --fast`` of ``--stories`` generated news stories (a JSON Lines
file: wire-style sentences about the United States, Russia and others, dated 2025) in batches
of ``--batch-size``; the routes' pass starts once it has written its first batch.  Each write
changes the store, so the server's answer cache is cold again after every batch: the "with
ingest" figures include that recomputation as well as the waits for the writer's turns.
Bounded: past ``--max-seconds`` unfinished requests are reported as such and the ingest is
stopped (and reported as stopped).  First, unless ``--no-alone``, the same ingest runs into a
copy of the store with no server about: its time is the ingest's own, against which the cost
of taking turns with the dashboard shows.
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Optional

sys.path.insert(0, str(Path(__file__).resolve().parent))
from dashboard_load import HOST, REQUEST_TIMEOUT, free_port, get, load, start_server, synthetic_store  # noqa: E402

ROUTES = [
    ("series month", "/api/dyad/USA/RUS/series?freq=month"),
    ("series week", "/api/dyad/USA/RUS/series?freq=week"),
    ("stage", "/api/dyad/USA/RUS/stage"),
    ("agenda", "/api/dyad/USA/RUS/agenda"),
    ("stances", "/api/dyad/USA/RUS/stances"),
    ("events page", "/api/events?dyad=USA-RUS&limit=100"),
]

# sentences of the kind the coder codes (actors, a verb of the lexicon, a place, a day)
TEMPLATES = [
    "{a_off} met {b_off} in {city} on {day} to discuss {topic}.",
    "{a} accused {b} of violating the agreement on {topic}, {a_off} said on {day}.",
    "{a} and {b} agreed on {day} to resume talks on {topic} in {city}.",
    "{a} imposed new sanctions on {b} on {day}, targeting its energy exports.",
    "{b_off} rejected the proposal on {topic} made by {a} on {day}.",
    "{a_off} urged {b} to release the detained journalists, speaking in {city} on {day}.",
    "Officials from {a} and {b} held a second round of talks on {topic} in {city}.",
    "{a} expelled two diplomats of {b} on {day}, the foreign ministry said.",
]
SIDES = {
    "USA": ("the United States", "U.S. Secretary of State Marco Rubio"),
    "RUS": ("Russia", "Russian Foreign Minister Sergey Lavrov"),
    "UKR": ("Ukraine", "Ukrainian Foreign Minister Andrii Sybiha"),
    "CHN": ("China", "Chinese Foreign Minister Wang Yi"),
    "TUR": ("Turkey", "Turkish Foreign Minister Hakan Fidan"),
}
CITIES = ["Riyadh", "Istanbul", "Geneva", "Abu Dhabi", "Vienna"]
TOPICS = ["embassy operations", "a prisoner exchange", "a ceasefire", "Black Sea shipping", "arms control"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def story_file(path: Path, n: int, seed: int = 5) -> Path:
    """``n`` generated stories of three to six sentences, one JSON object a line."""
    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            day = date(2025, 1, 1) + timedelta(days=rng.randrange(365))
            sentences = []
            for _ in range(rng.randint(3, 6)):
                a, b = rng.sample(["USA", "RUS"] if rng.random() < 0.7 else list(SIDES), 2)
                sentences.append(rng.choice(TEMPLATES).format(
                    a=SIDES[a][0], b=SIDES[b][0], a_off=SIDES[a][1], b_off=SIDES[b][1], city=rng.choice(CITIES),
                    topic=rng.choice(TOPICS), day=rng.choice(WEEKDAYS)))
            text = " ".join(s[0].upper() + s[1:] for s in sentences)
            fh.write(json.dumps({"id": f"live-{seed}-{i:06d}", "date": day.isoformat(), "text": text}) + "\n")
    return path


def start_ingest(db: Path, stories: Path, batch_size: int, log: Path) -> subprocess.Popen:
    cmd = [sys.executable, "-c", "from detente.cli import main; main()", "ingest", str(stories), "--db", str(db),
           "--fast", "--batch-size", str(batch_size), "--no-progress"]
    return subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=open(log, "w"))


def stories_stored(port: int) -> int:
    """How many events the dashboard sees (its own read of the store)."""
    conn = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT)
    try:
        conn.request("GET", "/api/events?limit=1")
        resp = conn.getresponse()
        body = resp.read()
        return json.loads(body)["total"] if resp.status == 200 else -1
    finally:
        conn.close()


def route_pass(port: int, clients: int, requests: int, stop_at: float) -> dict:
    out = {}
    for name, url in ROUTES:
        if time.monotonic() > stop_at:
            out[name] = {"skipped": "past --max-seconds"}
            continue
        res = load(port, lambda i, url=url: url, clients, requests, stop_at)
        out[name] = res
        print(f"  {name:14s} p50 {res['p50_ms']:>8} ms · p99 {res['p99_ms']:>8} ms · max {res['max_ms']:>8} ms · "
              f"{res['req_per_s']:>6} req/s · statuses {res['statuses']}"
              + (f" · {res['unfinished']} unfinished" if res["unfinished"] else ""), flush=True)
    return out


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", type=Path, help="event store to serve and ingest into (default: a synthetic copy)")
    ap.add_argument("--events", type=int, default=20_000, help="events in the synthetic store")
    ap.add_argument("--clients", type=int, default=20, help="concurrent clients")
    ap.add_argument("--requests", type=int, default=5, help="requests per client and route")
    ap.add_argument("--stories", type=int, default=3_000, help="stories the ingest codes")
    ap.add_argument("--batch-size", type=int, default=32, help="the ingest's stories per batch (per write)")
    ap.add_argument("--max-seconds", type=float, default=600, help="stop the whole run after this")
    ap.add_argument("--no-alone", action="store_true", help="skip the ingest with no server about")
    ap.add_argument("--json", type=Path, help="write the results here too")
    args = ap.parse_args(argv)

    results: dict = {"clients": args.clients, "requests_per_client": args.requests, "cpus": os.cpu_count(),
                     "load_average_start": os.getloadavg()[0], "stories": args.stories,
                     "batch_size": args.batch_size}
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        db = args.db or synthetic_store(tmp_path / "live.duckdb", args.events)
        results["store"] = str(db) if args.db else f"synthetic, {args.events:,} events"
        stories = story_file(tmp_path / "stories.jsonl", args.stories)
        if not args.no_alone:
            alone_db = tmp_path / "alone.duckdb"
            shutil.copy(db, alone_db)
            t0 = time.monotonic()
            rc = start_ingest(alone_db, stories, args.batch_size, tmp_path / "alone.log").wait()
            results["ingest_alone"] = {"exit_code": rc, "seconds": round(time.monotonic() - t0, 1)}
            print(f"ingest alone: exit {rc} after {results['ingest_alone']['seconds']} s", flush=True)
        port = free_port()
        server = start_server(db, port)
        stop_at = time.monotonic() + args.max_seconds
        ingest = None
        try:
            print("without ingest", flush=True)
            results["without_ingest"] = route_pass(port, args.clients, args.requests, stop_at)
            before = stories_stored(port)
            log = tmp_path / "ingest.log"
            t0 = time.monotonic()
            ingest = start_ingest(db, stories, args.batch_size, log)
            while ingest.poll() is None and stories_stored(port) == before and time.monotonic() < stop_at:
                time.sleep(0.5)                      # the coder loads, then its first batch lands
            print(f"with ingest (first batch after {time.monotonic() - t0:.1f} s)", flush=True)
            results["with_ingest"] = route_pass(port, args.clients, args.requests, stop_at)
            during = ingest.poll() is None
            results["ingest_running_at_end_of_pass"] = during
            try:
                ingest.wait(timeout=max(1.0, stop_at - time.monotonic()))
            except subprocess.TimeoutExpired:
                ingest.terminate()
                ingest.wait(30)
                results["ingest_stopped_at_max_seconds"] = True
            seconds = time.monotonic() - t0
            tail = log.read_text(errors="replace").strip().splitlines()[-6:]
            results["ingest"] = {"exit_code": ingest.returncode, "seconds": round(seconds, 1),
                                 "events_before": before, "events_after": stories_stored(port),
                                 "traceback": any("Traceback" in line for line in tail), "stderr_tail": tail}
            print(f"ingest: exit {ingest.returncode} after {seconds:.1f} s; events {before} -> "
                  f"{results['ingest']['events_after']}; running through the whole pass: {during}", flush=True)
            print("\n".join("  " + line for line in tail), flush=True)
        finally:
            if ingest is not None and ingest.poll() is None:
                ingest.kill()
            server.terminate()
            server.wait(timeout=30)
    five = [r["statuses"] for phase in ("without_ingest", "with_ingest") for r in results.get(phase, {}).values()
            if "statuses" in r]
    results["server_errors"] = sum(n for s in five for code, n in s.items() if int(code) >= 500 or int(code) == 0)
    results["load_average_end"] = os.getloadavg()[0]
    print(f"5xx or failed requests: {results['server_errors']}; load average {results['load_average_start']:.1f} "
          f"-> {results['load_average_end']:.1f} ({os.cpu_count()} CPUs)")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
