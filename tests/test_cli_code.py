"""`detente code` end to end: formats out, bad input reported per file, exit codes."""
import json

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from detente.cli import app

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
