"""The field's dictionaries in the knowledge base: the PETRARCH2/Phoenix actor, agent and
discard tables that ``scripts/compile_petrarch2.py`` compiles into ``data/compiled/petrarch2/``.

Which units load is ``data/compiled/selection.yaml`` (each unit was measured on the gold sets
and kept only where it did not cut precision); ``ActorKB.load(compiled=[...])`` names others.
They load after detente's own tables and the user's files, on the compiled folder's terms:

* **ours wins**: a compiled name, alias or term that the knowledge base already has (compared
  case-insensitively) is skipped; a compiled person sharing a name or alias with one of ours is
  skipped whole, so our people keep only our tenures;
* **dates hold**: a compiled tenure resolves only on the dates it covers (an office-holder from
  2010 does not resolve in 2025: the dictionaries' open ranges were closed at their revision);
  an undated fallback row of the same person applies on dates no dated row covers, and a
  fallback coded ``---`` means no actor there;
* compiled people are named by two words or more: one word is a surname or a first name many
  share ("Hassan"), and the dictionaries do not say whose it is in a given story;
* compiled names are matched **case-insensitively** (the compiler rewrote PETRARCH's capitals in
  news casing by rule, so NATO may read "Nato") by a trie over token texts
  (:mod:`detente.actors.automaton`); the matcher still asks for a capitalised word ("rice" is
  not a person) and leaves a name that is only part of a longer person's name alone;
* ``no_actor`` phrases name no one and block a shorter name inside them ("Indian Ocean");
  ``discards`` are phrases that drop their sentence or their whole story (sports, entertainment).
"""
from __future__ import annotations

import functools
from importlib import resources
from typing import TYPE_CHECKING, Callable, Iterable, Optional

from pydantic import model_validator

from ..datafiles import DataModel, DataProblem, load

if TYPE_CHECKING:
    from .kb import ActorKB

FOLDER = "petrarch2"


class UnitChoice(DataModel):
    load: bool
    measured: str
    bare_verbs: bool = True     # (verb roots) entries that are a verb alone, with no object or phrase
    drop_families: list[str] = []   # (verb roots) PETRARCH verb blocks left out of this root only


class VerbSelection(DataModel):
    """Which compiled verb families the lexicon loads: whole CAMEO roots, less dropped families."""

    roots: dict[str, UnitChoice] = {}
    drop_families: dict[str, str] = {}     # PETRARCH verb block -> why it is left out
    drop_entries: dict[str, str] = {}      # one entry, by its source line ("CAMEO.2.0.txt:6173") -> why
    narrow_to_origin: bool = False         # a block-wide trigger slot narrowed to the entry's own verb


class CompiledSelection(DataModel):
    actors: dict[str, UnitChoice]
    verbs: VerbSelection
    # international.csv's CAMEO prefix -> the sector detente gives it
    international_sectors: dict[str, str]

    @model_validator(mode="after")
    def _known_units(self) -> "CompiledSelection":
        for unit in self.actors:
            if unit not in ACTOR_UNITS:
                raise DataProblem("E206", error=f"actors.{unit}: no such unit (units: {', '.join(ACTOR_UNITS)})")
        return self


@functools.lru_cache(maxsize=1)
def selection() -> CompiledSelection:
    return load(CompiledSelection, "compiled", "selection.yaml")


def verb_selection() -> VerbSelection:
    """The compiled verb families ``selection.yaml`` loads (read by :mod:`detente.coding.lexicon`)."""
    return selection().verbs


def default_units() -> tuple[str, ...]:
    """The actor units ``selection.yaml`` loads."""
    return tuple(unit for unit, choice in selection().actors.items() if choice.load)


def _rows(name: str) -> list[dict[str, str]]:
    from .kb import _read_rows

    res = resources.files("detente") / "data" / "compiled" / FOLDER / name
    return _read_rows(res.read_text(encoding="utf-8"), f"data/compiled/{FOLDER}/{name}")


def _split(cell: Optional[str]) -> list[str]:
    """The names of a cell, without a leading "The" (the matcher finds names without their
    article, and our tables list them so: "The Security Council" is our "Security Council")."""
    names = [s.strip() for s in (cell or "").split("|") if s.strip()]
    return [s[4:].strip() if s.lower().startswith("the ") and len(s) > 4 else s for s in names]


