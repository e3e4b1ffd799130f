"""Fit the calibrated confidence on the tuning halves and write its table.

    python benchmarks/calibrate.py [--data ../shared/data] [--sets plover,newswire,synthetic,official_tune]
                                   [--prior N] [--folds 5] [--out src/detente/data/coding/calibration.csv]
                                   [--dry-run] [--no-blind]

Re-run it whenever the coder changes: the table describes the coder that was fitted, and the
coder writes the table's value into every event's ``confidence``.  With no option it reads the
gold sets from ``../shared/data`` beside the checkout, codes them with the full pipeline and
writes the packaged table; the same coder and gold give the same file (no date in it, and no
randomness in the fit).

Method (``benchmarks/README.md`` has the long form):

1. Code the gold sets (full pipeline) and keep the counted events of their TUNING halves; an
   event is *right* when some gold event of its sentence has its PLOVER type, source and
   target (``scoring.py``).  Only PLOVER-typed sets are used: the PETRARCH suite's codes are not
   CAMEO, and the official-text set is blind as a whole (its separate tuning set is used).
2. Score: log-odds of the pooled share of right events, plus, per feature of the event
   (``detente.coding.calibration.EventFeatures``: rule family, pattern words, modality notes,
   source and target state), the log-odds difference between that feature value's share of
   right events and the pooled share.  Each value's share is shrunk toward the pooled share
   as if ``--prior`` more events at the pooled share had been seen, so a family seen three
   times moves the score little.
3. The score is then mapped to a probability by isotonic regression (scikit-learn), fitted on
   *out-of-fold* scores -- each sentence's events scored by weights fitted without its fold --
   so the monotone map corrects the score's own over-confidence instead of learning it.  Each
   block of that monotone fit is a share of a few events; it is shrunk toward the pooled share
   by the same ``--prior`` and the result made monotone again (a second isotonic fit), so that
   a lucky top block of four right events does not claim 1.0.
4. The prior is chosen on the tuning halves alone (unless ``--prior`` gives it): the smallest of
   :data:`PRIORS` whose *nested* check puts no event at >= 0.8 or puts events there that are at
   least 80% right -- the target, asked of events the fit never saw.  Nested: the tuning events
   fall into 5 outer folds by sentence, and each fold is predicted by the whole fit (weights,
   out-of-fold scores, isotonic map) made on the other four.
5. Weights (from all tuning events) and the isotonic knots are written as a CSV with its
   provenance; ``detente.coding.calibration.calibrated_confidence`` reads it at run time.

Prints the reliability of raw and calibrated confidence on the tuning halves (out-of-fold
and in-sample) and, as aggregates only, on the blind halves: the target is that blind events
at calibrated confidence >= 0.8 are at least 80% right.
"""
from __future__ import annotations

import argparse
import hashlib
import math
import subprocess
import sys
from collections import defaultdict
from pathlib import Path
from typing import Sequence

sys.path.insert(0, str(Path(__file__).resolve().parent))
import evaluate  # noqa: E402
import scoring  # noqa: E402
from gold import REPO, default_data  # noqa: E402
from splits import BLIND, TUNE  # noqa: E402

FIT_SETS = ("plover", "newswire", "synthetic", "official_tune")


def logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))


def fit_weights(samples: Sequence[tuple], prior: float) -> tuple[float, dict[tuple[str, str], float]]:
    """Intercept and per-feature-value log-odds weights from ``(features, right)`` samples,
    each value's share of right events shrunk toward the pooled share by ``prior`` events."""
    n = len(samples)
    pooled = (sum(ok for _, ok in samples) + 1) / (n + 2)
    counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for features, ok in samples:
        for item in features.items():
            counts[item][0] += 1
            counts[item][1] += int(ok)
    weights = {item: logit((k + prior * pooled) / (m + prior)) - logit(pooled) for item, (m, k) in counts.items()}
    return logit(pooled), weights


def fold_of(key: str, folds: int) -> int:
    return hashlib.sha256(f"fold|{key}".encode()).digest()[0] % folds


def out_of_fold_scores(samples: Sequence[tuple], groups: Sequence[str], prior: float, folds: int) -> list[float]:
    """Each sample scored by weights fitted on the other folds (folds are whole sentences)."""
    from detente.coding.calibration import CalibrationTable

    scores = [0.0] * len(samples)
    fold = [fold_of(g, folds) for g in groups]
    for f in range(folds):
        train = [s for s, fo in zip(samples, fold) if fo != f]
        if not train:
            continue
        intercept, weights = fit_weights(train, prior)
        table = CalibrationTable(intercept, weights, ((0.0, 0.5),))
        for i, fo in enumerate(fold):
            if fo == f:
                scores[i] = table.score(samples[i][0])
    return scores


PRIORS = (10.0, 15.0, 20.0, 30.0, 40.0, 60.0)


