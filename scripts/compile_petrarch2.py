"""Compile the PETRARCH2/Phoenix dictionaries into detente's actor-KB and lexicon formats.

    python scripts/compile_petrarch2.py                      # the Phoenix set in ../shared/data/petrarch2
    python scripts/compile_petrarch2.py --petrarch-dir DIR --out DIR
    python scripts/compile_petrarch2.py --actors A.txt --agents G.txt --out DIR   # any subset
    python scripts/compile_petrarch2.py --actors PETR.Validate.actors.txt --codes-as-written \
        --keep-open-ends --out DIR          # the invented codes of the validation dictionaries

Inputs are the field's public dictionaries in PETRARCH/TABARI syntax (MIT, Open Event Data
Alliance): the CAMEO.2.0 verb dictionary (synonym sets ``&NAME`` / ``+member``, verb blocks
``--- NAME [code] ---``, patterns ``- words * words [code]``), the actor dictionaries
(``NAME_ [CODE]``, ``+alias`` lines, dated codes ``[RUSGOV 080508-120507]``, ``[CODE >080508]``,
``[CODE <080508]``), the agents (``TERM {plurals} [~SECTOR]``, ``!SET!`` substitutions) and the
discards.  Outputs (in ``--out``, default ``src/detente/data/compiled/petrarch2``), every row
with a ``source`` column ``file:line``:

* ``people.csv``       actors with dated codes, one row per code (people.csv columns + code,
                       fallback, open_end)
* ``actors.csv``       undated country-level, regional and sector-only actors (metonyms.csv shape)
* ``international.csv`` undated IGO / NGO / IMG / MNC actors (igos.csv shape + cameo_code)
* ``no_actor.csv``     phrases the dictionaries code ``[---]``: they resolve to no actor
* ``agents.csv``       sector nouns (agents.csv columns + code)
* ``discards.csv``     discard phrases, sentence or story scope
* ``lexicon/NN_*.yaml`` verb patterns per CAMEO root in the lexicon's entry format, each entry
                       with ``family`` (the PETRARCH verb block) and ``source``
* ``README.md``        what is there, how it was made, the counts, the licence notices

The parsing functions are importable (``sys.path`` insert of ``scripts/``, then
``import compile_petrarch2``).  Output is deterministic: sorted rows, no timestamps.
"""
from __future__ import annotations

import argparse
import csv
import itertools
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional

import yaml

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "src" / "detente" / "data"
DEFAULT_PETRARCH_DIR = REPO.parent / "shared" / "data" / "petrarch2"
DEFAULT_OUT = DATA / "compiled" / "petrarch2"

PHOENIX_FILES = {
    "verbs": ["CAMEO.2.0.txt"],
    "actors": ["Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt",
               "Phoenix.MilNonState.actors.txt"],
    "agents": ["Phoenix.agents.txt"],
    "discards": ["Phoenix.discards.txt"],
}

# Two-digit years: the source writes a four-digit year for every date before 1930
# (e.g. "19240101"), so YY 00-29 are 2000-2029 and YY 30-99 are 1930-1999.
CENTURY_PIVOT = 30

# CAMEO actor-code prefixes that name no country: organisations and transnational groups.
INTERNATIONAL_PREFIXES = {"IGO", "NGO", "NGM", "IMG", "MNC"}
TRANSNATIONAL_PREFIXES = {"INT"}
# CAMEO role (sector) codes, primary and secondary (CAMEO manual, ch. 3)
ROLE_CODES = {"COP", "GOV", "INS", "JUD", "MIL", "OPP", "PTY", "REB", "SEP", "SPY", "UAF",
              "AGR", "BUS", "CRM", "CVL", "DEV", "EDU", "ELI", "ENV", "HLH", "HRI", "LAB",
              "LEG", "MED", "MOD", "RAD", "REF", "REL"}
# Withdrawn ISO 3166 alpha-3 codes (ISO 3166-3): as a prefix they are the former country
# (SUN = Soviet Union), not the CAMEO religion code SUN (Sunni)
FORMER_ISO3 = {"SUN", "DDR", "CSK", "YMD", "BUR", "DHY", "HVO", "RHO", "VDR", "ANT", "NTZ"}
# CAMEO religion codes: an actor coded by religion alone gets sector REL
RELIGION_CODES = {"ADR", "BAH", "BUD", "CHR", "CON", "CPT", "CTH", "DOX", "HIN", "ITR", "JAN",
                  "JEW", "MOS", "PRO", "SHI", "SIK", "SUN", "TAO", "ZRO"}

# Words that only mark modality or tense; detente's grammar (modality.yaml) decides these.
MODALITY_WORDS = {"WILL", "WOULD", "NOT", "NEVER", "N'T", "CAN", "COULD", "MAY", "MIGHT",
                  "MUST", "SHOULD", "SHALL", "DID", "DO", "DOES", "HAS", "HAVE", "HAD", "IS",
                  "ARE", "AM", "WAS", "WERE", "BEEN", "BE", "BEING", "IS_TO"}
MODALITY_SETS = {"AUXVERB1", "AUXVERB2", "AUXVERB3", "TOBEVERB"}
SLOT_MARKERS = {"$", "+", "^", "%"}
DETERMINERS = {"A", "AN", "THE"}
# Function words kept as written (no lemma lookup)
FUNCTION_WORDS = {"about", "across", "after", "against", "ahead", "along", "among", "around",
                  "as", "at", "away", "back", "before", "behind", "below", "between", "beyond",
                  "by", "down", "during", "for", "forth", "forward", "from", "in", "inside",
                  "into", "near", "of", "off", "on", "onto", "out", "outside", "over", "since",
                  "through", "to", "together", "toward", "towards", "under", "until", "up",
                  "upon", "with", "within", "without", "it", "him", "her", "them", "himself",
                  "herself", "itself", "themselves"}
# A pattern whose multi-word synonyms and verbs multiply into more variants than this is
# skipped (it would be hundreds of near-identical lexicon lines).
MAX_VARIANTS = 48


# ----------------------------------------------------------------------------- bookkeeping
@dataclass
class Problem:
    """A line of a dictionary that could not be used."""

    path: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.reason}"


@dataclass
class Tally:
    """What was read, written and skipped, by kind of unit and reason: nothing is lost silently."""

    read: Counter = field(default_factory=Counter)
    written: Counter = field(default_factory=Counter)
    skipped: dict = field(default_factory=lambda: defaultdict(Counter))
    notes: dict = field(default_factory=lambda: defaultdict(Counter))
    rows: Counter = field(default_factory=Counter)
    problems: list = field(default_factory=list)
    unmapped_countries: Counter = field(default_factory=Counter)
    facts: list = field(default_factory=list)

    def skip(self, unit: str, reason: str) -> None:
        self.skipped[unit][reason] += 1

    def note(self, unit: str, what: str, n: int = 1) -> None:
        self.notes[unit][what] += n

    def problem(self, path: str, line: int, reason: str) -> None:
        self.problems.append(Problem(path, line, reason))

    def balanced(self, unit: str) -> bool:
        return self.read[unit] == self.written[unit] + sum(self.skipped[unit].values())

    def summary_lines(self) -> list[str]:
        out = []
        for unit in sorted(self.read):
            skipped = sum(self.skipped[unit].values())
            out.append(f"{unit}: read {self.read[unit]:,} = written {self.written[unit]:,}"
                       f" + skipped {skipped:,}")
            for reason, n in sorted(self.skipped[unit].items(), key=lambda kv: (-kv[1], kv[0])):
                out.append(f"    skipped {n:>6,}  {reason}")
            for what, n in sorted(self.notes[unit].items(), key=lambda kv: (-kv[1], kv[0])):
                out.append(f"    note    {n:>6,}  {what}")
        for name, n in sorted(self.rows.items()):
            out.append(f"rows in {name}: {n:,}")
        out.extend(self.facts)
        if self.unmapped_countries:
            codes = ", ".join(f"{c} ({n})" for c, n in sorted(self.unmapped_countries.items()))
            out.append("country codes in neither ISO 3166 nor cameo_country.csv, kept as written: "
                       + codes)
        return out


# ----------------------------------------------------------------------------- reading lines
_XML_COMMENT_START = re.compile(r"<!\s*--")
_XML_COMMENT_END = re.compile(r"--\s*>")


