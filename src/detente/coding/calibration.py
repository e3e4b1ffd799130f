"""Calibrated confidence: the share of events like this one that were right on the tuning halves.

The table ``detente/data/coding/calibration.csv`` is fitted by ``benchmarks/calibrate.py`` on the
tuning halves of the gold sets (never the blind halves) and read here without scikit-learn.
An event's features come from its own record (:meth:`EventFeatures.of`), so the calibrated value
does not depend on what the coder wrote in ``confidence``:

* ``family`` -- the lexicon pattern's kind and CAMEO root (``verb:04``), from ``rule``;
* ``words`` -- how many words the pattern has (1, 2, 3 or more);
* ``notes`` -- the modality rules that changed the code (``intent``, ``negated``, ``future``,
  ``conditional``, a governing verb's kind ...), or ``none``;
* ``source`` / ``target`` -- ``resolved`` (a country, or a body of a sector listed in
  ``data/coding/calibration.yaml``), ``inferred`` (the country came from context),
  ``unresolved``; ``none`` for a missing target.

Score = the table's intercept (log-odds of an event being right) plus one log-odds weight per
feature value (a value the table does not list weighs 0); the calibrated confidence is the
isotonic (monotone) function of the score the table lists as knots, linear between knots and
flat beyond the ends, as scikit-learn's ``IsotonicRegression.predict`` is.

The coder writes :func:`event_confidence` into every event's ``confidence`` (``assembly.py``).
:func:`heuristic_confidence` is the hand-set score the coder wrote before (pattern words, placed
actors, a target, verb or noun, modality); ``benchmarks/evaluate.py`` prints the reliability of
both, and the coder falls back to it, with a warning, only when the packaged table is missing.
"""
from __future__ import annotations

import bisect
import csv
import functools
import io
import logging
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Optional, Union

from ..datafiles import DataModel, Words, load
from ..errors import DetenteError
from .tables import codes

log = logging.getLogger(__name__)

TABLE_COLUMNS = ("part", "feature", "value", "score", "confidence")
FEATURES = ("family", "words", "notes", "source", "target")


class CalibrationSettings(DataModel):
    """``data/coding/calibration.yaml``: how an event is described for the calibration."""

    placed_sectors: Words


settings = functools.partial(load, CalibrationSettings, "coding", "calibration.yaml")


def rule_parts(rule: str) -> tuple[str, str, int, tuple[str, ...]]:
    """``"verb:040:meet +intent:agree+negated"`` -> ``("verb", "040", 1, ("intent", "negated"))``:
    pattern kind, pattern code, pattern words, the kinds of the modality notes (sorted)."""
    head, _, notes = (rule or "").partition(" +")
    kind, _, rest = head.partition(":")
    code, _, text = rest.partition(":")
    kinds = tuple(sorted({n.split(":", 1)[0] for n in notes.split("+") if n.strip()}))
    return kind, code, max(1, len(text.split())), kinds


def actor_state(actor) -> str:
    if actor is None:
        return "none"
    if actor.country or actor.sector in settings().placed_sectors:
        return "inferred" if actor.inferred else "resolved"
    return "unresolved"


def heuristic_confidence(rule: str, source, target) -> float:
    """The hand-set score: longer patterns, a placed source (a country or an international
    body, not inferred), a target and a verb raise it, modality rules lower it."""
    kind, _, n_words, notes = rule_parts(rule)
    c = 0.45 + 0.08 * (n_words - 1)
    placed = source is not None and (source.country or source.sector == codes().sectors.igo)
    c += 0.15 if placed and not source.inferred else 0.0
    c += 0.15 if target is not None else 0.0
    c += 0.05 if kind == "verb" else 0.0
    c -= 0.05 if notes else 0.0
    return max(0.05, min(0.95, c))


@dataclass(frozen=True)
class EventFeatures:
    family: str
    words: str
    notes: str
    source: str
    target: str

    @classmethod
    def of(cls, event) -> "EventFeatures":
        """The features of a coded :class:`detente.schema.Event`."""
        return cls.of_parts(event.rule, event.source, event.target)

    @classmethod
    def of_parts(cls, rule: str, source, target) -> "EventFeatures":
        """The features of an event with this rule, source and target (before it is made)."""
        kind, code, n_words, notes = rule_parts(rule)
        return cls(family=f"{kind or 'unknown'}:{code[:2] or '??'}", words=str(min(n_words, 3)),
                   notes="+".join(notes) or "none", source=actor_state(source),
                   target=actor_state(target))

    def items(self) -> tuple[tuple[str, str], ...]:
        return tuple((name, getattr(self, name)) for name in FEATURES)


