"""EventStore: idempotent writes, replacement on re-coding, bound filters, exports."""
from __future__ import annotations

import json
from datetime import date

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import pytest
from helpers.fake_coder import code_story

from detente.errors import BadValue, Unavailable
from detente.schema import EVENT_ARROW_SCHEMA, Story
from detente.store import EventStore


def story(i: int, text: str, d: date = date(2025, 3, 1)) -> Story:
    return Story(id=f"s{i}", text=text, title=f"t{i}", date=d, url=f"https://example.com/{i}", source="Wire")


CORPUS = [
    story(1, "USA RUS 042\nRUS USA 112"),
    story(2, "USA RUS 163", date(2025, 6, 2)),
    story(3, "RUS UKR 190\nUKR RUS 112", date(2024, 12, 31)),
]


@pytest.fixture()
def store(tmp_path):
    with EventStore(tmp_path / "ev.duckdb") as s:
        yield s


def table(s: EventStore, sql: str):
    return s.con.sql(sql).fetchall()


def test_schema_columns_match_arrow_schema(store):
    cols = [r[0] for r in table(store, "SELECT column_name FROM information_schema.columns "
                                       "WHERE table_name = 'events' ORDER BY ordinal_position")]
    assert cols == [f.name for f in EVENT_ARROW_SCHEMA]
    assert store.events().to_arrow_table().schema.names == [f.name for f in EVENT_ARROW_SCHEMA]


def test_add_same_story_twice_is_idempotent(store):
    st1 = store.add_coded([code_story(s) for s in CORPUS])
    before = table(store, "SELECT * EXCLUDE (origin) FROM events ORDER BY event_id")
    st2 = store.add_coded([code_story(s) for s in CORPUS])
    after = table(store, "SELECT * EXCLUDE (origin) FROM events ORDER BY event_id")
    assert st1.events == 5 and st1.replaced == 0
    assert st2.replaced == 3
    assert before == after
    assert table(store, "SELECT count(*) FROM stories") == [(3,)]
    assert table(store, "SELECT count(*) FROM mentions") == [(6,)]   # 2 countries x 3 stories


def test_recoded_story_replaces_its_events(store):
    store.add_coded([code_story(s) for s in CORPUS])
    changed = Story(id="s1", text="USA RUS 190", title="t1", date=date(2025, 3, 1))
    store.add_coded([code_story(changed)])
    rows = table(store, "SELECT cameo FROM events WHERE story_id = 's1'")
    assert rows == [("190",)]
    assert store.known_story_hashes(["s1", "s2", "nope"]) == {
        "s1": changed.content_hash, "s2": CORPUS[1].content_hash}
    assert table(store, "SELECT count(*) FROM events") == [(4,)]


def test_failed_batch_leaves_store_unchanged(store):
    store.add_coded([code_story(CORPUS[0])])
    bad = code_story(CORPUS[1])
    bad.events[0].quad_class = 999            # does not fit TINYINT: the insert fails mid-transaction
    with pytest.raises(Exception):
        store.add_coded([code_story(CORPUS[2]), bad])
    assert table(store, "SELECT story_id, count(*) FROM events GROUP BY ALL") == [("s1", 2)]
    assert table(store, "SELECT story_id FROM stories") == [("s1",)]


def test_filters_are_bound_parameters(store):
    store.add_coded([code_story(s) for s in CORPUS])
    assert store.events(target="USA' OR 1=1 --").to_arrow_table().num_rows == 0
    assert store.events(dyad=("USA", "RUS' OR '1'='1")).to_arrow_table().num_rows == 0
    assert store.events(source="USA").to_arrow_table().num_rows == 2
    assert store.events(dyad=("RUS", "USA")).to_arrow_table().column("cameo").to_pylist() == ["112"]
    assert store.events(start=date(2025, 1, 1), end="2025-03-01").to_arrow_table().num_rows == 2
    assert store.events(event_type="ASSAULT").to_arrow_table().column("story_id").to_pylist() == ["s3"]
    assert store.events(limit=1).to_arrow_table().num_rows == 1
    assert table(store, "SELECT count(*) FROM events") == [(5,)]     # the table survived


def test_export_round_trips(store, tmp_path):
    store.add_coded([code_story(s) for s in CORPUS])
    full = store.events().to_arrow_table()
    assert store.export(tmp_path / "e.parquet", format="parquet") == 5
    back_pq = pq.read_table(tmp_path / "e.parquet")
    assert [(f.name, f.type) for f in back_pq.schema] == [(f.name, f.type) for f in EVENT_ARROW_SCHEMA]
    assert back_pq.to_pylist() == full.to_pylist()

    assert store.export(tmp_path / "e.csv", format="csv") == 5
    back = pacsv.read_csv(tmp_path / "e.csv", convert_options=pacsv.ConvertOptions(strings_can_be_null=True,
        column_types={f.name: f.type for f in EVENT_ARROW_SCHEMA if f.name != "issues"})).select(full.column_names)
    back = back.set_column(back.schema.get_field_index("issues"), "issues", pa.array(    # CSV: "a;b"
        [v.split(";") if v else [] for v in back.column("issues").to_pylist()], pa.list_(pa.string())))
    assert back.cast(EVENT_ARROW_SCHEMA).to_pylist() == full.to_pylist()

    n = store.export(tmp_path / "e.jsonl", format="jsonl", dyad=("USA", "RUS"))
    objs = [json.loads(line) for line in open(tmp_path / "e.jsonl")]
    assert n == len(objs) == 2
    assert {o["cameo"] for o in objs} == {"042", "163"}
    assert objs[0]["source"]["country"] == "USA" and objs[0]["target"]["country"] == "RUS"

    with pytest.raises(BadValue, match="E304"):
        store.export(tmp_path / "e.x", format="xml")


