"""The ``event_circumstances`` component: where and when each trigger's event can have happened.

For each trigger it records, as :class:`Circumstances` on ``trigger.circumstances``: the place
attached to the trigger (:func:`detente.nlp.places.event_location`, or a capitalised place the
small NER model missed, "12 people in Kharkiv"), for event nouns the place of the verb they hang
on ("talks ... took place in Istanbul"), for acts that fall on a place the country named among
what the verb governs ("imposed a curfew in Cizre"), and the sentence's date expressions that can
date the event, best first (:func:`detente.nlp.dates.date_candidates`).  Resolving them needs
the story's date and the event's parties: :func:`event_date` and :func:`event_place` do that
when the story is assembled.
"""
from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date
from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..actors.kb import ActorKB
from ..actors.matcher import COUNTRYISH, Mention, mention_iso
from ..actors.tables import actor_rules
from ..nlp.dates import (background_words, before_story_period, date_candidates, first_resolved,
                         is_present_arrangement, resolve_date, when_clause_of)
from ..nlp.entity_index import entity_index
from ..nlp.syntax import SCAN_RADIUS, near_ancestors, near_subtree
from ..nlp.places import Gazetteer, event_location, in_water_name, is_city_noun, sweeps_its_object
from ..schema import Location
from . import grammar
from .modality import Trigger
from .tables import codes, words

_W = words()
_C = codes()


@dataclass
class Circumstances:
    place: Optional[Location]                 # the place attached to the trigger
    verb_place: Optional[Location]            # an event noun: the place of the verb it hangs on
    governed_place: Optional[tuple[str, str]]  # (ISO3, words): a country the event verb governs
    date_prefer: str                          # "past" | "future": how relative dates lean
    dates: list[Span] = field(default_factory=list)   # DATE entities that can date it, best first