@dataclass(frozen=True)
class CalibrationTable:
    intercept: float
    weights: dict[tuple[str, str], float]
    knots: tuple[tuple[float, float], ...]      # (score, calibrated confidence), score ascending
    provenance: tuple[str, ...] = ()

    def score(self, features: EventFeatures) -> float:
        return self.intercept + sum(self.weights.get(item, 0.0) for item in features.items())

    def confidence_at(self, score: float) -> float:
        xs = [x for x, _ in self.knots]
        if score <= xs[0]:
            return self.knots[0][1]
        if score >= xs[-1]:
            return self.knots[-1][1]
        i = bisect.bisect_right(xs, score)
        (x0, y0), (x1, y1) = self.knots[i - 1], self.knots[i]
        return y0 if x1 == x0 else y0 + (y1 - y0) * (score - x0) / (x1 - x0)

    def calibrate(self, features: EventFeatures) -> float:
        return self.confidence_at(self.score(features))

    # ------------------------------------------------------------------ file format
    @classmethod
    def parse(cls, text: str, where: str) -> "CalibrationTable":
        """Read the CSV (``#`` lines are provenance); a malformed file is ``E206``, a feature
        value given twice ``E207``."""
        provenance = tuple(ln[1:].strip() for ln in text.splitlines() if ln.startswith("#"))
        body = "\n".join(ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#"))
        rows = list(csv.DictReader(io.StringIO(body)))
        if not rows or tuple(rows[0].keys()) != TABLE_COLUMNS:
            raise DetenteError("E206", path=where, error=f"expected the columns {','.join(TABLE_COLUMNS)}")
        intercept = None
        weights: dict[tuple[str, str], float] = {}
        knots = []
        for line, row in enumerate(rows, start=2):
            try:
                if row["part"] == "intercept":
                    intercept = float(row["score"])
                elif row["part"] == "weight":
                    if row["feature"] not in FEATURES:
                        raise ValueError(f"unknown feature {row['feature']!r} (known: {', '.join(FEATURES)})")
                    key = (row["feature"], row["value"])
                    if key in weights:
                        raise DetenteError("E207", path=where, what="feature value", key=":".join(key),
                                           where=f"row {line}")
                    weights[key] = float(row["score"])
                elif row["part"] == "knot":
                    knots.append((float(row["score"]), float(row["confidence"])))
                else:
                    raise ValueError(f"unknown part {row['part']!r}")
            except (TypeError, ValueError) as exc:
                raise DetenteError("E206", path=where, error=f"row {line}: {exc}") from None
        if intercept is None or not knots:
            raise DetenteError("E206", path=where, error="needs an intercept row and at least one knot row")
        knots.sort()
        return cls(intercept, weights, tuple(knots), provenance)

    def to_csv(self) -> str:
        out = io.StringIO()
        for line in self.provenance:
            out.write(f"# {line}\n")
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(TABLE_COLUMNS)
        writer.writerow(["intercept", "", "", f"{self.intercept:.6f}", ""])
        for (feature, value), w in sorted(self.weights.items()):
            writer.writerow(["weight", feature, value, f"{w:.6f}", ""])
        for x, y in self.knots:
            writer.writerow(["knot", "", "", f"{x:.6f}", f"{y:.6f}"])
        return out.getvalue()


def table_path() -> Path:
    return Path(str(resources.files("detente") / "data" / "coding" / "calibration.csv"))


@functools.lru_cache(maxsize=4)
def load_table(path: Optional[str] = None) -> Optional[CalibrationTable]:
    """The calibration table at ``path`` (default: the packaged one); None when there is none."""
    file = Path(path) if path else table_path()
    if not file.is_file():
        return None
    return CalibrationTable.parse(file.read_text(encoding="utf-8"), str(file))


def calibrated_confidence(event_or_features: Union[EventFeatures, object],
                          table: Optional[CalibrationTable] = None) -> float:
    """The calibrated confidence of a coded event (or of its :class:`EventFeatures`): on the
    tuning halves, about this share of events with such features was right."""
    table = table or load_table()
    if table is None:
        raise DetenteError("E206", path=str(table_path()), error="calibration table missing "
                           "(fit it with benchmarks/calibrate.py)")
    features = (event_or_features if isinstance(event_or_features, EventFeatures)
                else EventFeatures.of(event_or_features))
    return table.calibrate(features)


def raw_confidence(event) -> float:
    """:func:`heuristic_confidence` of a coded event (what the coder wrote before calibration)."""
    return heuristic_confidence(event.rule, event.source, event.target)


@functools.lru_cache(maxsize=1)
def _warn_no_table() -> None:
    log.warning("calibration table %s missing: events get the uncalibrated heuristic confidence "
                "(fit it with benchmarks/calibrate.py)", table_path())


def event_confidence(rule: str, source, target) -> float:
    """The ``confidence`` the coder gives an event with this rule, source and target: the
    calibrated value from the packaged table, or the heuristic with a warning when the table is
    missing (as while ``benchmarks/calibrate.py`` fits the first one)."""
    table = load_table()
    if table is None:
        _warn_no_table()
        return heuristic_confidence(rule, source, target)
    return table.calibrate(EventFeatures.of_parts(rule, source, target))
