"""The dashboard's JSON API through FastAPI's TestClient: validation, safety, uploads."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlencode

import httpx
import pytest
from fastapi.testclient import TestClient
from helpers import fakedata
from helpers.fake_coder import FakeCoder
from helpers.slow_coder import SlowCoder

from detente.analysis import make_events
from detente.schema import events_to_arrow
from detente.store import EventStore
from detente.web import create_app, sanitize_filename
from detente.web.dyad import MAX_POINTS

TESTS = Path(__file__).resolve().parent


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return fakedata.make_db(tmp_path_factory.mktemp("webdb") / "relations.duckdb")


@pytest.fixture(scope="module")
def client(db, tmp_path_factory):
    """One app (and one coding process) for the module's tests."""
    app = create_app(db, data_dir=tmp_path_factory.mktemp("data"), max_upload_bytes=2_000, coder_factory=FakeCoder)
    with TestClient(app) as c:
        yield c


@pytest.fixture()
def data_dir(client, tmp_path):
    """A fresh upload folder for one test (the app keeps uploads under its ``data_dir``)."""
    state = client.app.state
    kept, state.data_dir = state.data_dir, (tmp_path / "data").resolve()
    yield state.data_dir
    state.data_dir = kept


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


# ---- date ranges: clamped to the data, bounded in points, impossible dates refused ----------
SERIES = "/api/dyad/USA/RUS/series"


@pytest.mark.parametrize("url", [
    SERIES + "?start=9999-12-31", SERIES + "?start=0001-01-01&freq=day", SERIES + "?end=1200-05-01",
    "/api/dyad/USA/RUS/agenda?end=9999-12-31", "/api/dyad/USA/RUS/third_parties?start=0001-01-01",
    "/api/dyad/USA/RUS/stage?as_of=9999-12-31", "/api/events?start=9999-12-31",
    "/api/dyad/USA/RUS/outlook?start=0001-01-01", "/api/dyad/USA/RUS/stances?end=9999-12-31",
])
def test_dates_outside_the_calendar_are_422(client, url):
    r = client.get(url)
    assert r.status_code == 422, r.text
    err = r.json()["error"]
    assert err["code"] == "E507" and "1678-01-01 to 2261-12-31" in err["message"]


def test_a_range_wider_than_the_data_is_clamped_to_the_data(client):
    from datetime import date

    r = client.get(SERIES, params={"start": "1700-01-01", "end": "2261-12-31", "freq": "day"})
    assert r.status_code == 200, r.text
    body = r.json()
    win = body["window"]
    assert (win["start"], win["end"]) == (win["data_start"], win["data_end"]) == ("2025-01-01", "2025-06-27")
    days = (date.fromisoformat(win["end"]) - date.fromisoformat(win["start"])).days + 1
    assert len(body["rows"]) == 2 * days and len({r["period"] for r in body["rows"]}) == days
    assert len(r.content) < 1_000_000
    # the default window is the stories' period, the same rows as the clamped request
    default = client.get(SERIES, params={"freq": "day"}).json()
    assert default["window"] == win and default["rows"] == body["rows"]


