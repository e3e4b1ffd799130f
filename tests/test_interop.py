"""GDELT / ICEWS / POLECAT import and GDELT export, on the fixtures in tests/fixtures/interop."""
from __future__ import annotations

import csv
import shutil
from datetime import date
from pathlib import Path

import pytest

from helpers.fake_coder import code_story

from detente.interop import GDELT_COLUMNS, detect_format, export_events, import_file, read_events
from detente.interop.common import plover_to_cameo, sector_to_agent
from detente.ontology import cameo_table, normalize_cameo
from detente.store import EventStore

FIX = Path(__file__).parent / "fixtures" / "interop"
GDELT = FIX / "gdelt_20250301.export.CSV"
ICEWS = FIX / "icews_events_2025.tab"
POLECAT = FIX / "polecat_2025_03.tsv"


@pytest.fixture()
def store():
    with EventStore(":memory:") as s:
        yield s


def row(store: EventStore, event_id: str) -> dict:
    rows = store.con.sql("SELECT * FROM events WHERE event_id = ?", params=[event_id]).to_arrow_table().to_pylist()
    assert len(rows) == 1, event_id
    return rows[0]


def test_detect_format():
    assert [detect_format(p) for p in (GDELT, ICEWS, POLECAT)] == ["gdelt", "icews", "polecat"]


def test_tables():
    assert sector_to_agent("Government,Executive,Cabinet") == "GOV"
    assert sector_to_agent("Police") == "COP" and sector_to_agent("Military,Army") == "MIL"
    assert normalize_cameo("42") == "042" and normalize_cameo("999") is None
    assert plover_to_cameo("CONSULT", "visit") == "042" and plover_to_cameo("ASSAULT", "nonsense") == "190"
    # every representative PLOVER -> CAMEO code exists in the CAMEO table
    text = (Path(__file__).parents[1] / "src/detente/data/interop/plover_cameo.csv").read_text()
    for r in csv.DictReader(ln for ln in text.splitlines() if not ln.startswith("#")):
        assert r["cameo"] in cameo_table(), r


def test_gdelt_import(store):
    problems = []
    s = import_file(GDELT, store, problems=problems)
    assert (s.rows_ok, s.rows_bad, s.inserted) == (13, 4, 13)
    assert [(p.code, p.line) for p in problems] == [("E310", 5), ("E311", 10), ("E312", 15), ("E310", 17)]
    assert "cut off" in problems[-1].reason and str(GDELT) == problems[0].path
    r = row(store, "gdelt:1219873401")
    assert (r["source_country"], r["source_sector"], r["target_country"], r["cameo"]) == ("USA", "GOV", "RUS", "042")
    assert (r["event_type"], r["mode"], r["goldstein"], r["quad_class"]) == ("CONSULT", "visit", 1.9, 1)
    assert r["event_date"] == date(2025, 3, 1) and r["location_country"] == "RUS"     # FIPS RS
    assert r["sentence"] == "https://example.com/news/us-envoy-visits-moscow" and r["rule"] == "import:gdelt"
    assert row(store, "gdelt:1219873405")["target_country"] == "ROU"                   # CAMEO ROM
    assert row(store, "gdelt:1219873407")["source_country"] is None                    # region EUR
    assert row(store, "gdelt:1219873412")["source_country"] == "XKX"
    assert row(store, "gdelt:1219873408")["location_country"] == "PSE"                 # FIPS GZ
    assert row(store, "gdelt:1219873404")["location_country"] == "UKR"                 # FIPS UP, not UKR->UK


def test_icews_import(store):
    problems = []
    s = import_file(ICEWS, store, problems=problems)
    assert (s.rows_ok, s.rows_bad) == (12, 4)
    assert [(p.code, p.line) for p in problems] == [("E310", 5), ("E311", 10), ("E312", 14), ("E310", 17)]
    r = row(store, "icews:39001002")
    assert (r["source_name"], r["source_country"], r["source_sector"]) == ("Sergey Lavrov", "RUS", "GOV")
    assert (r["target_country"], r["cameo"], r["goldstein"], r["event_type"]) == ("USA", "111", -2.0, "ACCUSE")
    assert r["sentence"] == "Criticize or denounce" and r["story_id"] == "icews:58012002" and r["sentence_id"] == 2
    assert row(store, "icews:39001004")["cameo"] == "041"               # "41" with its leading zero lost
    r8 = row(store, "icews:39001008")
    assert (r8["source_sector"], r8["target_sector"], r8["cameo"]) == ("COP", "OPP", "173")
    assert row(store, "icews:39001009")["source_country"] == "PSE"
    assert row(store, "icews:39001010")["target_country"] == "MDA"
    assert row(store, "icews:39001005")["location_country"] == "BEL"


