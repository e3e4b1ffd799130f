"""Benchmark the event store at 10 million events.

    python benchmarks/store.py [--events 10000000] [--keep DIR]

Generates synthetic events with numpy/pyarrow (Zipf-like country activity, dyads drawn from
a realistic skew, CAMEO codes weighted toward verbal cooperation like GDELT, dates over 10
years), loads them into a file DB in a temp dir, and times:
  (a) dyad-month aggregation (counts by quad class + mean Goldstein) for all dyads, and for one dyad
  (b) a filtered export: one dyad, one year -> Parquet
Prints seconds and peak RSS.  Target: each query under 1 s on a 2-core machine.
"""
from __future__ import annotations

import argparse
import csv
import resource
import sys
import tempfile
import time
from datetime import date
from importlib import resources
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from detente.schema import EVENT_ARROW_SCHEMA
from detente.store import EventStore

COUNTRIES = ["USA", "RUS", "CHN", "UKR", "ISR", "IRN", "GBR", "FRA", "DEU", "IND", "PAK", "TUR", "SYR", "PSE",
             "JPN", "KOR", "PRK", "SAU", "EGY", "IRQ", "AFG", "BRA", "MEX", "CAN", "AUS", "NGA", "ZAF", "ETH",
             "SDN", "VEN", "POL", "ITA", "ESP", "TWN", "PHL", "VNM", "IDN", "KEN", "LBY", "YEM", "GEO", "ARM",
             "AZE", "BLR", "SRB", "XKX", "MMR", "THA", "COL", "ARG"]


def peak_rss_mb() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return r / 1024 if sys.platform != "darwin" else r / 1024 / 1024