def test_dyad_months_and_stats(store):
    store.add_coded([code_story(s) for s in CORPUS])
    rows = store.dyad_months(dyad=("USA", "RUS")).fetchall()
    assert [(r[2], r[3], r[4], r[7]) for r in rows] == [(date(2025, 3, 1), 1, 1, 0), (date(2025, 6, 1), 1, 0, 1)]
    st = store.stats()
    assert st["events_by_origin"] == {"detente": 5}
    assert st["first_date"] == date(2024, 12, 31) and st["last_date"] == date(2025, 6, 2)


def test_add_events_is_idempotent_per_id(store):
    t = store.events().to_arrow_table()
    assert t.num_rows == 0
    from detente.schema import events_to_arrow
    evs = [e for s in CORPUS for e in code_story(s).events]
    tab = events_to_arrow(evs, origin="x")
    assert store.add_events(tab, origin="gdelt") == 5
    assert store.add_events(tab, origin="gdelt") == 0
    assert store.add_events(pa.concat_tables([tab, tab]), origin="gdelt") == 0
    assert store.stats()["events_by_origin"] == {"gdelt": 5}


def test_read_only_and_missing(tmp_path):
    with pytest.raises(Unavailable, match="E301"):
        EventStore(tmp_path / "none.duckdb", read_only=True)
    with EventStore(tmp_path / "a.duckdb") as s:
        s.add_coded([code_story(CORPUS[0])])
    with EventStore(tmp_path / "a.duckdb", read_only=True) as r:
        assert r.stats()["events"] == 2


def test_filters_pair_involving_actor_ids_and_dated(store):
    store.add_coded([code_story(s) for s in CORPUS])
    store.add_coded([code_story(Story(id="s4", text="USA RUS 042", title="t4"))])    # no date

    def cameos(**filters):
        return sorted(store.events(**filters).to_arrow_table().column("cameo").to_pylist())

    assert cameos(pair=("RUS", "USA")) == ["042", "042", "112", "163"]               # both directions
    assert cameos(pair=("RUS", "USA"), dated=True) == ["042", "112", "163"]
    assert cameos(involving=["UKR"]) == ["112", "190"]
    assert cameos(actor="ukr") == ["112", "190"] and cameos(actor="%") == []        # LIKE wildcards are text
    ids = store.events(story_id="s1").to_arrow_table().column("event_id").to_pylist()
    assert cameos(event_ids=ids) == ["042", "112"] and cameos(event_ids=[]) == []
    assert store.count_events(pair=("USA", "RUS")) == 4
    page = store.events(limit=2, offset=1).to_arrow_table().column("event_id").to_pylist()
    assert page == store.events().to_arrow_table().column("event_id").to_pylist()[1:3]
    with pytest.raises(BadValue, match="E308"):
        store.events(start="March")


def test_analytics_count_unique_events_once_stories_are_coded(store):
    assert store.counted_table == "events"                 # nothing coded: the events table
    store.add_coded([code_story(s) for s in CORPUS])
    assert store.counted_table == "unique_events"
    rel = store.counted_events(pair=("USA", "RUS"))
    assert rel.columns == list(EVENT_ARROW_SCHEMA.names) and len(rel.fetchall()) == 3
    assert store.has_mentions and store.mentions(["UKR"]).fetchall() == [(date(2024, 12, 31), 2)]


def test_events_in_memory_and_on_a_borrowed_connection_read_the_same(store):
    import duckdb

    store.add_coded([code_story(s) for s in CORPUS])
    table = store.events().to_arrow_table()
    partial = table.drop_columns(["sentence", "rule"]).to_pandas()             # a frame from elsewhere
    with EventStore.from_events(partial) as mem:
        back = mem.events(dyad=("USA", "RUS")).to_arrow_table()
        assert back.schema.names == EVENT_ARROW_SCHEMA.names and back.num_rows == 2
        assert back.column("sentence").null_count == 2 and not mem.has_mentions
    con = duckdb.connect()
    con.register("events", table)
    with EventStore.on_connection(con) as borrowed:
        assert borrowed.count_events(source="RUS") == 2
    assert con.execute("SELECT count(*) FROM events").fetchall() == [(5,)]    # still open: not ours to close


def test_open_refuses_an_unknown_output():
    import detente

    with detente.open(":memory:") as db, pytest.raises(BadValue, match="E309"):
        db.events(output="polars")
