"""`detente ingest` (code and store a corpus), `detente export` (events out of a store) and
`detente query` (DuckDB SQL over a store)."""
from __future__ import annotations

from pathlib import Path
from typing import List, Optional, Tuple

import typer

from ._common import (INPUT_HELP, MIN_CONFIDENCE_OPTION, console, console_err, db_option, fail,
                      parse_date_option, progress_bar, report_problems, require_store)


def register(app: typer.Typer) -> None:
    app.command("ingest", help="Code stories and store the events in a DuckDB file (incremental, resumable).")(ingest_cmd)
    app.command("export", help="Export stored events as Parquet (a file, or a folder partitioned by year/month), CSV, JSON Lines or GDELT 2.0 columns.")(export_cmd)
    app.command("query", help="Run one read-only SELECT over a store's tables (events, stories, sentences, actors, unique_events, ...), sandboxed: no files, other databases, extensions or network.")(query_cmd)


def ingest_cmd(
    inputs: List[str] = typer.Argument(..., metavar="INPUT", help=INPUT_HELP),
    db: Path = db_option("Event store to add to (a DuckDB file, created if missing)."),
    workers: int = typer.Option(1, "--workers", "-w", min=1, metavar="N", help="Dask worker processes (LocalCluster)."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", metavar="ADDRESS", help="Address of a running Dask scheduler, e.g. tcp://host:8786."),
    batch_size: int = typer.Option(256, "--batch-size", min=1, metavar="N", help="Stories per batch (and per transaction)."),
    prefilter: bool = typer.Option(False, "--prefilter/--no-prefilter", help="Parse only sentences that can hold an event (< 1 % of events lost; pays off on text with few political sentences; see benchmarks/README.md)."),
    fast: bool = typer.Option(False, "--fast/--no-fast", help="Rule-based names and dates instead of spaCy's statistical NER: about 2x faster, near-identical gold-set accuracy, ~5 % of events differ (benchmarks/README.md)."),
    story_date: Optional[str] = typer.Option(None, "--story-date", metavar="DATE", help="Date (YYYY-MM-DD) for stories that carry none."),
    progress: bool = typer.Option(True, "--progress/--no-progress", help="Show a progress bar on stderr."),
    log: Optional[Path] = typer.Option(None, "--log", metavar="FILE", help="Where to append the tracebacks of stories the coder fails on (default: the store's path + .errors.log)."),
) -> None:
    """Safe to re-run (unchanged stories are skipped), to interrupt (finished batches stay) and
    to run while `detente serve` shows the same store.  A story the coder fails on is skipped
    (E212, its traceback in the log) and the run goes on; exit code 3 when anything was skipped."""
    from ..batch import code_corpus
    from ..errors import DetenteError
    from ..ingest import read_stories

    default_date = parse_date_option(story_date, "--story-date")
    problems: list = []
    stories = read_stories(inputs, story_date=default_date, problems=problems)
    try:
        with progress_bar(progress, "ingest") as advance:
            summary = code_corpus(stories, db, workers=workers, scheduler=scheduler, batch_size=batch_size,
                                  prefilter=prefilter, progress=advance, problems=problems,
                                  coder_options={"fast": True} if fast else None, log=log)
    except DetenteError as exc:   # the store is in use or unusable: its message, no traceback
        fail(exc)
    console_err.print(str(summary), highlight=False, soft_wrap=True)
    report_problems(problems, summary.stories_new)
    if problems:
        raise typer.Exit(3)


def export_cmd(
    output_arg: Optional[Path] = typer.Argument(None, metavar="OUTPUT", help="File or folder to write (or use -o)."),
    output_opt: Optional[Path] = typer.Option(None, "--output", "-o", metavar="PATH", help="File to write; a folder (no extension) gives Parquet partitioned by year and month."),
    db: Path = db_option("Event store to read (a DuckDB file)."),
    fmt: Optional[str] = typer.Option(None, "--format", "-f", metavar="FORMAT", help="parquet | csv | jsonl | gdelt (default: from the extension; parquet for a folder)."),
    dyad: Optional[Tuple[str, str]] = typer.Option(None, "--dyad", metavar="SOURCE TARGET", help="Directed dyad: two ISO3 codes."),
    source: Optional[str] = typer.Option(None, "--source", metavar="ISO3", help="Source country."),
    target: Optional[str] = typer.Option(None, "--target", metavar="ISO3", help="Target country."),
    start: Optional[str] = typer.Option(None, "--from", metavar="DATE", help="First date (YYYY-MM-DD)."),
    end: Optional[str] = typer.Option(None, "--to", metavar="DATE", help="Last date (YYYY-MM-DD)."),
    min_confidence: Optional[float] = MIN_CONFIDENCE_OPTION,
    issue: Optional[List[str]] = typer.Option(None, "--issue", metavar="ID", help="Only events about this issue (repeat for any of several); ids: src/detente/data/analysis/issues.yaml."),
) -> None:
    from ..errors import DetenteError
    from ..interop import export_events
    from ..store import EventStore

    output = output_opt or output_arg
    if output is None:
        fail("say where to write: detente export -o FILE_OR_FOLDER")
    require_store(db)
    fmt = fmt or {".parquet": "parquet", ".csv": "csv", ".jsonl": "jsonl", ".tsv": "gdelt",
                  ".txt": "gdelt"}.get(output.suffix.lower(), "parquet")
    filters = {"source": source, "target": target, "dyad": tuple(dyad) if dyad and all(dyad) else None,
               "start": parse_date_option(start, "--from"), "end": parse_date_option(end, "--to"),
               "min_confidence": min_confidence, "issue": list(issue) if issue else None}
    try:
        with EventStore(db, read_only=True) as store:
            n = export_events(store, output, format=fmt, **{k: v for k, v in filters.items() if v is not None})
    except (DetenteError, ValueError, OSError) as exc:
        fail(exc)
    console.print(f"{n} events written to {output} ({fmt})")


def query_cmd(
    sql: str = typer.Argument(..., metavar="SQL", help="SQL, e.g. \"select cameo, count(*) from events group by all\"."),
    db: Path = db_option("Event store to query (a DuckDB file, opened read-only)."),
    fmt: str = typer.Option("table", "--format", "-f", metavar="FORMAT", help="table | csv | json"),
    max_rows: int = typer.Option(50, "--max-rows", min=1, metavar="N", help="Rows shown by --format table (csv/json print all)."),
) -> None:
    """One SELECT (or a PRAGMA that only reads) on the store, opened read-only in a sandbox: no
    files, no other databases, no extensions, no network, no settings (E321, E322)."""
    import json
    import sys

    import pyarrow.csv as pacsv

    from ..schema import csv_table
    from rich.table import Table

    from ..errors import DetenteError
    from ..store.sandbox import sandboxed_query

    if fmt not in ("table", "csv", "json"):
        fail(f"unknown --format {fmt!r}; use table, csv or json")
    require_store(db)
    try:
        result = sandboxed_query(db, sql)
    except DetenteError as exc:
        fail(exc)
    if fmt == "csv":
        pacsv.write_csv(csv_table(result), sys.stdout.buffer)   # lists (issues) joined by ";"
        sys.stdout.flush()
    elif fmt == "json":
        for row in result.to_pylist():
            sys.stdout.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
    else:
        table = Table(*result.column_names, show_lines=False)
        for row in result.slice(0, max_rows).to_pylist():
            table.add_row(*("" if v is None else str(v) for v in row.values()))
        console.print(table)
        if result.num_rows > max_rows:
            console.print(f"({result.num_rows} rows; {max_rows} shown, use --max-rows or --format csv)")
