"""The PLOVER gold-standard development records (``plover/PLOVER_GSR_CAMEO.dev.json``).

198 sentences from the CAMEO manual's examples, PLOVER-labelled (CC BY-SA; read by path, never
copied).  One labelled event per sentence, so a second correct event the coder finds counts
against precision: on this set precision is a lower bound.  Older PLOVER labels are mapped to
the 2021 set (DEMAND->REQUEST, DISAPPROVE and INVESTIGATE->ACCUSE, FIGHT->ASSAULT); the file's
one CAMEO country code (JAP) is mapped to its ISO3 code.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

from splits import split_of

from . import GoldEvent, GoldRecord, GoldSet, country_or_body, skip

RELATIVE_PATH = ("plover", "PLOVER_GSR_CAMEO.dev.json")
LABEL_MAP = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
CODE_FIX = {"JAP": "JPN"}


def _codes(side) -> frozenset[str]:
    if not side or isinstance(side, str):
        return frozenset()
    return frozenset(CODE_FIX.get(a.get("code", ""), a.get("code", "")) for a in side if a.get("code"))


def load(data: Path) -> Optional[GoldSet]:
    path = data.joinpath(*RELATIVE_PATH)
    if not path.exists():
        skip(path, "PLOVER dev records")
        return None
    records = []
    for rec in json.loads(path.read_text(encoding="utf-8")):
        if rec.get("event") == "DOCUMENT":
            continue
        label = LABEL_MAP.get(rec["event"], rec["event"])
        event = GoldEvent(label, _codes(rec.get("source")), _codes(rec.get("target")))
        records.append(GoldRecord(key=rec["id"], record_id=rec["id"], half=split_of(rec["id"]),
                                  text=rec["text"], events=(event,)))
    return GoldSet(name="plover", title=f"PLOVER dev records ({path.name})", scheme="plover",
                   records=records, actor_key=country_or_body,
                   notes=("one gold event per sentence: precision is a lower bound here",))