class EventCircumstances:
    """Sets ``trigger.circumstances`` on every trigger of ``sent._.event_triggers``; needs the
    ``actor_mentions`` component's ``doc._.mention_at``."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer

    def __call__(self, doc: Doc) -> Doc:
        by_token = doc._.mention_at
        for sent in doc.sents:
            for trig in sent._.event_triggers:
                trig.circumstances = self.circumstances(sent, trig, by_token)
        return doc

    def circumstances(self, sent: Span, trig: Trigger, by_token: dict[int, Mention]) -> Circumstances:
        trigger = trig.match.trigger
        prefer, dates = date_candidates(sent, trig.anchor)
        return Circumstances(
            place=event_location(sent, trigger, self.gazetteer) or self.untagged_place(trig.anchor)
            or self.attack_place(sent, trig) or self.participle_place(sent, trigger)
            or self.conjunct_street_place(sent, trig) or self.named_facility_place(trig),
            verb_place=self.verb_place(sent, trigger, by_token) if trigger.pos_ in grammar.NOUN_POS else None,
            governed_place=self.governed_place(trig.anchor, by_token, trig.code.startswith(_C.violence))
            if trig.code.startswith(_C.place_target) else None,
            date_prefer=prefer, dates=dates)

    def lookup_whole_name(self, t: Token):
        """The gazetteer's place for the proper name headed by ``t``, read whole ("Khan Younis",
        "Wad Madani"), else for ``t`` alone."""
        name = " ".join(c.text for c in sorted([t, *(c for c in t.children if c.dep_ == "compound" and c.pos_ == "PROPN")],
                                               key=lambda c: c.i))
        return self.gazetteer.lookup(name) or (self.gazetteer.lookup(t.text) if name != t.text else None)

    def attack_place(self, sent: Span, trig: Trigger) -> Optional[Location]:
        """Violence whose doer is an attack on a place happens there: "a Russian strike on Kyiv
        killed 23 people", "the strike on Kyiv that killed 12" -- the victims are Kyiv's; and so
        does the attack noun that is the event itself ("Russian strikes on Kharkiv intensified",
        "the shelling of Kharkiv by Russian forces"), whatever tag the NER model gave the name."""
        if not trig.code.startswith(_C.violence):
            return None
        verb = trig.match.trigger
        carriers = [c for c in verb.children if c.dep_ == "nsubj" and c.pos_ in grammar.NOUN_POS]
        if verb.dep_ == "relcl" and verb.head.pos_ in grammar.NOUN_POS:
            carriers.append(verb.head)
        own = verb.pos_ in grammar.NOUN_POS and verb.lemma_.lower() in _W.attack_nouns
        if own:
            carriers.append(verb)
        for noun in [x for c in carriers for x in (c, *c.conjuncts)]:   # "a missile and drone attack on Kyiv"
            # (an attack noun's "of" phrase too: what is shelled -- "Russia's bombardment of Kharkiv")
            preps = (*_W.attack_place_prepositions, "of") if noun.lemma_.lower() in _W.attack_nouns \
                else _W.attack_place_prepositions
            for place in grammar.prep_objects(noun, preps):
                if place.pos_ != "PROPN":
                    # "strikes on the western city of Ternopil": the city's name
                    place = next((n for n in grammar.prep_objects(place, ("of",)) if named_by_place_noun(n)), place)
                if place.pos_ != "PROPN":
                    continue
                loc = self.lookup_whole_name(place)
                if loc is not None and loc.country:
                    return Location(name=loc.name, country=loc.country)
        return None

    def named_facility_place(self, trig: Trigger) -> Optional[Location]:
        """Violence on a facility named by its town happens in that town: "drones hit the
        Novorossiysk oil terminal", "struck the Saratov refinery" -- the town's name modifying
        the object, which the gazetteer knows as a place."""
        if not trig.code.startswith(_C.violence):
            return None
        verb = trig.anchor
        if verb.tag_ == "VBG" and verb.dep_ == "pcomp":
            return None     # "accused Russian forces of blowing up the Kakhovka dam": alleged, not told
        # (or the town owns it, and it is what the act is aimed at: "fired a missile at Tel
        # Aviv's airport")
        # ("fired drones at the Saratov refinery": the phrase hung on the weapon)
        holders = [verb, *(c for c in verb.children if c.dep_ == "dobj")]
        aimed_at = [o for h in holders for o in grammar.prep_objects(h, _W.facility_aim_prepositions)]
        for obj in (c for c in [*verb.children, *aimed_at] if c.dep_ in ("dobj", "nsubjpass", "pobj") and
                    c.lemma_.lower() in _W.facility_nouns):
            # (a possessor the tagger took for a person is still looked up: "Odesa's port")
            names = [c for c in obj.children if c.pos_ == "PROPN" and (
                c.dep_ == "compound" and c.ent_type_ not in ("PERSON", "NORP") or c.dep_ == "poss")]
            for name in names:
                loc = self.lookup_whole_name(name)
                whole = " ".join(t.text for t in name.lefts if t.dep_ == "compound" and t.pos_ == "PROPN")
                whole = f"{whole} {name.text}".strip()
                # (a town, not a country: "the US base" is no place of that name)
                if loc is not None and loc.country and self.gazetteer.city_population(whole) > 0:
                    return Location(name=loc.name, country=loc.country)
        return None

    def participle_place(self, sent: Span, verb: Token) -> Optional[Location]:
        """A participle clause happens where its verb does: "air strikes continued in Gaza City,
        killing at least five people" -- the killing is in Gaza City."""
        if verb.tag_ != "VBG" or verb.dep_ not in ("advcl", "xcomp", "conj") or verb.head.pos_ not in grammar.VERB_POS:
            return None
        return event_location(sent, verb.head, self.gazetteer) or self.untagged_place(verb.head)

    def conjunct_street_place(self, sent: Span, trig: Trigger) -> Optional[Location]:
        """Protest, coercion or violence told by a second verb of the first one's subject
        happens where the first does: "protesters stormed the embassy in Niamey and set fire to
        its gate" (not a verb with a subject of its own: "... and police fired tear gas"; and
        only such acts, whose doers and victims are placed by where they happen -- a call made
        after hosting talks at home is aimed at no one there)."""
        verb = trig.match.trigger
        if not trig.code.startswith(_C.street_acts) or verb.dep_ != "conj" or verb.pos_ not in grammar.VERB_POS \
                or verb.head.pos_ not in grammar.VERB_POS \
                or any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children):
            return None
        return event_location(sent, verb.head, self.gazetteer) or self.untagged_place(verb.head)

    def untagged_place(self, anchor: Token) -> Optional[Location]:
        """A place the small NER model did not tag ("12 people in Kharkiv"): a capitalised
        proper noun after in/near/outside, close under the event word, that the gazetteer knows."""
        for t in near_subtree(anchor):
            if t.dep_ == "pobj" and t.pos_ == "PROPN" and not t.ent_type_ and \
                    t.head.lower_ in _W.untagged_place_prepositions and len(t.text) >= 4 and t.text[0].isupper():
                depth, h = 0, t
                while h.i != anchor.i and depth < 4:
                    h, depth = h.head, depth + 1
                if h.i != anchor.i:
                    continue
                loc = self.lookup_whole_name(t)
                if loc is not None and loc.country:
                    return Location(name=loc.name, country=loc.country)
        return None

    def verb_place(self, sent: Span, noun: Token, by_token: dict[int, Mention]) -> Optional[Location]:
        """"talks ... took place in Istanbul": the place hangs on the noun's verb."""
        head = noun
        for _ in range(3):
            if head.head.i == head.i:
                break
            head = head.head
            if head.pos_ in grammar.VERB_POS:
                return event_location(sent, head, self.gazetteer) or \
                    (self.swept_place(head, by_token) if noun.dep_ == "nsubj" and head.i == noun.head.i else None)
        return None

    def swept_place(self, verb: Token, by_token: dict[int, Mention]) -> Optional[Location]:
        """The place a verb of unrest spreading names as its object, whatever tag the NER model
        gave it: "protests rocked the capital Antananarivo" (tagged ORG), "paralysed the Serbian
        capital" (the capital of the country its demonym names), "swept Kenya"."""
        if not sweeps_its_object(verb):
            return None
        for obj in (c for c in verb.children if c.dep_ == "dobj"):
            for t in (obj, *(c for c in obj.children if c.dep_ == "appos")):
                m = by_token.get(t.i)
                if m is not None and m.kind in COUNTRYISH and (iso := mention_iso(m)):
                    return Location(name=t.text, country=iso)
                if t.pos_ == "PROPN" and (loc := self.lookup_whole_name(t)) is not None and loc.country:
                    return Location(name=loc.name, country=loc.country)
            if is_city_noun(obj):
                for c in obj.children:
                    m = by_token.get(c.i)
                    if c.dep_ in ("amod", "compound", "poss") and m is not None and m.kind in COUNTRYISH \
                            and (iso := mention_iso(m)):
                        return Location(name=" ".join(x.text for x in obj.subtree), country=iso)
        return None

    def governed_place(self, anchor: Token, by_token: dict[int, Mention],
                       violent: bool = False) -> Optional[tuple[str, str]]:
        """A country or known place among what the event verb governs (not its subject).  The
        verb's own object is a place when the gazetteer knows it, whatever the small model tagged
        it ("shelled Kherson", "visited Odesa": often ORG, PERSON or nothing) -- a one-word name
        tagged PERSON only as what an act of violence falls on."""
        for t in grammar.dependents(anchor, max_depth=8, into_complements=True):
            if meeting_venue(t):
                continue    # "cancelled the summit in Budapest", "the Istanbul talks": held there
            if in_water_name(t.doc, t.i, t.i + 1):
                continue    # "seized a tanker in the Gulf of Oman": open sea, no country's
            if _in_embedded_subject(t, anchor):
                continue    # "launched 117 drones, a sign that Moscow did not want peace": who wants, not where
            if _under_an_agent(t, anchor):
                continue    # "freed 185 prisoners in a swap mediated by the UAE": who did it, not where
            m = by_token.get(t.i)
            iso = None
            if m is not None and m.kind == "demonym" and t.dep_ == "amod" and t.head.lemma_.lower() in _W.attack_nouns:
                continue    # "killed in a Russian drone strike": who struck, not where
            if m is not None and m.kind in COUNTRYISH:
                iso = mention_iso(m)
            elif m is None and (t.ent_type_ in grammar.PLACE_LABELS or self._object_place(t, anchor, violent)
                                or named_by_place_noun(t) or violent and self._struck_in(t, anchor)):
                loc = self.lookup_whole_name(t)
                iso = loc.country if loc is not None else None
            if iso:
                return iso, t.text
        return None

    @staticmethod
    def _struck_in(t: Token, anchor: Token) -> bool:
        """A proper name after the violent verb's own "in" or "at" ("hit a residential building in
        Sumy", "fired missiles at Odesa"), or after the "on" of the attack it happened in, whatever
        tag the NER model gave it: looked up as a place."""
        if t.dep_ != "pobj" or t.pos_ != "PROPN" or not t.text[:1].isupper() or \
                any(c.dep_ in ("compound", "flat") and c.pos_ == "PROPN" for c in t.children):
            return False
        prep = t.head
        # ... or after the "on" of the attack it happened in ("killed in a drone strike on Kharkiv")
        # ... or after the "at"/"against" of the weapons the verb launched ("launched Shahed drones
        # against Odesa", the phrase hung on the drones)
        weapon_aimed = prep.head.dep_ == "dobj" and prep.head.head.i == anchor.i and \
            prep.head.lemma_.lower() in _W.weapon_nouns and \
            prep.lower_ in set(_W.struck_place_prepositions) | set(_W.attack_target_prepositions)
        return prep.lower_ in _W.struck_place_prepositions and prep.head.i == anchor.i or weapon_aimed or \
            prep.lower_ in _W.attack_target_prepositions and prep.head.lemma_.lower() in _W.attack_nouns and \
            prep.head.head.head.i == anchor.i

    @staticmethod
    def _object_place(t: Token, anchor: Token, violent: bool) -> bool:
        """Could ``t``, the anchor's direct object, be a place the NER model missed?"""
        if t.dep_ != "dobj" or t.head.i != anchor.i or t.pos_ != "PROPN" or not t.text[:1].isupper():
            return False
        if any(c.pos_ == "PROPN" and c.dep_ in ("compound", "flat") for c in t.children):
            return False     # "Hakan Fidan": a name of several words is a person's
        return t.ent_type_ != "PERSON" or violent


