"""Coding throughput: detente's full coder against bare spaCy, in the same run.

    python benchmarks/throughput.py [--n 600] [--batch-size 64] [--rounds 2] [--no-prefilter-variant]
                                    [--data ../shared/data] [--profile 200]

Reads the first N synthetic stories from ``ngec-plover/gpt_synthetic_events_2023-10-19_19.csv``
(skips, exit 0, when the file is absent), then:

* loads ``Coder(prefilter=False)`` (model load, actor KB/lexicon, gazetteer build are timed
  separately and excluded from throughput) and warms it and bare spaCy up on a few texts;
* for each round, times bare ``nlp.pipe`` (same model, full pipeline, same batch size) and
  ``coder.code_stories`` (parse + actors + events + dates + places) over the SAME texts,
  alternating which goes first, so machine noise hits both;
* with the prefilter variant (default on), also times ``Coder(prefilter=True)`` in each round.

Bare spaCy is timed twice: as stock ``spacy.load`` gives it (thinc's BLIS matrix products,
its own attribute_ruler and lemmatizer: the baseline of every ratio) and as detente loads it
(numpy/OpenBLAS products, ``detente.nlp.ops``; the attribute_ruler and lemmatizer memoised per
word form, tag and dependency, ``detente.nlp.fast_attributes``; the parse repairs; the same
tokens, tags, lemmas and entities apart from what the repairs change), so the part of a ratio
that is only the faster components shows.  ``OPENBLAS_NUM_THREADS=1`` is set unless given: one process, one core.

Words are counted once with a regex (``\\w+(?:[-']\\w+)*``) over the raw texts, so the
denominator is identical for every contender.  Prints words/s for each round, the best-of-rounds
figures, the ratio detente/spaCy (target >= 0.8), the prefilter ratio, events found and peak RSS
(``resource.getrusage``, MB; target < 1 GB).  ``--profile N`` instead runs cProfile over N stories
of full coding and prints the top functions by cumulative and by own time.
"""
from __future__ import annotations

import argparse
import csv
import os
import re
import resource
import sys
import time
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")     # before numpy loads: one core per process
WORD = re.compile(r"\w+(?:[-']\w+)*")
CSV_NAME = "ngec-plover/gpt_synthetic_events_2023-10-19_19.csv"


def default_data() -> Path:
    return Path(__file__).resolve().parents[2] / "shared" / "data"


def peak_rss_mb() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return r / 1024 if sys.platform != "darwin" else r / 1024 / 1024


def read_texts(data: Path, n: int | None = None) -> list[str]:
    path = data / CSV_NAME
    if not path.exists():
        print(f"skipped: synthetic stories not found at {path}", file=sys.stderr)
        sys.exit(0)
    csv.field_size_limit(10**8)
    out: list[str] = []
    with path.open(newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            t = (row.get("text") or "").strip()
            if t:
                out.append(t)
                if n is not None and len(out) >= n:
                    break
    return out


def bare_spacy(numpy_matmul: bool = False):
    """The model as stock ``spacy.load`` gives it (thinc's BLIS products): the baseline; with
    ``numpy_matmul`` its products go through numpy as in detente (``detente.nlp.ops``)."""
    import spacy

    from detente.nlp.ops import use_numpy_matmul
    from detente.nlp.pipeline import available_model

    nlp = spacy.load(available_model())
    if numpy_matmul:
        use_numpy_matmul(nlp)
    return nlp


def word_count(texts) -> int:
    return sum(len(WORD.findall(t)) for t in texts)


def time_spacy(nlp, texts: list[str], bs: int) -> float:
    t0 = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=bs):
        pass
    return time.perf_counter() - t0


def time_coder(coder, stories, bs: int) -> tuple[float, int]:
    t0 = time.perf_counter()
    n_events = 0
    for cs in coder.code_stories(stories, batch_size=bs):
        n_events += len(cs.events)
    return time.perf_counter() - t0, n_events


