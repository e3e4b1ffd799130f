"""`detente query` runs one read-only SELECT in a sandbox: every way out is refused with a code,
and the refused statement changed nothing (no file written, no other store touched)."""
from __future__ import annotations

import json

import duckdb
import pytest
from helpers import fakedata
from typer.testing import CliRunner

from detente.cli import app
from detente.store import EventStore
from detente.store.sandbox import SANDBOX_CONFIG, QueryRefused, check_statement, sandboxed_query


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return fakedata.make_db(tmp_path_factory.mktemp("sandbox") / "relations.duckdb", n=30)


@pytest.fixture(scope="module")
def other(tmp_path_factory):
    """Another store the query must not reach: 31 events in it."""
    return fakedata.make_db(tmp_path_factory.mktemp("sandbox-other") / "other.duckdb", n=30)


def n_events(path) -> int:
    with EventStore(path, read_only=True) as s:
        return s.count_events()


def test_a_select_runs(db):
    table = sandboxed_query(db, "select source_country, count(*) as n from events group by all order by all")
    assert table.column_names == ["source_country", "n"]
    assert sum(table.column("n").to_pylist()) == n_events(db) == 31
    assert sandboxed_query(db, "pragma table_info('events')").column("name").to_pylist()[0] == "event_id"
    assert "unique_events" in sandboxed_query(db, "show tables").column("name").to_pylist()


@pytest.mark.parametrize("sql, refused", [
    ("attach '{other}' as a (READ_WRITE)", "ATTACH"),
    ("delete from events", "DELETE"),
    ("insert into events select * from events", "INSERT"),
    ("update events set cameo = '190'", "UPDATE"),
    ("create temp table t as select * from events", "CREATE"),       # read-only DuckDB would allow this
    ("copy events to '{out}'", "COPY"),
    ("copy (select 1) to '{out}' (format csv)", "COPY"),
    ("export database '{outdir}'", "EXPORT"),
    ("install httpfs", "INSTALL"),
    ("load httpfs", "LOAD"),
    ("set enable_external_access = true", "SET"),
    ("set lock_configuration = false", "SET"),
    ("reset enable_external_access", "RESET"),
    ("pragma enable_checkpoint_on_shutdown", "PRAGMA enable_checkpoint_on_shutdown"),
    ("pragma memory_limit = '64GB'", "PRAGMA memory_limit"),
    ("call pragma_table_info('events')", "CALL"),
    ("checkpoint", "CHECKPOINT"),
    ("detach relations", "DETACH"),
    ("select 1; attach '{other}' as a", "2 statements"),
    ("", "an empty query"),
])
def test_each_refused_statement_is_refused_by_type_and_changes_nothing(db, other, tmp_path, sql, refused):
    out, outdir = tmp_path / "out.csv", tmp_path / "dump"
    sql = sql.format(other=other, out=out, outdir=outdir)
    with pytest.raises(QueryRefused) as err:
        sandboxed_query(db, sql)
    assert err.value.code == "E321"
    assert str(err.value).startswith(f"[E321] {refused} refused: `detente query` runs one SELECT")
    assert not out.exists() and not outdir.exists()
    assert n_events(db) == 31 and n_events(other) == 31


@pytest.mark.parametrize("sql", [
    "select * from read_text('{secret}')",
    "select * from read_blob('{secret}')",
    "select * from read_csv('{secret}')",
    "select * from read_csv_auto('{secret}', header = false)",
    "select * from read_json_auto('{secret}')",
    "select * from read_parquet('{secret}')",
    "select * from glob('{folder}/*')",
    "with x as (select * from read_text('{secret}')) select * from x",
    "select (select content from read_text('{secret}')) as c",
    "select * from sniff_csv('{secret}')",
    "select * from parquet_metadata('{secret}')",
    "select * from duckdb_extensions()",
])
def test_file_reading_functions_are_refused_by_duckdb_itself(db, tmp_path, sql):
    secret = tmp_path / "secret.csv"
    secret.write_text("password\nhunter2\n")
    with pytest.raises(QueryRefused) as err:
        sandboxed_query(db, sql.format(secret=secret, folder=tmp_path))
    assert err.value.code == "E322"
    assert "no access to files, other databases, extensions or the network" in str(err.value)
    assert "hunter2" not in str(err.value)


def test_the_statement_check_alone_refuses_what_the_configuration_would_let_through(db):
    """Two fences: the parser's statement type is checked before DuckDB sees the SQL, so a
    CREATE TEMP TABLE (allowed on a read-only database) is refused even though the locked
    configuration would run it."""
    with duckdb.connect(str(db), read_only=True, config=SANDBOX_CONFIG) as con:
        con.execute("create temp table t as select 1 as x")          # DuckDB alone: allowed
        with pytest.raises(duckdb.Error, match="configuration has been locked"):
            con.execute("set enable_external_access = true")
    with pytest.raises(QueryRefused, match=r"^\[E321\] CREATE refused"):
        check_statement("create temp table t as select 1 as x")
    check_statement("select 1")                                      # a SELECT passes


def test_a_bad_select_is_e305(db):
    with pytest.raises(Exception, match=r"^\[E305\] query failed: Binder Error"):
        sandboxed_query(db, "select no_such_column from events")


def test_cli_refusals_are_one_coded_line_and_exit_2(db, other, tmp_path):
    runner = CliRunner()
    out = tmp_path / "leak.csv"
    for sql, code in ((f"attach '{other}' as a (READ_WRITE)", "E321"), (f"copy events to '{out}'", "E321"),
                      ("select * from read_text('/etc/passwd')", "E322"), ("install httpfs", "E321")):
        r = runner.invoke(app, ["query", "--db", str(db), sql])
        assert r.exit_code == 2, r.output
        assert f"[{code}]" in r.output and "Traceback" not in r.output
        assert r.exception is None or isinstance(r.exception, SystemExit)
    assert not out.exists() and n_events(other) == 31
    r = runner.invoke(app, ["query", "--db", str(db), "select count(*) as n from events", "--format", "json"])
    assert r.exit_code == 0 and json.loads(r.output) == {"n": 31}
