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
from importlib import resources

import yaml

# Words that make a proper-noun run an organisation (lower case).
ORG_WORDS = frozenset("""ministry ministries council party union army navy forces force corps
bank committee commission agency organization organisation association company corporation corp
inc ltd llc group front movement court parliament assembly congress senate duma knesset
university institute fund federation league alliance brigade brigades battalion regiment division
police guard guards service services department office bureau authority authorities
administration cabinet secretariat foundation network coalition board tribunal airlines airways
railways reuters times post news press agency media radio tv television channel broadcasting
church mosque synod caliphate hezbollah hamas taliban militia militias""".split())
# Words that make it a geographic feature (LOC).
LOC_WORDS = frozenset("""sea ocean gulf bay strait straits strip river mountains mountain valley
desert peninsula island islands lake coast basin plateau region canal""".split())
# Words that make it a building or site (FAC) or a named occasion (EVENT).
FAC_WORDS = frozenset("""palace hotel airport building house hall square centre center base
embassy consulate prison hospital stadium bridge port harbour harbor plant station kremlin
street avenue road boulevard highway park museum cathedral monument memorial tower""".split())
EVENT_WORDS = frozenset("""day summit conference forum talks war games olympics cup festival
dialogue week""".split())
# Religious, ethnic and political groups (NORP) beyond the KB's country demonyms.
GROUP_WORDS = frozenset("""muslim muslims christian christians jewish jews jew kurd kurds kurdish
arab arabs sunni sunnis shia shiite shiites catholic catholics orthodox hindu hindus buddhist
buddhists tamil tamils uighur uighurs uyghur uyghurs rohingya pashtun pashtuns druze yazidi
yazidis alawite alawites roma igbo hausa yoruba tutsi tutsis hutu hutus baloch berber berbers
republican republicans democrat democrats democratic conservative conservatives labour liberal
liberals socialist socialists communist communists islamist islamists western""".split())
# Titles in front of a name ("President", "Foreign Minister", "Gen."): not part of the PERSON.
TITLE_WORDS = frozenset("""mr mr. mrs mrs. ms ms. dr dr. president vice prime minister ministers
secretary general gen gen. lt lt. colonel col col. major maj maj. captain capt capt. admiral adm
adm. sergeant sgt sgt. chancellor king queen prince princess crown sheikh emir sultan ayatollah
pope cardinal archbishop bishop ambassador envoy spokesman spokeswoman spokesperson governor mayor
senator sen sen. rep rep. representative deputy foreign defense defence interior finance chief
commander premier speaker chairman chairwoman chair director leader judge justice special
attorney state national security adviser advisor counsellor first lady sir lord""".split())
# Lower-case particles inside names ("Mohammed bin Salman", "Charles de Gaulle")
NAME_PARTICLES = frozenset("bin ibn al el de del der van von da di la le ul ben abu".split())

_NAME_TAGS = frozenset({"NNP", "NNPS"})