def test_outlook_and_stances_take_a_date_range_like_the_other_measures(client, db):
    from datetime import date

    from detente import analysis

    for route in ("outlook", "stances"):
        url = f"/api/dyad/USA/RUS/{route}"
        # no dates: the analysis's own default (the stories' period), as before the range existed
        full = client.get(url).json()
        with EventStore(db, read_only=True) as store:
            direct = (analysis.outlook(store, "USA", "RUS", freq="week") if route == "outlook"
                      else analysis.stances(store, "USA", "RUS"))
            assert {k: v for k, v in full.items() if k != "window"} == analysis.jsonable(direct.to_json())
        assert full["window"]["data_start"] == "2025-01-01"
        # a range wider than the data is clamped to it; a narrower one reads less
        wide = client.get(url, params={"start": "1700-01-01", "end": "2261-12-31"}).json()
        assert (wide["window"]["start"], wide["window"]["end"]) == ("2025-01-01", "2025-06-27")
        part = client.get(url, params={"start": "2025-01-01", "end": "2025-02-15"}).json()
        assert part["window"]["end"] == "2025-02-15"
        if route == "stances":
            n = lambda body: sum(x["n_statements"] for x in body["actors"])    # noqa: E731
            assert 0 < n(part) < n(full)
        else:
            assert all(date(2025, 1, 1) <= date.fromisoformat(c["period"]) <= date(2025, 2, 15)
                       for c in part["change_points"])
            # the forecast is for the week after the range's last, not after the data's
            assert date(2025, 2, 15) < date.fromisoformat(part["forecast"]["period"]) <= date(2025, 2, 22)
            assert date.fromisoformat(full["forecast"]["period"]) > date(2025, 6, 1)
        # a range outside the data: empty, not an error
        none = client.get(url, params={"start": "2100-01-01"})
        assert none.status_code == 200
        body = none.json()
        assert body.get("actors", []) == [] and body.get("change_points", []) == []
        # the start after the end is E408, as on the other routes
        bad = client.get(url, params={"start": "2025-03-01", "end": "2025-02-01"})
        assert bad.status_code == 422 and bad.json()["error"]["code"] == "E408"


def test_a_range_outside_the_data_is_empty_not_an_error(client):
    for params in ({"start": "2100-01-01"}, {"end": "1990-01-01"}):
        r = client.get(SERIES, params=params)
        assert r.status_code == 200 and r.json()["rows"] == [] and r.json()["score"] == []
        assert client.get("/api/dyad/USA/RUS/agenda", params=params).json()["items"] == []


def test_more_points_than_the_cap_is_422_naming_a_way_out(tmp_path):
    """Imported events from 1995 to 2025: 11,000 days is over the cap; months are not."""
    recs = [{"date": f"{y}-06-01", "cameo": "040", "source_country": "USA", "target_country": "CHN"}
            for y in range(1995, 2026)]
    path = tmp_path / "long.duckdb"
    with EventStore(path) as store:
        store.add_events(make_events(recs, origin="gdelt"), origin="gdelt")
    c = TestClient(create_app(path))
    r = c.get("/api/dyad/USA/CHN/series", params={"freq": "day"})
    assert r.status_code == 422, r.text
    err = r.json()["error"]
    assert err["code"] == "E508" and f"over the limit of {MAX_POINTS:,}" in err["message"]
    assert "longer freq" in err["message"]
    assert c.get("/api/dyad/USA/CHN/outlook", params={"freq": "day"}).json()["error"]["code"] == "E508"
    months = c.get("/api/dyad/USA/CHN/series", params={"freq": "month"}).json()
    assert months["window"] == {"start": "1995-06-01", "end": "2025-06-01",
                                "data_start": "1995-06-01", "data_end": "2025-06-01"}
    assert len(months["rows"]) == 2 * (30 * 12 + 1)
    assert sum(r["n_events"] for r in months["rows"]) == 31
    assert c.get("/api/dyad/USA/CHN/series", params={"freq": "day", "start": "2020-01-01"}).status_code == 200


def test_the_window_count_matches_the_events_listed(client):
    """The dashboard's headline count and its events table read the same events."""
    for freq in ("week", "month"):
        s = client.get(SERIES, params={"freq": freq}).json()
        win = s["window"]
        listed = client.get("/api/events", params={"dyad": "USA-RUS", "start": win["start"], "end": win["end"],
                                                   "counted": "true", "limit": 1}).json()
        assert listed["total"] == sum(r["n_events"] for r in s["rows"]) > 100


