"""The event lexicon: verb and noun patterns per CAMEO code, read from
``detente/data/lexicon/*.yaml`` (syntax in that folder's README.md), matched on spaCy parses.

A verb pattern "impose sanction" fires on a verb whose lemma is "impose" when "sanction" is
found among its dependents (objects, particles, prepositions, complement verbs, up to three
levels down, never inside its subject).  A noun pattern "peace talk" fires on a noun "talk"
modified by "peace".  When several patterns fire on one trigger the most specific wins: more
matched words first, then the more specific CAMEO code.
"""
from __future__ import annotations

import functools
import itertools
import math
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Annotated, Iterable, Optional

import yaml
from pydantic import BeforeValidator, RootModel, ValidationError, model_validator
from spacy.tokens import Doc, Token

from ..actors.compiled import FOLDER as COMPILED_FOLDER, VerbSelection, verb_selection
from ..datafiles import DataModel, DataProblem, cameo_codes, parse
from ..errors import DetenteError
from ..nlp.syntax import hyphen_joined, steps_up
from ..ontology import PLOVER_TYPES
from .grammar import (closes_its_phrase, closing_prepositions, dates_only, dependents, in_an_adverbial_phrase,
                      in_the_setting, is_particle, noun_after_objectless_verb, of_a_record, other_sense,
                      phrasal_particle, phrasal_particles, relative_object_antecedent, singular, takes_nothing)
from .tables import words

_W = words()

# a code or a pattern written without quotes ("code: 173") is read as the text it shows
_Text = Annotated[str, BeforeValidator(lambda v: str(v) if isinstance(v, (int, float)) else v)]


class PatternEntry(DataModel):
    """One entry of a pattern file (syntax: ``data/lexicon/README.md``)."""

    code: _Text
    label: Optional[str] = None
    verbs: tuple[_Text, ...] = ()
    nouns: tuple[_Text, ...] = ()
    note: Optional[str] = None
    passive_only: bool = False
    active_only: bool = False
    swap: bool = False
    speaker_threatens: bool = False
    speaker_praises: bool = False
    owed_to_others: bool = False
    needs_target: bool = False
    future_only: bool = False
    denied_only: bool = False
    negated_code: Optional[_Text] = None
    also_code: Optional[_Text] = None
    # the PLOVER type when it is not its CAMEO code's (PLOVER splits what CAMEO keeps in one code:
    # a ceasefire agreed to is CONCEDE, one implemented RETREAT -- both CAMEO 0871)
    plover_type: Optional[_Text] = None


class PatternFile(RootModel[tuple[PatternEntry, ...]]):
    @model_validator(mode="after")
    def _codes_exist(self) -> "PatternFile":
        for i, entry in enumerate(self.root):
            cameo_codes([entry.code], f"entry {i + 1} ({entry.label or 'no label'}): code")
            for key in ("negated_code", "also_code"):
                if getattr(entry, key) is not None:
                    cameo_codes([getattr(entry, key)], f"entry {i + 1} ({entry.label or 'no label'}): {key}")
            if entry.plover_type is not None and entry.plover_type not in PLOVER_TYPES:
                raise ValueError(f"entry {i + 1} ({entry.label or 'no label'}): plover_type "
                                 f"{entry.plover_type!r} is no PLOVER event type")
        return self


class CompiledPatternEntry(PatternEntry):
    """An entry of the compiled PETRARCH2 verb dictionary (``data/compiled/petrarch2/lexicon``):
    ``family`` is its PETRARCH verb block, ``source`` its file:line, ``origin`` the verb it was
    written for, ``reciprocal`` the target-to-source code of a paired code."""

    family: str
    source: str
    origin: Optional[str] = None
    reciprocal: Optional[_Text] = None


class CompiledPatternFile(RootModel[tuple[CompiledPatternEntry, ...]]):
    @model_validator(mode="after")
    def _codes_exist(self) -> "CompiledPatternFile":
        return PatternFile._codes_exist(self)     # the same check as our files'