def meeting_venue(t: Token) -> bool:
    """Does ``t`` name where a meeting is held: the city before a meeting noun ("the Budapest
    summit") or after its "in"/"at" ("talks in Istanbul"), or after the "in"/"at" of the verb
    whose object the meeting noun is ("signed a peace deal in Washington")?"""
    if t.dep_ == "compound":
        return t.head.lemma_.lower() in _W.meeting_nouns
    if t.dep_ != "pobj" or t.head.lower_ not in actor_rules().venue_prepositions:
        return False
    held = t.head.head
    return held.lemma_.lower() in _W.meeting_nouns or held.pos_ in grammar.VERB_POS and any(
        c.dep_ == "dobj" and c.lemma_.lower() in _W.meeting_nouns for c in held.children)


def named_by_place_noun(t: Token) -> bool:
    """Is ``t`` a proper name a place noun is said of -- "the village of Andriivka", "the Donetsk
    region" -- whatever tag the NER model gave it?"""
    if t.pos_ != "PROPN" or not t.text[:1].isupper():
        return False
    if t.dep_ == "compound" and t.head.lemma_.lower() in _W.place_nouns:
        return True
    return t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.lemma_.lower() in _W.place_nouns


def event_date(sent: Span, trig: Trigger, ref: Optional[date], inferred_year: Optional[int]):
    """(date, precision) of the event: from the sentence when a date there resolves and belongs
    to this event, else the story's date, else the year its full dates name.  None when the
    event is background: its own date lies before the story's period (history, a recap).

    Background is not news.  An event the story dates more than ``background.window_days``
    (data/nlp/dates.yaml) before the story's date is not coded: analysts bin events by date,
    and such an event has no true place in the story's period, while at its own date it is a
    stray sample of a period the corpus does not cover (the 2022 invasion recalled in every
    2025 story).  A date that is not the event's own -- one of another clause or of a noun
    ("the 2010 New START treaty") -- does not date it: the event takes the story's date."""
    reference = ref or (date(inferred_year, 12, 31) if inferred_year else None)
    rd = own_date(sent, trig, reference) if reference is not None else None
    if rd is not None and ref is not None and before_story_period(rd.iso, ref):
        return None
    if rd is not None and ref is not None and rd.precision == "year" and rd.iso == str(ref.year):
        # "earlier this year": some day of the story's year up to the story; binned by its
        # first day it would claim January, so it takes the story's date like an undated event
        return ref.isoformat(), "story"
    if rd is not None and ref is not None and rd.precision == "month" and rd.iso == ref.isoformat()[:7] and \
            _this_period(rd.text):
        # "this week", "during a visit this weekend": days around the story the resolver can only
        # place by their month -- the story's date is nearer ("in October", "two weeks ago" keep
        # their month)
        return ref.isoformat(), "story"
    if rd is not None and ref is not None and "future" in trig.rule_notes and (
            _after(rd.iso, ref) or rd.precision in ("month", "year") and ref.isoformat().startswith(rd.iso)):
        # "will meet Putin in Budapest on Thursday": the date is the meeting's, the intent is
        # said now -- an announcement belongs to the day it is made, not to the day it names (a
        # period the story's day lies in too: "will meet Zelensky next week", which the resolver
        # can only place by its month)
        return ref.isoformat(), "story"
    if rd is not None:
        return rd.iso, rd.precision
    if ref is not None and _follows_history(trig, ref):
        return None   # "After the Riyadh meeting in February, the two sides agreed" in September: a recap
    if ref is not None:
        return ref.isoformat(), "story"
    if inferred_year is not None:
        return str(inferred_year), "year"
    return None, "story"