def nested_predictions(samples: Sequence[tuple], groups: Sequence[str], prior: float, folds: int) -> list[float]:
    """Each sample's calibrated confidence from a whole fit made without its outer fold (folds
    are whole sentences): how the table does on events it never saw."""
    outer = [fold_of(f"outer|{g}", folds) for g in groups]
    pred = [0.0] * len(samples)
    for f in range(folds):
        train = [i for i, fo in enumerate(outer) if fo != f]
        test = [i for i, fo in enumerate(outer) if fo == f]
        if not train or not test:
            continue
        table, _ = fit([samples[i] for i in train], [groups[i] for i in train], prior, folds, ())
        for i in test:
            pred[i] = table.calibrate(samples[i][0])
    return pred


def choose_prior(samples: Sequence[tuple], groups: Sequence[str], folds: int,
                 priors: Sequence[float] = PRIORS) -> tuple[float, list[str]]:
    """The smallest prior whose nested check meets the target at 0.8 on the tuning halves (the
    largest when none does), with a line per prior tried."""
    lines = []
    right = [ok for _, ok in samples]
    for prior in priors:
        pairs = list(zip(nested_predictions(samples, groups, prior, folds), right))
        n, share = scoring.share_correct_at_least(pairs, evaluate.CALIBRATED_THRESHOLD)
        _, _, _, brier = scoring.calibration_summary(pairs)
        lines.append(f"prior {prior:g}: nested check, {n} events at >= 0.8, {evaluate._f(share)} right; "
                     f"Brier {evaluate._f(brier)}")
        if n == 0 or share >= evaluate.CALIBRATED_THRESHOLD:
            return prior, lines
    return priors[-1], lines


def fit(samples: Sequence[tuple], groups: Sequence[str], prior: float, folds: int, provenance: Sequence[str]):
    """The calibration table for ``(features, right)`` samples grouped by sentence."""
    try:
        from sklearn.isotonic import IsotonicRegression
    except ImportError:
        raise SystemExit("benchmarks/calibrate.py needs scikit-learn: pip install -e \".[test]\"") from None

    from detente.coding.calibration import CalibrationTable

    intercept, weights = fit_weights(samples, prior)
    oof = out_of_fold_scores(samples, groups, prior, folds)
    right = [float(ok) for _, ok in samples]
    first = IsotonicRegression(y_min=0.0, y_max=1.0, out_of_bounds="clip").fit(oof, right)
    # each block of the monotone fit is a share estimated from its own few events: shrink it
    # toward the pooled share like the weights (a top block of four right events is not 1.0),
    # then restore monotonicity
    pooled = (sum(right) + 1) / (len(right) + 2)
    fitted = first.predict(oof)
    blocks: dict[float, list[float]] = defaultdict(list)
    for value, ok in zip(fitted, right):
        blocks[float(value)].append(ok)
    shrunk = [(sum(blocks[float(v)]) + prior * pooled) / (len(blocks[float(v)]) + prior) for v in fitted]
    iso = IsotonicRegression(y_min=0.0, y_max=1.0, out_of_bounds="clip").fit(oof, shrunk)
    knots = tuple((float(x), float(y)) for x, y in zip(iso.X_thresholds_, iso.y_thresholds_))
    return CalibrationTable(intercept, weights, knots, tuple(provenance)), oof


