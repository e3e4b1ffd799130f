"""The PETRARCH2 unit-test records (``petrarch2/PETR.UnitTest.records.xml``, MIT).

284 stylised sentences with fictional actors (Arnor, Gondor, ...) defined in the suite's own
dictionaries ``PETR.Validate.actors.txt`` and ``PETR.Validate.agents.txt``.  Each ``<Sentence>``
has a ``<Text>`` and ``<EventCoding sourcecode targetcode eventcode>`` elements -- several,
none, ``noevents="True"`` (a sentence with no event) or ``error="..."`` (PETRARCH is expected
to refuse the input; such records are left out and counted).

The suite's event codes are not CAMEO: its verb dictionary says "most of the codes are WEIS,
not CAMEO" and were "tweaked quite unsystematically" for the tests (``condemn`` is 122,
``restore ties`` 064; some are test-only, 903 or 1717).  So this set scores what its codes do
not touch -- whether an event is found, and its source and target (scheme ``dyad``) -- and
reports agreement with the suite's codes only as a curiosity.

Actors compare by their 3-letter root, because detente codes a bare country as the country
(or its government) where PETRARCH may add or omit an agent: gold ``DAGGOV`` and a coded
``DAG`` agree.  Roots are normalised on both sides the same way (:func:`ActorRoots.root`):
codes of the real countries in the suite's dictionary go to the ISO3 code detente's own
knowledge base gives that name (``EGYPT [UAR]`` -> EGY), international bodies to ``IGO``/``NGO``,
other CAMEO country codes through detente's CAMEO country table; the fictional ones stay as
they are.  ``---`` and ``###`` (PETRARCH's null actor) accept any actor.

The suite's dictionaries become a temporary detente actor file set (:func:`write_actor_files`)
passed to ``Coder(actor_files=...)``: detente's knowledge base wins where it knows the name
(real countries), the fictional entries are added -- a 3-letter code as a country, a longer
code as a seat of power with its sector, a dated code as a person's dated tenure.
"""
from __future__ import annotations

import csv
import re
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Optional

from splits import split_of

from . import GoldEvent, GoldRecord, GoldSet, country_or_body, skip

FOLDER = "petrarch2"
RECORDS = "PETR.UnitTest.records.xml"
ACTORS = "PETR.Validate.actors.txt"
AGENTS = "PETR.Validate.agents.txt"
NULL_CODES = {"---", "###", "+++", ""}
_SMALL_WORDS = {"of", "the", "and", "de", "al"}


# ---------------------------------------------------------------------- comments
def strip_comments(text: str) -> str:
    """Remove ``<!-- ... -->`` comments, nested ones included (the suite's header holds a
    comment inside a comment, which an XML parser refuses)."""
    out: list[str] = []
    depth = 0
    i = 0
    while i < len(text):
        if text.startswith("<!--", i):
            depth += 1
            i += 4
        elif depth and text.startswith("-->", i):
            depth -= 1
            i += 3
        else:
            if not depth:
                out.append(text[i])
            i += 1
    return "".join(out)


# ---------------------------------------------------------------------- dictionaries
@dataclass
class DictEntry:
    """One actor entry: its phrases (name and ``+`` aliases, as written) and its codes, each
    ``(code, start, end)`` with dates inclusive and None for an open side."""

    names: list[str]
    codes: list[tuple[str, Optional[date], Optional[date]]] = field(default_factory=list)
    line: int = 0


def phrase(word: str) -> str:
    """A dictionary phrase as written ("MINAS_TIRITH", "ARNOR_") -> its words ("MINAS TIRITH")."""
    return " ".join(w for w in re.split(r"[_\s]+", word.strip()) if w)


def surface_forms(name: str) -> list[str]:
    """How the phrase is written in running text: "Minas Tirith", "Prince of Dol Amroth",
    "Barad-dur" as well as "Barad-Dur"; the capitalised form as written (U.S., IMF) too."""
    words = name.split()
    titled = " ".join(w.lower() if i and w.lower() in _SMALL_WORDS else w.capitalize()
                      for i, w in enumerate(words))
    hyphen_titled = " ".join(w.lower() if i and w.lower() in _SMALL_WORDS else w.title()
                             for i, w in enumerate(words))
    forms = [titled, hyphen_titled, name]
    return list(dict.fromkeys(f for f in forms if f))


def _petrarch_date(text: str) -> date:
    """YYMMDD or YYYYMMDD; two-digit years 50-99 are 19xx, 00-49 20xx (the suite's dates
    run from 1979 to 2013)."""
    text = text.strip()
    if len(text) == 6:
        yy = int(text[:2])
        text = (("19" if yy >= 50 else "20") + text)
    return date(int(text[:4]), int(text[4:6]), int(text[6:8]))


