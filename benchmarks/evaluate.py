"""Score the event coder on the PLOVER gold-standard development records.

    python benchmarks/evaluate.py [--data ../shared/data] [--errors N]

Reads ``plover/PLOVER_GSR_CAMEO.dev.json`` (198 sentences from the CAMEO manual's examples,
PLOVER-labelled; CC BY-SA, read by path, never copied), codes each sentence on its own and
compares the coder's *primary* event (the first event with a PLOVER type, in the coder's own
order: main-clause verbs first) with the gold record.  Older PLOVER labels are mapped to the
2021 set: DEMAND->REQUEST, DISAPPROVE->ACCUSE, INVESTIGATE->ACCUSE, FIGHT->ASSAULT.

Prints: event-type accuracy, type+source+target accuracy (the source's country must be one of
the gold source codes, and the target's one of the gold target codes when gold has a target;
IGOs compare as "IGO"), "any event" type recall, and per-type precision/recall/F1.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

LABEL_MAP = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
CODE_FIX = {"JAP": "JPN"}


def default_data() -> Path:
    return Path(__file__).resolve().parents[2] / "shared" / "data"


def gold_records(data: Path) -> list[dict]:
    path = data / "plover" / "PLOVER_GSR_CAMEO.dev.json"
    if not path.exists():
        print(f"skipped: gold file not found at {path}", file=sys.stderr)
        sys.exit(0)
    recs = [r for r in json.loads(path.read_text(encoding="utf-8")) if r.get("event") != "DOCUMENT"]
    return recs


def _codes(side) -> set[str]:
    if not side or isinstance(side, str):
        return set()
    return {CODE_FIX.get(a.get("code", ""), a.get("code", "")) for a in side if a.get("code")}


def actor_code(actor) -> str | None:
    if actor is None:
        return None
    if actor.country:
        return actor.country
    if actor.sector in ("IGO", "NGO"):
        return actor.sector
    return None


def evaluate(coder, recs: list[dict]) -> dict:
    from detente.schema import Story

    stories = [Story(id=r["id"], text=r["text"]) for r in recs]
    results = []
    for rec, coded in zip(recs, coder.code_stories(stories)):
        gold_type = LABEL_MAP.get(rec["event"], rec["event"])
        typed = [e for e in coded.events if e.event_type]
        primary = typed[0] if typed else None
        pred_type = primary.event_type if primary else None
        gsrc, gtgt = _codes(rec.get("source")), _codes(rec.get("target"))
        actors_ok = False
        if primary is not None and pred_type == gold_type:
            src_ok = actor_code(primary.source) in gsrc if gsrc else True
            tgt_ok = actor_code(primary.target) in gtgt if gtgt else True
            actors_ok = src_ok and tgt_ok
        results.append({"id": rec["id"], "text": rec["text"], "gold": gold_type, "pred": pred_type,
                        "any": gold_type in {e.event_type for e in typed}, "actors_ok": actors_ok,
                        "gold_src": sorted(gsrc), "gold_tgt": sorted(gtgt),
                        "pred_src": actor_code(primary.source) if primary else None,
                        "pred_tgt": actor_code(primary.target) if primary else None,
                        "rule": primary.rule if primary else None,
                        "n_events": len(coded.events)})
    return summarise(results)


def summarise(results: list[dict]) -> dict:
    n = len(results)
    acc = sum(r["pred"] == r["gold"] for r in results) / n
    acc_actors = sum(r["actors_ok"] for r in results) / n
    any_rate = sum(r["any"] for r in results) / n
    uncoded = sum(r["pred"] is None for r in results) / n
    per = {}
    types = sorted({r["gold"] for r in results} | {r["pred"] for r in results if r["pred"]})
    for t in types:
        tp = sum(r["pred"] == t and r["gold"] == t for r in results)
        fp = sum(r["pred"] == t and r["gold"] != t for r in results)
        fn = sum(r["pred"] != t and r["gold"] == t for r in results)
        p = tp / (tp + fp) if tp + fp else 0.0
        rc = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * p * rc / (p + rc) if p + rc else 0.0
        per[t] = {"precision": p, "recall": rc, "f1": f, "support": tp + fn}
    return {"n": n, "type_accuracy": acc, "type_actor_accuracy": acc_actors, "any_type_recall": any_rate,
            "uncoded": uncoded, "per_type": per, "results": results}


def print_summary(summary: dict, title: str, extra: tuple[str, ...] = ()) -> None:
    print(title)
    print(f"  event-type accuracy (primary event):  {summary['type_accuracy']:.3f}")
    print(f"  type + source + target accuracy:      {summary['type_actor_accuracy']:.3f}")
    print(f"  gold type among any coded event:      {summary['any_type_recall']:.3f}")
    print(f"  sentences with no typed event:        {summary['uncoded']:.3f}")
    for line in extra:
        print(line)
    print(f"  {'type':<10} {'prec':>6} {'recall':>6} {'f1':>6} {'n':>4}")
    for t, m in summary["per_type"].items():
        print(f"  {t:<10} {m['precision']:>6.2f} {m['recall']:>6.2f} {m['f1']:>6.2f} {m['support']:>4}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=default_data())
    ap.add_argument("--errors", type=int, default=0, help="print this many misses")
    ap.add_argument("--json", type=Path, help="write the full results here")
    ap.add_argument("--fast", action="store_true",
                    help="code with the fast pipeline (rule-based entities instead of spaCy's ner)")
    args = ap.parse_args(argv)
    recs = gold_records(args.data)
    from detente.coding import Coder

    t0 = time.perf_counter()
    coder = Coder(fast=args.fast)
    summary = evaluate(coder, recs)
    dt = time.perf_counter() - t0
    print_summary(summary, f"PLOVER gold dev records: {summary['n']} sentences{' (fast pipeline)' if args.fast else ''} ({dt:.1f} s incl. model load)")
    if args.errors:
        misses = [r for r in summary["results"] if not r["actors_ok"]][: args.errors]
        for r in misses:
            print(f"- gold {r['gold']} {r['gold_src']}->{r['gold_tgt']} | pred {r['pred']} "
                  f"{r['pred_src']}->{r['pred_tgt']} [{r['rule']}]\n    {r['text'][:220]}")
    if args.json:
        args.json.write_text(json.dumps(summary, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
