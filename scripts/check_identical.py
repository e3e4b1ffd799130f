"""Is the coder's output unchanged?  Snapshot every field of every event, then compare.

    python scripts/check_identical.py snapshot DIR [--sets abcd] [--n-synthetic 2000]
    python scripts/check_identical.py compare DIR [--sets abcd] [--show]

The sets (read by path from ``../shared/data`` and ``tests/fixtures``, never copied):

a. the PLOVER gold development records (``plover/PLOVER_GSR_CAMEO.dev.json``), each text its
   own story with no date;
b. ``tests/fixtures/newswire_gold.jsonl``, each text its own story with its date;
c. the official texts of ``us-russia-2025/`` read with :func:`detente.ingest.read_stories`;
d. the first N synthetic stories of ``ngec-plover/gpt_synthetic_events_2023-10-19_19.csv``.

Each set is coded by the full pipeline (``Coder()``) and the fast one (``Coder(fast=True)``);
set d also with ``prefilter=True`` on both.  One JSON line per story: all fields of every
``Event`` (actors with their role and ``inferred`` flag, trigger, negation) in the coder's
order, and the story's country mentions, sentence and word counts.  ``snapshot`` writes them to
``DIR/<set>-<config>.jsonl`` (keep DIR outside git); ``compare`` codes the same stories again
and prints, per set and configuration, how many stories differ and a hash of each differing
story's id -- never a sentence, because sets a and b hold blind halves and set c is blind.
``--show`` prints the differing records of set d (synthetic text) and of the tuning halves of
sets a and b (``benchmarks/splits.py``) to debug a difference; set c is never shown.

Exit status 0 when everything compared is identical, 1 otherwise.
"""
from __future__ import annotations

import argparse
import csv
import dataclasses
import hashlib
import json
import os
import sys
from datetime import date
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")   # one thread: the same float sums every run

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data"
SYNTHETIC = "ngec-plover/gpt_synthetic_events_2023-10-19_19.csv"
CONFIGS = {"full": {}, "fast": {"fast": True}}
PREFILTER_CONFIGS = {"full-prefilter": {"prefilter": True}, "fast-prefilter": {"fast": True, "prefilter": True}}


def plover_stories(data: Path):
    from detente.schema import Story

    recs = json.loads((data / "plover" / "PLOVER_GSR_CAMEO.dev.json").read_text(encoding="utf-8"))
    return [Story(id=r["id"], text=r["text"]) for r in recs if r.get("event") != "DOCUMENT"]


def newswire_stories(_data: Path):
    from detente.schema import Story

    out = []
    with (REPO / "tests" / "fixtures" / "newswire_gold.jsonl").open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                r = json.loads(line)
                out.append(Story(id=r["id"], text=r["text"],
                                 date=date.fromisoformat(r["date"]) if r.get("date") else None))
    return out


def official_stories(data: Path):
    from detente.ingest import read_stories

    files = sorted((data / "us-russia-2025").glob("*.txt"))
    return list(read_stories(files, problems=[]))


