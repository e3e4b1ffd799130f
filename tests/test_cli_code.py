"""`detente code` end to end: formats out, bad input reported per file, exit codes; and what
every command shares: one --db default ($DETENTE_DB, else detente.duckdb) and help on every
parameter."""
import json
import re
from pathlib import Path

import pyarrow.parquet as pq
import pytest
import typer
from typer.testing import CliRunner

from detente.cli import app
from detente.cli._common import DB_ENVVAR, DEFAULT_DB

runner = CliRunner()
GOOD = "Russian Foreign Minister Sergey Lavrov met U.S. Secretary of State Marco Rubio in Riyadh on Tuesday."


@pytest.fixture()
def batch(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("   \n", encoding="utf-8")
    (tmp_path / "blob.txt").write_bytes(b"\x00\x01\x02binary\x00" * 50)
    (tmp_path / "b.jsonl").write_text(
        json.dumps({"id": "j1", "text": "The EU imposed new sanctions on Belarus on Monday.", "date": "2025-03-03"}) + "\n"
        + "{not json\n", encoding="utf-8")
    return tmp_path


def test_jsonl_to_stdout_with_story_date():
    result = runner.invoke(app, ["code", "-", "--story-date", "2025-02-20", "--no-progress"], input=GOOD)
    assert result.exit_code == 0, result.output
    events = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    meet = [e for e in events if e["event_type"] == "CONSULT"]
    assert meet and meet[0]["date"] == "2025-02-18" and meet[0]["source"]["name"] == "Sergey Lavrov"


def test_bad_inputs_are_named_and_the_rest_is_coded(batch, tmp_path):
    out = tmp_path / "events.jsonl"
    result = runner.invoke(app, ["code", str(batch), "-o", str(out), "--no-progress"])
    assert result.exit_code == 3                      # something was skipped
    err = result.stderr
    assert "empty.txt" in err and "E101" in err
    assert "blob.txt" in err and "E102" in err
    assert "b.jsonl:2" in err and "E107" in err
    events = [json.loads(line) for line in out.read_text().splitlines()]
    stories = {e["story_id"] for e in events}
    assert "j1" in stories                              # the good row of the broken file
    assert len(stories) == 2


@pytest.mark.parametrize("fmt", ["csv", "parquet", "json"])
def test_other_formats(tmp_path, fmt):
    src = tmp_path / "s.txt"
    src.write_text(GOOD, encoding="utf-8")
    out = tmp_path / f"events.{fmt}"
    result = runner.invoke(app, ["code", str(src), "--format", fmt, "-o", str(out), "--no-progress"])
    assert result.exit_code == 0, result.output
    if fmt == "parquet":
        table = pq.read_table(out)
        assert "CONSULT" in table.column("event_type").to_pylist()
    elif fmt == "csv":
        header = out.read_text().splitlines()[0]
        assert "source_country" in header and "goldstein" in header
    else:
        data = json.loads(out.read_text())
        assert any(e["cameo"] == "040" for e in data)


def test_bad_options_exit_2():
    assert runner.invoke(app, ["code", "-", "--format", "xml"], input=GOOD).exit_code == 2
    assert runner.invoke(app, ["code", "-", "--story-date", "20-02-2025"], input=GOOD).exit_code == 2


def test_an_error_message_is_printed_as_written():
    # square brackets in what the user typed are not taken for console markup
    r = runner.invoke(app, ["code", "-", "--format", "[bold]xml"], input=GOOD)
    assert r.exit_code == 2 and "unknown format '[bold]xml'" in r.output
    r = runner.invoke(app, ["dyad", "USA", "RUS", "--from", "[red]2025", "--db", "x.duckdb"])
    assert r.exit_code == 2 and "--from '[red]2025' is not a date" in r.output


# --------------------------------------------------------------------------- one --db, help everywhere
GDELT = Path(__file__).parent / "fixtures" / "interop" / "gdelt_20250301.export.CSV"


def _commands():
    group = typer.main.get_command(app)
    return {name: group.get_command(None, name) for name in group.list_commands(None)}


def test_every_command_documents_every_parameter():
    commands = _commands()
    assert {"code", "ingest", "import", "export", "query", "dyad", "stage", "agenda", "stances",
            "outlook", "third-parties", "report", "serve", "demo"} <= set(commands)
    for name, cmd in commands.items():
        ctx = cmd.context_class(cmd, info_name=name)
        for param in cmd.get_params(ctx):
            assert (param.help or "").strip(), f"detente {name}: {param.name} has no help"


@pytest.mark.parametrize("name", ["", "code", "ingest", "import", "export", "query", "dyad", "stage",
                                  "agenda", "stances", "outlook", "third-parties", "report", "serve",
                                  "demo"])
def test_help_shows_placeholders_not_python_types(name):
    result = runner.invoke(app, [name, "--help"] if name else ["--help"], terminal_width=200)
    assert result.exit_code == 0, result.output
    noise = re.findall(r"<(?:list\[\w+\]|str|bool|path|int|float|Path)[^>]*>", result.output)
    assert noise == [], (name, noise)
    if "--db" in result.output and name != "demo":
        assert DB_ENVVAR in result.output and DEFAULT_DB in result.output


def test_one_db_default_for_every_command_but_demo():
    for name, cmd in _commands().items():
        db = [p for p in cmd.params if p.name == "db"]
        if name == "demo":                         # its own file: the sample never mixes into yours
            assert db and str(db[0].default) != DEFAULT_DB and not db[0].envvar
            continue
        if name == "code":                         # writes to stdout or -o, no store
            assert not db
            continue
        assert db, f"detente {name} has no --db"
        assert str(db[0].default) == DEFAULT_DB and db[0].envvar == DB_ENVVAR, name


def test_ingest_then_report_with_no_db_option(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv(DB_ENVVAR, raising=False)
    (tmp_path / "story.txt").write_text(GOOD, encoding="utf-8")
    ingested = runner.invoke(app, ["ingest", "story.txt", "--story-date", "2025-02-20", "--no-progress"])
    assert ingested.exit_code == 0, ingested.output
    assert (tmp_path / DEFAULT_DB).exists()
    report = runner.invoke(app, ["report", "USA", "RUS"])
    assert report.exit_code == 0, report.output
    assert "Sergey Lavrov" in (tmp_path / "usa-rus.html").read_text(encoding="utf-8")


def test_detente_db_variable_is_every_command_s_default(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    env = {DB_ENVVAR: str(tmp_path / "elsewhere" / "events.duckdb")}
    (tmp_path / "elsewhere").mkdir()
    imported = runner.invoke(app, ["import", "gdelt", str(GDELT), "--no-progress"], env=env)
    assert imported.exit_code == 3 and "new events" in imported.output      # the fixture has bad rows
    assert not (tmp_path / DEFAULT_DB).exists()
    for args in (["query", "select count(*) as n from events", "--format", "csv"],
                 ["dyad", "USA", "RUS", "--format", "csv"], ["stage", "USA", "RUS", "--format", "json"]):
        result = runner.invoke(app, args, env=env)
        assert result.exit_code == 0, (args, result.output)
    count = runner.invoke(app, ["query", "select count(*) as n from events", "--format", "csv"], env=env)
    assert int(count.stdout.splitlines()[1]) > 0
    missing = runner.invoke(app, ["dyad", "USA", "RUS"], env={DB_ENVVAR: str(tmp_path / "none.duckdb")})
    assert missing.exit_code == 2 and "none.duckdb" in missing.output and "detente ingest" in missing.output
