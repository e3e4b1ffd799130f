"""POLECAT (PLOVER-coded) event files: tab-separated, with a header, read by column NAME.

Accepted columns (case/spacing-insensitive; order free; extra columns ignored):
  required: Event ID, Event Date, Event Type
  used:     Story Date, Event Mode, Contexts, Actor Name, Actor Country (ISO3), Primary Actor Sector,
            Actor Sectors, Recipient Name, Recipient Country (ISO3), Primary Recipient Sector (or
            Recipient Primary Sector), Recipient Sectors, Placename, City, State, Country, Headline,
            Story ID
  ignored:  Actor COW, Recipient COW, Latitude, Longitude, Source, Publication Date, Language,
            Version, Wikipedia ids, raw names, titles, GeoNames ID, Feature Type, ...
POLECAT has no CAMEO code: the event gets the representative CAMEO code of its PLOVER
type+mode (data/interop/plover_cameo.csv), and Goldstein/quad class of that code.  The
PLOVER type, mode and contexts themselves are kept as given.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Iterator, Optional

import pyarrow as pa

from ..ontology import PLOVER_TYPES, lookup, resolve_country
from .common import (finish_row, new_row, set_actor, set_event, BadRow, HeaderIndex, ReadStats,
                     loc_name, parse_day, plover_to_cameo, read_headed_tsv,
                     sector_to_agent, DEFAULT_CHUNK_ROWS)

ORIGIN = "polecat"
REQUIRED = ("Event ID", "Event Date", "Event Type")


def _first(v: str) -> str:
    return re.split(r"[;,|]", v)[0].strip() if v else ""


def _parser(h: HeaderIndex):
    g = {k: h.getter(*k.split("/")) for k in (
        "Event ID", "Story Date", "Event Date", "Event Type", "Event Mode", "Contexts", "Actor Name",
        "Actor Country", "Primary Actor Sector", "Actor Sectors", "Recipient Name", "Recipient Country",
        "Primary Recipient Sector/Recipient Primary Sector", "Recipient Sectors", "Placename", "City",
        "State", "Country", "Headline", "Story ID")}

    def parse(f: list[str], lineno: int) -> dict[str, Any]:
        eid = g["Event ID"](f)
        if not eid:
            raise BadRow("E315")
        raw_date = g["Event Date"](f) or g["Story Date"](f)
        day = parse_day(raw_date, "Event Date")
        etype = g["Event Type"](f).upper()
        if etype not in PLOVER_TYPES:
            raise BadRow("E314", value=g["Event Type"](f))
        mode = g["Event Mode"](f).lower() or None
        code = plover_to_cameo(etype, mode)
        if code is None:  # pragma: no cover - every PLOVER type has a default row
            raise BadRow("E314", value=etype)
        info = lookup(code)
        contexts = [c.strip() for c in re.split(r"[;,|]", g["Contexts"](f)) if c.strip()]
        story = g["Story ID"](f)
        r = new_row(ORIGIN, eid, f"{ORIGIN}:{story}" if story else None, day, g["Headline"](f) or None)
        sides = (("source", "Actor Name", "Actor Country", "Primary Actor Sector", "Actor Sectors"),
                 ("target", "Recipient Name", "Recipient Country",
                  "Primary Recipient Sector/Recipient Primary Sector", "Recipient Sectors"))
        for side, kn, kc, kps, ks in sides:
            name = g[kn](f) or None
            iso3 = resolve_country(_first(g[kc](f)))
            agent = sector_to_agent(g[kps](f)) or sector_to_agent(g[ks](f))
            set_actor(r, side, name, iso3, agent)
        set_event(r, code, info, plover=(etype, mode, ";".join(contexts) or None))
        country = g["Country"](f)
        return finish_row(r, loc_name(g["Placename"](f), g["City"](f), g["State"](f), country), country, ORIGIN)

    return parse


def read_polecat(path: str | Path, *, problems: Optional[list] = None, stats: Optional[ReadStats] = None,
                 chunk_rows: int = DEFAULT_CHUNK_ROWS) -> Iterator[pa.Table]:
    return read_headed_tsv(path, _parser, REQUIRED, "POLECAT", problems=problems, stats=stats,
                           chunk_rows=chunk_rows)
