"""``detente query``'s SQL: one read-only statement on the store, with no way out of it.

Two fences, either of which alone would stop each escape tried so far:

1. DuckDB itself is opened read-only with external access off (no files, no other databases
   through ``ATTACH``, no ``COPY``/``EXPORT`` targets, no ``read_text``/``read_csv``/``glob``,
   no extensions to install or load, no network), extension auto-loading off and the
   configuration locked, so no ``SET`` or ``PRAGMA`` can turn any of it back on.  What it
   refuses comes back as E322.
2. Before anything runs, DuckDB's own parser says what each statement is
   (``duckdb.extract_statements``): one statement, a ``SELECT`` (``DESCRIBE``, ``SHOW`` and
   ``SUMMARIZE`` are SELECTs) or one of the PRAGMAs that only describe the store; anything else
   (``CREATE``, ``INSERT``, ``ATTACH``, ``COPY``, ``SET``, ``INSTALL``, ``CALL``, ...) is
   refused by its type with E321 -- including a ``CREATE TEMP TABLE``, which a read-only
   database would otherwise allow.
"""
from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pyarrow as pa

from ..errors import BadValue, DetenteError
from . import locks
from .db import EventStore

SANDBOX_CONFIG = {
    "enable_external_access": False,
    "autoload_known_extensions": False,
    "autoinstall_known_extensions": False,
    "allow_community_extensions": False,
    "allow_unsigned_extensions": False,
    "lock_configuration": True,            # last: the settings above can no longer change
}
# PRAGMAs that describe the store and change nothing
READ_PRAGMAS = frozenset({"table_info", "show_tables", "show_tables_expanded", "show", "database_size",
                          "storage_info", "version", "platform", "functions", "collations"})
_PRAGMA_NAME = re.compile(r"\s*pragma\s+([a-z_][a-z0-9_]*)", re.IGNORECASE)


class QueryRefused(BadValue):
    """A statement ``detente query`` will not run (E321), or file/network access DuckDB refused
    in the sandbox (E322)."""


def check_statement(sql: str) -> None:
    """Refuse (E321) all but one SELECT or read-only PRAGMA, by DuckDB's parse of ``sql``."""
    try:
        statements = duckdb.extract_statements(sql)
    except duckdb.Error as exc:
        raise DetenteError("E305", reason=str(exc).splitlines()[0]) from None
    if len(statements) != 1:
        raise QueryRefused("E321", statement=f"{len(statements)} statements" if statements else "an empty query")
    kind, text = statements[0].type, statements[0].query or sql
    if kind == duckdb.StatementType.SELECT:
        return
    pragma = _PRAGMA_NAME.match(text)
    if kind == duckdb.StatementType.PRAGMA and pragma and pragma.group(1).lower() in READ_PRAGMAS:
        return
    # named as written ("INSTALL" parses as a LOAD, "PRAGMA memory_limit=..." as a SET)
    said = f"PRAGMA {pragma.group(1)}" if pragma else (text.split() or [kind.name])[0].upper()
    raise QueryRefused("E321", statement=said)


def sandboxed_query(path: str | Path, sql: str, *, wait: float = locks.DEFAULT_WAIT) -> pa.Table:
    """Run one read-only statement on the store at ``path`` in the sandbox; its rows as Arrow.

    E321: a statement of a refused type; E322: file, database, extension or network access;
    E305: any other failure of the query; E301/E302/E306/E307: the store cannot be opened."""
    check_statement(sql)
    store = EventStore(path, read_only=True, wait=wait, config=SANDBOX_CONFIG)
    try:
        rel = store.con.sql(sql)
        if rel is None:
            raise DetenteError("E305", reason="the statement returns no rows")
        return rel.to_arrow_table()
    except duckdb.PermissionException as exc:
        raise QueryRefused("E322", detail=str(exc).splitlines()[0]) from None
    except duckdb.Error as exc:
        raise DetenteError("E305", reason=str(exc).splitlines()[0]) from None
    finally:
        store.close()