def dictionary_lines(path: Path, comment_chars: str = "#") -> Iterator[tuple[int, str]]:
    """(line number, text) of the lines that carry data: ``<!-- ... -->`` blocks (they may span
    lines; the validation files also write ``<! --``) and comments from any of ``comment_chars``
    to the end of the line are removed; blank results are left out."""
    in_xml_comment = False
    with open(path, encoding="utf-8", errors="replace") as fh:
        for number, raw in enumerate(fh, start=1):
            line = raw.rstrip("\n")
            kept = ""
            while line:
                if in_xml_comment:
                    end = _XML_COMMENT_END.search(line)
                    if end is None:
                        line = ""
                    else:
                        line, in_xml_comment = line[end.end():], False
                else:
                    start = _XML_COMMENT_START.search(line)
                    if start is None:
                        kept, line = kept + line, ""
                    else:
                        kept, line, in_xml_comment = kept + line[:start.start()], line[start.end():], True
            cut = min((i for i in (kept.find(c) for c in comment_chars) if i >= 0), default=-1)
            if cut >= 0:
                kept = kept[:cut]
            if kept.strip():
                yield number, kept.rstrip()


def copyright_lines(path: Path) -> list[str]:
    """The copyright notices in a dictionary's header comments."""
    found = []
    with open(path, encoding="utf-8", errors="replace") as fh:
        for raw in itertools.islice(fh, 80):
            m = re.search(r"(Copyright \(c\).*)$", raw.strip(), re.I)
            if m:
                found.append(m.group(1).strip())
    return found


def comments_after_code(path: Path) -> dict[int, str]:
    """line number -> the ``#`` comment that follows the line's ``[...]`` (where there is one)."""
    comments = {}
    with open(path, encoding="utf-8", errors="replace") as fh:
        for number, raw in enumerate(fh, start=1):
            if "]" in raw and "#" in raw.split("]", 1)[1]:
                comments[number] = raw.split("]", 1)[1].split("#", 1)[1].strip()
    return comments


def phrase_words(phrase: str) -> list[str]:
    """PETRARCH joins the words of a phrase with ``_`` (and the validation files also with
    spaces); a trailing ``_`` only marks a whole word."""
    return [w for w in re.split(r"[_\s]+", phrase.strip()) if w]


# ----------------------------------------------------------------------------- dates and codes
def petrarch_date(text: str) -> date:
    """``YYMMDD`` or ``YYYYMMDD`` as a date (see CENTURY_PIVOT for two-digit years)."""
    if not re.fullmatch(r"\d{6}|\d{8}", text):
        raise ValueError("bad date (expected YYMMDD or YYYYMMDD)")
    if len(text) == 6:
        yy = int(text[:2])
        year = (2000 if yy < CENTURY_PIVOT else 1900) + yy
        month, day = int(text[2:4]), int(text[4:6])
    else:
        year, month, day = int(text[:4]), int(text[4:6]), int(text[6:8])
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError("impossible date") from None


@dataclass(frozen=True)
class CodeBlock:
    """One ``[CODE ...]`` of an actor entry.  ``start``/``end`` are inclusive; None = open."""

    code: str
    start: Optional[date]
    end: Optional[date]
    dated: bool
    line: int
    comment: str = ""


_CODE_BLOCK = re.compile(
    r"^\s*(?P<code>---|[A-Za-z0-9]+)\s*"
    r"(?:(?P<dir>[<>])\s*(?P<bound>\d+)|(?P<start>\d+)\s*-\s*(?P<end>\d+))?\s*$")


def parse_code_block(inner: str, line: int, comment: str = "") -> list[CodeBlock]:
    """The text inside ``[...]`` of an actor dictionary as code blocks (``A/B`` gives two).

    ``[C d1-d2]`` holds from d1 to d2, ``[C >d]`` from d on, ``[C <d]`` up to d, ``[C]`` always
    (as a fallback when the entry also has dated codes).  Raises ValueError with the reason."""
    codes, _, rest = inner.strip().partition(" ")
    if "/" in codes and not rest.strip():
        return [b for part in codes.split("/") for b in parse_code_block(part, line, comment)]
    m = _CODE_BLOCK.match(inner)
    if not m:
        raise ValueError("unreadable code block")
    code = m.group("code").upper()
    if code != "---" and not re.fullmatch(r"[A-Z][A-Z0-9]{2,}", code):
        raise ValueError("unreadable actor code")
    if m.group("dir"):
        bound = petrarch_date(m.group("bound"))
        start, end = (bound, None) if m.group("dir") == ">" else (None, bound)
        return [CodeBlock(code, start, end, True, line, comment)]
    if m.group("start"):
        start, end = petrarch_date(m.group("start")), petrarch_date(m.group("end"))
        if end < start:
            raise ValueError("date range ends before it starts")
        return [CodeBlock(code, start, end, True, line, comment)]
    return [CodeBlock(code, None, None, False, line, comment)]


@dataclass(frozen=True)
class ActorCode:
    """A CAMEO actor code read as detente fields."""

    iso3: str           # "" = no country (IGO, region, sector-only)
    sector: str         # CAMEO role code, "" when the code has none
    kind: str           # country | region | international | transnational | sector | none


def detente_csv(path: Path) -> list[dict[str, str]]:
    """Rows of one of detente's CSV tables (``#`` lines are comments)."""
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    return list(csv.DictReader(lines))


def read_country_table(path: Path) -> dict[str, str]:
    """cameo_country.csv: CAMEO country codes that are not ISO 3166 alpha-3 -> ISO3 ("" = region)."""
    return {r["cameo"].strip(): r["iso3"].strip() for r in detente_csv(path)}


def read_iso3(path: Path) -> set[str]:
    return {r["iso3"].strip() for r in detente_csv(path)}


def _sector_of(parts: list[str]) -> str:
    """The first CAMEO role code among the 3-letter parts; REL for a religion alone."""
    for part in parts:
        if part in ROLE_CODES:
            return part
    return "REL" if any(p in RELIGION_CODES for p in parts) else ""


def actor_code(code: str, cameo_table: dict[str, str], iso3: set[str],
               tally: Optional[Tally] = None, as_written: bool = False) -> ActorCode:
    """Country and sector of a CAMEO actor code: ``RUSGOV`` -> RUS GOV, ``ROMMIL`` -> ROU MIL,
    ``IGOUNO`` -> international IGO, ``AFR`` -> region (no country), ``MED`` -> sector only.

    ``as_written``: every prefix but IGO/NGO/NGM/IMG/MNC is a country, unmapped (for the
    validation dictionaries, whose invented codes, e.g. SAM or INS, mean their own places)."""
    if code == "---":
        return ActorCode("", "", "none")
    prefix, blocks = code[:3], [code[i:i + 3] for i in range(3, len(code), 3)]
    if as_written and prefix not in INTERNATIONAL_PREFIXES:
        return ActorCode(prefix, _sector_of(blocks), "country")

    if prefix in cameo_table:
        mapped = cameo_table[prefix]
        return ActorCode(mapped, _sector_of(blocks), "country" if mapped else "region")
    if prefix in iso3:
        return ActorCode(prefix, _sector_of(blocks), "country")
    if prefix in FORMER_ISO3:
        if tally is not None:
            tally.unmapped_countries[prefix] += 1
        return ActorCode(prefix, _sector_of(blocks), "country")
    if prefix in INTERNATIONAL_PREFIXES:
        return ActorCode("", prefix, "international")
    if prefix in TRANSNATIONAL_PREFIXES:
        return ActorCode("", _sector_of(blocks), "transnational")
    if prefix in ROLE_CODES or prefix in RELIGION_CODES:
        return ActorCode("", _sector_of([prefix, *blocks]), "sector")
    if tally is not None:
        tally.unmapped_countries[prefix] += 1
    return ActorCode(prefix, _sector_of(blocks), "country")


# ----------------------------------------------------------------------------- casing
_LOWER_PARTICLES = {"of", "the", "and", "for", "de", "du", "des", "del", "della", "da", "do",
                    "dos", "das", "la", "le", "les", "van", "von", "der", "den", "y", "e", "al",
                    "el", "bin", "ibn", "bint", "on", "in", "to", "at", "a", "an", "with", "by"}


