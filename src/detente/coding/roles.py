"""The ``event_roles`` component: the phrases of a sentence that can be an event's source and
target, read off the dependency parse.

For each trigger (``sent._.event_triggers``) it records, as :class:`RoleSlots` on
``trigger.roles``, the tokens heading those phrases: the subject (or the "by" agent of a
passive), the speaker of reported speech, who is asked or told, the objects and prepositional
objects that can be the target (in the order they are tried), and for event nouns the
possessor, modifiers and prepositional phrases ("US-Russia talks", "Putin's visit to Beijing",
"talks between Iran and the US").  Which of them name an actor -- through the knowledge base,
pronouns, "both sides" or the story's country -- depends on the rest of the story and is decided
when the story is assembled (:mod:`detente.coding.resolution`).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import AbstractSet, Callable, Optional

from spacy.language import Language
from spacy.tokens import Doc, Token

from ..actors.matcher import Mention
from ..actors.tables import actor_rules
from ..nlp.entity_index import entity_at
from ..nlp.syntax import hyphen_joined, near_subtree
from . import grammar
from .triggers import SAID_CRITICISM, SAID_PRAISE
from .lexicon import Match
from .modality import Trigger
from .tables import codes, words

_W = words()
_C = codes()
_PARTY_PREPOSITIONS = tuple(actor_rules().object_party_prepositions)
_PASSIVE_DEPS = ("nsubjpass", "auxpass")
_STANCE_PARTICIPLES = actor_rules().stance_participles
_TOPIC_VERBS = actor_rules().topic_verbs
_MUTUAL_CODES = tuple(actor_rules().mutual_codes)
_IN_OBJECT_PARTICIPLES = actor_rules().in_object_participles
_MATTER_PREPOSITIONS = _W.matter_prepositions


@dataclass
class NominalSlots:
    """The phrases of an event noun that name its parties, each list in sentence order."""

    sources: list[Token] = field(default_factory=list)          # possessor, "by ...", "from ..."
    participants: list[Token] = field(default_factory=list)     # "US-Russia talks", "talks among ..."
    targets: list[tuple[Token, bool]] = field(default_factory=list)  # (object, after "in")
    between: list[Token] = field(default_factory=list)          # "a meeting between X and Y"
    of_objects: list[Token] = field(default_factory=list)       # "Russia's invasion of Ukraine"


@dataclass
class RoleSlots:
    """Where a trigger's source and target can be found; see the module docstring."""

    nominal: Optional[NominalSlots] = None   # for event nouns: the noun's own phrases
    nominal_only: bool = False               # a noun that is its own anchor: only its phrases count
    passive: bool = False                    # a passive clause ("were expelled by Poland")
    subject: Optional[Token] = None
    partner_source: Optional[Token] = None   # "spoke with Lavrov to discuss": the main clause's subject
    agent: Optional[Token] = None            # the "by" phrase of a passive
    subject_names_someone: bool = False
    agent_names_someone: bool = False
    speaker: Optional[Token] = None
    anchor_subject: Optional[Token] = None   # "X said Y must ...": Y
    asked: Optional[Token] = None            # "urged Israel to ...", "demanded that Israel ..."
    target_candidates: list[Token] = field(default_factory=list)
    violence_place: Optional[str] = None     # ISO3 of a place in the clause of an act of violence
    received: bool = False                   # "drew criticism from Kyiv": the subject is the target


