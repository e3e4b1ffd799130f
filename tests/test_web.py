"""The dashboard's JSON API through FastAPI's TestClient: validation, safety, uploads."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from helpers import fakedata
from helpers.fake_coder import FakeCoder

from detente.web import create_app, sanitize_filename


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return fakedata.make_db(tmp_path_factory.mktemp("webdb") / "relations.duckdb")


@pytest.fixture()
def data_dir(tmp_path):
    return tmp_path / "data"


@pytest.fixture()
def client(db, data_dir):
    app = create_app(db, data_dir=data_dir, max_upload_bytes=2_000)
    app.state.coder = FakeCoder()
    return TestClient(app)


def test_events_from_a_small_db(client):
    r = client.get("/api/events", params={"dyad": "USA-RUS", "limit": 5})
    assert r.status_code == 200
    body = r.json()
    assert body["total"] > 100 and len(body["events"]) == 5
    ev = body["events"][0]
    assert {"event_id", "sentence", "span", "source", "target", "event_type", "cameo", "goldstein"} <= set(ev)
    one = client.get(f"/api/events/{ev['event_id']}").json()
    assert one == ev
    r = client.get("/api/events", params={"source": "RUS", "target": "USA", "event_type": "ACCUSE",
                                          "start": "2025-01-01", "end": "2025-04-30"})
    evs = r.json()["events"]
    assert evs and all(e["source"]["country"] == "RUS" and e["event_type"] == "ACCUSE" for e in evs)
    assert all("2025-01-01" <= e["date"] <= "2025-04-30" for e in evs)
    r = client.get("/api/events", params={"dyad": "USA-RUS", "actor": "Lavrov"})
    assert r.json()["events"] and all("Lavrov" in (e["source"]["name"] or "") + (e["target"]["name"] or "")
                                      for e in r.json()["events"])


def test_paging(client):
    a = client.get("/api/events", params={"limit": 3, "offset": 0}).json()["events"]
    b = client.get("/api/events", params={"limit": 3, "offset": 3}).json()["events"]
    assert not {e["event_id"] for e in a} & {e["event_id"] for e in b}


@pytest.mark.parametrize("url, param", [
    ("/api/events?source=usa", "source"),
    ("/api/events?target=USAA", "target"),
    ("/api/events?limit=5000", "limit"),
    ("/api/events?limit=0", "limit"),
    ("/api/events?start=2025-13-01", "start"),
    ("/api/events?end=yesterday", "end"),
    ("/api/events?event_type=HUG", "event_type"),
    ("/api/events?dyad=USA;RUS", "dyad"),
    ("/api/dyad/us/RUS/series", "a"),
    ("/api/dyad/USA/RUS/series?freq=year", "freq"),
    ("/api/dyad/USA/RUS/stage?as_of=2025-02-30", "as_of"),
])
def test_validation_errors_are_clear_422(client, url, param):
    r = client.get(url)
    assert r.status_code == 422, r.text
    err = r.json()["error"]
    assert err["code"] == "E501" and param in err["message"]
    assert any(p["param"] == param for p in err["problems"])


def test_iso3_message_says_what_is_expected(client):
    msg = client.get("/api/dyad/USA/ru/stage").json()["error"]["message"]
    assert "ISO 3166-1 alpha-3" in msg


def test_start_after_end_and_same_country(client):
    r = client.get("/api/events", params={"start": "2025-05-01", "end": "2025-01-01"})
    assert r.status_code == 422 and "after" in r.json()["error"]["message"]
    assert client.get("/api/dyad/USA/USA/series").status_code == 422


@pytest.mark.parametrize("params", [
    {"actor": "' OR 1=1 --"},
    {"actor": "%%"},
    {"actor": "Lavrov'); DROP TABLE events; --"},
    {"story_id": "s000"},  # a real id: sanity check that the filter works
])
def test_sql_injection_looking_input_returns_no_rows_and_no_500(client, params):
    r = client.get("/api/events", params=params)
    assert r.status_code in (200, 422)
    if "actor" in params:
        assert r.status_code == 200 and r.json()["total"] == 0
    else:
        assert r.json()["total"] == 3
    assert client.get("/api/events", params={"limit": 1}).json()["total"] > 100  # table still there


@pytest.mark.parametrize("eid", ["x' OR '1'='1", "e1;DROP TABLE events", "../../etc/passwd"])
def test_injection_in_path_ids(client, eid):
    r = client.get("/api/events/" + eid.replace("/", "%2F"))
    assert r.status_code in (404, 422)
    assert client.get("/api/events/enotthere000000").status_code == 404


def test_dyad_endpoints(client):
    s = client.get("/api/dyad/USA/RUS/series", params={"freq": "month"}).json()
    assert {r["direction"] for r in s["rows"]} == {"USA→RUS", "RUS→USA"}
    assert s["rows"][0]["period"] == "2025-01-01"
    st = client.get("/api/dyad/USA/RUS/stage").json()
    assert {"stage", "name", "since", "claimed_by", "evidence", "history"} <= set(st)
    ag = client.get("/api/dyad/USA/RUS/agenda").json()
    assert isinstance(ag["items"], list)
    sn = client.get("/api/dyad/USA/RUS/stances").json()
    assert sn["actors"] and -1 <= sn["actors"][0]["score"] <= 1 and "dual_track" in sn


def test_openapi_lists_the_endpoints(client):
    paths = client.get("/openapi.json").json()["paths"]
    for p in ["/api/events", "/api/events/{event_id}", "/api/dyad/{a}/{b}/series", "/api/dyad/{a}/{b}/stage",
              "/api/dyad/{a}/{b}/agenda", "/api/dyad/{a}/{b}/stances", "/api/code"]:
        assert p in paths, p
    assert "post" in paths["/api/code"]
    assert client.get("/docs").status_code == 200


def test_page_and_local_plotly(client):
    page = client.get("/")
    assert page.status_code == 200 and "/static/plotly.min.js" in page.text
    assert "cdn" not in page.text.lower() and "https://" not in page.text
    assert "default-src 'self'" in page.headers["content-security-policy"]
    js = client.get("/static/plotly.min.js")
    assert js.status_code == 200 and "plotly.js" in js.text[:300]


def test_code_pasted_text_returns_events_with_spans(client):
    text = "The United States held talks with Russia. Nothing else happened."
    r = client.post("/api/code", data={"text": text})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["story"]["text"] == text
    (ev,) = body["events"]
    a, b = ev["span"]
    assert text[a:b] == "The United States held talks with Russia."


def test_code_upload_over_the_limit_is_413(client, data_dir):
    r = client.post("/api/code", files={"file": ("big.txt", b"x" * 5_000, "text/plain")})
    assert r.status_code == 413 and "limit" in r.json()["error"]["message"]
    r = client.post("/api/code", data={"text": "y" * 5_000})
    assert r.status_code == 413
    big = client.post("/api/code", files={"file": ("big.txt", b"x" * 200_000, "text/plain")})
    assert big.status_code == 413
    assert not (data_dir / "uploads").exists() or not any((data_dir / "uploads").iterdir())


def test_upload_path_traversal_is_neutralised(client, data_dir, tmp_path):
    text = b"Washington accused Russia of stalling. "
    r = client.post("/api/code", files={"file": ("../../../../tmp/evil.sh", text, "text/plain")})
    assert r.status_code == 200, r.text
    body = r.json()["story"]
    assert body["filename"] == "evil.sh"
    saved = (data_dir / body["saved_as"]).resolve()
    assert saved.is_file() and data_dir.resolve() in saved.parents
    assert saved.read_bytes() == text
    files = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert all(data_dir.resolve() in p.resolve().parents for p in files)


@pytest.mark.parametrize("raw, clean", [
    ("../../etc/passwd", "passwd"), ("..\\..\\win.ini", "win.ini"), (".bashrc", "bashrc"),
    ("a b;rm -rf.txt", "a_b_rm_-rf.txt"), ("", "upload.txt"), ("....", "upload.txt"), ("/", "upload.txt"),
])
def test_sanitize_filename(raw, clean):
    assert sanitize_filename(raw) == clean


def test_upload_rejects_binary_and_non_utf8(client):
    assert client.post("/api/code", files={"file": ("x.txt", b"\x00\x01\x02abc", "text/plain")}).status_code == 415
    assert client.post("/api/code", files={"file": ("x.txt", "caf\u00e9".encode("latin-1"), "text/plain")}).status_code == 415
    assert client.post("/api/code", data={}).status_code == 422
    assert client.post("/api/code", data={"text": "   "}).status_code == 422


def test_missing_database_is_503_not_500(tmp_path):
    c = TestClient(create_app(tmp_path / "nope.duckdb"))
    r = c.get("/api/events")
    assert r.status_code == 503 and "database" in r.json()["error"]["message"]
    assert c.get("/").status_code == 200
    assert c.get("/api/health").json()["database_present"] is False


def test_api_docs_page_needs_no_cdn(tmp_path):
    """/docs is served with Swagger UI from local files (swagger-ui-bundle), not a CDN."""
    from fastapi.testclient import TestClient

    from detente.web import create_app

    client = TestClient(create_app(tmp_path / "none.duckdb"))
    page = client.get("/docs")
    assert page.status_code == 200
    assert "/docs-assets/swagger-ui-bundle.js" in page.text
    assert "https://" not in page.text
    js = client.get("/docs-assets/swagger-ui-bundle.js")
    assert js.status_code == 200 and len(js.content) > 100_000


@pytest.mark.parametrize("method, url, status, code", [
    ("get", "/api/events?limit=0", 422, "E501"),                 # parameter validation
    ("get", "/api/dyad/USA/USA/series", 422, "E407"),            # the analysis refuses the dyad
    ("get", "/api/events?start=2025-05-01&end=2025-01-01", 422, "E408"),
    ("get", "/api/events/enotthere000000", 404, "E504"),
    ("get", "/api/no/such/route", 404, "E504"),
    ("post", "/api/events", 405, "E505"),
    ("post", "/api/code", 422, "E501"),
])
def test_every_error_is_a_catalogued_code_with_its_status(client, method, url, status, code):
    from detente.errors import Errors

    r = getattr(client, method)(url)
    err = r.json()["error"]
    assert (r.status_code, err["code"]) == (status, code)
    assert hasattr(Errors, err["code"]) and err["message"] and not err["message"].startswith("[")


def test_a_database_that_cannot_be_opened_is_503_with_its_reason(tmp_path):
    import duckdb

    old = tmp_path / "old.duckdb"       # a schema-1 store: a read-only open cannot migrate it
    con = duckdb.connect(str(old))
    con.execute("CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR); "
                "INSERT INTO meta VALUES ('store_schema_version', '1'); CREATE TABLE events (event_id VARCHAR)")
    con.close()
    r = TestClient(create_app(old)).get("/api/events")
    assert r.status_code == 503 and r.json()["error"]["code"] == "E506"
    assert "schema version 1" in r.json()["error"]["message"]