def git_state() -> str:
    try:
        sha = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True,
                             text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "src/detente"], cwd=REPO,
                               capture_output=True, text=True, check=True).stdout.strip()
        return sha + (" with uncommitted changes under src/detente" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def _print_table(title: str, columns: dict[str, list[tuple[float, bool]]]) -> None:
    print(title)
    print("  " + f"{'confidence':<12}" + "".join(f"{name:>22}" for name in columns))
    rows = {name: scoring.reliability(pairs) for name, pairs in columns.items()}
    first = next(iter(rows.values()))
    for i, (lo, hi, _, _) in enumerate(first):
        cells = "".join(f"{rows[name][i][2]:>12} {evaluate._f(rows[name][i][3]):>9}" for name in columns)
        print("  " + f"{lo:.1f}-{hi:.1f}".ljust(12) + cells)
    cells = ""
    for pairs in columns.values():
        n, share = scoring.share_correct_at_least(pairs, evaluate.CALIBRATED_THRESHOLD)
        cells += f"{n:>12} {evaluate._f(share):>9}"
    print("  " + ">= 0.8".ljust(12) + cells)
    cells = ""
    for pairs in columns.values():
        _, mean, _, brier = scoring.calibration_summary(pairs)
        cells += f"{evaluate._f(mean):>12} {evaluate._f(brier):>9}"
    print("  " + "mean, Brier".ljust(12) + cells)


def _print_by_set(title: str, names: Sequence[str], pairs: Sequence[tuple[float, bool]]) -> None:
    """Per gold set: events, share right, mean calibrated confidence, Brier score."""
    print(title)
    for name in dict.fromkeys(names):
        mine = [p for n, p in zip(names, pairs) if n == name]
        n, mean, share, brier = scoring.calibration_summary(mine)
        print(f"  {name:<14} {n:>5} events, {evaluate._f(share)} right, mean calibrated {evaluate._f(mean)}, "
              f"Brier {evaluate._f(brier)}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=default_data())
    ap.add_argument("--sets", default=",".join(FIT_SETS), help="PLOVER-typed gold sets to fit on")
    ap.add_argument("--prior", type=float, default=None,
                    help="shrinkage toward the pooled share, in events (default: chosen by the nested check)")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--out", type=Path, default=REPO / "src" / "detente" / "data" / "coding" / "calibration.csv")
    ap.add_argument("--dry-run", action="store_true", help="fit and print, write nothing")
    ap.add_argument("--no-blind", action="store_true",
                    help="do not score the blind halves (while choosing settings, look at the tuning halves only)")
    args = ap.parse_args(argv)

    from detente.coding import Coder
    from detente.coding.calibration import EventFeatures

    names = [n for n in args.sets.split(",") if n]
    coder = Coder()
    tune: list[tuple] = []
    groups: list[str] = []
    blind_events: list[tuple] = []
    used = []
    import tempfile
    with tempfile.TemporaryDirectory(prefix="detente-calibrate-") as tmp:
        for gold in evaluate.load_sets(names, args.data, Path(tmp)):
            if gold.scheme != "plover":
                print(f"skipped {gold.name}: not scored by PLOVER type")
                continue
            result = evaluate.code_set(gold, coder, args.data)
            halves = evaluate.half_records(result)
            for half, recs in halves.items():
                for r in recs:
                    outcome = scoring.score_sentence(r.events, result.coded[r.key])
                    for event, coded, ok in zip(result.events[r.key], result.coded[r.key], outcome.correct):
                        sample = (EventFeatures.of(event), ok, coded.confidence, gold.name)
                        if half == TUNE:
                            tune.append(sample)
                            groups.append(f"{gold.name}|{r.key}")
                        elif half == BLIND:
                            blind_events.append(sample)
            used.append(f"{gold.name} ({sum(1 for r in gold.records if r.half == TUNE)} tuning records)")
    if not tune:
        print("no tuning events: nothing to fit")
        return 0
    samples = [(f, ok) for f, ok, _, _ in tune]
    if args.prior is None:
        args.prior, lines = choose_prior(samples, groups, args.folds)
        print("choosing the prior on the tuning halves (target: events at >= 0.8 at least 80% right):")
        for line in lines:
            print("  " + line)
        how = "chosen by a nested check on the tuning halves"
    else:
        how = "given"
    provenance = [
        "Calibrated confidence for coded events: read by detente.coding.calibration.",
        f"Fitted by benchmarks/calibrate.py, coder at {git_state()}, full pipeline.",
        f"Tuning halves only: {', '.join(used)}; {len(samples)} events, {sum(ok for _, ok in samples)} right "
        "(PLOVER type, source and target of a gold event of the sentence).",
        f"Method: log-odds weights per feature value shrunk toward the pooled share (prior {args.prior:g} events, {how}); "
        f"isotonic regression (scikit-learn) of right/wrong on {args.folds}-fold out-of-fold scores, "
        f"its blocks shrunk toward the pooled share by the same prior and made monotone again.",
        "part=intercept: score starts here; part=weight: add when the event has feature=value; "
        "part=knot: (score, calibrated confidence), linear between knots, flat beyond.",
    ]
    table, oof = fit(samples, groups, args.prior, args.folds, provenance)
    print(f"fitted on {len(samples)} tuning events ({', '.join(used)}); {len(table.weights)} feature values, "
          f"{len(table.knots)} knots")
    oof_cal = [table.confidence_at(s) for s in oof]
    _print_table("tuning halves: share right by confidence",
                 {"raw": [(c, ok) for _, ok, c, _ in tune],
                  "calibrated, out-of-fold": list(zip(oof_cal, [ok for _, ok in samples])),
                  "calibrated, in-sample": [(table.calibrate(f), ok) for f, ok in samples]})
    _print_by_set("tuning halves by set (calibrated out-of-fold)", [t[3] for t in tune],
                  list(zip(oof_cal, [ok for _, ok in samples])))
    if blind_events and not args.no_blind:
        _print_table("blind halves (aggregates): share right by confidence",
                     {"raw": [(c, ok) for _, ok, c, _ in blind_events],
                      "calibrated": [(table.calibrate(f), ok) for f, ok, _, _ in blind_events]})
        _print_by_set("blind halves by set (calibrated)", [b[3] for b in blind_events],
                      [(table.calibrate(f), ok) for f, ok, _, _ in blind_events])
    if args.dry_run:
        return 0
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(table.to_csv(), encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