class EventRoles:
    """Sets ``trigger.roles`` on every trigger of ``sent._.event_triggers``; needs the
    ``actor_mentions`` component's ``doc._.mention_at``.  ``place_country`` maps a place name
    to its country's ISO3 (the gazetteer)."""

    def __init__(self, place_country: Callable[[str], Optional[str]]) -> None:
        self.place_country = place_country

    def __call__(self, doc: Doc) -> Doc:
        by_token = doc._.mention_at
        for sent in doc.sents:
            for trig in sent._.event_triggers:
                trig.roles = self.slots(trig, by_token)
        return doc

    def slots(self, trig: Trigger, by_token: dict[int, Mention]) -> RoleSlots:
        m = trig.match
        anchor = trig.anchor
        clause = trig.clause
        nominal = nominal_slots(m.trigger, {t.i for t in m.tokens}) if m.pattern.kind == "noun" else None
        # ("said Moscow must be ready for talks": the intent a demand absorbed has the subject asked)
        obliged = trig.absorbed if trig.deontic and trig.absorbed is not None and anchor.i == m.trigger.i else None
        # ("there have been contacts with Beijing": what "there" is, is an event told by its noun)
        own_anchor = anchor.i == m.trigger.i or anchor.i == m.trigger.head.i and grammar.existential(m.trigger) \
            and trig.code.startswith(_C.visit)
        if nominal is not None and own_anchor and obliged is None and not (
                trig.governor is not None and _clause_head(trig.governor) and not nominal.sources and (
                    trig.governor_kind == "intent" or trig.governor_kind == "appeal" and m.trigger.head.i == trig.governor.i)):
            return RoleSlots(nominal=nominal, nominal_only=True)
        if nominal is not None and trig.governor is None and obliged is None and \
                any(t.dep_ == "pobj" and t.head.lower_ == "by" for t in nominal.sources):
            # "The UAE announced the release of 84 prisoners by Russia and Ukraine": a noun that
            # names its doers with "by" is theirs, not the announcer's
            return RoleSlots(nominal=nominal, nominal_only=True)
        # (a noun whose intent governor is a verb -- "Moscow remained open to dialogue with
        # Washington" -- is that verb's subject's: its clause gives the source; so is a headline's
        # adjective with a subject and no verb, "Putin says Russia ready for talks")
        passive = any(c.dep_ in _PASSIVE_DEPS for c in anchor.children) or _shares_passive(anchor)
        agent = grammar.by_agent(anchor)
        if agent is None and passive:
            # "the vessel was destroyed in a US strike": whose the attack it happened in is, did it
            # (a possessor's attack -- "in Russia's attack on Kharkiv" -- is read as its noun's event)
            agent = next((d for c in anchor.children if c.dep_ == "prep" and c.lower_ == "in"
                          for a in c.children if a.dep_ == "pobj" and a.lemma_.lower() in _W.attack_nouns
                          for d in a.children if d.dep_ in ("compound", "amod") and
                          d.ent_type_ in ("GPE", "NORP") and d.i < a.i), None)
        if agent is not None and agent.lemma_.lower() in _W.weapon_nouns:
            # "wounded by a landmine planted by Cambodian forces": the weapon's user is the doer
            agent = next((a for c in agent.children if c.dep_ == "acl" and c.tag_ == "VBN"
                          for a in [grammar.by_agent(c)] if a is not None), agent)
        if passive and trig.code.startswith(_C.intent) and trig.match.pattern.code.startswith(_C.intent) \
                and agent is None:
            passive = False  # "Vietnam is committed to ...", "X is prepared to ...": a state, said of X
            # (not an act foretold in the passive: "the prisoners would be released" frees them)
        if not passive and _to_blame(anchor):
            passive = True  # "Kosovo was to blame for the tensions": Kosovo is blamed, by whoever says so
        if not passive and m.pattern.code == _C.death_in_attack and anchor.lemma_.lower() in _W.dying_verbs:
            passive = True  # "a soldier died in an attack by militants": the dead suffered it, as if killed
        if not passive and agent is not None and anchor.dep_ == "acl" and anchor.tag_ == "VBN" and \
                grammar.summed_up_act(anchor.head) is not None:
            passive = True   # "In a move condemned by Beijing, ...": Beijing condemns
        if passive and agent is None and anchor.lemma_.lower() in _STANCE_PARTICIPLES:
            passive = False  # "Turkey is opposed to Sweden's mediation": Turkey's own stand
        subj = grammar.subject(clause)
        if subj is not None and grammar.in_speaker_label(subj):
            # "Vladimir Putin: Thank you very much": the label names who speaks, no subject -- the
            # clause's own subject after the label, when the parser gave it two ("Vladimir Putin:
            # President Trump proposed the meeting himself")
            subj = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass") and c.i > subj.i
                         and not grammar.in_speaker_label(c)), None)
        partner_source = None
        if subj is not None and clause.dep_ == "advcl" and any(
                c.dep_ == "mark" and c.lower_ == "with" for c in clause.children):
            # a common small-model misparse: "spoke with Lavrov to discuss ..." read as a clause
            # "with [Lavrov] to discuss": the partner is the target, the source is the subject
            # of the main clause
            partner_source = grammar.subject(clause.head)
        asked = None
        if trig.governor_kind in ("appeal", "demand", "permit", "enforce", "threaten") and trig.governor.i != anchor.i:
            # (a noun asked for -- "Ukraine wants a ceasefire with Russia" -- has its own partner)
            # "demanded that Israel ease ...": who is asked is the asked-for clause's subject;
            # "urged Israel to ease ...", "warned Russia to agree ... or face sanctions": the
            # governor's object
            own = next((c for c in anchor.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            asked = own if own is not None else grammar.direct_object(trig.governor)
            if own is None and asked is not None and asked.pos_ in grammar.NOUN_POS:
                # "renewed its call on Russia to accept a ceasefire", "stepped up pressure on
                # Russia to ...": the governing noun's "on" names who is asked
                # (or the one a relative clause says it was given to: "the deadline he had given Russia")
                given = [o for r in asked.children if r.dep_ == "relcl" and r.lemma_.lower() == "give"
                         for o in r.children if o.dep_ in ("dobj", "dative") and o.pos_ == "PROPN"]
                asked = next(iter(grammar.prep_objects(asked, ("on", "upon")) + given), asked)
            if trig.governor_kind == "permit" and own is None and asked is not None and asked.pos_ in grammar.NOUN_POS:
                # "gave permission to the UN to send food", "granted Egypt permission to deploy
                # troops": who is let do it is the one the permission is given to
                permitted = [c for c in trig.governor.children if c.dep_ in ("dative", "iobj") and c.pos_ != "ADP"] + \
                    [p for c in trig.governor.children if c.dep_ in ("dative", "prep") and c.lower_ == "to"
                     for p in c.children if p.dep_ == "pobj"] + grammar.prep_objects(asked, ("to",))
                asked = next(iter(permitted), asked)
            gov = trig.governor
            if trig.governor_kind in ("appeal", "demand") and gov.pos_ in grammar.VERB_POS and \
                    any(c.dep_ in _PASSIVE_DEPS for c in gov.children):
                # "Kenya was urged by Uganda to join the talks": the passive's subject is asked,
                # its "by" phrase asks (with none, whoever reports it: no one here)
                asked = next((c for c in gov.children if c.dep_ == "nsubjpass"), asked)
                subj = grammar.by_agent(gov)
        # "Trump's remarks drew sharp criticism from Kyiv", "Iran faced new sanctions from the EU":
        # the event noun is what the subject gets, from whoever its own phrases name
        # (not the fate a warning foretells: "warned the PKK to leave Syria or face an offensive"
        # threatens the PKK with Turkey's offensive)
        received = nominal is not None and not passive and m.trigger.dep_ == "dobj" and \
            m.trigger.head.i == anchor.i and anchor.lemma_.lower() in _W.receiving_verbs and \
            trig.governor_kind != "threaten"
        return RoleSlots(
            nominal=nominal, passive=passive, subject=subj, received=received, partner_source=partner_source, agent=agent,
            subject_names_someone=subj is not None and names_someone(subj, by_token),
            agent_names_someone=agent is not None and names_someone(agent, by_token),
            speaker=grammar.speaker(clause),
            # (an adverb's is its verb's: "deliberately intruded" -- blame at the adverb)
            anchor_subject=grammar.subject(obliged if obliged is not None else
                                           anchor.head if anchor.dep_ == "advmod" else anchor),
            asked=asked,
            target_candidates=target_candidates(trig),
            violence_place=self.violence_place_of(anchor, by_token) if trig.code.startswith(_C.violence) else None)

    def violence_place_of(self, anchor: Token, by_token: dict[int, Mention]) -> Optional[str]:
        """The place of an act of violence, or of the act its verb is coordinated with: "a
        bombing near Samarra killed one soldier and wounded two others" wounded them near Samarra."""
        iso = self.violence_place(anchor, by_token)
        if iso is None and anchor.dep_ in ("conj", "xcomp") and anchor.head.pos_ in grammar.VERB_POS:
            # (or of the verb whose complement it is: "attacks on Ukraine's cities continue to kill")
            iso = self.violence_place(anchor.head, by_token)
        if iso is None:
            # (or where the harm a participle adds was done: "fired missiles overnight, killing 12
            # people in Kharkiv")
            iso = next((found for c in _participles(anchor, _W.harm_verbs)
                        if (found := self.violence_place(c, by_token))), None)
        if iso is None and anchor.dep_ == "relcl":
            # (or of the act a relative clause tells more of: "Russia's attack on Kyiv, which
            # killed at least 23 people" -- the clause often hung on the attack's target)
            act = grammar.attack_of_its_target(anchor.head, _W.attack_target_prepositions)
            if act.pos_ in grammar.NOUN_POS and act.lemma_.lower() in _W.attack_nouns:
                iso = self.violence_place(act, by_token)
        return iso

    def violence_place(self, anchor: Token, by_token: dict[int, Mention]) -> Optional[str]:
        """The country of a place named anywhere in the event's clause after a locative
        preposition, the subject included ("a car bomb explosion in eastern Beirut killed ...",
        "a device outside the Iraqi city of Basra")."""
        for t in near_subtree(anchor):
            if t.pos_ != "PROPN" or not t.text[:1].isupper():
                continue
            h, locative = t, False
            for _ in range(5):
                if h.dep_ == "prep" or h.i == anchor.i:
                    # (or what an attack noun is aimed at: "Russia's attacks on Ukraine's cities
                    # continue to kill civilians")
                    if h.lower_ in _W.violence_place_prepositions or h.dep_ == "prep" and \
                            h.lower_ in _W.attack_target_prepositions and h.head.lemma_.lower() in _W.attack_nouns:
                        locative = True
                        break
                    if h.lower_ != "of" or h.i == anchor.i:
                        break
                h = h.head
            if not locative:
                continue
            m = by_token.get(t.i)
            if m is not None:
                if m.kind in ("country", "capital"):
                    return m.value
                continue
            # (a town the small model takes for a product -- "in Kramatorsk" -- is still a town
            # the gazetteer knows, after a preposition of place)
            if t.ent_type_ in ("GPE", "LOC", "NORP", "FAC", "PRODUCT", "WORK_OF_ART", ""):
                ent = entity_at(t)
                iso = self.place_country(ent.text if ent is not None else t.text)
                if iso:
                    return iso
        return None


def _participles(anchor: Token, lemmas: frozenset[str]) -> list[Token]:
    """The participles of ``lemmas`` that tell more of an act, with no subject of their own:
    "launched an attack, striking Kyiv", "fired artillery across the border, killing 12 people"."""
    return [c for c in anchor.children if c.dep_ in ("advcl", "conj") and c.tag_ == "VBG"
            and c.lemma_.lower() in lemmas
            and not any(s_.dep_ in ("nsubj", "nsubjpass", "mark") for s_ in c.children)]


_NO_PLACE_LABELS = ("PERSON", "ORG", "DATE", "TIME", "EVENT", "LAW")   # (the small model tags towns GPE, PRODUCT, ...)


def _names_a_place(clause: Token) -> bool:
    """Does ``clause`` name a place after a preposition of place ("killing 12 people in Kharkiv")?"""
    return any(t.pos_ == "PROPN" and t.text[:1].isupper() and t.ent_type_ not in _NO_PLACE_LABELS
               for p in clause.subtree if p.dep_ == "prep" and p.lower_ in _W.violence_place_prepositions
               for t in p.subtree)


def names_someone(tok: Token, by_token: dict[int, Mention]) -> bool:
    """Does the phrase name an actor at all (a person, a group, an organisation), as opposed
    to a thing or an event ("a roadside bombing", "an attempt")?"""
    if by_token.get(tok.i) is not None:
        return True
    return any(t.pos_ == "PROPN" or t.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")
               for t in (tok, *tok.lefts))   # "the UNITA militarist wing"


def _clause_head(tok: Token) -> bool:
    """Does ``tok`` head a clause: a verb, or an adjective with a subject of its own and no verb
    (a headline's "Russia ready for talks")?"""
    return tok.pos_ in grammar.VERB_POS or tok.pos_ == "ADJ" and any(c.dep_ == "nsubj" for c in tok.children)


def nominal_slots(noun: Token, own: AbstractSet[int] = frozenset()) -> NominalSlots:
    """The parties' phrases of a nominal event: "US-Russia talks", "Putin's visit to Beijing",
    "talks between Iran and the US", "sanctions against Iran by the EU" -- never the words of the
    pattern itself (``own``: "intelligence sharing" names no intelligence service)."""
    slots = NominalSlots()
    for c in noun.children:
        if c.i in own:
            continue
        if c.dep_ == "poss":
            slots.sources.append(c)
        elif c.dep_ in ("compound", "amod", "nmod") and c.i < noun.i:
            # "US-Russia talks": the modifier's own compounds are parties too, and a word joined
            # to it by a hyphen ("Russian-American consultations", "U.S.-Russian talks")
            slots.participants.extend([c, *(d for d in near_subtree(c) if d.i != c.i and (
                d.dep_ in ("compound", "conj") or hyphen_joined(d, c)))])
        elif c.dep_ == "prep":
            for p in c.children:
                if p.dep_ != "pobj":
                    continue
                if c.lower_ == "from" and noun.lemma_.lower() in _W.exit_words:
                    slots.targets.append((p, False))            # "their withdrawal from ECOWAS": left
                elif c.lower_ in _W.source_prepositions:          # "by", "from"
                    slots.sources.append(p)
                elif c.lower_ in _W.between_prepositions:
                    slots.participants.append(p)
                elif c.lower_ in _W.nominal_target_prepositions:
                    slots.targets.append((p, c.lower_ == "in"))
                elif c.lower_ == "at" and p.lemma_.lower() in _W.level_nouns:
                    # "contacts at different levels with Russian counterparts": the parser hangs
                    # the partner's "with" inside the phrase of rank
                    slots.targets.extend((w, False) for t in p.subtree if t.dep_ == "prep" and t.lower_ == "with"
                                         for w in t.children if w.dep_ == "pobj")
    if not any(c.dep_ == "prep" and c.lower_ == "by" for c in noun.children):
        # "the expulsion of two Polish diplomats by Belarus": the parser hangs the doer's "by" on
        # the "of" object (whose own "by" it never is: no one's diplomats are "by" anyone)
        slots.sources.extend(grammar.misplaced_by_agents(noun))
    slots.between = grammar.prep_objects(noun, _W.between_prepositions)
    if not slots.between:
        # "the exchange of prisoners between Russia and Ukraine": the parser hangs the noun's
        # "between" on its "of" object (prisoners are not between anyone)
        misplaced = [p for o in grammar.prep_objects(noun, ("of",))
                     for p in grammar.prep_objects(o, _W.between_prepositions)]
        slots.between += misplaced
        slots.participants += misplaced
    verb = noun.head
    if noun.dep_ == "nsubj" and verb.pos_ in grammar.VERB_POS and verb.lemma_.lower() in _W.outbreak_verbs:
        # "fighting raged between X and Y": the verb's "between" names the noun's sides
        sides = grammar.prep_objects(verb, _W.between_prepositions)
        slots.between += sides
        slots.participants += sides
    slots.of_objects = grammar.prep_objects(noun, ("of",))
    return slots


def _by_doers(noun: Token, verb: Token) -> list[Token]:
    """Who a pattern noun names with "by" as its doer: its own "by" phrase, one the parser hung on
    its "of" object, else -- for the object of an active verb -- the verb's own "by" phrase, where
    the parser hung it ("vetoed the acquisition of US Steel by a Japanese company")."""
    found = grammar.prep_objects(noun, ("by",)) or grammar.misplaced_by_agents(noun)
    if found or noun.dep_ != "dobj" or noun.head.i != verb.i or any(c.dep_ in _PASSIVE_DEPS for c in verb.children):
        return found
    return [p for p in grammar.prep_objects(verb, ("by",)) if p.pos_ in grammar.NOUN_POS]


def _offered_as_venue(verb: Token) -> bool:
    """Does ``verb`` say its object is to serve as where a meeting is held ("offered the Vatican
    as a venue", words.yaml ``venue_roles``)?"""
    return any(p.lemma_.lower() in _W.venue_roles for p in grammar.prep_objects(verb, ("as",)))


def _shares_passive(verb: Token) -> bool:
    """Is ``verb`` a participle conjoined to a passive verb, with no subject or auxiliary of its
    own ("three civilians were killed or injured": injured too)?"""
    return grammar.bare_participle_conjunct(verb) and any(c.dep_ in _PASSIVE_DEPS for c in verb.head.children)


def traded_between_subjects(m: Match) -> bool:
    """Do coordinated subjects trade or exchange blows or words with each other ("Israel and Iran
    traded strikes", "China and Japan traded accusations": the object one of the verb's
    ``other_senses``)?  Then whoever else the sentence names is no target."""
    verb = m.trigger
    lemma = verb.lemma_.lower()
    if lemma not in actor_rules().mutual_verbs or verb.pos_ not in grammar.VERB_POS:
        return False
    subject = grammar.subject(verb)
    return subject is not None and bool(subject.conjuncts) and \
        any(t.lemma_.lower() in _W.other_senses.get(lemma, ()) for t in m.tokens[1:])


def target_candidates(trig: Trigger) -> list[Token]:
    """The phrases that can be the target of a verbal event, in the order they are tried."""
    m = trig.match
    anchor = trig.anchor
    if secures_release(m):
        return holders(m.tokens[1:])
    if traded_between_subjects(m):
        return []    # "China and Japan traded accusations over Takaichi's Taiwan remarks": each other
    matched_preps = {t.lower_ for t in m.tokens[1:] if t.dep_ in ("prep", "agent", "dative")}
    cand: list[Token] = []
    pattern_tokens = {t.i for t in m.tokens[1:]}
    expressed = m.trigger.lemma_.lower() in _W.expressing_verbs
    envoy = grammar.sent_person(anchor)     # "sent Witkoff to Moscow": the envoy is the sender's own
    # (sanctions imposed, or eased: by the code the act ends with or by the pattern's own)
    imposed = trig.code.startswith(_C.imposed_on) or m.pattern.code.startswith(_C.imposed_on)
    # 1. direct objects and datives of the verb (or of the light verb), then of pattern nouns
    for head in (anchor, *m.tokens[1:]):
        for c in head.children:
            if expressed and c.i in pattern_tokens:
                continue    # "reaffirmed U.S. support for Taiwan": the support expressed is one's own
            if c.i in pattern_tokens and c.lemma_.lower() in _W.led_party_nouns | _W.topic_nouns:
                continue    # "headed the Russian delegation at the talks": the delegation led is one's
                # own; "raised the question of Taiwan with the U.S.": the question is no party
            if c.dep_ == "dobj" and head.i == anchor.i and _offered_as_venue(anchor):
                continue    # "offered Istanbul as the venue for the talks": a place, not a party
            if envoy is not None and c.i == envoy.i:
                continue
            if c.dep_ == "dobj" and imposed and c.lemma_.lower() in _W.sanction_instruments and \
                    (on := grammar.prep_objects(c, _W.sanction_target_prepositions)):
                cand.extend(on)     # "moved to reimpose UN sanctions on Iran": on Iran, not the UN
                continue
            if c.dep_ in ("dobj", "dative", "iobj", "attr", "oprd"):
                cand.append(c)  # a pattern noun too: "rejected an Indian proposal" -> IND
                if c.lemma_.lower() in _W.others_words and head.i == anchor.i and anchor.dep_ == "conj" \
                        and anchor.head.pos_ in grammar.VERB_POS:
                    # "killed one U.S. soldier and wounded two others": others of the same side
                    cand.extend(o for o in anchor.head.children if o.dep_ == "dobj")
    # a relative pronoun beside another object is the object of a verb below ("M23 rebels, which
    # Kinshasa accuses Kigali of backing": Kigali is accused): the noun first
    if any(c.lower_ in _W.relative_pronouns for c in cand) and any(c.lower_ not in _W.relative_pronouns for c in cand):
        cand.sort(key=lambda c: c.lower_ in _W.relative_pronouns)
    # ... and whom a consultation is with, where the parser hung the "with" on the object's "of"
    # phrases: "discussed the prospects of a settlement of the crisis with Lavrov"
    if trig.code.startswith(_C.visit):
        cand.extend(p for obj in anchor.children if obj.dep_ == "dobj" for t in grammar.closing_prepositions(obj)
                    if t.lower_ == "with" and t.head.i != obj.i for p in t.children if p.dep_ == "pobj")
    # 2. prepositional objects: those the pattern names first, then the usual ones; a protest
    #    "outside the Israeli embassy" is aimed at Israel
    preps = _W.target_prepositions
    if trig.code.startswith(_C.protest) or m.trigger.lemma_.lower() in _W.throwing_verbs:
        preps = preps | _W.protest_target_prepositions     # (thrown "at" someone)
    elif trig.code.startswith(_C.violence):
        # ("fired missiles at Israel"; not whom one fights for: "fought for Russia in Kursk")
        preps = (preps | _W.violence_target_prepositions) - _W.behalf_prepositions
    if trig.code.startswith(_C.force_posture) and not m.pattern.swap:
        # "launched drills around Taiwan", "held exercises off Japan": the party the show of force
        # surrounds, first of all (not where forces were spotted: "tracked a Russian submarine off
        # the coast of Norway")
        cand[:0] = [p for head in (anchor, *m.tokens[1:]) for c in head.children
                    if c.dep_ == "prep" and c.lower_ in _W.posture_target_prepositions
                    for p in c.children if p.dep_ == "pobj"]
    # "demanded the withdrawal of Serbian forces (from Bosnia)": who is to do what the
    # pattern noun names comes before any other prepositional object
    # (not of a venue noun: "met Lavrov on the sidelines of the General Assembly" is a meeting
    # with Lavrov)
    # (nor of a topic noun: "raised the cases of detained Americans with Lavrov" is with Lavrov)
    # (sanctions named there fall on whom their "on"/"against" names, not on their owner:
    # "triggered the snapback of UN sanctions on Iran")
    cand[:0] = [q for t in m.tokens[1:] if t.pos_ in grammar.NOUN_POS and t.lemma_.lower() not in _W.venue_nouns
                and t.lemma_.lower() not in _W.topic_nouns for p in grammar.prep_objects(t, ("of",))
                for q in ((grammar.prep_objects(p, _W.sanction_target_prepositions) or [p])
                          if p.lemma_.lower() in _W.sanction_instruments else [p])]
    # ... and before those, who is named with "by" as the noun's doer: "vetoed the acquisition of US
    # Steel by a Japanese company" is aimed at the buyer, not at what it would buy
    cand[:0] = [p for t in m.tokens[1:] if t.pos_ in grammar.NOUN_POS and t.dep_ not in ("nsubj", "nsubjpass")
                for p in _by_doers(t, anchor)]
    # ... and the state an envoy is sent to: "appointed a new ambassador to the United States" is
    # aimed at the United States, not at the ambassador (the appointer's own)
    cand[:0] = [p for t in m.tokens[1:] if t.lemma_.lower() in _W.accredited_nouns
                for p in grammar.prep_objects(t, ("to",))]
    # ... and the body a membership is in: "suspended its participation in the CSTO"
    cand[:0] = [p for t in m.tokens[1:] if t.lemma_.lower() in _W.membership_nouns
                for p in grammar.prep_objects(t, ("in",))]
    # ... and before that, whose it is when a modifier says so: "rejected U.S. criticism of its
    # oil purchases" is aimed at the U.S., not at what was criticised
    answered = [*m.tokens[1:], *(c for c in anchor.children if c.dep_ == "dobj")]
    cand[:0] = [c for t in answered if t.pos_ in grammar.NOUN_POS and t.lemma_.lower() in _W.authored_nouns
                for c in t.children if c.dep_ in ("compound", "amod", "nmod") and c.i < t.i]
    # ... and first of all the doer an act noun names in a "by" phrase or as its possessor, when
    # the verb answers the act: "condemned the expulsion of two Polish diplomats by Belarus",
    # "welcomed Venezuela's release of two American citizens" (not the diplomats' Poland, the
    # citizens' United States)
    if trig.code.startswith(_C.reaction_to_act):
        acts = [c for c in anchor.children if c.dep_ in ("dobj", "nsubjpass") and c.pos_ in grammar.NOUN_POS
                and not (expressed and c.i in pattern_tokens)]   # ("conveyed the United States' disappointment": its own)
        # (and the two an act is "between": "welcomed the exchange of prisoners between Russia and
        # Ukraine" is aimed at both)
        # (and a "by" phrase the parser hung on the verb, after the act: "condemned the killings by
        # police"; an agent noun compounded on the act: "condemned the police killings")
        mentions = anchor.doc._.mention_at or {}
        passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in anchor.children)
        cand[:0] = [*(p for p in grammar.prep_objects(anchor, ("by",)) if acts and not passive and p.i > acts[0].i),
                    *(c for act in acts for c in act.children if c.dep_ == "compound" and c.pos_ == "NOUN"
                      and (mt := mentions.get(c.i)) is not None and mt.kind == "agent")]
        cand[:0] = [a for act in acts for a in [*grammar.prep_objects(act, ("by",)), *grammar.misplaced_by_agents(act),
                                                *(p for p in act.children if p.dep_ == "poss" and p.pos_ != "PRON"),
                                                *grammar.prep_objects(act, ("between",)),
                                                *(p for o in grammar.prep_objects(act, ("of",))
                                                  for p in grammar.prep_objects(o, ("between",)))]]
    # ... and whom an act is blamed on or attributed to, before the act itself: "the strike on the
    # hospital, which Ukraine blamed on Russia", "attributed the sabotage to Moscow"
    if trig.code.startswith(_C.disapprove) and anchor.pos_ in grammar.VERB_POS:
        cand[:0] = grammar.prep_objects(anchor, _W.attributing_participles.get(anchor.lemma_.lower(), ()))
    # ... and before all, for an appeal, demand or criticism, whose act it asks to end: "urged
    # an end to U.S. military support for Taiwan", "demanded a halt to NATO expansion"
    if trig.code.startswith(_C.addressed + _C.disapprove):
        cand[:0] = [d for c in anchor.children if c.dep_ == "dobj" or c.dep_ == "prep" and c.lower_ == "for"
                    for e in ([c] if c.dep_ == "dobj" else [p for p in c.children if p.dep_ == "pobj"])
                    if e.lemma_.lower() in _W.ending_nouns
                    for act in grammar.prep_objects(e, ("to", "of", "on"))
                    for d in act.children if d.dep_ in ("compound", "amod", "nmod", "poss") and d.i < act.i
                    and d.pos_ in ("PROPN", "ADJ")]
    standing = grammar.standing_noun(m.trigger)   # "wants a ceasefire agreement with Russia"
    # (what an act is over or about comes after whom it is with, words.yaml matter_prepositions --
    # and what several subjects do with each other is over, about or on its matter, aimed at no one:
    # "Japan and the Philippines agreed to share intelligence on Chinese maritime activity")
    subject = grammar.subject(anchor) if anchor.pos_ in grammar.VERB_POS else None
    mutual_subjects = subject is not None and bool(subject.conjuncts) and \
        (trig.code.startswith(_MUTUAL_CODES) or m.pattern.code.startswith(_MUTUAL_CODES))
    matters: list[Token] = []
    for head in (anchor, *m.tokens, *([standing] if standing is not m.trigger else [])):
        for c in head.children:
            if c.dep_ in ("prep", "dative") and (c.lower_ in matched_preps or c.lower_ in preps or
                                                 c.lower_ == "in" and head.lemma_.lower() in _IN_OBJECT_PARTICIPLES):
                # (and "disappointed in Putin": the one disappointment is in)
                (matters if (c.lower_ in _MATTER_PREPOSITIONS or mutual_subjects and c.lower_ == "on")
                 and c.lower_ not in matched_preps else cand).extend(
                    p for p in c.children if p.dep_ in ("pobj", "pcomp") and not grammar.absolute_phrase(p)
                    and not grammar.aside_phrase(p))    # (not "for its part")
            elif c.dep_ == "prep" and c.lower_ in _W.response_frame_prepositions:
                # "... in protest at/of/against X", "as a protest against X": X is the target
                for p in c.children:
                    if p.dep_ == "pobj" and p.lemma_.lower() in _W.response_nouns:
                        cand.extend(grammar.prep_objects(p, _W.response_prepositions))
    if not mutual_subjects:
        cand.extend(matters)
    # whom people or things asked back are held by: "demanded the return of six diplomatic
    # properties seized by the United States" is asked of the United States
    if trig.code.startswith(_C.addressed):
        cand[:0] = [a for o in anchor.children if o.dep_ == "dobj" for held in grammar.prep_objects(o, ("of",))
                    for p in held.children if p.dep_ == "acl" and p.tag_ == "VBN"
                    and p.lemma_.lower() in _W.holding_participles
                    for a in [grammar.by_agent(p)] if a is not None]
    # whom a threat's or a hostile act's object is "against": "threatened violence against the
    # government" (not what an answer answers: "condemned the sanctions against Iran")
    if trig.code.startswith(_C.threat_or_force):
        cand.extend(p for o in anchor.children if o.dep_ == "dobj" and o.i not in pattern_tokens
                    for p in grammar.prep_objects(o, ("against",)))
    if trig.code.startswith(_C.after_meeting) and anchor.dep_ == "conj" and anchor.head.pos_ in grammar.VERB_POS and \
            anchor.head.lemma_.lower() in _W.meeting_verbs and \
            not any(c.dep_ in ("nsubj", "nsubjpass") for c in anchor.children):
        # "Rubio met Lavrov in Riyadh and discussed the war": what is discussed after a meeting, by
        # its subject, is discussed with whom it met (and support pledged, aid promised: "spoke
        # with Zelensky by phone and pledged continued support")
        head = anchor.head
        cand.extend([*(c for c in head.children if c.dep_ == "dobj"), *grammar.prep_objects(head, ("with",))])
    if trig.code.startswith(_C.violence):
        # "launched a massive attack, striking Kyiv with drones": the participle's object is struck
        # (and "fired artillery overnight, killing 12 people in Kharkiv": whom it harmed where the
        # participle names the place, after that -- with no place, its victims' country is no guess)
        cand.extend(o for c in _participles(anchor, _W.striking_participles) for o in c.children if o.dep_ == "dobj")
        cand.extend(o for c in _participles(anchor, _W.harm_verbs) if _names_a_place(c)
                    for o in c.children if o.dep_ == "dobj")
    # ... and so is a relative clause whose "which" stands for the clause before it: "Israel struck
    # Doha on Tuesday, which Qatar called a cowardly attack"
    if (act := grammar.sentential_which(anchor)) is not None:
        cand[:0] = grammar.doers_of(act)
    # a participle on a noun that sums up the act told is said of that act's doer: "In a move
    # condemned by Beijing, Japan's prime minister visited the Yasukuni shrine"
    if anchor.dep_ == "acl" and anchor.tag_ == "VBN" and (act := grammar.summed_up_act(anchor.head)) is not None:
        cand[:0] = grammar.doers_of(act)
    # a relative clause with no word of its own for its object is on the noun it belongs to: "several
    # men it accused of collaborating with Israel" accuses the men, not Israel
    if anchor.dep_ == "relcl" and anchor.pos_ in grammar.VERB_POS and anchor.head.pos_ in grammar.NOUN_POS and \
            anchor.head.ent_type_ not in ("DATE", "TIME") and \
            not any(c.dep_ in ("dobj", "dative", "nsubjpass") or c.lower_ in _W.relative_pronouns
                    for c in anchor.children) and \
            any(c.dep_ == "nsubj" for c in anchor.children):
        cand.insert(0, anchor.head)
        act = grammar.summed_up_act(anchor.head)
        if act is not None:
            # "Washington doubled tariffs on Indian goods, a move New Delhi called unfair": the move
            # is the doubling, whose doer is judged
            cand[1:1] = grammar.doers_of(act)
    # whom people are handed to is the party of a handover, before the people handed: "Spain
    # extradited a Russian hacker to the United States" is cooperation with the United States
    if m.trigger.lemma_.lower() in _W.handing_verbs and trig.code.startswith(_C.handover):
        cand[:0] = [p for p in grammar.prep_objects(anchor, ("to",)) if p.ent_type_ in ("GPE", "NORP", "ORG")]
    # a journey "for talks with Lavrov" is with Lavrov, wherever it goes ("flew to Riyadh for
    # talks with Lavrov") -- and one "to talks with Ukraine" ("sent a delegation to talks with
    # Ukraine in Istanbul")
    if trig.code.startswith(_C.visit):
        goals = [p for c in anchor.children if c.dep_ in ("prep", "dative") and c.lower_ in ("for", "to")
                 for p in c.children if p.dep_ == "pobj"]    # (the parser reads that "to" as a dative)
        cand[:0] = [w for noun in goals if noun.lemma_.lower() in _W.meeting_nouns
                    for w in grammar.prep_objects(noun, ("with",))]
    # 3. the object or subject of an embedded complement: "agreed to supply Iraq",
    #    "demanded that the DPRK forsake its programme", "willing to send material to
    #    help defend Saudi Arabia" (down a short chain of complements); a participle clause --
    #    "held a call, discussing Taiwan" -- names topics, not counterparts
    # (of a judgement said in several that-clauses, the judging one only: "said the attacks were
    # outrageous, and that Iran reserved all options" judges the attacks, whoever else it names)
    judged = m.pattern in (SAID_CRITICISM, SAID_PRAISE)
    judging = [grammar.judging_clause(anchor)] if judged else \
        [c for c in anchor.children if c.dep_ == "ccomp"]
    frontier = [c for c in anchor.children if c.dep_ in ("xcomp", "ccomp", "advcl", "acomp") and c.i != m.trigger.i
                and (c.dep_ != "ccomp" or c in judging)
                and not (c.dep_ == "advcl" and not grammar.infinitival(c))
                # "held a phone call to discuss the Ukraine settlement": what a consultation is
                # for names its topic, not whom it is with
                and not (trig.code.startswith(_C.visit) and c.lemma_.lower() in _TOPIC_VERBS)]
    # ... and a gerund after the verb's preposition: "agreed to helping Mali", "committed to
    # supporting Indonesia's efforts"
    frontier += [p for c in anchor.children if c.dep_ == "prep" and c.lower_ == "to" and c.i not in {t.i for t in m.tokens}
                 for p in c.children if p.dep_ == "pcomp" and p.tag_ == "VBG" and p.i != m.trigger.i]
    # ... and an infinitive that says what the verb's object is for: "triggered the snapback
    # mechanism to restore UN sanctions on Iran", "signed a deal to supply Iraq with arms"
    frontier += [r for o in anchor.children if o.dep_ == "dobj" for r in o.children
                 if r.dep_ in ("relcl", "acl") and r.pos_ in grammar.VERB_POS and grammar.infinitival(r)]
    # then the prepositional objects of those complements: "agreed to reopen its borders to
    # UN peacekeepers", "refused to respond to a demand from the US"
    late: list[Token] = []
    for _ in range(4):
        nxt = []
        for c in frontier:
            for cc in c.children:
                if cc.dep_ == "dobj" and cc.lemma_.lower() in _W.sanction_instruments:
                    # "triggered the snapback to restore UN sanctions on Iran": whom they are on (not
                    # whose they are)
                    cand.extend(grammar.prep_objects(cc, ("on", "against")))
                elif cc.dep_ in ("dobj", "dative", "nsubj", "nsubjpass"):
                    if judged and cc.dep_ == "nsubj" and cc.pos_ == "NOUN":
                        # "said Iran's support for the Houthis threatened stability": a judged act
                        # is its possessor's, whoever else its phrase names
                        cand.extend(p for p in cc.children if p.dep_ == "poss" and p.pos_ != "PRON")
                    cand.append(cc)
                elif cc.dep_ in ("xcomp", "ccomp") or (cc.dep_ == "advcl" and grammar.infinitival(cc)):
                    nxt.append(cc)
                elif cc.dep_ == "prep" and cc.lower_ in _W.complement_target_prepositions:
                    late.extend(p for p in cc.children if p.dep_ == "pobj")
        frontier = nxt
    cand.extend(late)
    threat = trig.code.startswith(_C.threaten)
    # (and an offer's: "ready to extend the treaty's limits if Washington did the same")
    conditioned = threat or trig.code.startswith(_C.intent)
    if conditioned:
        # "threatened a strike unless Israel rescinds ...": who must meet the condition
        # (or on what a warning says will happen: "warned that Russian forces would keep
        # advancing if Kyiv refused")
        said = [c for c in anchor.children if c.dep_ == "ccomp"] if threat else []
        said += [x for c in said for x in c.children if x.dep_ in ("xcomp", "ccomp")]
        for head in (anchor, trig.governor, *said):
            cond = grammar.condition_clause(head) if head is not None else None
            if cond is not None:
                late.extend(c for c in cond.children if c.dep_ in ("nsubj", "nsubjpass"))
                if head in said:
                    # ... named, before the parties of what is foretold ("Russian forces would keep
                    # advancing if Kyiv refused" threatens Kyiv, not Russia's forces)
                    cand[:0] = [c for c in cond.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ == "PROPN"]
    # 4. who made what the verb answers: "rejected calls by Belarus's rulers",
    #    "accepted demands from Shona rebels"
    statement = trig.code.startswith(_C.statement)
    for c in list(cand):
        cand.extend(grammar.prep_objects(c, _W.between_prepositions))  # "host talks between X and Y"
        if statement and c.pos_ in grammar.NOUN_POS:
            # "Witkoff said his meeting with Putin had been productive": said of the one met
            cand.extend(grammar.prep_objects(c, ("with",)))
        for p in c.children:
            if p.dep_ in ("prep", "agent") and p.lower_ in _W.source_prepositions:
                cand.extend(x for x in p.children if x.dep_ == "pobj")
            elif p.dep_ == "poss" and (p.pos_ != "PRON" or p.lower_ in _W.first_person_plural
                                        and c.lemma_.lower() in _W.authored_nouns):
                cand.append(p)  # "welcomed Germany's statement", "denounced Serbia's crackdown"
                # (and the speaker's side: "It rejected our proposals" -- Russia's, in its statement)
            elif p.dep_ == "acl" and p.tag_ == "VBN" and p.lemma_.lower() not in _W.brokering_participles and not (
                    c.lemma_.lower() in _W.meeting_nouns and p.lemma_.lower() in _W.mediating_participles):
                # "rejected a peace deal struck by Britain and Argentina", "a plan proposed by the EU"
                # (not "held talks mediated by the United States", "a truce brokered by Qatar": a
                # mediator is no party)
                cand.extend(x for a in p.children if a.dep_ == "agent" for x in a.children if x.dep_ == "pobj")
    if conditioned:
        cand.extend(t for t in late if t not in cand)
    # 5. whose goods an act on goods falls on, when nothing else named anyone: "tariffs on all
    #    oil coming out of Russia", "sanctions on anything Russia sold to the United States"
    if trig.code.startswith(_C.goods_origin):
        for goods in [c for c in cand if c.dep_ == "pobj"] + \
                [p for t in m.tokens[1:] for p in grammar.prep_objects(t, ("on", "against"))]:
            for clause in (c for c in goods.children if c.dep_ in ("acl", "relcl")):
                if clause.dep_ == "relcl":
                    cand.extend(s for s in clause.children if s.dep_ == "nsubj" and s not in cand)
                for prep in (t for t in clause.subtree if t.dep_ == "prep" and t.lower_ in _W.origin_prepositions):
                    cand.extend(p for p in prep.children if p.dep_ == "pobj" and p not in cand)
    # 6. the parties a meeting noun's own modifiers name, last: "will take part in the Russia
    #    talks", "attended the US-Russia talks" (not the city it is held in: "the Istanbul talks")
    if m.pattern.kind == "noun" and m.trigger.lemma_.lower() in _W.meeting_nouns:
        mentions = m.trigger.doc._.mention_at or {}
        cand.extend(c for c in m.trigger.children if c.dep_ in ("compound", "amod", "nmod") and c.i < m.trigger.i
                    and c not in cand and (mm := mentions.get(c.i)) is not None and mm.kind != "capital")
    # 7. cooperation with whom the object says, when nothing else named anyone: "welcomed the
    #    resumption of ties with Osgiliath" (not conflict: "condemned the sanctions against Iran"
    #    is no act against Iran)
    # (but what two discuss is their topic: "the two leaders discussed a possible meeting with
    # Zelensky" is no talk with Zelensky)
    subject = next((c for c in anchor.children if c.dep_ == "nsubj"), None)
    together = subject is not None and (subject.tag_ == "NNS" or any(c.dep_ == "conj" for c in subject.children))
    if trig.code.startswith(_C.relational) and not (together and anchor.lemma_.lower() in _TOPIC_VERBS):
        for obj in [c for c in anchor.children if c.dep_ == "dobj" and c.pos_ in grammar.NOUN_POS]:
            for noun in (obj, *grammar.prep_objects(obj, ("of",))):
                cand.extend(p for p in grammar.prep_objects(noun, _PARTY_PREPOSITIONS) if p not in cand)
    # 8. the doer of what an answer followed, last of all: "Japan protested after Russian bombers
    #    flew near its airspace", "Iran threatened retaliation following Israel's strikes"
    if trig.code.startswith(_C.answering_cause):
        cand.extend(d for d in _cause_doers(anchor) if d not in cand)
    # 9. whom a warning was addressed to, after what it warns of: "warned Moscow that the alliance
    #    would defend every inch of its territory"
    if trig.governor is not None and trig.governor_kind == "threaten":
        cand.extend(c for c in trig.governor.children if c.dep_ in ("dobj", "dative") and c not in cand)
    # the object of a preposition the pattern itself names comes first: "delivered the Israeli
    # proposal to Hamas" is delivered to Hamas, whoever's proposal it is (not a journey's: "flew to
    # Riyadh for talks with Lavrov" is with Lavrov, above)
    named = [p for t in m.tokens[1:] if t.dep_ in ("prep", "dative") for p in t.children if p.dep_ == "pobj"]
    if trig.code.startswith(_C.visit):
        # (what is inside the matter raised is no partner: "raised the issue of Russian strikes on
        # Kyiv" -- only whom it hangs a "with" or "to" on)
        topics = [t for t in m.tokens[1:] if t.lemma_.lower() in _W.topic_nouns]
        cand = [c for c in cand if not any(c.i != t.i and t.is_ancestor(c) and not (
            c.dep_ == "pobj" and c.head.lower_ in ("with", "to") and grammar.closes_its_phrase(c.head, t))
            for t in topics)]
        # (but whom the pattern's "with" names is the one consulted: "raised the issue of detained
        # Americans with Lavrov" is with Lavrov, not with the Americans)
        named = [p for p in named if p.head.lower_ == "with"]
        return named + [c for c in cand if c not in named]
    if trig.code == _C.official_protest:
        # "Japan protested to China over the detention of a Japanese businessman": whom a state
        # protests to comes before what it protests over
        named = grammar.prep_objects(m.trigger, ("to", "with")) + named
    return named + [c for c in cand if c not in named]


def _cause_doers(verb: Token) -> list[Token]:
    """Who did what an "after"/"following" clause or phrase on ``verb`` tells: the clause's
    subject (its agent when passive: "after villages were shelled by Pakistan"), or the doer a
    phrase's act noun names ("following Israel's strikes", "after the attack by Hamas")."""
    doers: list[Token] = []
    # (the phrase may hang on the verb's object: "threatened retaliation following Israel's strikes")
    heads = [verb, *(c for c in verb.children if c.dep_ == "dobj")]
    for c in (c for h in heads for c in h.children):
        if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in _W.sequence_prepositions for m in c.children):
            doers += [s for s in c.children if s.dep_ == "nsubj"]
            doers += [p for a in c.children if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj"]
        elif c.dep_ == "prep" and c.lower_ in _W.sequence_prepositions:
            for act in (p for p in c.children if p.dep_ == "pobj" and p.pos_ in grammar.NOUN_POS):
                doers += [p for p in act.children if p.dep_ == "poss"]
                doers += grammar.prep_objects(act, ("by",))
                # ("after Israeli strikes": a nationality on the act names its doer)
                doers += [p for p in act.children if p.dep_ == "amod" and p.ent_type_ == "NORP"]
            doers += [s for p in c.children if p.dep_ == "pcomp" for s in p.children if s.dep_ == "nsubj"]
    # a pronoun may be the one answering ("criticised the plan after he met Trump"): names only
    return [d for d in doers if d.pos_ != "PRON"]


def _to_blame(verb: Token) -> bool:
    """"X is to blame (for ...)": a verb of blaming as the to-infinitive of "be", whose subject
    is the one blamed."""
    return verb.lemma_.lower() in _W.blame_verbs and verb.dep_ == "xcomp" and verb.head.lemma_ == "be" and \
        any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def secures_release(m: Match) -> bool:
    """"secured / won / negotiated the release of ...": the holder's release, the subject its
    recipient (a swap pattern whose words name a release)."""
    return m.pattern.swap and any(t.lemma_.lower() in _W.release_nouns for t in m.tokens[1:])


def holders(pattern_nouns: tuple[Token, ...]) -> list[Token]:
    """Who holds the people whose release the subject secured ("secured the release of an
    American held in Russia", "won the freedom of two journalists jailed by Iran", "She was
    detained by Russia ... and Trump secured her release"): the "from" of the release itself, then
    the "in"/"by"/"from" of a verb of holding in the sentence. Nobody else: the released people's
    own country is the side that secured it, never their holder."""
    release = next((t for t in pattern_nouns if t.lemma_.lower() in _W.release_nouns), None)
    if release is None:
        return []       # (a release told by a verb: "demanded that Iran release ...")
    found = list(grammar.prep_objects(release, ("from",)))
    for t in release.sent:
        if t.pos_ in grammar.VERB_POS and t.lemma_.lower() in _W.holding_participles and \
                (t.tag_ == "VBN" or any(c.dep_ in _PASSIVE_DEPS for c in t.children)):
            for c in t.children:
                if c.dep_ in ("prep", "agent") and c.lower_ in _W.holder_prepositions:
                    found.extend(p for p in c.children if p.dep_ == "pobj")
    return found


@Language.factory("event_roles")
def make_event_roles(nlp: Language, name: str) -> EventRoles:
    """``nlp.add_pipe("event_roles")`` after ``actor_mentions`` and ``event_modality``."""
    from ..nlp.places import Gazetteer

    return EventRoles(Gazetteer().country_of)