def news_case(words: list[str], person: bool) -> str:
    """PETRARCH writes phrases in capitals; detente matches names as news writes them.
    Rule-based: words capitalised (also after ``-`` and ``O'``), particles lower-case inside a
    phrase, and kept in capitals: words with digits or inner dots (U.S., G77), words with no
    vowel (FSB, CNN) and, for organisations only, words of one or two letters (UN, EU)."""
    out = []
    for i, word in enumerate(words):
        low = word.lower()
        if low in ("al", "el"):
            out.append(low if i > 0 else low.capitalize())
        elif i > 0 and low in _LOWER_PARTICLES:
            out.append(low)
        elif (any(ch.isdigit() for ch in word) or re.search(r"[A-Za-z]\.[A-Za-z]", word)
              or word.startswith("(")
              or (len(word) > 1 and not re.search(r"[AEIOUY]", word.upper()) and word.isalpha())
              or (not person and len(word) <= 2 and word.isalpha())):
            out.append(word.upper())
        else:
            parts = re.split(r"(-)", low)
            cased = []
            for part in parts:
                if part.startswith("mc") and len(part) > 4:
                    cased.append("Mc" + part[2:].capitalize())
                elif re.match(r"^[od]'[a-z]", part):
                    cased.append(part[:2].upper() + part[2:].capitalize())
                else:
                    cased.append(part[:1].upper() + part[1:])
            out.append("".join(cased))
    return " ".join(out)


# ----------------------------------------------------------------------------- actors
@dataclass
class ActorEntry:
    """A name, its aliases and its code blocks, from one actor dictionary."""

    path: str
    line: int
    phrases: list[list[str]] = field(default_factory=list)
    codes: list[CodeBlock] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)    # code blocks that could not be read

    @property
    def waiting(self) -> bool:
        return not self.codes and not self.unreadable


_BRACKETS = re.compile(r"\[([^\]]*)\]")


def parse_actor_file(path: Path, tally: Tally) -> list[ActorEntry]:
    """Entries of a PETRARCH actor dictionary.

    A phrase line starts an entry; ``+`` lines add aliases to it; code blocks on the phrase line
    or on following (indented) lines belong to it.  Phrases that come before any code are
    waiting for one: PETRARCH gives them all the next code block (``DMITRY_MEDVEDEV_`` and
    ``DMITR_MEDVEDEV_`` with their aliases share the codes below them)."""
    name = path.name
    entries: list[ActorEntry] = []
    current: Optional[ActorEntry] = None
    for number, text in dictionary_lines(path):
        stripped = text.strip()
        blocks_text = _BRACKETS.findall(stripped)
        phrase = _BRACKETS.sub(" ", stripped).strip()
        tally.read["actor lines"] += 1
        blocks: list[CodeBlock] = []
        unreadable: list[str] = []
        for inner in blocks_text:
            try:
                blocks.extend(parse_code_block(inner, number))
            except ValueError as exc:
                unreadable.append(str(exc))
                tally.problem(name, number, f"{exc} in [{inner}]")
        if "[" in phrase or "]" in phrase:
            tally.problem(name, number, "unbalanced [ ]")
            tally.skip("actor lines", "unbalanced [ ]")
            continue
        if not phrase:                                    # a code line
            if current is None:
                tally.problem(name, number, "code block before any name")
                tally.skip("actor lines", "code block before any name")
                continue
        elif phrase.startswith("+"):                      # an alias
            words = phrase_words(phrase[1:])
            if current is None or not words:
                tally.problem(name, number, "alias before any name")
                tally.skip("actor lines", "alias before any name")
                continue
            current.phrases.append(words)
        else:                                             # a name
            words = phrase_words(phrase)
            if current is not None and current.waiting:
                current.phrases.append(words)             # still waiting for its code
            else:
                current = ActorEntry(name, number, [words])
                entries.append(current)
        current.codes.extend(blocks)
        current.unreadable.extend(unreadable)
        tally.written["actor lines"] += 1
    return entries


def attach_code_comments(path: Path, entries: list[ActorEntry]) -> None:
    """The comment after a code block ("# Foreign Minister") travels with the block: it is the
    only place the dictionaries name an office."""
    comments = comments_after_code(path)
    for entry in entries:
        entry.codes = [CodeBlock(b.code, b.start, b.end, b.dated, b.line, comments.get(b.line, ""))
                       for b in entry.codes]


def read_offices(path: Path) -> dict[str, list[tuple[str, str, str]]]:
    """offices.csv: lower-case title -> [(iso3 or "", role_key, title as written)]."""
    out: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for r in detente_csv(path):
        out[r["title"].strip().lower()].append(((r.get("iso3") or "").strip(), r["role_key"].strip(),
                                               r["title"].strip()))
    return out


def office_of(comment: str, iso3: str, offices: dict) -> tuple[str, str]:
    """(role_key, title) when a code block's comment is exactly an office title of offices.csv."""
    for office_iso, role, title in offices.get(comment.strip().lower(), []):
        if office_iso in ("", iso3):
            return role, title
    return "", ""


PEOPLE_COLUMNS = ["name", "aliases", "iso3", "sector", "role_key", "title", "start", "end",
                  "code", "fallback", "open_end", "source"]
ACTOR_COLUMNS = ["text", "iso3", "sector", "code", "source"]
INTERNATIONAL_COLUMNS = ["code", "name", "aliases", "sector", "cameo_code", "source"]
NO_ACTOR_COLUMNS = ["text", "source"]
AGENT_COLUMNS = ["term", "sector", "plural_only", "code", "source"]
DISCARD_COLUMNS = ["phrase", "scope", "source"]


def compile_actors(paths: list[Path], cameo_table: dict[str, str], iso3: set[str],
                   offices: dict, tally: Tally, as_written: bool = False,
                   keep_open_ends: bool = False) -> dict[str, list[dict]]:
    """Rows for people.csv, actors.csv, international.csv and no_actor.csv.

    An open range ``[C >d]`` is closed at the latest date found in the dictionaries compiled
    together (their revision): the source vouches for the office only up to then
    (``keep_open_ends``: the end stays empty, as in PETRARCH).
    Unit of account: each code block read becomes exactly one row or one skip."""
    out: dict[str, list[dict]] = {"people": [], "actors": [], "international": [], "no_actor": []}
    unit = "actor codes"
    parsed = []
    for path in paths:
        entries = parse_actor_file(path, tally)
        attach_code_comments(path, entries)
        parsed.append(entries)
    dated_all = [d for entries in parsed for e in entries if not e.unreadable
                 for b in e.codes if b.dated for d in (b.start, b.end) if d]
    revised = max(dated_all) if dated_all else None
    if revised:
        tally.facts.append(f"open '>date' ranges closed at {revised.isoformat()}, the latest date "
                           f"in the actor dictionaries compiled")
    for entries in parsed:
        for entry in entries:
            tally.read["actor entries"] += 1
            if entry.unreadable:
                tally.skip("actor entries", f"unreadable code block ({entry.unreadable[0]})")
                continue
            if not entry.codes:
                tally.skip("actor entries", "name without a code")
                tally.problem(entry.path, entry.line, "name without a code")
                continue
            tally.written["actor entries"] += 1
            tally.read[unit] += len(entry.codes)
            person = any(b.dated for b in entry.codes)
            seen: list[str] = []
            for words in entry.phrases:
                cased = news_case(words, person=person)
                if cased not in seen:
                    seen.append(cased)
            name, aliases = seen[0], seen[1:]
            for block in entry.codes:
                source = f"{entry.path}:{block.line}"
                ac = actor_code(block.code, cameo_table, iso3, tally, as_written)
                if person:
                    role, title = office_of(block.comment, ac.iso3, offices)
                    open_end = block.dated and block.start is not None and block.end is None
                    end = revised if open_end and not keep_open_ends else block.end
                    out["people"].append({
                        "name": name, "aliases": "|".join(aliases), "iso3": ac.iso3,
                        "sector": ac.sector, "role_key": role, "title": title,
                        "start": block.start.isoformat() if block.start else "",
                        "end": end.isoformat() if end else "", "code": block.code,
                        "fallback": "" if block.dated else "1", "open_end": "1" if open_end else "",
                        "source": source})
                    if not block.dated:
                        tally.note(unit, "undated fallback code of an actor with dated codes")
                    if open_end:
                        tally.note(unit, "open range '>date' closed at the dictionary's last date")
                elif ac.kind == "none":
                    out["no_actor"].append({"text": "|".join(seen), "source": source})
                elif ac.kind == "international":
                    out["international"].append({
                        "code": block.code[3:], "name": name, "aliases": "|".join(aliases),
                        "sector": ac.sector, "cameo_code": block.code, "source": source})
                else:
                    out["actors"].append({"text": "|".join(seen), "iso3": ac.iso3,
                                          "sector": ac.sector, "code": block.code,
                                          "source": source})
                tally.written[unit] += 1
            if not person and len(entry.codes) > 1:
                tally.note(unit, "undated entry with several codes (one row each)", len(entry.codes))
    return out


