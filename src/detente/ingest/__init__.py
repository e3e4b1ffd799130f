"""Read news stories from files, folders, feeds and stdin; report bad input clearly.

>>> problems = []
>>> for story in read_stories(["news/", "feed.rss", "-"], problems=problems): ...
>>> for p in problems: print(p)        # [E106] news/le-monde.txt: not English text ...

Formats (by extension, case-insensitive; content is sniffed when the extension is missing
or unknown): ``.txt`` (one story; an optional ``Key: value`` header block ended by ``---``),
``.html``/``.htm`` (trafilatura main text, htmldate publication date), ``.jsonl``/``.ndjson``
and ``.csv`` (one story per row: ``id``, ``text``, optional ``title``, ``date``, ``url``,
``source``), ``.json`` (an object or a list of them), RSS/Atom (``.xml``/``.rss``/``.atom``)
and ``-`` for stdin.  Bad input never raises: each bad file or row gives one
:class:`~detente.schema.Problem` (codes ``E1xx`` in :mod:`detente.errors`).

Encodings: UTF-8; a byte-order mark (UTF-8/16/32); UTF-16 without one (recognised by its
NUL bytes at one parity); other encodings only when detection is unambiguous (E104, else
E105).  NUL never reaches a story: a NUL byte in the first 8 KB makes the file binary
(E102); later in a text, HTML, JSON or feed file it refuses the whole file, naming the byte
offset (E117); in JSONL and CSV, read line by line, it refuses that row only (E107 for a raw
NUL in JSON, E118 for a NUL character in a field, with the line).
"""
from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path
from typing import Iterable, Iterator, Optional, TextIO

from ..schema import Problem, Story
from .dates import parse_date
from .readers import EXTENSIONS, _Ctx, read_path, read_stdin, sniff_format

__all__ = ["read_stories", "discover", "parse_date", "sniff_format", "EXTENSIONS"]

STDIN = "-"


def _is_hidden(name: str) -> bool:
    return name.startswith(".")


def discover(inputs: Iterable[str | Path] | str | Path) -> Iterator[Path]:
    """Expand folders recursively (sorted, skipping hidden files and folders).

    Files, ``-`` (stdin) and paths that do not exist are passed through unchanged, so
    :func:`read_stories` can report the missing ones.
    """
    if isinstance(inputs, (str, Path)):
        inputs = [inputs]
    for item in inputs:
        if str(item) == STDIN:
            yield Path(STDIN)
            continue
        p = Path(item)
        if not p.is_dir():
            yield p
            continue
        found: list[Path] = []
        for root, dirs, files in os.walk(p):
            dirs[:] = [d for d in dirs if not _is_hidden(d)]
            found.extend(Path(root, f) for f in files if not _is_hidden(f))
        yield from sorted(found, key=lambda q: q.relative_to(p).parts)


def read_stories(inputs: Iterable[str | Path] | str | Path, *, story_date: Optional[date] = None,
                 problems: Optional[list[Problem]] = None, max_bytes: int = 50_000_000,
                 stdin: Optional[TextIO] = None) -> Iterator[Story]:
    """Yield the stories in ``inputs`` (files, folders, ``-``), lazily and in order.

    Bad input is appended to ``problems`` (one :class:`Problem` per bad file / row / entry)
    (when ``problems`` is None they are logged as warnings on the ``detente.ingest``
    logger instead); it never raises.  ``story_date`` is the
    date given to stories that carry none.  Files over ``max_bytes`` are refused before
    they are read.  JSONL and CSV are streamed line by line.
    """
    ctx = _Ctx(problems if problems is not None else [], story_date, max_bytes,
               quiet=problems is not None)
    for path in discover(inputs):
        if str(path) == STDIN:
            yield from read_stdin(stdin if stdin is not None else sys.stdin, ctx)
        else:
            yield from read_path(path, ctx)
