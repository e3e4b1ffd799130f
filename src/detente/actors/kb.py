"""The actor knowledge base: countries, seats of power, IGOs, sector nouns, offices and
office-holders with dated roles, read from the CSV files in ``detente/data/actors``.

Users extend it with files of their own in the same formats (``ActorKB.load(extra=[...])``,
``detente code --actors my_people.csv``); a file's kind is told by its columns.
"""
from __future__ import annotations

import csv
import functools
import io
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Iterable, Optional

from ..errors import DetenteError
from ..nlp.entities import KnownNames
from .tables import actor_rules

_RULES = actor_rules()
# Offices only one person holds at a time (per country); a title alone then names a person.
SINGLE_HOLDER_ROLES = _RULES.single_holder_roles
# several offices at once: the most senior counts (lower rank first)
_ROLE_RANK = {role: rank for rank, role in enumerate(_RULES.role_seniority)}

COLUMNS = {
    "countries": ["iso3", "name", "aliases", "demonyms", "capitals"],
    "metonyms": ["text", "iso3", "sector", "note", "name", "since", "sector_before"],
    "igos": ["code", "name", "aliases", "sector"],
    "agents": ["term", "sector", "plural_only"],
    "offices": ["title", "iso3", "role_key"],
    "people": ["name", "aliases", "iso3", "sector", "role_key", "title", "start", "end"],
    "ambiguous_names": ["text", "candidates", "note"],
}


@dataclass(frozen=True)
class Tenure:
    """One person holding one office from ``start`` to ``end`` (both inclusive; None = open)."""

    name: str
    iso3: Optional[str]
    sector: str
    role_key: str
    title: str
    start: Optional[date]
    end: Optional[date]
    code: str = ""              # the CAMEO actor code a compiled dictionary gave
    strict: bool = False        # resolves only on the dates it covers (the compiled dictionaries)
    fallback: bool = False      # undated: applies where no dated tenure of the person covers the date

    def covers(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)

    @property
    def names_no_one(self) -> bool:
        """A compiled fallback coded ``---``: outside its dated tenures the name is no actor."""
        return self.code == NO_ACTOR_CODE


NO_ACTOR_CODE = "---"


