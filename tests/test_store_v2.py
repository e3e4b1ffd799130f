"""Store schema 2: near-duplicate stories, one row per real-world event, the documented views,
migration from schema 1, `detente.open`, `detente query` and partitioned Parquet export."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from helpers.fake_coder import FakeCoder, code_story
from typer.testing import CliRunner

import detente
from detente.batch import code_and_sign_batch
from detente.cli import app
from detente.interop import export_events
from detente.schema import Story
from detente.store import EventStore
from detente.store.dedup import signature, story_signature_text
from detente.store.ddl import STORE_SCHEMA_VERSION

# Words the fake coder ignores (it codes only "SRC TGT CAMEO" lines); they make the shingles.
WIRE = ("Diplomats from both countries met behind closed doors for more than four hours and "
        "agreed to keep talking about the reopening of consulates, officials said after the session.")
OTHER = ("Farmers blocked roads with tractors across the region to protest a cut in subsidies, "
         "and police said the blockades would be cleared before the harvest festival began.")


def story(sid: str, body: str, d: date = date(2025, 2, 18), source: str = "Wire") -> Story:
    return Story(id=sid, text=body, title=None, date=d, url=f"https://example.com/{sid}", source=source)


def rows(store: EventStore, sql: str, params=None):
    return store.con.execute(sql, params or []).fetchall()


@pytest.fixture()
def store(tmp_path):
    with EventStore(tmp_path / "ev.duckdb") as s:
        yield s


class TestNearDuplicates:
    def test_republished_copy_is_linked_to_the_original(self, store):
        original = story("a", WIRE + "\nUSA RUS 042\n")
        copy = story("b", "Published by Example Daily.\n" + WIRE + "\nUSA RUS 042\nShare this article.",
                     source="Daily")
        unrelated = story("c", OTHER + "\nUKR RUS 112\n")
        store.add_coded([code_story(s) for s in (original, copy, unrelated)])
        dup = dict(rows(store, "SELECT story_id, duplicate_of FROM stories"))
        assert dup == {"a": None, "b": "a", "c": None}

    def test_the_index_survives_reopening(self, tmp_path):
        path = tmp_path / "ev.duckdb"
        with EventStore(path) as s:
            s.add_coded([code_story(story("a", WIRE + "\nUSA RUS 042"))])
        with EventStore(path) as s:   # a new process resuming an ingest
            s.add_coded([code_story(story("z", WIRE + " Reporting by a stringer.\nUSA RUS 042"))])
            assert rows(s, "SELECT duplicate_of FROM stories WHERE story_id = 'z'") == [("a",)]

    def test_groups_are_stars_around_their_first_story_and_only_roots_are_indexed(self, store):
        copies = [story(f"c{k}", f"Edition {k}.\n" + WIRE + f"\nUSA RUS 042\nPage {k}.") for k in range(5)]
        store.add_coded([code_story(story("a", WIRE + "\nUSA RUS 042\n"))])
        store.add_coded([code_story(c) for c in copies])
        store.add_coded([code_story(story("c", OTHER + "\nUKR RUS 112\n"))])
        dup = dict(rows(store, "SELECT story_id, duplicate_of FROM stories"))
        assert dup == {"a": None, "c": None, **{c.id: "a" for c in copies}}
        index = store._duplicate_index()
        assert index._indexed == {"a", "c"}          # a lookup returns roots, not every copy
        store.close()
        with EventStore(store.path) as again:        # rebuilt from the store: still only roots
            assert again._duplicate_index()._indexed == {"a", "c"}

    def test_signatures_computed_by_a_worker_give_the_same_links(self, tmp_path):
        batch = [story("a", WIRE + "\nUSA RUS 042\n"),
                 story("b", "Published by Example Daily.\n" + WIRE + "\nUSA RUS 042\n"),
                 story("c", OTHER + "\nUKR RUS 112\n")]
        result = code_and_sign_batch(batch, False, None, FakeCoder)
        coded, sigs = result.coded, result.signatures
        assert sigs["a"] == signature(story_signature_text(None, batch[0].text)).tobytes()
        with EventStore(tmp_path / "w.duckdb") as s:
            s.add_coded(coded, signatures=sigs)
            assert dict(rows(s, "SELECT story_id, duplicate_of FROM stories")) == {"a": None, "b": "a", "c": None}
            stored = dict(rows(s, "SELECT story_id, signature FROM story_minhash"))
            assert stored == sigs


class TestUniqueEvents:
    def test_one_real_world_event_from_many_stories(self, store):
        a = story("a", WIRE + "\nUSA RUS 042\n")
        b = story("b", "Published by Example Daily.\n" + WIRE + "\nUSA RUS 042", source="Daily")
        # an independent report of the same meeting, same day, other words, other outlet
        c = story("c", OTHER + "\nUSA RUS 042\nUSA RUS 042", source="Gazette")
        store.add_coded([code_story(s) for s in (a, b, c)])
        assert rows(store, "SELECT count(*) FROM events") == [(4,)]
        u = store.unique_events().to_arrow_table().to_pylist()
        assert len(u) == 1
        ev = u[0]
        assert (ev["num_mentions"], ev["num_stories"], ev["num_sources"]) == (4, 3, 3)
        assert sorted(ev["story_ids"]) == ["a", "b", "c"]
        assert sorted(ev["mention_ids"]) == sorted(r[0] for r in rows(store, "SELECT event_id FROM events"))
        assert ev["source_country"] == "USA" and ev["cameo"] == "042"

    def test_gdelt_export_has_one_row_per_real_world_event_with_its_counts(self, store, tmp_path):
        from detente.interop.gdelt import COL

        store.add_coded([code_story(s) for s in (
            story("a", WIRE + "\nUSA RUS 042\n"),
            story("b", "Published by Example Daily.\n" + WIRE + "\nUSA RUS 042", source="Daily"),
            story("c", OTHER + "\nUSA RUS 042\nUSA RUS 042", source="Gazette"))])
        out = tmp_path / "events.tsv"
        assert export_events(store, out, format="gdelt") == 1
        (line,) = out.read_text().splitlines()
        cols = line.split("\t")
        assert (cols[COL["NumMentions"]], cols[COL["NumSources"]], cols[COL["NumArticles"]]) == ("4", "3", "3")

    def test_near_duplicates_count_as_one_source(self, store):
        # the same wire copy under two ids and no outlet named: one source, two stories
        a = Story(id="a", text=WIRE + "\nUSA RUS 042", date=date(2025, 2, 18))
        b = Story(id="b", text=WIRE + "\nUSA RUS 042\nMore later.", date=date(2025, 2, 18))
        store.add_coded([code_story(s) for s in (a, b)])
        (ev,) = store.unique_events().to_arrow_table().to_pylist()
        assert (ev["num_stories"], ev["num_sources"]) == (2, 1)

    def test_different_days_or_actions_stay_apart(self, store):
        store.add_coded([code_story(s) for s in (
            story("a", OTHER + "\nUSA RUS 042"),
            story("b", WIRE + "\nUSA RUS 042", d=date(2025, 2, 19)),
            story("c", "Something else entirely was written here today.\nUSA RUS 112"))])
        assert store.unique_events().to_arrow_table().num_rows == 3

    def test_two_speakers_statements_on_one_day_stay_two_but_a_meeting_is_one(self, store):
        import dataclasses

        def said_by(coded, *names):
            evs = [dataclasses.replace(e, source=dataclasses.replace(e.source, name=n))
                   for e, n in zip(coded.events, names)]
            return dataclasses.replace(coded, events=evs)

        # two officials criticising the same country on one day (verbal conflict, 112): two
        # statements; two stories naming the meeting's sides differently: still one meeting (042)
        store.add_coded([said_by(code_story(story("a", OTHER + "\nRUS USA 112")), "Vladimir Putin"),
                         said_by(code_story(story("b", WIRE + "\nRUS USA 112", source="Daily")), "Dmitry Medvedev"),
                         said_by(code_story(story("c", OTHER + "\nUSA RUS 042")), "Marco Rubio"),
                         said_by(code_story(story("d", WIRE + "\nUSA RUS 042", source="Daily")), "United States")])
        got = sorted((r["cameo"], r["num_mentions"]) for r in store.unique_events().to_arrow_table().to_pylist())
        assert got == [("042", 2), ("112", 1), ("112", 1)]

    def test_recoding_is_idempotent(self, store):
        corpus = [story("a", WIRE + "\nUSA RUS 042"), story("c", OTHER + "\nUSA RUS 042", source="G")]
        store.add_coded([code_story(s) for s in corpus])
        before = store.unique_events().to_arrow_table().to_pylist()
        store.add_coded([code_story(s) for s in corpus])
        assert store.unique_events().to_arrow_table().to_pylist() == before
        assert rows(store, "SELECT count(*) FROM story_minhash") == [(2,)]


    def test_imported_rows_are_groups_of_one_like_any_other(self, store):
        # coded stories (a republished copy among them) and all three imported formats in one
        # store: the view, which lets imported rows skip the grouping, must equal the plain
        # definition -- every mention of event_mentions grouped by its cluster key
        from detente.interop import import_file

        fix = Path(__file__).parent / "fixtures" / "interop"
        store.add_coded([code_story(s) for s in (
            story("a", WIRE + "\nUSA RUS 042\nRUS USA 112"),
            story("b", "Published by Example Daily.\n" + WIRE + "\nUSA RUS 042", source="Daily"),
            story("c", OTHER + "\nUKR RUS 112"))])
        for name in ("gdelt_20250301.export.CSV", "icews_events_2025.tab", "polecat_2025_03.tsv"):
            import_file(fix / name, store)
        reference = rows(store, """
            SELECT cluster_key, count(*), count(DISTINCT story_id), count(DISTINCT outlet),
                   list(event_id ORDER BY event_id), list(DISTINCT story_id ORDER BY story_id),
                   arg_min(event_id, (event_date, story_id, sentence_id, event_id))
            FROM event_mentions GROUP BY cluster_key ORDER BY cluster_key""")
        got = rows(store, """
            SELECT cluster_id, num_mentions, num_stories, num_sources, mention_ids, story_ids, event_id
            FROM unique_events ORDER BY cluster_id""")
        assert got == reference
        n_imported = rows(store, "SELECT count(*) FROM events WHERE origin <> 'detente'")[0][0]
        assert n_imported > 30 and len(got) == n_imported + 3
        # an imported event's row carries its own columns, as the first mention of its group
        from detente.schema import EVENT_ARROW_SCHEMA

        cols = ", ".join(EVENT_ARROW_SCHEMA.names)
        assert rows(store, f"SELECT {cols} FROM unique_events WHERE origin = 'icews' ORDER BY event_id") == \
            rows(store, f"SELECT {cols} FROM events WHERE origin = 'icews' ORDER BY event_id")
        assert rows(store, "SELECT count(*) FROM unique_events WHERE source_country = 'USA' "
                           "AND origin = 'gdelt'") == rows(
            store, "SELECT count(*) FROM events WHERE source_country = 'USA' AND origin = 'gdelt'")


class TestViews:
    def test_sentences_and_actors(self, store):
        store.add_coded([code_story(story("a", "USA RUS 042\nRUS USA 112\nUSA RUS 042"))])
        sents = rows(store, "SELECT sentence_id, text, n_events FROM sentences ORDER BY sentence_id")
        assert sents == [(0, "USA RUS 042", 1), (1, "RUS USA 112", 1), (2, "USA RUS 042", 1)]
        actors = {r[0]: r[1:] for r in rows(store, "SELECT code, n_as_source, n_as_target FROM actors")}
        assert actors["USAGOV"] == (2, 0) and actors["RUS"] == (0, 2)
        assert actors["RUSGOV"] == (1, 0) and actors["USA"] == (0, 1)


class TestMigration:
    V1 = """
    CREATE TABLE stories (story_id VARCHAR PRIMARY KEY, content_hash VARCHAR, title VARCHAR, date DATE,
      url VARCHAR, source VARCHAR, path VARCHAR, n_words INTEGER, n_sentences INTEGER,
      coded_at TIMESTAMPTZ, coder_version VARCHAR);
    CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR);
    INSERT INTO meta VALUES ('store_schema_version', '1');
    INSERT INTO stories VALUES ('old', 'h', 't', DATE '2024-01-02', NULL, 'Wire', NULL, 10, 1, NULL, 'x');
    """

    def test_schema_1_store_is_migrated_on_open_and_keeps_its_rows(self, tmp_path):
        path = tmp_path / "v1.duckdb"
        con = duckdb.connect(str(path))
        con.execute(self.V1)
        con.close()
        with pytest.raises(OSError, match="E306"):
            EventStore(path, read_only=True)        # a reader cannot migrate: clear error
        with EventStore(path) as s:
            assert s.schema_version() == STORE_SCHEMA_VERSION
            assert rows(s, "SELECT story_id, duplicate_of FROM stories") == [("old", None)]
            s.add_coded([code_story(story("new", WIRE + "\nUSA RUS 042"))])
            assert rows(s, "SELECT count(*) FROM unique_events") == [(1,)]
        with EventStore(path, read_only=True) as s:
            assert s.schema_version() == STORE_SCHEMA_VERSION

    def test_a_schema_3_store_gains_the_speaker_and_stores_it_from_then_on(self, tmp_path):
        path = tmp_path / "v3.duckdb"
        with EventStore(path) as s:
            s.add_coded([code_story(story("old", WIRE + "\nUSA RUS 042"))])
        con = duckdb.connect(str(path))          # what detente wrote before it kept the speaker
        con.execute("ALTER TABLE stories DROP COLUMN speaker")
        con.execute("UPDATE meta SET value = '3' WHERE key = 'store_schema_version'")
        con.close()
        with EventStore(path) as s:
            assert s.schema_version() == STORE_SCHEMA_VERSION
            spoken = Story(id="new", text="RUS USA 036", date=date(2025, 3, 1), speaker="Ambassador Jane Roe")
            s.add_coded([code_story(spoken)])
            assert rows(s, "SELECT story_id, speaker FROM stories ORDER BY story_id") == [
                ("new", "Ambassador Jane Roe"), ("old", None)]
        with EventStore(path, read_only=True) as s:
            assert s.stories().df().sort_values("story_id")["speaker"].tolist()[0] == "Ambassador Jane Roe"

    def test_a_newer_store_is_refused(self, tmp_path):
        path = tmp_path / "v9.duckdb"
        with EventStore(path) as s:
            s.con.execute("UPDATE meta SET value = '9' WHERE key = 'store_schema_version'")
        with pytest.raises(OSError, match="E307"):
            EventStore(path)


class TestOpen:
    def test_tables_as_arrow_and_pandas(self, tmp_path):
        path = tmp_path / "ev.duckdb"
        with detente.open(path) as db:
            db.add_coded([code_story(story("a", WIRE + "\nUSA RUS 042\nRUS USA 112"))])
            ev = db.events(dyad=("USA", "RUS"))
            assert isinstance(ev, pa.Table) and ev.num_rows == 1
            df = db.events(output="pandas")
            assert isinstance(df, pd.DataFrame) and sorted(df["cameo"]) == ["042", "112"]
            assert db.stories().column("story_id").to_pylist() == ["a"]
            assert db.unique_events(source="RUS").num_rows == 1
            assert db.sql("SELECT count(*) AS n FROM events WHERE cameo = ?", ["112"]).to_pylist() == [{"n": 1}]
            with pytest.raises(ValueError):
                db.events(output="polars")


class TestCli:
    @pytest.fixture()
    def db(self, tmp_path):
        path = tmp_path / "ev.duckdb"
        with EventStore(path) as s:
            s.add_coded([code_story(story("a", WIRE + "\nUSA RUS 042\nRUS USA 112")),
                         code_story(story("b", OTHER + "\nUKR RUS 190", d=date(2024, 11, 5)))])
        return path

    def test_query_formats(self, db):
        runner = CliRunner()
        sql = "SELECT cameo, count(*) AS n FROM events GROUP BY cameo ORDER BY cameo"
        r = runner.invoke(app, ["query", "--db", str(db), sql, "--format", "json"])
        assert r.exit_code == 0, r.output
        assert [json.loads(line) for line in r.stdout.splitlines()] == \
            [{"cameo": "042", "n": 1}, {"cameo": "112", "n": 1}, {"cameo": "190", "n": 1}]
        r = runner.invoke(app, ["query", "--db", str(db), sql, "--format", "csv"])
        assert r.stdout.splitlines()[0].replace('"', "") == "cameo,n"
        r = runner.invoke(app, ["query", "--db", str(db), "SELECT code FROM actors ORDER BY code"])
        assert r.exit_code == 0 and "UKRGOV" in r.stdout

    def test_query_errors_are_clear_and_the_store_is_read_only(self, db):
        runner = CliRunner()
        r = runner.invoke(app, ["query", "--db", str(db), "SELECT nope FROM events"])
        assert r.exit_code == 2 and "E305" in r.output
        r = runner.invoke(app, ["query", "--db", str(db), "DELETE FROM events"])
        assert r.exit_code == 2
        with EventStore(db, read_only=True) as s:
            assert rows(s, "SELECT count(*) FROM events") == [(3,)]

    def test_export_dyad_to_a_partitioned_folder(self, db, tmp_path):
        out = tmp_path / "events"
        r = CliRunner().invoke(app, ["export", "--db", str(db), "-o", str(out), "--dyad", "USA", "RUS"])
        assert r.exit_code == 0, r.output
        assert (out / "year=2025" / "month=2").is_dir()
        t = pq.read_table(out)
        assert t.num_rows == 1 and t.column("cameo").to_pylist() == ["042"]
        r = CliRunner().invoke(app, ["export", "--db", str(db), "-o", str(tmp_path / "all")])
        assert {p.name for p in (tmp_path / "all").iterdir()} == {"year=2024", "year=2025"}


def test_analytics_count_a_republished_event_once(tmp_path):
    from detente import analysis

    path = tmp_path / "ev.duckdb"
    with EventStore(path) as s:
        s.add_coded([code_story(story(f"copy{i}", f"Syndicated copy {i}.\n" + WIRE + "\nUSA RUS 042",
                                      source=f"Outlet {i}")) for i in range(5)])
        assert rows(s, "SELECT count(*) FROM events") == [(5,)]
    with EventStore(path, read_only=True) as s:
        series = analysis.dyad_series(s, "USA", "RUS", freq="month", mentions=False)
    feb = series[(series["source"] == "USA") & (series["n_events"] > 0)]
    assert feb["n_events"].tolist() == [1]
