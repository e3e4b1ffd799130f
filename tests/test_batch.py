"""The corpus driver (detente.batch): incremental skip, crash-safety, Dask workers, the real coder."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import date
from functools import partial
from pathlib import Path

import pytest
from helpers import fake_coder
from helpers.fake_coder import FakeCoder

from detente.batch import code_batch, code_corpus, local_cluster
from detente.batch import workers as batch_workers
from detente.errors import Problem, Unavailable
from detente.schema import Story
from detente.store import EventStore

TESTS = Path(__file__).resolve().parent


def corpus(n: int = 10) -> list[Story]:
    pairs = [("USA", "RUS", "042"), ("RUS", "USA", "112"), ("RUS", "UKR", "190"), ("USA", "CHN", "163")]
    out = []
    for i in range(n):
        a, b, c = pairs[i % 4]
        out.append(Story(id=f"s{i:03d}", text=f"{a} {b} {c}\nfiller text {i}", date=date(2025, 1 + i % 12, 5)))
    return out


def counts(db) -> tuple[int, int, int]:
    with EventStore(db, read_only=True) as s:
        c = s.con
        return (c.sql("SELECT count(*) FROM stories").fetchall()[0][0],
                c.sql("SELECT count(*) FROM events").fetchall()[0][0],
                c.sql("SELECT count(DISTINCT event_id) FROM events").fetchall()[0][0])


def test_code_corpus_then_incremental_skip(tmp_path):
    db = tmp_path / "x.duckdb"
    done = []
    s1 = code_corpus(corpus(10), db, batch_size=3, coder_factory=FakeCoder, progress=done.append)
    assert (s1.stories_read, s1.stories_new, s1.stories_skipped, s1.events, s1.batches) == (10, 10, 0, 10, 4)
    assert done == [3, 3, 3, 1]                      # one call per batch, its stories
    stories = corpus(10)
    stories[4] = Story(id="s004", text="USA RUS 190", date=date(2025, 5, 5))     # changed content
    done.clear()
    s2 = code_corpus(stories + corpus(12)[10:], db, batch_size=3, coder_factory=FakeCoder, progress=done.append)
    assert (s2.stories_read, s2.stories_new, s2.stories_changed, s2.stories_skipped) == (12, 3, 1, 9)
    assert sum(done) == 12                           # skipped stories count as done too
    assert counts(db) == (12, 12, 12)
    with EventStore(db, read_only=True) as s:
        assert s.events(story_id="s004").to_arrow_table().column("cameo").to_pylist() == ["190"]


def test_a_story_the_coder_fails_on_is_skipped_and_the_batch_goes_on(tmp_path):
    db = tmp_path / "x.duckdb"
    stories = corpus(10)
    stories[7].text += "\nPOISON"
    stories[7].path = "news/s007.txt"
    problems: list = []
    s = code_corpus(stories, db, batch_size=3, problems=problems, coder_factory=partial(FakeCoder, fail_on="POISON"))
    # s006 and s008 share s007's batch: coded one by one after the batch failed, and stored
    assert (s.stories_new, s.stories_failed, s.batches) == (9, 1, 4)
    assert counts(db) == (9, 9, 9)
    log = tmp_path / "x.duckdb.errors.log"
    assert s.log == log and [p.code for p in problems] == ["E212"] and dict(s.problems) == {"E212": 1}
    assert str(problems[0]).startswith("[E212] news/s007.txt (story s007): the coder failed on this story "
                                       "(RuntimeError: boom in s007)")
    assert str(log) in str(problems[0]) and f"tracebacks in {log}" in str(s)
    text = log.read_text()
    assert "[E212] news/s007.txt (story s007): RuntimeError: boom in s007" in text
    assert "Traceback (most recent call last)" in text and 'raise RuntimeError(f"boom in' in text
    # a re-run codes the failed story again (it was never stored); the others are unchanged
    again = code_corpus(corpus(10), db, batch_size=3, coder_factory=FakeCoder)
    assert (again.stories_skipped, again.stories_new, again.stories_failed) == (9, 1, 0)
    assert counts(db) == (10, 10, 10)


def test_cli_ingest_skips_the_failing_story_names_its_log_and_exits_3(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from detente.cli import app

    news = tmp_path / "news"
    news.mkdir()
    (news / "good.txt").write_text("USA RUS 042\n")
    (news / "bad.txt").write_text("USA RUS 112\nPOISON\n")
    monkeypatch.setattr(batch_workers, "get_coder", lambda *a, **k: FakeCoder(fail_on="POISON"))
    log = tmp_path / "failed.log"
    r = CliRunner().invoke(app, ["ingest", str(news), "--db", str(tmp_path / "x.duckdb"), "--no-progress",
                                 "--log", str(log)], env={"COLUMNS": "300"})
    assert r.exit_code == 3, r.output
    assert f"[E212] {news / 'bad.txt'} (story " in r.output and "RuntimeError: boom in" in r.output
    assert f"1 stories could not be coded and were skipped; tracebacks in {log}" in r.output
    assert "Traceback" not in r.output and "Traceback (most recent call last)" in log.read_text()
    assert counts(tmp_path / "x.duckdb") == (1, 1, 1)


def test_a_failing_coder_build_still_ends_the_run(tmp_path):
    """Only a story's own failure is skipped: a coder that cannot be built is not a story's."""
    def broken(**options):
        raise RuntimeError("no pipeline")

    with pytest.raises(RuntimeError, match="no pipeline"):
        code_corpus(corpus(3), tmp_path / "x.duckdb", coder_factory=broken)


def test_problems_grouped_in_summary(tmp_path):
    problems = [Problem(path="a.txt", reason="empty file", code="E101")]

    def with_problem():
        problems.append(Problem(path="b.txt", reason="binary file", code="E102"))
        problems.append(Problem(path="c.txt", reason="binary file", code="E102"))
        yield from corpus(2)

    s = code_corpus(with_problem(), tmp_path / "x.duckdb", problems=problems, coder_factory=FakeCoder)
    assert dict(s.problems) == {"E102": 2}           # only this run's problems
    assert s.stories_new == 2


def test_paths_are_read_as_stories(tmp_path):
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.txt").write_text("USA RUS 042\n")
    (tmp_path / "news" / "empty.txt").write_text("")
    problems: list = []
    s = code_corpus([str(tmp_path / "news")], tmp_path / "x.duckdb", problems=problems, coder_factory=FakeCoder)
    assert (s.stories_new, s.events) == (1, 1)
    assert [p.code for p in problems] == ["E101"] and dict(s.problems) == {"E101": 1}


@pytest.mark.slow
def test_two_dask_workers(tmp_path):
    pytest.importorskip("distributed")
    import cloudpickle

    cloudpickle.register_pickle_by_value(fake_coder)   # workers cannot import tests/
    db = tmp_path / "x.duckdb"
    s = code_corpus(corpus(20), db, workers=2, batch_size=4, coder_factory=FakeCoder)
    assert (s.stories_new, s.events, s.batches) == (20, 20, 5)
    assert counts(db) == (20, 20, 20)
    s2 = code_corpus(corpus(20), db, workers=2, batch_size=4, coder_factory=FakeCoder)
    assert (s2.stories_new, s2.stories_skipped) == (0, 20)


@pytest.mark.slow
def test_a_story_that_kills_its_worker_is_skipped_and_the_run_goes_on(tmp_path):
    """A story that takes its worker process down (a parser crash, memory exhausted) fails its
    batch's task however often Dask retries it; the batch runs again one story a task and only
    that story is lost (E213)."""
    pytest.importorskip("distributed")
    import cloudpickle

    cloudpickle.register_pickle_by_value(fake_coder)

    class KillingCoder(FakeCoder):
        def code_story(self, story):
            if "KILL" in story.text:
                os._exit(1)                          # no exception: the process is gone
            return super().code_story(story)

    stories = corpus(8)
    stories[5].text += "\nKILL"
    problems: list = []
    db = tmp_path / "x.duckdb"
    s = code_corpus(stories, db, workers=2, batch_size=4, problems=problems, coder_factory=KillingCoder)
    assert (s.stories_new, s.stories_failed) == (7, 1)
    assert [p.code for p in problems] == ["E213"] and "story s005" in str(problems[0])
    assert counts(db) == (7, 7, 7)
    assert "[E213] story s005: KilledWorker" in (tmp_path / "x.duckdb.errors.log").read_text()


def test_worker_coder_is_built_once_per_process():
    before = FakeCoder.instances
    batch_workers._CODER_CACHE.clear()
    for b in (corpus(3), corpus(3)):
        code_batch(b, True, None, FakeCoder)
    assert FakeCoder.instances - before == 1


def test_real_coder_on_three_stories(tmp_path, coder):
    stories = [
        Story(id="r1", text="Russian Foreign Minister Sergey Lavrov met US Secretary of State Marco Rubio "
                            "in Riyadh on Tuesday.", date=date(2025, 2, 18)),
        Story(id="r2", text="The United States imposed new sanctions on Russia on Friday.", date=date(2025, 2, 21)),
        Story(id="r3", text="The weather in Paris was mild.", date=date(2025, 2, 22)),
    ]
    db = tmp_path / "x.duckdb"
    session_coder = partial(lambda **options: coder)      # the session's coder, not a second spaCy load
    s = code_corpus(stories, db, coder_factory=session_coder)
    assert s.stories_new == 3
    with EventStore(db, read_only=True) as st:
        ev = st.events().to_arrow_table().to_pylist()
        assert {e["story_id"] for e in ev} <= {"r1", "r2"}
        assert any({e["source_country"], e["target_country"]} == {"USA", "RUS"} for e in ev)
    again = code_corpus(stories, db, coder_factory=session_coder)
    assert again.stories_skipped == 3


_KILLED_CHILD = r'''
import sys, time
from pathlib import Path
from helpers.fake_coder import FakeCoder
from test_batch import corpus
from detente.batch import code_corpus

marker = Path(sys.argv[2])

class SlowCoder(FakeCoder):
    batches = 0
    def code_stories(self, stories):
        type(self).batches += 1
        if type(self).batches == 4:          # batches 1-3 are committed by now
            marker.write_text("3")
            time.sleep(60)                    # killed here, mid-run
        return super().code_stories(stories)

code_corpus(corpus(20), sys.argv[1], batch_size=4, coder_factory=SlowCoder)
'''


def _child_env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": os.pathsep.join([str(TESTS), os.environ.get("PYTHONPATH", "")])}


def test_sigkill_mid_run_then_rerun_resumes_without_loss_or_duplicates(tmp_path):
    db = tmp_path / "x.duckdb"
    marker = tmp_path / "marker"
    child = subprocess.Popen([sys.executable, "-c", _KILLED_CHILD, str(db), str(marker)], env=_child_env())
    try:
        deadline = time.time() + 120
        while not marker.exists():
            assert child.poll() is None, "the corpus child died before it was killed"
            assert time.time() < deadline, "the corpus child never reached its fourth batch"
            time.sleep(0.1)
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == -signal.SIGKILL
    assert counts(db) == (12, 12, 12)            # three committed batches of four, nothing half-written
    s = code_corpus(corpus(20), db, batch_size=4, coder_factory=FakeCoder)
    assert (s.stories_skipped, s.stories_new) == (12, 8)
    assert counts(db) == (20, 20, 20)


_KILLED_CLUSTER_CHILD = r'''
import sys, time
from pathlib import Path
import cloudpickle
from helpers import fake_coder
from helpers.fake_coder import FakeCoder
from test_batch import corpus
from detente.batch import code_corpus

cloudpickle.register_pickle_by_value(fake_coder)
marker = Path(sys.argv[2])

class SlowCoder(FakeCoder):
    def code_stories(self, stories):
        time.sleep(0.3)
        return super().code_stories(stories)

done = 0
def progress(n):
    global done
    done += n
    if done >= 8:
        marker.write_text(str(done))

code_corpus(corpus(40), sys.argv[1], workers=2, batch_size=4, coder_factory=SlowCoder, progress=progress)
'''


@pytest.mark.slow
def test_sigkill_of_a_two_worker_run_then_rerun_gives_the_one_process_event_set(tmp_path):
    pytest.importorskip("distributed")
    import cloudpickle

    cloudpickle.register_pickle_by_value(fake_coder)
    db, one, marker = tmp_path / "x.duckdb", tmp_path / "one.duckdb", tmp_path / "marker"
    child = subprocess.Popen([sys.executable, "-c", _KILLED_CLUSTER_CHILD, str(db), str(marker)], env=_child_env(),
                             start_new_session=True)            # its Dask processes die with it
    try:
        deadline = time.time() + 180
        while not marker.exists():
            assert child.poll() is None, "the corpus child died before it was killed"
            assert time.time() < deadline, "the corpus child never wrote two batches"
            time.sleep(0.05)
        os.killpg(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            os.killpg(child.pid, signal.SIGKILL)
    stories, events, distinct = counts(db)
    assert stories % 4 == 0 and 8 <= stories < 40 and stories == events == distinct   # whole batches only
    s = code_corpus(corpus(40), db, workers=2, batch_size=4, coder_factory=FakeCoder)
    assert (s.stories_skipped, s.stories_new) == (stories, 40 - stories)
    code_corpus(corpus(40), one, batch_size=4, coder_factory=FakeCoder)

    def rows(path):
        with EventStore(path, read_only=True) as st:
            return st.con.sql("SELECT event_id, story_id, cameo, source_country, target_country, event_date "
                              "FROM events ORDER BY event_id").fetchall()

    assert rows(db) == rows(one) and len(rows(one)) == 40


def test_second_writer_gets_a_clear_database_in_use_error(tmp_path):
    db = tmp_path / "x.duckdb"
    code_corpus(corpus(4), db, batch_size=4, coder_factory=FakeCoder)
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys; from detente.store import EventStore; s = EventStore(sys.argv[1]); "
                               "print('open', flush=True); sys.stdin.read()", str(db)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(Unavailable, match=r"^\[E302\] cannot open the event store .*x.duckdb: another detente process "
                                                  r"\(pid \d+\) is writing to it"):
            code_corpus(corpus(8), db, batch_size=4, coder_factory=FakeCoder)
    finally:
        holder.communicate("", timeout=30)
    assert counts(db) == (4, 4, 4)               # the refused run changed nothing


def test_local_cluster_workers_keep_glibc_adaptive_allocator(monkeypatch):
    """Dask's nanny sets MALLOC_TRIM_THRESHOLD_ in its workers, which pins glibc's mmap threshold
    and made spaCy's per-batch arrays fresh mmaps (measured ~10 % of worker CPU); detente's
    LocalCluster leaves it out but keeps Dask's other per-worker settings (one BLAS thread)."""
    pytest.importorskip("distributed")
    from distributed import Client

    monkeypatch.delenv("MALLOC_TRIM_THRESHOLD_", raising=False)
    cluster = local_cluster(1)
    try:
        with Client(cluster) as client:
            env = client.run(lambda: (os.environ.get("MALLOC_TRIM_THRESHOLD_"), os.environ.get("OPENBLAS_NUM_THREADS")))
    finally:
        cluster.close()
    assert list(env.values()) == [(None, "1")]


@pytest.mark.slow
def test_code_corpus_on_a_scheduler_address_gives_the_single_process_result(tmp_path):
    """``--scheduler tcp://...``: a cluster started elsewhere (here: by the test) codes the
    batches; the store ends up with exactly the events a one-process run writes."""
    pytest.importorskip("distributed")
    import cloudpickle
    from distributed import LocalCluster

    cloudpickle.register_pickle_by_value(fake_coder)
    one, remote = tmp_path / "one.duckdb", tmp_path / "remote.duckdb"
    code_corpus(corpus(13), one, workers=1, batch_size=4, coder_factory=FakeCoder)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        s = code_corpus(corpus(13), remote, scheduler=cluster.scheduler_address, batch_size=4,
                        coder_factory=FakeCoder)
        # the cluster is not ours: the run must leave it running for its owner
        assert cluster.scheduler_info["workers"]
    assert (s.stories_new, s.batches) == (13, 4)

    def rows(db):
        with EventStore(db, read_only=True) as st:
            return st.con.sql("SELECT event_id, story_id, cameo, source_country, target_country, event_date "
                              "FROM events ORDER BY event_id").fetchall()

    assert rows(remote) == rows(one) and len(rows(one)) == 13
