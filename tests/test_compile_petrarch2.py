"""scripts/compile_petrarch2.py: PETRARCH/TABARI dictionary syntax -> detente's KB and lexicon.

The snippets below are written for these tests in the PETRARCH syntax (invented names and
codes); one test at the end runs the converter on the real Phoenix dictionaries in ../shared.
"""
from __future__ import annotations

import csv
import sys
from datetime import date
from pathlib import Path

import pytest
import yaml

from conftest import REPO, shared_path

sys.path.insert(0, str(REPO / "scripts"))
import compile_petrarch2 as cp  # noqa: E402

DATA = REPO / "src" / "detente" / "data"


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text.lstrip("\n"), encoding="utf-8")
    return path


def read_csv(path: Path) -> list[dict]:
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if not ln.startswith("#")]
    return list(csv.DictReader(lines))


@pytest.fixture(scope="module")
def lemmas(nlp):
    return cp.Lemmas(nlp=nlp)


@pytest.fixture(scope="module")
def tables():
    return (cp.read_country_table(cp.data_file(DATA, "cameo_country.csv")),
            cp.read_iso3(DATA / "actors" / "countries.csv"))


# ----------------------------------------------------------------------------- dates and codes
def test_two_digit_years_pick_the_century_the_source_means():
    assert cp.petrarch_date("080508") == date(2008, 5, 8)
    assert cp.petrarch_date("291231") == date(2029, 12, 31)
    assert cp.petrarch_date("320101") == date(1932, 1, 1)
    assert cp.petrarch_date("19240101") == date(1924, 1, 1)      # four-digit years pass as written
    with pytest.raises(ValueError, match="bad date"):
        cp.petrarch_date("9008223")
    with pytest.raises(ValueError, match="impossible date"):
        cp.petrarch_date("990231")


def test_code_blocks_keep_open_and_closed_ranges():
    closed, = cp.parse_code_block("XYZGOV 950601-990815", 7)
    assert (closed.code, closed.start, closed.end, closed.dated) == ("XYZGOV", date(1995, 6, 1), date(1999, 8, 15), True)
    after, = cp.parse_code_block("XYZREB > 990816", 8)
    assert (after.start, after.end) == (date(1999, 8, 16), None)
    before, = cp.parse_code_block("XYZ <950531", 9)
    assert (before.start, before.end) == (None, date(1995, 5, 31))
    undated, = cp.parse_code_block("XYZELI", 10)
    assert not undated.dated and undated.start is None and undated.end is None
    assert [b.code for b in cp.parse_code_block("QQA/QQB", 11)] == ["QQA", "QQB"]
    with pytest.raises(ValueError, match="ends before it starts"):
        cp.parse_code_block("XYZGOV 20121207-20120802", 12)


def test_cameo_country_codes_map_to_iso3(tables):
    cameo_table, iso3 = tables
    assert cp.actor_code("ROMMIL", cameo_table, iso3) == cp.ActorCode("ROU", "MIL", "country")
    assert cp.actor_code("ZARGOV", cameo_table, iso3) == cp.ActorCode("COD", "GOV", "country")
    assert cp.actor_code("RUSGOVDEV", cameo_table, iso3) == cp.ActorCode("RUS", "GOV", "country")
    assert cp.actor_code("AFRREB", cameo_table, iso3) == cp.ActorCode("", "REB", "region")
    assert cp.actor_code("IGOUNOREF", cameo_table, iso3) == cp.ActorCode("", "IGO", "international")
    assert cp.actor_code("MED", cameo_table, iso3) == cp.ActorCode("", "MED", "sector")
    # as a prefix SUN is the Soviet Union, not the religion code
    assert cp.actor_code("SUNGOV", cameo_table, iso3).iso3 == "SUN"
    tally = cp.Tally()
    assert cp.actor_code("QQXMIL", cameo_table, iso3, tally) == cp.ActorCode("QQX", "MIL", "country")
    assert tally.unmapped_countries == {"QQX": 1}


def test_news_case():
    assert cp.news_case(["SERGEY", "V.", "LAVROV"], person=True) == "Sergey V. Lavrov"
    assert cp.news_case(["MINISTRY", "OF", "THE", "INTERIOR"], person=False) == "Ministry of the Interior"
    assert cp.news_case(["U.S.", "ARMY"], person=False) == "U.S. Army"
    assert cp.news_case(["FSB", "OFFICERS"], person=False) == "FSB Officers"
    assert cp.news_case(["UN", "MISSION"], person=False) == "UN Mission"
    assert cp.news_case(["LI", "PENG"], person=True) == "Li Peng"
    assert cp.news_case(["AL-QARNI", "BRIGADE"], person=False) == "Al-Qarni Brigade"


