"""The official-text gold set (``tests/fixtures/gold/official_2025.jsonl``), blind as a whole.

About a hundred sentences of the 38 official US-Russia texts of 2025 in
``../shared/data/us-russia-2025/``, hand-coded from the PLOVER manual before the coder ran on
them (see that folder's README).  One JSON object a line: ``id``, ``file``, ``start``/``end``
(character offsets into the file's full text), ``sha1`` (of that substring), ``date`` and
``events`` (``event_type``, ``source``, ``target`` as ISO3 or ``IGO``/``NGO``, ...; empty for a
sentence with no event).

Each text is coded whole, as a user's story (``detente.ingest.read_stories`` on the file, which
handles the header), and a coded event belongs to the gold sentence its trigger lies in.  A
record whose offsets no longer give its sha1 is refused with a message naming it: the text it
was coded from has changed.
"""
from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path
from typing import Optional

from splits import BLIND, TUNE

from . import REPO, GoldEvent, GoldRecord, GoldSet, codes, country_or_body, skip

DEFAULT_PATH = REPO / "tests" / "fixtures" / "gold" / "official_2025.jsonl"
# a second, disjoint set from the same texts that rule writers may read (README there)
TUNE_PATH = REPO / "tests" / "fixtures" / "gold" / "official_2025_tune.jsonl"
TEXTS = "us-russia-2025"


def load_tune(data: Path) -> Optional[GoldSet]:
    """The tuning set of official-text sentences: every record is in the tuning half."""
    return load(data, TUNE_PATH, half=TUNE)


def load(data: Path, path: Path = DEFAULT_PATH, half: str = BLIND) -> Optional[GoldSet]:
    if not path.exists():
        skip(path, "official-text gold")
        return None
    folder = data / TEXTS
    if not folder.is_dir():
        skip(folder, "official-text gold (the texts)")
        return None
    texts: dict[str, str] = {}
    records: list[GoldRecord] = []
    refused: dict[str, int] = {}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        rec = json.loads(line)
        name = rec["file"]
        if name not in texts:
            file = folder / name
            texts[name] = file.read_text(encoding="utf-8") if file.exists() else ""
        piece = texts[name][rec["start"]:rec["end"]]
        if hashlib.sha1(piece.encode("utf-8")).hexdigest() != rec["sha1"]:
            reason = "text file missing" if not texts[name] else "offsets no longer give the record's sha1 (text changed)"
            print(f"refused {path.name}:{n} ({rec['id']}, {name}): {reason}")
            refused[reason] = refused.get(reason, 0) + 1
            continue
        events = tuple(GoldEvent(e["event_type"], codes(e.get("source")), codes(e.get("target")))
                       for e in rec.get("events", []) if e.get("event_type"))
        records.append(GoldRecord(key=rec["id"], record_id=rec["id"], half=half, text="",
                                  events=events, date=date.fromisoformat(rec["date"]) if rec.get("date") else None,
                                  file=name, start=rec["start"], end=rec["end"]))
    blind = half == BLIND
    return GoldSet(name="official" if blind else "official_tune",
                   title=f"official texts 2025 ({path.name}, {'blind' if blind else 'tuning'} as a whole)",
                   scheme="plover", records=records, actor_key=country_or_body,
                   notes=("each text coded whole; an event belongs to the gold sentence its trigger lies in",),
                   excluded=refused, whole_set_blind=blind)


def file_offset(raw: str, story_text: str) -> Optional[int]:
    """Where the story's text starts in the file's text (the reader drops the header and
    keeps the body verbatim); None when the body is not found as it is."""
    at = raw.find(story_text)
    return at if at >= 0 else None
