"""ICEWS coded event files (Dataverse ``events.YYYY.*.tab``): tab-separated, with a header.

Columns used (by header name, any order): Event ID, Event Date, Source Name, Source Sectors,
Source Country, Event Text, CAMEO Code, Intensity, Target Name, Target Sectors, Target Country,
Story ID, Sentence Number, Publisher, City, District, Province, Country, Latitude, Longitude.
Countries are full names ("Russian Federation"); they are mapped to ISO3.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator, Optional

import pyarrow as pa

from ..ontology import lookup, normalize_cameo, resolve_country
from .common import (finish_row, new_row, set_actor, set_event, BadRow, HeaderIndex, ReadStats,
                     loc_name, parse_day, parse_goldstein,
                     read_headed_tsv, sector_to_agent, DEFAULT_CHUNK_ROWS)

ORIGIN = "icews"
REQUIRED = ("Event ID", "Event Date", "CAMEO Code")


def _parser(h: HeaderIndex):
    g = {k: h.getter(k) for k in (
        "Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text",
        "CAMEO Code", "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID",
        "Sentence Number", "Publisher", "City", "District", "Province", "Country")}

    def parse(f: list[str], lineno: int) -> dict[str, Any]:
        eid = g["Event ID"](f)
        if not eid:
            raise BadRow("E315")
        day = parse_day(g["Event Date"](f), "Event Date")
        raw_code = g["CAMEO Code"](f)
        code = normalize_cameo(raw_code)
        if code is None:
            raise BadRow("E312", value=raw_code)
        info = lookup(code)
        story = g["Story ID"](f)
        r = new_row(ORIGIN, eid, f"{ORIGIN}:{story}" if story else None, day, g["Event Text"](f) or None)
        sn = g["Sentence Number"](f)
        r["sentence_id"] = int(sn) if sn.isdigit() else None
        for side, p in (("source", "Source"), ("target", "Target")):
            name = g[f"{p} Name"](f) or None
            iso3 = resolve_country(g[f"{p} Country"](f))
            agent = sector_to_agent(g[f"{p} Sectors"](f))
            set_actor(r, side, name, iso3, agent)
        set_event(r, code, info, goldstein=parse_goldstein(g["Intensity"](f), "Intensity", info.goldstein))
        country = g["Country"](f)
        return finish_row(r, loc_name(g["City"](f), g["District"](f), g["Province"](f), country), country, ORIGIN)

    return parse


def read_icews(path: str | Path, *, problems: Optional[list] = None, stats: Optional[ReadStats] = None,
               chunk_rows: int = DEFAULT_CHUNK_ROWS) -> Iterator[pa.Table]:
    return read_headed_tsv(path, _parser, REQUIRED, "ICEWS", problems=problems, stats=stats,
                           chunk_rows=chunk_rows)