_MONTH_WORDS = frozenset(m.lower() for m in (*calendar.month_name[1:], *calendar.month_abbr[1:]))


def _this_period(text: str) -> bool:
    """Is a date's text the story's own week or month ("this week", "this weekend", "this
    month"), named by no month ("this October")?"""
    words = [w.strip(".,").lower() for w in text.split()]
    return "this" in words and not any(w in _MONTH_WORDS for w in words)


def _follows_history(trig: Trigger, ref: date) -> bool:
    """Does the event, with no date of its own, follow ("after", "following" its own clause's
    verb) something dated before the story's period ("After the Riyadh meeting in February, the
    two sides agreed ..." in a September story)?  Then it is history too."""
    for head in dict.fromkeys((trig.anchor, trig.clause)):
        for c in head.children:
            if c.dep_ == "prep" and c.lower_ in _W.sequence_prepositions:
                span = c.doc[c.left_edge.i:c.right_edge.i + 1]
                for ent in span.ents:
                    got = resolve_date(ent.text, ref, prefer="past") if ent.label_ == "DATE" else None
                    if got is not None and before_story_period(got.iso, ref):
                        return True
    return False


def scheduled(sent: Span, trig: Trigger, ref: Optional[date]) -> bool:
    """Is the event at ``trig``, told as done (no "will"), dated after the story -- "Zelensky is
    heading to Washington Monday to meet Trump" in Sunday's story?  Then it is an arrangement,
    not yet an act."""
    if ref is None or "future" in trig.rule_notes or trig.negated or trig.governor is not None \
            or not is_present_arrangement(trig.clause):
        return False   # (a past tense dated after the story is the story's date gone wrong)
    rd = own_date(sent, trig, ref)
    return rd is not None and rd.precision == "day" and _after(rd.iso, ref)


