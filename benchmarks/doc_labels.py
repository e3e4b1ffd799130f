"""Story-level recall on the NGEC synthetic stories: does the coder find the event each story
was written about?

    python benchmarks/doc_labels.py [--data DIR] [--limit N] [--tune-misses N]

``../shared/data/ngec-plover/gpt_synthetic_events_2023-10-19_19.csv`` (MIT) holds 4,500
LLM-written news stories, each written from a headline about one PLOVER event type (its
``label``).  No sentence is hand-coded, so this measures one thing only, at scale: the share of
stories in which the coder codes at least one event of the story's own type anywhere in it
(story recall), per type and over types (macro).  It says nothing about precision -- a story
holds other events, rightly coded -- nor about actors; ``evaluate.py``'s hand-coded sets do.

The rows the hand-coded synthetic set (``tests/fixtures/gold/synthetic_news.jsonl``) draws on
are left out.  Every other story is split once, by a stable hash of its row (``splits.py``), into
a tuning half and a blind half; ``--tune-misses`` lists tuning stories whose type was not found
(headline, opening and what was coded), for rule writers.  Blind stories are reported as
aggregates only.
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from gold import REPO, default_data  # noqa: E402
from splits import BLIND, TUNE, split_of  # noqa: E402

CSV_NAME = "ngec-plover/gpt_synthetic_events_2023-10-19_19.csv"
HAND_CODED = REPO / "tests" / "fixtures" / "gold" / "synthetic_news.jsonl"


def story_id(row: int) -> str:
    return f"ngec-doc-{row}"


def load_rows(data: Path) -> list[dict] | None:
    table = data / CSV_NAME
    if not table.exists():
        print(f"skipped: {table} not found (the NGEC synthetic stories; see ../shared/data/SOURCES.md)")
        return None
    csv.field_size_limit(sys.maxsize)
    with open(table, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    taken = set()
    if HAND_CODED.exists():
        lines = HAND_CODED.read_text(encoding="utf-8").splitlines()
        taken = {json.loads(line)["row"] for line in lines if line.strip()}
    return [{"row": i, "label": r["label"], "title": r["title"], "text": r["text"], "half": split_of(story_id(i))}
            for i, r in enumerate(rows) if i not in taken and r["text"].strip() and r["label"]]


def code(rows: list[dict]) -> dict[int, list[str]]:
    """Each story's coded PLOVER types, in order."""
    from detente import Coder
    from detente.schema import Story

    coder = Coder()
    stories = [Story(id=story_id(r["row"]), text=r["text"]) for r in rows]
    out: dict[int, list[str]] = {}
    for r, coded in zip(rows, coder.code_stories(stories)):
        out[r["row"]] = [e.event_type for e in coded.events if e.event_type]
    return out


def report(rows: list[dict], coded: dict[int, list[str]]) -> dict:
    halves = {}
    for half in (TUNE, BLIND):
        part = [r for r in rows if r["half"] == half]
        by_label: dict[str, list[bool]] = defaultdict(list)
        for r in part:
            by_label[r["label"]].append(r["label"] in coded[r["row"]])
        n = len(part)
        found = sum(sum(v) for v in by_label.values())
        halves[half] = {
            "stories": n,
            "story_recall": found / n if n else float("nan"),
            "macro_recall": (sum(sum(v) / len(v) for v in by_label.values()) / len(by_label)
                             if by_label else float("nan")),
            "nothing_coded": sum(1 for r in part if not coded[r["row"]]) / n if n else float("nan"),
            "events_per_story": sum(len(coded[r["row"]]) for r in part) / n if n else float("nan"),
            "per_label": {k: (sum(v) / len(v), len(v)) for k, v in sorted(by_label.items())},
        }
    return halves


def print_report(halves: dict) -> None:
    print(f"{'':38}{'tune':>9}{'blind':>9}")
    for key, label in (("stories", "stories"), ("story_recall", "story recall (own type coded)"),
                       ("macro_recall", "macro recall over types"), ("nothing_coded", "stories with nothing coded"),
                       ("events_per_story", "events per story")):
        t, b = halves[TUNE][key], halves[BLIND][key]
        fmt = (lambda v: f"{v:>9d}") if key == "stories" else (lambda v: f"{v:>9.3f}")
        print(f"   {label:35}{fmt(t)}{fmt(b)}")
    print("   per type (tune / blind recall, stories):")
    labels = sorted(set(halves[TUNE]["per_label"]) | set(halves[BLIND]["per_label"]))
    for k in labels:
        t = halves[TUNE]["per_label"].get(k, (float("nan"), 0))
        b = halves[BLIND]["per_label"].get(k, (float("nan"), 0))
        print(f"     {k:10} {t[0]:.3f} / {b[0]:.3f}   ({t[1]} / {b[1]})")


def print_tune_misses(rows: list[dict], coded: dict[int, list[str]], limit: int, label: str | None) -> None:
    misses = [r for r in rows if r["half"] == TUNE and r["label"] not in coded[r["row"]]
              and (label is None or r["label"] == label)]
    print(f"   tuning stories whose type was not coded ({len(misses)}; up to {limit}):")
    for r in misses[:limit]:
        got = ", ".join(f"{k} x{n}" for k, n in Counter(coded[r["row"]]).items()) or "-"
        print(f"   - [row {r['row']}] {r['label']} | coded {got}\n       {r['title']}\n       {r['text'][:300]}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=default_data())
    ap.add_argument("--limit", type=int, default=0, help="code only the first N stories of each half (by row)")
    ap.add_argument("--tune-misses", type=int, default=0, metavar="N")
    ap.add_argument("--label", default=None, help="list tuning misses of this type only")
    ap.add_argument("--json", type=Path, default=None, help="write the aggregates here")
    args = ap.parse_args(argv)
    rows = load_rows(args.data)
    if rows is None:
        return 0
    if args.limit:
        rows = [r for half in (TUNE, BLIND) for r in [x for x in rows if x["half"] == half][:args.limit]]
    t0 = time.perf_counter()
    coded = code(rows)
    secs = time.perf_counter() - t0
    print(f"== NGEC synthetic stories, story-level recall ({CSV_NAME}) ==")
    print(f"   {len(rows)} stories coded in {secs:.1f} s (the hand-coded set's rows left out)")
    halves = report(rows, coded)
    print_report(halves)
    if args.tune_misses:
        print_tune_misses(rows, coded, args.tune_misses, args.label)
    if args.json:
        args.json.write_text(json.dumps(halves, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
