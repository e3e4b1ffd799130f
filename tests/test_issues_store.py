"""Issues through the store: the ``issues`` list column, the ``issue=`` filter of every reader,
the union over a real-world event's mentions, the exports, and the migration of older stores."""
from __future__ import annotations

import json
from datetime import date

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from helpers.fake_coder import code_story

import detente
from detente.analysis import make_events
from detente.schema import EVENT_ARROW_SCHEMA, Story, row_to_event_json
from detente.store import EventStore
from detente.store.ddl import STORE_SCHEMA_VERSION

WIRE = "Filler sentence one. Filler sentence two with more words."


def story(sid: str, text: str, day: str = "2025-03-01", source: str | None = None) -> Story:
    return Story(id=sid, text=text, date=date.fromisoformat(day), source=source)


@pytest.fixture
def store(tmp_path):
    with EventStore(tmp_path / "issues.duckdb") as s:
        s.add_coded([code_story(story("a", "USA RUS 042 sanctions,energy\nRUS USA 112\nUSA RUS 036 visas")),
                     code_story(story("b", "UKR RUS 040 prisoner_exchange", day="2025-04-02"))])
        yield s


def ids(rel) -> list[str]:
    return sorted(rel.to_arrow_table().column("cameo").to_pylist())


def test_coded_issues_are_stored_as_a_list(store):
    rows = store.con.execute("SELECT cameo, issues FROM events ORDER BY cameo").fetchall()
    assert rows == [("036", ["visas"]), ("040", ["prisoner_exchange"]), ("042", ["sanctions", "energy"]),
                    ("112", [])]


def test_the_issue_filter_of_events_unique_events_and_counts(store):
    assert ids(store.events(issue="sanctions")) == ["042"]
    assert ids(store.events(issue=["visas", "prisoner_exchange"])) == ["036", "040"]   # any of them
    assert ids(store.events(issue="sanctions", dyad=("RUS", "USA"))) == []
    assert ids(store.unique_events(issue="energy")) == ["042"]
    assert ids(store.counted_events(issue="visas")) == ["036"]
    assert store.count_events(issue="prisoner_exchange") == 1
    assert ids(store.events(issue=[])) == []


def test_detente_open_filters_by_issue(tmp_path):
    with detente.open(tmp_path / "o.duckdb") as db:
        db.add_coded([code_story(story("a", "USA RUS 042 sanctions\nRUS USA 112"))])
        table = db.events(issue="sanctions")
        assert table.column("issues").to_pylist() == [["sanctions"]]
        assert db.events(issue="visas").num_rows == 0


def test_a_real_world_event_has_the_issues_of_all_its_reports(tmp_path):
    with EventStore(tmp_path / "u.duckdb") as s:
        s.add_coded([code_story(story("a", "USA RUS 042 sanctions", source="Wire A")),
                     code_story(story("b", "USA RUS 042 energy,sanctions", source="Wire B")),
                     code_story(story("c", "USA RUS 042", source="Wire C"))])
        rows = s.con.execute("SELECT num_stories, issues FROM unique_events").fetchall()
        assert rows == [(3, ["energy", "sanctions"])]
        assert ids(s.unique_events(issue="energy")) == ["042"]


def test_exports_carry_issues(store, tmp_path):
    store.export(tmp_path / "e.parquet", format="parquet", issue="sanctions")
    assert pq.read_table(tmp_path / "e.parquet").column("issues").to_pylist() == [["sanctions", "energy"]]
    store.export(tmp_path / "e.jsonl", format="jsonl")
    by_code = {o["cameo"]: o["issues"] for o in map(json.loads, open(tmp_path / "e.jsonl"))}
    assert by_code == {"042": ["sanctions", "energy"], "112": [], "036": ["visas"], "040": ["prisoner_exchange"]}
    store.export(tmp_path / "e.csv", format="csv")
    import csv
    with open(tmp_path / "e.csv", newline="") as fh:
        csv_issues = {r["cameo"]: r["issues"] for r in csv.DictReader(fh)}
    assert csv_issues == {"042": "sanctions;energy", "112": "", "036": "visas", "040": "prisoner_exchange"}
    # and a CSV export read back into a store gives the lists again
    import pandas as pd
    back = EventStore.from_events(pd.read_csv(tmp_path / "e.csv", dtype={"cameo": str, "issues": str},
                                             keep_default_na=False))
    assert ids(back.events(issue="energy")) == ["042"]