# ----------------------------------------------------------------------------- actors
ACTORS = """
# invented actors in PETRARCH syntax
+ORPHAN_ALIAS_
VALDORIA_  [VLD]
+VALDORIAN_
+PORT_KESTREL_

KESTREL_NAVY_
+VALDORIAN_NAVY_
	[VLDMIL]

ANSELM_BRACKWATER_  # a person with dated codes only
+BRACKWATER
	[VLDGOV 950601-990815]
	[VLDREB >990816]
	[VLD <950531]
MIRELLE_OSTVAN_
MIRELLE_A._OSTVAN
	[VLDELI 19280101-650101]
	[VLDGOV 650101-750301] # Foreign Minister
	[VLDELI]
BROKEN_ENTRY_ [VLDGOV 9001-9002]
+BROKEN_ALIAS_
GREY_SEA_ [---]
ORDER_OF_THE_LANTERN_ [NGOVLDHRI]
"""


def test_actor_dictionary_to_kb_rows(tmp_path, tables):
    cameo_table, iso3 = tables
    path = write(tmp_path, "Test.actors.txt", ACTORS)
    tally = cp.Tally()
    offices = cp.read_offices(DATA / "actors" / "offices.csv")
    out = cp.compile_actors([path], cameo_table, iso3, offices, tally)

    country, navy = sorted(out["actors"], key=lambda r: r["code"])
    assert (country["text"], country["iso3"], country["sector"]) == ("Valdoria|Valdorian|Port Kestrel", "VLD", "")
    assert country["source"] == "Test.actors.txt:3"
    assert (navy["text"], navy["sector"], navy["source"]) == ("Kestrel Navy|Valdorian Navy", "MIL", "Test.actors.txt:9")

    brack = [r for r in out["people"] if r["name"] == "Anselm Brackwater"]
    spans = {(r["code"], r["start"], r["end"], r["open_end"], r["fallback"]) for r in brack}
    # the open range ends at the latest date of the dictionaries compiled (1999-08-16 here)
    assert spans == {("VLDGOV", "1995-06-01", "1999-08-15", "", ""),
                     ("VLDREB", "1999-08-16", "1999-08-16", "1", ""),
                     ("VLD", "", "1995-05-31", "", "")}
    assert all(r["aliases"] == "Brackwater" for r in brack)
    assert not [r for r in brack if _covers(r, date(2025, 6, 1))]   # only dated roles: not in 2025

    ostvan = [r for r in out["people"] if r["name"] == "Mirelle Ostvan"]
    assert {r["aliases"] for r in ostvan} == {"Mirelle A. Ostvan"}        # a name waiting for its code
    fm, = [r for r in ostvan if r["start"] == "1965-01-01"]
    assert (fm["role_key"], fm["title"], fm["source"]) == ("foreign_minister", "Foreign Minister", "Test.actors.txt:19")
    fallback, = [r for r in ostvan if r["fallback"]]
    assert (fallback["code"], fallback["start"], fallback["end"]) == ("VLDELI", "", "")

    assert out["no_actor"] == [{"text": "Grey Sea", "source": "Test.actors.txt:23"}]
    igo, = out["international"]
    assert (igo["code"], igo["sector"], igo["cameo_code"], igo["name"]) == ("VLDHRI", "NGO", "NGOVLDHRI", "Order of the Lantern")


def _covers(row: dict, day: date) -> bool:
    start = date.fromisoformat(row["start"]) if row["start"] else date.min
    end = date.fromisoformat(row["end"]) if row["end"] else date.max
    return start <= day <= end


def test_unparseable_actor_lines_are_reported_not_fatal(tmp_path, tables):
    cameo_table, iso3 = tables
    path = write(tmp_path, "Test.actors.txt", ACTORS)
    tally = cp.Tally()
    out = cp.compile_actors([path], cameo_table, iso3, {}, tally)
    problems = [str(p) for p in tally.problems]
    assert "Test.actors.txt:2: alias before any name" in problems
    assert "Test.actors.txt:21: bad date (expected YYMMDD or YYYYMMDD) in [VLDGOV 9001-9002]" in problems
    assert not [r for r in out["people"] + out["actors"] if "Broken" in r.get("name", r.get("text", ""))]
    # the broken entry keeps its own alias: it does not leak into the next entry
    assert "Broken Alias" not in str(out)
    assert tally.skipped["actor entries"] == {"unreadable code block (bad date (expected YYMMDD or YYYYMMDD))": 1}
    for unit in ("actor lines", "actor entries", "actor codes"):
        assert tally.balanced(unit), unit
    rows = sum(len(v) for v in out.values())
    assert rows == tally.written["actor codes"] == tally.read["actor codes"]