@dataclass(frozen=True)
class Pattern:
    code: str
    words: tuple[frozenset[str], ...]     # first slot: trigger lemma(s); then required dependents
    kind: str                             # "verb" | "noun"
    text: str                             # as written in the YAML
    source_file: str
    passive_only: bool = False
    active_only: bool = False
    swap: bool = False
    speaker_threatens: bool = False       # "Iran will pay a heavy price, Katz said"
    speaker_praises: bool = False         # "the exchange is a show of good faith from the Russians"
    owed_to_others: bool = False          # "would keep observing the treaty's limits": never self-directed
    needs_target: bool = False            # "reaffirmed its commitment to a durable peace": no one's, no event
    future_only: bool = False             # "Russia will retaliate": told of the future only ("retaliated": no act named)
    denied_only: bool = False             # "did not rule out sanctions": codes only denied, as the act held open
    negated_code: Optional[str] = None    # what its negation says: "was not happy with Putin" (110)
    also_code: Optional[str] = None       # a second event the act is: a prison sentence is also an arrest (173)
    plover_type: Optional[str] = None     # PLOVER's type where it splits the code: a ceasefire agreed to (CONCEDE)

    @property
    def rule_id(self) -> str:
        return f"{self.kind}:{self.code}:{self.text}"

    @property
    def specificity(self) -> tuple[int, int]:
        return (len(self.words), len(self.code))


@dataclass
class Match:
    pattern: Pattern
    trigger: Token
    tokens: tuple[Token, ...]             # trigger + the dependents that matched

    @property
    def score(self) -> tuple[int, int]:
        return self.pattern.specificity


@dataclass
class Lexicon:
    verbs: dict[str, list[Pattern]] = field(default_factory=dict)
    nouns: dict[str, list[Pattern]] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)

    @classmethod
    def load(cls, extra: Iterable[str | Path] = (), compiled: Optional["VerbSelection"] = None) -> "Lexicon":
        """detente's pattern files, the user's files in ``extra``, then the compiled PETRARCH2
        verb families that ``compiled`` selects (default: ``data/compiled/selection.yaml``'s),
        minus every form the patterns before them already have (ours win)."""
        lex = cls()
        base = resources.files("detente") / "data" / "lexicon"
        names = sorted(p.name for p in base.iterdir() if p.name.endswith(".yaml")
                       and p.name != "modality.yaml")
        for name in names:
            lex._add_file((base / name).read_text(encoding="utf-8"), name)
        for path in extra:
            lex._add_file(Path(path).read_text(encoding="utf-8"), str(path))
        lex._add_compiled(compiled if compiled is not None else verb_selection())
        return lex

    def _add_compiled(self, chosen: "VerbSelection") -> None:
        """The compiled verb families of the chosen CAMEO roots.  They fire only through
        detente's grammar like any pattern (the trigger verb as the head, roles from the parse,
        modality); a form an earlier pattern has (same words, any code) is left out."""
        roots = {root for root, choice in chosen.roots.items() if choice.load}
        if not roots:
            return
        ours = _verb_forms(self.verbs)
        base = resources.files("detente") / "data" / "compiled" / COMPILED_FOLDER / "lexicon"
        for res in sorted(base.iterdir(), key=lambda r: r.name):
            if not res.name.endswith(".yaml") or res.name[:2] not in roots:
                continue
            where = f"compiled/{COMPILED_FOLDER}/lexicon/{res.name}"
            self.files.append(where)
            for entry in _read_compiled(res.read_text(encoding="utf-8"), where).root:
                choice = chosen.roots[res.name[:2]]
                if entry.family in chosen.drop_families or entry.family in choice.drop_families or \
                        entry.source in chosen.drop_entries:
                    continue
                for text_ in entry.verbs:
                    slots = [frozenset(w.split("|")) for w in text_.strip().lower().split()]
                    if len(slots) == 1 and not choice.bare_verbs:
                        continue
                    if chosen.narrow_to_origin and entry.origin and entry.origin in slots[0]:
                        slots[0] = frozenset([entry.origin])
                    for kept in _without_forms(slots, ours):
                        pat = Pattern(code=entry.code, words=kept, kind="verb",
                                      text=" ".join("|".join(sorted(s)) for s in kept),
                                      source_file=f"{where} ({entry.source})", passive_only=entry.passive_only,
                                      active_only=entry.active_only, swap=entry.swap)
                        for lemma in kept[0]:
                            self.verbs.setdefault(lemma, []).append(pat)

    def _add_file(self, text: str, where: str) -> None:
        self.files.append(where)
        for entry in parse(PatternFile, text, where, empty=[]).root:
            for kind, texts in (("verb", entry.verbs), ("noun", entry.nouns)):
                for text_ in texts:
                    text_ = text_.strip().lower()
                    slots = [frozenset(w.split("|")) for w in text_.split()]
                    if not slots:
                        continue
                    if kind == "noun":  # the head noun is the last word; modifiers precede it
                        slots = [slots[-1], *slots[:-1]]
                    pat = Pattern(code=entry.code, words=tuple(slots), kind=kind, text=text_,
                                  source_file=where, passive_only=entry.passive_only,
                                  active_only=entry.active_only, swap=entry.swap,
                                  speaker_threatens=entry.speaker_threatens,
                                  speaker_praises=entry.speaker_praises,
                                  owed_to_others=entry.owed_to_others, needs_target=entry.needs_target,
                                  future_only=entry.future_only, denied_only=entry.denied_only,
                                  negated_code=entry.negated_code,
                                  also_code=entry.also_code, plover_type=entry.plover_type)
                    index = self.verbs if kind == "verb" else self.nouns
                    for lemma in slots[0]:
                        index.setdefault(lemma, []).append(pat)

    def vocabulary(self) -> set[str]:
        """Every word the patterns name, in any slot."""
        return {w for index in (self.verbs, self.nouns) for pats in index.values() for p in pats
                for slot in p.words for w in slot}

    # ------------------------------------------------------------------ matching
    def match_verb(self, verb: Token) -> Optional[Match]:
        pats = self.verbs.get(verb.lemma_.lower())
        if not pats or takes_nothing(verb):
            return None
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
        pats = [p for p in pats if not (p.passive_only and not passive or p.active_only and passive)]
        particle = phrasal_particle(verb)
        if particle is not None:  # "kicked off the summit": only patterns naming "off" fire
            pats = [p for p in pats if any(particle.lower_ in slot for slot in p.words[1:])]
        predicate = next((c for c in verb.children if c.dep_ == "oprd"), None)
        if predicate is not None and verb.lemma_.lower() in _W.evaluation_verbs:
            # "Maduro called the elections fraud": what a verb of judging names its object calls
            # nothing -- of the patterns naming more than the verb, only those naming the
            # predicate fire ("branded them terrorists"; a bare "hailed the deal a breakthrough" praises)
            pats = [p for p in pats
                    if len(p.words) == 1 or any(predicate.lemma_.lower() in slot for slot in p.words[1:])]
        return _best_match(_naming(pats, other_sense(verb)), verb, _verb_context, anchored_particles=True)

    def match_noun(self, noun: Token, form: Optional[str] = None) -> Optional[Match]:
        """``form``: the noun's pattern word where it is not the lemma (a gerund's own form)."""
        pats = self.nouns.get(form or noun.lemma_.lower())
        if not pats:
            return None
        return _best_match(_naming(pats, other_sense(noun)), noun, _modifiers, anchored_particles=False)