class _Loader:
    """Adds compiled units to a knowledge base, skipping whatever it already knows."""

    def __init__(self, kb: "ActorKB") -> None:
        self.kb = kb
        self.known = {s.lower() for table in (kb.country_names, kb.capitals, kb.demonyms, kb.metonyms,
                                              kb.igos, kb.people) for s in table}
        self.ours = frozenset(self.known)
        self.our_holders = frozenset(kb.holders)
        self.known_terms = set(kb.agents)

    def fold(self, kind: str, surface: str) -> None:
        self.kb.folded.setdefault(kind, {}).setdefault(surface.lower(), surface)

    def fresh(self, surfaces: list[str]) -> list[str]:
        """The surfaces the knowledge base does not have yet (they become known)."""
        out = [s for s in surfaces if s.lower() not in self.known]
        self.known.update(s.lower() for s in out)
        return out

    # ------------------------------------------------------------------ units
    def people(self) -> None:
        from .kb import NO_ACTOR_CODE, Tenure, _date

        for row in _rows("people.csv"):
            surfaces = [*_split(row["name"]), *_split(row.get("aliases"))]
            if any(s.lower() in self.ours for s in surfaces):
                continue    # one of our people (who keep our tenures only), or a country or body of ours
            # one word is a surname or a first name many share ("Hassan"); the dictionaries do
            # not say whose it is in a given story
            surfaces = [s for s in surfaces if " " in s]
            if not surfaces:
                continue
            code = row["code"].strip()
            fallback = row.get("fallback", "").strip() == "1"
            t = Tenure(name=row["name"].strip(), iso3=row["iso3"].strip() or None,
                       sector="" if code == NO_ACTOR_CODE else row["sector"].strip(),
                       role_key=row["role_key"].strip(), title=row["title"].strip(),
                       start=_date(row.get("start")), end=_date(row.get("end")),
                       code=code, strict=True, fallback=fallback)
            for s in surfaces:
                # one person's rows share the surface first written
                key = self.kb.folded.setdefault("person", {}).setdefault(s.lower(), s)
                self.known.add(s.lower())
                self.kb.people.setdefault(key, []).append(t)
            if t.iso3 and t.role_key and not fallback and (t.iso3, t.role_key) not in self.our_holders:
                self.kb.holders.setdefault((t.iso3, t.role_key), []).append(t)

    def _actor_rows(self, with_sector: bool) -> None:
        for row in _rows("actors.csv"):
            sector = row["sector"].strip()
            iso = row["iso3"].strip()
            if bool(sector) != with_sector or not (iso or sector):
                continue
            surfaces = _split(row["text"])
            for s in self.fresh(surfaces):
                self.kb.metonyms[s] = (iso, sector, surfaces[0])
                self.fold("metonym", s)

    def places(self) -> None:
        self._actor_rows(with_sector=False)

    def groups(self) -> None:
        self._actor_rows(with_sector=True)

    def _international(self, prefix: str) -> None:
        for row in _rows("international.csv"):
            if row["sector"].strip() != prefix:
                continue
            name = _split(row["name"])[0]
            code = row["cameo_code"].strip()[len(prefix):]
            value = (code, name, selection().international_sectors[prefix])
            for s in self.fresh([name, *_split(row.get("aliases"))]):
                self.kb.igos[s] = value
                self.fold("igo", s)

    def igos(self) -> None:
        self._international("IGO")

    def ngos(self) -> None:
        self._international("NGO")

    def companies(self) -> None:
        self._international("MNC")

    def militant_groups(self) -> None:
        self._international("IMG")

    def agents(self) -> None:
        from .kb import _plurals

        for row in _rows("agents.csv"):
            term = row["term"].strip().lower()
            sector = row["sector"].strip()
            if not term or term in self.known_terms:
                continue
            forms = [term] if row.get("plural_only", "").strip() == "1" else [term, *_plurals(term)]
            for form in forms:
                if form not in self.known_terms:
                    self.kb.agents[form] = sector
                    self.known_terms.add(form)

    def dependencies(self) -> None:
        """The dictionaries code a dependency under the state that controls it (Greenland
        DNKGRL, the Falklands GBRFLK, Puerto Rico USAPRI), as CAMEO and PLOVER do: our rows of
        such a territory resolve to that state.  (Here the field's convention overrides our
        table, which lists territories as countries of their own.)"""
        for row in _rows("actors.csv"):
            code, sovereign = row["code"].strip(), row["iso3"].strip()
            dependency = code[3:]
            if row["sector"].strip() or len(code) != 6 or code[:3] != sovereign or \
                    dependency not in self.kb.countries or sovereign not in self.kb.countries:
                continue
            for table in (self.kb.country_names, self.kb.demonyms, self.kb.capitals):
                for surface, iso in table.items():
                    if iso == dependency:
                        table[surface] = sovereign
            for surface, (iso, sector, canonical) in list(self.kb.metonyms.items()):
                if iso == dependency:
                    self.kb.metonyms[surface] = (sovereign, sector, canonical)
            self.kb.dependencies[dependency] = sovereign

    def no_actor(self) -> None:
        for row in _rows("no_actor.csv"):
            for s in self.fresh(_split(row["text"])):
                self.fold("none", s)

    def _discards(self, scope: str, dated: bool) -> None:
        for row in _rows("discards.csv"):
            phrase = row["phrase"].strip().lower()
            if row["scope"].strip() == scope and any(c.isdigit() for c in phrase) == dated:
                self.kb.discards.setdefault(phrase, "sentence" if scope == "sentence" else "story")

    def discards_sentence(self) -> None:
        self._discards("sentence", dated=False)

    def discards_years(self) -> None:
        self._discards("sentence", dated=True)

    def discards_story(self) -> None:
        self._discards("story", dated=False)
        self._discards("story", dated=True)


ACTOR_UNITS: tuple[str, ...] = ("people", "places", "groups", "igos", "ngos", "companies", "militant_groups",
                                "agents", "dependencies", "no_actor", "discards_sentence", "discards_years",
                                "discards_story")


def add_compiled(kb: "ActorKB", units: Iterable[str]) -> None:
    """Add the compiled ``units`` (names of :data:`ACTOR_UNITS`) to ``kb``, in that table's order."""
    units = set(units)
    unknown = units - set(ACTOR_UNITS)
    if unknown:
        from ..errors import DetenteError

        raise DetenteError("E203", error=f"compiled actor units {sorted(unknown)}: no such unit "
                           f"(units: {', '.join(ACTOR_UNITS)})")
    loader = _Loader(kb)
    for unit in ACTOR_UNITS:
        if unit in units:
            add: Callable[[], None] = getattr(loader, unit)
            add()
    kb.compiled_units = tuple(u for u in ACTOR_UNITS if u in units)
