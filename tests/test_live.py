"""One store, a dashboard and an ingest at once: readers and the writer take turns
(detente.store.locks, WriteSession), no request fails and no ingest fails; a second writer
gets E302 alone; a killed writer leaves no lock behind."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from helpers.fake_coder import FakeCoder

from detente.batch import code_corpus
from detente.errors import Unavailable
from detente.store import EventStore, WriteSession, locks
from detente.web import create_app

TESTS = Path(__file__).resolve().parent
pytestmark = pytest.mark.skipif(locks.fcntl is None, reason="turn-taking needs fcntl.flock (POSIX)")


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": os.pathsep.join([str(TESTS), os.environ.get("PYTHONPATH", "")])}


def _count(db) -> int:
    with EventStore(db, read_only=True) as s:
        return s.count_events()


# ------------------------------------------------------------------ the locks themselves
def test_one_process_may_open_its_store_for_writing_twice_and_lets_go_after_the_last(tmp_path):
    db = tmp_path / "x.duckdb"
    with EventStore(db) as first:
        with EventStore(db) as second:                # DuckDB shares the database in a process
            assert first.count_events() == second.count_events() == 0
            with pytest.raises(Unavailable, match="this process has it open already for writing"):
                EventStore(db, read_only=True)
        assert locks.holds_write_turn(db)             # the first still has it
        first.count_events()
    assert not locks.holds_write_turn(db)
    probe = subprocess.run([sys.executable, "-c", _READ_ONCE, str(db)], capture_output=True, text=True, timeout=120)
    assert probe.stdout.strip() == "0", probe.stderr


_READ_ONCE = "import sys; from detente.store import EventStore; print(EventStore(sys.argv[1], read_only=True, wait=5).count_events())"


def test_a_writer_kept_out_by_a_reader_says_so_then_gives_up(tmp_path, monkeypatch, caplog):
    db = tmp_path / "x.duckdb"
    monkeypatch.setattr(locks, "SAY_WAITING", 0.1)
    # import-linter's run (tests/test_layers.py) configures logging with existing loggers disabled
    monkeypatch.setattr(locks.log, "disabled", False)
    reading = locks.read_turn(db)                      # a reader that stays (a notebook)
    try:
        with pytest.raises(Unavailable, match=r"readers kept it open for more than 1 s"):
            locks.write_turn(db, wait=1.0)
    finally:
        reading.release()
    assert any("waiting for the readers of" in r.getMessage() and r.levelname == "WARNING" for r in caplog.records)
    locks.write_turn(db, wait=1).release()             # gone: the writer gets in at once


_HOLD_AND_WAIT = r'''
import sys, time
from detente.store import locks
session = locks.writer_session(sys.argv[1])
turn = locks.write_turn(sys.argv[1])
print("held", flush=True)
time.sleep(120)
'''


def test_a_reader_waits_for_the_writers_turn_and_gives_up_with_e302(tmp_path):
    db = tmp_path / "x.duckdb"
    writer = subprocess.Popen([sys.executable, "-c", _HOLD_AND_WAIT, str(db)], stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout.readline().strip() == "held"
        t0 = time.monotonic()
        with pytest.raises(Unavailable, match=r"^\[E302\] .*: a writer kept it for more than 0.3 s"):
            locks.read_turn(db, wait=0.3)
        assert time.monotonic() - t0 >= 0.3
        got = []
        reader = threading.Thread(target=lambda: got.append(locks.read_turn(db, wait=30)))
        reader.start()
        deadline = time.monotonic() + 5
        while not locks.readers_waiting(db):          # the writer can see the reader waiting
            assert time.monotonic() < deadline
            time.sleep(0.01)
        assert not got
    finally:
        writer.kill()                                 # its turn ends with it
        writer.wait(30)
    reader.join(5)
    assert len(got) == 1 and not locks.readers_waiting(db)
    got[0].release()


def test_a_writer_gets_in_between_overlapping_readers(tmp_path):
    """Readers that overlap without a break would keep a plain shared lock for ever; the gate
    lets the writer in within a request's length."""
    db = tmp_path / "x.duckdb"
    stop = threading.Event()

    def reader():
        while not stop.is_set():
            turn = locks.read_turn(db, wait=10)
            time.sleep(0.05)                        # a request's work
            turn.release()

    readers = [threading.Thread(target=reader) for _ in range(4)]
    for r in readers:
        r.start()
    try:
        time.sleep(0.2)
        t0 = time.monotonic()
        turn = locks.write_turn(db, wait=5)
        waited = time.monotonic() - t0
        turn.release()
    finally:
        stop.set()
        for r in readers:
            r.join(5)
    assert waited < 2.0