@dataclass
class ActorKB:
    countries: dict[str, str] = field(default_factory=dict)          # iso3 -> name
    country_names: dict[str, str] = field(default_factory=dict)      # surface -> iso3
    demonyms: dict[str, str] = field(default_factory=dict)           # surface -> iso3
    capitals: dict[str, str] = field(default_factory=dict)           # surface -> iso3
    metonyms: dict[str, tuple[str, str, str]] = field(default_factory=dict)  # surface -> (iso3, sector, canonical)
    # a group that changed kind, by the name its events carry: canonical -> (since, sector before)
    # ("Taliban": GOV since 2021-08-15, REB before)
    sector_changes: dict[str, tuple[date, str]] = field(default_factory=dict)
    igos: dict[str, tuple[str, str, str]] = field(default_factory=dict)      # surface -> (code, name, sector)
    agents: dict[str, str] = field(default_factory=dict)             # lower term -> sector
    offices: dict[str, list[tuple[Optional[str], str]]] = field(default_factory=dict)  # lower title -> [(iso3|None, role)]
    people: dict[str, list[Tenure]] = field(default_factory=dict)    # surface name/alias -> tenures
    holders: dict[tuple[str, str], list[Tenure]] = field(default_factory=dict)  # (iso3, role) -> tenures
    # names from the compiled dictionaries, matched case-insensitively:
    # kind ("person", "metonym", "igo", "none") -> lower-cased surface -> the surface as stored
    folded: dict[str, dict[str, str]] = field(default_factory=dict)
    discards: dict[str, str] = field(default_factory=dict)           # lower phrase -> "sentence" | "story"
    compiled_units: tuple[str, ...] = ()                              # the compiled units loaded
    dependencies: dict[str, str] = field(default_factory=dict)       # territory iso3 -> controlling state's
    ambiguous: dict[str, tuple[str, ...]] = field(default_factory=dict)  # surface -> candidate iso3s

    # ------------------------------------------------------------------ loading
    @classmethod
    def load(cls, extra: Iterable[str | Path] = (), compiled: Optional[Iterable[str]] = None) -> "ActorKB":
        """detente's tables, then the user's files in ``extra``, then the compiled dictionaries'
        ``compiled`` units (default: those ``data/compiled/selection.yaml`` loads; see
        :mod:`detente.actors.compiled`), each skipping the names already known."""
        from .compiled import add_compiled, default_units

        kb = cls()
        base = resources.files("detente") / "data" / "actors"
        for kind in ("countries", "metonyms", "igos", "agents", "offices", "people", "ambiguous_names"):
            res = base / f"{kind}.csv"
            if res.is_file():
                kb._add_rows(kind, _read_rows(res.read_text(encoding="utf-8"), str(res)), str(res))
        for path in extra:
            text = Path(path).read_text(encoding="utf-8")
            rows = _read_rows(text, str(path))
            kind = _kind_of(rows, str(path))
            kb._add_rows(kind, rows, str(path))
        add_compiled(kb, default_units() if compiled is None else compiled)
        return kb

    def _add_rows(self, kind: str, rows: list[dict[str, str]], where: str) -> None:
        add = getattr(self, f"_add_{kind}")
        for i, row in enumerate(rows, start=2):
            try:
                add(row)
            except (KeyError, ValueError) as exc:
                raise DetenteError("E203", error=f"{where}: row {i}: {exc}") from exc

    def _add_countries(self, row: dict[str, str]) -> None:
        iso = row["iso3"].strip()
        self.countries[iso] = row["name"].strip()
        for s in [row["name"], *_split(row.get("aliases"))]:
            self.country_names.setdefault(s.strip(), iso)
        for s in _split(row.get("demonyms")):
            self.demonyms.setdefault(s, iso)
        for s in _split(row.get("capitals")):
            self.capitals.setdefault(s, iso)

    def _add_ambiguous_names(self, row: dict[str, str]) -> None:
        candidates = tuple(_split(row["candidates"]))
        if len(candidates) < 2:
            raise ValueError(f"{row['text']!r}: an ambiguous name needs two candidates or more")
        self.ambiguous[row["text"].strip()] = candidates

    def _add_metonyms(self, row: dict[str, str]) -> None:
        variants = _split(row["text"])
        # the name events carry: the "name" column when given ("U.S. Treasury (OFAC)": an office
        # shown with the department it belongs to), else the first spelling
        canonical = (row.get("name") or "").strip() or (variants[0] if variants else row["text"])
        for s in variants:
            self.metonyms[s] = (row["iso3"].strip(), row["sector"].strip(), canonical)
            if s.lower().startswith("the "):
                self.metonyms.setdefault(s[4:], (row["iso3"].strip(), row["sector"].strip(), canonical))
        since = _date(row.get("since"))
        if since is not None:
            before = (row.get("sector_before") or "").strip()
            if not before:
                raise ValueError(f"{row['text']!r}: a sector since {since} needs the sector before it")
            self.sector_changes[canonical] = (since, before)

    def metonym_sector(self, canonical: str, sector: str, on: Optional[date]) -> str:
        """The sector a group's name carries on ``on``: the one before its change when the story
        is older ("the Taliban" in 2012 are insurgents, in 2025 Afghanistan's government)."""
        change = self.sector_changes.get(canonical)
        return change[1] if change is not None and on is not None and on < change[0] else sector

    def _add_igos(self, row: dict[str, str]) -> None:
        code = row["code"].strip()
        sector = (row.get("sector") or "").strip() or _RULES.sectors.igo
        for s in [row["name"], *_split(row.get("aliases"))]:
            self.igos[s.strip()] = (code, row["name"].strip(), sector)

    def _add_agents(self, row: dict[str, str]) -> None:
        term = row["term"].strip().lower()
        self.agents[term] = row["sector"].strip()
        if str(row.get("plural_only") or "").strip() not in ("1", "true", "yes"):
            for plural in _plurals(term):
                self.agents.setdefault(plural, row["sector"].strip())

    def _add_offices(self, row: dict[str, str]) -> None:
        title = row["title"].strip().lower()
        iso = (row.get("iso3") or "").strip() or None
        entry = (iso, row["role_key"].strip())
        self.offices.setdefault(title, [])
        if entry not in self.offices[title]:
            self.offices[title].append(entry)

    def _add_people(self, row: dict[str, str]) -> None:
        t = Tenure(name=row["name"].strip(), iso3=(row.get("iso3") or "").strip() or None,
                   sector=(row.get("sector") or "").strip() or _RULES.sectors.government,
                   role_key=row["role_key"].strip(), title=(row.get("title") or "").strip(),
                   start=_date(row.get("start")), end=_date(row.get("end")))
        for s in [t.name, *_split(row.get("aliases"))]:
            self.people.setdefault(s.strip(), []).append(t)
        if t.iso3 or t.role_key in _RULES.igo_role_codes:
            # an international post (iso3 empty) is held by one person at a time too
            self.holders.setdefault((t.iso3, t.role_key), []).append(t)

    # ------------------------------------------------------------------ queries
    def known_names(self) -> KnownNames:
        """The names this KB knows, by kind, for the fast pipeline's entity recognizer
        (computed once; add rows before asking)."""
        names = self.__dict__.get("_known_names")
        if names is None:
            names = self.__dict__["_known_names"] = KnownNames(
                country_names=frozenset(self.country_names), capitals=frozenset(self.capitals),
                demonyms=frozenset(self.demonyms), metonyms=frozenset(self.metonyms),
                igos=frozenset(self.igos), people=frozenset(self.people))
        return names

    def holder(self, iso3: Optional[str], role_key: str, on: Optional[date]) -> Optional[Tenure]:
        """Who held ``role_key`` in ``iso3`` on ``on`` (the latest holder when the date is unknown);
        ``iso3`` None for the posts of international organisations (``igo_role_codes``)."""
        tenures = [t for t in self.holders.get((iso3, role_key), ()) if not t.fallback]
        if not tenures:
            return None
        if on is None:
            return max(tenures, key=lambda t: t.start or date.min)
        for t in tenures:
            if t.covers(on):
                return t
        return None

    def titled_surname(self, surname: str, on: Optional[date],
                       role_keys: Optional[Iterable[str]] = None) -> Optional[Tenure]:
        """The tenure on ``on`` of the one person in office that day whose full name ends in
        ``surname`` -- for a surname a title goes before ("MS BRUCE:" opening a State Department
        briefing's answer, "Prime Minister Wong"), which the knowledge base lists as no alias of
        its own since a surname alone may be a common word or many people's; with ``role_keys``,
        the one holding such an office ("Prime Minister Wong" is Singapore's, not Australia's
        foreign minister); None when no one or several hold office."""
        index = self.__dict__.get("_by_surname")
        if index is None:
            index = self.__dict__["_by_surname"] = {}
            for name, tenures in self.people.items():
                for t in tenures:
                    if name == t.name and not t.fallback and " " in name:
                        index.setdefault(name.rsplit(" ", 1)[1], []).append(t)
        if on is None:
            return None
        keys = None if role_keys is None else set(role_keys)
        covering = {t.name: t for t in index.get(surname, ()) if t.covers(on) and (keys is None or t.role_key in keys)}
        return next(iter(covering.values())) if len(covering) == 1 else None

    def person(self, surface: str, on: Optional[date]) -> Optional[Tenure]:
        """The tenure of the person named ``surface`` on ``on``: the covering one, else the
        nearest one in time (their country still holds; the caller marks former officials)."""
        tenures = self.people.get(surface)
        if not tenures:
            return None
        fallback = next((t for t in tenures if t.fallback), None)
        tenures = [t for t in tenures if not t.fallback]
        if fallback is not None and fallback.names_no_one:
            fallback = None
        if on is None:
            if any(t.strict for t in tenures):
                return fallback     # the compiled dictionaries' dated rows need a date to hold
            return max(tenures, key=lambda t: t.start or date.min) if tenures else fallback
        covering = [t for t in tenures if t.covers(on)]
        if covering:
            # several offices at once (Rubio: Secretary of State and acting NSA): the senior one
            return min(covering, key=lambda t: _ROLE_RANK.get(t.role_key, 99))
        if fallback is not None or not tenures or any(t.strict for t in tenures):
            # the compiled dictionaries' dates hold: their undated fallback, else no one
            return fallback

        def distance(t: Tenure) -> int:
            if t.end is not None and t.end < on:
                return (on - t.end).days
            if t.start is not None and t.start > on:
                return (t.start - on).days
            return 0

        return min(tenures, key=distance)



