"""Scoring coded events against gold events: the arithmetic of ``evaluate.py``, kept apart from
coding and printing so the tests can check it on made-up cases.

Definitions (per gold sentence, at one *level* -- PLOVER type, CAMEO code, CAMEO root):

* counted events: for a PLOVER-scored set the coded events that have a PLOVER type (pure
  statements such as CAMEO 010 are outside PLOVER, and its gold cannot hold them); for a
  CAMEO-scored set every coded event.  The *primary* event is the first counted one, in the
  coder's own order (main-clause verbs first).
* type accuracy: the primary event's label equals a gold event's label; for a gold sentence
  with no event, right when nothing is counted.  *+ source + target*: the same gold event
  also accepts the primary event's source and target (a gold event naming no actor on a side
  accepts any).
* a *match* pairs one coded event with one gold event of the same sentence, each used once
  (a maximum one-to-one matching); by label alone, or by label and both actors.
* recall: matched gold events over all gold events.  precision: matched coded events over all
  counted coded events.
* no-event false rate: gold sentences with no event where anything was counted, over all gold
  sentences with no event.
* an event is *correct* (reliability tables, calibration) when some gold event of its sentence
  accepts its label and both its actors -- not exclusive: two coded events may both be right
  about one gold event (the coder's "both sides" split, a repeated mention).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Callable, Iterable, Optional, Sequence

CONFIDENCE_BINS = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0000001)


@dataclass(frozen=True)
class Coded:
    """A coded event reduced to what scoring needs."""

    label: str
    source: Optional[str]
    target: Optional[str]
    confidence: float = 0.5
    calibrated: Optional[float] = None
    rule: str = ""


def identity(label: str) -> str:
    return label


def cameo_root(label: str) -> str:
    return label[:2]


def any_label(label: str) -> str:
    """The level at which only actors count (any coded event stands for any gold event)."""
    return "event"


def actors_accepted(gold, coded: Coded) -> bool:
    return ((not gold.sources or coded.source in gold.sources)
            and (not gold.targets or coded.target in gold.targets))


def max_matching(coded: Sequence[Coded], gold: Sequence, accepts: Callable[[object, Coded], bool]) -> int:
    """Size of a maximum one-to-one matching between coded and gold events (augmenting paths;
    sentences hold a handful of events)."""
    owner: dict[int, int] = {}   # gold index -> coded index

    def augment(ci: int, seen: set[int]) -> bool:
        for gi, g in enumerate(gold):
            if gi in seen or not accepts(g, coded[ci]):
                continue
            seen.add(gi)
            if gi not in owner or augment(owner[gi], seen):
                owner[gi] = ci
                return True
        return False

    return sum(augment(ci, set()) for ci in range(len(coded)))


@dataclass
class Outcome:
    """One gold sentence scored at one level."""

    gold_labels: list[str]
    coded_labels: list[str]
    type_ok: bool
    actors_ok: bool
    matched: int
    matched_actors: int
    correct: list[bool]          # per coded event: some gold event accepts label and actors

    @property
    def n_coded(self) -> int:
        return len(self.coded_labels)

    @property
    def n_gold(self) -> int:
        return len(self.gold_labels)


def score_sentence(gold: Sequence, coded: Sequence[Coded], key: Callable[[str], str] = identity) -> Outcome:
    """Score one sentence's counted coded events against its gold events at the level ``key``."""
    def same(g, c: Coded) -> bool:
        return key(g.label) == key(c.label)

    def same_with_actors(g, c: Coded) -> bool:
        return same(g, c) and actors_accepted(g, c)

    primary = coded[0] if coded else None
    if not gold:
        type_ok = actors_ok = primary is None
    else:
        type_ok = primary is not None and any(same(g, primary) for g in gold)
        actors_ok = primary is not None and any(same_with_actors(g, primary) for g in gold)
    return Outcome(gold_labels=[key(g.label) for g in gold], coded_labels=[key(c.label) for c in coded],
                   type_ok=type_ok, actors_ok=actors_ok,
                   matched=max_matching(coded, gold, same),
                   matched_actors=max_matching(coded, gold, same_with_actors),
                   correct=[any(same_with_actors(g, c) for g in gold) for c in coded])


def _ratio(num: float, den: float) -> Optional[float]:
    return num / den if den else None


