"""Headlines: NGEC's hand-written PLOVER headline templates
(``../shared/data/ngec-plover/synthetic_headlines.csv``, MIT; ``event,mode,title`` with
``{country_1}``, ``{country_2}``, ``{country_3}`` and ``{city}`` placeholders).

Headlines are the genre the small English model parses worst: present tense, no articles, title
case, no full stop ("Kenya Condemns Uganda Over Border Raid") -- and they reach the coder as the
first lines of plain-text files and as rows of headline collections (a feed's or page's own title
is kept apart, not coded).  The templates were written for a classifier, one or more per
PLOVER type and mode, so they test the types and not the actors: each record's gold is its type
alone, and any actor is accepted (the set's "type + actors" equals its type accuracy).

The placeholders are filled once per record from a fixed list of countries, chosen by a stable hash
of the record id (so a record reads the same on every run): three different countries, and the
city the capital of the second country when the template names one (the place an act falls on,
"{country_1} Shells {city}"), else of the first.  Record ids are ``headline-<row>`` (the CSV's data
rows from 1) and split like every other set.
"""
from __future__ import annotations

import csv
import hashlib
from pathlib import Path
from typing import Optional

from splits import split_of

from . import GoldEvent, GoldRecord, GoldSet, country_or_body, skip

CSV_NAME = "ngec-plover/synthetic_headlines.csv"

# (country, its capital): names every gazetteer knows, none a common English word
COUNTRIES = (
    ("France", "Paris"), ("Germany", "Berlin"), ("Kenya", "Nairobi"), ("Brazil", "Brasilia"),
    ("India", "New Delhi"), ("Japan", "Tokyo"), ("Egypt", "Cairo"), ("Mexico", "Mexico City"),
    ("Nigeria", "Abuja"), ("Poland", "Warsaw"), ("Canada", "Ottawa"), ("Indonesia", "Jakarta"),
    ("Argentina", "Buenos Aires"), ("Vietnam", "Hanoi"), ("Ethiopia", "Addis Ababa"), ("Spain", "Madrid"),
    ("Pakistan", "Islamabad"), ("Colombia", "Bogota"), ("Peru", "Lima"), ("Thailand", "Bangkok"),
)


def fill(record_id: str, template: str) -> str:
    """The template with its placeholders filled for this record (stable across runs)."""
    digest = hashlib.sha256(record_id.encode("utf-8")).digest()
    picks: list[int] = []
    for byte in digest[1:]:
        k = byte % len(COUNTRIES)
        if k not in picks:
            picks.append(k)
        if len(picks) == 3:
            break
    (c1, cap1), (c2, cap2), (c3, _) = (COUNTRIES[k] for k in picks)
    city = cap2 if "{country_2}" in template else cap1
    return (template.replace("{country_1}", c1).replace("{country_2}", c2)
            .replace("{country_3}", c3).replace("{city}", city).strip())


def load(data: Path) -> Optional[GoldSet]:
    path = data / CSV_NAME
    if not path.exists():
        skip(path, "headline templates")
        return None
    records: list[GoldRecord] = []
    with open(path, encoding="utf-8", newline="") as fh:
        for row, rec in enumerate(csv.DictReader(fh), start=1):
            rid = f"headline-{row}"
            label = (rec.get("event") or "").strip().upper()
            if not label or not (rec.get("title") or "").strip():
                continue
            records.append(GoldRecord(key=rid, record_id=rid, half=split_of(rid),
                                      text=fill(rid, rec["title"]), events=(GoldEvent(label),)))
    return GoldSet(name="headlines", title=f"headline templates ({path.name})", scheme="plover",
                   records=records, actor_key=country_or_body,
                   notes=("placeholders filled with fixed countries by record id; type only, any actor accepted",))