# ----------------------------------------------------------------------------- agents, discards
def test_agents_expand_substitutions_and_plurals(tmp_path):
    path = write(tmp_path, "Test.agents.txt", """
!HUMAN! = MAN, WOMAN
CHAIR!HUMAN! [~GOV]
HARBOUR_POLICE {} [~COP]   # no plural formed
LORD_WARDEN {LORDS_WARDEN} [~JUD]
RELIEF_BODY [NGO~]
BAD LINE WITHOUT CODE
""")
    tally = cp.Tally()
    rows = cp.parse_agents(path, tally)
    got = {r["term"]: (r["sector"], r["plural_only"], r["source"]) for r in rows}
    assert got == {"chairman": ("GOV", "0", "Test.agents.txt:2"), "chairwoman": ("GOV", "0", "Test.agents.txt:2"),
                   "harbour police": ("COP", "1", "Test.agents.txt:3"),
                   "lord warden": ("JUD", "1", "Test.agents.txt:4"), "lords warden": ("JUD", "1", "Test.agents.txt:4"),
                   "relief body": ("NGO", "0", "Test.agents.txt:5")}
    assert [str(p) for p in tally.problems] == ["Test.agents.txt:6: unreadable agent line"]
    assert tally.balanced("agent lines")


def test_discards_keep_their_scope(tmp_path):
    path = write(tmp_path, "Test.discards.txt", """
# sentence-level unless marked +
LANTERN CUP
+Grand Kestrel Regatta   # whole story
LANTERN CUP
""")
    tally = cp.Tally()
    rows = cp.parse_discards(path, tally)
    assert rows == [{"phrase": "lantern cup", "scope": "sentence", "source": "Test.discards.txt:2"},
                    {"phrase": "grand kestrel regatta", "scope": "story", "source": "Test.discards.txt:3"}]
    assert tally.skipped["discard lines"] == {"listed twice (first kept)": 1} and tally.balanced("discard lines")


# ----------------------------------------------------------------------------- verbs
VERBS = """
&ORDNANCE
+MORTAR
+ROCKET
+SIEGE_CANNON
+HEAVY_ROCKET
+LONG-BOW

####### VERB PATTERNS #######

---  PETITION   [---]  ---
+PLEAD_FOR [020]
PETITION [020]
BESEECH
- * (FOR {HUMANITARIAN SUPPLIES})                     [0233]   # PETITION
- * SANCTIONS (AGAINST +)                             [113]    # BESEECH
- ENVOY * RETREAT                                     [0256]
- WILL NOT *                                          [020]
- * (BEFORE TRIBUNAL)                                 [:173]
- * VISIT                                             [042:043]
- * SIT-IN                                            [141]
- * TRUCE                                             [---]

---  LOB   [---]  ---
LOB
HURL {HURLS HURLED}
- * &ORDNANCE (AT $)                                  [194]
- * &MISSING_SET                                      [194]
- * &ORDNANCE (AT)                                    [193]
THIS LINE IS NOT PETRARCH
"""


def compiled(entries: list[dict], source: str) -> dict:
    found = [e for e in entries if e["source"] == source]
    assert len(found) == 1, (source, found)
    return found[0]


def test_verb_patterns_become_lemma_sequences(tmp_path, lemmas):
    path = write(tmp_path, "Test.verbs.txt", VERBS)
    tally = cp.Tally()
    vd = cp.parse_verb_dictionary(path, tally)
    entries = cp.compile_verbs(vd, cp.read_cameo(cp.data_file(DATA, "cameo.csv")), lemmas, tally)

    # bare verbs with a code of their own; BESEECH has none (block [---]): a trigger only
    assert compiled(entries, "Test.verbs.txt:11")["verbs"] == ["plead for"]
    assert compiled(entries, "Test.verbs.txt:12")["verbs"] == ["petition"]
    assert not [e for e in entries if e["source"] == "Test.verbs.txt:13"]

    aid = compiled(entries, "Test.verbs.txt:14")
    # the trigger slot holds every verb of the block; plural objects become lemmas; the
    # multi-word verb's own particle is not doubled
    assert aid["verbs"] == ["beseech|petition for humanitarian supply", "plead for humanitarian supply"]
    assert (aid["code"], aid["family"], aid["label"], aid["origin"]) == ("0233", "PETITION", "Appeal for humanitarian aid", "petition")

    sanction = compiled(entries, "Test.verbs.txt:15")
    assert sanction["verbs"] == ["beseech|petition sanction against", "plead for sanction against"]
    assert compiled(entries, "Test.verbs.txt:18")["swap"] is True
    assert compiled(entries, "Test.verbs.txt:19")["reciprocal"] == "043"

    assert tally.skipped["verb patterns"] == {
        "words before the verb (subject side; detente takes the subject from the parse)": 1,
        "modality or auxiliary words (detente's grammar decides modality)": 1,
        "word that spaCy splits (hyphen, dot, slash or apostrophe)": 1,
        "null code [---] (blocks an event; detente has no negative patterns)": 1,
        "synonym set not defined in the dictionary": 1,
        "every form already given by an earlier line": 1,
    }
    assert tally.balanced("verb patterns")