def _verb_context(verb: Token) -> list[Token]:
    """A verb's dependents; an aspectual verb's, or a verb of stopping's, reach into its
    complement's own phrases too: "resumed issuing visas" is "resume issue visa", "stop imposing
    tariffs" is "stop tariff"."""
    lemma = verb.lemma_.lower()
    # (a verb of designating reaches further: the parser hangs what something is declared on its
    # name, "designated the broadcaster Deutsche Welle an undesirable organisation")
    found = dependents(verb, max_depth=5 if lemma in _W.designating_verbs else 3,
                       into_complements=lemma in _W.aspectual_verbs or lemma in _W.halting_reach_verbs
                       or lemma in _W.wishing_reach_verbs)
    # (and a preposition closing the object's "of" phrases however deep: "raised the issue of
    # detained Americans with Lavrov" -- see grammar.closes_its_phrase)
    seen = {t.i for t in found}
    closing = [t for obj in verb.children if obj.dep_ == "dobj" for t in closing_prepositions(obj)
               if t.i not in seen]
    found = sorted(found + closing, key=lambda t: t.i) if closing else found
    # ("provided Ukraine with $3 billion in loans": what an amount is in is what is given)
    amounts = [t for t in found if (t.ent_type_ == "MONEY" or t.lemma_.lower() in _W.currency_nouns)
               and t.dep_ in ("dobj", "pobj")]
    if amounts:
        seen = {t.i for t in found}
        found = sorted(found + [o for a in amounts for p in a.children if p.dep_ == "prep" and p.lower_ == "in"
                                for o in p.children if o.dep_ == "pobj" and o.i not in seen], key=lambda t: t.i)
    # (an object the parser hung elsewhere, right after a verb left with none: "China and Japan
    # traded accusations over Takaichi's remarks", "accusations" read as a later verb's subject)
    nxt = noun_after_objectless_verb(verb)
    if nxt is not None and nxt.dep_ in ("nsubj", "nsubjpass") and nxt.head.i > nxt.i and \
            all(t.i != nxt.i for t in found):
        found = sorted([*found, nxt], key=lambda t: t.i)
    antecedent = relative_object_antecedent(verb)
    if antecedent is not None:
        # "Egypt proposed a ceasefire plan, which Hamas accepted": the plan is what was accepted
        found = [*(c for c in antecedent.lefts if c.dep_ in ("compound", "amod")), antecedent, *found]
    return found


