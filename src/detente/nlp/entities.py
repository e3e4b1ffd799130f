"""Rule-based entities for the fast pipeline: spaCy without its statistical ``ner``.

spaCy's ``ner`` component is about 45 % of ``en_core_web_sm``'s time on news text (measured
in benchmarks/README.md), yet detente needs only a few things from it: DATE expressions to date
events, GPE/LOC names for places and place-named actors, PERSON names for office-holders the KB
does not know, and ORG/NORP for named groups.  The fast pipeline (``load_model(fast=True)``)
replaces it with two cheap components after the parser:

* ``date_entities`` -- the regular expressions in ``data/nlp/date_patterns.yaml``
  (label DATE);
* ``proper_name_entities`` -- runs of proper nouns (tagger: NNP/NNPS) labelled from what
  they are made of: an organisation word ("Ministry", "Council", "Front") makes an ORG, a
  geographic word ("Sea", "Strip") a LOC, a name the gazetteer or the actor KB knows as a
  country or city a GPE, a demonym a NORP, and anything else of two or more words -- or one
  word after a title ("President Museveni") -- a PERSON (the title is left out of the entity,
  as spaCy's model does).  A single unknown capitalised word stays unlabelled: without a
  model it could be anything, and the coder does not guess about bare names.

What this costs in events against the statistical ``ner`` is measured by
``benchmarks/ingest.py`` and ``benchmarks/evaluate.py --fast``, and reported in the README.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources
from typing import Callable, Optional


from spacy.language import Language

from ..datafiles import DataModel, Words, load, read_yaml
from ..errors import DetenteError
from .dates import expand_sets
from .places import default_gazetteer



class EntityWords(DataModel):
    """``data/nlp/entities.yaml``: the words the recognizer labels proper-noun runs by."""

    org_words: Words
    loc_words: Words
    fac_words: Words
    event_words: Words
    group_words: Words
    title_words: Words
    name_particles: Words
    name_joiners: Words
    org_name_joiners: Words
    not_names: Words
    place_prepositions: Words
    locative_prepositions: Words


_W = load(EntityWords, "nlp", "entities.yaml")


@dataclass(frozen=True)
class KnownNames:
    """The names an actor knowledge base knows, by kind (as written): what the recognizer labels
    without a model.  :meth:`detente.actors.kb.ActorKB.known_names` builds one."""

    country_names: frozenset[str]
    capitals: frozenset[str]
    demonyms: frozenset[str]
    metonyms: frozenset[str]
    igos: frozenset[str]
    people: frozenset[str]


_NAME_TAGS = frozenset({"NNP", "NNPS"})


@functools.lru_cache(maxsize=1)
def date_patterns() -> list[str]:
    """The regular expressions of data/nlp/date_patterns.yaml, sets and spaces expanded."""
    text = (resources.files("detente") / "data" / "nlp" / "date_patterns.yaml").read_text(encoding="utf-8")
    data = read_yaml(text, "data/nlp/date_patterns.yaml")
    sets: dict[str, str] = {}
    for name, value in (data.get("sets") or {}).items():
        sets[name] = expand_sets(str(value), sets, "date_patterns.yaml")   # sets may use earlier sets
    return [expand_sets(str(p), sets, "date_patterns.yaml").replace(" ", r"\s+") for p in data["patterns"]]


class DateEntities:
    """The ``date_entities`` pipeline component: DATE entities from date_patterns.yaml.

    One pass of each compiled pattern over the doc's text (C regex speed; a token Matcher
    with the same patterns was a tenth of the whole fast pipeline's time), longest match wins
    among overlapping ones, aligned to tokens."""

    def __init__(self) -> None:
        self.regexes = [re.compile(r"(?<![\w.])(?:" + p + r")(?![\w])") for p in date_patterns()]

    def __call__(self, doc):
        text = doc.text
        spans = [span for rx in self.regexes for m in rx.finditer(text)
                 if (span := doc.char_span(m.start(), m.end(), label="DATE", alignment_mode="contract"))]
        if spans:
            from spacy.util import filter_spans

            doc.ents = filter_spans(list(doc.ents) + spans)   # longest wins, then earliest
        return doc


class ProperNameEntities:
    """The ``proper_name_entities`` pipeline component (see the module docstring).

    ``names``: the knowledge base's names (:class:`KnownNames`); the pipeline is loaded without
    them (``nlp/`` sits below ``actors/``) and whoever owns a knowledge base hands them over:
    ``load_model(fast=True, names=kb.known_names())`` or :meth:`use_names` (the Coder does).
    ``is_place``: name -> is it a place the gazetteer knows (default: the shared gazetteer)."""

    def __init__(self, names: Optional[KnownNames] = None,
                 is_place: Optional[Callable[[str], bool]] = None) -> None:
        self.names = names
        if is_place is None:
            gazetteer = default_gazetteer()
            is_place = lambda name: gazetteer.lookup(name) is not None  # noqa: E731
        self._is_place = is_place

    def use_names(self, names: KnownNames) -> None:
        self.names = names

    def __call__(self, doc):
        kb, is_place = self.names, self._is_place
        if kb is None:
            raise DetenteError("E210")
        taken = [False] * len(doc)
        ents = list(doc.ents)
        for e in ents:
            for i in range(e.start, e.end):
                taken[i] = True
        new: list[tuple[str, int, int]] = []
        n = len(doc)
        i = 0
        while i < n:
            tok = doc[i]
            if taken[i]:
                i += 1
                continue
            if (tok.text in kb.demonyms or (tok.lower_ in _W.group_words and tok.text[:1].isupper())) \
                    and tok.tag_ != "NNP":
                new.append(("NORP", i, i + 1))      # "Russian", "Americans"
                i += 1
                continue
            if not _name_token(tok):
                i += 1
                continue
            j = i + 1
            while j < n and not taken[j]:
                t = doc[j]
                if _name_token(t):
                    j += 1
                elif (t.lower_ in _W.name_particles or t.text in _W.name_joiners) and j + 1 < n \
                        and not taken[j + 1] and _name_token(doc[j + 1]) and \
                        (t.text != "and" or _has_org_word(doc, i, j)) and \
                        (t.text not in _W.org_name_joiners or _has_org_word(doc, i, j) or
                         doc[j - 1].lower_ in _W.org_words):
                    j += 2                         # "Ministry of Foreign Affairs", "bin Salman"
                else:
                    break
            new.extend(self._label(doc, i, j, kb, is_place))
            i = j
        if new:
            from spacy.tokens import Span

            doc.ents = ents + [Span(doc, s, e, label=lab) for lab, s, e in new]
        return doc

    def _label(self, doc, start: int, end: int, kb, is_place) -> list[tuple[str, int, int]]:
        """Entities in the proper-noun run doc[start:end]."""
        text = doc[start:end].text
        if text in kb.country_names or text in kb.capitals:
            return [("GPE", start, end)]
        if text in kb.metonyms or text in kb.igos:
            return [("ORG", start, end)]            # "White House", "European Union"
        if text in kb.demonyms or (end - start == 1 and doc[start].lower_ in _W.group_words):
            return [("NORP", start, end)]
        out: list[tuple[str, int, int]] = []
        # a leading country word is its own entity: "Saudi Crown Prince Mohammed bin Salman"
        while start < end - 1 and (doc[start].text in kb.demonyms or doc[start].text in kb.country_names):
            out.append(("NORP" if doc[start].text in kb.demonyms else "GPE", start, start + 1))
            start += 1
        words = [t.lower_ for t in doc[start:end]]
        text = doc[start:end].text
        if any(w in _W.org_words for w in words):
            return out + [("ORG", start, end)]
        if words[-1] in _W.loc_words:
            return out + [("LOC", start, end)]
        if words[-1] in _W.fac_words:
            return out + [("FAC", start, end)]
        if words[-1] in _W.event_words:
            return out + [("EVENT", start, end)]
        if text in kb.people:
            return out + [("PERSON", start, end)]
        if (end - start > 1 or _locative(doc[start])) and is_place(text):
            # one capitalised word is a place only where places stand ("in Accra", "Accra,
            # Ghana", "Kharkiv region"): ethnic groups and surnames share city names ("Roma")
            return out + [("GPE", start, end)]
        k = start
        while k < end and words[k - start] in _W.title_words:
            k += 1
        if k == end:
            return out                              # only titles: "Foreign Minister"
        if k > start or end - k >= 2:
            return out + [("PERSON", k, end)]       # "President Museveni", "Dominique DuRant"
        word = doc[start].text
        if len(word) >= 2 and word.isupper() and word.isalpha():
            return out + [("ORG", start, end)]      # an acronym: "BJP", "BBC"
        if start > 0 and doc[start - 1].lower_ in _W.place_prepositions and \
                (end >= len(doc) or doc[end].tag_ != "POS"):
            return out + [("GPE", start, end)]      # "from Crimea": a region the gazetteer lacks
        return out


def _name_token(tok) -> bool:
    # proper nouns by the tagger, capitalised (not "iPhone", not an all-lower tagging slip)
    return tok.tag_ in _NAME_TAGS and tok.text[:1].isupper() and tok.text not in _W.not_names


def _locative(tok) -> bool:
    doc = tok.doc
    if tok.i > 0 and doc[tok.i - 1].lower_ in _W.locative_prepositions:
        return True
    if tok.i + 2 < len(doc) and doc[tok.i + 1].text == "," and doc[tok.i + 2].tag_ in _NAME_TAGS:
        return True                                 # "Riyadh, Saudi Arabia"
    return tok.dep_ in ("compound", "nmod") and tok.head.pos_ in ("NOUN", "PROPN")


def _has_org_word(doc, start: int, end: int) -> bool:
    return any(doc[k].lower_ in _W.org_words for k in range(start, end))


@Language.factory("date_entities")
def make_date_entities(nlp, name):
    return DateEntities()


@Language.factory("proper_name_entities")
def make_proper_name_entities(nlp, name):
    """Without names until :meth:`ProperNameEntities.use_names` (see the class)."""
    return ProperNameEntities()