# ----------------------------------------------------------------------------- agents
def parse_agents(path: Path, tally: Tally) -> list[dict]:
    """agents.csv rows.  ``{}`` after a term means no plural is formed; ``{P1 P2}`` lists the
    plurals instead of the regular one; ``!SET!`` stands for each member of a substitution set.
    Unit of account: each agent line becomes rows or one skip."""
    name = path.name
    substitutions: dict[str, list[str]] = {}
    rows: list[dict] = []
    seen: set[str] = set()
    unit = "agent lines"
    for number, text in dictionary_lines(path):
        tally.read[unit] += 1
        sub = re.match(r"^\s*!(\w+)!\s*=\s*(.+)$", text)
        if sub:
            substitutions[sub.group(1)] = [w.strip() for w in sub.group(2).split(",") if w.strip()]
            tally.written[unit] += 1
            tally.note(unit, "substitution set definitions (expanded into the terms)")
            continue
        m = re.match(r"^\s*(?P<term>[^\[{]+?)\s*(?:\{(?P<plurals>[^}]*)\})?\s*\[(?P<code>[^\]]*)\]\s*$", text)
        if not m:
            tally.problem(name, number, "unreadable agent line")
            tally.skip(unit, "unreadable agent line")
            continue
        code = m.group("code").replace(" ", "").replace("~", "").upper()
        if not re.fullmatch(r"[A-Z]{3}[A-Z0-9]*", code):
            tally.problem(name, number, f"unreadable agent code [{m.group('code')}]")
            tally.skip(unit, "unreadable agent code")
            continue
        terms = [m.group("term")]
        unknown = None
        while any("!" in t for t in terms):
            expanded = []
            for t in terms:
                s = re.search(r"!(\w+)!", t)
                if not s or s.group(1) not in substitutions:
                    unknown = s.group(1) if s else t
                    break
                expanded += [t[:s.start()] + member + t[s.end():] for member in substitutions[s.group(1)]]
            if unknown:
                break
            terms = expanded
        if unknown:
            tally.problem(name, number, f"unknown substitution set !{unknown}!")
            tally.skip(unit, "unknown substitution set")
            continue
        plurals = m.group("plurals")
        source = f"{name}:{number}"
        wrote = False
        for term in terms:
            forms = [(term, "1" if plurals is not None else "0")]
            forms += [(p, "1") for p in (plurals or "").split()]
            for form, plural_only in forms:
                text_ = " ".join(phrase_words(form)).lower()
                if not text_ or text_ in seen:
                    tally.note(unit, "term already listed (first kept)")
                    continue
                seen.add(text_)
                rows.append({"term": text_, "sector": code[:3], "plural_only": plural_only,
                             "code": code, "source": source})
                wrote = True
        if wrote:
            tally.written[unit] += 1
        else:
            tally.skip(unit, "every term already listed")
    return rows


# ----------------------------------------------------------------------------- discards
def parse_discards(path: Path, tally: Tally) -> list[dict]:
    """discards.csv rows: ``+PHRASE`` discards the whole story, ``PHRASE`` the sentence."""
    rows, seen = [], set()
    unit = "discard lines"
    for number, text in dictionary_lines(path):
        tally.read[unit] += 1
        scope = "story" if text.lstrip().startswith("+") else "sentence"
        phrase = " ".join(phrase_words(text.strip().lstrip("+"))).lower()
        if not phrase:
            tally.problem(path.name, number, "empty discard")
            tally.skip(unit, "empty discard")
            continue
        if (phrase, scope) in seen:
            tally.skip(unit, "listed twice (first kept)")
            continue
        seen.add((phrase, scope))
        rows.append({"phrase": phrase, "scope": scope, "source": f"{path.name}:{number}"})
        tally.written[unit] += 1
    return rows


# ----------------------------------------------------------------------------- verbs
@dataclass
class Verb:
    words: list[str]            # upper case as written, e.g. ["ASK", "FOR"]
    code: Optional[str]         # own code; None = the block's
    line: int


@dataclass
class PatternLine:
    body: str
    code: str                   # as written inside [ ]
    line: int
    comment: str = ""           # names the verb the pattern was first written for ("# RUSH")


@dataclass
class VerbBlock:
    name: str
    code: str
    line: int
    verbs: list[Verb] = field(default_factory=list)
    patterns: list[PatternLine] = field(default_factory=list)


@dataclass
class VerbDictionary:
    path: str
    synsets: dict[str, list[list[str]]]
    blocks: list[VerbBlock]
    transformations: int = 0


def parse_verb_dictionary(path: Path, tally: Tally) -> VerbDictionary:
    """Synonym sets, verb blocks and their patterns.  Unit of account for lines: every data
    line is a synset name or member, a block header, a verb, a pattern, a transformation, or
    an unreadable line (reported)."""
    name = path.name
    synsets: dict[str, list[list[str]]] = {}
    blocks: list[VerbBlock] = []
    current_set: Optional[str] = None
    block: Optional[VerbBlock] = None
    transformations = 0
    unit = "verb-file lines"
    comments = comments_after_code(path)
    for number, text in dictionary_lines(path, comment_chars="#;"):
        tally.read[unit] += 1
        s = text.strip()
        header = re.match(r"^---\s+(\S+)\s+\[([^\]]*)\][-\s]*$", s)
        if header:
            block = VerbBlock(header.group(1), header.group(2).strip(), number)
            blocks.append(block)
            current_set = None
        elif s.startswith("~"):
            transformations += 1
        elif block is None and s.startswith("&"):
            current_set = s[1:].strip().rstrip("_")
            synsets[current_set] = []
        elif block is None and s.startswith("+") and current_set is not None:
            synsets[current_set].append(phrase_words(s[1:]))
        elif block is not None and s.startswith("-"):
            m = re.match(r"^-\s*(?P<body>.*?)\s*\[(?P<code>[^\]]*)\]\s*$", s)
            if not m:
                tally.problem(name, number, "pattern without a [code]")
                tally.skip(unit, "pattern without a [code]")
                continue
            block.patterns.append(PatternLine(m.group("body"), m.group("code").strip(), number,
                                              comments.get(number, "")))
        elif block is not None:
            m = re.match(r"^(?P<verb>\+?[A-Za-z][A-Za-z_'-]*)\s*(?:\{[^}]*\})?\s*(?:\[(?P<code>[^\]]*)\])?\s*$", s)
            if not m or "+" in m.group("verb")[1:]:
                tally.problem(name, number, "unreadable verb line")
                tally.skip(unit, "unreadable verb line")
                continue
            code = m.group("code").strip() if m.group("code") is not None else None
            block.verbs.append(Verb(phrase_words(m.group("verb").lstrip("+")), code, number))
        else:
            tally.problem(name, number, "line outside any synonym set or verb block")
            tally.skip(unit, "line outside any synonym set or verb block")
            continue
        tally.written[unit] += 1
    return VerbDictionary(name, synsets, blocks, transformations)


def read_cameo(path: Path) -> dict[str, str]:
    """detente's CAMEO table: code -> name."""
    with open(path, encoding="utf-8") as fh:
        return {r["code"]: r["name"] for r in csv.DictReader(fh)}


