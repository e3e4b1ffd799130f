"""Source and target actors of a trigger, in the context of its story.

:class:`ActorResolver` reads the role slots the ``event_roles`` component found
(:class:`~detente.coding.roles.RoleSlots`) and turns the phrases into actors, trying them in the
order the grammar gives: the subject (or the "by" agent of a passive), the main clause's subject
of a misparsed "with" clause, an event noun's own phrases, the country an unattributed act of
violence happens in, the speaker of reported speech; then the one asked, told or demanded of, and
the target candidates.  A phrase becomes actors through the knowledge base
(:meth:`~detente.actors.matcher.ActorMatcher.actors_for`, by the event's date), or through the
story's :class:`~detente.coding.discourse.Discourse`: pronouns, "both sides", surnames met
earlier, and groups whose country the sentence or story supplies.
"""
from __future__ import annotations

import dataclasses
import re

from datetime import date
from typing import Optional, Sequence

from spacy.tokens import Token

from ..actors.kb import SINGLE_HOLDER_ROLES
from ..actors.matcher import COUNTRYISH, ActorMatcher, Mention, mention_iso, noun_phrase_tokens
from ..actors.tables import actor_rules
from ..datafiles import load
from ..nlp.entities import EntityWords
from ..nlp.entity_index import entity_at
from ..nlp.syntax import near_subtree
from ..schema import Actor, Location
from . import grammar
from .discourse import Discourse, is_person, side_key
from .modality import STATED_CRITICISM, STATED_PRAISE, Trigger
from .roles import NominalSlots, holders, nominal_slots, secures_release, traded_between_subjects
from .tables import codes, modality_rules, words
from .triggers import SAID_CRITICISM, SAID_PRAISE

_W = words()
# nouns of acts, texts and words, whose relative clause may answer them ("joint exercises, which
# North Korea condemned", "a deal, which Kyiv rejected"): a doer's, unlike a place or a person
_ACT_ANTECEDENTS = frozenset(_W.act_predicate_nouns | _W.attack_nouns | _W.exercise_nouns | _W.text_nouns
                             | _W.authored_nouns | _W.meeting_nouns | _W.journey_nouns)
_C = codes()
# talks one hosts, mediates or negotiates are with others, named or not: never one side meeting itself
_OTHERS_TALKS = _C.hosting + (_C.negotiation,)
_MR = modality_rules()
_RULES = actor_rules()
_TITLE_WORDS = load(EntityWords, "nlp", "entities.yaml").title_words    # "SECRETARY", "PRESIDENT", "MR." before a speaker's name
_MUTUAL = _RULES.mutual_codes   # what a compound subject does with each other
_SECTORS = _C.sectors
Pairs = list[tuple[Actor, Optional[Actor]]]


