"""The hand-coded news-style set from the NGEC synthetic stories
(``tests/fixtures/gold/synthetic_news.jsonl``; see ``synthetic_news.md`` there).

About 220 sentences of ~150 LLM-written news stories in
``../shared/data/ngec-plover/gpt_synthetic_events_2023-10-19_19.csv`` (MIT), coded with PLOVER
events and actors from the manual, blind to the coder.  Records hold the story's CSV row and
character offsets into its ``text`` cell (plus the sha1 of that piece), never the text itself.
Each story is coded whole and a coded event belongs to the gold sentence its trigger lies in, as
for the official texts.  The set is split by record id like every other set.
"""
from __future__ import annotations

import csv
import hashlib
import json
import sys
from pathlib import Path
from typing import Optional

from splits import split_of

from . import REPO, GoldEvent, GoldRecord, GoldSet, codes, country_or_body, skip

DEFAULT_PATH = REPO / "tests" / "fixtures" / "gold" / "synthetic_news.jsonl"
CSV_NAME = "ngec-plover/gpt_synthetic_events_2023-10-19_19.csv"


def story_key(row: int) -> str:
    return f"row{row}"


def load(data: Path, path: Path = DEFAULT_PATH) -> Optional[GoldSet]:
    if not path.exists():
        skip(path, "synthetic-news gold")
        return None
    table = data / CSV_NAME
    if not table.exists():
        skip(table, "synthetic-news gold (the stories)")
        return None
    csv.field_size_limit(sys.maxsize)
    with open(table, encoding="utf-8", newline="") as fh:
        rows = [r["text"] for r in csv.DictReader(fh)]
    texts: dict[str, str] = {}
    records: list[GoldRecord] = []
    refused: dict[str, int] = {}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        rec = json.loads(line)
        row = int(rec["row"])
        text = rows[row] if 0 <= row < len(rows) else ""
        if hashlib.sha1(text[rec["start"]:rec["end"]].encode("utf-8")).hexdigest() != rec["sha1"]:
            reason = "offsets no longer give the record's sha1 (story changed)"
            print(f"refused {path.name}:{n} ({rec['id']}): {reason}")
            refused[reason] = refused.get(reason, 0) + 1
            continue
        key = story_key(row)
        texts[key] = text
        events = tuple(GoldEvent(e["event_type"], codes(e.get("source")), codes(e.get("target")))
                       for e in rec.get("events", []) if e.get("event_type"))
        records.append(GoldRecord(key=rec["id"], record_id=rec["id"], half=split_of(rec["id"]), text="",
                                  events=events, file=key, start=rec["start"], end=rec["end"]))
    return GoldSet(name="synthetic", title=f"synthetic news stories ({path.name})", scheme="plover",
                   records=records, actor_key=country_or_body, texts=texts,
                   notes=("each story coded whole; an event belongs to the gold sentence its trigger lies in",
                          "gold source/target '' (country unknown) accepts any actor"),
                   excluded=refused)