def _naming(pats: list[Pattern], word: Optional[Token]) -> list[Pattern]:
    """With a word that makes the trigger another word ("met its obligations", "a press
    conference"), only the patterns that name that word."""
    if word is None:
        return pats
    return [p for p in pats if any(word.lemma_.lower() in slot or word.lower_ in slot for slot in p.words[1:])]


def _best_match(pats: list[Pattern], trigger: Token, context, anchored_particles: bool) -> Optional[Match]:
    """The most specific of ``pats`` whose further words are found, in order, among
    ``context(trigger)`` (computed once, when a pattern needs it)."""
    tokens = None
    keys: list[tuple[str, str, str]] = []
    particles: tuple[Token, ...] = ()
    best: Optional[Match] = None
    best_reach = 0
    for pat in pats:
        if best is not None and (pat.specificity < best.score or pat.specificity == best.score and len(pat.words) == 1):
            continue
        if len(pat.words) == 1:
            best = Match(pat, trigger, (trigger,))
            continue
        if tokens is None:
            tokens = context(trigger)
            keys = _word_keys(tokens)
            if anchored_particles:
                particles = tuple(t for t in tokens if t.dep_ == "prt" and t.head.i == trigger.i)
        found = _find_in_order(pat.words[1:], tokens, keys, trigger if anchored_particles else None, particles)
        if found is None:
            continue
        # of two patterns as specific, the one whose words hang nearer the trigger: "rejected
        # French mediation in the talks" rejects the mediation (its object), not the talks
        reach = sum(steps_up(t, trigger) for t in found)
        if best is None or pat.specificity > best.score or reach < best_reach:
            best, best_reach = Match(pat, trigger, (trigger, *found)), reach
    return best


def _modifiers(noun: Token) -> list[Token]:
    """A noun's modifiers, and the words of its "of" phrase: "a suspension of air links" is an
    "air link suspension", "the sale of arms" an "arm sale" (the "of" phrase of a
    nominalization is its object)."""
    mods = [c for c in noun.lefts if c.dep_ in ("compound", "amod", "nmod", "npadvmod")]
    # ... and theirs: "joint military drills" read as joint -> military -> drills
    mods = sorted(mods + [g for c in mods for g in c.lefts if g.dep_ in ("compound", "amod")], key=lambda t: t.i)
    for obj in _of_objects(noun):
        mods += [c for c in obj.lefts if c.dep_ in ("compound", "amod")] + [obj]
    # ... and of a halt's "in"/"on" phrase: "a pause in strikes" is a "strike pause"
    if noun.lemma_.lower() in _W.halt_nouns:
        mods += [obj for prep in noun.rights if prep.dep_ == "prep" and prep.lower_ in _W.halt_noun_prepositions
                 for obj in prep.children if obj.dep_ == "pobj"]
    return mods


def _of_objects(noun: Token) -> list[Token]:
    return [obj for prep in noun.rights if prep.dep_ == "prep" and prep.lower_ == "of"
            for obj in prep.children if obj.dep_ == "pobj"]


def _word_keys(tokens: list[Token]) -> list[tuple[str, str, str]]:
    """The forms a pattern's slot may name each token by (lemma, word, a name's singular), read
    once per context: every pattern of a trigger looks through the same tokens."""
    return [(t.lemma_.lower(), t.lower_, singular(t)) for t in tokens]


