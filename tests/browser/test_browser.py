"""Drive the report and the dashboard in headless Chromium, as a person would.

Needs the Debian ``chromium`` package (/usr/bin/chromium) and the ``playwright`` Python
package; never downloads a browser.  Screenshots go to artifacts/screenshots/
(``DETENTE_UPDATE_SCREENSHOTS=1`` also refreshes the README's, in docs/img/).  Layout is
checked by measuring the page, not only by looking: every chart label lies inside its
figure, nothing is drawn under a legend, and Plotly's toolbar covers no text.
"""
from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "artifacts" / "screenshots"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium: apt-get install chromium to run the browser tests"),
]
playwright_sync = pytest.importorskip("playwright.sync_api", reason="the playwright Python package is not installed")

from helpers import fakedata  # noqa: E402 (after the skip markers)
from helpers.fake_coder import FakeCoder  # noqa: E402

from detente.analysis import make_events  # noqa: E402
from detente.store import EventStore  # noqa: E402

BROWSER_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"]
# west of UTC: a page that turned ISO dates into local Date objects would show the day before
TIMEZONE = "America/Los_Angeles"
# one sentence coded as four events on one day, the most intense of the window
REPEATED = "Russia struck and shelled US-run depots and expelled the US envoy, Moscow said."
LAST_DAY = "2025-06-30"

STORY = ("The United States held talks with Russia in Riyadh on Tuesday. Officials said the meeting was long. "
         "Later the United States accused Russia of stalling the ceasefire talks.")


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    """The fake events, one sentence coded four times, and the corpus's last event on LAST_DAY."""
    path = fakedata.make_db(tmp_path_factory.mktemp("web") / "relations.duckdb")
    recs = [{"date": "2025-05-14", "cameo": cameo, "source_country": "RUS", "target_country": "USA",
             "story_id": "s-repeat", "sentence_id": 0, "sentence": REPEATED} for cameo in ("190", "195", "183", "174")]
    recs.append({"date": LAST_DAY, "cameo": "040", "source_country": "USA", "target_country": "RUS",
                 "story_id": "s-last", "sentence": "The United States held talks with Russia."})
    with EventStore(path) as store:
        store.add_events(make_events(recs), origin="detente")
    return path


@pytest.fixture(scope="module")
def browser():
    with playwright_sync.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=BROWSER_ARGS)
        yield b
        b.close()


# Text of a chart that is cut off, sits under the legend or under Plotly's toolbar; the
# toolbar shows while the pointer is over the chart, as when a person uses it.
LAYOUT_FAULTS_JS = """(id) => {
  const root = document.getElementById(id);
  const fig = root.querySelector(".main-svg").getBoundingClientRect();
  const box = r => ({l: r.left, t: r.top, r: r.right, b: r.bottom});
  const meet = (a, b) => Math.min(a.r, b.r) - Math.max(a.l, b.l) > 1 && Math.min(a.b, b.b) - Math.max(a.t, b.t) > 1;
  const texts = [];
  root.querySelectorAll("text.gtitle, g.infolayer text, g.xaxislayer-above text, g.yaxislayer-above text, " +
                        "text.xtitle, text.ytitle, text.x2title, text.y2title, g.legend text, g.annotation text")
    .forEach(n => { const r = n.getBoundingClientRect();
      if (r.width > 0) texts.push({legend: !!n.closest("g.legend"), text: n.textContent, box: box(r)}); });
  const clipped = texts.filter(t => t.box.l < fig.left - .5 || t.box.r > fig.right + .5 ||
                                    t.box.t < fig.top - .5 || t.box.b > fig.bottom + .5).map(t => t.text);
  const leg = root.querySelector("g.legend"), legend = leg ? box(leg.getBoundingClientRect()) : null;
  const underLegend = legend ? texts.filter(t => !t.legend && meet(t.box, legend)).map(t => t.text) : [];
  const bar = root.querySelector(".modebar"), toolbar = bar ? box(bar.getBoundingClientRect()) : null;
  const underToolbar = toolbar ? texts.filter(t => meet(t.box, toolbar)).map(t => t.text) : [];
  return {clipped: clipped, underLegend: underLegend, underToolbar: underToolbar,
          toolbarShown: !!toolbar && toolbar.r > toolbar.l, nTexts: texts.length};
}"""


def _assert_laid_out(page, chart_id: str) -> None:
    chart = page.locator(f"#{chart_id}")
    chart.scroll_into_view_if_needed()
    chart.hover(position={"x": 10, "y": 10})
    faults = page.evaluate(LAYOUT_FAULTS_JS, chart_id)
    assert faults["nTexts"] > 3 and faults["toolbarShown"], (chart_id, faults)
    assert not (faults["clipped"] or faults["underLegend"] or faults["underToolbar"]), (chart_id, faults)


def _watch(page):
    """Collect console errors, page errors and every request the page makes."""
    seen = {"errors": [], "requests": []}
    page.on("console", lambda m: seen["errors"].append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    page.on("request", lambda r: seen["requests"].append(r.url))
    return seen


def _click_first_point(page, chart_id: str) -> None:
    pt = page.locator(f"#{chart_id} .scatterlayer .trace .points path").first
    box = pt.bounding_box()
    assert box, f"no visible point in {chart_id}"
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


def _shot(page, name: str, docs_name: str | None = None) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / name
    page.screenshot(path=str(path))
    if docs_name and os.environ.get("DETENTE_UPDATE_SCREENSHOTS"):
        # the README's screenshots: refreshed on request, so a test run leaves the tree clean
        (ROOT / "docs" / "img").mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, ROOT / "docs" / "img" / docs_name)
    return path


