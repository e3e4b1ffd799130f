"""Small pieces the command modules share: stderr console, option parsing, problem reports."""
from __future__ import annotations

import collections
import contextlib
from datetime import date
from typing import Callable, Iterator, Optional

import typer
from rich.console import Console

console = Console()
console_err = Console(stderr=True)


def parse_date_option(value: Optional[str], option: str) -> Optional[date]:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        console_err.print(f"[red]error:[/] {option} '{value}' is not a date (expected YYYY-MM-DD)")
        raise typer.Exit(2)


def report_problems(problems: list, n_ok: int, *, done: str = "stories coded",
                    skipped: str = "inputs skipped") -> None:
    """One line per skipped input on stderr, then a summary grouped by reason code."""
    for p in problems:
        console_err.print(f"[yellow]skipped[/] {p}", highlight=False, soft_wrap=True)
    if problems:
        by_code = collections.Counter(p.code for p in problems)
        summary = ", ".join(f"{n} × {code}" for code, n in sorted(by_code.items()))
        console_err.print(f"{n_ok} {done}; {len(problems)} {skipped} ({summary})", highlight=False)


@contextlib.contextmanager
def progress_bar(enabled: bool, label: str, total: Optional[int] = None,
                 unit: str = "stories") -> Iterator[Callable[[int], None]]:
    """A Rich progress bar on stderr; yields ``advance(n)`` (``n`` more ``unit`` done)."""
    if not enabled:
        yield lambda n: None
        return
    from rich.progress import (BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn,
                               TimeElapsedColumn)

    columns = [SpinnerColumn(), TextColumn(f"{label}"), BarColumn(), MofNCompleteColumn(),
               TextColumn("{task.fields[rate]}"), TimeElapsedColumn()]
    with Progress(*columns, console=console_err, transient=True) as prog:
        task = prog.add_task(label, total=total, rate="")
        import time

        start = time.perf_counter()
        done = 0

        def advance(n: int) -> None:
            nonlocal done
            done += n
            elapsed = max(time.perf_counter() - start, 1e-6)
            prog.update(task, advance=n, rate=f"{done / elapsed:,.1f} {unit}/s")

        yield advance