def synthetic_stories(data: Path, n: int):
    from detente.schema import Story

    csv.field_size_limit(10**8)
    out = []
    with (data / SYNTHETIC).open(newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            text = (row.get("text") or "").strip()
            if text:
                out.append(Story(id=f"syn-{len(out):05d}", text=text))
                if len(out) >= n:
                    break
    return out


SETS = {"a": ("plover-dev", plover_stories), "b": ("newswire", newswire_stories),
        "c": ("official", official_stories), "d": ("synthetic", synthetic_stories)}


def story_record(coded) -> dict:
    return {"key": coded.story.id,
            "country_mentions": dict(sorted(coded.country_mentions.items())),
            "n_sentences": coded.n_sentences, "n_words": coded.n_words,
            "events": [dataclasses.asdict(e) for e in coded.events]}


def record_line(rec: dict) -> str:
    return json.dumps(rec, sort_keys=True, ensure_ascii=False, default=list)


def without_new_fields(lines: list[str], snapshot: list[str]) -> tuple[list[str], set[str]]:
    """``lines`` with the Event fields the snapshot's events lack removed (a field the schema
    gained later), and those fields' names."""
    known = next((set(ev) for line in snapshot for ev in json.loads(line)["events"]), None)
    if known is None:
        return lines, set()
    added: set[str] = set()
    out = []
    for line in lines:
        rec = json.loads(line)
        for ev in rec["events"]:
            for name in set(ev) - known:
                added.add(name)
                del ev[name]
        out.append(record_line(rec))
    return out, added


def key_hash(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:12]


def coders():
    """One coder per configuration, built on first use (two spaCy pipelines at most)."""
    from detente.coding import Coder

    cache: dict[str, object] = {}

    def get(config: str):
        if config not in cache:
            cache[config] = Coder(**{**CONFIGS, **PREFILTER_CONFIGS}[config])   # models are shared
        return cache[config]
    return get


def run(sets: str, n_synthetic: int, data: Path, only: tuple[str, ...] = ()):
    """Yield (set letter, set name, config, [record lines]) for every set and configuration
    (those in ``only`` when given)."""
    get = coders()
    for letter in sets:
        name, read = SETS[letter]
        stories = read(data, n_synthetic) if letter == "d" else read(data)
        configs = [c for c in list(CONFIGS) + (list(PREFILTER_CONFIGS) if letter == "d" else [])
                   if not only or c in only]
        for config in configs:
            lines = [record_line(story_record(c)) for c in get(config).code_stories(stories)]
            yield letter, name, config, lines


def show_allowed(letter: str, key: str) -> bool:
    if letter == "d":
        return True
    if letter in ("a", "b"):
        sys.path.insert(0, str(REPO / "benchmarks"))
        from splits import split_of

        return split_of(key) == "tune"
    return False


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("action", choices=["snapshot", "compare"])
    ap.add_argument("dir", type=Path)
    ap.add_argument("--sets", default="abcd")
    ap.add_argument("--n-synthetic", type=int, default=2000)
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--configs", default="", help="comma-separated: full,fast,full-prefilter,fast-prefilter")
    ap.add_argument("--show", action="store_true",
                    help="print differing records of set d and of the tuning halves of a and b")
    args = ap.parse_args(argv)
    args.dir.mkdir(parents=True, exist_ok=True)
    same = True
    only = tuple(c for c in args.configs.split(",") if c)
    for letter, name, config, lines in run(args.sets, args.n_synthetic, args.data, only):
        path = args.dir / f"{name}-{config}.jsonl"
        if args.action == "snapshot":
            path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
            n_events = sum(len(json.loads(line)["events"]) for line in lines)
            print(f"{letter} {name:11s} {config:15s} {len(lines):5d} stories {n_events:6d} events -> {path}")
            continue
        if not path.exists():
            print(f"{letter} {name:11s} {config:15s} no snapshot at {path}")
            same = False
            continue
        old = path.read_text(encoding="utf-8").splitlines()
        old_by_key = {json.loads(line)["key"]: line for line in old}
        lines, added = without_new_fields(lines, old)
        if added:
            print(f"    (fields added to Event since the snapshot, not compared: {', '.join(sorted(added))})")
        new_by_key = {json.loads(line)["key"]: line for line in lines}
        differing = sorted(k for k in old_by_key.keys() | new_by_key.keys()
                           if old_by_key.get(k) != new_by_key.get(k))
        order_same = [json.loads(x)["key"] for x in old] == [json.loads(x)["key"] for x in lines]
        n_old = sum(len(json.loads(line)["events"]) for line in old)
        n_new = sum(len(json.loads(line)["events"]) for line in lines)
        status = "identical" if not differing and order_same else f"{len(differing)} stories differ"
        print(f"{letter} {name:11s} {config:15s} {len(lines):5d} stories, events {n_old} -> {n_new}: {status}")
        if differing or not order_same:
            same = False
            print("    differing story-id hashes: " + " ".join(key_hash(k) for k in differing[:30])
                  + (" ..." if len(differing) > 30 else ""))
        if args.show:
            for k in differing:
                if show_allowed(letter, k):
                    print(f"--- {k} before\n{old_by_key.get(k)}\n+++ {k} after\n{new_by_key.get(k)}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
