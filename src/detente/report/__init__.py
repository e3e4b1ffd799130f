"""The self-contained HTML report for one dyad: this package owns gathering the analyses and
the sentences behind them into one model (``model``), drawing the figures and the page
(``render``, ``templates/``).

    build_report(src, "USA", "RUS", start=None, end=None) -> str     # the HTML page
    write_report(src, "USA", "RUS", path, start=None, end=None) -> Path

``src`` is anything :mod:`detente.analysis` accepts: an ``EventStore``, a DuckDB connection,
a path to a ``.duckdb`` file, an Arrow table or a DataFrame of events.  The page inlines its
scripts, styles and plotly.js (:mod:`detente.display`), embeds the evidence events as JSON,
and makes no network request when opened.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Optional

from .model import ReportError, collect
from .render import render

__all__ = ["build_report", "write_report", "collect", "render", "ReportError"]


def build_report(src: Any, a: str, b: str, *, start: Any = None, end: Any = None,
                 freq: Optional[str] = None) -> str:
    """The report for dyad ``a``–``b`` as one self-contained HTML string."""
    return render(collect(src, a, b, start=start, end=end, freq=freq))


def write_report(src: Any, a: str, b: str, path: str | Path, *, start: Any = None,
                 end: Any = None, freq: Optional[str] = None) -> Path:
    """Build the report and write it to ``path`` (UTF-8); returns the path."""
    html = build_report(src, a, b, start=start, end=end, freq=freq)
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    tmp = p.with_name(p.name + ".tmp")
    tmp.write_text(html, encoding="utf-8")
    tmp.replace(p)
    return p