def test_report_offline_charts_and_evidence(db, browser, tmp_path):
    from detente.report import write_report
    html = write_report(db, "USA", "RUS", tmp_path / "usa-rus.html")
    page = browser.new_page(viewport={"width": 1200, "height": 800}, timezone_id=TIMEZONE)
    seen = _watch(page)
    page.goto(html.resolve().as_uri())
    page.wait_for_selector("body[data-charts-ready='1']", timeout=20_000)
    charts = page.locator("div.chart")
    assert charts.count() >= 5
    for i in range(charts.count()):
        c = charts.nth(i)
        cid = c.get_attribute("id")
        assert c.locator(".main-svg").count() > 0, f"{cid} did not render"
        assert c.locator(".main-svg").first.inner_html().strip(), f"{cid} has an empty svg"
        _assert_laid_out(page, cid)
    # the ladder names every stage in full
    ticks = page.locator("#chart-stage g.yaxislayer-above text").all_text_contents()
    assert len(ticks) >= 8 and all(t[0].isdigit() and len(t) > 3 for t in ticks), ticks
    # one row per sentence and day; the repeated sentence's row opens its four events
    rows = page.locator("#timeline tbody tr")
    said = [(rows.nth(i).locator("td").nth(0).inner_text(), rows.nth(i).locator("td.sentence").inner_text())
            for i in range(rows.count())]
    assert len(said) == len(set(said)) and ("2025-05-14", REPEATED) in said
    rows.nth(said.index(("2025-05-14", REPEATED))).click()
    assert page.locator("#evidence-panel .ev-card").count() == 4
    _click_first_point(page, "chart-dyad")
    page.wait_for_selector("#evidence-panel .ev-card", timeout=5_000)
    first = page.locator("#evidence-panel .ev-sentence").first.inner_text()
    assert len(first) > 10
    # table rows lead to their sentence too; the hostile sentence shows as text, never runs
    page.locator("#timeline tr.clickable").first.click()
    assert page.locator("#evidence-panel .ev-card").count() == 1
    assert page.evaluate("window.__xss") is None
    page.evaluate("window.scrollTo(0, 0)")
    _shot(page, "report.png", "report.png")
    assert not seen["errors"], seen["errors"]
    leaks = [u for u in seen["requests"] if not u.startswith(("file://", "data:", "blob:"))]
    assert not leaks, f"the report made network requests: {leaks}"
    page.close()


@pytest.fixture(scope="module")
def server(db, tmp_path_factory):
    import uvicorn
    from detente.web import create_app
    app = create_app(db, data_dir=tmp_path_factory.mktemp("data"), coder_factory=FakeCoder)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    t = threading.Thread(target=srv.run, daemon=True)
    t.start()
    for _ in range(100):
        if srv.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    t.join(timeout=10)


def test_dashboard_charts_click_and_code(server, browser):
    page = browser.new_page(viewport={"width": 1200, "height": 800}, timezone_id=TIMEZONE)
    seen = _watch(page)
    page.goto(server + "/")
    page.wait_for_selector("body[data-loaded]", timeout=20_000)
    for cid in ("chart-series", "chart-stances"):
        assert page.locator(f"#{cid} .main-svg").count() > 0, f"{cid} did not render"
        _assert_laid_out(page, cid)
    assert page.locator("#events tbody tr").count() > 0
    # the header's dates run to the corpus's last day; the headline counts the events listed
    assert page.locator("#window").inner_text().endswith(f"to {LAST_DAY}")
    cards = dict(zip(page.locator("#headline .k").all_text_contents(), page.locator("#headline .v").all_text_contents()))
    listed = page.locator("#events-count").inner_text()          # "(100 of 137)"
    assert listed == f"(100 of {cards['Events in window']})"
    page.locator("#more").click()
    deadline = time.time() + 10
    while time.time() < deadline and page.locator("#events tbody tr").count() <= 100:
        page.wait_for_timeout(100)
    total = int(listed.split(" of ")[1].rstrip(")"))
    assert page.locator("#events tbody tr").count() == total
    page.evaluate("window.scrollTo(0, 0)")
    _click_first_point(page, "chart-series")
    page.wait_for_selector("#evidence-panel .ev-card", timeout=5_000)
    assert page.locator("#evidence-panel .ev-sentence").first.inner_text()
    page.mouse.move(600, 140)            # off the chart: no hover box in the picture
    _shot(page, "dashboard.png", "dashboard.png")
    # filter by event type: the events table only shows that type
    page.select_option("#event_type", "ACCUSE")
    page.click("#load")
    # (polled from Python: the page's CSP forbids the string evaluation wait_for_function uses)
    deadline = time.time() + 10
    while time.time() < deadline:
        types = page.locator("#events tbody tr td:nth-child(3)").all_inner_texts()
        if types and all(t == "ACCUSE" for t in types):
            break
        page.wait_for_timeout(100)
    assert types and all(t == "ACCUSE" for t in types), types
    # paste a story and see its coded sentences highlighted
    page.fill("#code-text", STORY)
    page.click("#code-go")
    page.wait_for_selector("#code-result mark", timeout=10_000)
    marks = page.locator("#code-result mark")
    assert marks.count() == 2
    assert "held talks with Russia" in marks.nth(0).inner_text()
    marks.nth(1).click()
    assert "accused" in page.locator("#evidence-panel .ev-sentence").first.inner_text()
    page.locator("#coder").scroll_into_view_if_needed()
    _shot(page, "dashboard-coded.png")
    assert page.evaluate("window.__xss") is None
    assert not seen["errors"], seen["errors"]
    foreign = [u for u in seen["requests"] if not u.startswith((server, "data:", "blob:"))]
    assert not foreign, f"the dashboard fetched from elsewhere: {foreign}"
    page.close()
