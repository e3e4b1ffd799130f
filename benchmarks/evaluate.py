"""Score the event coder on every gold set, tuning and blind halves apart: aggregates only.

    python benchmarks/evaluate.py [--data ../shared/data] [--set plover|newswire|petrarch|synthetic|headlines|official_tune|official|all]
                                  [--fast] [--tune-errors N] [--json OUT]

Gold sets (``benchmarks/gold/``): the PLOVER dev records, the newswire set
(``tests/fixtures/newswire_gold.jsonl``), the PETRARCH2 unit-test records (with the suite's
fictional actors), the hand-coded synthetic-news set (``tests/fixtures/gold/synthetic_news.jsonl``,
sentences of the NGEC synthetic stories), NGEC's PLOVER headline templates (filled with fixed
countries; type only), the official-text tuning set
(``official_2025_tune.jsonl``, tuning as a whole: rule writers may read it) and the official-text
set (``tests/fixtures/gold/official_2025.jsonl``, blind as a whole).  Every record falls in the tuning or the blind half by ``splits.split_of`` on its
id.  Per set and half the report gives: records, type accuracy of the primary event, type +
source + target accuracy, recall of gold events, precision (coded events matching a gold event
over all counted coded events; one-to-one), the no-event false rate, events per sentence, and a
reliability table of confidence (raw: the hand-set heuristic; calibrated: what the coder writes,
from ``src/detente/data/coding/calibration.csv``); per-type precision/recall for the tuning
half.  ``scoring.py`` defines each figure.

The blind halves print aggregates only, whatever the flags: no sentence, no per-record line.
``--tune-errors N`` lists up to N misses of the tuning halves for rule writers (sentence, gold,
coded, rule).  ``--json`` writes the same aggregates.  A gold file that is absent is skipped
with a message.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable, Optional, TextIO

sys.path.insert(0, str(Path(__file__).resolve().parent))
import scoring  # noqa: E402
from gold import GoldRecord, GoldSet, default_data  # noqa: E402
from splits import BLIND, TUNE  # noqa: E402

SETS = ("plover", "newswire", "petrarch", "synthetic", "headlines", "official_tune", "official")
HALVES = (TUNE, BLIND)
CALIBRATED_THRESHOLD = 0.8


# ---------------------------------------------------------------------- coding
@dataclass
class SetResult:
    """A gold set coded: per record its counted coded events (as ``scoring.Coded`` and as the
    coder's ``Event`` records), and how long coding took."""

    gold: GoldSet
    coded: dict[str, list[scoring.Coded]] = field(default_factory=dict)
    events: dict[str, list] = field(default_factory=dict)
    seconds: float = 0.0
    stories: int = 0
    chars: int = 0

    def levels(self) -> list[tuple[str, Callable[[str], str]]]:
        """The levels a set is scored at; the first is its main one (every figure), the
        others only report how often the primary event's label agrees."""
        if self.gold.scheme == "dyad":
            return [("event", scoring.any_label), ("suite code", scoring.identity),
                    ("suite code root", scoring.cameo_root)]
        return [("type", scoring.identity)]

    def outcomes(self, records: list[GoldRecord], key: Callable[[str], str]) -> list[scoring.Outcome]:
        return [scoring.score_sentence(r.events, self.coded[r.key], key) for r in records]


def counted(gold: GoldSet, events: list) -> list:
    """The coded events a set scores: those with a PLOVER type for PLOVER gold, all of them
    for a set scored by actors (the PETRARCH suite)."""
    return [e for e in events if e.cameo and (gold.scheme == "dyad" or e.event_type)]


def reduce_event(gold: GoldSet, event) -> scoring.Coded:
    """``confidence``: the hand-set heuristic (``calibration.raw_confidence``); ``calibrated``:
    what the coder wrote (the packaged calibration table's value)."""
    from detente.coding.calibration import raw_confidence

    return scoring.Coded(label=event.cameo if gold.scheme == "dyad" else event.event_type,
                         source=gold.actor_key(event.source), target=gold.actor_key(event.target),
                         confidence=raw_confidence(event), calibrated=float(event.confidence),
                         rule=event.rule)


def code_set(gold: GoldSet, coder, data: Path) -> SetResult:
    """Code a gold set's sentences (each its own story) or, for records that lie in longer
    texts, each text whole."""
    from detente.schema import Story

    result = SetResult(gold)
    t0 = time.perf_counter()
    by_key: dict[str, list] = {r.key: [] for r in gold.records}
    sentences = [r for r in gold.records if r.file is None]
    if sentences:
        stories = [Story(id=r.key, text=r.text, date=r.date) for r in sentences]
        for rec, done in zip(sentences, coder.code_stories(stories)):
            by_key[rec.key] = list(done.events)
        result.stories += len(stories)
        result.chars += sum(len(r.text) for r in sentences)
    in_texts = [r for r in gold.records if r.file is not None]
    if in_texts:
        n, chars = _code_texts(in_texts, coder, data, by_key, gold.texts)
        result.stories += n
        result.chars += chars
    result.seconds = time.perf_counter() - t0
    for key, events in by_key.items():
        kept = counted(gold, events)
        result.events[key] = kept
        result.coded[key] = [reduce_event(gold, e) for e in kept]
    return result


def _trigger_offset(event, story_text: str) -> Optional[int]:
    """Character offset in the story of the event's trigger word (its first word, searched in
    the event's sentence span); None when it cannot be placed."""
    if not event.trigger:
        return None
    first = event.trigger.split()[0]
    lo, hi = int(event.span[0]), int(event.span[1])
    m = re.search(r"(?<!\w)" + re.escape(first) + r"(?!\w)", story_text[lo:hi])
    return lo + m.start() if m else None


def assign_to_records(events: list, story_text: str, offset: int, records: list[GoldRecord]) -> dict[str, list]:
    """Each coded event of a whole text goes to the gold sentence its trigger lies in (file
    offsets); an event whose trigger cannot be placed goes to the gold sentence its own
    sentence overlaps most, if that covers at least half the gold sentence; other events lie
    outside the gold sentences and are not scored."""
    out: dict[str, list] = {r.key: [] for r in records}
    for e in events:
        at = _trigger_offset(e, story_text)
        if at is not None:
            hit = next((r for r in records if r.start <= at + offset < r.end), None)
        else:
            lo, hi = int(e.span[0]) + offset, int(e.span[1]) + offset
            best = max(records, key=lambda r: min(hi, r.end) - max(lo, r.start), default=None)
            overlap = min(hi, best.end) - max(lo, best.start) if best else 0
            hit = best if best and overlap * 2 >= best.end - best.start else None
        if hit is not None:
            out[hit.key].append(e)
    return out


def _code_texts(records: list[GoldRecord], coder, data: Path, by_key: dict[str, list],
                texts: Optional[dict[str, str]] = None) -> tuple[int, int]:
    from detente.ingest import read_stories
    from detente.schema import Story

    from gold import official

    by_file: dict[str, list[GoldRecord]] = defaultdict(list)
    for r in records:
        by_file[r.file].append(r)
    n = chars = 0
    if texts:
        names = sorted(by_file)
        for name, done in zip(names, coder.code_stories(Story(id=name, text=texts[name]) for name in names)):
            by_key.update(assign_to_records(list(done.events), texts[name], 0, by_file[name]))
            n += 1
            chars += len(texts[name])
        return n, chars
    for name, recs in sorted(by_file.items()):
        path = data / official.TEXTS / name
        raw = path.read_text(encoding="utf-8")
        stories = list(read_stories([path]))
        if len(stories) != 1 or official.file_offset(raw, stories[0].text) is None:
            print(f"refused {name}: the reader's story is not found verbatim in the file; "
                  f"{len(recs)} records scored as coded with nothing")
            continue
        story = stories[0]
        offset = official.file_offset(raw, story.text)
        done = coder.code_story(story)
        by_key.update(assign_to_records(list(done.events), story.text, offset, recs))
        n += 1
        chars += len(story.text)
    return n, chars


# ---------------------------------------------------------------------- report
def _f(x: Optional[float]) -> str:
    return "-" if x is None else f"{x:.3f}"


def _f2(x: Optional[float]) -> str:
    return "-" if x is None else f"{x:.2f}"


def half_records(result: SetResult) -> dict[str, list[GoldRecord]]:
    halves = {h: [r for r in result.gold.records if r.half == h] for h in HALVES}
    return {h: recs for h, recs in halves.items() if recs}


def summary(result: SetResult) -> dict:
    """The aggregates of a coded set, per half: what is printed and written with ``--json``."""
    out: dict = {"set": result.gold.name, "title": result.gold.title, "scheme": result.gold.scheme,
                 "excluded": result.gold.excluded, "seconds": result.seconds, "stories": result.stories,
                 "halves": {}}
    subset_tags = ("hard",)
    for half, recs in half_records(result).items():
        entry: dict = {"n": len(recs), "levels": {}}
        for name, key in result.levels():
            agg = scoring.aggregate(result.outcomes(recs, key), [r.tags for r in recs], subset_tags)
            entry["levels"][name] = asdict(agg)
        if half == TUNE and result.gold.scheme == "plover":
            name, key = result.levels()[0]
            entry["per_label"] = scoring.per_label(result.outcomes(recs, key))
        entry["reliability"] = reliability_of(result, recs)
        out["halves"][half] = entry
    return out


def correctness(result: SetResult, recs: list[GoldRecord]) -> list[tuple[scoring.Coded, bool]]:
    """Each counted coded event of these records with whether it is correct at the set's main
    level (PLOVER type; for the PETRARCH suite, any event) with both actors."""
    _, key = result.levels()[0]
    pairs = []
    for r in recs:
        outcome = scoring.score_sentence(r.events, result.coded[r.key], key)
        pairs.extend(zip(result.coded[r.key], outcome.correct))
    return pairs


def reliability_of(result: SetResult, recs: list[GoldRecord]) -> dict:
    pairs = correctness(result, recs)
    columns = {"raw": [(c.confidence, ok) for c, ok in pairs]}
    if pairs and all(c.calibrated is not None for c, _ in pairs):
        columns["calibrated"] = [(c.calibrated, ok) for c, ok in pairs]
    out = {}
    for name, values in columns.items():
        out[name] = scoring.reliability(values)
        out[f"{name}_at_least_0.8"] = scoring.share_correct_at_least(values, CALIBRATED_THRESHOLD)
        out[f"{name}_summary"] = scoring.calibration_summary(values)
    return out


_ROWS = (("type_accuracy", "{L} accuracy (primary event)"),
         ("type_actor_accuracy", "{L} + source + target (primary)"),
         ("recall", "recall: gold events found ({L})"),
         ("precision", "precision ({L})"),
         ("precision_actors", "precision ({L} + actors)"))


def print_report(result: SetResult, out: TextIO = sys.stdout, tune_errors: int = 0) -> dict:
    """Print one coded set's aggregates (and, if asked, tuning-half misses); returns them."""
    s = summary(result)
    gold = result.gold
    halves = list(s["halves"])
    rate = result.stories / result.seconds if result.seconds else 0.0
    print(f"\n== {gold.title} ==", file=out)
    print(f"   scored by {'PLOVER type' if gold.scheme == 'plover' else 'source and target'}; "
          f"{len(gold.records)} records; coded {result.stories} stories ({result.chars:,} chars) "
          f"in {result.seconds:.1f} s, {rate:.1f} stories/s", file=out)
    for note in gold.notes:
        print(f"   note: {note}", file=out)
    for reason, n in gold.excluded.items():
        print(f"   left out: {n} records ({reason})", file=out)

    def row(label: str, values: list[str]) -> None:
        print(f"   {label:<40}" + "".join(f"{v:>10}" for v in values), file=out)

    row("", halves)
    row("records", [str(s["halves"][h]["n"]) for h in halves])
    first, *others = s["halves"][halves[0]]["levels"]
    for field_name, label in _ROWS:
        row(label.format(L=first), [_f(s["halves"][h]["levels"][first][field_name]) for h in halves])
    for level in others:
        row(f"{level} agrees (primary event)",
            [_f(s["halves"][h]["levels"][level]["type_accuracy"]) for h in halves])
    lv = {h: s["halves"][h]["levels"][first] for h in halves}
    row("no-event sentences", [str(lv[h]["no_event_n"]) for h in halves])
    row("no-event false rate", [_f(lv[h]["no_event_false_rate"]) for h in halves])
    row("events per sentence", [_f(lv[h]["events_per_sentence"]) for h in halves])
    for tag in sorted({t for h in halves for t in lv[h]["subsets"]}):
        sub = {h: lv[h]["subsets"].get(tag, (0, None, None)) for h in halves}
        row(f"{tag} items", [str(sub[h][0]) for h in halves])
        row(f"{tag} items: type / + actors", [f"{_f2(sub[h][1])}/{_f2(sub[h][2])}" for h in halves])
    _print_reliability(s, halves, out)
    if "per_label" in s["halves"].get(TUNE, {}):
        labels = s["halves"][TUNE]["per_label"]
        print(f"   per {first}, tuning half (precision / recall / gold n):", file=out)
        cells = [f"{lb} {_f2(p)}/{_f2(r)}/{n}" for lb, (p, r, n) in labels.items()]
        for i in range(0, len(cells), 5):
            print("     " + "   ".join(cells[i:i + 5]), file=out)
    if tune_errors and TUNE in s["halves"]:
        print_tune_errors(result, tune_errors, out)
    return s


def _print_reliability(s: dict, halves: list[str], out: TextIO) -> None:
    kinds = [k for k in ("raw", "calibrated") if k in s["halves"][halves[0]]["reliability"]]
    cols = [(k, h) for k in kinds for h in halves]
    print("   reliability (events: n, share correct with actors) by confidence:", file=out)
    print("     " + f"{'confidence':<12}" + "".join(f"{k + ' ' + h:>18}" for k, h in cols), file=out)
    bins = s["halves"][halves[0]]["reliability"][kinds[0]]
    for i, (lo, hi, _, _) in enumerate(bins):
        cells = []
        for k, h in cols:
            _, _, n, share = s["halves"][h]["reliability"][k][i]
            cells.append(f"{n:>6} {_f(share):>6}")
        print("     " + f"{lo:.1f}-{hi:.1f}".ljust(12) + "".join(f"{c:>18}" for c in cells), file=out)
    cells = []
    for k, h in cols:
        n, share = s["halves"][h]["reliability"][f"{k}_at_least_0.8"]
        cells.append(f"{n:>6} {_f(share):>6}")
    print("     " + ">= 0.8".ljust(12) + "".join(f"{c:>18}" for c in cells), file=out)
    cells = []
    for k, h in cols:
        _, mean, _, brier = s["halves"][h]["reliability"][f"{k}_summary"]
        cells.append(f"{_f(mean):>6} {_f(brier):>6}")
    print("     " + "mean, Brier".ljust(12) + "".join(f"{c:>18}" for c in cells), file=out)


def _describe(events, key: str = "label") -> str:
    return "; ".join(f"{getattr(e, key)} {sorted(e.sources) if hasattr(e, 'sources') else e.source}->"
                     f"{sorted(e.targets) if hasattr(e, 'targets') else e.target}" for e in events) or "(none)"


def print_tune_errors(result: SetResult, limit: int, out: TextIO = sys.stdout) -> None:
    """Up to ``limit`` misses of the TUNING half (type + actors wrong on the primary event, or
    an unmatched coded event): sentence, gold, coded, rule.  Blind records are never listed."""
    _, key = result.levels()[0]
    tune = [r for r in result.gold.records if r.half == TUNE]
    shown = 0
    print(f"   tuning-half misses (up to {limit}):", file=out)
    for r in tune:
        if shown >= limit:
            break
        coded = result.coded[r.key]
        o = scoring.score_sentence(r.events, coded, key)
        if o.actors_ok and all(o.correct):
            continue
        shown += 1
        rules = ", ".join(c.rule for c in coded) or "-"
        print(f"   - [{r.key}] gold {_describe(r.events)} | coded {_describe(coded)} [{rules}]\n"
              f"       {record_text(result.gold, r)[:240]}", file=out)


def record_text(gold: GoldSet, record: GoldRecord) -> str:
    """A TUNING record's sentence for the misses list (records in longer texts hold offsets)."""
    assert record.half == TUNE, "blind records are never shown"
    if record.text or record.file is None:
        return record.text
    if record.file in gold.texts:
        return gold.texts[record.file][record.start:record.end]
    from gold import default_data, official

    path = default_data() / official.TEXTS / record.file
    return path.read_text(encoding="utf-8")[record.start:record.end] if path.exists() else ""


# ---------------------------------------------------------------------- main
def load_sets(names: list[str], data: Path, workdir: Path) -> list[GoldSet]:
    from gold import headlines, newswire, official, petrarch, plover, synthetic

    loaders = {"plover": lambda: plover.load(data), "newswire": lambda: newswire.load(),
               "petrarch": lambda: petrarch.load(data, workdir), "synthetic": lambda: synthetic.load(data),
               "headlines": lambda: headlines.load(data),
               "official_tune": lambda: official.load_tune(data), "official": lambda: official.load(data)}
    sets = [loaders[n]() for n in names]
    return [s for s in sets if s is not None]


def run(names: list[str], data: Path, fast: bool = False, tune_errors: int = 0,
        out: TextIO = sys.stdout) -> list[dict]:
    from detente.coding import Coder

    t0 = time.perf_counter()
    base = Coder(fast=fast)
    summaries = []
    with tempfile.TemporaryDirectory(prefix="detente-eval-") as tmp:
        for gold in load_sets(names, data, Path(tmp)):
            # a set with its own actors gets its own coder: the fast pipeline's name recogniser
            # is built from the knowledge base it codes with
            coder = Coder(fast=fast, **gold.coder_options) if gold.coder_options else base
            result = code_set(gold, coder, data)
            summaries.append(print_report(result, out, tune_errors))
    wall = time.perf_counter() - t0
    stories = sum(s["stories"] for s in summaries)
    coding = sum(s["seconds"] for s in summaries)
    print(f"\nwall time {wall:.1f} s (model load included); coding {coding:.1f} s for {stories} stories, "
          f"{stories / coding if coding else 0:.1f} stories/s{' (fast pipeline)' if fast else ''}", file=out)
    from detente.coding.calibration import load_table

    if load_table() is None:
        print("calibrated confidence: no table (run benchmarks/calibrate.py); the coder wrote the "
              "raw heuristic", file=out)
    return summaries


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=default_data(), help="the shared data folder")
    ap.add_argument("--set", choices=(*SETS, "all"), default="all")
    ap.add_argument("--fast", action="store_true",
                    help="code with the fast pipeline (rule-based entities instead of spaCy's ner)")
    ap.add_argument("--tune-errors", type=int, default=0, metavar="N",
                    help="list up to N misses per set, tuning half only")
    ap.add_argument("--json", type=Path, help="write the aggregates here")
    args = ap.parse_args(argv)
    names = list(SETS) if args.set == "all" else [args.set]
    summaries = run(names, args.data, fast=args.fast, tune_errors=args.tune_errors)
    if args.json:
        args.json.write_text(json.dumps(summaries, indent=1, default=list))
    return 0


if __name__ == "__main__":
    sys.exit(main())