@functools.lru_cache(maxsize=1)
def date_patterns() -> list[str]:
    """The regular expressions of data/nlp/date_patterns.yaml, sets and spaces expanded."""
    text = (resources.files("detente") / "data" / "nlp" / "date_patterns.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    sets: dict[str, str] = {}

    def expand(pattern: str) -> str:
        def one(m: re.Match) -> str:
            name = m.group(1)
            if name not in sets:
                raise ValueError(f"date_patterns.yaml: unknown set {{{name}}} in {pattern!r}")
            return sets[name]
        return _SET_REF.sub(one, pattern)

    for name, value in (data.get("sets") or {}).items():
        sets[name] = expand(str(value))            # sets may use earlier sets
    return [expand(str(p)).replace(" ", r"\s+") for p in data["patterns"]]


_SET_REF = re.compile(r"\{([A-Z_]+)\}")


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
    """The ``proper_name_entities`` pipeline component (see the module docstring)."""

    def __init__(self, place_lookup=None, kb=None) -> None:
        self._place_lookup = place_lookup
        self._kb = kb

    def _resources(self):
        if self._kb is None:
            from ..actors.kb import default_kb

            self._kb = default_kb()
        if self._place_lookup is None:
            from .places import _default_gazetteer

            gaz = _default_gazetteer()
            self._place_lookup = lambda name: gaz.lookup(name) is not None
        return self._kb, self._place_lookup

    def __call__(self, doc):
        kb, is_place = self._resources()
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
            if (tok.text in kb.demonyms or (tok.lower_ in GROUP_WORDS and tok.text[:1].isupper())) \
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
                elif (t.lower_ in NAME_PARTICLES or t.text in ("-", "of", "for", "and")) and j + 1 < n \
                        and not taken[j + 1] and _name_token(doc[j + 1]) and \
                        (t.text != "and" or _has_org_word(doc, i, j)) and \
                        (t.text not in ("of", "for") or _has_org_word(doc, i, j) or
                         doc[j - 1].lower_ in ORG_WORDS):
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
        if text in kb.demonyms or (end - start == 1 and doc[start].lower_ in GROUP_WORDS):
            return [("NORP", start, end)]
        out: list[tuple[str, int, int]] = []
        # a leading country word is its own entity: "Saudi Crown Prince Mohammed bin Salman"
        while start < end - 1 and (doc[start].text in kb.demonyms or doc[start].text in kb.country_names):
            out.append(("NORP" if doc[start].text in kb.demonyms else "GPE", start, start + 1))
            start += 1
        words = [t.lower_ for t in doc[start:end]]
        text = doc[start:end].text
        if any(w in ORG_WORDS for w in words):
            return out + [("ORG", start, end)]
        if words[-1] in LOC_WORDS:
            return out + [("LOC", start, end)]
        if words[-1] in FAC_WORDS:
            return out + [("FAC", start, end)]
        if words[-1] in EVENT_WORDS:
            return out + [("EVENT", start, end)]
        if text in kb.people:
            return out + [("PERSON", start, end)]
        if (end - start > 1 or _locative(doc[start])) and is_place(text):
            # one capitalised word is a place only where places stand ("in Accra", "Accra,
            # Ghana", "Kharkiv region"): ethnic groups and surnames share city names ("Roma")
            return out + [("GPE", start, end)]
        k = start
        while k < end and words[k - start] in TITLE_WORDS:
            k += 1
        if k == end:
            return out                              # only titles: "Foreign Minister"
        if k > start or end - k >= 2:
            return out + [("PERSON", k, end)]       # "President Museveni", "Dominique DuRant"
        word = doc[start].text
        if len(word) >= 2 and word.isupper() and word.isalpha():
            return out + [("ORG", start, end)]      # an acronym: "BJP", "BBC"
        if start > 0 and doc[start - 1].lower_ in _PLACE_PREPS and \
                (end >= len(doc) or doc[end].tag_ != "POS"):
            return out + [("GPE", start, end)]      # "from Crimea": a region the gazetteer lacks
        return out


def _name_token(tok) -> bool:
    # proper nouns by the tagger, capitalised (not "iPhone", not an all-lower tagging slip)
    return tok.tag_ in _NAME_TAGS and tok.text[:1].isupper() and tok.text not in ("I", "A")


# prepositions after which an unknown single name is taken for a place ("to", "of" are not:
# "talked to Lavrov", "the words of Lavrov")
_PLACE_PREPS = frozenset("in at from near outside into across inside".split())
_LOCATIVE_PREPS = frozenset("""in at from to near outside into across toward towards around via
between through inside within of off""".split())


def _locative(tok) -> bool:
    doc = tok.doc
    if tok.i > 0 and doc[tok.i - 1].lower_ in _LOCATIVE_PREPS:
        return True
    if tok.i + 2 < len(doc) and doc[tok.i + 1].text == "," and doc[tok.i + 2].tag_ in _NAME_TAGS:
        return True                                 # "Riyadh, Saudi Arabia"
    return tok.dep_ in ("compound", "nmod") and tok.head.pos_ in ("NOUN", "PROPN")


def _has_org_word(doc, start: int, end: int) -> bool:
    return any(doc[k].lower_ in ORG_WORDS for k in range(start, end))

