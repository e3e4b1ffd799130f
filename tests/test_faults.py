"""Faults in imported event files: Goldstein scores that are not numbers from -10 to 10, and
.zip archives cut off part-way (they keep the rows before the break, as a cut .gz does)."""
from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import date, timedelta
from importlib import resources
from pathlib import Path

import pytest
from typer.testing import CliRunner

from detente.cli import app
from detente.interop import import_file, read_events
from detente.interop.common import ZipHeadStream
from detente.interop.gdelt import COL
from detente.store import EventStore

FIX = Path(__file__).parent / "fixtures" / "interop"
GDELT = FIX / "gdelt_20250301.export.CSV"
ICEWS = FIX / "icews_events_2025.tab"
TEMPLATE = GDELT.read_text(encoding="utf-8").splitlines()[0].split("\t")   # a good USA->RUS row


def gdelt_rows(n: int, goldstein: dict[int, str] | None = None) -> str:
    """``n`` distinct GDELT rows (ids, days and URLs differ), Goldstein overridden by row index."""
    out = []
    for i in range(n):
        f = list(TEMPLATE)
        day = date(2025, 1, 1) + timedelta(days=i % 300)
        f[COL["GlobalEventID"]] = str(1_300_000_000 + i)
        f[COL["Day"]] = day.strftime("%Y%m%d")
        f[COL["SOURCEURL"]] = f"https://example.com/news/{i:06d}-envoy-visit"
        if goldstein and i in goldstein:
            f[COL["GoldsteinScale"]] = goldstein[i]
        out.append("\t".join(f))
    return "\n".join(out) + "\n"


@pytest.fixture()
def store():
    with EventStore(":memory:") as s:
        yield s


# --------------------------------------------------------------------------- Goldstein
BAD_SCORES = {1: "NaN", 3: "1e309", 4: "-99", 6: "inf", 7: "10.5", 8: "-Infinity"}


def test_goldstein_not_in_range_refuses_the_row_naming_line_and_column(tmp_path, store):
    path = tmp_path / "20250301.export.CSV"
    path.write_text(gdelt_rows(10, BAD_SCORES), encoding="utf-8")
    problems: list = []
    summary = import_file(path, store, format="gdelt", problems=problems)
    assert summary.rows_ok == 4 and summary.bad_by_code == {"E320": len(BAD_SCORES)}
    assert [(p.code, p.line) for p in problems] == [("E320", i + 1) for i in sorted(BAD_SCORES)]
    first = problems[0]
    assert first.path == str(path) and "'NaN'" in first.reason and "GoldsteinScale" in first.reason
    assert str(first).startswith(f"[E320] {path}:2: ")
    scores = [r[0] for r in store.con.execute("SELECT goldstein FROM events").fetchall()]
    assert sorted(scores) == [1.9] * 4          # the good rows, unchanged; nothing non-finite stored


def test_goldstein_bounds_and_blank_are_accepted(tmp_path, store):
    text = gdelt_rows(3, {0: "-10", 1: "10.0", 2: ""}).replace("\t042\t042\t04\t", "\t163\t163\t16\t")
    path = tmp_path / "edges.export.CSV"
    path.write_text(text, encoding="utf-8")
    problems: list = []
    import_file(path, store, format="gdelt", problems=problems)
    assert problems == []
    scores = sorted(r[0] for r in store.con.execute("SELECT goldstein FROM events").fetchall())
    assert scores == sorted([-10.0, 10.0, cameo_goldstein("163")])    # blank: the CAMEO table's


def cameo_goldstein(code: str) -> float:
    table = resources.files("detente").joinpath("data/ontology/cameo.csv").read_text(encoding="utf-8")
    rows = csv.DictReader(ln for ln in table.splitlines() if ln.strip() and not ln.startswith("#"))
    return next(float(r["goldstein"]) for r in rows if r["code"] == code)


def test_icews_intensity_nan_is_refused(tmp_path, store):
    lines = ICEWS.read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    col = header.index("Intensity")
    row = lines[1].split("\t")
    row[col] = "nan"
    bad = tmp_path / "icews_nan.tab"
    bad.write_text("\n".join([lines[0], "\t".join(row), lines[2]]) + "\n", encoding="utf-8")
    problems: list = []
    summary = import_file(bad, store, format="icews", problems=problems)
    assert [(p.code, p.line) for p in problems] == [("E320", 2)] and "Intensity" in problems[0].reason
    assert summary.rows_ok == 1