@dataclass
class Aggregate:
    n: int = 0
    type_accuracy: Optional[float] = None
    type_actor_accuracy: Optional[float] = None
    recall: Optional[float] = None
    precision: Optional[float] = None
    precision_actors: Optional[float] = None
    no_event_n: int = 0
    no_event_false_rate: Optional[float] = None
    events_per_sentence: Optional[float] = None
    coded_events: int = 0
    gold_events: int = 0
    subsets: dict[str, tuple[int, Optional[float], Optional[float]]] = field(default_factory=dict)


def aggregate(outcomes: Sequence[Outcome], tags: Optional[Sequence[Iterable[str]]] = None,
              subset_tags: Iterable[str] = ()) -> Aggregate:
    """Totals over sentences; ``subset_tags`` (e.g. ``hard``) also get their own type and
    type + actor accuracy, for the sentences carrying that tag in ``tags``."""
    n = len(outcomes)
    coded = sum(o.n_coded for o in outcomes)
    gold = sum(o.n_gold for o in outcomes)
    empty = [o for o in outcomes if not o.n_gold]
    agg = Aggregate(
        n=n,
        type_accuracy=_ratio(sum(o.type_ok for o in outcomes), n),
        type_actor_accuracy=_ratio(sum(o.actors_ok for o in outcomes), n),
        recall=_ratio(sum(o.matched for o in outcomes), gold),
        precision=_ratio(sum(o.matched for o in outcomes), coded),
        precision_actors=_ratio(sum(o.matched_actors for o in outcomes), coded),
        no_event_n=len(empty),
        no_event_false_rate=_ratio(sum(o.n_coded > 0 for o in empty), len(empty)),
        events_per_sentence=_ratio(coded, n),
        coded_events=coded, gold_events=gold)
    for tag in subset_tags:
        sub = [o for o, t in zip(outcomes, tags or [()] * n) if tag in t]
        if sub:
            agg.subsets[tag] = (len(sub), _ratio(sum(o.type_ok for o in sub), len(sub)),
                                _ratio(sum(o.actors_ok for o in sub), len(sub)))
    return agg


def per_label(outcomes: Sequence[Outcome]) -> dict[str, tuple[Optional[float], Optional[float], int]]:
    """Per gold/coded label: (precision, recall, number of gold events), from the label
    matching (within a sentence, matched events of a label = the smaller of its two counts)."""
    tp: Counter = Counter()
    n_coded: Counter = Counter()
    n_gold: Counter = Counter()
    for o in outcomes:
        c, g = Counter(o.coded_labels), Counter(o.gold_labels)
        n_coded.update(c)
        n_gold.update(g)
        for label in c.keys() & g.keys():
            tp[label] += min(c[label], g[label])
    labels = sorted(n_coded.keys() | n_gold.keys())
    return {lb: (_ratio(tp[lb], n_coded[lb]), _ratio(tp[lb], n_gold[lb]), n_gold[lb]) for lb in labels}


def reliability(pairs: Iterable[tuple[float, bool]], bins: Sequence[float] = CONFIDENCE_BINS
                ) -> list[tuple[float, float, int, Optional[float]]]:
    """(low, high, n events, share correct) for each confidence bin, from (confidence, correct)."""
    rows = []
    pairs = list(pairs)
    for lo, hi in zip(bins, bins[1:]):
        inside = [ok for c, ok in pairs if lo <= c < hi]
        rows.append((lo, min(hi, 1.0), len(inside), _ratio(sum(inside), len(inside))))
    return rows


def share_correct_at_least(pairs: Iterable[tuple[float, bool]], threshold: float) -> tuple[int, Optional[float]]:
    above = [ok for c, ok in pairs if c >= threshold]
    return len(above), _ratio(sum(above), len(above))


def calibration_summary(pairs: Iterable[tuple[float, bool]]) -> tuple[int, Optional[float], Optional[float], Optional[float]]:
    """(n, mean confidence, share correct, Brier score) of (confidence, correct) pairs."""
    pairs = list(pairs)
    n = len(pairs)
    return (n, _ratio(sum(c for c, _ in pairs), n), _ratio(sum(ok for _, ok in pairs), n),
            _ratio(sum((c - ok) ** 2 for c, ok in pairs), n))