def parse_event_code(raw: str) -> tuple[str, bool, str]:
    """(code, swap, reciprocal) of a pattern's ``[...]``: ``[042]``; ``[042:043]`` (source to
    target 042, and target to source 043); ``[:173]`` (only target to source: the grammatical
    subject is the target, detente's ``swap``).  Raises ValueError for ``[---]`` and the rest."""
    if raw == "---":
        raise ValueError("null code [---] (blocks an event; detente has no negative patterns)")
    m = re.fullmatch(r"(\d{3,4})?(?::(\d{3,4}))?", raw)
    if not m or not (m.group(1) or m.group(2)):
        raise ValueError("unreadable event code")
    if m.group(1):
        return m.group(1), False, m.group(2) or ""
    return m.group(2), True, ""


Slot = frozenset  # alternatives for one word position (lemmas)


class Lemmas:
    """spaCy lemmas of single dictionary words, by part of speech, without context: the rule
    lemmatizer of the project's English pipeline with the POS set by hand, checked against the
    pipeline's lists of known base forms (a rule lemma is no better than the word when only the
    word is a known base: "news" stays news, "bring" stays bring)."""

    def __init__(self, lemmatize: Optional[Callable[[str, str], str]] = None,
                 known: Optional[Callable[[str, str], bool]] = None, nlp=None) -> None:
        if lemmatize is None:
            lemmatize, known = _spacy_lemmatizer(nlp)
        self._lemmatize = lemmatize
        self._known = known or (lambda word, pos: False)
        self._cache: dict[tuple[str, str], str] = {}

    def __call__(self, word: str, pos: str) -> str:
        key = (word.lower(), pos)
        if key not in self._cache:
            low = word.lower()
            lemma = self._lemmatize(low, pos).lower()
            if (lemma != low and not self._known(lemma, pos)
                    and any(self._known(low, p) for p in ("NOUN", "VERB", "ADJ", "ADV"))):
                lemma = low                      # "amphibious" is no plural of "amphibiou"
            self._cache[key] = lemma
        return self._cache[key]

    def verb(self, word: str) -> str:
        """A verb of a verb block: written as its base form ("BRING", "SPEED"), so kept when it
        is a known base form; otherwise lemmatised ("ANGERED_BY" -> anger)."""
        low = word.lower()
        return low if self._known(low, "VERB") else self(word, "VERB")

    def content(self, word: str) -> frozenset[str]:
        """A non-verb pattern word: its noun lemma ("arms" -> arm) and, for a participle in
        -ed ("banned parties") or a gerund that is no noun ("of deploying"), also the verb
        lemma, which spaCy gives when it tags the word a verb.  An -ing word that is a noun
        keeps the noun reading only: "meeting" must not become "meet"."""
        low = word.lower()
        if low in FUNCTION_WORDS:
            return frozenset([low])
        noun = self(word, "NOUN")
        if low.endswith("ed") or (low.endswith("ing") and not self._known(low, "NOUN")):
            verb = self(word, "VERB")
            if verb != low and self._known(verb, "VERB"):
                return frozenset({noun, verb})
        return frozenset([noun])


def _spacy_lemmatizer(nlp=None) -> tuple[Callable[[str, str], str], Callable[[str, str], bool]]:
    """The rule lemmatizer of ``nlp`` (default: the project's English pipeline, loaded here)."""
    from spacy.tokens import Doc

    if nlp is None:
        import spacy

        from detente.nlp.pipeline import available_model

        nlp = spacy.load(available_model(), exclude=["parser", "ner", "senter"])
    lemmatizer = nlp.get_pipe("lemmatizer")
    index = lemmatizer.lookups.get_table("lemma_index")
    base_forms = {pos: set(index.get(pos.lower(), [])) for pos in ("NOUN", "VERB", "ADJ", "ADV")}

    def lemmatize(word: str, pos: str) -> str:
        doc = Doc(nlp.vocab, words=[word])
        doc[0].pos_ = pos
        return lemmatizer(doc)[0].lemma_

    def known(word: str, pos: str) -> bool:
        return word in base_forms.get(pos, ())

    return lemmatize, known


_WORD = re.compile(r"^[A-Za-z0-9]+$")


def _tokens(body: str) -> list[str]:
    """A pattern body as tokens: ``( )`` and ``{ }`` only group words for PETRARCH's parse
    tree; detente matches the words in order among the verb's dependents."""
    return re.sub(r"[(){}]", " ", body).split()


class PatternSkip(Exception):
    """A pattern that cannot be expressed in detente's lexicon syntax (reason in args[0])."""


def _word_options(word: str, lemmas: Lemmas, unit_notes: Counter) -> list[tuple[Slot, ...]]:
    parts = phrase_words(word)
    if not parts or not all(_WORD.match(p) for p in parts):
        raise PatternSkip("word that spaCy splits (hyphen, dot, slash or apostrophe)")
    return [tuple(lemmas.content(p) for p in parts)]


def _synset_options(name: str, synsets: dict, lemmas: Lemmas, notes: Counter) -> list[tuple[Slot, ...]]:
    if name not in synsets:
        raise PatternSkip("synonym set not defined in the dictionary")
    singles: set[str] = set()
    multi: list[list[str]] = []
    for member in synsets[name]:
        if not member or not all(_WORD.match(p) for p in member):
            notes["synonym dropped: spaCy splits it (hyphen, dot, slash, apostrophe)"] += 1
            continue
        if len(member) == 1:
            singles |= lemmas.content(member[0])
        else:
            multi.append(member)
    options: list[tuple[Slot, ...]] = []
    if singles:
        options.append((frozenset(singles),))
    by_length: dict[int, list[set[str]]] = {}
    for member in multi:
        head = lemmas.content(member[-1])
        if head & singles:
            notes["multi-word synonym covered by its head word"] += 1
            continue
        slots = by_length.setdefault(len(member), [set() for _ in member])
        for slot, word in zip(slots, member):
            slot |= lemmas.content(word)
    for length in sorted(by_length):
        # one pattern per length: "battle tank" and "nuclear weapon" give
        # "battle|nuclear tank|weapon", which also accepts the (implausible) cross-pairs
        options.append(tuple(frozenset(slot) for slot in by_length[length]))
        notes["multi-word synonyms merged into one pattern per length"] += 1
    if not options:
        raise PatternSkip("synonym set with no usable member")
    return options


def verb_options(verbs: list[Verb], lemmas: Lemmas, notes: Counter) -> list[tuple[Slot, ...]]:
    """The trigger position: one slot with every single-word verb of the block, plus one
    option per multi-word verb (``ASK_FOR`` -> ask + for)."""
    singles: set[str] = set()
    options: list[tuple[Slot, ...]] = []
    for v in verbs:
        if v.words[0].upper() in MODALITY_WORDS:
            notes["verb led by an auxiliary (is determined): left out"] += 1
            continue
        if not all(_WORD.match(w) for w in v.words):
            notes["verb that spaCy splits (hyphen or apostrophe): left out"] += 1
            continue
        if len(v.words) == 1:
            singles.add(lemmas.verb(v.words[0]))
        else:
            options.append((frozenset([lemmas.verb(v.words[0])]),
                            *(lemmas.content(w) for w in v.words[1:])))
    if singles:
        options.insert(0, (frozenset(singles),))
    return options


def origin_verb(comment: str, verbs: list[Verb], lemmas: Lemmas) -> str:
    """The verb a pattern was first written for, when its comment starts with one of the
    block's verbs ("# RUSH" -> rush): PETRARCH2 applies the pattern to every verb of the block,
    the older TABARI dictionaries only to this one."""
    first = comment.split()[0].upper() if comment.split() else ""
    for v in verbs:
        if "_".join(v.words).upper() == first:
            return " ".join([lemmas.verb(v.words[0]), *(w.lower() for w in v.words[1:])])
    return ""