def test_synonym_sets_expand_into_alternatives(tmp_path, lemmas):
    path = write(tmp_path, "Test.verbs.txt", VERBS)
    tally = cp.Tally()
    vd = cp.parse_verb_dictionary(path, tally)
    assert vd.synsets["ORDNANCE"][2] == ["SIEGE", "CANNON"]
    entries = cp.compile_verbs(vd, cp.read_cameo(cp.data_file(DATA, "cameo.csv")), lemmas, tally)
    fire = compiled(entries, "Test.verbs.txt:26")
    # single words as | alternatives; HEAVY_ROCKET is covered by ROCKET; SIEGE_CANNON gets its
    # own pattern; LONG-BOW (split by spaCy) is dropped; the target marker $ is dropped
    assert fire["verbs"] == ["hurl|lob mortar|rocket at", "hurl|lob siege cannon at"]
    assert fire["code"] == "194" and fire["source"] == "Test.verbs.txt:26"
    # line 28 says the same forms with another code: the first line keeps them
    assert not [e for e in entries if e["source"] == "Test.verbs.txt:28"]
    assert tally.notes["verb patterns"]["form dropped: an earlier line gives it another code"] > 0


def test_unreadable_verb_lines_are_reported(tmp_path, lemmas):
    path = write(tmp_path, "Test.verbs.txt", VERBS)
    tally = cp.Tally()
    cp.parse_verb_dictionary(path, tally)
    assert [str(p) for p in tally.problems] == ["Test.verbs.txt:29: unreadable verb line"]
    assert tally.balanced("verb-file lines")


def test_pattern_with_subject_words_cannot_be_expressed(lemmas):
    trigger = [(frozenset({"send"}),)]
    with pytest.raises(cp.PatternSkip, match="words before the verb"):
        cp.convert_pattern("&MILITARY * TROOPS", trigger, {"MILITARY": [["ARMY"]]}, lemmas, cp.Counter())
    assert cp.convert_pattern("$ * TROOPS (TO +)", trigger, {}, lemmas, cp.Counter()) == [
        (frozenset({"send"}), frozenset({"troop"}), frozenset({"to"}))]


def test_compress_regroups_forms_into_alternatives():
    forms = [("fire", "rocket"), ("fire", "mortar"), ("launch", "rocket"), ("launch", "mortar"), ("hurl", "stone")]
    assert [cp.pattern_text(p) for p in cp.compress(forms)] == ["fire|launch mortar|rocket", "hurl stone"]


# ----------------------------------------------------------------------------- the script
def test_script_exits_cleanly_without_the_dictionaries(tmp_path, capsys):
    assert cp.main(["--petrarch-dir", str(tmp_path / "absent"), "--out", str(tmp_path / "out")]) == 0
    assert "not found" in capsys.readouterr().out
    assert not (tmp_path / "out").exists()


