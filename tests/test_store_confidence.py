"""--min-confidence (issue 12): one filter in the store's event_filter, used by every reader --
the Python API, the analytics through EventStore.filtered, the CLI analysis and export
commands and the web API."""
from __future__ import annotations

import json
from datetime import date

import pytest
from fastapi.testclient import TestClient
from helpers.fake_coder import code_story
from typer.testing import CliRunner

from detente import analysis
from detente.cli import app
from detente.errors import BadValue
from detente.schema import Story
from detente.store import EventStore, event_filter
from detente.web import create_app


def _coded(story_id: str, text: str, day: date, confidence: float, source: str | None = None):
    """A coded story whose events carry ``confidence``."""
    coded = code_story(Story(id=story_id, text=text, date=day, source=source))
    for e in coded.events:
        e.confidence = confidence
    return coded


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    """Four real-world USA->RUS events: one reported twice (0.5 and 0.9), the others once
    (0.3, 0.7, 0.95); plus one RUS->USA event at 0.6."""
    path = tmp_path_factory.mktemp("confidence") / "c.duckdb"
    with EventStore(path) as s:
        s.add_coded([
            _coded("a1", "USA RUS 042", date(2025, 2, 1), 0.5, source="Wire A"),
            _coded("a2", "USA RUS 042", date(2025, 2, 1), 0.9, source="Wire B"),   # the same event, surer
            _coded("b", "USA RUS 112", date(2025, 3, 1), 0.3),
            _coded("c", "USA RUS 036", date(2025, 4, 1), 0.7),
            _coded("d", "USA RUS 057", date(2025, 5, 1), 0.95),
            _coded("e", "RUS USA 111", date(2025, 5, 2), 0.6),
        ])
    return path


def test_event_filter_binds_the_threshold_and_refuses_what_is_not_a_probability():
    where, params = event_filter(min_confidence=0.7, source="USA")
    assert where == " WHERE source_country = ? AND confidence >= ?" and params == ["USA", 0.7]
    for bad in (-0.1, 1.5, "high", float("nan"), None.__class__):
        with pytest.raises(BadValue, match=r"^\[E323\] bad min_confidence"):
            event_filter(min_confidence=bad)


def test_every_reader_takes_it(db):
    with EventStore(db, read_only=True) as s:
        assert s.count_events() == 6 and s.count_events(min_confidence=0.7) == 3
        assert sorted(s.events(min_confidence=0.7).to_arrow_table().column("confidence").to_pylist()) == [0.7, 0.9, 0.95]
        # a real-world event's confidence is its most confident report's: the 042 meeting counts at 0.8
        ue = s.unique_events(min_confidence=0.8).to_arrow_table().to_pylist()
        assert sorted((r["cameo"], r["confidence"], r["num_mentions"]) for r in ue) == [("042", 0.9, 2), ("057", 0.95, 1)]
        assert s.dyad_months(min_confidence=0.9).aggregate("sum(n)").fetchall() == [(2,)]
        assert s.counted_events(min_confidence=0.0).aggregate("count(*)").fetchall() == [(5,)]


def test_a_filtered_store_restricts_the_analytics(db):
    with EventStore(db, read_only=True) as s:
        sure = s.filtered(min_confidence=0.8)
        assert sure.count_events() == 2 and s.count_events() == 6        # the view, not the store
        assert sure.count_events(min_confidence=0.0) == 6                # a caller's own filter wins
        weekly = analysis.dyad_series(sure, "USA", "RUS", freq="month", start="2025-01-01", end="2025-06-30")
        everything = analysis.dyad_series(s, "USA", "RUS", freq="month", start="2025-01-01", end="2025-06-30")
        assert weekly["n_events"].sum() == 2 and everything["n_events"].sum() == 5
        with pytest.raises(BadValue, match="E323"):
            s.filtered(min_confidence=2)
        sure.close()                                                    # shares s's connection
        assert s.count_events() == 6


def test_cli_export_and_analysis_commands(db, tmp_path):
    runner = CliRunner()
    out = tmp_path / "sure.jsonl"
    r = runner.invoke(app, ["export", str(out), "--db", str(db), "--min-confidence", "0.7"])
    assert r.exit_code == 0, r.output
    assert sorted(json.loads(line)["confidence"] for line in out.read_text().splitlines()) == [0.7, 0.9, 0.95]
    r = runner.invoke(app, ["dyad", "USA", "RUS", "--db", str(db), "--freq", "month", "--format", "json",
                            "--from", "2025-01-01", "--to", "2025-06-30", "--min-confidence", "0.8"])
    assert r.exit_code == 0, r.output
    assert sum(row["n_events"] for row in json.loads(r.output)) == 2
    r = runner.invoke(app, ["stage", "USA", "RUS", "--db", str(db), "--min-confidence", "1.5"], env={"COLUMNS": "200"})
    assert r.exit_code == 2 and "Invalid value for '--min-confidence'" in r.output


def test_web_api(db):
    client = TestClient(create_app(db))
    assert client.get("/api/events").json()["total"] == 6
    sure = client.get("/api/events", params={"min_confidence": 0.8}).json()
    assert sure["total"] == 2 and all(e["confidence"] >= 0.8 for e in sure["events"])
    series = client.get("/api/dyad/USA/RUS/series", params={"freq": "month", "min_confidence": 0.8,
                                                              "start": "2025-01-01", "end": "2025-06-30"})
    assert series.status_code == 200
    assert sum(r["n_events"] for r in series.json()["rows"]) == 2
    for bad in ("2", "-1", "sure"):
        r = client.get("/api/events", params={"min_confidence": bad})
        assert r.status_code == 422 and r.json()["error"]["code"] == "E501", r.text
        assert "min_confidence" in r.json()["error"]["message"]