def _code_block(block: str) -> tuple[str, Optional[date], Optional[date]]:
    """``HOBGOV 19950601 - 19990815`` / ``HOB < 950601`` / ``HOBREB > 990816`` / ``ELR/GAL``."""
    m = re.match(r"\s*([^\s<>]*)\s*(.*)$", block)
    code = m.group(1).split("/")[0].strip().upper()
    rest = m.group(2).strip()
    start = end = None
    if rest.startswith("<"):
        end = _petrarch_date(rest[1:])
    elif rest.startswith(">"):
        start = _petrarch_date(rest[1:])
    elif "-" in rest:
        a, b = rest.split("-", 1)
        start, end = _petrarch_date(a), _petrarch_date(b)
    return code, start, end


def read_actor_dictionary(text: str) -> list[DictEntry]:
    """Entries of a PETRARCH actor dictionary: ``NAME [CODE]``, ``+ALIAS`` lines, and code
    lines ``[CODE dates]`` under an entry; ``#`` comments and ``<...>`` lines skipped."""
    entries: list[DictEntry] = []
    for n, raw in enumerate(strip_comments(text).splitlines(), start=1):
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip() or line.lstrip().startswith("<"):
            continue
        codes = [_code_block(b) for b in re.findall(r"\[([^\]]*)\]", line)]
        head = re.sub(r"\[[^\]]*\]", "", line).strip()
        if line[0].isspace() or not head:
            if entries:
                entries[-1].codes.extend(codes)
            continue
        if head.startswith("+"):
            if entries:
                entries[-1].names.append(phrase(head[1:]))
            continue
        entries.append(DictEntry(names=[phrase(head)], codes=codes, line=n))
    return [e for e in entries if e.codes and any(c[0] not in NULL_CODES for c in e.codes)]


def read_agent_dictionary(text: str) -> list[tuple[str, str]]:
    """``(term, sector)`` pairs of a PETRARCH agent dictionary (``TERM {plurals} [~SEC]``);
    lines with ``!MACRO!`` substitutions are left out (detente's agents have no macros)."""
    out = []
    for raw in strip_comments(text).splitlines():
        line = raw.split("#", 1)[0].strip()
        m = re.match(r"([^\[{]+?)\s*(?:\{[^}]*\})?\s*\[\s*([^\]]*)\]", line)
        if not m or "!" in line:
            continue
        sector = m.group(2).replace("~", "").strip().upper()[:3]
        if sector:
            out.append((phrase(m.group(1)).lower(), sector))
    return out


# ---------------------------------------------------------------------- actor roots
class ActorRoots:
    """Normalises PETRARCH actor codes to the key detente's coded actors are compared by."""

    def __init__(self, entries: list[DictEntry]) -> None:
        from detente.actors.kb import default_kb

        kb = default_kb()
        self.igo_codes = {code: sector for code, _, sector in kb.igos.values()}
        self.known: dict[str, str] = {}      # dictionary code root -> detente key
        self.fictional: list[DictEntry] = []
        for entry in entries:
            key = self._builtin_key(entry, kb)
            if key is None:
                self.fictional.append(entry)
                continue
            for code, _, _ in entry.codes:
                self.known.setdefault(code[:3], key)

    @staticmethod
    def _builtin_key(entry: DictEntry, kb) -> Optional[str]:
        """The key detente's own knowledge base gives one of the entry's phrases: a country
        name, demonym or capital (also as a prefix, as PETRARCH matches "ARGENTIN"), a seat of
        power, or an international body."""
        for name in entry.names:
            for form in surface_forms(name):
                for table in (kb.country_names, kb.demonyms, kb.capitals):
                    if form in table:
                        return table[form]
                if form in kb.metonyms:
                    return kb.metonyms[form][0] or None
                if form in kb.igos:
                    return kb.igos[form][2]
        prefix = entry.names[0].lower()
        hits = {iso for s, iso in kb.country_names.items() if s.lower().startswith(prefix)}
        return hits.pop() if len(hits) == 1 else None

    def root(self, code: Optional[str]) -> Optional[str]:
        """A gold or dictionary code -> its comparison key; None for PETRARCH's null actor."""
        from detente.ontology import resolve_country

        code = (code or "").strip().strip("\"'").upper()
        if code in NULL_CODES or code.startswith("---"):
            return None
        head = code[:3]
        if head in self.known:
            return self.known[head]
        if head in ("IGO", "NGO"):
            return head
        if head in self.igo_codes:
            return self.igo_codes[head]
        return resolve_country(head, "cameo") or head