def _find_in_order(slots: tuple[frozenset[str], ...], tokens: list[Token], keys: list[tuple[str, str, str]],
                   trigger: Optional[Token] = None, particles: tuple[Token, ...] = ()) -> Optional[list[Token]]:
    """Find each slot's word among ``tokens`` in order.  A preposition or particle must hang
    on the trigger or on a word already matched, after the trigger: "approve of" is not
    "approved a package of sanctions", "On Monday he called ..." no "call on"; the particle of a
    phrasal verb must be a particle ("give in"); the verb's own ``particles`` count wherever they
    stand ("called the strikes off" is "call off strike").  ``keys``: the tokens' ``_word_keys``."""
    found = []
    pos = 0
    for slot in slots:
        particle = next((c for c in particles if c.lower_ in slot), None) if particles else None
        if particle is not None and particle not in found:
            found.append(particle)
            continue
        for j in range(pos, len(tokens)):
            lemma, word, one = keys[j]
            if lemma in slot or word in slot or one in slot:
                t = tokens[j]
                if t.dep_ == "prep" and t.pos_ == "VERB" and t.lower_ not in slot:
                    continue  # a participle as a preposition is that word only: "According to the
                    # Pentagon, U.S. forces struck a vessel" is no "strike accord"
                if trigger is not None and t.pos_ in ("ADP", "PART") and \
                        (t.head.i not in {trigger.i, *(f.i for f in found)} or t.i < trigger.i) and \
                        not (found and t.i > trigger.i and closes_its_phrase(t, found[-1])):
                    continue  # ... and come after the verb: "On Monday the spokesman called ..." is no "call on"
                if trigger is not None and not found and t.pos_ == "ADP" and \
                        any(c.dep_ == "oprd" and c.i < t.i for c in trigger.children):
                    continue  # after what the verb names its object, a phrase of the naming:
                    # "called the deal a great day for the world" calls for nothing
                if t.dep_ == "amod" and t.tag_ in ("VBN", "VBG") and t.lower_ not in slot:
                    continue  # a participle is no noun of its verb: "a planned summit was shelved"
                    # shelves no plan
                if t.pos_ == "ADP" and dates_only(t):
                    continue  # a time phrase: "ended their strike on Monday" is no strike on anything
                if trigger is not None and t.lower_ in phrasal_particles(trigger.lemma_.lower()) \
                        and t.head.i == trigger.i and not is_particle(t):
                    continue  # "gave him a warm welcome in Nairobi" is no "give in"
                if trigger is not None and t.pos_ not in ("NOUN", "PROPN", "VERB", "NUM") and \
                        (t.i >= 2 and hyphen_joined(t.doc[t.i - 2], t) or
                         t.i + 2 < len(t.doc) and hyphen_joined(t, t.doc[t.i + 2])):
                    continue  # a particle-like half of a hyphened word is no particle: "ordered an all-out
                    # offensive" is no "order out" (a noun half still counts: "cease-fire")
                if t.pos_ in ("NOUN", "PROPN") and of_a_record(t, slots):
                    continue  # "exchanged lists of prisoners" exchanges no prisoners
                if trigger is not None and t.pos_ in ("NOUN", "PROPN") and in_the_setting(t, trigger, slots):
                    continue  # "declared victory in the war" declares no war
                if trigger is not None and t.pos_ == "NOUN" and in_an_adverbial_phrase(t, trigger, slots):
                    continue  # "rallied in support of the mayor" rallies no support
                if t.pos_ == "PROPN" and _in_a_name(t):
                    continue  # "contacts with the European Union" names no trade union
                if found and found[-1].dep_ == "prep" and t.pos_ in ("NOUN", "PROPN") and \
                        not found[-1].is_ancestor(t):
                    continue  # the noun after a preposition is its object: "pulled out of the
                    # corridor under the truce deal" pulls out of no deal
                if t.pos_ in ("NOUN", "PROPN") and trigger is not None and _reversed_on_the_way(t, trigger, slots):
                    continue  # "demanded an end to Western military aid" demands no aid
                sense = other_sense(t) if t.pos_ in ("NOUN", "PROPN") else None
                if sense is not None and not any(sense.lemma_.lower() in s or sense.lower_ in s for s in slots):
                    continue  # "waged a trade war" is no "wage war"
                found.append(t)
                pos = j + 1
                break
        else:
            return None
    return found


