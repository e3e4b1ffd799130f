"""The `detente` command line: one module per command group, each a thin Typer layer over
library calls.  Each module exposes ``register(app)``; this file only assembles them."""
from __future__ import annotations

import importlib

import typer
from typer.core import TyperCommand

from ._common import HelpCommand, HelpGroup

app = typer.Typer(
    name="detente",
    cls=HelpGroup,
    help="Turn news about international relations into measured, explainable evidence.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
)

# Command modules, in the order `detente --help` lists them.
COMMAND_MODULES = ["demo", "code", "ingest", "interop", "analyze", "report", "serve"]

for _name in COMMAND_MODULES:
    importlib.import_module(f"detente.cli.{_name}").register(app)

# Help without Typer's type column (see _common.HelpCommand), for every command at once.
for _info in app.registered_commands:
    if _info.cls in (None, TyperCommand):
        _info.cls = HelpCommand


def main() -> None:
    app()
