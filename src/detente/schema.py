"""The public records detente passes between stages, and the event schema users rely on.

Stages talk through these small typed records and through Arrow tables built from them (in
the column layout of :data:`detente.ontology.EVENT_ARROW_SCHEMA`, re-exported here).  The JSON
form of :class:`Event` is the public, stable event schema; :func:`event_json_schema` emits it as
JSON Schema, generated from the pydantic models at the end of this module (and committed as
``docs/event.schema.json``).
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date as Date
from typing import Annotated, Any, Iterable, Literal, Optional

import pyarrow as pa
import pyarrow.compute as pc
from pydantic import BaseModel, ConfigDict, Field

from .errors import Problem
from .ontology.columns import (ACTOR_FIELDS, DATE_PRECISIONS, EVENT_ARROW_SCHEMA, EVENT_COLUMNS,
                               MENTION_ARROW_SCHEMA, PLOVER_TYPES)

SCHEMA_VERSION = "1.1"   # 1.1: issues
DatePrecision = Literal[DATE_PRECISIONS]  # type: ignore[valid-type]

__all__ = ["ACTOR_FIELDS", "Actor", "ActorJson", "CodedStory", "DATE_PRECISIONS", "EVENT_ARROW_SCHEMA", "EVENT_COLUMNS",
           "CSV_LIST_SEPARATOR", "Event", "EventJson", "Location", "LocationJson", "MENTION_ARROW_SCHEMA", "PLOVER_TYPES", "Problem", "SCHEMA_VERSION", "Story",
           "csv_table", "dumps_events", "event_json_schema", "events_to_arrow", "first_day", "row_to_event_json"]


@dataclass
class Story:
    """One news story as read from an input file (before any NLP)."""

    id: str
    text: str
    title: Optional[str] = None
    date: Optional[Date] = None          # publication date, when known
    url: Optional[str] = None
    source: Optional[str] = None         # publisher / outlet
    path: Optional[str] = None           # file it came from ("-" for stdin)
    line: Optional[int] = None           # 1-based row/line in that file, for JSONL/CSV
    speaker: Optional[str] = None        # who speaks in the first person (a statement's author): words naming them

    @staticmethod
    def content_id(text: str, title: Optional[str] = None) -> str:
        """A stable id from the content, used when the input gives none."""
        h = hashlib.sha1(((title or "") + "\n" + text).encode("utf-8")).hexdigest()
        return "h" + h[:16]

    @property
    def content_hash(self) -> str:
        return hashlib.sha1(((self.title or "") + "\n" + self.text).encode("utf-8")).hexdigest()


@dataclass
class Actor:
    """A resolved actor. ``country`` is ISO 3166 alpha-3, or None for IGOs/unknown."""

    text: str                            # the words in the sentence
    name: Optional[str] = None           # canonical name: "Sergey Lavrov", "Russia", "NATO"
    country: Optional[str] = None
    sector: Optional[str] = None         # CAMEO agent code: GOV, MIL, BUS, IGO, ...
    code: Optional[str] = None           # CAMEO-style actor code: "RUSGOV", "IGOUNO"
    role: Optional[str] = None           # for people: office held on the event date
    inferred: bool = False               # country taken from context, not from the phrase

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "name": self.name, "country": self.country,
                "sector": self.sector, "code": self.code}


@dataclass
class Location:
    name: str
    country: Optional[str] = None

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "country": self.country}


@dataclass
class Event:
    """One coded event. ``to_json`` gives the public schema."""

    event_id: str
    story_id: str
    sentence_id: int
    sentence: str
    span: tuple[int, int]                # character offsets of the sentence in the story
    date: Optional[str]                  # "2025-04-10" | "2025-04" | "2025" | None
    date_precision: str                  # day | month | year | story
    source: Optional[Actor]
    target: Optional[Actor]
    event_type: Optional[str]            # PLOVER type, None for pure statements
    mode: Optional[str]
    context: Optional[str]
    cameo: str
    goldstein: float
    quad_class: int
    location: Optional[Location] = None
    rule: str = ""
    confidence: float = 0.5
    trigger: Optional[str] = None        # the words that triggered the rule
    negated: bool = False
    issues: list[str] = field(default_factory=list)   # issue ids (data/analysis/issues.yaml)

    @staticmethod
    def make_id(story_id: str, trigger_start: int, cameo: str, source_code: str | None,
                target_code: str | None) -> str:
        """Deterministic id from the story, the trigger's character offset in the story, the
        code and the actors: re-coding the same story yields the same ids (idempotence)."""
        key = f"{story_id}|{trigger_start}|{cameo}|{source_code}|{target_code}"
        return "e" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]

    def to_json(self) -> dict[str, Any]:
        return {
            "event_id": self.event_id,
            "story_id": self.story_id,
            "sentence_id": self.sentence_id,
            "sentence": self.sentence,
            "span": [int(self.span[0]), int(self.span[1])],
            "date": self.date,
            "date_precision": self.date_precision,
            "source": self.source.to_json() if self.source else None,
            "target": self.target.to_json() if self.target else None,
            "event_type": self.event_type,
            "mode": self.mode,
            "context": self.context,
            "cameo": self.cameo,
            "goldstein": self.goldstein,
            "quad_class": self.quad_class,
            "location": self.location.to_json() if self.location else None,
            "issues": list(self.issues),
            "rule": self.rule,
            "confidence": round(float(self.confidence), 3),
        }


@dataclass
class CodedStory:
    """What the coder returns for one story: its events and how often each country is named.

    ``country_mentions`` feeds the volume normalisation in the analytics (more news about a
    country must not look like more conflict).
    """

    story: Story
    events: list[Event] = field(default_factory=list)
    country_mentions: dict[str, int] = field(default_factory=dict)
    n_sentences: int = 0
    n_words: int = 0


# ---------------------------------------------------------------------------------------
# Arrow: the flat, columnar form used by the store, the exports and the analytics.
# ---------------------------------------------------------------------------------------
def first_day(iso: Optional[str]) -> Optional[Date]:
    """'2025-04-10' -> 2025-04-10; '2025-04' -> 2025-04-01; '2025' -> 2025-01-01."""
    if not iso:
        return None
    parts = iso.split("-")
    try:
        y = int(parts[0])
        m = int(parts[1]) if len(parts) > 1 else 1
        d = int(parts[2]) if len(parts) > 2 else 1
        return Date(y, m, d)
    except (ValueError, IndexError):
        return None


def events_to_arrow(events: Iterable[Event], origin: str = "detente") -> pa.Table:
    cols: dict[str, list] = {f.name: [] for f in EVENT_ARROW_SCHEMA}
    for e in events:
        cols["event_id"].append(e.event_id)
        cols["story_id"].append(e.story_id)
        cols["sentence_id"].append(e.sentence_id)
        cols["sentence"].append(e.sentence)
        cols["span_start"].append(e.span[0])
        cols["span_end"].append(e.span[1])
        cols["date"].append(e.date)
        cols["date_precision"].append(e.date_precision)
        cols["event_date"].append(first_day(e.date))
        for side, actor in (("source", e.source), ("target", e.target)):
            for f in ACTOR_FIELDS:
                cols[f"{side}_{f}"].append(getattr(actor, f) if actor else None)
        cols["event_type"].append(e.event_type)
        cols["mode"].append(e.mode)
        cols["context"].append(e.context)
        cols["cameo"].append(e.cameo)
        cols["goldstein"].append(e.goldstein)
        cols["quad_class"].append(e.quad_class)
        cols["location_name"].append(e.location.name if e.location else None)
        cols["location_country"].append(e.location.country if e.location else None)
        cols["rule"].append(e.rule)
        cols["confidence"].append(e.confidence)
        cols["origin"].append(origin)
        cols["issues"].append(list(e.issues))
    return pa.table(cols, schema=EVENT_ARROW_SCHEMA)


# CSV has no lists: a list column (issues) is written as its items joined by this
CSV_LIST_SEPARATOR = ";"


def csv_table(table: pa.Table) -> pa.Table:
    """``table`` with every list column as its items joined by :data:`CSV_LIST_SEPARATOR`
    (what CSV can hold)."""
    for i, f in enumerate(table.schema):
        if pa.types.is_list(f.type):
            table = table.set_column(i, f.name, pc.binary_join(table.column(i), CSV_LIST_SEPARATOR))
    return table


def row_to_event_json(row: dict[str, Any]) -> dict[str, Any]:
    """A row of the flat Arrow/DuckDB events table back to the public JSON event shape."""

    def actor(side: str) -> Optional[dict[str, Any]]:
        vals = {f: row.get(f"{side}_{f}") for f in ACTOR_FIELDS}
        return vals if any(v is not None for v in vals.values()) else None

    loc = None
    if row.get("location_name"):
        loc = {"name": row["location_name"], "country": row.get("location_country")}
    return {
        "event_id": row["event_id"],
        "story_id": row["story_id"],
        "sentence_id": row.get("sentence_id"),
        "sentence": row.get("sentence"),
        "span": [row.get("span_start"), row.get("span_end")],
        "date": row.get("date"),
        "date_precision": row.get("date_precision"),
        "source": actor("source"),
        "target": actor("target"),
        "event_type": row.get("event_type"),
        "mode": row.get("mode"),
        "context": row.get("context"),
        "cameo": row.get("cameo"),
        "goldstein": row.get("goldstein"),
        "quad_class": row.get("quad_class"),
        "location": loc,
        "issues": list(row.get("issues") or []),
        "rule": row.get("rule"),
        "confidence": row.get("confidence"),
    }


# ---------------------------------------------------------------------------------------
# JSON Schema of the public event object, generated from these models
# ---------------------------------------------------------------------------------------
Iso3 = Annotated[str, Field(pattern=r"^[A-Z]{3}$")]


class _Closed(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ActorJson(_Closed):
    """An actor of the public event object (source or target)."""

    model_config = ConfigDict(title="actor")
    text: str = Field(description="The words in the sentence.")
    name: Optional[str] = Field(description="Canonical name (person, country or organisation).")
    country: Optional[Iso3] = Field(description="ISO 3166-1 alpha-3; null for IGOs and unknown.")
    sector: Optional[str] = Field(description="CAMEO agent code: GOV, MIL, BUS, MED, IGO, OPP, REB, CVL, ...")
    code: Optional[str] = Field(description="CAMEO-style actor code, e.g. RUSGOV.")


class LocationJson(_Closed):
    model_config = ConfigDict(title="location")
    name: str
    country: Optional[Iso3]


class EventJson(_Closed):
    """One political event coded from one sentence of one story."""

    model_config = ConfigDict(title="detente event")
    event_id: str = Field(description="Stable id: the same input always yields the same id.")
    story_id: str
    sentence_id: int = Field(ge=0)
    sentence: str
    span: Annotated[list[Annotated[int, Field(ge=0)]], Field(min_length=2, max_length=2)] = Field(
        description="[start, end) character offsets of the sentence in the story text.")
    date: Optional[Annotated[str, Field(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")]]
    date_precision: DatePrecision = Field(
        description="day/month/year: how precisely the text dates the event; "
                    "story: the sentence has no date of the event's own (none, or one of another clause "
                    "or of a noun), the story's date was used.")
    source: Optional[ActorJson]
    target: Optional[ActorJson]
    event_type: Optional[Literal[PLOVER_TYPES]] = Field(  # type: ignore[valid-type]
        description="PLOVER 2021 event type; null for pure statements (CAMEO 01).")
    mode: Optional[str]
    context: Optional[str]
    cameo: Annotated[str, Field(pattern=r"^\d{2,4}$")]
    goldstein: float = Field(ge=-10, le=10)
    quad_class: int = Field(ge=1, le=4, description="GDELT quad class by CAMEO root: 1 verbal cooperation (01-05), "
                            "2 material cooperation (06-09), 3 verbal conflict (10-14), 4 material conflict (15-20).")
    location: Optional[LocationJson]
    issues: list[Annotated[str, Field(pattern=r"^[a-z0-9_]+$")]] = Field(
        description="What the event is about, found in the event's own clause: ids of the issue taxonomy "
                    "(src/detente/data/analysis/issues.yaml); empty when none was found.")
    rule: str = Field(description="Id of the lexicon pattern / rule that coded the event.")
    confidence: float = Field(ge=0, le=1, description="Calibrated: about this share of the events the coder "
                              "gives this value was right on the gold sets' tuning halves (benchmarks/calibrate.py, "
                              "src/detente/data/coding/calibration.csv); imported rows carry 0.5.")


def event_json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one public event object (:meth:`Event.to_json`)."""
    schema = EventJson.model_json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": "https://detente.invalid/schema/event-" + SCHEMA_VERSION + ".json",
            **schema,
            "description": f"One political event coded from one sentence of one story (schema {SCHEMA_VERSION})."}


def dumps_events(events: Iterable[Event]) -> str:
    return "".join(json.dumps(e.to_json(), ensure_ascii=False) + "\n" for e in events)
