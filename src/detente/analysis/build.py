"""Build an events table from short records (tests, hand-made examples, analyst notes).

Each record needs ``date``, ``source_country``, ``target_country`` (or None) and ``cameo``;
Goldstein, quad class and PLOVER type come from data/ontology/cameo.csv unless given; ``issues``
(a list of issue ids) defaults to none."""
from __future__ import annotations

import hashlib
from typing import Iterable

import pyarrow as pa

from ..ontology import EVENT_ARROW_SCHEMA, cameo_table
from ..schema import first_day


def make_events(records: Iterable[dict], origin: str = "detente") -> pa.Table:
    cols: dict[str, list] = {f.name: [] for f in EVENT_ARROW_SCHEMA}
    for i, r in enumerate(records):
        code = str(r["cameo"]).zfill(3)
        info = cameo_table().get(code) or cameo_table().get(code[:3])
        story = r.get("story_id") or f"s{r['date']}-{i}"
        row = {f.name: r.get(f.name) for f in EVENT_ARROW_SCHEMA}
        row.update({
            "event_id": r.get("event_id") or "e" + hashlib.sha1(f"{story}|{i}|{code}".encode()).hexdigest()[:16],
            "story_id": story, "sentence_id": int(r.get("sentence_id") or 0), "cameo": code,
            "date": str(r["date"]), "date_precision": r.get("date_precision") or "day",
            "event_date": first_day(str(r["date"])),
            "goldstein": float(r["goldstein"]) if r.get("goldstein") not in (None, "") else (info.goldstein if info else 0.0),
            "quad_class": int(r["quad_class"]) if r.get("quad_class") not in (None, "") else (info.quad_class if info else 1),
            "event_type": r.get("event_type") if "event_type" in r else (info.plover_type if info else None),
            "confidence": float(r.get("confidence") or 0.9), "origin": r.get("origin") or origin,
            "rule": r.get("rule") or "manual", "issues": list(r.get("issues") or []),
        })
        for side in ("source", "target"):
            c = r.get(f"{side}_country")
            if c and not row.get(f"{side}_code"):
                row[f"{side}_code"] = c + (r.get(f"{side}_sector") or "")
            if c and not row.get(f"{side}_text"):
                row[f"{side}_text"] = r.get(f"{side}_name") or c
        for k, v in row.items():
            if v == "":
                row[k] = None
        for k in cols:
            cols[k].append(row[k])
    return pa.table(cols, schema=EVENT_ARROW_SCHEMA)
