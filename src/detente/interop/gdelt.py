"""GDELT 2.0 event exports: import (61-column TSV, no header) and export in the same layout.

Column layout follows the GDELT 2.0 Event Database Data Format Codebook (V2.0, 2/19/2015).
"""
from __future__ import annotations

import hashlib
from datetime import date as Date
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable, Iterator, Optional

import pyarrow as pa

from ..ontology import country_code, lookup, normalize_cameo, resolve_country
from .common import (BadRow, ReadStats, finish_row, new_row, parse_day, parse_goldstein, read_tsv, set_event,
                     DEFAULT_CHUNK_ROWS)

_ACTOR = ["Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
          "Religion2Code", "Type1Code", "Type2Code", "Type3Code"]
_GEO = ["Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID"]

GDELT_COLUMNS: tuple[str, ...] = (
    "GlobalEventID", "Day", "MonthYear", "Year", "FractionDate",
    *[f"Actor1{c}" for c in _ACTOR], *[f"Actor2{c}" for c in _ACTOR],
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *[f"Actor1Geo_{c}" for c in _GEO], *[f"Actor2Geo_{c}" for c in _GEO], *[f"ActionGeo_{c}" for c in _GEO],
    "DATEADDED", "SOURCEURL",
)
assert len(GDELT_COLUMNS) == 61
COL = {name: i for i, name in enumerate(GDELT_COLUMNS)}

ORIGIN = "gdelt"


def story_id_for_url(url: str) -> str:
    return "gdelt:u" + hashlib.sha1(url.encode("utf-8")).hexdigest()[:16]


def parse_gdelt_row(f: list[str], lineno: int) -> dict[str, Any]:
    eid = f[COL["GlobalEventID"]].strip()
    if not eid:
        raise BadRow("E315")
    day = parse_day(f[COL["Day"]], "Day")
    code = normalize_cameo(f[COL["EventCode"]])
    if code is None:
        raise BadRow("E312", value=f[COL["EventCode"]])
    info = lookup(code)
    goldstein = parse_goldstein(f[COL["GoldsteinScale"]], "GoldsteinScale", info.goldstein)
    quad = f[COL["QuadClass"]].strip()
    if quad and quad not in ("1", "2", "3", "4"):
        raise BadRow("E313", value=quad, column="QuadClass")
    url = f[COL["SOURCEURL"]].strip() or None
    r = new_row(ORIGIN, eid, story_id_for_url(url) if url else None, day, url)
    for side, n in (("source", "1"), ("target", "2")):
        name = f[COL[f"Actor{n}Name"]].strip() or None
        code_a = f[COL[f"Actor{n}Code"]].strip() or None
        r[f"{side}_text"] = name
        r[f"{side}_name"] = name
        r[f"{side}_country"] = resolve_country(f[COL[f"Actor{n}CountryCode"]], "cameo")
        r[f"{side}_sector"] = f[COL[f"Actor{n}Type1Code"]].strip() or None
        r[f"{side}_code"] = code_a
    set_event(r, code, info, goldstein=goldstein, quad_class=int(quad) if quad else None)
    return finish_row(r, f[COL["ActionGeo_FullName"]].strip() or None, f[COL["ActionGeo_CountryCode"]], ORIGIN,
                      scheme="fips")


def read_gdelt(path: str | Path, *, problems: Optional[list] = None, stats: Optional[ReadStats] = None,
               chunk_rows: int = DEFAULT_CHUNK_ROWS) -> Iterator[pa.Table]:
    """Stream a GDELT 2.0 ``*.export.CSV`` (optionally .zip/.gz) as Arrow event tables."""
    return read_tsv(path, parse_gdelt_row, n_columns=61, problems=problems, stats=stats,
                    chunk_rows=chunk_rows)


# ------------------------------------------------------------------------------ export
def gdelt_event_id(event_id: str) -> int:
    """GlobalEventID for a detente event id: the number of an imported GDELT event, else a
    stable 60-bit integer derived from the id (GDELT tools expect an integer)."""
    if event_id.startswith("gdelt:") and event_id[6:].isdigit():
        return int(event_id[6:])
    return int(hashlib.sha1(event_id.encode("utf-8")).hexdigest()[:15], 16)