def own_date(sent: Span, trig: Trigger, reference: date):
    """The first of the sentence's dates that is the event's own (not another clause's or a
    noun's, not what a statement is about), resolved against ``reference``; None when none is."""
    c = trig.circumstances
    own = [e for e in c.dates if not dates_other_event(sent, e.text, trig.anchor, trig.match.trigger)
           and not dates_content(sent, e.text, trig)]
    # an event noun's own date modifier dates it before any date of the verb it hangs on: "marked
    # the anniversary of last year's unrest on Wednesday" (the unrest is last year's), "Sunday's talks"
    noun = trig.match.trigger
    if noun.pos_ in grammar.NOUN_POS:
        own.sort(key=lambda e: not (e.root.head.i == noun.i and e.root.dep_ in _DATE_MODIFIER_DEPS))
    return first_resolved(own, reference, c.date_prefer)


# how a date hangs on the noun it dates: "last year's unrest", "the 2022 invasion"
_DATE_MODIFIER_DEPS = ("poss", "compound", "nummod", "amod", "npadvmod")


def _after(iso: str, ref: date) -> bool:
    """Does the (day, month or year) date ``iso`` lie wholly after ``ref``?"""
    return iso > ref.isoformat()[:len(iso)]


def dates_other_event(sent: Span, date_text: str, anchor: Token, trigger: Optional[Token] = None) -> bool:
    """Does the date belong to something else than the event at ``anchor`` (``trigger``: its
    event word, when another)?  True when the way from the date up to the event passes through
    "since", "after", "before", ... ("the first visit since Russia's invasion in February
    2022"), through another clause ("the war it launched in February 2022", "a deal, signed in
    2011"; not a "when" clause, which shares the event's time) or through a noun that is not
    the event's, as its modifier ("the 2010 New START treaty", "the treaty of 1960", "a deal
    from 2011")."""
    ent = entity_index(sent.doc).first_with_text(sent.start, sent.end, "DATE", date_text)
    if ent is None:
        return False
    if when_clause_of(ent, anchor):
        return False     # "since February, when Rubio and Lavrov met in Riyadh": the time the clause is of
    between = sent.doc[anchor.i + 1:min(ent.start, anchor.i + 1 + 2 * SCAN_RADIUS)]
    if anchor.i < ent.start and any(tok.lower_ == "since" for tok in between):
        return True  # "... to visit Washington since the invasion in February 2022" (however parsed)
    bg = background_words()
    t = ent.root
    event_path = {a.i for a in [anchor, *near_ancestors(anchor)]}
    if trigger is not None:
        event_path |= {a.i for a in [trigger, *near_ancestors(trigger)]}
    for _ in range(12):
        if t.i in event_path:
            return False
        if t.lower_ in _W.background_words and t.dep_ in ("prep", "mark", "advmod") and \
                not ent.start <= t.i < ent.end:
            return True     # (the date's own "ago" -- "met Lavrov three months ago" -- is no other event's)
        head = t.head
        if head.i == t.i:
            return False
        if t.dep_ in bg.clause_deps and not (t.dep_ == "advcl" and any(
                c.dep_ in ("mark", "advmod") and c.lower_ in bg.shared_time_marks for c in t.children)):
            return True
        if head.pos_ in grammar.NOUN_POS and head.i not in event_path and (
                t.dep_ in bg.noun_modifier_deps or t.dep_ == "prep" and t.lower_ in bg.noun_prepositions):
            # (but the date of the occasion the act was done at is the act's: "in a 2019 speech")
            return not _dated_occasion(head, event_path)
        t = head
    return False