def profile(coder, stories, bs: int, top: int = 15) -> None:
    import cProfile
    import io
    import pstats

    pr = cProfile.Profile()
    pr.enable()
    for _ in coder.code_stories(stories, batch_size=bs):
        pass
    pr.disable()
    for key in ("cumulative", "tottime"):
        s = io.StringIO()
        pstats.Stats(pr, stream=s).strip_dirs().sort_stats(key).print_stats(top)
        print(f"\n--- top {top} by {key} ({len(stories)} stories, prefilter={coder.prefilter}) ---")
        # keep only the table
        lines = s.getvalue().splitlines()
        start = next((i for i, l in enumerate(lines) if l.strip().startswith("ncalls")), 0)
        print("\n".join(lines[start:start + top + 1]))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=600, help="stories to code (default 600)")
    ap.add_argument("--batch-size", type=int, default=64)
    ap.add_argument("--rounds", type=int, default=2, help="timed rounds per contender (default 2)")
    ap.add_argument("--warmup", type=int, default=20, help="texts used to warm up (default 20)")
    ap.add_argument("--no-prefilter-variant", action="store_true", help="skip the Coder(prefilter=True) timing")
    ap.add_argument("--data", type=Path, default=default_data())
    ap.add_argument("--profile", type=int, default=0, metavar="N",
                    help="instead of timing, cProfile full coding of N stories")
    args = ap.parse_args()

    texts = read_texts(args.data, args.n)
    from detente.schema import Story

    stories = [Story(id=f"t{i}", text=t, date=None) for i, t in enumerate(texts)]
    words = word_count(texts)
    bs = args.batch_size
    print(f"{len(texts)} stories, {words} words (regex count), batch size {bs}, {args.rounds} round(s)")

    t0 = time.perf_counter()
    from detente.coding import Coder

    coder = Coder(prefilter=False, batch_size=bs)
    t_load = time.perf_counter() - t0
    nlp = coder.nlp
    print(f"model: {nlp.meta.get('lang')}_{nlp.meta.get('name')} {nlp.meta.get('version')}, "
          f"pipes: {', '.join(nlp.pipe_names)}")
    t0 = time.perf_counter()
    coder._place_country("Paris")          # builds the gazetteer (otherwise built on first use)
    t_gaz = time.perf_counter() - t0
    print(f"setup: Coder() {t_load:.2f} s (model + actors + lexicon), gazetteer {t_gaz:.2f} s, "
          f"RSS after setup {peak_rss_mb():.0f} MB")

    pcoder = None
    if not args.no_prefilter_variant:
        t0 = time.perf_counter()
        pcoder = Coder(nlp=nlp, prefilter=True, batch_size=bs)
        pcoder._gazetteer = coder._gazetteer
        list(pcoder.code_stories(stories[:1]))          # builds the prefilter automaton
        print(f"setup: Coder(prefilter=True) incl. prefilter automaton {time.perf_counter() - t0:.2f} s")

    stock = bare_spacy()
    warm = stories[-args.warmup:] if args.warmup else []
    t0 = time.perf_counter()
    time_spacy(nlp, [s.text for s in warm], bs)
    time_spacy(stock, [s.text for s in warm], bs)
    list(coder.code_stories(warm))
    if pcoder is not None:
        list(pcoder.code_stories(warm))
    print(f"warm-up on {len(warm)} texts: {time.perf_counter() - t0:.2f} s")

    if args.profile:
        sub = stories[:args.profile]
        print(f"profiling {len(sub)} stories ({word_count(s.text for s in sub)} words)")
        profile(coder, sub, bs)
        if pcoder is not None:
            profile(pcoder, sub, bs)
        return 0

    res: dict[str, list[float]] = {"spacy": [], "spacy-numpy": [], "detente": [], "prefilter": []}
    events = {"detente": 0, "prefilter": 0}
    for r in range(args.rounds):
        order = ["spacy", "spacy-numpy", "detente", "prefilter"]
        for who in (order if r % 2 == 0 else order[::-1]):
            if who == "spacy":
                res["spacy"].append(time_spacy(stock, texts, bs))
            elif who == "spacy-numpy":
                res["spacy-numpy"].append(time_spacy(nlp, texts, bs))
            elif who == "detente":
                s, events["detente"] = time_coder(coder, stories, bs)
                res["detente"].append(s)
            elif pcoder is not None:
                s, events["prefilter"] = time_coder(pcoder, stories, bs)
                res["prefilter"].append(s)
        line = "  ".join(f"{k} {words / v[-1]:,.0f} w/s" for k, v in res.items() if v)
        print(f"round {r + 1}: {line}   (same round ratio detente/spaCy "
              f"{res['spacy'][-1] / res['detente'][-1]:.2f}"
              + (f", prefilter/spaCy {res['spacy'][-1] / res['prefilter'][-1]:.2f}" if res["prefilter"] else "")
              + ")")

    best = {k: min(v) for k, v in res.items() if v}
    wps = {k: words / v for k, v in best.items()}
    print()
    print(f"{'contender':<28}{'best s':>9}{'words/s':>12}{'stories/s':>11}{'events':>9}{'ratio':>8}")
    print(f"{'bare spaCy nlp.pipe (stock)':<28}{best['spacy']:>9.2f}{wps['spacy']:>12,.0f}"
          f"{len(texts) / best['spacy']:>11.1f}{'-':>9}{1.0:>8.2f}")
    print(f"{'detente spaCy pipeline':<28}{best['spacy-numpy']:>9.2f}{wps['spacy-numpy']:>12,.0f}"
          f"{len(texts) / best['spacy-numpy']:>11.1f}{'-':>9}{wps['spacy-numpy'] / wps['spacy']:>8.2f}")
    print(f"{'detente Coder(prefilter=F)':<28}{best['detente']:>9.2f}{wps['detente']:>12,.0f}"
          f"{len(texts) / best['detente']:>11.1f}{events['detente']:>9}{wps['detente'] / wps['spacy']:>8.2f}")
    if "prefilter" in best:
        print(f"{'detente Coder(prefilter=T)':<28}{best['prefilter']:>9.2f}{wps['prefilter']:>12,.0f}"
              f"{len(texts) / best['prefilter']:>11.1f}{events['prefilter']:>9}"
              f"{wps['prefilter'] / wps['spacy']:>8.2f}")
    ratio = wps["detente"] / wps["spacy"]
    rss = peak_rss_mb()
    print(f"\nfull-coding ratio {ratio:.2f} vs stock spaCy (target >= 0.80: {'met' if ratio >= 0.8 else 'NOT met'}), "
          f"{wps['detente'] / wps['spacy-numpy']:.2f} vs detente's own spaCy pipeline; "
          f"peak RSS {rss:.0f} MB (target < 1024 MB: {'met' if rss < 1024 else 'NOT met'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
