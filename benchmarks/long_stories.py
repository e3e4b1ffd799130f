"""Coding one long story: time and peak memory against bare spaCy on the same text, same run.

    python benchmarks/long_stories.py [--sizes 10000,100000,1000000] [--rounds 1] [--fast]
                                      [--text synthetic|repeated] [--data ../shared/data]

For each size a story of that many characters is made -- by default the synthetic news stories
of ``ngec-plover/gpt_synthetic_events_2023-10-19_19.csv`` one after another, a blank line
between them (``--text repeated``: the two-sentence paragraph of issue 15 repeated, the
fallback when the CSV is absent) -- and coded once by ``Coder()`` (``code_story``), and parsed
by the same spaCy pipeline alone twice: whole (``nlp(text)``, its ``max_length`` raised to the
text's length) and in the pieces the coder parses (``nlp(piece)`` for each of
:func:`detente.nlp.pieces.pieces`: the same text, each piece at most 100,000 characters); each
run in a fresh process so that its peak RSS is its own; the model load and a warm-up (gazetteer,
caches) are not timed.  Prints per size: seconds and peak RSS of the three, the ratio coder /
spaCy in pieces (target <= 1.5 at every size), and the coder's seconds per 100,000 characters
(linear: the same at every size).  ``OPENBLAS_NUM_THREADS=1``: one core per process.
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
CSV_NAME = "ngec-plover/gpt_synthetic_events_2023-10-19_19.csv"
WHAT = ("spacy", "spacy-pieces", "coder")
REPEATED = "Lavrov met Rubio in Riyadh on Tuesday. China urged both sides to show restraint. "


def default_data() -> Path:
    return Path(__file__).resolve().parents[2] / "shared" / "data"


def make_text(kind: str, size: int, data: Path) -> str:
    """A story of ``size`` characters."""
    path = data / CSV_NAME
    if kind == "synthetic" and path.exists():
        csv.field_size_limit(10**8)
        parts, total = [], 0
        while total < size:
            with path.open(newline="", encoding="utf-8") as f:
                for row in csv.DictReader(f):
                    text = (row.get("text") or "").strip()
                    if text:
                        parts.append(text)
                        total += len(text) + 2
                        if total >= size:
                            break
        return "\n\n".join(parts)[:size]
    return (REPEATED * (size // len(REPEATED) + 1))[:size]


def peak_rss_mb() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return r / 1024 if sys.platform != "darwin" else r / 1024 / 1024


def measure(what: str, size: int, kind: str, data: Path, fast: bool) -> dict:
    """In this process: load, warm up, then time one ``what`` ("coder" | "spacy") run."""
    from datetime import date

    from detente.actors.kb import default_kb
    from detente.nlp.dates import resolve_date
    from detente.nlp.pieces import pieces
    from detente.nlp.pipeline import load_model
    from detente.schema import Story

    text = make_text(kind, size, data)
    nlp = load_model(fast=fast, names=default_kb().known_names() if fast else None)
    if what == "coder":
        from detente.coding import Coder

        coder = Coder(nlp, fast=fast)
        coder.code_text(REPEATED)                             # warm-up: gazetteer, lexicon caches
        resolve_date("the twenty-first of March 2024", date(2025, 1, 1))   # ... and dateparser
    else:
        nlp(REPEATED)
        nlp.max_length = max(nlp.max_length, len(text) + 1)
    t0 = time.perf_counter()
    if what == "coder":
        coded = coder.code_story(Story(id="long", text=text))
        found = {"events": len(coded.events), "sentences": coded.n_sentences}
    elif what == "spacy-pieces":
        found = {"tokens": sum(len(nlp(piece)) for piece, _ in pieces(text))}
    else:
        found = {"tokens": len(nlp(text))}
    seconds = time.perf_counter() - t0
    return {"what": what, "size": size, "seconds": seconds, "peak_rss_mb": peak_rss_mb(), **found}


def child(what: str, size: int, args) -> dict:
    cmd = [sys.executable, __file__, "--one", what, "--sizes", str(size), "--text", args.text,
           "--data", str(args.data)] + (["--fast"] if args.fast else [])
    out = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="10000,100000,1000000")
    ap.add_argument("--rounds", type=int, default=1)
    ap.add_argument("--text", choices=["synthetic", "repeated"], default="synthetic")
    ap.add_argument("--data", type=Path, default=default_data())
    ap.add_argument("--fast", action="store_true", help="the fast pipeline (no statistical NER)")
    ap.add_argument("--one", choices=WHAT, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    if args.one:
        print(json.dumps(measure(args.one, sizes[0], args.text, args.data, args.fast)))
        return 0
    print(f"one story per size ({args.text} text{', fast pipeline' if args.fast else ''}), "
          f"best of {args.rounds} round(s), each run in its own process")
    print(f"{'characters':>11} {'spaCy whole s':>14} {'spaCy pieces s':>15} {'coder s':>8} {'ratio':>6} "
          f"{'coder s/100k':>13} {'whole MB':>9} {'pieces MB':>10} {'coder MB':>9} {'events':>7}")
    for size in sizes:
        best: dict[str, dict] = {}
        for r in range(args.rounds):
            for what in (WHAT if r % 2 == 0 else WHAT[::-1]):   # alternate: noise hits all
                got = child(what, size, args)
                if what not in best or got["seconds"] < best[what]["seconds"]:
                    best[what] = got
        w, s, c = best["spacy"], best["spacy-pieces"], best["coder"]
        print(f"{size:>11,} {w['seconds']:>14.2f} {s['seconds']:>15.2f} {c['seconds']:>8.2f} "
              f"{c['seconds'] / s['seconds']:>6.2f} {c['seconds'] / size * 100_000:>13.2f} "
              f"{w['peak_rss_mb']:>9.0f} {s['peak_rss_mb']:>10.0f} {c['peak_rss_mb']:>9.0f} {c['events']:>7}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