def _dated_occasion(noun: Token, event_path: set[int]) -> bool:
    """Is ``noun`` an occasion the event was done at: "[In a 2019 speech], Putin accused ...",
    "[at the 2023 summit] they signed" (``dated_occasion_nouns`` after ``dated_occasion_prepositions``
    hung on the event's clause)?"""
    prep = noun.head
    return noun.lemma_.lower() in _W.dated_occasion_nouns and noun.dep_ == "pobj" and \
        prep.lower_ in _W.dated_occasion_prepositions and prep.head.i in event_path


def dates_content(sent: Span, date_text: str, trig: Trigger) -> bool:
    """Does the date belong to what a governing word is about rather than to its act?  "Lavrov
    agreed to meet Rubio in May", "urged Iran to hold talks next month": the agreement or the
    appeal is made now, the meeting is dated in May; a date on the governor ("agreed on Friday to
    meet") dates the event."""
    gov = trig.governor
    if gov is None or gov.i == trig.anchor.i:
        return False
    ent = entity_index(sent.doc).first_with_text(sent.start, sent.end, "DATE", date_text)
    if ent is None:
        return False
    content = {trig.anchor.i, trig.match.trigger.i}
    t = ent.root
    for _ in range(12):
        if t.i == gov.i:
            return False
        if t.i in content:
            return True
        if t.head.i == t.i:
            return False
        t = t.head
    return False


