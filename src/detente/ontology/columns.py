"""The event column layout: the flat Arrow schema of one event row (what the store keeps, the
exports write and the analytics read), its column names, and the closed vocabularies two of its
columns take (PLOVER event types, date precisions).  Defined once, here."""
from __future__ import annotations

import pyarrow as pa

PLOVER_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
DATE_PRECISIONS: tuple[str, ...] = ("day", "month", "year", "story")

# an actor is five columns per side: source_text ... source_code, target_text ... target_code
ACTOR_FIELDS: tuple[str, ...] = ("text", "name", "country", "sector", "code")

EVENT_ARROW_SCHEMA = pa.schema(
    [
        pa.field("event_id", pa.string(), nullable=False),
        pa.field("story_id", pa.string(), nullable=False),
        pa.field("sentence_id", pa.int32()),
        pa.field("sentence", pa.string()),
        pa.field("span_start", pa.int32()),
        pa.field("span_end", pa.int32()),
        pa.field("date", pa.string()),            # ISO, possibly partial
        pa.field("date_precision", pa.string()),
        pa.field("event_date", pa.date32()),      # first day of ``date``: for range queries
        *[pa.field(f"source_{f}", pa.string()) for f in ACTOR_FIELDS],
        *[pa.field(f"target_{f}", pa.string()) for f in ACTOR_FIELDS],
        pa.field("event_type", pa.string()),
        pa.field("mode", pa.string()),
        pa.field("context", pa.string()),
        pa.field("cameo", pa.string()),
        pa.field("goldstein", pa.float64()),
        pa.field("quad_class", pa.int8()),
        pa.field("location_name", pa.string()),
        pa.field("location_country", pa.string()),
        pa.field("rule", pa.string()),
        pa.field("confidence", pa.float64()),
        pa.field("origin", pa.string()),          # detente | gdelt | icews | polecat
        # what the event is about: ids of data/analysis/issues.yaml, [] when none was found
        # (and for imported rows, whose data sets carry no issues); last, because stores
        # written before it gained the column at the end (schema 3)
        pa.field("issues", pa.list_(pa.string())),
    ]
)
EVENT_COLUMNS: tuple[str, ...] = tuple(EVENT_ARROW_SCHEMA.names)

# how often each country is named in a story: the coverage volume the analytics normalise by
MENTION_ARROW_SCHEMA = pa.schema(
    [
        pa.field("story_id", pa.string(), nullable=False),
        pa.field("event_date", pa.date32()),
        pa.field("country", pa.string()),
        pa.field("n", pa.int32()),
    ]
)
