"""Drive the report and the dashboard in headless Chromium, as a person would.

Needs the Debian ``chromium`` package (/usr/bin/chromium) and the ``playwright`` Python
package; never downloads a browser.  Screenshots go to artifacts/screenshots/.
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

STORY = ("The United States held talks with Russia in Riyadh on Tuesday. Officials said the meeting was long. "
         "Later the United States accused Russia of stalling the ceasefire talks.")


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return fakedata.make_db(tmp_path_factory.mktemp("web") / "relations.duckdb")


@pytest.fixture(scope="module")
def browser():
    with playwright_sync.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM),
                              args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        yield b
        b.close()


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
    page = browser.new_page(viewport={"width": 1200, "height": 800})
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
    app = create_app(db, data_dir=tmp_path_factory.mktemp("data"))
    app.state.coder = FakeCoder()
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
    t.join(timeout=5)


def test_dashboard_charts_click_and_code(server, browser):
    page = browser.new_page(viewport={"width": 1200, "height": 800})
    seen = _watch(page)
    page.goto(server + "/")
    page.wait_for_selector("body[data-loaded]", timeout=20_000)
    for cid in ("chart-series", "chart-stances"):
        assert page.locator(f"#{cid} .main-svg").count() > 0, f"{cid} did not render"
    assert page.locator("#events tbody tr").count() > 0
    _click_first_point(page, "chart-series")
    page.wait_for_selector("#evidence-panel .ev-card", timeout=5_000)
    assert page.locator("#evidence-panel .ev-sentence").first.inner_text()
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