def _reversed_on_the_way(tok: Token, trigger: Token, slots: tuple[frozenset[str], ...]) -> bool:
    """Does a noun of ending or cutting that the pattern does not name (``ending_nouns``,
    ``halting_nouns``, ``reversing_nouns``) stand between ``tok`` and the trigger: "demanded an
    end to Western military aid", "urged a halt to arms deliveries" ask for no aid, no arms?"""
    named = set().union(*slots)
    t = tok.head
    while t.i != trigger.i and t.head.i != t.i:
        low = t.lemma_.lower()
        if low not in named and (low in _W.ending_nouns or low in _W.halting_nouns or low in _W.reversing_nouns):
            return True
        t = t.head
    return False


# mention kinds whose words are a name, never the common noun a pattern names
_NAME_KINDS = frozenset({"igo", "country", "capital"})


def _in_a_name(tok: Token) -> bool:
    """Is ``tok`` a word of the name of a country or an international body the actor
    annotator found ("Union" in "the European Union", "Nations" in "the United Nations")?"""
    if not Doc.has_extension("mention_at"):
        return False
    m = (tok.doc._.mention_at or {}).get(tok.i)
    if m is not None and tok.i == m.end - 1 and tok.lemma_.lower() in _W.named_kind_nouns:
        return False    # "handed Duterte to the International Criminal Court": a court still
    return m is not None and m.kind in _NAME_KINDS and m.end - m.start > 1


def _read_compiled(text: str, where: str) -> CompiledPatternFile:
    """A compiled verb file: generated, never hand-edited, and ten times the size of ours, so it
    is read with libyaml (no duplicate-key check; the compiler writes one key each) and then
    validated like every data file."""
    try:
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or []
        return CompiledPatternFile.model_validate(data)
    except yaml.YAMLError as exc:
        raise DetenteError("E206", path=where, error=str(exc).replace("\n", " ")) from exc
    except ValidationError as exc:
        err = exc.errors()[0]
        raise DetenteError("E206", path=where, error=f"{'.'.join(map(str, err['loc']))}: {err['msg']}") from None
    except DataProblem as exc:
        raise DetenteError(exc.entry, path=where, **exc.fields) from None


def _verb_forms(index: dict[str, list[Pattern]]) -> dict[tuple[str, int], set[tuple[str, ...]]]:
    """Every word sequence the verb patterns of ``index`` spell out (``|`` expanded), by
    (trigger word, length)."""
    forms: dict[tuple[str, int], set[tuple[str, ...]]] = {}
    for pat in {id(p): p for pats in index.values() for p in pats}.values():
        for form in itertools.product(*(sorted(s) for s in pat.words)):
            forms.setdefault((form[0], len(form)), set()).add(form)
    return forms


def _without_forms(slots: list[frozenset[str]],
                   forms: dict[tuple[str, int], set[tuple[str, ...]]]) -> list[tuple[frozenset[str], ...]]:
    """``slots`` as patterns that spell none of ``forms``: the trigger words with no such form
    keep the whole pattern; for each other trigger word, the pattern less those forms."""
    n = len(slots)
    size = math.prod(len(s) for s in slots[1:])
    taken = {}
    for w in slots[0]:
        ours = forms.get((w, n))
        if not ours:
            continue
        if size <= len(ours):   # whichever is smaller is walked
            fs = {f for rest in itertools.product(*slots[1:]) if (f := (w, *rest)) in ours}
        else:
            fs = {f for f in ours if all(x in s for x, s in zip(f[1:], slots[1:]))}
        if fs:
            taken[w] = fs
    out: list[tuple[frozenset[str], ...]] = []
    if slots[0] - taken.keys():
        out.append((slots[0] - taken.keys(), *slots[1:]))
    for w in sorted(taken):
        parts = [(frozenset([w]), *slots[1:])]
        for form in sorted(taken[w]):
            parts = [q for p in parts for q in _less_form(p, form)]
        out.extend(parts)
    return out


def _less_form(pattern: tuple[frozenset[str], ...], form: tuple[str, ...]) -> list[tuple[frozenset[str], ...]]:
    """``pattern`` less the one word sequence ``form``, as at most one pattern per slot: the
    sequences that leave ``form`` first at slot i."""
    if not all(w in s for w, s in zip(form, pattern)):
        return [pattern]
    out = []
    for i, slot in enumerate(pattern):
        if slot - {form[i]}:
            out.append((*(frozenset([w]) for w in form[:i]), slot - {form[i]}, *pattern[i + 1:]))
    return out


@functools.lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    return Lexicon.load()