def test_polecat_import(store):
    problems = []
    s = import_file(POLECAT, store, problems=problems)
    assert (s.rows_ok, s.rows_bad) == (11, 4)
    assert [(p.code, p.line) for p in problems] == [("E314", 6), ("E311", 11), ("E310", 15), ("E310", 16)]
    r = row(store, "polecat:20250301-0001-a1b2")
    assert (r["source_country"], r["target_country"], r["event_type"], r["mode"]) == ("USA", "RUS", "CONSULT", "visit")
    assert (r["cameo"], r["goldstein"], r["quad_class"], r["origin"]) == ("042", 1.9, 1, "polecat")
    assert r["sentence"] == "US envoy Witkoff meets Putin in Moscow"
    a = row(store, "polecat:20250303-0004-a7b8")
    assert (a["cameo"], a["quad_class"], a["source_sector"], a["target_sector"]) == ("195", 4, "MIL", "CVL")
    t = row(store, "polecat:20250305-0006-e1f2")
    assert t["context"] == "military;territory" and t["cameo"] == "138"
    assert row(store, "polecat:20250304-0005-c9d0")["source_country"] is None


def test_polecat_header_order_is_free(tmp_path, store):
    lines = POLECAT.read_text().splitlines()
    rows = [ln.split("\t") for ln in lines[:3]]
    perm = list(reversed(range(len(rows[0]))))
    p = tmp_path / "reordered.tsv"
    p.write_text("\n".join("\t".join(r[i] for i in perm) for r in rows) + "\n")
    s = import_file(p, store, format="polecat")
    assert s.rows_ok == 2
    assert row(store, "polecat:20250301-0001-a1b2")["target_country"] == "RUS"


def test_reimport_same_file_adds_nothing(tmp_path, store):
    import_file(ICEWS, store)
    n = store.stats()["events"]
    again = import_file(ICEWS, store)
    assert again.already_imported and again.inserted == 0
    copy = tmp_path / "copy.tab"
    shutil.copy(ICEWS, copy)
    assert import_file(copy, store).already_imported          # same content, other name
    forced = import_file(ICEWS, store, force=True)
    assert forced.rows_ok == 12 and forced.inserted == 0       # ids are unique anyway
    assert store.stats()["events"] == n == 12


def test_streaming_chunks():
    chunks = list(read_events(GDELT, chunk_rows=5))
    assert [c.num_rows for c in chunks] == [5, 5, 3]


def test_gdelt_export_has_61_columns_and_reimports(tmp_path, store):
    for f in (GDELT, ICEWS, POLECAT):
        import_file(f, store)
    out = tmp_path / "usa_rus.export.CSV"
    n = export_events(store, out, format="gdelt", dyad=("USA", "RUS"))
    lines = out.read_text().splitlines()
    assert n == len(lines) == 7
    assert all(len(ln.split("\t")) == len(GDELT_COLUMNS) == 61 for ln in lines)
    orig = store.events(dyad=("USA", "RUS")).to_arrow_table().to_pylist()
    with EventStore(":memory:") as other:
        s = import_file(out, other, format="gdelt")
        assert s.rows_bad == 0
        back = other.events().to_arrow_table().to_pylist()
    key = lambda e: (e["event_date"], e["source_country"], e["target_country"], e["cameo"], e["quad_class"], e["goldstein"])
    assert sorted(map(key, back)) == sorted(map(key, orig))
    # an imported GDELT event keeps its GlobalEventID and SOURCEURL
    first = [ln.split("\t") for ln in lines if ln.startswith("1219873401\t")][0]
    assert first[60] == "https://example.com/news/us-envoy-visits-moscow" and first[26] == "042"