def test_dyad_after_a_bad_import_prints_no_inf(tmp_path):
    db = tmp_path / "x.duckdb"
    path = tmp_path / "bad.export.CSV"
    path.write_text(gdelt_rows(40, BAD_SCORES), encoding="utf-8")
    runner = CliRunner()
    imported = runner.invoke(app, ["import", "gdelt", str(path), "--db", str(db), "--no-progress"])
    assert imported.exit_code == 3 and "E320" in imported.output
    result = runner.invoke(app, ["dyad", "USA", "RUS", "--db", str(db), "--freq", "month", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    means = [r["goldstein_mean"] for r in rows if r["n_events"]]
    assert means and all(m == pytest.approx(1.9) for m in means)
    assert "inf" not in result.stdout.lower() and "nan" not in result.stdout.lower()


# --------------------------------------------------------------------------- cut .zip
def _zip(path: Path, text: str, method: int = zipfile.ZIP_DEFLATED) -> bytes:
    with zipfile.ZipFile(path, "w", compression=method) as zf:
        zf.writestr("20250301.export.CSV", text)
    return path.read_bytes()


def _event_ids(store: EventStore) -> list[str]:
    return [r[0] for r in store.con.execute("SELECT event_id FROM events ORDER BY event_id").fetchall()]


@pytest.mark.parametrize("method", [zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED])
def test_cut_zip_keeps_the_rows_before_the_break(tmp_path, store, method):
    text = gdelt_rows(400)
    whole = _zip(tmp_path / "whole.zip", text, method)
    cut = tmp_path / "20250301.export.CSV.zip"
    cut.write_bytes(whole[: int(len(whole) * 0.6)])        # the central directory is gone
    problems: list = []
    summary = import_file(cut, store, format="gdelt", problems=problems)
    assert summary.truncated and "ends early" in str(summary)
    e319 = [p for p in problems if p.code == "E319"]
    assert [p.code for p in problems] == ["E319"] and e319[0].path == str(cut)
    kept = _event_ids(store)
    all_ids = sorted(f"gdelt:{1_300_000_000 + i}" for i in range(400))
    # whole rows only, and exactly the first ones of the file
    assert 100 < len(kept) < 400 and kept == all_ids[: len(kept)]
    assert summary.rows_ok == len(kept) and e319[0].line == len(kept) + 1
    # the complete archive imported afterwards fills in the rest without a duplicate
    full = import_file(tmp_path / "whole.zip", store, format="gdelt")
    assert not full.truncated and full.inserted == 400 - len(kept) and _event_ids(store) == all_ids


def test_cut_zip_written_with_data_descriptors(tmp_path):
    """Zips written to a pipe carry sizes after the data (flag bit 3), not in the header."""
    class Unseekable(io.RawIOBase):
        def __init__(self):
            self.buf = io.BytesIO()

        def writable(self):
            return True

        def write(self, b):
            return self.buf.write(b)

    sink = Unseekable()
    text = gdelt_rows(300)
    with zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("x.export.CSV", text)
    data = sink.buf.getvalue()
    assert int.from_bytes(data[6:8], "little") & 0x8          # the flag is really set
    cut = tmp_path / "piped.export.CSV.zip"
    cut.write_bytes(data[: len(data) // 2])
    problems: list = []
    rows = sum(t.num_rows for t in read_events(cut, format="gdelt", problems=problems))
    assert 0 < rows < 300 and [p.code for p in problems] == ["E319"]


def test_zip_head_stream_reads_a_whole_member_like_zipfile(tmp_path):
    text = gdelt_rows(50)
    path = tmp_path / "w.zip"
    _zip(path, text)
    with io.TextIOWrapper(io.BufferedReader(ZipHeadStream(path)), encoding="utf-8", newline="") as fh:
        assert fh.read() == text


@pytest.mark.parametrize("content, why", [
    (b"", "empty file"),
    (b"not a zip at all\n", "no local header"),
    (None, "a zip with no member"),
])
def test_unreadable_zip_is_refused_not_a_crash(tmp_path, store, content, why):
    path = tmp_path / "bad.export.CSV.zip"
    if content is None:
        zipfile.ZipFile(path, "w").close()
    else:
        path.write_bytes(content)
    with pytest.raises(ValueError, match=r"\[E318\]"):
        import_file(path, store, format="gdelt")
    assert store.stats()["events"] == 0, why