# ---- heavy answers: computed once per query and data version ----------------------------------
def test_series_are_computed_once_per_query_and_data_version(tmp_path):
    path = fakedata.make_db(tmp_path / "cache.duckdb", n=60)
    app = create_app(path)
    cache = app.state.cache
    c = TestClient(app)
    params = {"freq": "week", "start": "2025-02-01"}
    first = c.get(SERIES, params=params)
    assert first.status_code == 200 and cache.computed == 1
    assert c.get(SERIES, params=params).content == first.content and cache.computed == 1
    c.get(SERIES, params={**params, "freq": "month"})
    assert cache.computed == 2
    # eight requests at once for a new query: one computation, eight identical answers
    answers = []
    threads = [threading.Thread(target=lambda: answers.append(c.get(SERIES, params={"freq": "day"}).content))
               for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(set(answers)) == 1 and len(answers) == 8 and cache.computed == 3
    # new data in the store: a new answer
    with EventStore(path) as store:
        store.add_events(events_to_arrow(fakedata.make_events(120, seed=3)[60:]), origin="detente")
    again = c.get(SERIES, params=params)
    assert cache.computed == 4 and again.content != first.content


# ---- coding requests: a size and a time budget, in a process that can be killed ---------------
SLOW_STORY = "SPIN 60. The United States accused Russia of stalling."


@pytest.fixture(scope="module")
def budget_client(db):
    app = create_app(db, max_code_chars=500, code_timeout=1.5, coder_factory=SlowCoder)
    with TestClient(app) as c:
        yield c


def _gone(pid: int) -> bool:
    """Whether process ``pid`` has ended (and been reaped, or is a zombie)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] == "Z"
    except FileNotFoundError:
        return True


def test_a_story_over_the_character_budget_is_413(budget_client):
    r = budget_client.post("/api/code", data={"text": "The United States met Russia. " * 20})
    assert r.status_code == 413
    err = r.json()["error"]
    assert err["code"] == "E509" and "600 characters" in err["message"] and "500" in err["message"]


def test_a_story_over_the_time_budget_is_stopped_with_408(budget_client):
    coding = budget_client.app.state.coding
    ok = budget_client.post("/api/code", data={"text": "The United States held talks with Russia."})
    assert ok.status_code == 200 and len(ok.json()["events"]) == 1
    first = coding.pid
    r = budget_client.post("/api/code", data={"text": SLOW_STORY})
    assert r.status_code == 408, r.text
    assert r.json()["error"]["code"] == "E510" and "1.5 s" in r.json()["error"]["message"]
    assert coding.pid is None and _gone(first)          # killed, not left spinning
    again = budget_client.post("/api/code", data={"text": "Washington accused Russia of stalling."})
    assert again.status_code == 200 and again.json()["events"][0]["cameo"] == "112"
    assert coding.pid not in (None, first)               # a fresh process


def test_the_worker_waits_its_turn_and_stops_for_a_client_that_left():
    """Unit test of CodingWorker: a second story waits for the first up to its own budget
    (E511), and a story whose client has gone is stopped at once."""
    import asyncio

    from detente.errors import DetenteError
    from detente.schema import Story
    from detente.web.worker import ClientGone, CodingWorker

    def story(text):
        return Story(id=Story.content_id(text, None), text=text)

    async def scenario():
        worker = CodingWorker(SlowCoder)
        left = asyncio.Event()

        async def here():
            return False

        async def gone():
            return left.is_set()

        try:
            slow = asyncio.create_task(worker.code(story(SLOW_STORY), timeout=120, client_gone=gone))
            while not worker.loaded:                 # the process starts and loads the coder
                await asyncio.sleep(0.05)
            with pytest.raises(DetenteError) as busy:
                await worker.code(story("The United States met Russia."), timeout=0.5, client_gone=here)
            assert busy.value.code == "E511"
            pid = worker.pid
            left.set()                               # the first client goes away
            with pytest.raises(ClientGone):
                await slow
            assert worker.pid is None and _gone(pid)
            coded = await worker.code(story("The United States met Russia."), timeout=30, client_gone=here)
            assert [e["cameo"] for e in coded["events"]] == ["040"]
        finally:
            worker.close()
        with pytest.raises(DetenteError) as closed:
            await worker.code(story("The United States met Russia."), timeout=30, client_gone=here)
        assert closed.value.code == "E512"

    asyncio.run(scenario())


def test_a_coder_that_cannot_load_is_503(db):
    app = create_app(db, coder_factory=_broken_coder)
    with TestClient(app) as c:
        r = c.post("/api/code", data={"text": "The United States met Russia."})
    assert r.status_code == 503 and r.json()["error"]["code"] == "E512"
    assert "no model here" in r.json()["error"]["message"]


def _broken_coder():
    raise OSError("no model here")


# ---- a real server in its own process: a client that leaves, SIGTERM ----------------------------
def _coders(pid: int) -> set[int]:
    """The live coding processes of server ``pid``: its children started by multiprocessing's
    spawn (read from /proc; the spawn method's resource tracker is another child)."""
    out = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            cmdline = (stat.parent / "cmdline").read_bytes()
        except (FileNotFoundError, ProcessLookupError, IndexError):
            continue
        if int(fields[1]) == pid and fields[0] != "Z" and b"spawn_main" in cmdline:
            out.add(int(stat.parent.name))
    return out


@contextmanager
def _server_process(db, **options):
    """``detente.web.serve`` on a free port of 127.0.0.1 in a child Python, coding with SlowCoder."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    script = ("from helpers.slow_coder import SlowCoder\n"
              "from detente.web import create_app, serve\n"
              f"serve(create_app({str(db)!r}, coder_factory=SlowCoder, **{options!r}), port={port})\n")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(TESTS), os.environ.get("PYTHONPATH", "")])}
    proc = subprocess.Popen([sys.executable, "-c", script], env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(base + "/api/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert proc.poll() is None and time.monotonic() < deadline, "the server did not start"
            time.sleep(0.1)
        yield proc, base, port
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def _post_story_raw(port: int, text: str) -> socket.socket:
    """Send a coding request and leave the connection open, without reading the answer."""
    body = urlencode({"text": text}).encode()
    sock = socket.create_connection(("127.0.0.1", port))
    sock.sendall(b"POST /api/code HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                 b"Content-Type: application/x-www-form-urlencoded\r\n"
                 + f"Content-Length: {len(body)}\r\n\r\n".encode() + body)
    return sock


def _wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


@pytest.mark.slow
def test_a_client_that_leaves_stops_its_coding(db):
    with _server_process(db, code_timeout=120) as (proc, base, port):
        assert httpx.post(base + "/api/code", data={"text": "Washington met Russia."}, timeout=60).status_code == 200
        (coder,) = _coders(proc.pid)
        sock = _post_story_raw(port, SLOW_STORY)
        time.sleep(1.0)                                  # the coder spins on the story
        assert not _gone(coder)
        sock.close()                                     # the client goes away
        assert _wait_for(lambda: _gone(coder), 10), "the coding process was left running"
        r = httpx.post(base + "/api/code", data={"text": "Washington accused Russia."}, timeout=60)
        assert r.status_code == 200 and r.json()["events"][0]["cameo"] == "112"


@pytest.mark.slow
def test_sigterm_stops_the_server_promptly_while_a_story_is_coded(db):
    from detente.web.server import SHUTDOWN_GRACE_SECONDS

    with _server_process(db, code_timeout=120) as (proc, base, port):
        assert httpx.post(base + "/api/code", data={"text": "Washington met Russia."}, timeout=60).status_code == 200
        coders = _coders(proc.pid)
        sock = _post_story_raw(port, SLOW_STORY)
        time.sleep(1.0)
        proc.send_signal(signal.SIGTERM)
        t0 = time.monotonic()
        proc.wait(timeout=SHUTDOWN_GRACE_SECONDS + 20)
        took = time.monotonic() - t0
        sock.close()
        assert took < SHUTDOWN_GRACE_SECONDS + 10, f"the server took {took:.1f} s to stop"
        assert coders and _wait_for(lambda: all(_gone(p) for p in coders), 5), "a coding process outlived the server"
