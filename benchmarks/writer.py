"""The store's writer alone: does ``EventStore.add_coded`` slow down as the store grows?

    python benchmarks/writer.py [--stories 60000] [--batch-size 256] [--every 40]

Generates stories of 150 random words and 4 "SRC TGT CAMEO" lines, codes them with the tests'
fake coder (no spaCy: only the writer is timed), computes each story's MinHash signature
beforehand as ingest workers do, and writes them in batches into a fresh DuckDB file.  Prints
ms a story for a batch every ``--every`` batches and the mean of the first and last ``--every``
batches.  A flat figure means the writer does not slow down with the store's size.
"""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from helpers.fake_coder import code_story  # noqa: E402 -- the tests' spaCy-free coder

from detente.schema import Story  # noqa: E402
from detente.store import EventStore  # noqa: E402
from detente.store.dedup import signature, story_signature_text  # noqa: E402

COUNTRIES = ["USA", "RUS", "CHN", "UKR", "FRA", "DEU", "IRN", "ISR", "TUR", "IND"]
CODES = ["042", "112", "163", "190"]


def batch(rng: random.Random, start: int, n: int, vocab: list[str]):
    coded, sigs = [], {}
    for i in range(start, start + n):
        lines = [" ".join(rng.choices(vocab, k=150))]
        lines += [f"{rng.choice(COUNTRIES)} {rng.choice(COUNTRIES)} {rng.choice(CODES)}" for _ in range(4)]
        s = Story(id=f"s{i}", text="\n".join(lines), date=date(2025, 1, 1) + timedelta(days=i % 365),
                  source=f"outlet{i % 50}")
        coded.append(code_story(s))
        sigs[s.id] = signature(story_signature_text(s.title, s.text)).tobytes()
    return coded, sigs


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--stories", type=int, default=60_000)
    ap.add_argument("--batch-size", type=int, default=256)
    ap.add_argument("--every", type=int, default=40)
    args = ap.parse_args()
    rng = random.Random(1)
    vocab = [f"w{i}" for i in range(5000)]
    times: list[float] = []
    with tempfile.TemporaryDirectory() as tmp, EventStore(Path(tmp) / "writer.duckdb") as store:
        for b, start in enumerate(range(0, args.stories, args.batch_size)):
            n = min(args.batch_size, args.stories - start)
            coded, sigs = batch(rng, start, n, vocab)
            t = time.perf_counter()
            store.add_coded(coded, signatures=sigs)
            times.append((time.perf_counter() - t) / n)
            if b % args.every == 0:
                print(f"{start + n:>8,} stories stored: this batch {1000 * times[-1]:.2f} ms a story", flush=True)
        k = min(args.every, len(times))
        print(f"add_coded, mean of the first {k} batches {1000 * sum(times[:k]) / k:.2f} ms a story, "
              f"of the last {k} {1000 * sum(times[-k:]) / k:.2f} ms a story "
              f"({store.stats()['events']:,} events stored)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
