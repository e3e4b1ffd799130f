"""Issues in the dashboard's JSON API and the CLI: the ``issue`` filter of ``/api/events``, the
issues of a pair with counts (``/api/events/issues``, the dashboard's filter control),
``detente export --issue`` and SQL over the list column in ``detente query``."""
from __future__ import annotations

import json
from datetime import date

import pytest
from fastapi.testclient import TestClient
from helpers.fake_coder import FakeCoder, code_story
from typer.testing import CliRunner

from detente.cli import app as cli
from detente.schema import Story
from detente.store import EventStore
from detente.web import create_app

LINES = ["USA RUS 036 embassy_operations", "RUS USA 036 embassy_operations,visas", "USA RUS 163 sanctions",
         "USA RUS 042", "UKR RUS 040 prisoner_exchange"]


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("issues") / "issues.duckdb"
    with EventStore(path) as store:
        store.add_coded([code_story(Story(id=f"s{i}", text=line, date=date(2025, 3, 1 + i)))
                         for i, line in enumerate(LINES)])
    return path


@pytest.fixture(scope="module")
def client(db, tmp_path_factory):
    app = create_app(db, data_dir=tmp_path_factory.mktemp("data"), coder_factory=FakeCoder)
    with TestClient(app) as c:
        yield c


def test_events_filtered_by_issue(client):
    body = client.get("/api/events", params={"issue": "embassy_operations"}).json()
    assert body["total"] == 2
    assert all("embassy_operations" in ev["issues"] for ev in body["events"])
    body = client.get("/api/events", params={"issue": "visas,sanctions", "dyad": "USA-RUS"}).json()
    assert sorted(ev["cameo"] for ev in body["events"]) == ["036", "163"]


def test_the_issues_of_a_pair_with_counts_and_labels(client):
    body = client.get("/api/events/issues", params={"dyad": "USA-RUS"}).json()
    assert [(i["id"], i["n"]) for i in body["issues"]] == [("embassy_operations", 2), ("sanctions", 1), ("visas", 1)]
    assert body["issues"][0]["label"].startswith("Embassy")


@pytest.mark.parametrize("value, code", [("sanction", "E309"), ("Sanctions", "E501"), ("a;b", "E501")])
def test_bad_issue_ids_are_refused(client, value, code):
    r = client.get("/api/events", params={"issue": value})
    assert r.status_code == 422 and r.json()["error"]["code"] == code


def test_export_and_query_by_issue(db, tmp_path):
    runner = CliRunner()
    out = tmp_path / "e.jsonl"
    r = runner.invoke(cli, ["export", str(out), "--db", str(db), "--issue", "embassy_operations", "--issue", "sanctions"])
    assert r.exit_code == 0, r.output
    assert sorted(json.loads(line)["cameo"] for line in out.open()) == ["036", "036", "163"]
    r = runner.invoke(cli, ["export", str(tmp_path / "x.jsonl"), "--db", str(db), "--issue", "sanction"])
    assert r.exit_code == 2 and "E309" in r.output
    r = runner.invoke(cli, ["query", "--db", str(db), "--format", "json",
                            "select cameo from events where list_contains(issues, 'visas')"])
    assert r.exit_code == 0, r.output
    assert [json.loads(line) for line in r.output.splitlines()] == [{"cameo": "036"}]
    r = runner.invoke(cli, ["query", "--db", str(db), "--format", "csv",      # CSV has no lists: ids joined by ";"
                            "select cameo, issues from events where list_contains(issues, 'visas')"])
    assert r.exit_code == 0, r.output
    assert r.output.splitlines() == ['"cameo","issues"', '"036","embassy_operations;visas"']


def test_the_dashboard_has_an_issue_control_fed_by_the_api(client):
    page = client.get("/").text
    assert '<select id="issue" name="issue">' in page
    script = client.get("/static/app.js").text
    assert "/api/events/issues?" in script and "issue: p.issue" in script
