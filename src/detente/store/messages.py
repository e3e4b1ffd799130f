"""Messages of the store and the importers (catalogue block E3xx).

Kept here, not in ``detente.errors``, because that catalogue did not exist when this
package was written; the codes are reserved for store/import and can be moved as a block.
Each message says what happened, where, and what to do.
"""
from __future__ import annotations

MESSAGES: dict[str, str] = {
    # store
    "E301": "No event store at {path}. Create one with `detente ingest ... --db {path}` or open it without read_only.",
    "E302": "Cannot open the event store {path}: {reason}. Another detente process may be writing to it; "
            "only one writer is allowed (readers use read_only=True).",
    "E303": "{path}: the events table is missing columns {columns}; it must have the columns of EVENT_ARROW_SCHEMA.",
    "E304": "Unknown export format {format!r}; use one of {formats}.",
    # import (detente.interop)
    "E310": "expected {expected} tab-separated columns, found {found}{hint}; row skipped",
    "E311": "bad date {value!r} in column {column}; row skipped",
    "E312": "unknown CAMEO event code {value!r}; row skipped",
    "E313": "bad number {value!r} in column {column}; row skipped",
    "E314": "unknown PLOVER event type {value!r}; row skipped",
    "E315": "empty event id; row skipped",
    "E316": "cannot tell the format of {path}; pass format='gdelt', 'icews' or 'polecat'",
    "E317": "{path}: the header lacks the required columns {columns}; is this a {origin} file?",
    "E318": "{path}: cannot read the file: {reason}",
    # corpus ingest
    "E320": "coding failed for a batch of {n} stories starting with {first}: {reason}",
}


def msg(code: str, **kw: object) -> str:
    """The message for ``code`` with its fields filled in, prefixed by the code."""
    return f"[{code}] " + MESSAGES[code].format(**kw)


def reason(code: str, **kw: object) -> str:
    """The message text without the code prefix (for :class:`detente.schema.Problem.reason`)."""
    return MESSAGES[code].format(**kw)