def test_gdelt_export_of_coded_events_uses_story_url(tmp_path, store):
    from detente.schema import Story

    st = Story(id="s1", text="ROU RUS 112", date=date(2025, 3, 1), url="https://example.com/a")
    store.add_coded([code_story(st)])
    out = tmp_path / "x.tsv"
    assert export_events(store, out, format="gdelt") == 1
    f = out.read_text().rstrip("\n").split("\t")
    assert len(f) == 61 and f[60] == "https://example.com/a"
    assert (f[1], f[7], f[17], f[26], f[28], f[29]) == ("20250301", "ROM", "RUS", "112", "11", "3")
    assert f[0].isdigit()


def _cut_gzip(src: Path, dest: Path, keep: float = 0.6) -> Path:
    import gzip

    data = gzip.compress(src.read_bytes())
    dest.write_bytes(data[: int(len(data) * keep)])
    return dest


def test_truncated_archive_keeps_the_rows_before_the_break(tmp_path, store):
    cut = _cut_gzip(ICEWS, tmp_path / "icews.tab.gz")
    problems = []
    s = import_file(cut, store, format="icews", problems=problems)
    assert s.truncated and "ends early" in str(s)
    e319 = [p for p in problems if p.code == "E319"]
    assert len(e319) == 1 and e319[0].path == str(cut)
    # whatever was read before the break is stored, and it is a prefix of the whole file's rows
    whole = [r["event_id"] for t in read_events(ICEWS) for r in t.select(["event_id"]).to_pylist()]
    got = [r[0] for r in store.con.execute("SELECT event_id FROM events ORDER BY event_id").fetchall()]
    assert 0 < len(got) < len(whole) and set(got) <= set(whole)
    # the break's line follows the last line read; the rows counted in the message were read
    assert e319[0].line == s.rows_ok + s.rows_bad + 2      # header + rows read + the next line
    # the whole file imported afterwards completes the store without duplicating a row
    full = import_file(ICEWS, store)
    assert not full.truncated and store.stats()["events"] == len(whole)


def test_cut_zip_is_an_unreadable_file_not_a_crash(tmp_path, store):
    import zipfile

    good = tmp_path / "g.zip"
    with zipfile.ZipFile(good, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.write(GDELT, GDELT.name)
    cut = tmp_path / "20250301.export.CSV.zip"
    cut.write_bytes(good.read_bytes()[:200])                # the central directory is gone
    with pytest.raises(ValueError, match=r"E318"):
        import_file(cut, store, format="gdelt")
    assert store.stats()["events"] == 0


def test_import_command_summarises_every_skip_by_code(tmp_path):
    from typer.testing import CliRunner

    from detente.cli import app

    db = tmp_path / "x.duckdb"
    cut = _cut_gzip(ICEWS, tmp_path / "icews.tab.gz")
    not_icews = tmp_path / "notes.tsv"
    not_icews.write_text("a\tb\n1\t2\n")
    result = CliRunner().invoke(app, ["import", "icews", str(cut), str(tmp_path / "missing.tab"),
                                      str(not_icews), str(ICEWS), "--db", str(db)])
    assert result.exit_code == 3, result.output
    out = " ".join(result.output.split())
    for code, where in (("E319", str(cut)), ("E112", "missing.tab"), ("E317", "notes.tsv"),
                        ("E311", f"{ICEWS}:10")):
        assert f"[{code}]" in out and where in out, (code, out)
    assert "2 files imported" in out and "1 × E112" in out and "1 × E317" in out and "1 × E319" in out
    with EventStore(db, read_only=True) as s:               # the good file is whole in the store
        assert s.stats()["events"] == 12


def test_import_reports_progress_per_stored_chunk(store):
    calls = []
    s = import_file(GDELT, store, chunk_rows=5, progress=calls.append)
    # every row read is reported once, good or bad; one call per stored chunk of 5 events
    assert sum(calls) == s.rows_ok + s.rows_bad == 17
    assert len(calls) >= 3 and all(n > 0 for n in calls)
    again = []
    assert import_file(GDELT, store, progress=again.append).already_imported and again == []