def test_make_events_takes_issues_and_defaults_to_none():
    table = make_events([{"date": "2025-01-02", "source_country": "USA", "target_country": "RUS", "cameo": "036",
                          "issues": ["embassy_operations"]},
                         {"date": "2025-01-03", "source_country": "RUS", "target_country": "USA", "cameo": "040"}])
    assert table.schema.equals(EVENT_ARROW_SCHEMA)
    assert table.column("issues").to_pylist() == [["embassy_operations"], []]
    assert row_to_event_json(table.to_pylist()[1])["issues"] == []
    mem = EventStore.from_events(table)
    assert ids(mem.events(issue="embassy_operations")) == ["036"]


def test_imported_rows_without_issues_read_as_none(store):
    table = make_events([{"date": "2025-05-01", "source_country": "USA", "target_country": "RUS", "cameo": "190",
                          "event_id": "gdelt:1"}], origin="gdelt")
    assert store.add_events(table.drop_columns(["issues"]), origin="gdelt") == 1     # an older layout
    nulls = table.set_column(table.schema.get_field_index("issues"), "issues",
                             pa.nulls(1, pa.list_(pa.string())))
    assert store.add_events(nulls.set_column(0, "event_id", pa.array(["gdelt:2"])), origin="gdelt") == 1
    got = store.con.execute("SELECT issues FROM events WHERE origin = 'gdelt'").fetchall()
    assert got == [([],), ([],)]
    assert ids(store.events(origin="gdelt", issue="sanctions")) == []


def test_events_from_a_frame_without_the_column_have_no_issues():
    table = make_events([{"date": "2025-01-02", "source_country": "USA", "target_country": "RUS",
                          "cameo": "036"}]).drop_columns(["issues"])
    mem = EventStore.from_events(table)
    assert mem.events().to_arrow_table().column("issues").to_pylist() == [[]]


def test_a_schema_2_store_gains_the_column_and_keeps_its_rows(tmp_path):
    path = tmp_path / "v2.duckdb"
    with EventStore(path) as s:
        s.add_coded([code_story(story("old", "USA RUS 042"))])
    con = duckdb.connect(str(path))          # what detente 2 wrote: no issues column
    con.execute("ALTER TABLE events DROP COLUMN issues")
    con.execute("UPDATE meta SET value = '2' WHERE key = 'store_schema_version'")
    con.close()
    with pytest.raises(OSError, match="E306"):
        EventStore(path, read_only=True)
    with EventStore(path) as s:
        assert s.schema_version() == STORE_SCHEMA_VERSION
        assert s.con.execute("SELECT story_id, issues FROM events").fetchall() == [("old", [])]
        s.add_coded([code_story(story("new", "RUS USA 036 visas"))])
        assert ids(s.events(issue="visas")) == ["036"]
        assert s.con.execute("SELECT count(*) FROM unique_events").fetchall() == [(2,)]


def test_an_unknown_issue_id_is_refused_by_every_reader(store):
    from detente.errors import BadValue
    for read in (store.events, store.unique_events, store.count_events):
        with pytest.raises(BadValue, match="E309") as err:
            read(issue="sanction")
        assert "sanctions" in str(err.value)


def test_agenda_evidence_is_the_sentence_about_the_issue(tmp_path):
    # one real-world event (same pair, code and day) told in two sentences, each about another
    # issue: the counted event carries both issues, and each issue's evidence is its own sentence
    with EventStore(tmp_path / "ev.duckdb") as s:
        s.add_coded([code_story(story("a", "USA RUS 040 visas\nUSA RUS 040 arms_control"))])
        assert ids(s.counted_events()) == ["040"]
        reg = {i["item"]: i for i in detente.analysis.agenda(s, "USA", "RUS").to_json()}
        assert set(reg) == {"visas", "arms_control"}
        assert reg["visas"]["evidence"][0]["sentence"] == "USA RUS 040 visas"
        assert reg["arms_control"]["evidence"][0]["sentence"] == "USA RUS 040 arms_control"
        assert reg["arms_control"]["changes"][0]["evidence"][0]["sentence"] == "USA RUS 040 arms_control"
