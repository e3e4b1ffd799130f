"""The hand-written newswire gold set (``tests/fixtures/newswire_gold.jsonl``).

60 modern wire-style sentences (2023-2025), one JSON object a line: ``id``, ``date``, ``text``,
``event_type``, ``source``, ``target``, ``note``.  ``event_type`` null marks a sentence with no
event.  ``source``/``target`` are ISO3 codes or ``IGO`` (or a list, any of which is right); a
null target accepts any target.  Notes starting with ``HARD:`` mark the deliberately difficult
items, tagged ``hard`` (their accuracy is reported on its own).
"""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Optional

from splits import split_of

from . import REPO, GoldEvent, GoldRecord, GoldSet, codes, country_or_body, skip

DEFAULT_PATH = REPO / "tests" / "fixtures" / "newswire_gold.jsonl"


def load(path: Path = DEFAULT_PATH) -> Optional[GoldSet]:
    if not path.exists():
        skip(path, "newswire gold")
        return None
    records = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        events = ()
        if rec.get("event_type"):
            events = (GoldEvent(rec["event_type"], codes(rec.get("source")), codes(rec.get("target"))),)
        tags = frozenset({"hard"}) if str(rec.get("note", "")).startswith("HARD") else frozenset()
        day = date.fromisoformat(rec["date"]) if rec.get("date") else None
        records.append(GoldRecord(key=rec["id"], record_id=rec["id"], half=split_of(rec["id"]),
                                  text=rec["text"], events=events, date=day, tags=tags))
    return GoldSet(name="newswire", title=f"newswire gold ({path.name})", scheme="plover",
                   records=records, actor_key=country_or_body)