def convert_pattern(body: str, trigger: list[tuple[Slot, ...]], synsets: dict,
                    lemmas: Lemmas, notes: Counter) -> list[tuple[Slot, ...]]:
    """A PETRARCH pattern body as detente verb patterns (tuples of slots, trigger first).

    ``$``/``+``/``^``/``%`` (source, target, skip, compound) are dropped: detente takes the roles
    from the parse.  Words before ``*`` constrain the subject, which detente patterns cannot
    do: such patterns are skipped, as are modality words (the grammar decides modality)."""
    tokens = _tokens(body)
    if "*" not in tokens:
        raise PatternSkip("no verb position (*)")
    star = tokens.index("*")
    before, after = tokens[:star], tokens[star + 1:]
    for tok in before:
        if tok in SLOT_MARKERS:
            notes["source/target/skip marker dropped (roles come from the parse)"] += 1
            continue
        if tok.upper() in MODALITY_WORDS or tok.lstrip("&").rstrip("_") in MODALITY_SETS:
            raise PatternSkip("modality or auxiliary words (detente's grammar decides modality)")
        raise PatternSkip("words before the verb (subject side; detente takes the subject from the parse)")
    if not trigger:
        raise PatternSkip("verb block with no usable verb")
    positions: list[list[tuple[Slot, ...]]] = [trigger]
    for tok in after:
        if tok in SLOT_MARKERS or tok == "*":
            notes["source/target/skip marker dropped (roles come from the parse)"] += 1
            continue
        if tok.upper() in MODALITY_WORDS or tok.lstrip("&").rstrip("_") in MODALITY_SETS:
            raise PatternSkip("modality or auxiliary words (detente's grammar decides modality)")
        if tok.upper() in DETERMINERS:
            notes["determiner dropped (a, an, the)"] += 1
            continue
        if tok.startswith("&"):
            positions.append(_synset_options(tok[1:].rstrip("_"), synsets, lemmas, notes))
        else:
            positions.append(_word_options(tok, lemmas, notes))
    variants = []
    for choice in itertools.product(*positions):
        slots: list[Slot] = []
        for slot in itertools.chain.from_iterable(choice):
            if slots and slot == slots[-1]:
                # "ASK_FOR" with "(FOR AID)" is "ask for aid", not "ask for for aid"
                notes["repeated word collapsed (multi-word verb + its own particle)"] += 1
                continue
            slots.append(slot)
        variants.append(tuple(slots))
    variants = list(dict.fromkeys(variants))
    if len(variants) > MAX_VARIANTS:
        raise PatternSkip(f"more than {MAX_VARIANTS} multi-word synonym/verb combinations")
    return variants


def forms_of(pattern: tuple[Slot, ...]) -> Iterator[tuple[str, ...]]:
    return itertools.product(*(sorted(s) for s in pattern))


def compress(forms: Iterable[tuple[str, ...]]) -> list[tuple[Slot, ...]]:
    """Regroup word sequences into patterns with ``|`` alternatives: sequences that differ in
    one position only are merged, position by position, until nothing merges."""
    patterns = {tuple(frozenset([w]) for w in f) for f in forms}
    changed = True
    while changed:
        changed = False
        for pos in range(max((len(p) for p in patterns), default=0)):
            groups: dict[tuple, set[str]] = defaultdict(set)
            for p in patterns:
                if len(p) <= pos:
                    groups[("=", p)] = set()
                    continue
                groups[(len(p), p[:pos], p[pos + 1:])] |= p[pos]
            merged = set()
            for key, words in groups.items():
                if key[0] == "=":
                    merged.add(key[1])
                else:
                    _, head, tail = key
                    merged.add((*head, frozenset(words), *tail))
            if len(merged) < len(patterns):
                changed = True
            patterns = merged
    return sorted(patterns, key=pattern_text)


def pattern_text(pattern: tuple[Slot, ...]) -> str:
    return " ".join("|".join(sorted(slot)) for slot in pattern)


def compile_verbs(vd: VerbDictionary, cameo: dict[str, str], lemmas: Lemmas,
                  tally: Tally) -> list[dict]:
    """Lexicon entries (one per PETRARCH verb line or pattern line that yields a form).

    Unit of account: each verb line and each pattern line becomes an entry or one skip.  A
    surface form belongs to one code only (the lexicon's rule): the first line in the
    dictionary that yields it keeps it."""
    unit = "verb patterns"
    notes = tally.notes[unit]
    claimed: dict[tuple[str, ...], str] = {}
    entries: list[dict] = []
    if vd.transformations:
        tally.facts.append(f"{vd.transformations} transformation rules (~) of {vd.path} left out: "
                           f"detente's modality grammar covers them")

    def emit(code_raw: str, variants_of: Callable[[], list[tuple[Slot, ...]]], family: str,
             line: int, origin: str = "") -> None:
        tally.read[unit] += 1
        try:
            code, swap, reciprocal = parse_event_code(code_raw)
        except ValueError as exc:
            tally.skip(unit, str(exc))
            return
        if code not in cameo:
            tally.skip(unit, "code not in detente's CAMEO table")
            return
        try:
            variants = variants_of()
        except PatternSkip as exc:
            tally.skip(unit, exc.args[0])
            return
        patterns: list[tuple[Slot, ...]] = []
        for variant in variants:
            fresh: list[tuple[str, ...]] = []
            total = 0
            for form in forms_of(variant):
                total += 1
                owner = claimed.get(form)
                if owner is None:
                    claimed[form] = code
                    fresh.append(form)
                elif owner == code:
                    notes["form repeated under the same code"] += 1
                else:
                    notes["form dropped: an earlier line gives it another code"] += 1
            # a variant that lost some forms is regrouped from the forms it kept
            patterns += [variant] if len(fresh) == total else compress(fresh)
        if not patterns:
            tally.skip(unit, "every form already given by an earlier line")
            return
        entry = {"code": code, "label": cameo[code], "family": family,
                 "source": f"{vd.path}:{line}", "verbs": [pattern_text(p) for p in patterns]}
        if swap:
            entry["swap"] = True
        if reciprocal:
            entry["reciprocal"] = reciprocal
            notes["paired code: reciprocal target-to-source code kept as 'reciprocal' only"] += 1
        if origin:
            entry["origin"] = origin
        entries.append(entry)
        tally.written[unit] += 1

    for block in vd.blocks:
        trigger = verb_options(block.verbs, lemmas, notes)
        items = sorted([(v.line, "verb", v) for v in block.verbs]
                       + [(p.line, "pattern", p) for p in block.patterns], key=lambda t: t[0])
        for line, what, item in items:
            if what == "verb":
                code_raw = item.code if item.code is not None else block.code
                if item.code is None and block.code == "---":
                    notes["verbs with no code of their own (triggers of the block's patterns)"] += 1
                    continue

                def bare(v: Verb = item) -> list[tuple[Slot, ...]]:
                    opts = verb_options([v], lemmas, Counter())
                    if not opts:
                        raise PatternSkip("verb led by an auxiliary or split by spaCy")
                    return opts

                emit(code_raw, bare, block.name, line)
            else:
                emit(item.code, lambda p=item: convert_pattern(p.body, trigger, vd.synsets, lemmas, notes),
                     block.name, line, origin_verb(item.comment, block.verbs, lemmas))
    tally.facts.append(f"{vd.path} holds no noun-trigger patterns (PETRARCH2 codes verb phrases "
                       f"only): the compiled entries have no 'nouns'")
    return entries


def lexicon_file_names(lexicon_dir: Path) -> dict[str, str]:
    """CAMEO root ("04") -> the file name detente's lexicon uses for it ("04_consult.yaml")."""
    return {p.name[:2]: p.name for p in sorted(lexicon_dir.glob("[0-2][0-9]_*.yaml"))}


def detente_lexicon_forms(lexicon_dir: Path) -> dict[tuple[str, ...], str]:
    """Every surface form of detente's own lexicon (``|`` expanded) -> its code."""
    forms: dict[tuple[str, ...], str] = {}
    for path in sorted(lexicon_dir.glob("[0-2][0-9]_*.yaml")):
        for entry in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            for text in (entry.get("verbs") or []) + (entry.get("nouns") or []):
                slots = [s.split("|") for s in str(text).split()]
                for form in itertools.product(*slots):
                    forms.setdefault(form, str(entry["code"]))
    return forms


# ----------------------------------------------------------------------------- writing
class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):
    pass


class _Quoted(str):
    """A value written in double quotes, as the lexicon writes codes ("040") and patterns."""


_Dumper.add_representer(_Quoted, lambda d, v: d.represent_scalar("tag:yaml.org,2002:str", str(v), style='"'))


def _quote_values(entry: dict) -> dict:
    out = {}
    for key, value in entry.items():
        if isinstance(value, str):
            value = _Quoted(value)
        elif isinstance(value, list):
            value = [_Quoted(v) for v in value]
        out[key] = value
    return out


