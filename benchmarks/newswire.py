"""Score the event coder on the hand-written newswire gold set.

    python benchmarks/newswire.py [--gold tests/fixtures/newswire_gold.jsonl] [--errors N] [--json OUT]

Reads ``tests/fixtures/newswire_gold.jsonl`` (60 modern wire-style sentences, 2023-2025, one JSON
object a line: id, date, text, event_type, source, target, note), codes each sentence on its own and
compares the coder's *primary* event (the first event with a PLOVER type, in the coder's own order)
with the gold record, exactly as ``benchmarks/evaluate.py`` does for the PLOVER gold.

Gold ``event_type`` null marks a sentence with no event: it counts as correct (type and actors)
when the coder produces no typed event.  In the per-type table such sentences appear as ``NONE``.
Gold ``source``/``target`` are ISO3 codes or "IGO" (a list of codes is also accepted, any of which
matches); a null target means any predicted target is accepted.  Notes starting with "HARD:" mark
the deliberately difficult items; their accuracy is reported separately.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from evaluate import actor_code, print_summary, summarise  # noqa: E402

NONE = "NONE"


def default_gold() -> Path:
    return Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "newswire_gold.jsonl"


def gold_records(path: Path) -> list[dict]:
    if not path.exists():
        print(f"skipped: gold file not found at {path}", file=sys.stderr)
        sys.exit(0)
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _codes(side) -> set[str]:
    if not side:
        return set()
    if isinstance(side, str):
        return {side}
    return {c for c in side if c}


def evaluate(coder, recs: list[dict]) -> dict:
    from detente.schema import Story

    stories = [Story(id=r["id"], text=r["text"]) for r in recs]
    results = []
    for rec, coded in zip(recs, coder.code_stories(stories)):
        gold_type = rec.get("event_type") or NONE
        typed = [e for e in coded.events if e.event_type]
        primary = typed[0] if typed else None
        pred_type = primary.event_type if primary else NONE
        gsrc, gtgt = _codes(rec.get("source")), _codes(rec.get("target"))
        if gold_type == NONE:
            actors_ok = pred_type == NONE
            any_hit = not typed
        else:
            actors_ok = False
            if primary is not None and pred_type == gold_type:
                src_ok = actor_code(primary.source) in gsrc if gsrc else True
                tgt_ok = actor_code(primary.target) in gtgt if gtgt else True
                actors_ok = src_ok and tgt_ok
            any_hit = gold_type in {e.event_type for e in typed}
        results.append({"id": rec["id"], "text": rec["text"], "gold": gold_type, "pred": pred_type,
                        "any": any_hit, "actors_ok": actors_ok,
                        "hard": str(rec.get("note", "")).startswith("HARD"),
                        "gold_src": sorted(gsrc), "gold_tgt": sorted(gtgt),
                        "pred_src": actor_code(primary.source) if primary else None,
                        "pred_tgt": actor_code(primary.target) if primary else None,
                        "rule": primary.rule if primary else None,
                        "n_events": len(coded.events)})
    summary = summarise(results)
    # summarise() counts pred None as uncoded; here "no typed event" is the NONE label
    summary["uncoded"] = sum(r["pred"] == NONE for r in results) / len(results)
    hard = [r for r in results if r["hard"]]
    summary["hard_n"] = len(hard)
    summary["hard_type_accuracy"] = sum(r["pred"] == r["gold"] for r in hard) / len(hard) if hard else 0.0
    summary["hard_type_actor_accuracy"] = sum(r["actors_ok"] for r in hard) / len(hard) if hard else 0.0
    return summary


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, default=default_gold())
    ap.add_argument("--errors", type=int, default=0, help="print this many misses")
    ap.add_argument("--json", type=Path, help="write the full results here")
    ap.add_argument("--fast", action="store_true",
                    help="code with the fast pipeline (rule-based entities instead of spaCy's ner)")
    args = ap.parse_args(argv)
    recs = gold_records(args.gold)
    from detente.coding import Coder

    t0 = time.perf_counter()
    coder = Coder(fast=args.fast)
    summary = evaluate(coder, recs)
    dt = time.perf_counter() - t0
    print_summary(summary, f"newswire gold: {summary['n']} sentences{' (fast pipeline)' if args.fast else ''} ({dt:.1f} s incl. model load)",
                  extra=(f"  hard items ({summary['hard_n']}): type {summary['hard_type_accuracy']:.3f}, "
                         f"type+actors {summary['hard_type_actor_accuracy']:.3f}",))
    if args.errors:
        misses = [r for r in summary["results"] if not r["actors_ok"]][: args.errors]
        for r in misses:
            print(f"- {r['id']}{' (hard)' if r['hard'] else ''} gold {r['gold']} {r['gold_src']}->{r['gold_tgt']} "
                  f"| pred {r['pred']} {r['pred_src']}->{r['pred_tgt']} [{r['rule']}]\n    {r['text'][:220]}")
    if args.json:
        args.json.write_text(json.dumps(summary, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
