"""`detente code`: code stories into events and write them to stdout or a file."""
from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import List, Optional

import typer

from ._common import INPUT_HELP, fail, parse_date_option, report_problems

FORMATS = ("jsonl", "json", "csv", "parquet")


def register(app: typer.Typer) -> None:
    app.command("code", help="Code news stories into PLOVER/CAMEO events with provenance.")(code)


def code(
    inputs: List[str] = typer.Argument(..., metavar="INPUT", help=INPUT_HELP),
    fmt: str = typer.Option("jsonl", "--format", "-f", metavar="FORMAT", help="jsonl | json | csv | parquet"),
    output: Optional[Path] = typer.Option(None, "--output", "-o", metavar="FILE", help="Write here instead of stdout (required for parquet)."),
    story_date: Optional[str] = typer.Option(None, "--story-date", metavar="DATE", help="Date (YYYY-MM-DD) for stories that carry none."),
    actors: List[Path] = typer.Option([], "--actors", metavar="FILE", help="Extra actor CSV file (same columns as the bundled ones); repeat for more."),
    lexicon: List[Path] = typer.Option([], "--lexicon", metavar="FILE", help="Extra event-pattern YAML file; repeat for more."),
    prefilter: bool = typer.Option(False, "--prefilter/--no-prefilter", help="Parse only sentences that can hold an event (< 1 % of events lost)."),
    fast: bool = typer.Option(False, "--fast/--no-fast", help="Rule-based names and dates instead of spaCy's statistical NER (about 2x faster; see benchmarks/README.md)."),
    progress: bool = typer.Option(True, "--progress/--no-progress", help="Show a progress bar on stderr."),
) -> None:
    """Events go to stdout as JSON Lines unless -o is given.  Exit code 0: all input coded;
    3: some input was skipped (each reason printed on stderr); 2: bad options."""
    from ..coding import Coder
    from ..ingest import read_stories
    from ..schema import csv_table, dumps_events, events_to_arrow
    from ._common import progress_bar

    fmt = fmt.lower()
    if fmt not in FORMATS:
        fail(f"unknown format '{fmt}' (choose from {', '.join(FORMATS)})")
    if fmt == "parquet" and output is None:
        fail("--format parquet needs -o FILE")
    default_date: Optional[date] = parse_date_option(story_date, "--story-date")

    problems: list = []
    coder = Coder(actor_files=[str(p) for p in actors], lexicon_files=[str(p) for p in lexicon],
                  prefilter=prefilter, fast=fast)
    stories = read_stories(inputs, story_date=default_date, problems=problems)
    events = []
    out_stream = None
    if fmt == "jsonl":
        out_stream = open(output, "w", encoding="utf-8") if output else sys.stdout
    n_stories = 0
    with progress_bar(progress and (output is not None or not sys.stdout.isatty()), "coding") as bar:
        for coded in coder.code_stories(stories):
            n_stories += 1
            bar(1)
            if fmt == "jsonl":
                out_stream.write(dumps_events(coded.events))
            else:
                events.extend(coded.events)
    if fmt == "jsonl":
        if output:
            out_stream.close()
    elif fmt == "json":
        text = json.dumps([e.to_json() for e in events], ensure_ascii=False, indent=1)
        if output:
            output.write_text(text + "\n", encoding="utf-8")
        else:
            sys.stdout.write(text + "\n")
    else:
        table = events_to_arrow(events)
        if fmt == "parquet":
            import pyarrow.parquet as pq

            pq.write_table(table, output)
        else:
            import pyarrow.csv as pacsv

            table = csv_table(table)
            if output:
                pacsv.write_csv(table, output)
            else:
                import pyarrow as pa

                sink = pa.BufferOutputStream()
                pacsv.write_csv(table, sink)
                sys.stdout.write(sink.getvalue().to_pybytes().decode("utf-8"))
    report_problems(problems, n_stories)
    if problems:
        raise typer.Exit(3)