def write_table(out: Path, name: str, columns: list[str], rows: list[dict],
                sort_key: Callable[[dict], tuple], tally: Tally) -> list[dict]:
    """``out/name.csv``, rows sorted, under a comment naming the script; returns the rows."""
    rows = sorted(rows, key=sort_key)
    with open(out / f"{name}.csv", "w", newline="", encoding="utf-8") as fh:
        fh.write("# compiled from the PETRARCH2/Phoenix dictionaries by scripts/compile_petrarch2.py; "
                 "see README.md\n")
        w = csv.DictWriter(fh, fieldnames=columns, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    tally.rows[f"{name}.csv"] = len(rows)
    return rows


def _line_key(source: str) -> tuple[str, int]:
    path, _, line = source.rpartition(":")
    return path, int(line)


def write_lexicon(out: Path, entries: list[dict], file_names: dict[str, str], tally: Tally) -> None:
    by_root: dict[str, list[dict]] = defaultdict(list)
    for e in entries:
        by_root[e["code"][:2]].append(e)
    lex = out / "lexicon"
    lex.mkdir(parents=True, exist_ok=True)
    for old in lex.glob("*.yaml"):
        old.unlink()
    for root in sorted(by_root):
        rows = sorted(by_root[root], key=lambda e: (e["code"], _line_key(e["source"])))
        name = file_names.get(root, f"{root}.yaml")
        text = (f"# CAMEO {root}: compiled from the PETRARCH2 verb dictionary by "
                f"scripts/compile_petrarch2.py; do not edit (re-run the script).\n"
                + yaml.dump([_quote_values(r) for r in rows], Dumper=_Dumper, sort_keys=False,
                            allow_unicode=True, width=1000))
        (lex / name).write_text(text, encoding="utf-8")
        tally.rows[f"lexicon/{name} (entries)"] = len(rows)


MIT_TEXT = """Permission is hereby granted, free of charge, to any person obtaining a copy of this
software and associated documentation files (the "Software"), to deal in the Software without
restriction, including without limitation the rights to use, copy, modify, merge, publish,
distribute, sublicense, and/or sell copies of the Software, and to permit persons to whom the
Software is furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all copies or
substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING
BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND
NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM,
DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE."""

# The petrarch2 repository's own LICENSE (MIT), for dictionaries without a notice of their own
REPOSITORY_NOTICE = "Copyright (c) 2014 Open Event Data (petrarch2 repository LICENSE, MIT)"


def write_readme(out: Path, inputs: dict[str, list[Path]], tally: Tally,
                 overlaps: list[str]) -> None:
    notices = []
    for kind in ("verbs", "actors", "agents", "discards"):
        for p in inputs.get(kind, []):
            found = copyright_lines(p)
            notices.append(f"* `{p.name}`: " + ("; ".join(found) if found else REPOSITORY_NOTICE))
    summary = "\n".join(tally.summary_lines())
    text = f"""# PETRARCH2 / Phoenix dictionaries, compiled for detente

Generated by `python scripts/compile_petrarch2.py` from the PETRARCH2/Phoenix dictionaries
(github.com/openeventdata/petrarch2, read from `../shared/data/petrarch2/`). Do not edit these
files: fix the script or the source and re-run it. Every row names its origin in `source`
(`file:line`). detente reads the units that `../selection.yaml` turns on, after its own data
(`detente.actors.compiled` for the actor, agent and discard tables, `detente.coding.lexicon` for
the verb families); `ActorKB.load(compiled=[...])` and `Lexicon.load(compiled=...)` choose others.

## Files

| file | shape | what it holds |
|---|---|---|
| `people.csv` | `people.csv` columns + `code,fallback,open_end` | actors with dated codes (mostly people; a few organisations), one row per code |
| `actors.csv` | `metonyms.csv` columns (`text,iso3,sector`) + `code` | undated country-level, regional (`iso3` empty) and sector-only actors: country names, provinces, cities, institutions, parties, armed groups, undated people |
| `international.csv` | `igos.csv` columns + `cameo_code` | undated actors whose CAMEO code starts IGO, NGO, NGM, IMG or MNC; `sector` is that prefix and `code` the rest, so `sector + code` = the CAMEO code |
| `no_actor.csv` | `text` | phrases coded `[---]`: they resolve to no actor (they stop a shorter name inside them from matching, e.g. "Indian Ocean") |
| `agents.csv` | `agents.csv` columns + `code` | sector nouns; `plural_only` = 1 means no plural is to be formed from the term (the source wrote `{{}}` or listed its plurals, which have rows of their own) |
| `discards.csv` | `phrase,scope` | discard phrases: `sentence` drops the sentence, `story` the whole story |
| `lexicon/NN_*.yaml` | lexicon entry format + `family`, `source`, `reciprocal`, `origin` | verb patterns per CAMEO root; `family` is the PETRARCH verb block, so a family can be kept or dropped as a whole; `origin` is the verb the pattern was first written for (from its comment), for narrowing a block-wide trigger slot to it |

## How the source was read

* **Dates.** `[CODE d1-d2]` -> `start`=d1, `end`=d2 (inclusive); `[CODE <d]` -> `end`=d, no start;
  `[CODE >d]` -> `start`=d and `end` = the latest date found in the actor dictionaries
  compiled together (their revision; `open_end`=1; given below): the source vouches for the
  office only up to its revision, so an office-holder from 2010 does not resolve as one in 2025
  (`--keep-open-ends` leaves such an end empty, as PETRARCH reads it). An undated code of an actor that
  also has dated codes is its fallback (`fallback`=1, no dates): it applies only on dates no
  dated row of the same actor covers; an actor with only dated codes has no fallback row and
  must not resolve outside them. A fallback coded `---` means: no actor outside the ranges.
* **Two-digit years**: 00-{CENTURY_PIVOT - 1} are 20xx, {CENTURY_PIVOT}-99 are 19xx. The dictionaries write a
  four-digit year for every date before 1930 (e.g. `19240101`), so no date is ambiguous.
* **Country codes**: the first three letters of a CAMEO actor code, mapped to ISO 3166 alpha-3
  through detente's `cameo_country.csv` table (ROM -> ROU, ZAR -> COD, regions -> no
  country); other ISO codes pass unchanged; codes in neither are kept as written and listed
  below (`--codes-as-written` skips the table: for the invented codes of the validation
  dictionaries). `sector` is the first CAMEO role code after the country (RUSGOVDEV -> GOV); a code with
  only a religion gets REL; `code` keeps the full CAMEO code.
* **Names**: PETRARCH writes phrases in capitals joined by `_`; they are rewritten in news
  casing by rule (`news_case` in the script: "SERGEY_V._LAVROV" -> "Sergey V. Lavrov", acronyms
  without vowels or with dots stay capitals). Matching them case-insensitively is safer for
  acronyms with vowels (NATO, ANSF). A name line that comes before any code shares the entry's
  codes (PETRARCH's rule), so it is an alias. `role_key`/`title` are filled only where the
  comment after a code block is exactly an office title of `actors/offices.csv`.
* **Verbs.** Each verb line with a code of its own (or its block's) becomes a bare-verb entry;
  each pattern `- ... * ... [code]` becomes an entry whose trigger slot lists every verb of its
  block (PETRARCH applies a block's patterns to all its verbs); multi-word verbs (`ASK_FOR`)
  become a verb plus particle. Words after `*` become further slots in order; `( )` and `{{ }}`
  only grouped words for PETRARCH's parse tree. `&SET` becomes `|` alternatives; its
  multi-word members are left out when their head word is a member, else merged into one more
  pattern per length ("battle tank", "nuclear weapon" -> `battle|nuclear tank|weapon`, which also
  accepts the implausible cross-pairs). Words are spaCy lemmas: verbs as written (base forms);
  other words their noun lemma ("arms" -> arm) plus, for -ed participles and -ing forms that are
  no nouns, the verb lemma ("banned" -> `ban|banned`); "meeting" stays meeting. TABARI-style
  stems (`COOPERAT`) and misspellings stay as written and never match. `$`, `+`, `^`, `%` are dropped: roles come
  from the parse. `[X:Y]` keeps X (Y, the target-to-source event, is kept as `reciprocal`);
  `[:Y]` becomes `swap: true`. A surface form belongs to one code: the first line giving it keeps
  it. Not compiled: patterns with words before `*` (they constrain the subject), modality words
  (detente's grammar decides modality), the `~` transformations, `[---]` codes, codes not in
  detente's CAMEO table, undefined synonym sets, words spaCy splits (hyphens, dots).

## Loading (what `detente.actors.compiled` and `detente.coding.lexicon` do)

* `people.csv` -> tenures: `name`/`aliases` are surfaces, `iso3`/`sector`/`role_key`/`title`/
  `start`/`end` as in `actors/people.csv`. A `fallback`=1 row applies only where no dated row
  of the same `name` covers the date; `code` `---` there means no actor. `open_end`=1 marks an
  `end` that is the dictionaries' revision, not a known departure.
* `actors.csv` -> metonyms (`text` `|`-separated surfaces -> `iso3`, `sector`; `sector` empty = the
  country itself); `international.csv` -> IGOs (`sector` + `code` = the actor code; IMG and MNC
  have no detente sector: REB and BUS are the nearest); `agents.csv` -> agents; `no_actor.csv`
  -> surfaces that block a match; `discards.csv` -> a discard filter.
* Ours wins: load detente's own files first and skip any compiled surface (name, alias,
  term, lexicon form) they already have; a person in `actors/people.csv` keeps only detente's
  tenures. The counts of such overlaps are below.
* Tens of thousands of surfaces: match them with an automaton (spaCy PhraseMatcher or
  Aho-Corasick), never a loop over names; case-insensitively for the multi-word ones.

## Counts (the script's summary)

```
{summary}
```

## Overlap with detente's own data (ours wins)

{chr(10).join(overlaps)}

## Licence

The source dictionaries are MIT-licensed. Their notices:

{chr(10).join(notices)}

{MIT_TEXT}
"""
    (out / "README.md").write_text(text, encoding="utf-8")


def detente_surfaces(actors_dir: Path) -> set[str]:
    """Lower-cased names, aliases and terms of detente's own actor KB."""
    out: set[str] = set()
    for path in sorted(actors_dir.glob("*.csv")):
        for r in detente_csv(path):
            for col in ("name", "aliases", "demonyms", "capitals", "text", "term"):
                for s in (r.get(col) or "").split("|"):
                    if s.strip():
                        out.add(s.strip().lower())
    return out


# ----------------------------------------------------------------------------- driver
def data_file(data: Path, name: str) -> Path:
    """A table of detente's data folder (the CAMEO tables have moved between ontology/ and
    interop/; both are looked in)."""
    for folder in ("ontology", "interop"):
        if (data / folder / name).is_file():
            return data / folder / name
    raise FileNotFoundError(f"{name} not found in {data}/ontology or {data}/interop")


def compile_dictionaries(inputs: dict[str, list[Path]], out: Path, *, data: Path = DATA,
                         lemmas: Optional[Lemmas] = None, tally: Optional[Tally] = None,
                         codes_as_written: bool = False, keep_open_ends: bool = False) -> Tally:
    """Compile the given dictionaries (keys verbs/actors/agents/discards) into ``out``
    (``codes_as_written``: see :func:`actor_code`; ``keep_open_ends``: :func:`compile_actors`)."""
    tally = tally or Tally()
    out.mkdir(parents=True, exist_ok=True)
    overlaps: list[str] = []
    if inputs.get("actors"):
        cameo_table = read_country_table(data_file(data, "cameo_country.csv"))
        iso3 = read_iso3(data / "actors" / "countries.csv")
        offices = read_offices(data / "actors" / "offices.csv")
        tables = compile_actors(inputs["actors"], cameo_table, iso3, offices, tally, codes_as_written,
                                keep_open_ends)
        ours = detente_surfaces(data / "actors")
        for key, columns, sort_key, names in (
                ("people", PEOPLE_COLUMNS, lambda r: (r["iso3"], r["name"], r["start"], r["end"], r["code"], r["source"]),
                 lambda r: [r["name"], *r["aliases"].split("|")]),
                ("actors", ACTOR_COLUMNS, lambda r: (r["iso3"], r["sector"], r["text"], r["code"], r["source"]),
                 lambda r: r["text"].split("|")),
                ("international", INTERNATIONAL_COLUMNS, lambda r: (r["cameo_code"], r["name"], r["source"]),
                 lambda r: [r["name"], *r["aliases"].split("|")]),
                ("no_actor", NO_ACTOR_COLUMNS, lambda r: (r["text"], r["source"]), lambda r: r["text"].split("|"))):
            rows = write_table(out, key, columns, tables[key], sort_key, tally)
            shared = {s.lower() for r in rows for s in names(r) if s} & ours
            overlaps.append(f"* `{key}.csv`: {len(shared):,} names or aliases are also in detente's "
                            f"actor KB; there detente's row wins")
    if inputs.get("agents"):
        rows = write_table(out, "agents", AGENT_COLUMNS, [r for p in inputs["agents"] for r in parse_agents(p, tally)],
                           lambda r: (r["sector"], r["term"]), tally)
        ours = detente_surfaces(data / "actors")
        overlaps.append(f"* `agents.csv`: {sum(r['term'] in ours for r in rows):,} terms are also in "
                        f"detente's actor KB; there detente's row wins")
    if inputs.get("discards"):
        write_table(out, "discards", DISCARD_COLUMNS, [r for p in inputs["discards"] for r in parse_discards(p, tally)],
                    lambda r: (r["scope"], r["phrase"]), tally)
    if inputs.get("verbs"):
        lemmas = lemmas or Lemmas()
        cameo = read_cameo(data_file(data, "cameo.csv"))
        entries = []
        for p in inputs["verbs"]:
            entries += compile_verbs(parse_verb_dictionary(p, tally), cameo, lemmas, tally)
        write_lexicon(out, entries, lexicon_file_names(data / "lexicon"), tally)
        ours = detente_lexicon_forms(data / "lexicon")
        same = other = 0
        for e in entries:
            for text in e["verbs"]:
                for form in itertools.product(*(s.split("|") for s in text.split())):
                    if form in ours:
                        same += ours[form] == e["code"]
                        other += ours[form] != e["code"]
        overlaps.append(f"* lexicon: {same:,} compiled surface forms are in detente's lexicon under "
                        f"the same code, {other:,} under another code; there detente's code wins")
    write_readme(out, inputs, tally, overlaps)
    return tally


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--petrarch-dir", type=Path, default=DEFAULT_PETRARCH_DIR,
                    help="folder with the Phoenix dictionaries (default: ../shared/data/petrarch2)")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder")
    for kind in ("verbs", "actors", "agents", "discards"):
        ap.add_argument(f"--{kind}", type=Path, action="append", default=[],
                        help=f"a {kind} dictionary to compile (repeatable); any of --verbs/--actors/"
                             f"--agents/--discards compiles only those given")
    ap.add_argument("--codes-as-written", action="store_true",
                    help="take the first three letters of every actor code as its country, "
                         "without the CAMEO->ISO table (for the invented codes of the PETRARCH "
                         "validation dictionaries)")
    ap.add_argument("--keep-open-ends", action="store_true",
                    help="leave the end of an open range [CODE >date] empty instead of closing it "
                         "at the dictionaries' last date (PETRARCH's own reading)")
    args = ap.parse_args(argv)
    explicit = {k: getattr(args, k) for k in ("verbs", "actors", "agents", "discards") if getattr(args, k)}
    if explicit:
        inputs = explicit
    else:
        if not args.petrarch_dir.is_dir():
            print(f"PETRARCH dictionaries not found at {args.petrarch_dir}: nothing compiled "
                  f"(pass --petrarch-dir or the files themselves).")
            return 0
        inputs = {k: [args.petrarch_dir / n for n in names] for k, names in PHOENIX_FILES.items()}
    missing = [p for paths in inputs.values() for p in paths if not p.is_file()]
    if missing:
        print("not found: " + ", ".join(str(p) for p in missing) + "; nothing compiled.")
        return 0 if not explicit else 2
    tally = compile_dictionaries(inputs, args.out, codes_as_written=args.codes_as_written,
                                 keep_open_ends=args.keep_open_ends)
    for problem in tally.problems:
        print(f"skipped {problem}", file=sys.stderr)
    print("\n".join(tally.summary_lines()))
    print(f"written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
