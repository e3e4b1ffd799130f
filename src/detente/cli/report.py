"""`detente report A B --db relations.duckdb -o a-b.html`: one self-contained HTML report."""
from __future__ import annotations

import re
import warnings
from pathlib import Path
from typing import Optional

import typer

from ._common import console_err, db_option, fail, require_store


def register(app: typer.Typer) -> None:
    @app.command("report")
    def report(
        a: str = typer.Argument(..., metavar="A", help="First country, ISO 3166-1 alpha-3 (e.g. USA)"),
        b: str = typer.Argument(..., metavar="B", help="Second country, ISO 3166-1 alpha-3 (e.g. RUS)"),
        db: Path = db_option("Event store to read (a DuckDB file, opened read-only)."),
        output: Optional[Path] = typer.Option(None, "-o", "--output", metavar="FILE", help="HTML file to write (default a-b.html)"),
        start: Optional[str] = typer.Option(None, "--from", metavar="DATE", help="First day, YYYY-MM-DD"),
        end: Optional[str] = typer.Option(None, "--to", metavar="DATE", help="Last day, YYYY-MM-DD"),
        freq: Optional[str] = typer.Option(None, "--freq", metavar="FREQ", help="day | week | month (default: by window length)"),
    ) -> None:
        """Write a self-contained HTML report on the relationship between A and B.

        The file inlines its scripts and plotly.js and makes no network request when opened;
        every chart point opens the sentences behind it."""
        from ..report import ReportError, write_report

        a_, b_ = a.strip().upper(), b.strip().upper()
        for code in (a_, b_):
            if not re.fullmatch(r"[A-Z]{3}", code):
                fail(f"'{code}' is not an ISO 3166-1 alpha-3 country code (e.g. USA)")
        if freq is not None and freq not in ("day", "week", "month"):
            fail(f"--freq must be day, week or month, not '{freq}'")
        require_store(db)
        out = output or Path(f"{a_.lower()}-{b_.lower()}.html")
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", RuntimeWarning)
            try:
                path = write_report(db, a_, b_, out, start=start, end=end, freq=freq)
            except ReportError as exc:
                fail(exc)
        for w in caught:
            if issubclass(w.category, RuntimeWarning) and "report section" in str(w.message):
                console_err.print(f"[yellow]warning:[/] {w.message}", highlight=False)
        size = path.stat().st_size
        console_err.print(f"wrote {path} ({size / 1e6:.1f} MB, self-contained)")
