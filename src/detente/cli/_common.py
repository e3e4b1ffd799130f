"""Small pieces the command modules share: stderr console, option parsing, problem reports."""
from __future__ import annotations

import collections
import contextlib
from datetime import date
from pathlib import Path
from typing import Any, Callable, Iterator, NoReturn, Optional

import typer
from rich.console import Console
from rich.markup import escape
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

console = Console()
console_err = Console(stderr=True)

# Every command that reads or writes the event store finds it the same way (`detente demo`
# alone keeps its own file, so the sample corpus never mixes into a real store).
DB_ENVVAR = "DETENTE_DB"
DEFAULT_DB = "detente.duckdb"


def db_option(help: str) -> Any:
    """The ``--db FILE`` option: ``$DETENTE_DB`` when set, else ``detente.duckdb`` here."""
    return typer.Option(Path(DEFAULT_DB), "--db", envvar=DB_ENVVAR, metavar="FILE", help=help)


def fail(message: object) -> NoReturn:
    """End the command with exit 2 and ``error: MESSAGE`` on stderr: a bad option, or a store in
    use or unusable (the message alone, no traceback; printed as written, on one line)."""
    console_err.print(f"[red]error:[/] {escape(str(message))}", highlight=False, soft_wrap=True)
    raise typer.Exit(2)


def require_store(db: Path) -> None:
    """:func:`fail` with :func:`missing_store`'s advice when there is no event store at ``db``."""
    if not db.exists():
        fail(missing_store(db))


def missing_store(db: Path) -> str:
    """What to say when the event store a command reads is not there."""
    return (f"no event store at {db}; make one with `detente ingest FILES --db {db}` "
            f"(--db defaults to ${DB_ENVVAR}, else {DEFAULT_DB})")


# --min-confidence on every command that reads events: the store's event_filter applies it
MIN_CONFIDENCE_OPTION: Any = typer.Option(
    None, "--min-confidence", min=0.0, max=1.0, metavar="P",
    help="Only events with at least this confidence, 0-1: a coded event's is calibrated (about that "
         "share of such events was right on the gold sets' tuning halves), a "
         "real-world event's is its most confident report's; imported GDELT/ICEWS/POLECAT rows carry 0.5.")

INPUT_HELP = ("Files or folders of stories (.txt .html .jsonl .csv .json .xml/.rss/.atom, "
              "any other extension sniffed), or - for stdin.")


class _ArgumentHelp(TyperArgument):
    def display_type_rich(self, ctx: Any) -> Optional[str]:
        return None                      # the argument's name and help say what it takes


class _OptionHelp(TyperOption):
    def display_type_rich(self, ctx: Any) -> Optional[str]:
        if self.metavar is not None:
            return self.metavar
        if self.is_flag or self.count:
            return None
        if self.type_descriptor.is_choice:           # "table|csv|json" tells the reader something
            return self.display_type(ctx).strip("<>")
        return self.name.upper()


class _PlaceholderHelp:
    """``--help`` shows a value placeholder (``--db FILE``) or the choices where Typer shows
    each parameter's Python type (``<list[str]>``, ``<bool>``, ``<path>``)."""

    def get_params(self, ctx: Any) -> list:
        params = super().get_params(ctx)  # type: ignore[misc]
        for param in params:
            if type(param) is TyperArgument:
                param.__class__ = _ArgumentHelp
            elif type(param) is TyperOption:
                param.__class__ = _OptionHelp
        return params


class HelpCommand(_PlaceholderHelp, TyperCommand):
    """A detente command (see :class:`_PlaceholderHelp`)."""


class HelpGroup(_PlaceholderHelp, TyperGroup):
    """The ``detente`` group itself (see :class:`_PlaceholderHelp`)."""


def parse_date_option(value: Optional[str], option: str) -> Optional[date]:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        fail(f"{option} '{value}' is not a date (expected YYYY-MM-DD)")


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
