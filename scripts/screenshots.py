"""Regenerate the README's screenshots (docs/img/report.png, docs/img/dashboard.png) from the
bundled demo corpus: `detente demo` into a temporary folder, its HTML report opened in headless
Chromium, then `detente serve` on the demo store and the dashboard. Needs Playwright and
Debian's /usr/bin/chromium (no browser download).

    python scripts/screenshots.py
"""
from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
IMG = ROOT / "docs" / "img"
SIZE = {"width": 1200, "height": 800}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> int:
    detente = shutil.which("detente") or sys.exit("detente is not installed (pip install -e .)")
    work = Path(tempfile.mkdtemp(prefix="detente-shots-"))
    subprocess.run([detente, "demo", "--no-progress"], cwd=work, check=True, stdout=subprocess.DEVNULL)
    port = free_port()
    server = subprocess.Popen([detente, "serve", "--db", str(work / "detente-demo.duckdb"), "--port", str(port)],
                              cwd=work, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}/"
        for _ in range(100):
            try:
                urllib.request.urlopen(url, timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        IMG.mkdir(parents=True, exist_ok=True)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
            page = browser.new_page(viewport=SIZE)
            page.goto((work / "detente-demo-report.html").as_uri())
            page.wait_for_selector(".js-plotly-plot", timeout=20000)
            page.wait_for_timeout(1000)
            page.screenshot(path=str(IMG / "report.png"))
            page.goto(url)
            page.wait_for_selector(".js-plotly-plot", timeout=20000)
            page.wait_for_timeout(1500)
            page.screenshot(path=str(IMG / "dashboard.png"))
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(work, ignore_errors=True)
    print(f"wrote {IMG / 'report.png'} and {IMG / 'dashboard.png'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
