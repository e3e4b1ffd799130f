"""`detente demo`: code the bundled sample corpus, store it, print the timeline it found for a
dyad (US–Russia by default) and write the HTML report."""
from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Optional

import typer
from rich.table import Table

from ._common import console, console_err, progress_bar


def register(app: typer.Typer) -> None:
    app.command("demo", help="Code the bundled sample corpus and show what it finds (US–Russia 2025).")(demo)


def sample_corpus() -> Path:
    return Path(str(resources.files("detente") / "data" / "samples" / "us_russia_2025.jsonl"))


def demo(
    a: str = typer.Argument("USA", metavar="A", help="First country of the dyad (ISO3)."),
    b: str = typer.Argument("RUS", metavar="B", help="Second country of the dyad (ISO3)."),
    db: Path = typer.Option(Path("detente-demo.duckdb"), "--db", metavar="FILE",
                            help="DuckDB file for the sample's events: its own file (not DETENTE_DB), so the "
                                 "sample never mixes into a real store."),
    report: Optional[Path] = typer.Option(Path("detente-demo-report.html"), "--report", "-o", metavar="FILE",
                                          help="Where to write the HTML report."),
    limit: int = typer.Option(40, "--limit", metavar="N", help="Timeline rows to print."),
    progress: bool = typer.Option(True, "--progress/--no-progress", help="Show a progress bar on stderr."),
) -> None:
    from ..batch import code_corpus
    from ..schema import row_to_event_json
    from ..store import EventStore

    a, b = a.upper(), b.upper()
    corpus = sample_corpus()
    console_err.print(f"Coding the sample corpus [bold]{corpus.name}[/] into [bold]{db}[/] …")
    with progress_bar(progress, "coding") as advance:
        summary = code_corpus([str(corpus)], db, progress=advance)
    console_err.print(str(summary))
    with EventStore(db, read_only=True) as store:
        rows = store.con.sql(
            "SELECT * FROM events WHERE (source_country = ? AND target_country = ?) "
            "OR (source_country = ? AND target_country = ?) "
            "ORDER BY event_date, story_id, sentence_id", params=[a, b, b, a]).to_arrow_table().to_pylist()
        table = Table(title=f"{a}–{b} events found in the sample corpus ({len(rows)})", show_lines=False)
        for col in ("date", "source → target", "event (CAMEO)", "sentence"):
            table.add_column(col, overflow="fold")
        for row in rows[:limit]:
            ev = row_to_event_json(row)
            src = (ev["source"] or {}).get("name") or (ev["source"] or {}).get("code") or "?"
            tgt = (ev["target"] or {}).get("name") or (ev["target"] or {}).get("code") or "?"
            kind = f"{ev['event_type'] or 'STATEMENT'} ({ev['cameo']}, {ev['goldstein']:+.1f})"
            sentence = ev["sentence"] if len(ev["sentence"]) < 160 else ev["sentence"][:157] + "…"
            table.add_row(ev["date"] or "", f"{src} → {tgt}", kind, sentence)
        console.print(table)
        if report is not None:
            from ..report import write_report

            write_report(store, a, b, report)
            console.print(f"Report written to [bold]{report.resolve()}[/]")