def _split(cell: Optional[str]) -> list[str]:
    if not cell:
        return []
    return [s.strip() for s in cell.split("|") if s.strip()]


def _plurals(term: str) -> list[str]:
    words = term.split()
    last = words[-1]
    if last.endswith("y") and last[-2:-1] not in "aeiou":
        forms = [last[:-1] + "ies"]
    elif last.endswith(("s", "sh", "ch", "x")):
        forms = [last + "es"]
    elif last.endswith("man"):
        forms = [last[:-3] + "men"]
    else:
        forms = [last + "s"]
    return [" ".join(words[:-1] + [f]) for f in forms]


def _date(cell: Optional[str]) -> Optional[date]:
    cell = (cell or "").strip()
    if not cell:
        return None
    parts = [int(p) for p in cell.split("-")]
    while len(parts) < 3:
        parts.append(1)
    return date(*parts[:3])


def _read_rows(text: str, where: str) -> list[dict[str, str]]:
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    reader = csv.DictReader(io.StringIO("\n".join(lines)))
    return [dict(r) for r in reader]


# Checked in this order: the first kind whose required columns a file has.
_KIND_SIGNATURES = (
    ("ambiguous_names", {"text", "candidates"}),
    ("people", {"name", "iso3", "role_key", "start"}),
    ("offices", {"title", "role_key"}),
    ("metonyms", {"text", "iso3", "sector"}),
    ("igos", {"code", "name"}),
    ("agents", {"term", "sector"}),
    ("countries", {"iso3", "name"}),
)


def _kind_of(rows: list[dict[str, str]], where: str) -> str:
    if not rows:
        raise DetenteError("E203", error=f"{where}: no rows")
    cols = set(rows[0])
    for kind, needed in _KIND_SIGNATURES:
        if needed <= cols:
            return kind
    raise DetenteError("E203", error=f"{where}: columns {sorted(cols)} match no actor file kind "
                       f"({', '.join(f'{k}: {v}' for k, v in COLUMNS.items())})")


@functools.lru_cache(maxsize=1)
def default_kb() -> ActorKB:
    return ActorKB.load()
