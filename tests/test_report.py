"""The self-contained HTML report: built from a small fake DB, checked as a file."""
from __future__ import annotations

import json
import re

import pytest
from helpers import fakedata

from detente.report import ReportError, build_report, write_report
from detente.report.model import collect


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return fakedata.make_db(tmp_path_factory.mktemp("repdb") / "relations.duckdb")


@pytest.fixture(scope="module")
def html(db):
    return build_report(db, "USA", "RUS")


def _data(html: str) -> dict:
    m = re.search(r'<script type="application/json" id="detente-data">(.*?)</script>', html, re.S)
    return json.loads(m.group(1))


def test_self_contained_no_network(html):
    assert "plotly.js v" in html
    page = re.sub(r"<script>.*?</script>", "<script></script>", html, flags=re.S)  # the page's own markup
    # no external resources: no src/href to http(s), no CDN, no web fonts
    assert not re.search(r'(src|href)\s*=\s*["\']?(https?:)?//', page)
    assert not re.search(r"<(link|img|iframe)[^>]+(src|href)=[\"'](?!data:)", page)
    assert "@import" not in html and "@font-face" not in html
    assert "cdn.plot.ly" not in page  # the plotly bundle names it; the browser test proves it is never fetched
    assert "connect-src 'none'" in html


def test_sections_and_headline(html):
    for s in ('id="headline"', 'id="chart-dyad"', 'id="chart-quad"', 'id="chart-stage"', 'id="chart-stances"',
              'id="chart-third"', 'id="timeline"', 'id="agenda"', 'id="method"', 'id="evidence-panel"'):
        assert s in html, s
    assert "Normalization stage" in html and "Last change point" in html


def test_every_point_leads_to_sentences(html):
    d = _data(html)
    assert not d["errors"], d["errors"]
    figs = d["figures"]
    assert {"chart-dyad", "chart-quad", "chart-stage", "chart-stances", "chart-third"} <= set(figs)
    for fid, fig in figs.items():
        for tr in fig["data"]:
            for key in tr.get("customdata") or []:
                if key is None:
                    continue
                assert key in d["evidence"], (fid, key)
                for eid in d["evidence"][key]["ids"]:
                    assert d["events"][eid]["sentence"], (fid, key, eid)
    # the dyad chart's points open non-empty evidence
    keys = [k for t in figs["chart-dyad"]["data"] if t["type"] == "scatter" for k in t["customdata"] if k]
    assert any(d["evidence"][k]["ids"] for k in keys)
    # table rows too
    for k in re.findall(r'data-key="([^"]+)"', html):
        assert k.replace("&#34;", '"') in d["evidence"], k


def test_hostile_sentence_is_escaped(html):
    assert "<script>window.__xss=1</script>" not in html
    assert "onerror=\"window.__xss=2\"" not in html


def test_window_and_errors(db, tmp_path):
    m = collect(db, "USA", "RUS", start="2025-03-01", end="2025-03-31")
    assert m["freq"] == "week"
    assert m["timeline"] and all("2025-03-01" <= m["events"][i]["date"] <= "2025-03-31" for i in m["timeline"])
    assert all(r["period"] >= "2025-02-24" for r in m["series"])
    with pytest.raises(ReportError):
        collect(db, "USA", "usa1")
    with pytest.raises(ReportError):
        collect(db, "USA", "RUS", start="2025-05-01", end="2025-01-01")
    with pytest.raises(ReportError):
        collect(tmp_path / "missing.duckdb", "USA", "RUS")


def test_write_report_and_empty_dyad(db, tmp_path):
    p = write_report(db, "USA", "CHN", tmp_path / "out" / "usa-chn.html")
    text = p.read_text(encoding="utf-8")
    assert "USA ↔ CHN" in text
    p2 = write_report(db, "FRA", "DEU", tmp_path / "none.html")
    assert "No events between these countries" in p2.read_text(encoding="utf-8")


def test_cli_report(db, tmp_path):
    from typer.testing import CliRunner
    from detente.cli import app
    out = tmp_path / "r.html"
    r = CliRunner().invoke(app, ["report", "USA", "RUS", "--db", str(db), "-o", str(out), "--from", "2025-02-01"])
    assert r.exit_code == 0, r.output
    assert out.stat().st_size > 1_000_000
    r = CliRunner().invoke(app, ["report", "USA", "R1", "--db", str(db), "-o", str(out)])
    assert r.exit_code == 2
    r = CliRunner().invoke(app, ["report", "USA", "RUS", "--db", str(db), "--from", "May"])
    assert r.exit_code == 2
