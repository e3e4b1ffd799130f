"""Gold sets for ``benchmarks/evaluate.py``, read into one shape.

Each loader (``plover``, ``newswire``, ``petrarch``, ``synthetic``, ``headlines``, ``official``)
turns its file into a :class:`GoldSet`: records with zero or more :class:`GoldEvent` each (zero =
a sentence that reports no event), the half each record falls in (``splits.split_of`` on the
record id, or blind for a set that is blind as a whole), and how the set is scored -- PLOVER types or CAMEO
codes, and how actor codes compare.  The loaders only read; coding and scoring live in
``evaluate.py`` and ``scoring.py``.

A file that is absent gives ``None`` and a skip message, so a checkout without ``../shared``
still runs what it can.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Callable, Optional

BENCHMARKS = Path(__file__).resolve().parents[1]
REPO = BENCHMARKS.parent


def default_data() -> Path:
    """``../shared/data`` beside the checkout."""
    return REPO.parent / "shared" / "data"


@dataclass(frozen=True)
class GoldEvent:
    """One gold event.  ``label`` is a PLOVER type or a CAMEO code (see ``GoldSet.scheme``);
    ``sources``/``targets`` are the actor keys any of which is right (empty = any actor is
    accepted: gold names no actor there)."""

    label: str
    sources: frozenset[str] = frozenset()
    targets: frozenset[str] = frozenset()


@dataclass(frozen=True)
class GoldRecord:
    """One gold sentence.  ``key`` is unique within the set; ``record_id`` is the id the
    split is taken on (two records may share one, e.g. a duplicated id in a source file)."""

    key: str
    record_id: str
    half: str
    text: str
    events: tuple[GoldEvent, ...]
    date: Optional[date] = None
    tags: frozenset[str] = frozenset()
    # where the sentence lies when it is part of a longer story (official texts): file name
    # and character offsets into the file's text
    file: Optional[str] = None
    start: Optional[int] = None
    end: Optional[int] = None


@dataclass
class GoldSet:
    """A gold set ready to score.

    ``scheme`` is ``"plover"`` (labels are PLOVER types; only coded events with a PLOVER type
    count) or ``"dyad"`` (only the event's presence and its actors are scored; labels are the
    gold set's own codes, compared for information; every coded event counts).  ``actor_key``
    turns a coded :class:`detente.schema.Actor` into the key gold codes are compared with.
    ``coder_options`` are extra ``Coder(...)`` keyword arguments the set needs (the PETRARCH
    set's fictional actors).  ``notes`` are printed under the set's heading; ``excluded``
    counts records left out, by reason.
    """

    name: str
    title: str
    scheme: str
    records: list[GoldRecord]
    actor_key: Callable[[object], Optional[str]]
    coder_options: dict = field(default_factory=dict)
    notes: tuple[str, ...] = ()
    excluded: dict[str, int] = field(default_factory=dict)
    whole_set_blind: bool = False
    # story texts by the records' ``file`` key, for sets whose stories are not files in
    # ``../shared/data/us-russia-2025`` (each coded whole, offsets from the text's start)
    texts: dict[str, str] = field(default_factory=dict)


def country_or_body(actor) -> Optional[str]:
    """The actor key most gold sets use: the ISO3 country, else ``IGO``/``NGO`` for an
    international body, else None (unresolved)."""
    if actor is None:
        return None
    if actor.country:
        return actor.country
    if actor.sector in ("IGO", "NGO"):
        return actor.sector
    return None


def codes(value) -> frozenset[str]:
    """Gold actor codes written as one code, a list of codes (any is right) or nothing."""
    if not value:
        return frozenset()
    if isinstance(value, str):
        return frozenset({value})
    return frozenset(c for c in value if c)


def skip(path: Path, what: str) -> None:
    print(f"skipped {what}: file not found at {path}")