def test_a_killed_writer_leaves_no_lock_and_names_itself_while_alive(tmp_path):
    db = tmp_path / "x.duckdb"
    child = subprocess.Popen([sys.executable, "-c", _HOLD_AND_WAIT, str(db)], stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "held"
        with pytest.raises(Unavailable, match=rf"another detente process \(pid {child.pid}\) is writing to it"):
            locks.writer_session(db)
        with pytest.raises(Unavailable, match="E302"):
            locks.read_turn(db, wait=0.2)
        os.kill(child.pid, signal.SIGKILL)
        child.wait(30)
    finally:
        if child.poll() is None:
            child.kill()
    session = locks.writer_session(db)              # the kernel let go of the dead process's locks
    turn = locks.write_turn(db, wait=1)
    turn.release()
    session.release()


# ------------------------------------------------------------------ ingest while serving
_SLOW_INGEST = r'''
import sys, time
from datetime import date
from helpers.fake_coder import FakeCoder
from detente.batch import code_corpus
from detente.schema import Story

class Slow(FakeCoder):          # a coder's pace: the store is free between batches
    def code_stories(self, stories):
        time.sleep(0.1)
        return super().code_stories(stories)

stories = [Story(id=f"live{i:03d}", text=f"USA RUS 042\nfiller {i}", date=date(2025, 1 + i % 6, 1 + i % 27))
           for i in range(int(sys.argv[2]))]
s = code_corpus(stories, sys.argv[1], batch_size=4, coder_factory=Slow)
print(s.stories_new, s.events, flush=True)
'''


@pytest.mark.parametrize("n, routes", [
    pytest.param(16, ["/api/events?limit=5", "/api/events?dyad=USA-RUS&limit=1", "/api/health"], id="events"),
    pytest.param(60, ["/api/events?limit=5", "/api/dyad/USA/RUS/series?freq=month", "/api/dyad/USA/RUS/stage",
                      "/api/dyad/USA/RUS/outlook"], id="analytics", marks=pytest.mark.slow),
])
def test_dashboard_and_ingest_share_a_store_without_a_failed_request_or_ingest(tmp_path, n, routes):
    db = tmp_path / "live.duckdb"
    code_corpus([], db)                                                 # an empty store
    with WriteSession(db) as session, session.store() as store:         # one event to start with
        store.add_coded(FakeCoder().code_stories(_stories(1)))
    client = TestClient(create_app(db))
    child = subprocess.Popen([sys.executable, "-c", _SLOW_INGEST, str(db), str(n)], env=_env(),
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    statuses: list[int] = []
    totals: list[int] = []

    def client_loop(k: int) -> None:
        i = k
        while child.poll() is None:
            r = client.get(routes[i % len(routes)])
            statuses.append(r.status_code)
            if r.status_code == 200 and routes[i % len(routes)] == "/api/events?limit=5":
                totals.append(r.json()["total"])
            i += 1
            time.sleep(0.02)                # a person's dashboard, not a load test (benchmarks/)

    clients = [threading.Thread(target=client_loop, args=(k,)) for k in range(3)]
    for c in clients:
        c.start()
    try:
        out, err = child.communicate(timeout=300)
    finally:
        if child.poll() is None:
            child.kill()
        for c in clients:
            c.join(60)
    assert child.returncode == 0, err
    assert "Traceback" not in err
    assert out.split() == [str(n), str(n)]
    assert len(statuses) > 10 and set(statuses) == {200}, sorted(set(statuses))
    # the dashboard saw the store grow while the ingest ran, not only before and after it
    assert {t for t in totals if 1 < t < n + 1}, sorted(set(totals))
    assert _count(db) == n + 1
    assert client.get("/api/events?limit=1").json()["total"] == n + 1


def _stories(n: int):
    from datetime import date

    from detente.schema import Story
    return [Story(id=f"seed{i}", text="USA RUS 042", date=date(2025, 1, 2)) for i in range(n)]


def test_a_second_ingest_gets_the_e302_message_alone(tmp_path):
    db = tmp_path / "x.duckdb"
    news = tmp_path / "a.txt"
    news.write_text("The United States and Russia held talks in Riyadh on Tuesday.\n")
    with WriteSession(db):                            # a first ingest, between its batches
        r = subprocess.run([sys.executable, "-c", "from detente.cli import main; main()", "ingest", str(news),
                            "--db", str(db), "--no-progress"], capture_output=True, text=True, timeout=300)
    assert r.returncode == 2
    assert "Traceback" not in r.stderr and r.stdout == ""
    lines = [line for line in r.stderr.splitlines() if line.strip()]
    assert lines[0].startswith(f"error: [E302] cannot open the event store {db}: another detente process "
                               f"(pid {os.getpid()}) is writing to it"), r.stderr
    assert len(" ".join(lines)) < 400


def test_a_writer_that_never_pauses_makes_readers_wait_then_e302(tmp_path):
    """A store opened for writing by a program (not a WriteSession) keeps it: readers wait their
    `wait` and get E302 -- the dashboard turns that into its 503 (E506), not a traceback."""
    db = tmp_path / "x.duckdb"
    child = subprocess.Popen([sys.executable, "-c", "import sys, time; from detente.store import EventStore; "
                              "s = EventStore(sys.argv[1]); print('open', flush=True); time.sleep(120)", str(db)],
                             stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "open"
        with pytest.raises(Unavailable, match=r"^\[E302\] .*a writer kept it for more than 0.2 s"):
            EventStore(db, read_only=True, wait=0.2)
    finally:
        child.kill()
        child.wait(30)
    assert _count(db) == 0