def write_actor_files(entries: list[DictEntry], agents: list[tuple[str, str]], roots: ActorRoots,
                      folder: Path) -> list[Path]:
    """The fictional dictionary entries as detente actor files in ``folder``: countries (a
    3-letter code), seats of power (a code with an agent), people (dated codes), agents."""
    countries, metonyms, people = [], [], []
    for entry in roots.fictional:
        forms = [f for name in entry.names for f in surface_forms(name)]
        dated = [c for c in entry.codes if (c[1] or c[2]) and c[0] not in NULL_CODES]
        plain = [c for c in entry.codes if not (c[1] or c[2]) and c[0] not in NULL_CODES]
        if dated:
            for code, start, end in dated + plain[:1]:
                people.append([forms[0], "|".join(forms[1:]), roots.root(code) or "", code[3:6] or "GOV",
                               "petrarch_validation", "", start.isoformat() if start else "",
                               end.isoformat() if end else ""])
            continue
        code = plain[0][0]
        key = roots.root(code) or ""
        if len(code) <= 3:
            countries.append([key, forms[0], "|".join(forms[1:]), "", ""])
        else:
            metonyms.append(["|".join(forms), key, code[3:6], f"{ACTORS}:{entry.line}"])
    tables = {
        "countries": (["iso3", "name", "aliases", "demonyms", "capitals"], countries),
        "metonyms": (["text", "iso3", "sector", "note"], metonyms),
        "people": (["name", "aliases", "iso3", "sector", "role_key", "title", "start", "end"], people),
        "agents": (["term", "sector", "plural_only"], [[t, s, ""] for t, s in agents]),
    }
    paths = []
    for kind, (header, rows) in tables.items():
        if not rows:
            continue
        path = folder / f"petrarch_validate_{kind}.csv"
        with path.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(header)
            writer.writerows(rows)
        paths.append(path)
    return paths


# ---------------------------------------------------------------------- records
def _attr(el: ET.Element, name: str) -> str:
    return (el.get(name) or "").strip().strip("\"'")


def load(data: Path, workdir: Optional[Path] = None) -> Optional[GoldSet]:
    """The unit-test records as a gold set; the suite's actors are written as detente actor
    files into ``workdir`` (a temporary folder when None) and passed in ``coder_options``."""
    from detente.ontology import normalize_cameo

    folder = data / FOLDER
    for name in (RECORDS, ACTORS, AGENTS):
        if not (folder / name).exists():
            skip(folder / name, "PETRARCH2 unit-test records")
            return None
    entries = read_actor_dictionary((folder / ACTORS).read_text(encoding="utf-8"))
    agents = read_agent_dictionary((folder / AGENTS).read_text(encoding="utf-8"))
    roots = ActorRoots(entries)
    workdir = workdir or Path(tempfile.mkdtemp(prefix="detente-petrarch-"))
    actor_files = write_actor_files(entries, agents, roots, workdir)

    root = ET.fromstring(strip_comments((folder / RECORDS).read_text(encoding="utf-8")))
    records: list[GoldRecord] = []
    excluded = {"expects an input error": 0}
    seen: dict[str, int] = {}
    for sent in root.iter("Sentence"):
        rid = _attr(sent, "id")
        seen[rid] = seen.get(rid, 0) + 1
        key = rid if seen[rid] == 1 else f"{rid}#{seen[rid]}"
        codings = sent.findall("EventCoding")
        if any(c.get("error") for c in codings):
            excluded["expects an input error"] += 1
            continue
        events = []
        for c in codings:
            if c.get("noevents") is not None:
                continue
            code = _attr(c, "eventcode")
            src, tgt = roots.root(_attr(c, "sourcecode")), roots.root(_attr(c, "targetcode"))
            events.append(GoldEvent(normalize_cameo(code) or code, frozenset({src}) if src else frozenset(),
                                    frozenset({tgt}) if tgt else frozenset()))
        text_el = sent.find("Text")
        text = " ".join((text_el.text or "").split()) if text_el is not None else ""
        raw_date = _attr(sent, "date")
        day = _petrarch_date(raw_date) if raw_date else None
        records.append(GoldRecord(key=key, record_id=rid, half=split_of(rid), text=text,
                                  events=tuple(events), date=day,
                                  tags=frozenset({_attr(sent, "category").lower() or "uncategorised"})))
    return GoldSet(name="petrarch", title=f"PETRARCH2 unit-test records ({RECORDS})", scheme="dyad",
                   records=records, actor_key=country_or_body,
                   coder_options={"actor_files": [str(p) for p in actor_files]},
                   notes=("the suite's codes are WEIS-based, not CAMEO: scored by event found, source and target",
                          "fictional actors from the suite's Validate dictionaries (temporary actor files); "
                          "actors compared by 3-letter root"),
                   excluded={k: v for k, v in excluded.items() if v})