def _clean(v: Any) -> str:
    if v is None:
        return ""
    return str(v).replace("\t", " ").replace("\r", " ").replace("\n", " ")


def _actor_code(row: dict[str, Any], side: str) -> str:
    code = row.get(f"{side}_code")
    if code:
        return code
    return country_code(row.get(f"{side}_country"), "cameo") + (row.get(f"{side}_sector") or "")


def gdelt_fields(row: dict[str, Any], dateadded: str) -> list[str]:
    """One events-table row (plus optional ``story_url``) as the 61 GDELT 2.0 fields."""
    out = [""] * 61
    d: Optional[Date] = row.get("event_date")
    out[COL["GlobalEventID"]] = str(gdelt_event_id(row["event_id"]))
    if d is not None:
        out[COL["Day"]] = d.strftime("%Y%m%d")
        out[COL["MonthYear"]] = d.strftime("%Y%m")
        out[COL["Year"]] = str(d.year)
        out[COL["FractionDate"]] = f"{d.year + (d.timetuple().tm_yday - 1) / 365:.4f}"
    for side, n in (("source", "1"), ("target", "2")):
        out[COL[f"Actor{n}Code"]] = _clean(_actor_code(row, side))
        name = row.get(f"{side}_name") or row.get(f"{side}_text")
        out[COL[f"Actor{n}Name"]] = _clean(name.upper() if name else None)
        out[COL[f"Actor{n}CountryCode"]] = country_code(row.get(f"{side}_country"), "cameo")
        out[COL[f"Actor{n}Type1Code"]] = _clean(row.get(f"{side}_sector"))
        out[COL[f"Actor{n}Geo_Type"]] = "0"
    out[COL["IsRootEvent"]] = "1" if row.get("sentence_id") in (0, None) else "0"
    cameo = row.get("cameo") or ""
    out[COL["EventCode"]] = cameo
    out[COL["EventBaseCode"]] = cameo[:3]
    out[COL["EventRootCode"]] = cameo[:2]
    out[COL["QuadClass"]] = "" if row.get("quad_class") is None else str(int(row["quad_class"]))
    out[COL["GoldsteinScale"]] = "" if row.get("goldstein") is None else f"{float(row['goldstein']):g}"
    # rows from the store's unique_events view carry the counts of one real-world event
    out[COL["NumMentions"]] = str(int(row.get("num_mentions") or 1))
    out[COL["NumSources"]] = str(int(row.get("num_sources") or 1))
    out[COL["NumArticles"]] = str(int(row.get("num_stories") or 1))
    out[COL["AvgTone"]] = "0"
    loc_country = row.get("location_country")
    out[COL["ActionGeo_Type"]] = "1" if loc_country else "0"
    out[COL["ActionGeo_FullName"]] = _clean(row.get("location_name"))
    out[COL["ActionGeo_CountryCode"]] = country_code(loc_country, "fips")
    out[COL["DATEADDED"]] = dateadded
    url = row.get("story_url")
    if not url and row.get("origin") == ORIGIN:
        url = row.get("sentence")          # imported GDELT rows keep SOURCEURL in `sentence`
    out[COL["SOURCEURL"]] = _clean(url)
    return out


def write_gdelt(batches: Iterable[pa.RecordBatch | pa.Table], path: str | Path) -> int:
    """Write events (Arrow batches of the events table, optionally with ``story_url``) as a
    GDELT 2.0 event export: 61 tab-separated columns, no header. Returns rows written."""
    dateadded = datetime.now(timezone.utc).strftime("%Y%m%d%H%M%S")
    n = 0
    with open(path, "w", encoding="utf-8", newline="") as fh:
        for batch in batches:
            for row in batch.to_pylist():
                fh.write("\t".join(gdelt_fields(row, dateadded)) + "\n")
                n += 1
    return n