def event_place(trig: Trigger, parties: set, kb: ActorKB) -> Optional[Location]:
    """Where the event happened, unless that "place" is one of its parties."""
    c = trig.circumstances
    where = party_free(c.place, parties, kb)
    if where is None and c.verb_place is not None:
        where = party_free(c.verb_place, parties, kb)
    return where


def party_free(where: Optional[Location], parties: set, kb: ActorKB) -> Optional[Location]:
    """Drop a 'place' that is one of the event's parties named as a country ("US-Russia
    talks" is not an event in Russia), or an organisation ("at the United Nations")."""
    if where is None:
        return None
    if where.country in parties and kb.country_names.get(where.name) == where.country:
        return None
    name = where.name[4:] if where.name.lower().startswith("the ") else where.name
    if name in kb.igos or name in kb.metonyms or name in kb.people:
        return None
    return where


@Language.factory("event_circumstances")
def make_event_circumstances(nlp: Language, name: str) -> EventCircumstances:
    """``nlp.add_pipe("event_circumstances")`` after ``actor_mentions`` and ``event_modality``."""
    return EventCircumstances(Gazetteer())


def _in_embedded_subject(t: Token, anchor: Token) -> bool:
    """Is ``t`` in the subject of a clause below ``anchor`` (not of ``anchor`` itself)?"""
    node = t
    for _ in range(10):
        if node.i == anchor.i or node.head.i == node.i:
            return False
        if node.dep_ in ("nsubj", "nsubjpass") and node.head.i != anchor.i:
            return True
        node = node.head
    return False


def _under_an_agent(tok: Token, anchor: Token) -> bool:
    """Does ``tok`` lie in a passive's "by" phrase below ``anchor``, or in the "by" phrase of the
    event noun ``anchor`` ("a swap mediated by the United Arab Emirates")?  That names a doer, not
    a place."""
    t = tok
    for _ in range(8):
        if t.i == anchor.i or t.head.i == t.i:
            return False
        if t.dep_ == "agent" or t.dep_ == "prep" and t.lower_ == "by" and t.head.i == anchor.i and \
                anchor.pos_ in grammar.NOUN_POS:
            return True    # (or the event noun's own "by": "the shelling of the village by Russian forces")
        t = t.head
    return False