def test_subset_run_writes_loadable_actor_files(tmp_path, capsys):
    actors = write(tmp_path, "Test.actors.txt", ACTORS)
    out = tmp_path / "out"
    assert cp.main(["--actors", str(actors), "--out", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["README.md", "actors.csv", "international.csv",
                                                     "no_actor.csv", "people.csv"]
    assert "Test.actors.txt:2: alias before any name" in capsys.readouterr().err
    # the columns detente's actor KB reads (actors/README.md), plus the compiled extras
    assert read_csv(out / "people.csv")[0].keys() >= {"name", "aliases", "iso3", "sector", "role_key",
                                                     "title", "start", "end", "source"}
    assert read_csv(out / "actors.csv")[0].keys() >= {"text", "iso3", "sector", "source"}
    assert read_csv(out / "international.csv")[0].keys() >= {"code", "name", "aliases", "sector", "source"}


def test_validation_options_keep_invented_codes_and_open_ends(tmp_path):
    actors = write(tmp_path, "Test.actors.txt", """
<! -- the validation files write comments like this,
   over several lines -->
SAMARRA_DOWNS_ [SAMGOV]
INKWELL_ [INS]
TOBIN_HEATHERLY_
	[SAMGOV 020101-041231]
	[SAMREB >050101]
""")
    out = tmp_path / "out"
    assert cp.main(["--actors", str(actors), "--out", str(out)]) == 0
    mapped = {r["text"]: (r["iso3"], r["sector"]) for r in read_csv(out / "actors.csv")}
    assert mapped == {"Samarra Downs": ("", "GOV"), "Inkwell": ("", "INS")}     # SAM: a CAMEO region
    assert cp.main(["--actors", str(actors), "--out", str(out), "--codes-as-written", "--keep-open-ends"]) == 0
    written = {r["text"]: (r["iso3"], r["sector"], r["code"]) for r in read_csv(out / "actors.csv")}
    assert written == {"Samarra Downs": ("SAM", "GOV", "SAMGOV"), "Inkwell": ("INS", "", "INS")}
    rebel, = [r for r in read_csv(out / "people.csv") if r["code"] == "SAMREB"]
    assert (rebel["start"], rebel["end"], rebel["open_end"]) == ("2005-01-01", "", "1")


# ----------------------------------------------------------------------------- the real dictionaries
@pytest.fixture(scope="module")
def phoenix(tmp_path_factory):
    folder = shared_path("petrarch2")
    out = tmp_path_factory.mktemp("phoenix")
    inputs = {k: [folder / n for n in cp.PHOENIX_FILES[k]] for k in ("actors", "agents", "discards")}
    return out, cp.compile_dictionaries(inputs, out)


def test_phoenix_actors_keep_their_dated_roles(phoenix):
    out, tally = phoenix
    people = read_csv(out / "people.csv")
    gromyko = [r for r in people if r["name"] == "Andrey Gromyko"]
    assert [(r["iso3"], r["sector"], r["start"], r["end"]) for r in gromyko] == [("RUS", "GOV", "1957-02-14", "1988-09-30")]
    lavrov = [r for r in people if r["name"] == "Sergey Lavrov"]
    assert lavrov and all(r["iso3"] == "RUS" and not r["fallback"] for r in lavrov)
    assert [r for r in lavrov if _covers(r, date(2010, 1, 1))]
    assert not [r for r in lavrov if _covers(r, date(2025, 6, 1))]      # the source ends in 2015
    assert "Lavrov" in lavrov[0]["aliases"].split("|")


def test_phoenix_nothing_is_lost_silently(phoenix):
    out, tally = phoenix
    for unit in tally.read:
        assert tally.balanced(unit), unit
    files = ("people", "actors", "international", "no_actor")
    assert sum(len(read_csv(out / f"{f}.csv")) for f in files) == tally.written["actor codes"]
    assert len(read_csv(out / "agents.csv")) == tally.rows["agents.csv"] > 1000
    assert len(read_csv(out / "discards.csv")) == tally.written["discard lines"]
    readme = (out / "README.md").read_text(encoding="utf-8")
    assert "Copyright (c) 2014 Open Event Data Alliance" in readme and "MIT" in readme


@pytest.mark.slow
def test_phoenix_verb_dictionary(tmp_path, lemmas):
    folder = shared_path("petrarch2")
    tally = cp.compile_dictionaries({"verbs": [folder / "CAMEO.2.0.txt"]}, tmp_path, lemmas=lemmas)
    assert tally.balanced("verb patterns") and tally.balanced("verb-file lines")
    entries = [e for f in sorted((tmp_path / "lexicon").glob("*.yaml"))
               for e in yaml.safe_load(f.read_text(encoding="utf-8"))]
    assert len(entries) == tally.written["verb patterns"]
    cameo = cp.read_cameo(cp.data_file(DATA, "cameo.csv"))
    assert all(e["code"] in cameo and e["source"].startswith("CAMEO.2.0.txt:") and e["family"] for e in entries)
    forms = {}
    for e in entries:
        for text in e["verbs"]:
            for form in cp.forms_of(tuple(frozenset(s.split("|")) for s in text.split())):
                assert forms.setdefault(form, e["code"]) == e["code"], form   # one code per form
    assert forms[("ask", "for", "humanitarian", "aid")] == "0233"
