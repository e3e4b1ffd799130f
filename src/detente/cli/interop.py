"""`detente import gdelt|icews|polecat FILES --db X`: existing event data sets into the store."""
from __future__ import annotations

from pathlib import Path
from typing import List

import typer

from ..errors import DetenteError, problem
from ._common import console, db_option, fail, progress_bar, report_problems

FORMATS = ("gdelt", "icews", "polecat", "auto")


def register(app: typer.Typer) -> None:
    app.command("import", help="Import GDELT 2.0, ICEWS or POLECAT event files into the store.")(import_cmd)


def import_cmd(
    fmt: str = typer.Argument(..., metavar="FORMAT", help="gdelt | icews | polecat | auto (told apart by the header)"),
    files: List[Path] = typer.Argument(..., metavar="FILE", help="Event files (.csv/.tsv/.txt/.tab, also .zip/.gz)."),
    db: Path = db_option("Event store to add to (a DuckDB file, created if missing)."),
    force: bool = typer.Option(False, "--force", help="Re-read files imported before (events are never duplicated)."),
    progress: bool = typer.Option(True, "--progress/--no-progress", help="Rows read, on stderr, while a file imports."),
) -> None:
    """Malformed rows are reported with file and line and skipped; the rest is imported.
    Exit code 3 when any row or file was skipped."""
    from ..interop import BadFile, import_file
    from ..store import EventStore

    fmt = fmt.lower()
    if fmt not in FORMATS:
        fail(f"unknown format '{fmt}' (choose from {', '.join(FORMATS)})")
    problems: list = []
    n_files = 0
    try:
        store = EventStore(db)
    except DetenteError as exc:   # in use by another writer (E302), or unusable: the message alone
        fail(exc)
    with store:
        for path in files:
            if not path.exists():
                problems.append(problem(path, "E112"))
                continue
            try:
                with progress_bar(progress, f"import {path.name}", unit="rows") as advance:
                    summary = import_file(path, store, format=None if fmt == "auto" else fmt,
                                          problems=problems, force=force, progress=advance)
            except BadFile as exc:          # not a file of this format, unreadable (E316-E318)
                problems.append(exc.problem)
                continue
            n_files += 1
            console.print(str(summary), highlight=False)
    report_problems(problems, n_files, done="file imported" if n_files == 1 else "files imported",
                    skipped="skipped (rows or whole files)")
    if problems:
        raise typer.Exit(3)