class ActorResolver:
    def __init__(self, matcher: ActorMatcher) -> None:
        self.matcher = matcher
        self.kb = matcher.kb

    def country_actor(self, iso: str, text: Optional[str] = None, inferred: bool = False,
                      sector: Optional[str] = None) -> Actor:
        """A country as an actor (no sector unless given: a state's police, courts or government):
        who an unattributed act or a place stands for."""
        return Actor(text=text or iso, name=self.kb.countries.get(iso, iso), country=iso, sector=sector,
                     code=iso + (sector or ""), inferred=inferred)

    # ------------------------------------------------------------------ roles
    def actors(self, trig: Trigger, by_token: dict[int, Mention], on: Optional[date], ctx: Discourse) -> Pairs:
        """(source, target) pairs of the event; empty when no source can be placed."""
        self._civilian_recode(trig, by_token, on, ctx)
        pairs = self._actors(trig, by_token, on, ctx)
        if pairs and trig.governor_kind == "threaten" and not trig.match.pattern.speaker_threatens and \
                trig.roles.anchor_subject is not None and trig.governor is not None and \
                trig.governor.i != trig.anchor.i and trig.match.pattern.kind == "verb" and \
                trig.anchor.i == trig.match.trigger.i:
            # "Russia would attack NATO within five years, the German general warned": a hostile act
            # foretold of another party is a warning about it, no threat by the one who warns
            doers = {a.country for a in self.resolve(trig.roles.anchor_subject, by_token, on, ctx) if a.country}
            warners = {s_.country for s_, _ in pairs if s_.country}
            if doers and warners and not doers & warners:
                pairs = []
        if pairs and trig.possible_by is not None:
            # "Serbia's president said the government could ban the party": a threat when the
            # speaker is of the doer's side; "Zelensky said Russia could attack Moldova" forecasts
            said_by = {a.country or a.code for a in self.resolve(trig.possible_by, by_token, on, ctx)}
            pairs = [(s_, t_) for s_, t_ in pairs if (s_.country or s_.code) in said_by - {None}]
        agreed_with_someone = trig.governor is not None and \
            trig.governor.lemma_.lower() in _RULES.mutual_intent_governors
        if pairs and (trig.code.startswith(_RULES.internal_meeting_codes) or agreed_with_someone and
                      trig.match.pattern.code.startswith(_RULES.internal_meeting_codes)):
            if trig.code.startswith(_RULES.internal_meeting_codes):
                pairs = self._consultation_pairs(trig, pairs, by_token, ctx)
            subj = trig.roles.subject
            if subj is not None and subj.lower_ in _W.first_person_plural and all(t_ is None for _, t_ in pairs):
                # "We shared some ideas", "we talked about other items", "we agreed that our
                # representatives would continue contacts", said after a meeting or a call with the
                # other side: the speaker's side and the other party the story last named with it
                pairs = _with_the_other_of(pairs, ctx.last_pair())
        elif pairs and trig.code.startswith(_C.intent) and len(trig.match.pattern.words) == 1 and \
                trig.match.trigger.lemma_.lower() in _RULES.mutual_intent_governors and ctx.transcript and \
                trig.roles.subject is not None and trig.roles.subject.lower_ in _W.first_person_plural and \
                all(t_ is None for _, t_ in pairs):
            # "We agreed on three things", answering a question on the meeting with the Russians: an
            # agreement is with someone -- the other party the story has named most so far
            own = {s_.country for s_, _ in pairs}
            others = {iso: n for iso, n in ctx.story_counts.items() if iso not in own}
            if others:
                top = max(others.values())
                best = [iso for iso, n in others.items() if n == top]
                if len(best) == 1:
                    pairs = [(s_, self.country_actor(best[0], inferred=True)) for s_, _ in pairs]
        elif pairs and trig.match.pattern.code.startswith(_RULES.internal_meeting_codes) and \
                not trig.match.pattern.code.startswith(_OTHERS_TALKS) and \
                trig.code.startswith(_C.intent) and \
                trig.roles.subject is not None and trig.roles.subject.lower_ in _W.first_person_plural and \
                all(t_ is None for _, t_ in pairs):
            # "Today, we will discuss the situation in the regions", said at one's own council: a
            # meeting the speaker's side plans among itself, with no one else (CAMEO 036 is an
            # intent to meet another) -- not talks it offers to host or mediate ("We are ready to
            # host further rounds of negotiations": others' talks), nor negotiations, which are
            # with another ("We are ready to continue the direct negotiations in Istanbul")
            pairs = []
        if pairs and trig.code.startswith(_C.visit) and trig.match.pattern.needs_target and \
                all(t_ is None for _, t_ in pairs) and ctx.last_named_together:
            # "Rubio spoke with Lavrov. The Secretary also raised the cases of detained Americans":
            # a consultation with no one named, by a party of the last meeting or call, is with
            # its other party
            own = {s_.country for s_, _ in pairs}
            met = {a.country for a in ctx.last_named_together if a.country}
            others = [a for a in ctx.last_named_together if a.country and a.country not in own]
            if own and own <= met and len({a.country for a in others}) == 1:
                pairs = [(s_, others[0]) for s_, _ in pairs]
        subj = trig.roles.subject
        if pairs and agreed_with_someone and subj is not None and subj.lower_ in _W.first_person_plural and \
                all(t_ is None for _, t_ in pairs) and not trig.code.startswith(_RULES.internal_meeting_codes):
            # "We agreed to expand cooperation in energy", said after talks with Erdogan: agreed
            # with the other party the story last named with the speaker's side
            pairs = _with_the_other_of(pairs, ctx.last_pair())
        if pairs and trig.code.startswith(_RULES.own_support_codes):
            # "The State Department supports President Trump's effort to end the war": a government
            # backing its own head is its own business, no dyad
            pairs = [(s_, t_) for s_, t_ in pairs if t_ is None or s_.code != t_.code or not s_.country]
        if pairs:
            # "air defences shot down drones launched by Russia", "Senator Graham threatened Russia
            # with sanctions": a doer whose country was only guessed from the sentence is not of
            # the country it acts on by name -- an attack is then no one's; an official's act aimed
            # at other states (rules.yaml foreign_act_codes) keeps its doer, of no known country (a
            # group's criticism of its own state is the group's: "Hungary is failing asylum seekers,
            # rights groups said"; a general resigning for his country's elections is his country's)
            def guessed_as_target(s_: Actor, t_: Optional[Actor]) -> bool:
                return t_ is not None and s_.inferred and not t_.inferred and not t_.sector and \
                    s_.country is not None and s_.country == t_.country and \
                    s_.sector not in _RULES.home_ground_sectors
            if trig.code.startswith(_C.intent) and len(trig.match.pattern.words) == 1:
                # "Ruto pledged to keep Kenyan troops in Somalia": a bare pledge is made to no one's
                # own forces (where they are is whom it concerns: the place, below)
                pairs = _own_side_untargeted(pairs, lambda s_, t_: t_.sector in _W.armed_sectors)
            # ("Russia accused police of harassing its diplomats": police named by their kind alone,
            # guessed of the state that acts on them, are no one known -- its own critics, "Kenyan
            # opposition leaders accused police of ...", keep them)
            pairs = _own_side_untargeted(pairs, lambda s_, t_: (
                t_.inferred and t_.sector in _RULES.bare_domestic_force_sectors and (t_.text or "")[:1].islower()
                and (not s_.sector or s_.sector in _RULES.state_sectors)))
            if trig.match.pattern.swap or trig.code.startswith(_RULES.foreign_measure_codes):
                # "the coast guard tracked a Russian submarine", "OFAC sanctioned 14 individuals":
                # whom a swapped act or a sanction is aimed at is no guess of the doer's own country
                pairs = _own_side_untargeted(pairs, lambda s_, t_: t_.inferred)
            if trig.code.startswith(_C.violence + _C.force_posture):
                # "Russia launched a massive strike on Kyiv", "Israel struck Tehran", "deployed
                # soldiers to Jakarta": a capital struck or sent to is the city, its country, not the
                # government its name stands for in speech
                # (and so is a capital's own site: "drones struck Kyiv's central railway station")
                pairs = [(s_, self.country_actor(t_.country, t_.text) if t_ is not None and t_.country
                          and t_.sector == _SECTORS.government and self._capital_or_its_site(t_)
                          else t_) for s_, t_ in pairs]
            if trig.code.startswith(_C.force_posture):
                # "Indonesia deployed soldiers to Jakarta": forces moved about a state's own ground
                # are shown to no one
                pairs = _own_side_untargeted(pairs, lambda s_, t_: not t_.sector)
            if trig.code.startswith(_C.violence):
                pairs = [(s_, t_) for s_, t_ in pairs if not guessed_as_target(s_, t_)]
                # "Polish jets shot down several drones over Polish territory": a state's forces do
                # violence at no state of their own (over its own ground, the doer is whose the drones are)
                pairs = _own_side_untargeted(
                    pairs, lambda s_, t_: not t_.sector and s_.sector in _RULES.internal_sectors)
            else:
                foreign = trig.code.startswith(_RULES.foreign_act_codes)
                pairs = [(self._of_no_country(s_) if foreign and guessed_as_target(s_, t_)
                          and s_.sector in _RULES.internal_sectors else s_, t_) for s_, t_ in pairs]
            if ctx.speaker is None and ctx.author is not None and not ctx.transcript:
                # a publisher's "we", "our" (no speaker named) acts on someone, or it is only the
                # text talking about itself: "Today, we will discuss certain issues"
                # (talks it offers to host or hold are with others, named or not: "We are ready to
                # continue the direct negotiations in Istanbul")
                if not trig.match.pattern.code.startswith(_OTHERS_TALKS):
                    pairs = [(s_, t_) for s_, t_ in pairs if t_ is not None or s_.text.lower() not in _W.first_person_plural]
        if pairs and trig.code.startswith(_C.yielding) and any(t_ is None for _, t_ in pairs):
            # "Serbia backed down under pressure from the EU", "Hungary yielded to Washington's
            # pressure": a yield is to whoever pressed or asked for it
            pressers = self._pressers(trig, by_token, on, ctx)
            pairs = [(s_, t_ if t_ is not None else next(
                (a for a in pressers if (a.country or a.code) != (s_.country or s_.code)), None)) for s_, t_ in pairs]
        return pairs

    def _pressers(self, trig: Trigger, by_token, on, ctx: Discourse) -> list[Actor]:
        """Who pressed for what a yield does, named in a phrase of pressure on its verb ("under
        pressure from Brussels", "yielded to Washington's pressure", "after demands from the EU":
        ``yield_pressure_prepositions``, ``yield_pressure_nouns``)."""
        found: list[Actor] = []
        for prep in trig.anchor.children:
            if prep.dep_ != "prep" or prep.lower_ not in _W.yield_pressure_prepositions:
                continue
            for noun in prep.children:
                if noun.dep_ == "pobj" and noun.lemma_.lower() in _W.yield_pressure_nouns:
                    found += self.resolve(noun, by_token, on, ctx, guess_country=False)
        return found

    def _talks_of_the_doers(self, trig: Trigger, by_token, on, ctx: Discourse) -> Pairs:
        """"Ukraine and the United States drew up a framework after talks in Geneva": talks that
        name no one (but where they were held), on whose occasion several parties act, are theirs
        with each other."""
        noun = trig.match.trigger
        nominal = trig.roles.nominal
        if not trig.code.startswith(_C.visit) or trig.match.pattern.kind != "noun" or noun.dep_ != "pobj" or \
                noun.head.lower_ not in (*_W.sequence_prepositions, *_W.occasion_prepositions) or \
                noun.head.head.pos_ not in grammar.VERB_POS or \
                (nominal is not None and (nominal.sources or nominal.between or
                                          any(not after_in for _, after_in in nominal.targets))) or \
                grammar.told_before(noun):
            return []   # ("spoke to reporters after the summit": the summit told before, no new event)
        subject = _occasion_doer(noun)
        doers = self.resolve(subject, by_token, on, ctx, guess_country=False) if subject is not None else []
        if len({_side_key(a) for a in doers}) < 2:
            return []
        return _with_each_other(doers)

    @staticmethod
    def _unnamed_exchange(trig: Trigger, ctx: Discourse) -> Pairs:
        """"The exchange of prisoners was carried out, 1,000 for 1,000": an exchange noun that
        names no one is between the two the story last had act with each other."""
        nominal = trig.roles.nominal
        if trig.match.pattern.kind != "noun" or len(ctx.last_mutual) != 2 or \
                (nominal is not None and (nominal.sources or nominal.between)) or \
                not any(t.lemma_.lower() in _RULES.mutual_verbs for t in trig.match.tokens):
            return []
        a, b = ctx.last_mutual
        return [(a, b), (b, a)]

    def _civilian_recode(self, trig: Trigger, by_token, on, ctx: Discourse) -> None:
        """Recode what farmers, workers and other people of the protesting sectors do as protest:
        "launched a strike" as a stoppage of work (CAMEO 143: "Kenyan doctors launched a strike
        over pay"), a blockade (191) as a protest that obstructs passage (144: "Farmers blockaded
        the main border crossing"). States, forces and armed groups strike with arms and
        blockade as coercion."""
        subject = trig.roles.subject
        if subject is None and trig.anchor.i != trig.match.trigger.i and trig.anchor.pos_ in grammar.VERB_POS:
            subject = grammar.subject(trig.anchor)    # "doctors threatened to strike": the governor's
        if subject is None or trig.roles.passive:
            return
        # (the verb too, with nothing struck: "doctors struck over unpaid salaries", "threatened to
        # strike over pay")
        stoppage = any(t.lemma_.lower() in _W.work_stoppage_nouns for t in trig.match.tokens[1:]) or \
            trig.match.trigger.lemma_.lower() in _W.work_stoppage_nouns and trig.match.trigger.pos_ == "VERB" and \
            (not any(c.dep_ in ("dobj", "nsubjpass") for c in trig.match.trigger.children) or
             any(c.dep_ == "prt" and c.lower_ in _W.grievance_prepositions for c in trig.match.trigger.children))
            # ("threatened to strike over unpaid salaries": "over" read as a particle, the grievance as struck)
        if trig.code.startswith(_C.violence) and stoppage:
            new, note = _C.labour_strike, "work stoppage"
        elif trig.code.startswith(_C.threaten) and stoppage:
            new, note = _C.labour_strike_threat, "work stoppage threatened"   # "the union threatened a strike"
        elif trig.code == _C.blockade:
            new, note = _C.protest_blockade, "protest blockade"
        else:
            return
        doers = self.resolve(subject, by_token, on, ctx)
        if doers and all(a.sector in _RULES.protesting_sectors for a in doers):
            trig.code = new
            trig.rule_notes.append(note)

    def _attack_author(self, tok: Token, by_token, on, ctx: Discourse) -> list[Actor]:
        """Who an attack noun that is the subject or the passive's agent says did it ("a
        cyberattack by Russian hackers disrupted the grid", "was hit by a Russian cyberattack")."""
        lemma = tok.lemma_.lower()
        if lemma not in _W.attack_nouns and lemma not in _W.cyber_nouns and lemma not in _W.weapon_nouns:
            return []   # (and a weapon's: "was struck by a missile fired from Yemen")
        return self.first_named(grammar.attack_authors(tok), by_token, on, ctx)

    @staticmethod
    def _of_no_country(a: Actor) -> Actor:
        """``a`` with its guessed country taken away (a person keeps the name)."""
        return Actor(text=a.text, name=a.name if a.name and a.name != a.country and a.sector else None,
                     country=None, sector=a.sector, code=a.sector, role=a.role, inferred=True)

    def _consultation_pairs(self, trig: Trigger, pairs: Pairs, by_token, ctx: Discourse) -> Pairs:
        """A consultation's pairs without the venue and without a state meeting itself:
        "the delegations met in Istanbul" is not Turkey meeting anyone (an actor whose country
        was only guessed from the place the meeting is held in, when the sentence names no such
        country, is no party); "the meeting was attended by the prime minister, the speaker and
        the foreign minister" is one government's own business (no dyad)."""
        venue = ctx.place
        sent = trig.anchor.sent
        if venue and not any(m.kind in COUNTRYISH and (m.value[0] if m.kind == "metonym" else m.value) == venue
                             and not _is_venue(sent.doc[m.start:m.end].root)
                             for i in range(sent.start, sent.end) if (m := by_token.get(i)) is not None):
            def guessed(a: Optional[Actor]) -> bool:
                # (a holder of an office the title names is someone, whoever the venue's country:
                # "The President met Putin in Alaska", said by the State Department)
                return a is not None and a.inferred and a.country == venue and not is_person(a)
            pairs = [(s_, None if guessed(t_) else t_) for s_, t_ in pairs if not guessed(s_)]
        internal = _RULES.internal_sectors
        out = [(s_, t_) for s_, t_ in pairs
               if not (t_ is not None and s_.country and s_.country == t_.country
                       and s_.sector in internal and t_.sector in internal)]
        return unique_pairs(out)

    def _actors(self, trig: Trigger, by_token: dict[int, Mention], on: Optional[date], ctx: Discourse) -> Pairs:
        r = trig.roles
        if ctx.place is None and r.violence_place is not None:
            # victims are where the violence happens, wherever the place hangs: "Russian drones
            # launched at Odesa killed two people" (a place the attack was aimed at) as much as
            # "killed two people in Odesa"
            ctx.place = r.violence_place
        if trig.match.pattern.speaker_praises:
            return self._speakers_judgement(trig, by_token, on, ctx)
        chair = trig.match.trigger.head
        if trig.match.pattern.kind == "noun" and trig.match.trigger.dep_ == "dobj" and \
                chair.lemma_.lower() in _W.chairing_verbs and trig.code.startswith(_C.visit):
            # "Fidan, who chaired the meeting": a chair presides over the meeting the story told
            # of, held by the pair it last had meet (as a host receives them); a meeting of one's
            # own body ("Putin chaired a meeting of the Security Council") is no act between parties
            subject = grammar.subject(chair)
            chairs = self.resolve(subject, by_token, on, ctx) if subject is not None else []
            meeting = trig.match.trigger
            told = grammar.told_before(meeting) and not any(c.dep_ in ("prep", "poss") for c in meeting.children)
            pair = self._last_pair_acted(ctx) if told else []
            if not chairs or not pair or {_side_key(a) for a in chairs} & {_side_key(a) for a in pair}:
                return []
            return [(c, a) for c in chairs for a in pair]
        if r.nominal_only:
            pairs = self.nominal_actors(r.nominal, by_token, on, ctx) or self._talks_of_the_doers(trig, by_token, on, ctx)
            if not pairs and trig.match.pattern.code.startswith(_C.visit) and not r.nominal.sources and not r.nominal.between:
                pairs = self._speakers_talks(trig, by_token, on, ctx)
            if not pairs:
                pairs = self._unnamed_exchange(trig, ctx)
            if not pairs and trig.code.startswith(_C.protest) and not trig.match.pattern.swap and \
                    trig.match.trigger.dep_ == "nsubj" and not r.nominal.sources and \
                    trig.match.trigger.head.lemma_.lower() in _W.outbreak_verbs:
                # "Protests erupted in Tbilisi", "riots broke out in Kathmandu": protests no one is
                # named as staging are the people's of where they happen, at their government
                at = trig.circumstances.verb_place if trig.circumstances is not None else None
                iso = ctx.place or (at.country if at is not None else None)
                if iso:
                    crowd = self.country_actor(iso, inferred=True, sector=_RULES.crowd_sector)
                    pairs = [(crowd, self.country_actor(iso, inferred=True, sector=_SECTORS.government))]
            return pairs
        sources: list[Actor] = []
        targets: list[Actor] = []
        subj = r.subject
        first_person_praise = False
        if subj is not None and subj.i == trig.match.trigger.i and (pairs := self._unnamed_exchange(trig, ctx)):
            return pairs     # (the noun itself the subject of a verb that says it happened)
        if r.received:
            # "Trump's remarks drew criticism from Kyiv": from Kyiv, at Trump; with no one named
            # it comes from ("Iran faces new sanctions") there is no event
            givers = [t for t in r.nominal.sources if t.dep_ != "poss"] or \
                grammar.prep_objects(trig.anchor, _W.receiving_prepositions)   # (the parser's other attachment)
            sources = [a for tok in givers for a in self.resolve(tok, by_token, on, ctx)]
            # (an act that drew it is aimed at whoever did the act: "the expulsion of the Dutch
            # ambassador by Burkina Faso drew criticism from the EU" criticises Burkina Faso)
            doers = nominal_slots(subj).sources if subj is not None and subj.pos_ == "NOUN" else []
            targets = [a for tok in doers for a in self.resolve(tok, by_token, on, ctx)] or \
                (self.resolve(subj, by_token, on, ctx) if subj is not None else [])
            return self._pairs(trig, sources, targets) if sources else []
        if r.partner_source is not None:
            # "spoke with Lavrov to discuss ...": the partner is the target
            sources = self.resolve(r.partner_source, by_token, on, ctx)
            targets = self.resolve(subj, by_token, on, ctx)
            if sources and targets:
                return [(s_, t_) for s_ in sources for t_ in targets]
        if r.passive and trig.governor is None:
            if r.agent is not None:
                sources = self.resolve(r.agent, by_token, on, ctx)
                if sources and trig.match.pattern.swap and trig.code.startswith(_C.reaction_to_act) and \
                        _harm_named_only_by_its_victim(r.agent, by_token):
                    sources = []    # "dismayed by the death of the Pope": whom it befell is no doer
                if not sources or all(a.inferred for a in sources):
                    # (the attack or weapon's own author before a country guessed for it: "was
                    # struck by a missile fired from Yemen")
                    sources = self._attack_author(r.agent, by_token, on, ctx) or sources
                if not sources and trig.match.pattern.swap and trig.code.startswith(_C.reaction_to_act):
                    # "Uganda is deeply disturbed by the violence in Malawi", "dismayed by the decision
                    # of the government": the act's own doer or place
                    acts = r.agent.lemma_.lower() in _W.summary_nouns or r.agent.lemma_.lower() in _W.attack_nouns
                    sources = self.first_named(grammar.prep_objects(r.agent, ("of", "by", "in") if acts else ("in",)),
                                               by_token, on, ctx)
            elif trig.match.pattern.swap:
                # "Trump was disappointed with Putin": the one named after "with" is who the
                # subject's act is about (the swap below makes it the target)
                preps = _RULES.swap_passive_prepositions | (
                    {"in"} if trig.match.trigger.lemma_.lower() in _RULES.in_object_participles else set())
                sources = [a for p in grammar.prep_objects(trig.match.trigger, preps)
                           for a in self.resolve(p, by_token, on, ctx, guess_country=False)]
                if not sources:
                    # "Trump is frustrated that Russia has not agreed": whom the that-clause is about
                    sources = self.first_named(grammar.clause_parties(trig.match.trigger), by_token, on, ctx)
                if not sources and subj is not None and trig.code.startswith(_C.reaction_to_act):
                    # "Tbilisi was disappointed with the decision": whoever took the decision the
                    # story told last (the swap below makes them the target)
                    sources = self._act_doer(grammar.prep_objects(trig.match.trigger, preps),
                                             self.resolve(subj, by_token, on, ctx), ctx)
            if subj is not None:
                doers = [*grammar.prep_objects(subj, ("by",)), *grammar.misplaced_by_agents(subj)] \
                    if trig.code.startswith(_C.reaction_to_act) else []
                # (an act condemned is aimed at its doer: "the expulsion of two Polish diplomats by
                # Belarus was condemned by Warsaw")
                targets = self.first_named(doers, by_token, on, ctx) or self.resolve(subj, by_token, on, ctx)
                if not targets and r.agent is None and trig.match.pattern.swap:
                    return []   # "he is disappointed with Russia", with no "he" known: no one's
            if r.agent is None and not trig.match.pattern.swap and trig.code.startswith(_C.violence):
                # "two Indian soldiers were killed when Pakistani troops opened fire": who did the
                # violence its when-clause tells (that clause is this event, told again)
                sources = self.first_named(_when_attackers(trig.anchor), by_token, on, ctx)
            if r.agent is None and not trig.match.pattern.swap and not sources:
                sources, targets = self._passive_doer(trig, targets, by_token, on, ctx)
            if r.agent is None and not sources and trig.code.startswith(_C.violence) and not trig.match.pattern.swap:
                # "two people were killed in a Russian drone strike on Kharkiv": the attack's author
                for attack in grammar.attacks_suffered(trig.match.trigger):
                    sources = self.first_named(grammar.attack_authors(attack), by_token, on, ctx)
                    if sources:
                        if all(t.inferred for t in targets):
                            # victims placed only by a guess from the context ("two people"): the
                            # attack's own target, else (below) the place it hit
                            targets = self.first_named(grammar.prep_objects(attack, _W.attack_target_prepositions),
                                                       by_token, on, ctx)
                        break
        elif subj is not None and subj.lower_ in _RULES.pair_pronouns and subj.pos_ == "PRON" and \
                subj.head.dep_ == "ROOT" and \
                (trig.code.startswith(_MUTUAL) or trig.match.pattern.code.startswith(_MUTUAL)) and \
                len(pair := ctx.last_pair(people=True)) == 2 and all(is_person(a) for a in pair):
            # "The leaders discussed X. They further discussed Y": what they do with each other
            # is the two people last named of different countries (in a main clause: in "the
            # rebels said they agreed", they are the rebels)
            sources = pair
        elif subj is not None and subj.lower_ in _RULES.pair_pronouns and subj.pos_ == "PRON" and \
                subj.head.dep_ == "ROOT" and len(ctx.last_mutual) == 2 and \
                (trig.code.startswith(_MUTUAL) or trig.match.pattern.code.startswith(_MUTUAL)):
            # "Both sides agreed to restore the embassies. They also agreed to continue talks":
            # the two that the sentence before had act with each other
            sources = list(ctx.last_mutual)
        elif subj is not None and subj.lower_ in _W.first_person_singular and (
                trig.code.startswith(_W.first_person_acts) or trig.code.startswith(_W.first_person_praise)):
            sources = self.speakers_side(subj.text, ctx)   # "I've talked to the foreign minister"
            first_person_praise = trig.code.startswith(_W.first_person_praise)
        elif subj is not None:
            sources = self.resolve(subj, by_token, on, ctx) or self._attack_author(subj, by_token, on, ctx)
        if sources and trig.match.pattern.kind == "noun" and trig.governor is None and r.nominal is not None \
                and r.nominal.between and not trig.match.pattern.swap:
            # "Oman hosted a fifth round of talks between Iran and the United States": the noun's
            # "between" names its two sides; the verb's subject, neither of them, hosts or tells of it
            parties = self.first_named([q for p in r.nominal.between for q in (p, *p.conjuncts)], by_token, on, ctx)
            sides = set(map(_side_key, parties))
            if len(sides) == 2 and not sides & set(map(_side_key, sources)):
                return _with_each_other(parties)
        if not sources and r.nominal is not None:
            # "Putin's visit to Beijing began": the noun's own possessor or "by" phrase
            nominal = self.nominal_actors(r.nominal, by_token, on, ctx)
            if nominal:
                return nominal
        if not sources and trig.code.startswith(_C.violence) and not trig.match.pattern.swap \
                and (subj is None or (r.passive and trig.governor is None) or not r.subject_names_someone):
            # violence with no one named as its author -- "a car bomb killed ...", "three soldiers
            # were killed by a roadside device near Basra" -- is coded to the country it happens
            # in, as CAMEO coders do with unattributed attacks
            if not (r.passive and r.agent is not None and r.agent_names_someone):
                iso = ctx.place or r.violence_place
                if iso:
                    sources = [self.country_actor(iso, inferred=True)]
        if trig.unvoiced:
            # "Russia must decide now" in a statement: its speaker demands it of the subject (in
            # a release with no speaker named, its publisher: "Moscow must stop its attacks" from a
            # mission to the UN); with no one known it is no one's demand and no event
            voice = ctx.voice()
            if voice is None:
                return []
            sources = self.speakers_side(voice.text, ctx)
        if not sources and r.passive and r.agent is None and trig.governor is None and not trig.match.pattern.swap:
            # (before whoever reported it: "was arrested in Lebanon, according to the Canadian Press")
            # ("released from a Russian prison": the state whose prison it is)
            prison_owners = [c for p in _custody_left(trig.match.trigger) for c in p.children
                             if c.dep_ in ("amod", "compound", "poss") and c.ent_type_ in ("NORP", "GPE")]
            custodians = self.first_named(prison_owners, by_token, on, ctx)
            sources = self._state_in_the_passive(trig, targets, ctx, custodians) or \
                self._host_in_the_passive(trig, targets, ctx)
            if not sources and trig.code.startswith(_C.publisher_passive) and ctx.author is not None \
                    and ctx.author.country and not is_person(ctx.author) and targets:
                # "Rosneft and Lukoil are designated pursuant to E.O. 14024" in a Treasury release:
                # the sanction its own release tells, with no doer named, is the publisher's
                sources = [ctx.author]
        if not sources and trig.code.startswith(_C.publisher_passive) and trig.governor is None and \
                (subj is None or r.passive or not r.subject_names_someone):
            # "UN sanctions were reimposed on Iran", "the snapback mechanism reimposed UN sanctions
            # on Iran": with no doer named, whose sanctions they are imposes them -- also who a
            # participle says announced them ("The sanctions, announced by the Treasury, target ...")
            instruments = [t for t in (*trig.match.tokens[1:], *([subj] if subj is not None else []))
                           if t.lemma_.lower() in _W.sanction_instruments]
            owners = [c for t in instruments for c in t.children if c.dep_ in ("compound", "amod", "poss")]
            owners += [a for t in instruments for c in t.children if c.dep_ == "acl" and c.tag_ == "VBN"
                       for a in [grammar.by_agent(c)] if a is not None]
            # ... or a relative clause ("The sanctions, which Washington announced on Friday, ...")
            owners += [a for t in instruments for c in t.children if c.dep_ == "relcl"
                       and any(o.dep_ == "dobj" and o.lower_ in _W.relative_pronouns for o in c.children)
                       for a in c.children if a.dep_ == "nsubj"]
            sources = self.first_named(owners, by_token, on, ctx)
        # (nor one asked in the passive with no one named as asking: "a Ukrainian official said Kyiv had
        # been pressured to accept the plan" is no demand of the official's)
        asked_unnamed = trig.governor is not None and trig.governor_kind in ("appeal", "demand") and \
            any(c.dep_ in ("nsubjpass", "auxpass") for c in trig.governor.children) and \
            grammar.by_agent(trig.governor) is None
        relative_thing = subj is not None and subj.lower_ in _W.relative_pronouns and subj.head.dep_ == "relcl"
        # (nor the doer a "by" phrase names that is no one: "thousands have been displaced by the
        # fighting, aid agencies say" is no act of the aid agencies)
        unnamed_doer = r.passive and r.agent is not None
        if not sources and subj is not None and not r.passive and trig.code.startswith(tuple(_C.violence)) and \
                subj.lemma_.lower() in _W.attack_nouns and not r.subject_names_someone:
            # "India struck nine sites in Pakistan. Pakistan said the strikes killed 26 civilians":
            # the strikes told again are the last striker's, not the speaker's
            last = ctx.last_doer_of(tuple(_C.violence), subj.lemma_.lower())
            if last is not None:
                sources = [dataclasses.replace(last, inferred=True)]
        if not sources and not relative_thing and not unnamed_doer and not asked_unnamed and \
                (subj is None or r.passive or subj.pos_ == "PRON" or not r.subject_names_someone):
            # reported speech: the speaker is the source (also of an agentless passive --
            # "three civilians have been killed, Iraqi police said" -- as CAMEO coders do);
            # but a subject we could not place is not replaced by whoever reported it, nor a
            # relative pronoun that stands for a thing ("sanctions were an act that would not
            # strengthen relations": the act's doing, not the speaker's)
            if r.speaker is not None:
                sources = self.resolve(r.speaker, by_token, on, ctx)
                said = {s_.country for s_ in sources} - {None}
                if r.passive and targets and said and all(t.country in said and t.sector in (None, _SECTORS.government)
                                                          for t in targets):
                    # "Turkey's search team was denied entry into Gaza, Ankara said": a state telling
                    # what was done to its own is not who did it
                    sources = []
                elif r.passive and said and trig.code.startswith(tuple(_C.violence)) and \
                        (all(t.country in said for t in targets) if targets else _speakers_members(subj)):
                    # "Cambodian shells hit a Thai village. Thai authorities said 14 civilians had
                    # been killed": violence a state tells of against its own people, in a story
                    # whose last violence was another country's, is that country's (and so is
                    # violence a party tells of against its members: "Hamas said five members were
                    # killed" after an Israeli strike)
                    last = ctx.last_doer(tuple(_C.violence))
                    if last is not None and last.country and last.country not in said:
                        sources = [dataclasses.replace(last, inferred=True)]
                elif r.passive and sources and not said and trig.code.startswith(tuple(_C.counted_harm)):
                    # "At least 700 people have been killed in the fighting, the United Nations said":
                    # an international body or group of no country that counts the dead (or finds a
                    # site damaged) is no doer -- the story's last violence is, else no one known
                    last = ctx.last_doer(tuple(_C.violence))
                    sources = [dataclasses.replace(last, inferred=True)] if last is not None else []
        if not sources and r.passive and r.agent is None and subj is not None and \
                trig.match.pattern.code.startswith(_MUTUAL) and any(t.i == subj.i for t in trig.match.tokens):
            # "The deal between Russia and Ukraine was signed in Istanbul": what the pattern names
            # (its own noun) done between two, with no one else named as doing it, they did with
            # each other (not "a potential meeting between them was discussed": by others)
            parties = self.first_named([q for p in grammar.prep_objects(subj, ("between",)) for q in (p, *p.conjuncts)],
                                       by_token, on, ctx)
            if len(set(map(_side_key, parties))) == 2:
                return _with_each_other(parties)
        if not sources:
            return []
        if not targets and trig.code.startswith(_C.protest) and not trig.match.pattern.swap:
            # a protest aimed at no one named is aimed at the protesters' own government
            # ("thousands marched in the capital against the law")
            targets = self._own_government(trig, sources, by_token, on, ctx)
        if not targets:
            if trig.deontic and r.anchor_subject is not None:
                subject = r.anchor_subject
                # (of a judgement, whose act it is: "Iran's support for the Houthis is a threat")
                judged = trig.match.pattern in (STATED_CRITICISM, STATED_PRAISE)
                owners = [c for c in subject.children if c.dep_ == "poss"] if judged else []
                if owners:
                    targets = self.first_named([*owners, subject], by_token, on, ctx)
                else:
                    targets = self.resolve(subject, by_token, on, ctx)
                own = {s_.country for s_ in sources if s_.country}
                if subject.pos_ == "PRON" and subject.lower_ not in _W.first_person_plural | _W.first_person_singular \
                        and targets and all(t.country in own for t in targets):
                    # "France told Iran that it must stop enrichment": the pronoun a demand is made
                    # of is the one told, not the teller
                    targets = self._the_one_told(trig.governor, sources, by_token, on, ctx) or targets
                if not targets and subject.lower_ not in _W.first_person_plural | _W.first_person_singular:
                    # "told the Russians that this has to end", "told Iran that it must stop": a
                    # clause whose subject names no party asks it of the one told
                    targets = self._the_one_told(trig.governor, sources, by_token, on, ctx)
                if not targets and subject.lemma_.lower() in _W.meeting_nouns:
                    return []   # "any meeting between the two leaders must be well prepared": how a
                    # meeting should be is said of no one
                if not targets and subject.pos_ == "PROPN":
                    # "said Europe must prepare for a confrontation with Russia": asked of a party
                    # named but not known -- never of whom its act is aimed at, nor where
                    return []
            elif r.asked is not None:
                targets = self.resolve(r.asked, by_token, on, ctx)
            if not targets and trig.code.startswith(_C.addressed) and \
                    _own_nationals(r.asked if r.asked is not None else grammar.direct_object(trig.match.trigger)):
                return []   # "urged its citizens to leave Venezuela": advice to one's own nationals,
                # no appeal to the country they are in
            if not targets:
                # "cancelled the planned Budapest summit": the summit the pattern names is held in
                # that city, not with its government
                # (and the talks a statement is about: "Peskov said the Riyadh talks had been useful")
                pattern_words = {t.i for t in trig.match.tokens[1:]}
                said = trig.code.startswith(_C.statement)
                # (nor a text named by the city it was made in: "signed the Minsk Agreements")
                cands = [c for c in r.target_candidates if not (
                    (said or c.i in pattern_words) and c.lemma_.lower() in _W.meeting_nouns
                    and _only_venues(c, by_token)) and not _held_in_a_city(c, by_token)
                    and not (c.i in pattern_words and grammar.singular(c) in _W.text_nouns and _only_venues(c, by_token))]
                trigger = trig.match.trigger
                if trigger.lemma_.lower() in _RULES.topic_verbs:
                    # "Putin discussed Ukraine with Trump": whom it is discussed with comes first
                    partners = grammar.prep_objects(trigger, ("with",))
                    cands = partners + [c for c in cands if c not in partners]
                    if len(sources) >= 2:
                        # "Putin and Trump discussed Ukraine": what two discuss is their topic,
                        # and they discussed it with each other
                        cands = [c for c in cands if not (c.dep_ == "dobj" and c.head.i == trigger.i or
                                                          c.dep_ == "conj" and c.head.dep_ == "dobj"
                                                          and c.head.head.i == trigger.i)]
                meeting = trig.code.startswith(_C.visit) or trig.match.pattern.code.startswith(_C.visit)
                if len(sources) >= 2 and meeting:
                    # "Lavrov and Rubio held talks on Ukraine", "the two leaders agreed to continue
                    # talks on Ukraine": what several consult each other on (or intend to) is their
                    # topic, and they consult each other
                    cands = [c for c in cands if not (c.dep_ == "pobj" and c.head.lower_ in _W.topic_prepositions)]
                elif trig.code.startswith(_C.visit):
                    # "Saudi Arabia hosted talks on Ukraine", "Egypt hosted a summit on Gaza": what a
                    # meeting is on is its topic, not a party to it
                    cands = [c for c in cands if not (
                        c.dep_ == "pobj" and c.head.lower_ in _W.topic_prepositions
                        and c.head.head.lemma_.lower() in _W.meeting_nouns)]
                if trig.match.pattern in (SAID_CRITICISM, SAID_PRAISE):
                    # "said the election in Belarus was unfair": what is judged is Belarus's; "said
                    # the incursion was a deliberate provocation by Moscow": whom the judgement names
                    cands = cands + [p for c in cands for p in grammar.prep_objects(c, ("in",))]
                    cands += [p for cl in trig.anchor.children if cl.dep_ == "ccomp" and cl.lemma_ == "be"
                              for a in cl.children if a.dep_ == "attr" for p in grammar.prep_objects(a, ("by",))]
                if len(sources) >= 2 and trig.match.pattern.code.startswith(_MUTUAL):
                    # "Britain and Norway signed a deal to jointly hunt Russian submarines": what
                    # several sign or agree with each other is not with whom its purpose acts on
                    # (but whom the pattern's own verb acts on is the target: "Sweden and Germany
                    # offered to help Denmark")
                    pattern_verbs = {t.i for t in trig.match.tokens[1:] if t.pos_ in grammar.VERB_POS}
                    cands = [c for c in cands if not grammar.below_a_clause(c, trig.anchor) or
                             c.head.i in pattern_verbs]
                if trig.code.startswith(_C.on_a_matter):
                    # "Russia rejected it", "we're looking into it": a thing, no party -- an
                    # answer's is aimed at its maker, the last doer told (_last_doer)
                    cands = [c for c in cands if not _thing_pronoun(c)]
                targets = self.first_named(cands, by_token, on, ctx)
                if not targets:
                    targets = self._groups_own_state(cands, sources, by_token)
                if not targets and trig.code.startswith(_C.violence + _C.protest):
                    targets = self._placed_crowds_forces(cands, sources, by_token, on, ctx)
            if not targets and trig.code.startswith(_C.disapprove) and \
                    trig.match.pattern not in (SAID_CRITICISM, SAID_PRAISE):
                # "Trump is disappointed and frustrated that there has been no flexibility on the
                # Russian side": displeasure is with whom its that-clause is about (a judgement
                # said is of what its own clause judges, not of another that-clause's subject)
                words = [*trig.match.tokens, *(c for t in trig.match.tokens for c in t.children if c.dep_ == "conj")]
                targets = self.first_named([tok for w in words for tok in grammar.clause_parties(w)], by_token, on, ctx)
        if not targets and trig.match.pattern.kind == "noun":
            # "made a demand that Ukraine can't agree to": whom the demand, offer or plan answers to
            answerers = [c for rel in trig.match.trigger.children
                         if rel.dep_ in ("relcl", "acl") and rel.lemma_.lower() in _W.answering_verbs
                         for c in rel.children if c.dep_ == "nsubj"]
            targets = self.first_named(answerers, by_token, on, ctx)
        if not targets and trig.anchor.dep_ == "relcl" and trig.anchor.lemma_.lower() in _W.answering_verbs:
            # "Russia made a proposal that Ukraine rejected": the answer is to whoever made it
            made = trig.anchor.head
            makers = [c for c in made.children if c.dep_ == "poss"] + grammar.prep_objects(made, ("by", "from"))
            if made.dep_ == "dobj" and (maker := grammar.subject(made.head)) is not None:
                makers.append(maker)
            targets = self.first_named(makers, by_token, on, ctx)
        if not targets:
            # "Ukraine rejected the proposal that Russia made", "welcomed the plan Moscow had
            # presented": whose plan, deal or proposal the pattern's noun is, its relative clause says
            # (not a relative pronoun, which is the noun itself: "missiles that killed 12"; in the
            # passive, its "by" phrase: "the plan which was presented by Turkey")
            # (a text or words, which someone makes: "annual exercises, which Pyongyang calls a
            # rehearsal for invasion" are no one's by that clause, nor "a deal, which Kyiv
            # rejected" Kyiv's)
            authors = [c for noun in trig.match.tokens[1:] if noun.pos_ in grammar.NOUN_POS
                       and noun.lemma_.lower() in _W.authored_nouns | _W.text_nouns
                       for rel in noun.children if rel.dep_ == "relcl" and rel.lemma_.lower() in _W.authoring_verbs
                       for c in [*rel.children, grammar.by_agent(rel)]
                       if c is not None and (c.dep_ == "nsubj" and c.lower_ not in _W.relative_pronouns
                                             or c.dep_ == "pobj")]
            targets = self.first_named(authors, by_token, on, ctx)
        if not targets and trig.anchor.dep_ == "pcomp" and trig.anchor.head.lower_ == "by" and \
                trig.anchor.head.head.pos_ in grammar.VERB_POS:
            # "China retaliated against the United States by expelling two diplomats", "punished
            # Kyiv by cutting gas": the act is the means, aimed where its verb is
            whole = trig.anchor.head.head
            objects = [c for c in whole.children if c.dep_ == "dobj"]
            # (and whom the verb's object is aimed at: "stepped up pressure on Caracas by deploying
            # warships")
            aimed_at = [p for o in objects for p in grammar.prep_objects(o, _W.attack_target_prepositions)]
            targets = self.first_named([*grammar.prep_objects(whole, ("against",)), *objects, *aimed_at],
                                       by_token, on, ctx)
        if not targets and trig.code.startswith(_C.reasoned) and not traded_between_subjects(trig.match):
            # "imposed further sanctions as a result of Russia's lack of commitment": at the party
            # whose conduct is the act's reason
            targets = self.first_named([tok for head in (trig.anchor, *trig.match.tokens[1:])
                                        for tok in grammar.reason_parties(head)], by_token, on, ctx)
        if not targets and trig.code.startswith(_C.reporters_own) and not trig.match.pattern.swap:
            targets = self._reporters_own(trig, sources, by_token, on, ctx) or self._speakers_own(trig, sources, ctx)
        if trig.unvoiced:
            # ... nor of one's own side: "the United States is a reliable partner" in its own statement
            own = {s_.country for s_ in sources if s_.country}
            targets = [t for t in targets if t.country not in own]
        if trig.unvoiced and not targets:
            return []     # a demand of no one named ("it must be done") is no event
        if trig.match.trigger.lemma_.lower() in _RULES.mutual_verbs:
            # "agreed to swap all wounded prisoners": people swapped are both sides', their country
            # no guess from the sentence
            targets = [t_ for t_ in targets if not t_.inferred]
        if len({t_.country for t_ in targets}) > 1 and not trig.match.pattern.swap:
            # "Russia proposed resuming flights between Moscow and Washington": of a pair that
            # includes the source's own state, the other one is the target
            own = {s_.country for s_ in sources if not s_.inferred and s_.sector in _RULES.state_sectors}
            others = [t_ for t_ in targets if not (t_.country in own and t_.sector in _RULES.state_sectors)]
            targets = others or targets
        if not targets and trig.match.pattern.speaker_threatens:
            targets = self._relative_fate_doer(trig, sources, by_token, on, ctx)
        if not targets and (trig.code.startswith(_C.reaction_to_act) or trig.match.pattern.speaker_threatens) \
                and not trig.match.pattern.swap:
            targets = self._last_doer(trig, sources, ctx)
            if not targets and trig.match.pattern in (SAID_CRITICISM, SAID_PRAISE) and any(
                    grammar.act_anaphora(s_) and not any(t.i in by_token for t in s_.subtree)
                    for s_ in _said_of(trig.anchor)):
                return []   # "said the sanctions were unfriendly", with no one's sanctions told: no one judged
        if not targets and (any(t.lemma_.lower() in _W.responding_verbs for t in trig.match.tokens)
                            or _in_response(trig.anchor)) and not trig.match.pattern.swap:
            # "Officers responded with tear gas and rubber bullets", "Moscow vowed to retaliate for
            # the attack": at whoever did the last hostile act told, when another party (the
            # protesters who threw stones) -- and so is an act done "in response" or "in
            # retaliation", naming nothing it answers ("Caracas deployed troops to its coastline in
            # response")
            last = ctx.last_doer(tuple(_C.hostile))
            if last is not None and last.code and last.code not in {s_.code for s_ in sources}:
                targets = [dataclasses.replace(last, inferred=True)]
        if not targets and trig.code.startswith(tuple(_C.truce_broken)) and r.speaker is not None and \
                not trig.match.pattern.swap:
            # "India said Pakistan had violated the ceasefire": a truce is broken against the party
            # that says so, when that is another state
            own = {s_.country for s_ in sources if s_.country}
            targets = [self.country_actor(a.country, inferred=True)
                       for a in self.resolve(r.speaker, by_token, on, ctx) if a.country and a.country not in own][:1]
        if targets and trig.code.startswith(_C.threaten) and not trig.match.pattern.swap and sources:
            # "We will take resolute measures to safeguard the rights of Chinese companies": one's
            # own people protected are no one threatened -- the threat answers whoever did the last
            # hostile act told, when another party
            own = {s_.country for s_ in sources if s_.country}
            if own and all(t_.country in own and t_.sector not in _RULES.state_sectors for t_ in targets):
                last = ctx.last_doer(tuple(_C.hostile))
                targets = [dataclasses.replace(last, inferred=True)] \
                    if last is not None and last.country and last.country not in own else []
        if not targets and trig.code.startswith(_C.threaten) and not trig.match.pattern.swap and sources:
            # "Netanyahu threatened to resume fighting if Hamas does not free the hostages": a
            # threat held out on another's act is aimed at whoever is to act
            own = {s_.country for s_ in sources}
            heads = [trig.anchor, trig.match.trigger, *(c for c in trig.anchor.children if c.dep_ == "xcomp")]
            acting = [c for h in heads if (clause := grammar.condition_clause(h)) is not None
                      for c in clause.children if c.dep_ == "nsubj"]
            targets = [a for a in self.first_named(acting, by_token, on, ctx) if a.country not in own][:1]
        if not targets and trig.code.startswith(_C.refusal) and not trig.match.pattern.swap and \
                len(trig.match.pattern.words) == 1 and trig.governor is None and \
                not any(t.pos_ == "PROPN" or t.ent_type_ in ("GPE", "NORP", "ORG", "PERSON")
                        for c in r.target_candidates for t in c.subtree):
            # "Beijing demanded that Takaichi retract the comments. Tokyo has refused": a refusal
            # naming nothing refused (or no one in what it refuses to do: "has refused to withdraw
            # her comments") answers whoever made the last appeal or demand told, when that is
            # another party
            last = ctx.last_doer(tuple(_C.addressed))
            if last is not None and last.country and last.country not in {s_.country for s_ in sources}:
                targets = [dataclasses.replace(last, inferred=True)]
        # (a swap of prisoners is one with the other side too: "The rebels agreed to exchange prisoners")
        swap = trig.match.pattern.code.startswith(_C.person_release) and \
            trig.match.trigger.lemma_.lower() in _RULES.mutual_verbs
        if not targets and (trig.code.startswith(_C.partnered_talks + _C.partnered_ties) or swap) and \
                not trig.match.pattern.swap and \
                not trig.match.pattern.needs_target and \
                all(c in trig.match.tokens for c in r.target_candidates):
            # (no phrase but the pattern's own nouns could name a partner: "continue talks", not
            # "continue talks with local elders"; a pattern that needs a target named keeps needing one)
            targets = self._pairs_other_side(sources, ctx)
        if trig.code.startswith(_C.threaten) and trig.match.pattern.future_only and not trig.match.pattern.swap and \
                not {_side_key(t_) for t_ in targets} - {_side_key(s_) for s_ in sources}:
            # "Israel warned that it would respond forcefully to any violation", after a ceasefire
            # between Israel and Iran: a response foretold to no one named (but its own doer, the
            # warner) answers the other side
            targets = self._pairs_other_side(sources, ctx) or targets
        if not targets and trig.code.startswith(_C.threaten) and not trig.match.pattern.swap and \
                trig.match.trigger.lemma_.lower() in _W.warning_verbs:
            # "India suspended the treaty ... Pakistan warned that any attempt to stop the water
            # would be an act of war": a warning that names no one, by one of the two who last
            # acted with each other -- else of the only two states the story has named -- is
            # aimed at the other
            targets = self._pairs_other_side(sources, ctx)
            own = {s_.country for s_ in sources}
            others = [iso for iso in ctx.story_counts if iso not in own]
            if not targets and len(own) == 1 and len(ctx.story_counts) == 2 and own <= set(ctx.story_counts) and \
                    ctx.story_counts[others[0]] > ctx.sentence_counts.get(others[0], 0):
                # (named before: not a country the warning's own sentence names in passing)
                targets = [self.country_actor(others[0], inferred=True)]
        if not targets and trig.code.startswith(_C.intent) and not trig.match.pattern.swap and any(
                t.lemma_.lower() in _W.outcome_nouns and grammar.told_before(t) and
                not any(c.dep_ in ("poss", "prep") for c in t.children) for t in trig.match.tokens):
            # "Phnom Penh remained committed to the deal", "Hamas said it remained committed to the
            # agreement": an agreement told before is the one with the other of the story's two
            own = {_side_key(s_) for s_ in sources}
            pair = ctx.last_pair()
            if len(own) == 1 and own <= {_side_key(a) for a in pair}:
                targets = [dataclasses.replace(a, inferred=True) for a in pair if _side_key(a) not in own]
        if not targets and not trig.match.pattern.swap and not trig.code.startswith(_C.statement):
            # "As for the Americans, we are ready to continue the dialogue": an act aimed at no one
            # named is aimed at the party the sentence opens on as its topic
            targets = [a for tok in grammar.topic_frame(trig.anchor) for a in self.resolve(tok, by_token, on, ctx, False)
                       if (a.country or a.code) not in {s_.country or s_.code for s_ in sources}]
        if not targets and trig.code.startswith(_C.hosting) and not trig.match.pattern.swap:
            targets = self._hosted_pair(trig, sources, ctx)
        if not targets and trig.code.startswith(_RULES.own_people_codes) and not trig.match.pattern.swap:
            targets = self._own_people(trig, sources, by_token, ctx)
        if not targets and not trig.match.pattern.swap:
            targets = self._own_laws(trig, sources, ctx)
        if trig.match.pattern.swap and sources and not targets and trig.governor is None and \
                (sector := next((_RULES.state_faced_nouns[t.lemma_.lower()] for t in trig.match.tokens[1:]
                                 if t.lemma_.lower() in _RULES.state_faced_nouns), None)) is not None:
            # "a former Kenyan minister faces charges of bribery": the state's courts charge him,
            # as in the passive ("was charged with bribery"), where the place or he is from
            isos = {a.country for a in sources if a.country}
            iso = ctx.place or (isos.pop() if len(isos) == 1 else None)
            if iso and all(a.sector not in _RULES.state_passive_unjudged_sectors.get("accuse", ()) for a in sources):
                targets = [self.country_actor(iso, self.kb.countries.get(iso, iso), sector=sector)]
        if trig.match.pattern.swap and not (trig.governor is not None and secures_release(trig.match)):
            # ("is working to secure the release of X, held in Russia": the one working intends
            # it, towards the holder -- no swap)
            sources, targets = targets, sources
            if not sources:
                return []
        if targets and ctx.place is None and trig.code.startswith(_C.violence):
            # "The United States condemns Russia's strike, which killed 30 civilians": victims
            # placed by no place are no guess of the statement's own country (its author would
            # have said "Americans")
            own = {a.country for a in (ctx.author, ctx.speaker) if a is not None and a.country}
            targets = [t for t in targets if not (t.inferred and t.country in own and
                                                  t.sector in _SECTORS.placed_where_it_happens)]
        if trig.code.startswith(_C.threaten) and targets:
            # "Medvedev warned that Russia could deploy nuclear weapons": the warner's own state
            # doing the act is what is threatened, not whom (a government warning its protesters
            # still threatens them)
            own = {s_.country for s_ in sources if s_.country and not s_.inferred and
                   s_.sector not in _SECTORS.domestic_groups}    # (a former president speaks for his state too)

            def others(found: list[Actor]) -> list[Actor]:
                return [t for t in found if not (t.country in own and t.sector in _RULES.state_sectors)]
            kept = others(targets)
            if not kept and not trig.match.pattern.swap:
                # "threatened to withdraw the United States from NATO": whom the act falls on is the
                # next party its phrases name
                kept = next((f for tok in r.target_candidates
                             if (f := others(self.resolve(tok, by_token, on, ctx, guess_country=False)))), [])
            targets = kept
        if not targets and trig.code.startswith(_C.retreat_from_place) and self.matcher.place_country is not None:
            # "Russian forces withdrew from Kharkiv": a retreat from a town is from its country
            own = {s_.country for s_ in sources}
            left = grammar.prep_objects(trig.anchor, ("from",))
            for out in (c for c in trig.anchor.children if c.lower_ == "out"):
                left += grammar.prep_objects(out, ("of",))      # "pulled out of Mariupol"
            # the place whose part it is first ("from the Kherson region's west bank": Kherson),
            # then the whole name the recognizer found (not a word of it: "bank")
            owners = [o for p in left for o in p.children if o.dep_ == "poss"]
            names = [c for o in owners for c in (o, *o.children)
                     if c.dep_ in ("poss", "compound") and c.pos_ == "PROPN"]
            names += [p for p in left if p.ent_type_ in ("GPE", "LOC")]
            texts = [ent.text if (ent := entity_at(n)) is not None and n.ent_type_ in ("GPE", "LOC") else n.text
                     for n in names]
            # (a name in lower case is no proper name: "west bank" is a river's)
            iso = next((i for t in texts if t != t.lower() and (i := self.matcher.place_country(t))), None)
            targets = [self.country_actor(iso, inferred=True)] if iso and iso not in own else []
        if trig.code.startswith(_C.release_calls) and r.asked is None:
            own = {s_.country for s_ in sources}
            # whoever holds them, where the sentence says so ("pressed for the release of Americans
            # detained in Russia", "called for the release of journalists held by Iran") ...
            held = [a for a in self.first_named(holders(trig.match.tokens), by_token, on, ctx)
                    if a.country and a.country not in own]
            if held:
                targets = held[:1]
            elif targets and all(t.country in own and t.sector and t.sector not in _RULES.state_sectors
                                 for t in targets):
                # ... else, when the people are the asker's own ("pressed for the release of
                # detained American citizens"), whom the story last told holding or freeing people,
                # else the other party the story last named with it
                holder = ctx.last_doer(_C.holding_acts)
                targets = [holder] if holder is not None and holder.country and holder.country not in own else \
                    [a for a in ctx.last_pair() if a.country and a.country not in own][:1]
        gov = trig.governor
        if not targets and gov is not None and trig.governor_kind == "intent" and \
                gov.lemma_.lower() in _RULES.mutual_intent_governors:
            # "agreed with the American side to continue our contacts", "agreed with Ukraine to
            # exchange prisoners": whom the act was agreed with is whom it is done with
            own = {s_.country for s_ in sources}
            targets = [t for t in self.first_named(grammar.prep_objects(gov, ("with",)), by_token, on, ctx)
                       if t.country not in own]
        if not targets and trig.governor_kind in ("appeal", "demand") and gov is not None and \
                gov.dep_ == "ccomp" and gov.head.lemma_.lower() in _W.speech_verbs:
            # "told the foreign minister that the United States wants a ceasefire": a wish or
            # demand that names no one, said to someone, is asked of the one told
            targets = self._the_one_told(gov.head, sources, by_token, on, ctx)
        if targets and trig.code.startswith(_C.truce) and trig.governor is None and not trig.match.pattern.swap:
            # "Trump announced a ceasefire between Israel and Iran": the truce of the two it is
            # between, with each other -- not the announcer's with them
            between = [p for t in trig.match.tokens[1:] for p in grammar.prep_objects(t, ("between",))]
            parties = self.first_named([q for p in between for q in (p, *p.conjuncts)], by_token, on, ctx)
            sides = set(map(_side_key, parties))
            if len(sides) == 2 and not sides & set(map(_side_key, sources)):
                return _with_each_other(parties)
        if first_person_praise and not any(t.country and t.country not in {s_.country for s_ in sources}
                                           for t in targets):
            return []   # "I would like to thank Under-Secretary DiCarlo for her briefing": a courtesy
        if targets and all(t.inferred for t in targets) and len({s_.country for s_ in sources}) > 1 and \
                trig.match.trigger.lemma_.lower() in _RULES.mutual_verbs:
            # "Armenia and Azerbaijan swapped prisoners": the prisoners' country guessed from the
            # sentence is no party -- what two exchange, each gives the other
            targets = []
        offerers = frozenset(map(_side_key, sources))
        if not targets and len(offerers) >= 2 and trig.match.trigger.lemma_.lower() in _W.truce_offering_verbs and \
                any(t.lemma_.lower() in _W.truce_nouns for t in trig.match.tokens[1:]):
            # "The United States, Saudi Arabia, Egypt and the UAE proposed a humanitarian truce",
            # after the army and the RSF fought: a truce offered by others is offered to the two at
            # war, not agreed among the offerers
            pair = self._last_pair_acted(ctx) or ctx.last_pair(excluding=offerers)
            if len(pair) == 2 and not set(map(_side_key, pair)) & offerers:
                targets = pair
        sources = self._body_of_the_story(trig, sources, targets, by_token, on, ctx)
        return self._pairs(trig, sources, targets)

    def _body_of_the_story(self, trig: Trigger, sources: list[Actor], targets: list[Actor], by_token,
                           on: Optional[date], ctx: Discourse) -> list[Actor]:
        """"China announced tariffs on U.S. coal. The Commerce Ministry urged the United States to
        correct its practices": a state body named by no country, whose country was guessed only
        from the sentence, which names none but whom it acts on, is of the story's own country --
        the one it has named most, of those it acts on none (the guess from the target is no source
        at all: ``_pairs``; with no such country in the story, nor is this)."""
        subj = trig.roles.subject
        if not sources or not targets or subj is None or trig.roles.passive or ctx.author is not None or \
                ctx.transcript:
            return sources      # (a government's own text names its bodies by its own rules: _bare_title)
        m = by_token.get(subj.i)
        # ... or an official the knowledge base does not know, named with the title of a state
        # office: "Vice Foreign Minister Sun Weidong lodged representations with the ambassador"
        official = m is None and subj.pos_ == "PROPN" and any(
            (o := by_token.get(c.i)) is not None and o.kind == "office" for c in subj.children if c.dep_ == "compound")
        if not official and (m is None or m.kind != "agent"):
            return sources
        aimed = {t.country for t in targets if not t.inferred and t.country}
        if not all(s_.inferred and s_.country in aimed and s_.sector in _RULES.state_sectors and
                   not is_person(s_) for s_ in sources):
            return sources
        if any(iso not in aimed for iso in ctx.sentence_counts) or any(
                not (official and a.inferred) for a in self.resolve(subj, by_token, on, ctx, guess_country=False)):
            return sources      # (a country of the sentence's own besides the target's; a body told before)
        others = {iso: n for iso, n in ctx.story_counts.items() if iso not in aimed}
        top = max(others.values(), default=0)
        best = [iso for iso, n in others.items() if n == top]
        if len(best) > 1:
            # (named as often as a country only talked about, the one that has acted is the story's)
            acted = {a.country for _, a, _, _ in ctx.last_doers}
            best = [iso for iso in best if iso in acted]
        if len(best) != 1:
            return sources
        return [dataclasses.replace(s_, country=best[0], name=self.kb.countries.get(best[0], best[0]),
                                    code=best[0] + (s_.sector or "")) for s_ in sources]

    def _pairs_other_side(self, sources: list[Actor], ctx: Discourse) -> list[Actor]:
        """The other party of the pair that last acted with each other, when the sources are one of
        them: whom talks with no partner named are held with ("Russian and Ukrainian negotiators met
        in Istanbul ... Medinsky said Moscow would continue the talks")."""
        if any(s_.text.lower() in _W.first_person_plural or s_ is ctx.author or s_ is ctx.speaker for s_ in sources):
            return []    # the speaker's "we" (actors() has its own rule) or the text's author
        own = {_side_key(s_) for s_ in sources}
        pair = self._last_pair_acted(ctx)
        if len(own) != 1 or None in own or not own <= {_side_key(a) for a in pair}:
            return []
        return [a for a in pair if _side_key(a) not in own]

    def _hosted_pair(self, trig: Trigger, sources: list[Actor], ctx: Discourse) -> list[Actor]:
        """Whom a host of "the meeting" the story told of received: the pair that last acted with
        each other, when the host is neither ("Russian and American delegations met in Riyadh ...
        Saudi Arabia hosted the meeting", "... The talks were hosted by Turkey")."""
        # (what a mediator brokers may be the outcome: "Qatar and the United States brokered the deal")
        told = any(c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in _W.meeting_nouns | _W.outcome_nouns and
                   grammar.told_before(c) for c in trig.anchor.children)
        pair = self._last_pair_acted(ctx)
        if not told or {_side_key(s_) for s_ in sources} & {_side_key(a) for a in pair}:
            return []
        return pair

    def _last_pair_acted(self, ctx: Discourse) -> list[Actor]:
        """The two who last acted with each other in the story, as parties (a country's actor
        becomes the country; an international body stays itself) -- not merely the two named most,
        which may be a mediator ("talks mediated by the United States" between India and
        Pakistan); [] unless they are two distinct known parties."""
        pair = ctx.last_mutual
        keys = {_side_key(a) for a in pair}
        if len(pair) != 2 or None in keys or len(keys) != 2:
            return []
        return [self.country_actor(a.country, inferred=True) if a.country and side_key(a) == a.country else a
                for a in pair]

    def _the_one_told(self, speech: Optional[Token], sources: list[Actor], by_token, on, ctx: Discourse) -> list[Actor]:
        """Whom the verb of saying ``speech`` tells (its object: "told the Russians that ..."),
        when that is a party other than the sources' own country."""
        told = grammar.direct_object(speech)
        own = {s_.country for s_ in sources if s_.country}
        return [t for t in self.resolve(told, by_token, on, ctx) if t.country not in own] if told is not None else []

    def _reporters_own(self, trig: Trigger, sources: list[Actor], by_token, on, ctx: Discourse) -> list[Actor]:
        """Whom a hostile act on "its territory", "their positions" is aimed at when a reporter
        tells it: "Cambodia said Thailand had launched air strikes on its territory", "Iran said
        Israel had struck its nuclear facilities" -- the reporter, the subject of the verb of
        saying whose clause the act is, when that is another party than the doer."""
        anchor = trig.anchor
        if anchor.dep_ != "ccomp" or anchor.head.lemma_.lower() not in _W.speech_verbs:
            return []
        if not _possessed_in_clause(trig, _W.reporter_possessives):
            return []
        reporter = grammar.subject(anchor.head)
        if reporter is None or reporter.pos_ == "PRON":
            return []
        found = self.resolve(reporter, by_token, on, ctx)
        doers = {s_.country for s_ in sources if s_.country}
        return [a for a in found if a.country and a.country not in doers]

    def _placed_crowds_forces(self, cands, sources: list[Actor], by_token, on, ctx: Discourse) -> list[Actor]:
        """The state's forces that a crowd placed only by the story turns on: of the crowd's state,
        as the crowd is ("Protests in Des Moines turned violent. One of the teens hurled a beer
        bottle at police" -- US police); none when the doers were named."""
        if not sources or not all(s_.inferred and s_.country for s_ in sources):
            return []
        countries = {s_.country for s_ in sources}
        for c in cands:
            found = [a for a in self.resolve(c, by_token, on, ctx)
                     if a.sector in _RULES.state_force_sectors and a.country in countries]
            if found:
                return found
        return []

    def _speakers_own(self, trig: Trigger, sources: list[Actor], ctx: Discourse) -> list[Actor]:
        """Whom a hostile act on "our energy facilities", "our territory" is aimed at in a known
        speaker's words: the speaker's side ("the Ukrainian side continues to strike our energy
        facilities", said by the Kremlin's spokesman), when that is another party than the doer."""
        if not _possessed_in_clause(trig, _W.first_person_plural):
            return []
        doers = {s_.country for s_ in sources if s_.country}
        return [a for a in self.speakers_side("our", ctx) if a.country not in doers]

    def _relative_fate_doer(self, trig: Trigger, sources: list[Actor], by_token, on, ctx: Discourse) -> list[Actor]:
        """Whom a fate told in a relative clause is foretold: the doer of the clause its noun is in
        ("noted that the Kyiv regime had chosen the path of terror, which could not go unanswered"
        -- the Kyiv regime), when another party than the one foretelling it."""
        subj = next((c for c in trig.match.trigger.children if c.dep_ == "nsubj"), None)
        clause = trig.match.trigger
        if clause.dep_ == "ccomp" and clause.head.dep_ == "relcl":
            clause = clause.head     # "an attack on Moscow, which Russia said would not go unanswered"
        if subj is None or subj.lower_ not in _W.relative_pronouns or clause.dep_ != "relcl":
            return []
        verb = clause.head
        while verb.pos_ not in grammar.VERB_POS and verb.head.i != verb.i:
            verb = verb.head
        doer = next((c for c in verb.children if c.dep_ == "nsubj"), None) if verb.pos_ in grammar.VERB_POS else None
        if doer is None:
            return []
        own = {s_.country or s_.code for s_ in sources}
        return [a for a in self.resolve(doer, by_token, on, ctx) if (a.country or a.code) not in own]

    def _last_doer(self, trig: Trigger, sources: list[Actor], ctx: Discourse) -> list[Actor]:
        """Whom a reaction to "the move", "this decision", "the strike" -- an act noun naming no one
        as its object -- is aimed at: who did the last act the story told of the kind the noun
        names (words.yaml ``act_anaphora_nouns``), when that is another party than the one
        reacting."""
        anchor = trig.anchor
        objects = [c for c in anchor.children if c.dep_ == "dobj"] + [t for t in trig.match.tokens[1:]
                                                                       if t.dep_ == "dobj"]
        # ... or its subject in the passive: "The attack was condemned by the European Union"
        objects += [c for c in anchor.children if c.dep_ == "nsubjpass"]
        # ... or what it is felt or said about: "was unhappy about the strike", "angry over the move"
        objects += [o for head in dict.fromkeys((anchor, *trig.match.tokens))
                    for o in grammar.prep_objects(head, _W.reaction_prepositions)]
        if trig.match.pattern.speaker_threatens:
            # the act whose doer a fate is foretold: "the attack will not go unpunished"
            objects = [c for c in trig.match.trigger.children if c.dep_ in ("nsubj", "nsubjpass")]
        elif trig.match.pattern in (SAID_CRITICISM, SAID_PRAISE):
            # the act a judgement is said of: "said the sanctions were an unfriendly act"
            objects = _said_of(anchor)
        return self._act_doer(objects, sources, ctx)

    def _act_doer(self, objects: list[Token], sources: list[Actor], ctx: Discourse) -> list[Actor]:
        """The doer of the act the first of ``objects`` that stands for one ("the move", "it",
        "the sanctions") names: the last of its kind the story told, when another party than
        ``sources`` did it (else no one)."""
        for obj in objects:
            if grammar.act_pronoun(obj):
                kinds: tuple[str, ...] = ()     # "called them an unfriendly act": any act
            elif _thing_pronoun(obj):
                kinds = tuple(_W.thing_pronoun_acts)    # "rejected it": a proposal, a demand, a deal
            elif grammar.act_anaphora(obj):
                kinds = tuple(_W.act_anaphora_nouns[obj.lemma_.lower()])
            else:
                continue
            if obj.lemma_.lower() in _W.mutual_act_nouns:
                # "welcomed the talks": both who last held talks or agreed with each other
                pair = self._last_pair_acted(ctx)
                if pair and not {_side_key(a) for a in pair} & {_side_key(s_) for s_ in sources}:
                    return pair
            last = ctx.last_doer_of(kinds, obj.lemma_.lower()) if kinds else ctx.last_doer(kinds)
            if last is None or not (last.country or last.code) or \
                    (last.country or last.code) in {s_.country or s_.code for s_ in sources} and \
                    not _own_people_judged(last, sources):
                return []
            return [dataclasses.replace(last, inferred=True)]
        return []

    def _speakers_judgement(self, trig: Trigger, by_token, on, ctx: Discourse) -> Pairs:
        """(judge, judged) of "a show of good faith from the Russians": the judged party is named in
        the noun's phrase (from, by, a possessor); the judge is the subject of the nearest verb of
        saying or judging above it, else the statement's speaker.  Either missing: no event."""
        noun = trig.match.trigger
        named = trig.roles.nominal.sources + [p for o in grammar.prep_objects(noun, ("of",))    # ("good faith from X")
                                              for p in grammar.prep_objects(o, _W.receiving_prepositions)]
        targets = [a for tok in named for a in self.resolve(tok, by_token, on, ctx)]
        if not targets:
            return []
        verb = grammar.judging_verb(trig.match.trigger)
        judge = grammar.subject(verb) if verb is not None else None
        if judge is not None:
            sources = self.resolve(judge, by_token, on, ctx)
        elif verb is None and ctx.speaker is not None:
            sources = self.speakers_side(ctx.speaker.text, ctx)
        else:
            sources = []
        return self._pairs(trig, sources, targets) if sources else []

    def _passive_doer(self, trig: Trigger, targets: list[Actor], by_token, on, ctx: Discourse):
        """(sources, targets) of a passive with no doer named whose verb tells who did it:
        "troops were withdrawn from Mali" (the troops' side, from Mali), "diplomats were expelled
        from Moscow" (Russia expels them) -- rules.yaml ``passive_own_acts``, ``passive_from_doers``."""
        lemma = trig.match.trigger.lemma_.lower()
        instruments = [p for p in grammar.prep_objects(trig.match.trigger, ("with",))
                       if p.lemma_.lower() in _W.sanction_instruments]
        if instruments and targets:
            # "Venezuela was hit with new U.S. sanctions", "Iran was slapped with sanctions by
            # the EU": whose sanctions they are is who imposed them
            owners = [tok for sl in map(nominal_slots, instruments) for tok in (*sl.sources, *sl.participants)]
            return self._doers_named_by(owners, targets, by_token, on, ctx), targets
        if lemma in _RULES.passive_leave_doers:
            # "two Russian diplomats were ordered to leave Moldova": the state they are told to
            # leave orders it
            left = [o for t in trig.match.tokens[1:] if t.lemma_.lower() in _RULES.leaving_verbs
                    for o in [*(c for c in t.children if c.dep_ == "dobj"), *grammar.prep_objects(t, ("from",))]]
            if left:
                return self._doers_named_by(left, targets, by_token, on, ctx), targets
        if lemma in _RULES.passive_to_doers:
            # "Russia's ambassador was summoned to the Polish foreign ministry": whose ministry it is
            ministries = grammar.prep_objects(trig.match.trigger, ("to",))
            return self._doers_named_by(ministries, targets, by_token, on, ctx), targets
        if lemma in _RULES.passive_release_verbs and trig.roles.subject is not None:
            # "Marc Fogel, an American teacher held in Russia since 2021, was released": who
            # held the freed person (a participle or relative clause on the subject or on its
            # appositive: "held by the Taliban", "who was held in Russia")
            holders = [p for t in trig.roles.subject.subtree
                       if t.dep_ in ("acl", "relcl") and t.lemma_.lower() in _RULES.holding_participles
                       for p in (*grammar.prep_objects(t, ("in", "by")), grammar.by_agent(t)) if p is not None]
            if holders:
                return self._doers_named_by(holders, targets, by_token, on, ctx), targets
        if lemma not in _RULES.passive_own_acts and lemma not in _RULES.passive_from_doers:
            return [], targets
        origin = [a for p in grammar.prep_objects(trig.match.trigger, ("from",))
                  for a in self.resolve(p, by_token, on, ctx, guess_country=False)]
        if lemma in _RULES.passive_own_acts and targets:
            if _describes_someone(trig.match.trigger):
                return [], targets   # "the National Guard, which was deployed to the island, ...": who they are
            return targets, origin
        if lemma in _RULES.passive_from_doers and origin:
            # the people acted on are not the doer's own merely because the story is about it
            doers = {o.country for o in origin}
            return origin, [t for t in targets if not (t.inferred and t.country in doers)]
        return [], targets

    def _doers_named_by(self, phrases: list[Token], targets: list[Actor], by_token, on,
                        ctx: Discourse) -> list[Actor]:
        """The actors ``phrases`` name (no country guessed), less any of a target's own country:
        the doer of a passive whose phrase names it only indirectly."""
        doers = [a for tok in phrases for a in self.resolve(tok, by_token, on, ctx, guess_country=False)]
        return [a for a in doers if not any(a.country and a.country == t.country for t in targets)]

    def _host_in_the_passive(self, trig: Trigger, targets: list[Actor], ctx: Discourse) -> list[Actor]:
        """The government of the place a guest is welcomed in, when the welcome is told in the
        passive with no host named: "The Chinese leader was given a warm welcome in Pyongyang"
        (rules.yaml ``passive_hosting_nouns``)."""
        if not any(t.lemma_.lower() in _RULES.passive_hosting_nouns for t in trig.match.tokens[1:]) or not targets:
            return []
        at = trig.circumstances.place if trig.circumstances is not None else None
        iso = (at.country if at is not None else None) or ctx.place
        if not iso or any(t.country == iso for t in targets):
            return []
        return [self.country_actor(iso, sector=_SECTORS.government)]

    def _state_in_the_passive(self, trig: Trigger, targets: list[Actor], ctx: Discourse,
                              custodians: Sequence[Actor] = ()) -> list[Actor]:
        """The police or courts of a state as the unnamed doer of an arrest, a charge or a
        sentence in the passive (rules.yaml ``state_passive_verbs``), its government of a release
        from its custody (``state_passive_releases``; ``custodians``: whom the prison's own words
        name) and of a curfew or lockdown imposed or lifted (``state_passive_measures``)."""
        lemma = trig.match.trigger.lemma_.lower()
        sector = _RULES.state_passive_verbs.get(lemma)
        released = sector is None and lemma in _RULES.state_passive_releases and bool(_custody_left(trig.match.trigger))
        if released:
            sector = _RULES.state_passive_releases[lemma]   # "were released from prison": by the state holding them
        if sector is None and any(t.lemma_.lower() in _RULES.state_passive_measures for t in trig.match.tokens[1:]):
            sector = _SECTORS.government    # "a curfew was lifted in Kathmandu": by the state that holds it
        # (the released told by their nationality alone -- "three Nicaraguan trade unionists" -- are
        # its people, not its state)
        if sector is None or any(t.sector in _RULES.state_sectors and not (released and t.sector is None)
                                 for t in targets):
            return []
        if lemma in _RULES.state_passive_named_only and not targets:
            return []       # "both sides have been accused of war crimes": by whom, unsaid
        if any(t.sector in _RULES.state_passive_unjudged_sectors.get(lemma, ()) for t in targets):
            return []       # "the rebels were accused of using human shields": by whom, unsaid
        if trig.roles.subject is not None and not targets and trig.roles.subject.pos_ == "PRON":
            return []       # "he was arrested": whose act it is, the story must say
        if grammar.lasting(trig.match.trigger):
            return []       # "was detained for more than a year": a state of affairs, told as background
        if _describes_someone(trig.match.trigger):
            # "the release of Paul Smith, a teacher who was wrongfully detained in Belarus": an
            # undated arrest in a clause that describes someone is who they are, not the news
            return []
        isos = {t.country for t in targets if t.country}
        iso = (custodians[0].country if released and custodians else None) or ctx.place or \
            (isos.pop() if len(isos) == 1 else None) or ctx.home
        if not iso:
            return []
        # not marked inferred: the verb itself says whose act it is (a guessed source of the
        # target's own country is dropped as no source at all)
        return [self.country_actor(iso, self.kb.countries.get(iso, iso), sector=sector)]

    def _own_laws(self, trig: Trigger, sources: list[Actor], ctx: Discourse) -> list[Actor]:
        """A state's act on a bill, law or ruling named as its own object, with no one else named
        ("he would veto the bill", "the court struck down the law"), is on that state itself."""
        isos = {s_.country for s_ in sources if s_.country}
        if len(isos) != 1 or (ctx.place and ctx.place not in isos):
            return []
        for tok in [trig.anchor, *trig.match.tokens]:
            for c in tok.children:
                if c.dep_ == "dobj" and c.lemma_.lower() in _RULES.own_law_nouns and \
                        not any(d.dep_ in ("poss", "compound", "amod", "nmod") and d.pos_ == "PROPN" for d in c.children):
                    return [self.country_actor(isos.pop(), inferred=True)]
        return []

    def _own_people(self, trig: Trigger, sources: list[Actor], by_token, ctx: Discourse) -> list[Actor]:
        """A person the knowledge base does not know, acted on by a state's courts, police or
        government ("an indictment was filed against Ozel", "ordered the resignation of Prime
        Minister X"), is of that state when nothing else places them: the source's country."""
        isos = {s_.country for s_ in sources if s_.country}
        if len(isos) != 1 or (ctx.place and ctx.place not in isos):
            return []
        cands = list(trig.roles.target_candidates)
        if trig.roles.passive and trig.roles.subject is not None:
            cands.append(trig.roles.subject)     # "John Smith, 30, is charged with murder"
        for c in list(cands):
            if c.pos_ in grammar.NOUN_POS and c.pos_ != "PROPN":
                cands.extend(grammar.prep_objects(c, ("of",)))   # "the resignation of Prime Minister X"
        for tok in cands:
            titled = any((m := by_token.get(t.i)) is not None and m.kind == "office" for t in tok.lefts)
            if tok.pos_ == "PROPN" and (tok.ent_type_ == "PERSON" or titled) and by_token.get(tok.i) is None:
                iso = isos.pop()
                return [self.country_actor(iso, inferred=True)]
        if trig.code.startswith(_RULES.own_people_by_noun_codes) and \
                all(s_.sector in _RULES.domestic_force_sectors for s_ in sources):
            # "police raided several companies and arrested some employees": the state's own people
            first = trig.roles.target_candidates[0] if trig.roles.target_candidates else None
            if first is not None and first.pos_ == "NOUN" and first.dep_ in ("dobj", "nsubjpass") \
                    and first.head.i == trig.anchor.i:
                return [self.country_actor(isos.pop(), inferred=True)]
        return []

    def _groups_own_state(self, cands, sources: list[Actor], by_token) -> list[Actor]:
        """"Kenyan protesters accused the government of corruption", "students demanded that the
        president resign": a bare "the government", "the president" that the acts of one country's
        own people (protesting sectors: civilians, opposition, labour ...) fall on is that country's
        -- named by nothing else in its phrase."""
        isos = {s_.country for s_ in sources}
        # (and of its armed groups on their own ground: "the rebels returned the seized trucks to the
        # government")
        own_people = (*_RULES.protesting_sectors, *_RULES.home_ground_sectors)
        if len(isos) != 1 or not all(s_.country and s_.sector in own_people for s_ in sources):
            return []
        iso = isos.pop()
        for tok in cands:
            m = by_token.get(tok.i)
            if m is None or not (m.kind == "office" or m.kind == "agent" and m.value in _RULES.state_force_sectors):
                continue
            before = [t for t in noun_phrase_tokens(tok) if t.i < m.start]
            if any(not (t.dep_ == "det" and t.lower_ == "the") for t in before) or \
                    any(by_token.get(p.i) is not None for p in grammar.prep_objects(tok, ("of", "in"))):
                continue   # "the Ethiopian government", "Ruto's government", "the government of Uganda"
            if not any(t.dep_ == "det" and t.lower_ == "the" for t in before):
                continue   # "a government" is no one's
            sector = m.value if m.kind == "agent" else _SECTORS.government
            return [self.country_actor(iso, inferred=True, sector=sector)]
        return []

    def _own_government(self, trig: Trigger, sources: list[Actor], by_token, on, ctx: Discourse) -> list[Actor]:
        """The government of crowds and groups protesting with no target named, when the clause
        names no other party (its target candidates place no one) and the sentence no other
        country."""
        if any(self.resolve(tok, by_token, on, ctx, guess_country=False) for tok in trig.roles.target_candidates):
            return []
        isos = {s_.country for s_ in sources if s_.country and s_.sector in _RULES.protesting_sectors}
        if len(isos) != 1 or len(isos) != len({s_.country for s_ in sources}):
            return []
        iso = isos.pop()
        sent = trig.anchor.sent
        if any(m.kind in COUNTRYISH and (m.value[0] if m.kind == "metonym" else m.value) != iso
               for i in range(sent.start, sent.end) if (m := by_token.get(i)) is not None):
            return []   # another country named: "against violations by the Israeli military"
        return [self.country_actor(iso, self.kb.countries.get(iso, iso), inferred=True, sector=_SECTORS.government)]

    def _pairs(self, trig: Trigger, sources: list[Actor], targets: list[Actor]) -> Pairs:
        if targets:
            # "The Foreign Ministry summoned the Chinese ambassador": a source whose country
            # was only guessed from the target's own country is no source at all -- for acts
            # that are often domestic, only a state acting on that state itself ("the president
            # threatened Russia" is not Russia threatening itself; "police detained protesters"
            # and "refugees protested at the government's policy" stay domestic).  (Before the
            # target that is the source itself is dropped: "the ministry summoned the Estonian
            # ambassador" guessed Estonia's ministry, then lost the ambassador as its own.)
            domestic = trig.code.startswith(_C.domestic)
            explicit = {t.country for t in targets if not t.inferred and
                        (not domestic or t.sector in _RULES.state_sectors)}
            # (a group of the country's own -- "a human rights group protested that Croatia is
            # failing refugees" -- is no guess from the other party: it is at home there)
            # (but restrictions and repression are a state's on its own country: "the government
            # declared a state of emergency in Lima" is Peru's, its country guessed from Lima)
            if not trig.code.startswith(_C.domestic_restriction):
                sources = [s_ for s_ in sources if not (s_.inferred and s_.country in explicit and
                                                        (not domestic or s_.sector in _RULES.state_sectors) and
                                                        s_.sector not in _SECTORS.domestic_groups)]
            if not sources:
                return []
        if trig.code in _RULES.dissent_easing_codes and sources and \
                all(s_.sector in _RULES.state_force_sectors for s_ in sources) and \
                not any(c.dep_ == "poss" and c.lower_ in _MR.own_possessives
                        for t in trig.match.tokens[1:] for c in t.children):
            return []   # "vowed to end the antigovernment protests": a state puts them down, no concession
        src_keys = {(a.name, a.code) for a in sources}
        targets = [t for t in targets if (t.name, t.code) not in src_keys]
        own = {s_.country for s_ in sources}
        if trig.code.startswith(_C.force_posture):
            # "Venezuela responded by mobilising militias": forces put on a war footing whose
            # country is only guessed to be the doer's are its own, not whom the act is aimed at
            # -- nor is the doer's own state or government ("Russia carried out a nuclear forces
            # exercise overseen by Putin": a show of force at no one)
            targets = [t for t in targets if not (t.inferred and t.sector and t.country in own) and
                       not (t.country in own and t.sector in _RULES.state_sectors)]
        if trig.code.startswith(_C.deportation):
            # "Israel deported the activists aboard the Gaza flotilla": the deported are foreigners,
            # so a country guessed for them that is the deporter's own is no one's
            targets = [t for t in targets if not (t.inferred and t.country in own)]
        doer_countries = {s_.country for s_ in sources} - {None}
        if len(doer_countries) >= 2 and targets and trig.code.startswith(_C.partnered_talks) and \
                all(t.country in doer_countries for t in targets):
            # "the two countries held talks between senior diplomats in Beijing": in talks, the
            # doers' own people are no other party -- two states that talk with their own talk
            # with each other
            targets = []
        governments = {s_.country for s_ in sources if s_.sector == _SECTORS.government}
        if targets and trig.code.startswith(_C.demand) and \
                all(t.sector in _RULES.state_sectors and t.country in governments for t in targets) and \
                grammar.asserts_a_future(trig.match.trigger, _MR.future_aux):
            # "Zelensky insisted that Kyiv would not accept any deal": what a government insists
            # its own state will do is its position, no demand of itself
            return []
        if trig.code.startswith(_C.statement):
            # a statement is worth keeping when it is about someone else, not one's own side
            src_countries = {a.country for a in sources}
            targets = [t for t in targets if t.country not in src_countries]
        own = {s_.country for s_ in sources if s_.country}
        if targets and len(own) >= 2 and all(t.country in own and (self.kb.capitals.get(t.text) == t.country
                                                                   or (t.sector is None and not is_person(t)))
                                             for t in targets) and \
                (trig.code.startswith(_MUTUAL) or trig.match.pattern.code.startswith(_MUTUAL)):
            # "Russia and the United States resumed direct flights between Moscow and Washington",
            # "Israel and Hamas signed a Gaza ceasefire deal": the subjects' own capitals and
            # lands are no one else named -- they act with each other
            targets = []
        swapped = any(p.lemma_.lower() in _RULES.mutual_verbs for p in grammar.prep_objects(trig.anchor, ("in",)))
        if targets and swapped and len(own) >= 2 and all(t.inferred for t in targets):
            targets = []    # "Armenia and Azerbaijan each freed 32 prisoners in a swap": no one's own
        if targets and len(own) >= 2 and {t.country for t in targets} == own:
            # "Both leaders praised the state of relations between Moscow and Beijing": each
            # leader's act is aimed at the other's side, not at his own
            return [(s, t) for s in sources for t in targets if t.country != s.country]
        if targets and len(sources) >= 2 and grammar.reciprocal_object(trig.anchor):
            # "China and Japan summoned each other's ambassadors over Taiwan remarks": with each
            # other, whatever else the clause names
            return [(s, t) for s in sources for t in sources if s is not t and s.code != t.code]
        if targets:
            return [(s, t) for s in sources for t in targets]
        mutual = trig.code.startswith(_MUTUAL) or trig.match.pattern.code.startswith(_MUTUAL) or (
            trig.code.startswith(_RULES.halted_meeting_codes)
            and trig.match.trigger.lemma_.lower() in _RULES.halting_verbs
            and any(t.lemma_.lower() in _W.meeting_nouns for t in trig.match.tokens[1:])) or (
            # "Russia and Ukraine each freed 185 prisoners in a swap": what several do as one
            # exchange is done with each other
            swapped)
        if mutual and trig.code.startswith(_C.intent) and not trig.match.pattern.code.startswith(_MUTUAL) and \
                (trig.governor is None or trig.governor.lemma_.lower() not in _RULES.mutual_intent_governors):
            mutual = False   # "will be financed by Russia, Turkey and Jordan": not each other
        if mutual and trig.match.pattern.code.startswith(_RULES.recognised_thing_codes) and \
                len(trig.match.tokens) == 1 and not grammar.reciprocal_object(trig.anchor) and \
                any(c.dep_ == "dobj" and c.pos_ in grammar.NOUN_POS for c in trig.match.trigger.children):
            mutual = False   # "Russia and China did not recognise the sanctions": a thing, not each other
        if mutual and trig.code.startswith(_C.hosting):
            mutual = False   # "Egypt, Qatar and Turkey mediated the talks": for others, not each other
        if mutual and trig.code.startswith(_C.violence) and _acts_on_an_object(trig):
            mutual = False   # "Polish and Dutch jets shot down several drones": not each other
        if mutual and trig.governor_kind in ("appeal", "demand") and trig.roles.asked is not None:
            mutual = False   # "Egypt, Qatar and Turkey urged both sides to respect the truce": asked of others
        if grammar.third_party_object(trig.anchor, _W.third_party_words):
            # "they ... will engage with others": not with each other -- and cooperation with
            # no one named is no one's event
            relational = trig.code.startswith(_C.relational) or trig.code in _C.relational_intents or \
                trig.match.pattern.code.startswith(_C.relational)
            return [] if relational else [(s, None) for s in sources]
        if len(sources) >= 2 and (mutual or trig.match.trigger.lemma_.lower() in _RULES.mutual_verbs
                                  or grammar.reciprocal_object(trig.anchor)):
            # ("Armenia and Azerbaijan accused each other": whatever the act, with "each other")
            # (by the act itself or by what modality made of it: "postponed their meeting")
            # "Jordan and Britain agreed", "Lavrov and Rubio met": each with the other
            return [(s, t) for s in sources for t in sources if s is not t and s.code != t.code or
                    (s is not t and s.name != t.name)]
        if trig.match.pattern.code.startswith(_C.statement):
            return []  # a statement needs an addressee or subject matter to be worth keeping
        return [(s, None) for s in sources]

    def _speakers_talks(self, trig: Trigger, by_token, on, ctx: Discourse) -> Pairs:
        """"Russia said talks with Ukraine would take place next week", "talks with Kyiv will
        resume, Peskov said": talks with a partner and no one else named are the speaker's side's
        talks with that partner (not when the speaker is the partner)."""
        speaker = grammar.speaker(trig.clause) or _occasion_doer(trig.match.trigger)
        if speaker is None:
            return []
        partners = [a for tok, after_in in trig.roles.nominal.targets if not after_in
                    and tok.head.lower_ == "with" for a in self.resolve(tok, by_token, on, ctx, guess_country=False)]
        sources = self.resolve(speaker, by_token, on, ctx)
        return [(s_, t_) for s_ in sources for t_ in partners if s_.country != t_.country]

    def nominal_actors(self, slots: NominalSlots, by_token, on, ctx: Discourse) -> Pairs:
        """Actors of a nominal event: "US-Russia talks", "Putin's visit to Beijing",
        "talks between Iran and the US", "sanctions against Iran by the EU"."""
        sources: list[Actor] = []
        for tok in slots.sources:
            sources += self.resolve(tok, by_token, on, ctx)
        participants: list[Actor] = []
        for tok in slots.participants:
            participants += self.resolve(tok, by_token, on, ctx)
        targets: list[Actor] = []
        for tok, after_in in slots.targets:
            found = self.resolve(tok, by_token, on, ctx)
            m = by_token.get(tok.i)
            if after_in and found and (not any(a.sector for a in found) or
                                       (m is not None and m.kind in ("country", "capital"))):
                continue  # "talks in Istanbul", "the meeting in Kuala Lumpur": a place, not a party
            targets += found
        if slots.between:
            # "a White House meeting between Trump and Zelensky": the parties are named after
            # "between"; the modifier is the venue
            participants = []
            for tok in slots.between:
                participants += self.resolve(tok, by_token, on, ctx, guess_country=False)
        if sources and not targets:
            # "Russia's invasion of Ukraine", "the bombing of Gaza by Israel"
            for tok in slots.of_objects:
                targets += self.resolve(tok, by_token, on, ctx, guess_country=False)
        participants = unique(participants)
        if not sources and participants and targets:
            sources, participants = participants, []
        if len({s.country for s in sources} - {None}) >= 2 and targets and all(t.inferred for t in targets):
            # "the release of 84 prisoners by Russia and Ukraine": what two sides did to people of
            # no side named (a guess from the context) they did to each other
            return [(s, t) for s in sources for t in sources if s.country != t.country]
        if sources and targets:
            return [(s, t) for s in sources for t in targets if s.code != t.code or s.name != t.name]
        if sources and participants:
            return [(s, t) for s in sources for t in participants if s.code != t.code]
        group = unique(sources + participants)
        if len(group) >= 2:
            # (not an actor with another of its own country when two countries take part:
            # "Russian-American business cooperation" is no Russia-Russian business pair)
            two = len({a.country for a in group} - {None}) >= 2
            return [(s, t) for s in group for t in group if s is not t and not (two and s.country == t.country)]
        return [(s, None) for s in sources]

    # ------------------------------------------------------------------ phrases
    def resolve(self, tok: Token, by_token: dict[int, Mention], on, ctx: Discourse,
                guess_country: bool = True) -> list[Actor]:
        """The actors the phrase headed by ``tok`` names, in the story's context."""
        low = tok.lower_
        if (low in _W.person_pronouns or low in _W.group_pronouns) and not tok.text.isupper():  # "us", not "US"
            found = self._pronoun(tok, by_token, on, ctx)
            if found and tok.dep_ in ("nsubj", "nsubjpass"):
                # "he and the leaders of Egypt, Qatar and Turkey signed a declaration": the
                # pronoun's conjuncts are doers too
                found = unique(found + [a for c in tok.conjuncts if c.lower_ not in _W.person_pronouns
                                        for a in self.resolve(c, by_token, on, ctx, guess_country)])
            return found
        owner = next((c for c in tok.children if c.dep_ == "poss" and c.lower_ in _W.owner_possessives), None)
        if owner is not None and (m := by_token.get(tok.i)) is not None and m.kind == "agent" and tok.pos_ == "NOUN" \
                and tok.lemma_.lower() not in _W.counterpart_nouns:    # (his counterpart is the other side's)
            # "Merz said his government would send more air defence systems": a body or force of
            # whoever the possessive stands for, not of the country the sentence names most
            countries = {a.country for a in self._pronoun(owner, by_token, on, ctx) if a.country}
            if len(countries) == 1:
                return [self.country_actor(countries.pop(), text=f"{owner.text} {tok.text}", sector=m.value)]
        named = next((c for c in tok.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None) \
            if tok.pos_ == "NOUN" and tok.tag_ == "NNS" else None
        if named is not None:
            # "Our teams, Mr Lavrov and Mr Rubio, remain in contact", "the two foreign ministers,
            # Lavrov and Rubio": the people the appositive names, before what the plural alone says
            people = [a for t in (named, *named.conjuncts) for a in self.resolve(t, by_token, on, ctx, False)
                      if is_person(a)]
            if people:
                return people
        members = grammar.listed_members(tok) if tok.pos_ == "NOUN" else []
        if members:
            # "our partners in the region, including Saudi Arabia, Egypt and the UAE": the ones named
            # (names only: "American weapons, including Patriot systems" lists no parties)
            listed = [a for t in members if t.i in by_token for a in self.resolve(t, by_token, on, ctx, False)]
            if listed:
                return listed
        if tok.dep_ == "nsubj" and low in _W.relative_pronouns and tok.head.dep_ == "relcl":
            antecedent = tok.head.head
            if tok.head.lemma_.lower() in _W.harm_verbs:
                # "Russia's missile strike on Sumy, which killed 30 civilians": the parser hangs
                # the clause on the place, but it is the strike that killed
                antecedent = grammar.attack_of_its_target(antecedent, _W.attack_place_prepositions)
                # (who the strike was by: "Russia's missile strikes on Kyiv, which killed ...")
                return self._attack_author(antecedent, by_token, on, ctx) or \
                    self.resolve(antecedent, by_token, on, ctx)
            return self.resolve(antecedent, by_token, on, ctx)
        if tok.dep_ in ("dobj", "nsubjpass") and low in _RULES.object_relative_pronouns and tok.head.dep_ == "relcl" \
                and tok.head.head.i != tok.i:
            # "Liberia, which Athens accused of ...", "the envoy whom Moscow expelled": the noun
            # the relative clause belongs to
            antecedent = tok.head.head
            found = self.resolve(antecedent, by_token, on, ctx, guess_country)
            if not found and antecedent.dep_ == "dobj" and antecedent.lemma_.lower() in _ACT_ANTECEDENTS and \
                    (doer := grammar.subject(antecedent.head)) is not None:
                # "began joint exercises, which North Korea condemned": an act the clause answers
                # is its doer's
                found = self.resolve(doer, by_token, on, ctx, guess_country)
            return found
        if tok.dep_ == "pobj" and tok.head.lower_ == "to" and tok.head.head.lemma_.lower() in _W.accredited_nouns \
                and (office := by_token.get(tok.i)) is not None and office.kind == "office":
            # "a new ambassador to the United States": the state an envoy is sent to, which the
            # office title holds (the title's own country is the sender's)
            name = " ".join(t.text for t in tok.subtree if t.dep_ != "det")
            if (iso := self.kb.country_names.get(name)) is not None:
                return [self.country_actor(iso, name)]
        lemma = tok.lemma_.lower()
        pair = self._names_the_pair(tok, by_token)
        if pair is not None:
            named_here = self._two_named_before(tok, by_token) if not pair else []
            if named_here:
                # "Speaking after a meeting with Chinese President Xi, Brazil's Lula said the two
                # countries had agreed ...": the two its own sentence named before it
                return named_here
            # (those a statement's author or speaker addresses are others: "The United States
            # calls on both parties to commit to a ceasefire")
            addressed = tok.dep_ in ("dobj", "pobj", "dative") and not (tok.dep_ == "pobj" and tok.head.lower_ == "between")
            voices = frozenset(a.country for a in (ctx.author, ctx.speaker) if a is not None and a.country) \
                if addressed else frozenset()
            found = ctx.last_pair(people=pair, excluding=voices)
            if not found and not pair:
                # "Relations between the US and Russia thawed. The two sides agreed ...": with no
                # act of theirs told yet, the two states the story has named, when it named two
                named = [iso for iso, n in ctx.story_counts.items()
                         if iso not in voices and n > ctx.sentence_counts.get(iso, 0)]
                if len(named) > 2:
                    # (of more, the two it named most, when a third trails them: "the exchange of
                    # prisoners between Russia and Ukraine, facilitated by the UAE. We encourage both
                    # parties ..." are Russia and Ukraine)
                    counts = sorted(named, key=lambda iso: -ctx.story_counts[iso])
                    if ctx.story_counts[counts[1]] > ctx.story_counts[counts[2]]:
                        named = counts[:2]
                if len(named) == 2:
                    found = [self.country_actor(iso, inferred=True) for iso in named]
            if pair and lemma in _RULES.leader_nouns:
                found = [a if not a.country or self._leads(a, on) else self.country_actor(a.country, sector="GOV")
                         for a in found]
            elif lemma in _W.state_pair_nouns:
                found = [a if not a.country or not a.sector else
                         self.country_actor(a.country, inferred=True) if is_person(a) else
                         dataclasses.replace(a, sector=None, code=a.country) for a in found]
            elif not pair:
                # "both parties", "the two sides": the states, not the victims or crowds last named
                # (an armed group against its own state is a side of its own)
                found = [a if not a.country or a.sector in _RULES.state_force_sectors or not a.sector
                         or a.sector in _RULES.home_ground_sectors
                         else self.country_actor(a.country, inferred=True) for a in found]
            return found
        if (tok.text[:1].isupper() or lemma in _RULES.body_anaphora_nouns) and tok.i not in by_token and \
                [c.lower_ for c in tok.children if c.dep_ != "case"] == ["the"]:
            # "the Council", "the Commission": the body the story named before by its full name,
            # its last word capitalised alone ("the UN Security Council ... We call on the Council")
            # -- or, for a few words no state's body ends with, in lower case ("The IAEA said Iran
            # had suspended cooperation with the agency's inspectors")
            body = next((g for g in reversed(ctx.groups + ctx.bodies_named)
                         if g.code and g.code.startswith(_RULES.sectors.igo)
                         and g.name and g.name.split()[-1].lower() == lemma), None)
            if body is not None:
                return [dataclasses.replace(body, text=tok.text)]
        for c in tok.children:  # "the two countries' foreign ministers"
            if c.dep_ == "poss" and any((g.lower_, c.lemma_.lower()) in _W.pair_words for g in c.children):
                # each country's people of the kind the noun names ("both countries' leaders": their
                # governments), not whichever of their people the story named last
                m = by_token.get(tok.i)
                sector = m.value if m is not None and m.kind == "agent" else \
                    _SECTORS.government if m is not None and m.kind == "office" else None
                return [self.country_actor(a.country, inferred=True, sector=sector) if a.country and sector else a
                        for a in ctx.last_pair()]
        if lemma in _RULES.led_group_nouns:
            leaders = self._leaders(tok, by_token, on, ctx)
            if leaders:
                return leaders
        if self._group_anaphora(tok, by_token):
            # "the Houthis' military spokesman said the group had fired a missile": the group whose
            # voice reports what "the group" did
            voice = grammar.speaker(tok.head) if tok.dep_ in ("nsubj", "nsubjpass") else None
            if voice is not None and voice.i != tok.i:
                own = [a for a in self.resolve(voice, by_token, on, ctx, guess_country=False)
                       if a.sector in _RULES.group_anaphora_sectors]
                if own:
                    return [dataclasses.replace(own[0], text=tok.text, role=None)]
            found = next((g for g in reversed(ctx.groups) if g.sector in _RULES.group_anaphora_sectors), None)
            if found is not None:
                return [found]    # "the paramilitary group denied ...": the group named last
        if low in _W.quantity_heads or lemma in _RULES.volley_heads or lemma in _W.member_nouns:
            # "thousands of Jordanians", "a group of Chechen refugees", "a wave of Russian drones"
            # (named, not guessed: "Russia's barrage of missiles" is Russia's whoever the story is about)
            for p in grammar.prep_objects(tok, ("of",)):
                found = self.resolve(p, by_token, on, ctx, guess_country and lemma not in _RULES.volley_heads)
                if found:
                    return found
            if guess_country and low in _RULES.crowd_words and tok.dep_ in ("nsubj", "nsubjpass") \
                    and all(p.lower_ in _RULES.crowd_words for p in grammar.prep_objects(tok, ("of",))):
                # "Thousands marched in the capital", "hundreds of thousands rallied in Istanbul":
                # people of where it happens (else of the country the story is about)
                iso = ctx.place or ctx.home
                if iso:
                    sector = _RULES.crowd_sector
                    return [Actor(text=tok.text, name=self.kb.countries.get(iso, iso), country=iso,
                                  sector=sector, code=iso + sector, inferred=True)]
        if low in _W.indefinite_people:
            # "someone from our team", "one of the Russian negotiators": whom the group names
            for p in grammar.prep_objects(tok, ("from", "of")):
                found = self.resolve(p, by_token, on, ctx, guess_country)
                if found:
                    return found
        if lemma in _W.own_side_nouns and any(c.dep_ == "poss" and c.lower_ in _W.first_person_plural
                                              for c in tok.children):
            return self.speakers_side(tok.text, ctx)   # "our team will be involved in the talks"
        if lemma in _W.counterpart_nouns and any(c.dep_ == "poss" and c.pos_ == "PRON" for c in tok.children) and \
                not any(t.i in by_token for t in tok.subtree if t.i != tok.i):
            # "Putin congratulated his counterpart": the other of the two people the story last had
            # meet or talk (whoever is the possessor is dropped as the act's own doer)
            last_two = ctx.last_pair(people=True)
            if last_two:
                return last_two
        actors = self.matcher.actors_for(tok, by_token, on)
        if actors:
            for member in tok.conjuncts:
                # "Lavrov and Odhiambo held talks": a member the knowledge base does not know by
                # that name, named in full before in the story
                if member.pos_ == "PROPN" and member.text in ctx.surnames and \
                        not any(member.text in (a.text or "") for a in actors):
                    actors = actors + [self._by_surname(member, ctx)]
            for member in [tok, *tok.conjuncts]:
                # "The Secretary and Foreign Minister Lavrov discussed next steps": a bare title
                # beside a known name is whoever it stood for before
                if member.pos_ in grammar.NOUN_POS and not any(member.text in (a.text or "") for a in actors):
                    actors = actors + self._bare_title(member, by_token, on, ctx)
            if ctx.author is not None and guess_country:
                # "Deputy Assistant Secretary Coulter and Ambassador Darchiyev": the member the
                # knowledge base does not know is still one of the statement's own officials
                for member in [tok, *tok.conjuncts]:
                    if member.ent_type_ == "PERSON" and not any(member.text in (a.text or "") for a in actors) \
                            and self._is_titled(member, by_token):
                        actors = actors + self.contextual_actor(member, by_token, ctx, own_side=True)
            return actors
        if tok.pos_ == "PROPN" and tok.text in ctx.surnames:
            return [self._by_surname(tok, ctx)]
        own = self._own_office(tok, ctx)
        if own is not None:
            return own
        named = self._bare_title(tok, by_token, on, ctx)
        if named:
            # ... and its conjuncts ("The Secretary and the Minister committed to ...")
            for member in tok.conjuncts:
                named = named + (self.matcher.actors_for(member, by_token, on) or
                                 self._bare_title(member, by_token, on, ctx))
            return unique(named)
        told = self._agent_told_before(tok, by_token, ctx)
        if told:
            return told
        if not guess_country and not self._domestic_group(tok, by_token) and \
                not self._only_states_government(tok, by_token, ctx):
            return []
        return self.contextual_actor(tok, by_token, ctx)

    @staticmethod
    def _only_states_government(tok: Token, by_token, ctx: Discourse) -> bool:
        """Is ``tok`` "the authorities", "the government" -- a government named by its kind alone
        -- in a story that has named one state only?  ("Thousands rallied in Belgrade ... The EU
        called on the authorities to respect the right to assembly": Serbia's.)"""
        m = by_token.get(tok.i)
        return m is not None and m.kind == "agent" and m.value == _SECTORS.government and \
            len(ctx.story_counts) == 1 and [c.lower_ for c in tok.children] == ["the"]

    @staticmethod
    def _agent_told_before(tok: Token, by_token, ctx: Discourse) -> list[Actor]:
        """"Sudan's army fought the RSF ... The RSF accused the army of shelling civilians": a bare
        agent noun with "the" and nothing else ("the army", "the police") is the party of that
        sector the story named last."""
        m = by_token.get(tok.i)
        if m is None or m.kind != "agent" or m.end - 1 != tok.i or \
                any(not (m.start <= t.i < m.end or t.dep_ == "det" and t.lower_ == "the") for t in noun_phrase_tokens(tok)) \
                or not any(t.dep_ == "det" and t.lower_ == "the" for t in tok.children):
            return []
        found = next((g for g in reversed(ctx.groups) if g.sector == m.value and g.country), None)
        return [] if found is None else [dataclasses.replace(found, text=tok.text, role=None, inferred=True)]

    def _bare_title(self, tok: Token, by_token, on, ctx: Discourse) -> list[Actor]:
        """Whom a bare title ("the foreign minister", "the Secretary") stands for: the last person
        named whose office it names (:meth:`_title_named_before`) -- in a statement with an
        author, not an office of the author's own country, except in a release or readout (one
        voice, no transcript), where a subject's title is also the publisher's own office-holder
        ("The President condemned ..." from the White House)."""
        named = self._title_named_before(tok, ctx)
        # (a briefing's spokesperson speaks for the author too: "MS BRUCE: Yesterday, the
        # Secretary met with ...")
        one_voice = ctx.speaker is None and not ctx.transcript or self._speaks_for_author(ctx, on)
        release = ctx.author is not None and one_voice and \
            (tok.dep_ in ("nsubj", "nsubjpass") or tok.dep_ == "conj" and tok.head.dep_ in ("nsubj", "nsubjpass"))
        if named and ctx.author is not None and not release and self._authors_own_title(tok, by_token, on, ctx):
            named = []
        if named and release and tok.text[:1].isupper() and tok.i != tok.sent.start and \
                named[0].country != ctx.author.country and self._authors_own_title(tok, by_token, on, ctx):
            # "The President has said that we will respond with tariffs" from a State Department
            # briefer after a question on "the Maduro regime": a capitalised title of the
            # author's own office is the author's office-holder, not a foreign holder named before
            named = self.authors_office(tok, by_token, on, ctx) or named
        if not named and release:
            named = self.authors_office(tok, by_token, on, ctx)
        return named

    def _speaks_for_author(self, ctx: Discourse, on: Optional[date]) -> bool:
        """Is the transcript's current speaker a spokesperson of the author's own country that day
        (rules.yaml ``spokesperson_roles``)?"""
        speaker, author = ctx.speaker, ctx.author
        if ctx.briefer and author is not None:
            return True
        if speaker is None or author is None or not speaker.country or speaker.country != author.country:
            return False
        return any(t.role_key in _RULES.spokesperson_roles and (on is None or t.covers(on))
                   for t in self.kb.people.get(speaker.name or "", []))

    @staticmethod
    def _by_surname(tok: Token, ctx: Discourse) -> Actor:
        known = ctx.surnames[tok.text]
        return Actor(text=tok.text, name=known.name, country=known.country, sector=known.sector,
                     code=known.code, role=known.role, inferred=known.inferred)

    def _leads(self, person: Actor, on: Optional[date]) -> bool:
        """Does ``person`` head a state or government on ``on`` (rules.yaml ``leader_roles``)?
        A party that is not a person (a country, a government) stands for its leader."""
        tenures = self.kb.people.get(person.name or "", [])
        if not tenures:
            return not is_person(person)
        return any(t.role_key in _RULES.leader_roles and (on is None or t.covers(on)) for t in tenures)

    @staticmethod
    def _is_titled(tok: Token, by_token) -> bool:
        """A name with an office title in its phrase: "Deputy Assistant Secretary Coulter"."""
        return tok.pos_ == "PROPN" and any(
            (by_token.get(t.i) is not None and by_token[t.i].kind == "office") for t in noun_phrase_tokens(tok))

    def _leaders(self, tok: Token, by_token, on, ctx: Discourse) -> list[Actor]:
        """"Delegations led by Ryabkov and Smith", "a team headed by the deputy minister": the
        people the "by" phrase of a leading participle names, who stand for their group."""
        for acl in tok.children:
            leader = grammar.by_agent(acl) if acl.dep_ == "acl" and acl.lemma_.lower() in _RULES.leading_participles \
                else None
            found = [a for member in ([leader, *leader.conjuncts] if leader is not None else [])
                     for a in self.resolve(member, by_token, on, ctx)]
            if found:
                return unique(found)
        return []

    def first_named(self, tokens, by_token, on, ctx: Discourse) -> list[Actor]:
        """The actors of the first of ``tokens`` that names someone (no guess from the context)."""
        return next((found for tok in tokens if (found := self.resolve(tok, by_token, on, ctx, guess_country=False))), [])

    def authors_office(self, tok: Token, by_token, on, ctx: Discourse) -> list[Actor]:
        """"The President" in a statement of the U.S. government is the U.S. president: a bare
        title of an office one person holds, with nothing else in its phrase, names whoever held it
        in the statement's author's country that day (a news story has no such author).

        The story's assembly uses it for whom a later "he" stands for ("the President's been
        clear. He's disappointed ..."), not to code the title itself as a party: measured on the
        2025 official texts, coding it added events on sentences with none."""
        m = by_token.get(tok.i)
        author = ctx.author
        if author is None or not author.country or tok.tag_ in ("NNS", "NNPS"):
            return []
        own_title = _RULES.publisher_titles.get(author.name or "", {}).get(tok.lower_)
        if m is None and own_title is not None and \
                all(t.i == tok.i or t.dep_ == "det" and t.lower_ == "the" for t in noun_phrase_tokens(tok)):
            # "The Secretary" in a State Department readout: the office the publisher's bare title is
            holder = self.kb.holder(author.country, own_title, on)
            return [] if holder is None else [
                Actor(text=tok.text, name=holder.name, country=author.country, sector=holder.sector,
                      code=author.country + holder.sector, role=holder.title, inferred=True)]
        if m is None or m.kind != "office":
            return []
        if any(not (m.start <= t.i < m.end or t.dep_ == "det" and t.lower_ == "the" or t.dep_ == "case")
               for t in noun_phrase_tokens(tok)):
            return []   # "President Lula", "the Brazilian president", "a president": not this
        role = next((k for iso, k in m.value if iso is None and k in SINGLE_HOLDER_ROLES), None)
        holder = self.kb.holder(author.country, role, on) if role is not None else None
        if holder is None:
            return []
        return [Actor(text=tok.text, name=holder.name, country=author.country, sector=holder.sector,
                      code=author.country + holder.sector, role=holder.title, inferred=True)]

    def _authors_own_title(self, tok: Token, by_token, on, ctx: Discourse) -> bool:
        """Is a title in a statement with an author an office of the author's own country that
        day ("the Secretary" in a U.S. release, "the Minister" in a Russian ministry's)?  Every
        word of the title must be in the holder's title: "the foreign minister" in a U.S. release
        is no "Secretary of State", so it stands for a foreign minister the text named.  (A word
        that is no office title at all counts as the author's: in a statement only an office of
        another country is read as someone named before.)"""
        author = ctx.author
        m = by_token.get(tok.i)
        if m is None or m.kind != "office" or not author.country:
            return True
        words = {t.lower_ for t in noun_phrase_tokens(tok) if m.start <= t.i < m.end and t.is_alpha}
        for iso, key in m.value:
            holder = self.kb.holder(author.country, key, on) if iso in (None, author.country) else None
            if holder is not None and words <= set(re.findall(r"[a-z]+", (holder.title or "").lower())):
                return True
        return False

    @staticmethod
    def _title_named_before(tok: Token, ctx: Discourse) -> list[Actor]:
        """"President William Ruto arrived in Paris ... The president met Macron": a bare
        definite title ("the president", "the foreign minister", "the Secretary") stands for the
        last person the story named whose office it names -- not for a guess from the country
        the story is about. Every word of the title must be in the office ("the foreign minister"
        is a "Minister of Foreign Affairs"), and a lesser rank of the office must be in the title
        ("the president" is no "Vice President").

        In a statement with an author, only a title that is no office of the author's own
        country (:meth:`_authors_own_title`): there "the President" is the author's own (see
        :meth:`authors_office`, and why it is not coded as a party)."""
        if tok.tag_ in ("NNS", "NNPS") or not ctx.people_named or tok.pos_ not in grammar.NOUN_POS:
            return []
        words, definite = set(), False
        for t in noun_phrase_tokens(tok):
            if t.dep_ == "det" and t.lower_ == "the":
                definite = True
            elif t.i == tok.i or t.dep_ in ("compound", "amod") and t.i < tok.i and t.is_alpha:
                words.add(t.lower_)
            else:
                return []     # a name, a country, a possessor or a clause: not a bare title
        if not definite:
            return []         # "a president" is no one named before
        for a in reversed(ctx.people_named):
            office = set(re.findall(r"[a-z]+", (a.role or "").lower()))
            if words <= office and not (office & _RULES.lesser_rank_words) - words:
                return [Actor(text=tok.text, name=a.name, country=a.country, sector=a.sector, code=a.code,
                              role=a.role, inferred=True)]
        return []

    @staticmethod
    def _own_office(tok: Token, ctx: Discourse) -> Optional[list[Actor]]:
        """An office named without its country ("the Treasury", "the Department") is the one the
        story named before with its country ("the U.S. Treasury Department", "the State
        Department"), or the office of a person named before ("Treasury Secretary Bessent"), or
        the statement's own author or publisher: their country, never a guess from the other
        party's."""
        if not tok.text[:1].isupper() or tok.lower_ not in _RULES.own_office_words or \
                any(c.dep_ in ("compound", "amod", "poss") for c in tok.children):
            return None
        word = tok.lower_
        # the story's speaker, and last its publishing institution: "Treasury" in a statement by
        # the Treasury Secretary, or in a release of the U.S. Department of the Treasury
        authors = [a for a in (ctx.author, ctx.speaker) if a is not None]
        for a in reversed(authors + ctx.groups + ctx.persons):
            if not a.country:
                continue
            # words, not whitespace runs: "the Department of the Treasury's Office of ..." names it
            if any(word in re.findall(r"[a-z]+", (x or "").lower()) for x in (a.name, a.text)) and not is_person(a):
                return [Actor(text=tok.text, name=a.name, country=a.country, sector=a.sector, code=a.code,
                              inferred=True)]
            if a.role and word in a.role.lower().split():
                sector = _SECTORS.government
                return [Actor(text=tok.text, name=tok.text, country=a.country, sector=sector,
                              code=a.country + sector, inferred=True)]
        return None

    @staticmethod
    def _names_the_pair(tok: Token, by_token) -> Optional[bool]:
        """Does the phrase name the story's pair -- "both sides", "the two countries", "the two
        delegations", "both envoys", "the sides"?  True when the pair are people ("the two
        leaders", "the two men"), False for parties, None when it names no pair."""
        low, lemma = tok.lower_, tok.lemma_.lower()
        # "both" and "two" as determiners: "Both X and Y" (a preconjunction) is no pair
        kids = {c.lower_ for c in tok.children if c.dep_ != "preconj"}
        m = by_token.get(tok.i)
        people = lemma in _W.people_pair_nouns or lemma in _RULES.pair_people_nouns or \
            (m is not None and m.kind == "office")
        if low == "both" or any((k, lemma) in _W.pair_words for k in kids):
            return people
        if low == "two" and tok.pos_ == "NUM" and kids == {"the"} and tok.dep_ == "nsubj":
            return False    # "The two discussed the war in Ukraine": the two last named, as "both"
        definite = ("both" in kids or ("two" in kids and "the" in kids)) and \
            not any(c.dep_ == "conj" for c in tok.children)
        if definite and m is not None and m.kind in ("agent", "office"):
            return people
        if lemma in _RULES.definite_pair_nouns and tok.tag_ == "NNS" and "the" in kids:
            return people
        if lemma in _RULES.definite_pair_people_nouns and tok.tag_ == "NNS" and \
                [c.lower_ for c in tok.children] == ["the"]:
            return True     # "The leaders discussed ...": the two last named, nothing more said of them
        return None

    def _two_named_before(self, tok: Token, by_token) -> list[Actor]:
        """The two states ``tok``'s own sentence names before it, when it names exactly two."""
        isos: list[str] = []
        # (not those who address the pair: "Qatar and Saudi Arabia urged both sides to exercise
        # restraint" asks it of others)
        askers = {t.i for c in tok.head.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree} \
            if tok.dep_ in ("dobj", "dative") else set()
        for i in range(tok.sent.start, tok.i):
            if i in askers:
                continue
            m = by_token.get(i)
            if m is not None and m.start == i and m.kind == "igo":
                return []      # ("the EU and Russia ... the two sides": not two states)
            if m is not None and m.start == i and m.kind in COUNTRYISH and (iso := mention_iso(m)) and iso not in isos:
                isos.append(iso)
        return [self.country_actor(iso, inferred=True) for iso in isos] if len(isos) == 2 else []

    def _capital_or_its_site(self, actor: Actor) -> bool:
        """Is ``actor`` named by its country's capital, or by what the capital owns ("Kyiv's
        central railway station", "Moscow's Sheremetyevo airport")?"""
        # (the words before a possessive, else the whole name)
        owner = re.split(r"['\u2019]s\b", actor.text or "", maxsplit=1)[0].strip()
        return self.kb.capitals.get(owner) == actor.country

    @staticmethod
    def _group_anaphora(tok: Token, by_token) -> bool:
        """Is ``tok`` "the group", "the militant group", "the Iran-backed group" -- a group noun
        with "the", named by nothing but words of its kind or by who backs it?"""
        if tok.lemma_.lower() not in _RULES.group_anaphora_nouns or tok.pos_ != "NOUN" or \
                not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
            return False
        for c in tok.children:
            if c.dep_ in ("poss", "prep", "appos", "acl", "relcl") or c.dep_ == "compound" and c.pos_ == "PROPN":
                return False     # "the group's leader", "the group of Hamas", "the group Hezbollah"
            backed = c.lemma_.lower() in _RULES.backing_participles
            if not backed and any((m := by_token.get(t.i)) is not None and m.kind != "agent" for t in c.subtree):
                return False     # "the Palestinian group": named by a country (whose group: the matcher's)
        return True

    def _pronoun(self, tok: Token, by_token, on, ctx: Discourse) -> list[Actor]:
        low = tok.lower_
        if tok.dep_ == "poss" and low in _W.group_pronouns and tok.head.dep_ == "conj":
            # "North Korea's missile launches and its military cooperation with Russia": the
            # possessor of the noun it is coordinated with
            first = tok.head.head
            owner = next((c for c in first.children if c.dep_ == "poss" and c.pos_ == "PROPN"), None) \
                if first.pos_ in grammar.NOUN_POS else None
            found = self.resolve(owner, by_token, on, ctx, guess_country=False) if owner is not None else []
            if found:
                return found
        named = next((c for c in tok.children if c.dep_ == "appos"), None) \
            if low in _W.first_person_plural and ctx.voice() is None and not ctx.transcript else None
        if named is not None:
            # "We, the G7 Foreign Ministers, met in Niagara", in a text with no voice known: who
            # "we" are, and the voice of its "we" from here on (a joint statement's signers)
            found = self.resolve(named, by_token, on, ctx, guess_country=False)
            if found and ctx.author is None:
                ctx.author = dataclasses.replace(found[0], inferred=False)
            if found:
                return found
        if low in _W.plural_object_pronouns and tok.dep_ in ("dobj", "dative", "pobj"):
            # "spoke with both countries' leaders and urged them to de-escalate": the parties of a
            # plural named before it in its sentence, when it names more than one
            for prev in reversed(tok.sent[:tok.i - tok.sent.start]):
                if prev.tag_ in ("NNS", "NNPS") and prev.dep_ not in ("nsubj", "nsubjpass"):
                    found = self.resolve(prev, by_token, on, ctx, guess_country=False)
                    if len({a.country or a.code for a in found}) > 1:
                        return found
        if grammar.act_pronoun(tok) and ctx.last_doer() is not None:
            # "called them an unfriendly act": an act, no party -- its doer, the last told, is whom
            # the judgement aims at (_last_doer); with no act told, the party last named made it
            return []
        # (or the possessor of that subject: "Trump said his planned summit with Putin was off")
        # (not of a copula that judges it: "Fidan said his meeting with Lavrov had been very
        # productive" judges a meeting held before)
        subject_like = tok if tok.dep_ in ("nsubj", "nsubjpass") else \
            tok.head if tok.dep_ == "poss" and tok.head.dep_ in ("nsubj", "nsubjpass") and not (
                tok.head.head.lemma_ == "be" and any(c.dep_ in ("acomp", "attr") for c in tok.head.head.children)) \
            else None
        if subject_like is not None and low not in _W.first_person_plural:
            # "Bouteflika said he is prepared to ...": the speaker of this very sentence
            clause = subject_like.head
            while clause.dep_ in ("xcomp", "conj") and clause.head.i != clause.i:
                clause = clause.head
            if grammar.is_speech_complement(clause) or \
                    clause.dep_ == "ccomp" and clause.head.lemma_.lower() in _W.own_clause_verbs:
                speech = clause.head
                speaker = grammar.subject(speech)
                if speaker is None and speech.dep_ in ("advcl", "xcomp", "conj") and speech.head.i != speech.i:
                    # "Trump shelved the summit, saying he ...": the one who says is the main
                    # clause's subject
                    speaker = grammar.subject(speech.head)
                if speaker is not None and speaker.i != tok.i and speaker.lower_ not in _W.person_pronouns \
                        and speaker.lower_ not in _W.group_pronouns:
                    found = self.resolve(speaker, by_token, on, ctx)
                    if found:
                        return found
                    if speaker.tag_ in ("NNS", "NNPS") and low in _W.group_pronouns:
                        return []   # "European leaders said they would ...": they, whom no party names
            if clause.dep_ == "relcl" and clause.head.dep_ in ("dobj", "pobj", "attr"):
                # "Russia must return the Ukrainian children it has deported": the subject of a
                # relative clause on an object is the subject of the clause that object is in
                main = clause.head.head if clause.head.dep_ == "dobj" else clause.head.head.head
                owner = grammar.subject(main) if main.pos_ in grammar.VERB_POS else None
                if owner is not None and owner.pos_ != "PRON":
                    found = self.resolve(owner, by_token, on, ctx)
                    if found:
                        return found
        if low in _W.person_pronouns:
            if tok.dep_ in ("dobj", "dative", "iobj", "pobj"):
                found = self._antecedent_in_sentence(tok, by_token, on, ctx)
                if found:
                    return found
                # "QUESTION: What about Lavrov? -- I spoke with him yesterday": an object "him" is
                # the last person named in any role who is not the one speaking
                speaker = ctx.speaker.name if ctx.speaker is not None else None
                found = next((a for a in reversed(ctx.people_named) if a.name != speaker), None)
                if found is not None:
                    return [found]
            elif tok.dep_ in ("nsubj", "nsubjpass"):
                found = self._subject_before(tok, by_token, on, ctx)
                if found:
                    return found
                if ctx.last_subject_person is not None:
                    return [ctx.last_subject_person]
            return ctx.persons[-1:] or []
        if low in _W.first_person_plural:
            return self.speakers_side(tok.text, ctx)
        if low == "it" and tok.dep_ in ("nsubj", "nsubjpass") and ctx.last_subject in _W.text_nouns:
            return []     # "The deal was signed on Monday. It calls for a ceasefire": the text
        if low == "it" and tok.dep_ in ("nsubj", "nsubjpass") and _judged_thing_before(tok):
            return []     # "It is unjustified, and it will not change our policy": the thing judged
        if low in _W.group_pronouns and tok.dep_ == "nsubj" and tok.head.dep_ == "ROOT" and \
                ctx.last_plural_subject_unplaced:
            return []   # "The Europeans are not interested in peace. They keep sending weapons to Kyiv"
        # "They've made a demand that Ukraine can't agree to": a pronoun is not a party its own
        # sentence names otherwise, so the last group noted that the sentence leaves unnamed
        named = _countries_named_in(tok, by_token)
        found = next(([g] for g in reversed(ctx.groups) if g.country not in named), ctx.groups[-1:])
        if found and tok.dep_ == "nsubj" and tok.head.dep_ == "ROOT" and ctx.last_joint_doers and \
                found[0].country in {a.country for a in ctx.last_addressed}:
            # "The leaders condemned terrorism and called on Pakistan to act. They welcomed the
            # extradition ...": a main clause's "they" goes on with the parties that did the last
            # sentence's act together, not with the one they addressed
            return list(ctx.last_joint_doers)
        return found

    def _subject_before(self, pronoun: Token, by_token, on, ctx: Discourse) -> list[Actor]:
        """"Modi flew to Tianjin, where he met Xi", "Putin landed in Anchorage, and he ...": a
        subject "he"/"she" in a later clause is the nearest person before it in its sentence who
        is the subject of an earlier clause."""
        for i in range(pronoun.i - 1, pronoun.sent.start - 1, -1):
            m = by_token.get(i)
            if m is None or m.kind not in ("person", "office") or i != m.end - 1:
                continue
            head = pronoun.doc[m.end - 1]
            while head.dep_ in ("compound", "flat", "appos") and head.head.i != head.i:
                head = head.head
            if head.dep_ not in ("nsubj", "nsubjpass"):
                continue
            found = [a for a in self.resolve(head, by_token, on, ctx) if is_person(a)]
            if found:
                return found
        return []

    def _antecedent_in_sentence(self, pronoun: Token, by_token, on, ctx: Discourse) -> list[Actor]:
        """"Zelensky thanked Trump for his efforts but urged him to supply missiles": an object
        "him"/"her" is the nearest person named before it in its sentence -- never the subject of
        its own clause (who would be "himself")."""
        verb = pronoun.head.head if pronoun.dep_ == "pobj" else pronoun.head
        subj = grammar.subject(verb) if verb.pos_ in grammar.VERB_POS else None
        if subj is not None and subj.pos_ == "PRON":
            subj = None
        own = {t.i for t in subj.subtree} if subj is not None else set()
        # (a subject left out of a coordinated verb is the first verb's: "thanked Trump ... but urged him")
        while subj is None and verb.dep_ == "conj" and verb.head.pos_ in grammar.VERB_POS:
            verb = verb.head
            first = grammar.subject(verb)
            if first is not None:
                own = {t.i for t in first.subtree}
                break
        seen: set[int] = set()
        for i in range(pronoun.i - 1, pronoun.sent.start - 1, -1):
            t = pronoun.doc[i]
            if t.lemma_.lower() in _RULES.envoy_titles and t.pos_ in grammar.NOUN_POS and i not in own:
                # an envoy named by title alone: "summoned Russia's charge d'affaires and handed
                # him a protest note" (the title's phrase, whoever's envoy it names)
                found = self.resolve(t.head if t.dep_ == "compound" else t, by_token, on, ctx)
                if found:
                    return found
            m = by_token.get(i)
            if m is None or m.kind not in ("person", "office") or m.start in seen or m.start in own:
                continue
            seen.add(m.start)
            found = [a for a in self.resolve(pronoun.doc[m.end - 1], by_token, on, ctx) if is_person(a)]
            if found:
                return found
        return []

    def speakers_side(self, text: str, ctx: Discourse) -> list[Actor]:
        """"we" of a known speaker (a transcript's label, a statement's author): the speaker
        speaking for their side -- the person, with the side's country, sector and code (the
        voice an analyst scores, the actor code a dyad counts); no one when no speaker is known
        (a journalist's "we", a text with no speaker).  A text with one voice -- a release or
        readout its publisher issues, no transcript -- speaks as its author: "We call on Iran to
        return to negotiations" in a State Department statement."""
        s = ctx.voice()
        if s is not None and not s.country and s.code and s.sector == _RULES.sectors.igo:
            # an international body's own statement ("We, the G7 Foreign Ministers, ...")
            return [dataclasses.replace(s, text=text, inferred=True)]
        if s is None or not s.country:
            return []
        return [Actor(text=text, name=s.name or self.kb.countries.get(s.country, s.country), country=s.country,
                      sector=s.sector, code=s.country + (s.sector or ""), role=s.role, inferred=True)]

    def named_speaker(self, words: str, on: Optional[date]) -> Optional[Actor]:
        """The person of the knowledge base that a story's speaker field names ("Ambassador
        Dorothy Shea", "Secretary of the Treasury Janet L. Yellen"), in office on ``on``: the
        longest run of capitalised words that is a known name; None for anyone else (a
        journalist's byline)."""
        caps = [w.strip(".,") for w in words.split()]
        best = None
        for i in range(len(caps)):
            for j in range(len(caps), i, -1):
                if best is not None and j - i <= best[0]:
                    break
                run = caps[i:j]
                if not all(w[:1].isupper() for w in run):
                    continue
                surface = " ".join(run)
                tenure = self.kb.person(surface, on) if surface in self.kb.people else None
                if tenure is not None and tenure.iso3:
                    best = (j - i, tenure)
        if best is None:
            return None
        t = best[1]
        return Actor(text=words, name=t.name, country=t.iso3, sector=t.sector, code=t.iso3 + t.sector, role=t.title)

    def named_publisher(self, words: str) -> Optional[Actor]:
        """The institution a story's source field names when it is one the knowledge base knows
        ("U.S. Department of State, Office of the Spokesperson", "The White House", "President of
        Russia (Kremlin)"): a part of the field, between commas or brackets, that is exactly a
        known institution's name; None for anyone else (a news outlet, "Kremlin Watch")."""
        parts = [p.strip() for p in re.split(r"[,;()]| - ", words) if p.strip()]
        for part in parts:
            name = re.sub(r"^(?:[Tt]he|U\.S\.|US|United States)\s+", "", part)
            for surface in (part, name):
                if surface in self.kb.metonyms:
                    iso, sector, canonical = self.kb.metonyms[surface]
                    return Actor(text=words, name=canonical, country=iso, sector=sector or None,
                                 code=iso + (sector or ""))
        for part in parts:
            name = re.sub(r"^[Tt]he\s+", "", part)
            if name in self.kb.igos:       # "NATO", "The European Union", "G7"
                code, canonical, sector = self.kb.igos[name]
                return Actor(text=words, name=canonical, country=None, sector=sector, code=sector + code)
        for part in parts:
            # "Ministry of Foreign Affairs of Ukraine", "Embassy of Japan", "Russian Ministry of
            # Defence": a state's own institution -- a state agent's word and the state's name
            # (an outlet named after a country, "China Daily", has no such word; the sectors are
            # those whose words are titles too: government, military, elite)
            sector = next((self.kb.agents[w.lower()] for w in re.findall(r"[A-Za-z]+", part) if w[:1].isupper()
                           and self.kb.agents.get(w.lower()) in _SECTORS.titles), None)
            iso = self._state_named_in(part) if sector is not None else None
            if iso is not None:
                return Actor(text=words, name=self.kb.countries.get(iso, iso), country=iso, sector=sector,
                             code=iso + sector)
        return None

    def _state_named_in(self, words: str) -> Optional[str]:
        """The one state whose name or demonym ``words`` holds as whole words, else None (the
        longest name first, and no name inside it: "the People's Republic of China" names no
        "Republic of China")."""
        surfaces = sorted(((surface, iso) for table in (self.kb.country_names, self.kb.demonyms)
                           for surface, iso in table.items() if surface in words), key=lambda si: -len(si[0]))
        found = set()
        for surface, iso in surfaces:
            hit = re.search(rf"(?<!\w){re.escape(surface)}(?!\w)", words)
            if hit is not None:
                found.add(iso)
                words = words[:hit.start()] + " " * len(surface) + words[hit.end():]
        return found.pop() if len(found) == 1 else None

    def speaker(self, label: list[str], on: Optional[date]) -> Optional[Actor]:
        """The person a transcript's speaker label names ("SECRETARY RUBIO", "PRESIDENT PUTIN"),
        as the knowledge base knows them on ``on``; None for anyone else ("QUESTION",
        "MODERATOR", a journalist)."""
        words = [w.title() for w in label]
        for i in range(len(words)):                 # the name ends the label; titles come before it
            title = " ".join(label[:i]).lower()
            if i and title not in self.kb.offices and not all(w.lower() in _TITLE_WORDS for w in label[:i]):
                continue    # "MARGARET BRENNAN": not a title and a surname the knowledge base knows
            surface = " ".join(words[i:])
            tenure = self.kb.person(surface, on) if surface in self.kb.people else None
            if tenure is None and i and i == len(words) - 1:
                tenure = self.kb.titled_surname(surface, on)    # "MS BRUCE": a title and a surname
            if tenure is not None and tenure.iso3:
                return Actor(text=" ".join(label), name=tenure.name, country=tenure.iso3,
                             sector=tenure.sector, code=tenure.iso3 + tenure.sector, role=tenure.title)
        return None

    def authors_titled_speaker(self, label: list[str], on: Optional[date], ctx: Discourse) -> Optional[Actor]:
        """The person a transcript's label names by a bare title of an office one person holds
        ("THE PRESIDENT:", "THE VICE PRESIDENT:" in a White House transcript; the publisher's own
        title, "THE SECRETARY:" from the State Department): whoever held it that day in the
        author's country, as a bare title in the text is (:meth:`authors_office`)."""
        author = ctx.author
        if author is None or not author.country:
            return None
        words = [w.strip(".").lower() for w in label]
        title = " ".join(words[1:] if words and words[0] == "the" else words)
        role = _RULES.publisher_titles.get(author.name or "", {}).get(title)
        if role is None:
            role = next((k for iso, k in self.kb.offices.get(title, ()) if iso is None and k in SINGLE_HOLDER_ROLES),
                        None)
        holder = self.kb.holder(author.country, role, on) if role is not None else None
        if holder is None:
            return None
        return Actor(text=" ".join(label), name=holder.name, country=author.country, sector=holder.sector,
                     code=author.country + holder.sector, role=holder.title)

    def body_of(self, person: Actor) -> Optional[Actor]:
        """The international body whose office ``person`` holds ("IAEA chief Rafael Grossi": the
        International Atomic Energy Agency), or None."""
        if not is_person(person) or not person.code or not person.code.startswith(_RULES.sectors.igo):
            return None
        found = next(((code, name, sector) for code, name, sector in self.kb.igos.values()
                      if sector + code == person.code or code == person.code), None)
        if found is None:
            return None
        code, name, sector = found
        return Actor(text=person.text, name=name, country=None, sector=sector,
                     code=code if code.startswith(sector) else sector + code)

    @staticmethod
    def briefer_label(label: list[str], ctx: Discourse) -> bool:
        """Is a speaker label the knowledge base does not know an honorific and a surname
        ("MR PIGOTT", "MS. SMITH"), or an answer label ("A", "SPOKESPERSON"), in a transcript a
        government published -- its briefer, who speaks for it (journalists are labelled
        "QUESTION" or "Q")?"""
        words = [w.strip(".").lower() for w in label]
        author = ctx.author
        # (or a press conference's answer label: "A:", "SPOKESPERSON:", against "Q:")
        briefer = len(words) == 2 and words[0] in _RULES.briefer_honorifics or \
            len(words) == 1 and words[0] in _RULES.answer_labels
        return briefer and author is not None \
            and bool(author.country) and not is_person(author) and author.sector == _SECTORS.government

    def _domestic_group(self, tok: Token, by_token) -> bool:
        """A target may still be a domestic group named only by its kind ("accused rebels of
        ...", "cracked down on protesters"), or a titled name ("President X", "General Michel
        Aoun"): it belongs to the country in question -- but not "its troops", the source's own."""
        m = by_token.get(tok.i)
        # ("President X", and a name called by its group: "opposition leader Imran Khan" -- not by
        # a kind of people placed where the event happens, "dual citizen Gordon Black", nor a
        # group's own name, "the Cartel de los Soles")
        # (the title may hang on the first of the name's words: "President Umaro Sissoco Embalo")
        lefts = [*tok.lefts, *(t for c in tok.lefts if c.dep_ == "compound" and c.pos_ == "PROPN" for t in c.lefts)]
        titled = tok.pos_ == "PROPN" and any(
            by_token.get(t.i) is not None and (by_token[t.i].kind == "office" or by_token[t.i].kind == "agent"
                                               and (by_token[t.i].value in _SECTORS.titles
                                                    or by_token[t.i].value in _RULES.naming_group_sectors))
            for t in lefts)
        # (and a state's police or courts: "accused police of killing protesters" are the police of
        # the country in question)
        return titled or (m is not None and m.kind == "agent" and (
            m.value in _SECTORS.domestic_groups or m.value in _RULES.bare_domestic_force_sectors) and
            not any(c.dep_ == "poss" for c in tok.children))

    def contextual_actor(self, tok: Token, by_token, ctx: Discourse, own_side: bool = False) -> list[Actor]:
        """A recognisable actor with no country in its phrase ("President Museveni",
        "opposition groups", "the rebels") takes the country the sentence or story is about."""
        if tok.lower_ in _W.quantity_heads:
            for p in grammar.prep_objects(tok, ("of",)):
                return self.contextual_actor(p, by_token, ctx)
        if tok.lemma_.lower() in _W.weapon_nouns:
            return []   # "fired Tomahawk missiles at Natanz": a weapon is whose it is named, no guess
        sector = None
        name = None
        head_m = by_token.get(tok.i)
        if head_m is not None and head_m.kind == "agent":
            # "military commanders from both sides", "officials of the two countries": the kind
            # of people of each of the story's pair
            for p in grammar.prep_objects(tok, _RULES.pair_member_prepositions):
                pair = ctx.last_pair() if self._names_the_pair(p, by_token) is False else []
                if len(pair) == 2 and all(a.country for a in pair):
                    return [Actor(text=tok.text, name=self.kb.countries.get(a.country, a.country), country=a.country,
                                  sector=head_m.value, code=a.country + head_m.value, inferred=True) for a in pair]
        np = noun_phrase_tokens(tok)
        titled_name = self._is_titled(tok, by_token)
        # an official a government's own text names by title alone beside a known counterpart
        # ("Deputy Assistant Secretary Coulter and Ambassador Darchiyev" in a State Department
        # release, ``own_side``) is one of its own: such texts give foreign officials their country
        # ("Russian Ambassador ..."); a lone unknown title could still be anyone's
        own_official = titled_name and ctx.author is not None and bool(ctx.author.country) and own_side
        if ctx.home is None and not own_official or tok.lemma_.lower() in _RULES.held_people_nouns:
            return []   # (hostages are held by others: their country is no guess from the context)
        if any(c.dep_ == "amod" and c.lower_ in _RULES.regional_adjectives for c in tok.children) or \
                tok.lower_.endswith("s") and tok.lower_[:-1] in _RULES.regional_adjectives:
            return []   # "European leaders", "Western officials", "the Europeans": a region's
        if any(c.dep_ == "amod" and c.lower_ in _RULES.unknown_adjectives for c in tok.children) and not (
                head_m is not None and head_m.kind == "agent" and head_m.value not in _RULES.state_force_sectors):
            # "unidentified drones": no state's forces known ("unknown gunmen" are still the
            # armed group of where they strike, as CAMEO codes unattributed attacks)
            return []
        if not own_official and any(t.lemma_.lower() in _RULES.envoy_titles for t in np):
            return []   # "Ambassador Kenji Kanasugi": an envoy serves abroad, no guess from the story
        org = tok.ent_type_ in ("ORG", "NORP") and tok.pos_ == "PROPN"
        member = tok.lemma_.lower() in _W.member_nouns and any(
            (m := by_token.get(t.i)) is not None and m.kind == "agent" for t in np if t.i != tok.i)
        if tok.ent_type_ != "PERSON" and not titled_name and not org and not member and \
                (head_m is None or head_m.kind not in ("agent", "office")):
            return []  # only the phrase's head may name the actor: not "joint military exercises"
        for t in np:
            m = by_token.get(t.i)
            if m is not None and m.kind == "agent" and sector is None:
                sector = m.value
            elif m is not None and m.kind == "office":
                sector = _SECTORS.government
            elif m is not None and (m.kind in COUNTRYISH or m.kind == "igo"):
                return []  # it had a country and still did not resolve: leave it
        if tok.ent_type_ == "PERSON" or (org and not titled_name):
            # a person, or a named group ("the rebel Revolutionary United Front")
            ent = entity_at(tok)
            name = ent.text if ent is not None else tok.text
        elif titled_name:  # "Vice-President Moody Awori" (the small model may tag him ORG)
            names = [t for t in sorted(np, key=lambda t: t.i)
                     if t.pos_ == "PROPN" and by_token.get(t.i) is None and t.i <= tok.i]
            name = " ".join(t.text for t in names) or tok.text
        if sector is None and (name is None or tok.ent_type_ == "PERSON"):
            # a bare unknown name ("Graham said ...") could be from anywhere: no guess
            return []
        # civilians and refugees are where the event happens ("a Russian strike killed 12
        # people in Kharkiv"); other groups belong to the country the sentence is about
        # (and so are gunmen, militants and pirates no one names who do the act: "gunmen kidnapped
        # two Chinese engineers in Pakistan" are Pakistan's, not China's -- not those acted on,
        # whom the actor's own country names better: "Salvadoran police arrested 40 gang members")
        doer = tok.dep_ == "nsubj" or tok.dep_ == "pobj" and tok.head.dep_ == "agent"
        iso = ctx.place if (ctx.place and (sector in _SECTORS.placed_where_it_happens or
                                           doer and sector in _SECTORS.unnamed_armed)) else ctx.home
        if own_official:
            iso = ctx.author.country
        elif any(c.dep_ == "poss" and c.lower_ in _W.third_person_possessives for c in tok.children):
            # "Pakistan vowed to retaliate. Its army said it had shot down five Indian jets": "its"
            # is the last party told that this sentence does not name, not whom it is about
            named = _countries_named_in(tok, by_token)
            owner = next((g for g in reversed(ctx.groups) if g.country and g.country not in named), None)
            if owner is not None:
                iso = owner.country
        return [Actor(text=tok.text if name is None else name, name=name or self.kb.countries.get(iso, iso),
                      country=iso, sector=sector, code=iso + (sector or ""), inferred=True)]

    # ------------------------------------------------------------------ places as parties
    def place_target(self, trig: Trigger, where: Optional[Location], source_countries: set) -> Optional[Actor]:
        """The country an act with no named target falls on: where it is done or what it is
        aimed at ("imposed a curfew in Cizre" -> TUR; "ready to contribute troops to a force in
        Liberia" -> LBR) -- never the source's own country for cooperation."""
        iso = where.country if where is not None else None
        text = where.name if where is not None else None
        if any(t.lemma_.lower() in _W.meeting_nouns for t in trig.match.tokens) or any(
                p.lemma_.lower() in _W.meeting_nouns for h in {trig.anchor, *trig.match.tokens}
                for p in grammar.prep_objects(h, (*_RULES.venue_prepositions, *_W.sequence_prepositions))):
            # "cancelled the summit in Budapest", "agreed at a summit in The Hague to ...", "welcomed
            # the progress at the talks in Oman", "agreed after talks in Geneva": where a meeting is
            # held is no party (a place the act is aimed at still is: "a memorandum on a pipeline to
            # China")
            iso = text = None
        venue = None
        if trig.code.startswith(_C.person_release) and where is not None:
            # "in Abu Dhabi, Russia freed Ksenia Karelina": where people are handed over is a venue,
            # not whom they are released to (whose they are still is: "a Spanish engineer")
            venue, iso, text = where.country, None, None
        if iso is None and trig.circumstances.governed_place is not None:
            iso, text = trig.circumstances.governed_place
            if iso == venue:
                return None
        if iso is not None and not trig.code.startswith(_C.visit) and (
                _on_a_journey_to(trig.anchor, text) or _where_said(trig.anchor, text)):
            # "said Russia would not accept ultimatums, in remarks during a visit to North Korea":
            # where the speaker travelled is where it was said, not whom it is aimed at
            return None
        verb = trig.match.trigger
        if trig.code.startswith(_C.reaction_to_act) and any(
                c.dep_ in ("dobj", "nsubjpass") and (c.lemma_.lower() in _W.attack_nouns or
                                                      c.lemma_.lower() in _W.sanction_instruments)
                for c in trig.anchor.children):
            # "Germany condemned the attack in Kyiv", "France condemned the new sanctions against
            # Iran": where an attack or sanctions fall is their victim, not the one condemned
            # ("condemned the violence in Sudan" still is Sudan's)
            return None
        if trig.code.startswith(_C.violence) and any(c.dep_ == "prt" and c.lower_ == "down" for c in verb.children) \
                and any(c.dep_ == "dobj" and c.lemma_.lower() in _W.weapon_nouns for c in verb.children):
            # "NATO jets shot down several drones over Poland": where weapons are downed is no
            # party attacked (whose they were, when named, is the target)
            return None
        if trig.code.startswith(_C.violence) and (grammar.prep_objects(verb, _W.ally_prepositions) or any(
                p.pos_ == "PROPN" or p.ent_type_ in ("GPE", "NORP", "ORG")
                for p in grammar.prep_objects(verb, _W.behalf_prepositions))):
            # "North Korean troops fought alongside Russian forces in Kursk": the enemy is not named,
            # and neither the ally nor where they fight is it
            return None
        relational = trig.code.startswith(_C.relational) or trig.code in _C.relational_intents or \
            trig.code.startswith(_RULES.foreign_measure_codes + _C.force_posture)
        if not iso or (iso in source_countries and (relational or (where is None and trig.code.startswith(_C.below_threats)))):
            # cooperation is with someone else: "offered to host talks in Istanbul" is not
            # Turkey cooperating with Turkey (a curfew in one's own city is domestic coercion);
            # so are sanctions ("WASHINGTON - OFAC sanctioned 14 individuals ...") and shows of
            # force ("Indonesia deployed soldiers to Jakarta" is shown to no one)
            return None
        return self.country_actor(iso, text)


def _in_response(verb: Token) -> bool:
    """Is ``verb`` done "in response", "in retaliation", "as a response" -- a response phrase
    naming nothing it answers?"""
    return any(p.dep_ == "prep" and p.lower_ in _W.response_frame_prepositions and
               any(o.dep_ == "pobj" and o.lemma_.lower() in _W.answering_nouns and
                   not any(c.dep_ == "prep" for c in o.children) for o in p.children)
               for p in verb.children)


def _countries_named_in(tok: Token, by_token) -> set[str]:
    """The countries ``tok``'s sentence names, outside ``tok`` itself: a pronoun or possessive is
    a party the sentence does not name otherwise."""
    return {iso for t in tok.sent if t.i != tok.i and (m := by_token.get(t.i)) is not None
            and m.kind in COUNTRYISH and (iso := mention_iso(m))}


def _own_side_untargeted(pairs: Pairs, own_side_excluded) -> Pairs:
    """``pairs`` with no target where the target is of the source's own country and
    ``own_side_excluded(source, target)`` says such a target is none."""
    return [(s_, None if t_ is not None and t_.country == s_.country and own_side_excluded(s_, t_) else t_)
            for s_, t_ in pairs]


def _side_key(a: Actor) -> Optional[str]:
    """A party's side: its country, or its code when it has none (an international body) or when
    it is an armed group at home against its state (discourse.side_key)."""
    return side_key(a) or None


def _on_a_journey_to(anchor: Token, place: Optional[str]) -> bool:
    """Is ``place`` the destination of a journey noun (``journey_nouns``) in a "during"/"on"
    phrase of ``anchor``'s clause ("during a visit to North Korea", "on a trip to Beijing")?"""
    if not place:
        return False
    place = place.lower()
    for tok in anchor.subtree:
        if tok.dep_ == "pobj" and tok.lemma_.lower() in _W.journey_nouns and tok.head.lower_ in _W.journey_prepositions:
            for dest in grammar.prep_objects(tok, ("to",)):
                words = " ".join(t.text for t in dest.subtree).lower()
                if place in words or words in place:    # ("to North Korea" / "North Korea")
                    return True
    return False


def _harm_named_only_by_its_victim(noun: Token, by_token: dict[int, Mention]) -> bool:
    """Is ``noun`` a harm ("death", "killing", "attack") whose phrase names someone only in its
    "of" phrase -- the one it befell ("the death of the Pope", "the killing of civilians")?"""
    low = noun.lemma_.lower()
    if low not in _W.culpable_harms and low not in _W.attack_nouns:
        return False
    victims = {t.i for p in grammar.prep_objects(noun, ("of",)) for t in p.subtree}
    named = {t.i for t in noun.subtree if t.i in by_token}
    return bool(named) and named <= victims


def _where_said(anchor: Token, place: Optional[str]) -> bool:
    """Is ``place`` where a speech, remarks or a news conference in an "in"/"at"/"during" phrase of
    ``anchor`` was given ("criticised European allies in a speech in Munich")?"""
    if not place:
        return False
    place = place.lower()
    for tok in anchor.subtree:
        if tok.dep_ == "pobj" and tok.lemma_.lower() in _W.speaking_occasion_nouns and \
                tok.head.lower_ in _W.speaking_occasion_prepositions and tok.head.head.i == anchor.i:
            for where in grammar.prep_objects(tok, ("in", "at")):
                words = " ".join(t.text for t in where.subtree).lower()
                if place in words or words in place:
                    return True
    return False


def _possessed_in_clause(trig: Trigger, possessives) -> bool:
    """Does the event's clause hold a noun one of ``possessives`` owns ("its territory", "our
    energy facilities") outside the doer's own words -- a passive's subject is what the act falls
    on ("its territory had been violated") -- and not "its own" ("shelled its own positions" is the
    doer's)?"""
    subj = grammar.subject(trig.anchor)
    own = {t.i for t in subj.subtree} if subj is not None and not trig.roles.passive else set()

    def fallen_on(noun: Token) -> bool:
        # (what the act falls on, not a place it is near: "off its east coast")
        return noun.dep_ != "pobj" or noun.head.lower_ in _W.possessed_target_prepositions
    return any(t.dep_ == "poss" and t.lower_ in possessives and t.i not in own and t.head.pos_ in grammar.NOUN_POS
               and not any(c.lower_ == "own" for c in t.head.children) and fallen_on(t.head)
               for t in near_subtree(trig.anchor))


def _own_nationals(tok: Optional[Token]) -> bool:
    """Is ``tok`` a state's own nationals, named by a possessive pronoun ("its citizens", "their
    nationals"; words.yaml ``national_nouns``)?"""
    return tok is not None and tok.lemma_.lower() in _W.national_nouns and any(
        c.dep_ == "poss" and c.lower_ in _W.group_pronouns for c in tok.children)


def _when_attackers(verb: Token) -> list[Token]:
    """The subjects of a "when" clause on ``verb`` whose verb is an act of violence the lexicon
    knows ("were killed [when Pakistani troops opened fire]")."""
    verbs = verb.sent._.event_matches.verbs if verb.sent._.event_matches is not None else {}
    return [s for c in verb.children if c.dep_ == "advcl" and c.i in verbs
            and verbs[c.i].pattern.code.startswith(_C.violence)
            and any(m.dep_ in ("advmod", "mark") and m.lower_ == "when" for m in c.children)
            for s in c.children if s.dep_ == "nsubj"]


def _speakers_members(subj: Optional[Token]) -> bool:
    """Is ``subj`` members of the speaker's own, named by nothing else ("five members", "three of
    its members": words.yaml ``member_nouns``, no possessor but a pronoun)?"""
    if subj is None:
        return False
    subj = next(iter(grammar.counted(subj)), subj)
    return subj.lemma_.lower() in _W.member_nouns and \
        not any(c.dep_ in ("poss", "compound") and c.pos_ in ("PROPN", "NOUN") or
                c.ent_type_ in ("NORP", "GPE", "ORG", "PERSON", "LOC") or
                c.dep_ == "prep" and c.lower_ == "of" for c in subj.children)


def _with_each_other(parties: list[Actor]) -> Pairs:
    """Each party with each other party of another side (a country's actors are one side)."""
    return [(a, b) for a in parties for b in parties if _side_key(a) != _side_key(b)]


def _occasion_doer(noun: Token) -> Optional[Token]:
    """Who held the meeting a phrase of time tells the act after or during: "[After talks with
    Xi], Lula said ...", "Speaking [after a meeting with Xi], Lula said ..." -- the subject of the
    verb the phrase hangs on (of the main verb, for a participle with none of its own)."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ not in (*_W.sequence_prepositions, *_W.occasion_prepositions):
        return None
    verb = prep.head
    if verb.pos_ not in grammar.VERB_POS:
        return None
    subj = grammar.subject(verb)
    if subj is None and verb.dep_ == "advcl" and verb.tag_ == "VBG":
        subj = grammar.subject(verb.head)
    return subj if subj is not None and subj.pos_ in grammar.NOUN_POS else None


def _only_venues(noun: Token, by_token: dict[int, Mention]) -> bool:
    """Is every name before a meeting noun a city it is held in ("the Budapest summit", "the
    Istanbul talks"), none a party ("the US-Russia talks")?"""
    named = {by_token[t.i] for c in noun.lefts for t in c.subtree if t.i in by_token}
    return bool(named) and all(m.kind == "capital" and noun.doc[m.end - 1].dep_ == "compound"
                               and noun.doc[m.end - 1].head.i == noun.i for m in named)


def _held_in_a_city(noun: Token, by_token: dict[int, Mention]) -> bool:
    """Is ``noun`` a meeting named only by the city it was held in, or what came "of" or is "for"
    one -- "welcomed the Riyadh talks", "the outcome of the Riyadh talks", "preparations for the
    Budapest summit"?  The city is no party."""
    if any(c.dep_ in ("poss", "amod") or c.dep_ == "prep" and c.lower_ not in ("of", "for") for c in noun.children):
        return False    # "Russia's account of the Riyadh talks", "the outcome for Ukraine": a party named
    meetings = [noun, *grammar.prep_objects(noun, ("of", "for"))]
    return any(m.lemma_.lower() in _W.meeting_nouns and _only_venues(m, by_token) for m in meetings)


def _with_the_other_of(pairs: Pairs, pair: list[Actor]) -> Pairs:
    """``pairs`` aimed at the other party of ``pair`` (the story's last two parties) when one of
    the two is the sources' own side ("we shared some ideas", "we agreed to expand cooperation",
    said after talks); unchanged otherwise."""
    own = {s_.country for s_, _ in pairs}
    others = [a for a in pair if a.country and a.country not in own]
    if len(pair) == 2 and len(others) == 1 and any(a.country in own for a in pair):
        return [(s_, others[0]) for s_, _ in pairs]
    return pairs


def _said_of(verb: Token) -> list[Token]:
    """What a judgement said at ``verb`` is said of: the subjects of its that-clauses ("said [the
    sanctions] were an unfriendly act")."""
    judging = grammar.judging_clause(verb)   # (of several, the judging one: not "... and that Iran ...")
    return [s_ for s_ in judging.children if s_.dep_ == "nsubj"] if judging is not None else []


def _judged_thing_before(pronoun: Token) -> bool:
    """Is an earlier clause of ``pronoun``'s sentence one that judges an "it" ("It is
    unjustified, and it will not change our policy", "it is a mistake and it will cost them")?
    What is called unjustified or a mistake is a thing -- the same "it" after it, too."""
    for t in pronoun.sent:
        if t.i >= pronoun.i:
            return False
        if t.lower_ == "it" and t.dep_ == "nsubj" and t.head.lemma_ == "be" and t.head.i < pronoun.i and \
                any(c.dep_ in ("acomp", "attr") for c in t.head.children) and \
                not any(c.dep_ in ("ccomp", "xcomp", "csubj") for c in t.head.children):
            return True     # (not "it is important that ...", "it is time to ...": no thing)
    return False


def _own_people_judged(doer: Actor, judges: list[Actor]) -> bool:
    """Is ``doer`` -- the one whose act is judged -- a group of the judges' own country that is not
    the state (protesters, the opposition, rebels: ``domestic_groups``), judged by the state or its
    officials ("Erdogan called the protests street terror": the protesters) -- or the state, its
    forces or officials, judged by such a group of its own ("the opposition called the detention a
    coup": the police that detained)?"""
    if doer.sector in _SECTORS.domestic_groups:
        return bool(judges) and all(j.sector not in _SECTORS.domestic_groups and j.code != doer.code for j in judges)
    return (doer.sector in _RULES.state_sectors or doer.sector in _RULES.state_force_sectors) and bool(judges) and \
        all(j.sector in _SECTORS.domestic_groups for j in judges)


def _thing_pronoun(tok: Token) -> bool:
    """"it", "this", "that" as a verb's object: a thing, never a party ("accepted it", "rejected this")."""
    return tok.dep_ in ("dobj", "pobj") and tok.pos_ == "PRON" and tok.lower_ in _W.thing_pronouns


def _is_venue(tok: Token) -> bool:
    """Is ``tok`` a place a meeting is held in ("met in Riyadh", "talks at Istanbul")?"""
    return tok.dep_ == "pobj" and tok.head.lower_ in _RULES.venue_prepositions


def _acts_on_an_object(trig: Trigger) -> bool:
    """Does the act fall on an object of its verb that is neither the pattern's own word nor a
    fight fought together ("shot down several drones", not "fought a fierce battle")?"""
    named = {t.i for t in trig.match.tokens}
    return any(c.dep_ == "dobj" and c.i not in named and c.lemma_.lower() not in _W.combat_nouns
               for c in trig.anchor.children)


def _custody_left(verb: Token) -> list[Token]:
    """The prison, jail or custody ``verb``'s "from" phrase names ("released from a Russian prison")."""
    return [p for p in grammar.prep_objects(verb, ("from",)) if p.lemma_.lower() in _RULES.state_custody_nouns]


def _describes_someone(verb: Token) -> bool:
    """Is ``verb`` an undated relative or participle clause -- "a teacher who was detained in
    Belarus", "the Guard, which was deployed to the island" -- that says who someone is rather
    than what happened?"""
    return verb.dep_ in ("relcl", "acl") and not any(t.ent_type_ in ("DATE", "TIME") for t in verb.subtree)


def unique_pairs(pairs: Pairs) -> Pairs:
    """``pairs`` without repeats, first ones kept."""
    seen = set()
    out = []
    for s_, t_ in pairs:
        key = (s_.name, s_.code, t_.name if t_ else None, t_.code if t_ else None)
        if key not in seen:
            seen.add(key)
            out.append((s_, t_))
    return out


def unique(actors: list[Actor]) -> list[Actor]:
    """``actors`` without repeats (same name and code), first ones kept."""
    seen = set()
    out = []
    for a in actors:
        key = (a.name, a.code)
        if key not in seen:
            seen.add(key)
            out.append(a)
    return out