def cameo_codes() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    text = resources.files("detente").joinpath("data/ontology/cameo.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(text.splitlines()))
    codes = np.array([r["code"] for r in rows])
    gold = np.array([float(r["goldstein"]) for r in rows])
    quad = np.array([int(r["quad_class"]) for r in rows], dtype=np.int8)
    etype = np.array([r["plover_type"] or None for r in rows], dtype=object)
    # GDELT-like mix: ~45% verbal coop, 10% material coop, 25% verbal conflict, 20% material conflict;
    # 3-digit base codes far more common than 4-digit leaves
    share = {1: 0.45, 2: 0.10, 3: 0.25, 4: 0.20}
    w = np.array([share[q] * (3.0 if len(c) == 3 else 1.0) for c, q in zip(codes, quad)])
    for q in share:
        m = quad == q
        w[m] = w[m] / w[m].sum() * share[q]
    return codes, gold, quad, etype, w / w.sum()


def synth(n: int, seed: int = 7) -> pa.Table:
    rng = np.random.default_rng(seed)
    k = len(COUNTRIES)
    activity = 1.0 / np.arange(1, k + 1) ** 1.1              # Zipf-like: USA, RUS, CHN dominate
    activity /= activity.sum()
    src = rng.choice(k, size=n, p=activity)
    tgt = rng.choice(k, size=n, p=activity)
    same = src == tgt
    tgt[same] = (tgt[same] + 1 + rng.integers(0, k - 1, same.sum())) % k
    codes, gold, quad, etype, w = cameo_codes()
    ci = rng.choice(len(codes), size=n, p=w)
    start = np.datetime64("2015-01-01")
    days = (np.datetime64("2025-01-01") - start).astype(int)
    # news volume grows over time
    d = (np.sqrt(rng.random(n)) * days).astype("int64")
    ev_date = (start + d.astype("timedelta64[D]"))
    countries = pa.array(COUNTRIES)
    ids = pc.binary_join_element_wise("b", pc.cast(pa.array(np.arange(n)), pa.string()), "")
    date_arr = pa.array(ev_date, pa.date32())
    src_c = countries.take(pa.array(src))
    tgt_c = countries.take(pa.array(tgt))
    code_arr = pa.array(codes).take(pa.array(ci))
    story = pc.binary_join_element_wise("st", pc.cast(pa.array(np.arange(n) // 4), pa.string()), "")
    nulls_s = pa.nulls(n, pa.string())
    cols = {
        "event_id": ids, "story_id": story, "sentence_id": pa.array(rng.integers(0, 30, n, dtype=np.int32)),
        "sentence": nulls_s, "span_start": pa.nulls(n, pa.int32()), "span_end": pa.nulls(n, pa.int32()),
        "date": pc.cast(date_arr, pa.string()), "date_precision": pa.array(["day"]).take(pa.array(np.zeros(n, np.int32))),
        "event_date": date_arr,
        "source_text": src_c, "source_name": src_c, "source_country": src_c,
        "source_sector": pa.array(["GOV", "MIL", None, "BUS"]).take(pa.array(rng.integers(0, 4, n))),
        "source_code": src_c,
        "target_text": tgt_c, "target_name": tgt_c, "target_country": tgt_c, "target_sector": nulls_s,
        "target_code": tgt_c,
        "event_type": pa.array(list(etype), pa.string()).take(pa.array(ci)), "mode": nulls_s, "context": nulls_s,
        "cameo": code_arr, "goldstein": pa.array(gold[ci]), "quad_class": pa.array(quad[ci]),
        "location_name": nulls_s, "location_country": src_c, "rule": pa.array(["synthetic"]).take(pa.array(np.zeros(n, np.int32))),
        "confidence": pa.array(rng.random(n)), "origin": pa.array(["bench"]).take(pa.array(np.zeros(n, np.int32))),
        "issues": pa.ListArray.from_arrays(pa.array(np.zeros(n + 1, np.int32)), pa.array([], pa.string())),
    }
    return pa.table(cols, schema=EVENT_ARROW_SCHEMA)


def timed(label: str, fn, repeat: int = 3):
    best, out = float("inf"), None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t)
    print(f"{label:<58} {best:7.3f} s   (best of {repeat})   peak RSS {peak_rss_mb():7.0f} MB")
    return out, best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=10_000_000)
    ap.add_argument("--keep", type=Path, default=None, help="put the DB here instead of a temp dir")
    args = ap.parse_args()
    n = args.events
    tmp = tempfile.TemporaryDirectory() if args.keep is None else None
    root = Path(tmp.name) if tmp else args.keep
    root.mkdir(parents=True, exist_ok=True)
    db = root / "bench.duckdb"

    t = time.perf_counter()
    table = synth(n)
    print(f"generate {n:,} events{'':<33} {time.perf_counter() - t:7.3f} s   peak RSS {peak_rss_mb():7.0f} MB")
    t = time.perf_counter()
    with EventStore(db) as store:
        chunk = 2_000_000
        for off in range(0, n, chunk):
            store.add_events(table.slice(off, chunk), origin="bench")
        store.con.execute("CHECKPOINT")
    del table
    print(f"load into {db.name} ({db.stat().st_size / 1e6:.0f} MB){'':<25} {time.perf_counter() - t:7.3f} s   "
          f"peak RSS {peak_rss_mb():7.0f} MB")

    with EventStore(db, read_only=True) as store:
        res, _ = timed("(a) dyad-month aggregation, all dyads",
                       lambda: store.dyad_months().to_arrow_table())
        print(f"    -> {res.num_rows:,} dyad-months")
        res, _ = timed("(a) dyad-month aggregation, USA->RUS",
                       lambda: store.dyad_months(dyad=("USA", "RUS")).to_arrow_table())
        print(f"    -> {res.num_rows:,} months, {sum(res.column('n').to_pylist()):,} events")
        out = root / "usa_rus_2024.parquet"
        res, _ = timed("(b) export USA->RUS 2024 -> Parquet",
                       lambda: store.export(out, format="parquet", dyad=("USA", "RUS"),
                                            start=date(2024, 1, 1), end=date(2024, 12, 31)))
        print(f"    -> {res:,} events, {out.stat().st_size / 1e6:.1f} MB")
        res, _ = timed("(c) unique_events (dedup view), USA->RUS",
                       lambda: store.unique_events(dyad=("USA", "RUS")).to_arrow_table())
        print(f"    -> {res.num_rows:,} real-world events")
        res, _ = timed("(c) unique_events count, all dyads", lambda: store.con.sql(
            "SELECT count(*), sum(num_mentions) FROM unique_events").fetchall(), repeat=1)
        print(f"    -> {res[0][0]:,} real-world events from {res[0][1]:,} rows")
    if tmp:
        tmp.cleanup()


if __name__ == "__main__":
    main()
