"""The ``event_triggers`` component: which words of a sentence can name an event.

For each sentence it matches the lexicon (:mod:`detente.coding.lexicon`) on verbs and nouns,
adds "X said Y must ..." demands whose verb the lexicon lacks, and finds each event noun's
anchor -- the verb whose clause carries its subject and modality ("held talks", "called for
talks", "began two days of drills").  It drops what only describes ("equipment seized last
year"), background ("the first visit since the invasion") and nouns a conflict verb already
covers.  The result is ``sent._.event_matches`` (:class:`SentenceMatches`), which the
``event_modality`` component turns into triggers.
"""
from __future__ import annotations


import unicodedata
from dataclasses import dataclass, replace
from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..actors.matcher import mention_iso
from ..actors.tables import actor_rules
from . import grammar
from ..nlp.syntax import near_subtree
from .lexicon import Lexicon, Match, Pattern, default_lexicon
from .modality import ORDERING_VERBS, STATED_CRITICISM, STATED_PRAISE, commands_own, obliging_verb
from .tables import codes, map_code, modality_rules, words

_W = words()
_C = codes()
_SHIP_PREFIXES = actor_rules().ship_prefixes
_CROWD_COUNTS = actor_rules().crowd_words     # "thousands", "hundreds": a count of a crowd
_MR = modality_rules()
_SAYING_VERBS = _W.speech_verbs | _W.opinion_verbs     # verbs whose clause may say a judgement
# nouns of intent, refusal, demand and appeal: "its call for a ceasefire", "their offer of talks"
_MODAL_NOUNS = _MR.intent_nouns | _MR.reject_nouns | _MR.demand_nouns | _MR.appeal_nouns

# "X said Y must ..." where the demanded action is not in the lexicon: a plain demand
DEONTIC_DEMAND = Pattern(code=_C.deontic_demand, words=(modality_rules().deontic_aux,), kind="verb",
                         text="say ... must", source_file="modality.yaml")
# "stressed the need for Russia to take concrete steps" where the act asked is not in the lexicon:
# a plain appeal
NEEDED_ACT = Pattern(code=_C.needed_act, words=(modality_rules().necessity_nouns,), kind="verb",
                     text="stress need for ... to", source_file="modality.yaml")
# "Estonia describes New Zealand as an important partner", "called the arrest of its diplomats an
# act of blackmail": a judgement of a party or of its act
PRAISE = Pattern(code=_C.praise, words=(_W.evaluation_verbs,), kind="verb", text="call ... good",
                 source_file="words.yaml")
CRITICISM = Pattern(code=_C.criticism, words=(_W.evaluation_verbs,), kind="verb", text="call ... bad",
                    source_file="words.yaml")
# "Lavrov said the proposal was unacceptable": a judgement said in a that-clause with "be"
SAID_PRAISE = Pattern(code=_C.praise, words=(_W.speech_verbs,), kind="verb", text="say ... is good",
                      source_file="words.yaml")
SAID_CRITICISM = Pattern(code=_C.criticism, words=(_W.speech_verbs,), kind="verb", text="say ... is bad",
                         source_file="words.yaml")
# "peacekeepers arrived in X": the arrival of peacekeepers is their deployment
PEACEKEEPER_ARRIVAL = Pattern(code=_C.peacekeeper_deployment, words=(_W.arrival_verbs,), kind="verb",
                              text="peacekeepers arrive", source_file="words.yaml")
# "US troops arrived in Poland", "Russian warships arrived in Havana": forces sent somewhere are deployed
FORCES_ARRIVAL = Pattern(code=_C.forces_arrival, words=(_W.arrival_verbs,), kind="verb",
                         text="forces arrive", source_file="words.yaml")
# "a rescue team from X arrived in Y": the arrival of an aid team is the aid
AID_TEAM_ARRIVAL = Pattern(code=_C.aid_team_arrival, words=(_W.arrival_verbs,), kind="verb",
                           text="aid team arrive", source_file="words.yaml")
# "the first Patriot systems from Germany arrived in Ukraine": weapons arriving are military aid
ARMS_ARRIVAL = Pattern(code=_C.arms_arrival, words=(_W.arms_arrival_verbs,), kind="verb",
                       text="weapons arrive", source_file="words.yaml")
# "protesters gathered outside parliament": a gathering of protesters is a demonstration
# "the two leaders spoke about the Middle East": talking together is consulting
MUTUAL_TALK = Pattern(code=_C.mutual_talk, words=(_W.mutual_speech_verbs,), kind="verb",
                      text="both talk", source_file="words.yaml")
# "Japan protested China's decision": a state's protest is an official complaint
OFFICIAL_PROTEST = Pattern(code=_C.official_protest, words=(_W.official_protest_verbs,), kind="verb",
                           text="state protests", source_file="words.yaml")
# "drawing a protest from Beijing", "China's protest": the noun of a state's protest
OFFICIAL_PROTEST_NOUN = Pattern(code=_C.official_protest, words=(_W.official_protest_verbs,), kind="noun",
                                text="a state's protest", source_file="words.yaml")
# "Russian drones hit Odesa": a weapon hitting something is an attack by its side
WEAPON_IMPACT = Pattern(code=_C.weapon_impact, words=(_W.impact_verbs,), kind="verb",
                        text="weapon hits", source_file="words.yaml")
# "the bombing left 11 people dead in Athens": an act that leaves people dead or wounded harmed them
CASUALTIES_LEFT = Pattern(code=_C.casualties_left, words=(_W.casualty_leaving_verbs,), kind="verb",
                          text="leave ... dead", source_file="words.yaml")
# "a cyberattack by Russian hackers disrupted Poland's power grid": a cyberattack that hits is coercion
CYBER_IMPACT = Pattern(code=_C.cyber_impact, words=(_W.cyber_impact_verbs,), kind="verb",
                       text="cyberattack hits", source_file="words.yaml")
# "Trump called Putin on Tuesday": calling a person is a telephone call
PHONE_CALL = Pattern(code=_C.phone_call, words=(_W.calling_verbs,), kind="verb", text="call someone",
                     source_file="words.yaml")
# "Modi welcomed Putin at the airport": welcoming a person is hosting a visit
GUEST_WELCOMED = Pattern(code=_C.guest_welcomed, words=(_W.welcoming_verbs,), kind="verb", text="welcome someone",
                         source_file="words.yaml")
# "Trump sent Witkoff to Moscow": a person sent somewhere makes a visit for the sender's side
ENVOY_SENT = Pattern(code=_C.envoy_sent, words=(_W.dispatching_verbs,), kind="verb", text="send someone to",
                     source_file="words.yaml")
# "Russian troops withdrew from Kherson": forces leaving, with no object, retreat
FORCES_WITHDRAWAL = Pattern(code=_C.forces_withdrawal, words=(_W.withdrawal_verbs, _W.force_nouns), kind="verb",
                            text="forces withdraw", source_file="words.yaml")
# "Human Rights Watch withdrew from Cambodia", "MSF pulled its staff out of Somalia": an
# organisation leaving a country, or taking its people out of it, reduces relations with it
ORGANISATION_WITHDRAWAL = Pattern(code=_C.organisation_withdrawal, words=(_W.withdrawal_verbs,), kind="verb",
                                  text="organisation withdraws from a country", source_file="words.yaml")
# "the new EU sanctions target Russia's shadow fleet": aimed by sanctions, not by weapons
SANCTIONS_AIMED = Pattern(code=_C.sanctions_aimed, words=(_W.aiming_verbs, _W.sanction_instruments), kind="verb",
                          text="sanctions target", source_file="words.yaml")
# "Mali withdrew from ECOWAS", "its withdrawal from the WHO": leaving an international body
BODY_EXIT = Pattern(code=_C.body_exit, words=(_W.exit_words,), kind="verb", text="leave a body",
                    source_file="words.yaml")
# "the African Union suspended Gabon after the coup": a body suspending a member state
MEMBER_SUSPENSION = Pattern(code=_C.body_exit, words=(_W.member_suspension_verbs,), kind="verb",
                            text="body suspends a member", source_file="words.yaml")
BODY_EXIT_NOUN = Pattern(code=_C.body_exit, words=(_W.exit_words,), kind="noun", text="leaving a body",
                         source_file="words.yaml")
# "Russian forces captured Pokrovsk": a verb of taking ground with a place as its object
TERRITORY_SEIZURE = Pattern(code=_C.territory_seizure, words=(_W.territory_verbs,), kind="verb",
                            text="take a place", source_file="words.yaml")
# "Zelensky and Trump clashed in the Oval Office", "clashed over the treaty": a quarrel
VERBAL_CLASH = Pattern(code=_C.verbal_clash, words=(_W.verbal_clash_verbs,), kind="verb",
                       text="verbal clash", source_file="words.yaml")
# "India and France held naval exercises off Goa": exercises held by two together are joint
JOINT_EXERCISE = Pattern(code=_C.joint_exercise, words=(_W.exercise_nouns,), kind="verb",
                         text="exercises held together", source_file="words.yaml")
# "agreed to a one-year truce in their trade war": tariffs held off
TRADE_TRUCE = Pattern(code=_C.trade_truce, words=(_W.truce_nouns,), kind="verb", text="truce in a trade war",
                      source_file="words.yaml")
# "two teenagers threw a petrol bomb at the bar": throwing by anyone but a crowd protesting
THROWN_ATTACK = Pattern(code=_C.thrown_attack, words=(_W.throwing_verbs,), kind="verb",
                        text="throw at someone", source_file="words.yaml")
# "NATO launched Operation Eastern Sentry to bolster its eastern flank": an operation launched to
# guard something is a deployment, not an attack
GUARDING_OPERATION = Pattern(code=_C.guarding_operation, words=(_W.operation_nouns, _W.guarding_purposes), kind="verb",
                             text="operation to guard", source_file="words.yaml")
# "extended the suspension of sanctions on Syria": a halt of sanctions, told as a noun, eases them
SANCTIONS_SUSPENDED = Pattern(code=_C.sanctions_suspended, words=(_W.halting_nouns,), kind="noun",
                              text="suspension of sanctions", source_file="words.yaml")
# "the government deployed the army to help flood victims": forces deployed for disaster relief
RELIEF_DEPLOYMENT = Pattern(code=_C.relief_deployment, words=(_W.relief_purposes,), kind="verb",
                            text="forces deployed for relief", source_file="words.yaml")
# "a soldier died in an attack by militants": dying in an attack is being killed in it
DEATH_IN_ATTACK = Pattern(code=_C.death_in_attack, words=(_W.dying_verbs,), kind="verb",
                          text="die in attack", source_file="words.yaml")
# "Israel's strikes on Iran's nuclear sites": a strike aimed at something is an attack
AIMED_STRIKE = Pattern(code=_C.aimed_strike, words=(_W.aimed_strike_nouns,), kind="noun",
                       text="strike on", source_file="words.yaml")
PROTESTERS_GATHERING = Pattern(code=_C.protest_gathering, words=(_W.gathering_verbs,), kind="verb",
                               text="protesters gather", source_file="words.yaml")
# "protesters set fire to parliament buildings", "rioters looted shops", "protesters attacked the
# embassy": a crowd's damage or violence is a riot
CROWD_RIOT = Pattern(code=_C.crowd_riot, words=(_W.protester_nouns | _W.rioter_nouns,), kind="verb",
                     text="crowd riots", source_file="words.yaml")


@dataclass
class Candidate:
    """A lexicon match and the token whose clause carries its subject and modality."""

    match: Match
    anchor: Token


@dataclass
class SentenceMatches:
    verbs: dict[int, Match]          # every verb match by token index, before any was dropped
    candidates: list[Candidate]      # verbs first, then nouns, in sentence order


if not Span.has_extension("event_matches"):
    Span.set_extension("event_matches", default=None)


class EventTriggers:
    """Sets ``sent._.event_matches`` on every sentence of a doc."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        # every verb the coder's rules know by its lemma
        self.known_verbs = frozenset(lexicon.verbs) | frozenset(modality_rules().governor_of) | \
            _W.light_verbs | _W.speech_verbs

    def __call__(self, doc: Doc) -> Doc:
        for sent in doc.sents:
            self.repair_lemmas(sent)
            sent._.event_matches = self.sentence_matches(sent)
        return doc

    def repair_lemmas(self, sent: Span) -> None:
        """The small model's lemmatizer cuts the "e" of some verbs whose stem is another word
        ("staged" -> "stag", "waged" -> "wag", "hoped", "hopes" -> "hop"): where the word with
        the "e" back is a verb the rules know and the cut one is not, the lemma gets its "e" back.
        And the lemma of an accented word of content loses its accents ("chargé" -> "charge"; the small
        model tags "chargé" a proper noun after a name: "the American chargé d'affaires").  A verb in
        -ied the lemmatizer does not know keeps its "ie" ("decertified" -> "decertifie"): it gets its
        "y" back where that is a verb the rules know."""
        for tok in sent:
            if tok.pos_ == "PROPN" and tok.text[:1].isupper():
                # a named weapon system is its kind: "send Patriots" sends missiles
                name = tok.lower_[:-1] if tok.lower_.endswith("s") and tok.lower_ not in _W.weapon_system_names \
                    else tok.lower_
                if name in _W.weapon_system_names:
                    tok.lemma_ = _W.weapon_system_names[name]
            if tok.pos_ in ("NOUN", "PROPN", "VERB", "ADJ") and not tok.lemma_.isascii():
                # patterns are written unaccented: "the chargé d'affaires" is a "charge" summoned
                folded = unicodedata.normalize("NFKD", tok.lemma_).encode("ascii", "ignore").decode()
                if folded.isalpha():
                    tok.lemma_ = folded
            if tok.pos_ == "VERB" and tok.tag_ in ("VBD", "VBN", "VBG", "VBZ"):
                lemma = tok.lemma_.lower()
                if lemma not in self.known_verbs and lemma + "e" in self.known_verbs and \
                        tok.lower_ in (lemma + "ed", lemma + "ing", lemma + "es"):
                    tok.lemma_ = lemma + "e"
                elif lemma not in self.known_verbs and lemma.endswith("ie") and lemma[:-2] + "y" in self.known_verbs \
                        and tok.lower_ in (lemma + "d", lemma + "s"):
                    tok.lemma_ = lemma[:-2] + "y"    # "decertified" -> "decertifie": decertify

    def _harm_by_a_bombing(self, m: Match) -> Match:
        """"A suicide bomber killed 14 people", "a car bomb killed ten", "were killed in a roadside
        bombing": a harm done by a bombing of a kind the lexicon names (codes.yaml ``bombings``) is
        that bombing, the more telling code (CAMEO 1831-1833), not a killing in general."""
        if m.pattern.code != _C.generic_violence or m.trigger.lemma_.lower() not in _W.harm_verbs:
            return m
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in m.trigger.children)
        # (its subject, or what it happened in: "killed in a roadside bombing")
        subject = None if passive else grammar.subject(m.trigger)
        means = [*([subject] if subject is not None else []),
                 *grammar.prep_objects(m.trigger, _W.attack_prepositions)]
        for noun in means:
            found = self.lexicon.match_noun(noun)
            if found is None and noun.lemma_.lower() in _W.bomber_nouns:
                found = self._bomber_kind(noun)   # ("a suicide bomber": named by the bombing's kind)
            if found is not None and found.pattern.code.startswith(_C.bombings):
                return Match(replace(m.pattern, code=found.pattern.code,
                                     text=f"{m.pattern.text} by {found.pattern.text}"), m.trigger, m.tokens)
        return m

    def _bomber_kind(self, noun: Token) -> Optional[Match]:
        """The bombing a bomber's modifier names: "a suicide bomber" -> "suicide bombing"."""
        kinds = {c.lemma_.lower() for c in noun.children if c.dep_ in ("compound", "amod")}
        for pats in self.lexicon.nouns.values():
            for p in pats:
                if p.code.startswith(_C.bombings) and len(p.words) == 2 and p.words[1] & kinds:
                    return Match(p, noun, (noun,))
        return None

    def sentence_matches(self, sent: Span) -> SentenceMatches:
        verb_matches, noun_matches = self._lexicon_matches(sent)
        # "Our talks with President Erdogan were held in Ankara": a passive verb with no agent whose
        # pattern's noun is its subject gives way to the noun, whose own phrase names the parties
        noun_at = {m.trigger.i for m in noun_matches}
        verb_matches = [m for m in verb_matches if not _passive_of_its_noun(m, noun_at)]
        verb_by_i = {m.trigger.i: m for m in verb_matches}
        main_verb: list = []          # the sentence's misread main verb, found when first needed
        retyped = [self._harm_by_a_bombing(m) for m in verb_matches]
        for retype in (_peacekeepers, _official_protest, _thrown_attack, _crowd_riot, _verbal_clash, _trade_truce,
                       _guarding_operation, _relief_deployment, _joint_exercise):
            retyped = map(retype, retyped)
        candidates = [Candidate(m, _no_choice_verb(m.trigger) or m.trigger) for m in retyped
                      if not _describes(m, sent, main_verb) and not _natural_cause(m) and not _ready_to_hit_back(m)
                      and not _striving(m)
                      and not _no_destination(m) and not _held_before(m) and not _restates(m)
                      and not _attempt(m) and not _own_command(m) and not _with_own_people(m)
                      and not _prohibited(m) and not _participle_as_adjective(m) and not _consequence(m)
                      and not _threat_to_a_good(m) and not _crowd_gathering(m)]
        consumed = {t.i for m in verb_matches for t in m.tokens[1:]}
        # "claimed responsibility for a suicide bombing that killed 12 people": the harm a relative
        # clause tells of an attack another pattern already names is that act's toll, no act of its own
        candidates = [c for c in candidates if not (
            c.match.pattern.code.startswith(_C.violence) and c.match.trigger.dep_ == "relcl"
            and c.match.trigger.head.i in consumed and c.match.trigger.lemma_.lower() in _W.harm_verbs)]
        for m in map(_official_protest, noun_matches):
            # (nor a noun that only says what a verb's own object is: "signed a ceasefire deal" is the
            # deal signed, whose content is a ceasefire)
            if m.trigger.i not in consumed and not _standing(m.trigger) and not _others_talks_attended(m) \
                    and not _quality_of_a_tie(m.trigger) and \
                    not (m.trigger.dep_ == "compound" and m.trigger.head.i in consumed):
                anchor = _noun_anchor(m, verb_by_i, noun_at)
                if anchor is not None:
                    candidates.append(Candidate(m, anchor))
        # "the first summit since Russia launched its invasion", "since Russia's invasion": what a
        # since/after/before clause (or a since phrase) tells happened earlier (or later) is background
        candidates = [c for c in candidates if not grammar.background_clause(c.anchor)
                      and not grammar.in_perfect_aside(c.anchor)]
        return SentenceMatches(verbs=verb_by_i, candidates=candidates)

    def _lexicon_matches(self, sent: Span) -> tuple[list[Match], list[Match]]:
        lex = self.lexicon
        verb_matches: list[Match] = []
        noun_matches: list[Match] = []
        words = list(sent)    # (a span makes its tokens anew at each reading; the loops below read them often)
        for tok in words:
            if tok.pos_ in grammar.VERB_POS and tok.dep_ == "amod":
                continue    # a participle that says what state a thing is in: "seized property"
            if grammar.gerund_subject(tok) and (m := lex.match_noun(tok, tok.lower_)) is not None:
                # "Fighting between the army and the RSF resumed": a gerund as a clause's subject,
                # with no doer or object of its own, is the act named as a thing -- its noun pattern,
                # whose "between" phrase names the sides; read as the noun from here on
                tok.lemma_, tok.pos_, tok.tag_ = tok.lower_, "NOUN", "NN"
                noun_matches.append(m)
                continue
            if tok.pos_ in grammar.VERB_POS and tok.lemma_.lower() in _W.dying_verbs and grammar.attacks_suffered(tok):
                # "a soldier died in an attack by Taliban fighters": killed in it (roles read it as
                # a passive, its doer the attack's author)
                verb_matches.append(Match(DEATH_IN_ATTACK, tok, (tok,)))
                continue
            if tok.pos_ in grammar.VERB_POS or (tok.pos_ == "ADJ" and (
                    tok.dep_ in ("ROOT", "conj", "xcomp") or
                    tok.dep_ == "acomp" and tok.lemma_.lower() in _W.predicate_adjectives)):
                m = lex.match_verb(tok)
                if m is not None:
                    verb_matches.append(m)
                elif grammar.misread_noun(tok) and (m := lex.match_noun(tok)) is not None:
                    noun_matches.append(m)
            elif tok.pos_ in grammar.NOUN_POS:
                m = lex.match_noun(tok) or _aimed_strike(tok)
                if m is not None:
                    noun_matches.append(m)
        verbs = [t for t in words if t.pos_ == "VERB"]     # (read after a gerund subject became a noun)
        verbals = [t for t in words if t.pos_ in grammar.VERB_POS]
        # "Iran continues to supply Russia with drones": an aspectual verb's pattern naming a verb
        # that has a pattern of its own naming more ("supply ... drone", military aid) gives way to
        # it ("continue supply", aid in general, said less); the aspect passes through as governor
        by_trigger = {m.trigger.i: m for m in verb_matches}
        verb_matches = [m for m in verb_matches if not (
            m.trigger.lemma_.lower() in _W.aspectual_verbs and any(
                t.pos_ in grammar.VERB_POS and t.i in by_trigger and t.i != m.trigger.i
                and len(by_trigger[t.i].pattern.words) > 1 for t in m.tokens[1:]))]
        # "X said Y must/should V" with V outside the lexicon is still X demanding something of Y
        # (and "told the Russians that this has to end", "said Kyiv needs to decide": as "must")
        matched = {m.trigger.i for m in verb_matches}
        deontic = modality_rules().deontic_aux
        for tok in verbals:
            if tok.i in matched or _relation_said(tok):
                continue
            ought = tok if grammar.has_aux(tok, deontic, deps=("aux",)) else obliging_verb(tok)
            if ought is tok and (grammar.is_speech_complement(tok) or tok.dep_ == "ROOT" and _names_another(tok)) or \
                    ought is not None and ought is not tok and grammar.is_speech_complement(ought) and \
                    not grammar.negated(ought):    # ("doesn't need to decide" asks nothing)
                # (a main clause "Russia must decide now" is the demand of the story's speaker, if
                # it has one: the assembly drops it otherwise)
                verb_matches.append(Match(DEONTIC_DEMAND, tok, (tok,)))
        # "stressed the need for Russia to take concrete steps": what a noun of need asks of
        # someone, the act outside the lexicon, is still an appeal to them
        for tok in verbs:
            if tok.i not in matched and (need := grammar.needed_of_someone(tok)) is not None \
                    and not grammar.need_denied(tok, need):
                verb_matches.append(Match(NEEDED_ACT, tok, (tok,)))
        for tok in verbs:
            if tok.i not in matched and _talk_together(tok):
                verb_matches.append(Match(MUTUAL_TALK, tok, (tok,)))
        for tok in verbs:
            if tok.i not in matched and _aid_reaches(tok):
                verb_matches.append(Match(AID_TEAM_ARRIVAL, tok, (tok,)))
        for tok in verbs:
            if tok.i not in matched and tok.lemma_.lower() in _W.verbal_clash_verbs \
                    and grammar.other_sense(tok) is not None:
                # "Washington and Moscow clashed over the fate of the treaty", "clashed at the UN": a
                # clash over a policy or at a forum (words.yaml other_senses) is a quarrel
                verb_matches.append(Match(VERBAL_CLASH, tok, (tok,)))
        # rule matches that win over the verb's lexicon matches, in this order: a weapon hitting
        # ("a missile slammed into a market"), ground taken ("captured Pokrovsk" is no arrest), a
        # judgement said ("said X was an enemy": no bare statement) or called ("called ... on")
        for tok in verbs:
            if _weapon_hits(tok):
                verb_matches = _instead(verb_matches, Match(WEAPON_IMPACT, tok, (tok,)))
        for tok in verbs:
            if _leaves_casualties(tok):
                verb_matches = _instead(verb_matches, Match(CASUALTIES_LEFT, tok, (tok,)))
        for tok in verbs:
            attack = _cyber_hits(tok)
            if attack is not None:   # (the attack noun is the verb's: no event of its own)
                verb_matches = _instead(verb_matches, Match(CYBER_IMPACT, tok, (tok, attack)))
        for tok in verbals:
            if tok.lemma_.lower() in _W.table_verbs:
                verb_matches = _instead(verb_matches, self._held_open(tok))
        for tok in verbals:
            if _leaves_a_body(tok):
                verb_matches = _instead(verb_matches, Match(BODY_EXIT, tok, (tok,)))
        noun_matches = [Match(BODY_EXIT_NOUN, m.trigger, (m.trigger,)) if _leaves_a_body(m.trigger) else m
                        for m in noun_matches]
        # "extended the suspension of sanctions on Syria": a halt of sanctions eases them
        # (the sanctions are the event's noun: their own phrases name whom they are on)
        halts = {tok.i: s_ for tok in words if tok.pos_ in grammar.NOUN_POS and (s_ := _suspends_sanctions(tok))}
        halted = {s_.i: i for i, s_ in halts.items()}
        noun_matches = [m for m in noun_matches if m.trigger.i not in halts and m.trigger.i not in halted] + [
            Match(SANCTIONS_SUSPENDED, s_, (s_, sent.doc[i])) for i, s_ in halts.items()]
        # ... and a verb that reaches those sanctions past their halt does not impose them ("announced
        # the lifting of sanctions", "extended the suspension of sanctions"); one that names the halt
        # still acts on it ("demanded the easing of sanctions")
        verb_matches = [m for m in verb_matches if not any(
            t.i in halted and halted[t.i] not in {u.i for u in m.tokens} for t in m.tokens[1:])]
        for tok in verbs:
            if tok.i not in matched and _suspends_a_member(tok):
                verb_matches.append(Match(MEMBER_SUSPENSION, tok, (tok,)))
        for tok in verbs:
            if tok.i not in matched and _forces_withdraw(tok):
                verb_matches.append(Match(FORCES_WITHDRAWAL, tok, (tok,)))
        for tok in verbs:
            if _organisation_withdraws(tok) and not any(
                    m.trigger.i == tok.i and m.pattern.code.startswith(_C.organisation_withdrawal[:2])
                    for m in verb_matches):
                # (in place of "pull out" as a retreat: staff are no forces; a pattern of its own
                # -- "withdrew its inspectors", 1662 -- says more)
                verb_matches = _instead(verb_matches, Match(ORGANISATION_WITHDRAWAL, tok, (tok,)))
        for tok in verbs:
            if tok.lemma_.lower() in _W.aiming_verbs:
                instrument = _aimed_with(tok)
                if instrument in _W.sanction_instruments:
                    verb_matches = _instead(verb_matches, Match(SANCTIONS_AIMED, tok, (tok,)))
                elif instrument in _W.policy_instruments:
                    # "the new law targets NGOs": what a law or a campaign aims at is no attack
                    verb_matches = [m for m in verb_matches if m.trigger.i != tok.i]
        # "the sanctions would only hurt Europe", "the oil embargo had hurt millions of its citizens":
        # what a sanction or a policy does to a country is no violence (nor a threat of it)
        verb_matches = [m for m in verb_matches if not (
            m.pattern.code.startswith(_C.violence) and m.trigger.lemma_.lower() not in _W.aiming_verbs
            and _done_by_instrument(m.trigger))]
        for tok in verbs:
            if _takes_a_place(tok):
                verb_matches = _instead(verb_matches, Match(TERRITORY_SEIZURE, tok, (tok,)))
        for tok in verbals:
            # (and "we have been clear that ...", "was explicit that ...": saying it plainly)
            if tok.lemma_.lower() in _SAYING_VERBS or tok.lemma_ == "be" and any(
                    c.dep_ == "acomp" and c.lemma_.lower() in _W.plain_speech_adjectives for c in tok.children):
                verb_matches = _instead(verb_matches, self._said_judgement(tok))
        # the act a judgement said names ("said the RSF had committed war crimes") and its object
        # are the judgement's words, no events of their own
        judged = {t.i for m in verb_matches if m.pattern is SAID_CRITICISM for t in m.tokens[1:]}
        verb_matches = [m for m in verb_matches if m.trigger.i not in judged]
        # ... and so are the predicate nouns of a judgement said with "be" ("said Iran's support for
        # the Houthis was a threat to regional stability" threatens no one)
        judged |= {p.i for m in verb_matches if m.pattern in (SAID_CRITICISM, SAID_PRAISE)
                   for clause in [grammar.judging_clause(m.trigger)] if clause is not None and clause.lemma_ == "be"
                   for c in clause.children if c.dep_ in ("attr", "acomp") for p in (c, *c.conjuncts)}
        noun_matches = [m for m in noun_matches if not (m.trigger.dep_ == "dobj" and m.trigger.head.i in judged)
                        and m.trigger.i not in judged]
        # (a refusal or denial whose pattern names its object stays one, however the object is
        # judged: "Ukraine dismissed the offer as unacceptable" rejects it, "Moscow dismissed the
        # accusations as absurd" denies them)
        answered = {m.trigger.i for m in verb_matches if len(m.pattern.words) > 1 and
                    m.pattern.code.startswith(_C.answering)}
        for tok in verbals:
            if tok.lemma_.lower() in _W.evaluation_verbs and tok.i not in answered:
                verb_matches = _instead(verb_matches, self._judgement(tok))
        for tok in words:
            if tok.i not in {m.trigger.i for m in verb_matches} and grammar.phone_call(tok) is not None:
                verb_matches.append(Match(PHONE_CALL, tok, (tok,)))   # (not a judgement: "called Putin a killer")
        for tok in words:
            if grammar.sent_person(tok) is not None and tok.i not in {m.trigger.i for m in verb_matches}:
                verb_matches.append(Match(ENVOY_SENT, tok, (tok,)))
        for tok in words:
            if grammar.welcomed_guest(tok) is not None:
                verb_matches = _instead(verb_matches, Match(GUEST_WELCOMED, tok, (tok,)))
        root = sent.root
        culpable = _culpably_done(root)
        if culpable is not None:
            # "The Philippine vessel deliberately intruded into the waters of Huangyan Dao", in a
            # ministry's words: an act told as done unlawfully is blame in the text's voice (at
            # the adverb: the act stays told)
            verb_matches.append(Match(STATED_CRITICISM, culpable, (culpable,)))
        if root.lemma_ == "be" and root.i not in {m.trigger.i for m in verb_matches} or _bears_blame(root):
            # (a burden borne is blame of the bearer in the text's voice, not a claim of its own)
            verb_matches = _instead(verb_matches, self._stated_judgement(root))
        # "Russia's two largest oil companies that fund the Kremlin's war machine": what a relative
        # clause in the simple present says its noun does is who or what it is, no act of the news
        verb_matches = [m for m in verb_matches if not (
            m.pattern.code.startswith(_C.habitual_description) and _habitual_relative(m.trigger))]
        # "any breach would be met with a firm response": a reaction received, no meeting
        verb_matches = [m for m in verb_matches if not _received_with(m.trigger)]
        # "used its oil revenue to fund the war against Ukraine": paying for a war is no aid
        verb_matches = [m for m in verb_matches if not (m.pattern.code.startswith(_C.aid) and _pays_for_war(m.trigger))]
        # "the new U.S. sanctions would not change Russia's position": pressure does not yield
        verb_matches = [m for m in verb_matches if not (m.pattern.code.startswith(_C.yielding) and _pressure_subject(m.trigger))]
        # "shelved plans for a summit with Putin": the plan named by the pattern ("scrap plan", a
        # policy dropped) is a plan for a meeting, which the modality component reads as halted
        # ("scrapped plans for a new tax" is still a policy dropped)
        verb_matches = [m for m in verb_matches if not any(self._plans_a_meeting(t) for t in m.tokens[1:])]
        # "sent a request for military assistance to Moscow", "a proposal for talks was handed to
        # Oman": what a request or an offer conveyed asks or offers is the noun's, not the verb's
        verb_matches = [m for m in verb_matches if not _conveys_a_modal_noun(m)]
        # "raised the possibility of new sanctions", "held out the prospect of talks": a pattern
        # noun reached through a noun of what may come is no act done (unless the pattern names
        # that noun: "raise possibility sanction" is the threat)
        verb_matches = [m for m in verb_matches if not _past_a_prospect(m)]
        # "Iran faced new sanctions from the EU": a fate no one foretells ("will face sanctions,
        # X said") is no threat, and the event noun it names is the news
        verb_matches = [m for m in verb_matches if not (
            m.pattern.speaker_threatens
            and grammar.foretold_by(m.trigger, _MR.future_aux, m.pattern.denied_only) is None
            and grammar.ultimatum_by(m.trigger, _MR.deontic_aux) is None)]
        # "the WHO warned that the outbreak could spread": a trend foretold of things that are no
        # party is a forecast, no threat
        verb_matches = [m for m in verb_matches if not (
            m.trigger.lemma_.lower() in _W.warning_verbs and len(m.tokens) == 1 and _forecast(m.trigger))]
        # "vowed that Israel would face a bitter fate": the vow is the threat it foretells, no
        # promise of the vower's own
        fates = {m.trigger.head.i for m in verb_matches if m.pattern.speaker_threatens and
                 m.trigger.dep_ == "ccomp" and m.trigger.head.lemma_.lower() in _W.vowing_verbs}
        verb_matches = [m for m in verb_matches if m.trigger.i not in fates]
        # "Real Madrid beat Barcelona 3-1": a verb of winning with a score is a game, no assault
        verb_matches = [m for m in verb_matches if not (
            m.trigger.lemma_.lower() in _W.contest_verbs and _has_score(m.trigger))]
        # "Russia will retaliate": a pattern of what is only foretold names no act in the past
        # ("Russia retaliated" says nothing of how) -- nor when denied or governed by another verb
        # ("vowed to retaliate" is the vow's)
        verb_matches = [m for m in verb_matches if not (
            m.pattern.future_only and (not (grammar.is_future(m.trigger, _MR.future_aux) or _readied(m.trigger))
                                       or grammar.negated(m.trigger)))]
        # "seized two tonnes of cocaine at the port": the place a seizure happens at is not what it takes
        verb_matches = [m for m in verb_matches if not (
            m.pattern.code == _C.territory_seizure and any(
                t.dep_ == "pobj" and t.head.lower_ in _W.locative_prepositions for t in m.tokens[1:]))]
        # "signed the agreement as guarantors": no agreement of the signers with each other (nor
        # of anyone, by its noun)
        # (and "China and the United States attended the talks as observers": others' talks, at which
        # the observers meet no one)
        third_party = [m for m in verb_matches if m.pattern.code.startswith(_C.signing + _C.visit)
                       and _in_a_third_party_role(m.trigger)]
        observed = [m for m in noun_matches if m.pattern.code.startswith(_C.visit) and m.trigger.dep_ == "dobj"
                    and _in_a_third_party_role(m.trigger.head)]
        silenced = {t.i for m in third_party + observed for t in m.tokens}
        verb_matches = [m for m in verb_matches if m not in third_party]
        noun_matches = [m for m in noun_matches if m.trigger.i not in silenced]
        # "ruled out new sanctions": a pattern of an act held open codes only denied ("did not rule
        # out new sanctions" is the threat)
        verb_matches = [m for m in verb_matches if not (m.pattern.denied_only and not grammar.negated(m.trigger)
                                                         and not grammar.refused(m.trigger))]
        # "refused to rule out new strikes" refuses nothing: it holds the strikes open
        verb_matches = [m for m in verb_matches if not (
            m.trigger.lemma_.lower() in _W.refusing_verbs and len(m.pattern.words) == 1 and
            any(c.dep_ == "xcomp" and grammar.rules_out(c) for c in m.trigger.children))]
        # "reached no agreement", "no deal had been reached", "no ceasefire was agreed": the act's
        # own noun denied -- nothing done (and no refusal either: an outcome, not a decision)
        verb_matches = [m for m in verb_matches if not _outcome_denied(m)]
        # "there have been contacts between Moscow and Washington": a noun that names an event
        # only as what there was (not "lost contact with the crew", "the contact group")
        noun_matches = [m for m in noun_matches if m.trigger.lemma_.lower() not in _W.existential_event_nouns
                        or grammar.existential(m.trigger)]
        return verb_matches, noun_matches

    def _held_open(self, verb: Token) -> Match | None:
        """"New sanctions remain on the table", "military action is not off the table", "all options
        are on the table": the threat of the measure its subject names (the lexicon's noun, in its
        CAMEO threat; options, of no named kind) -- held out by whoever says it.  Not "sanctions are
        not on the table" (no threat, nor any sanction)."""
        on = any(p.lemma_.lower() in _W.table_nouns for p in grammar.prep_objects(verb, ("on",)))
        off = any(p.lemma_.lower() in _W.table_nouns for p in grammar.prep_objects(verb, ("off",)))
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subj is None or not (on and not grammar.negated(verb) or off and grammar.negated(verb)):
            return None
        if subj.lemma_.lower() in _W.option_nouns:
            code = _C.open_options
        else:
            measure = self.lexicon.match_noun(subj)
            if measure is None or not measure.pattern.code.startswith(_C.hostile):
                return None
            code = map_code(measure.pattern.code, _MR.maps["threaten"])
            if code is None:
                return None
        pattern = Pattern(code=code, words=(_W.table_verbs,), kind="verb", text="X is on the table",
                          source_file="words.yaml", denied_only=off)
        return Match(pattern, verb, (verb, subj))

    def _judgement(self, verb: Token) -> Match | None:
        """"Moscow described Washington's move as a provocation": praise or criticism of a party
        the object names -- but praise of talks or meetings ("called the talks productive") is an
        evaluation, no event."""
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        mentions = verb.doc._.mention_at or {}
        if obj is None:
            # "Trump called Zelensky a dictator": the small model reads the one judged as a second
            # predicate (oprd) or as the modifier of the predicate noun
            preds = [c for c in verb.children if c.dep_ == "oprd"]
            obj = next((c for c in preds if c.pos_ == "PROPN" and c.i in mentions and c is not preds[-1]), None) or \
                next((m for c in preds for m in c.children if m.dep_ in ("nmod", "compound") and m.pos_ == "PROPN"
                      and m.i in mentions and c.pos_ == "NOUN"), None)
        def doer_named(act: Token) -> bool:
            return any(t.i in mentions for d in grammar.doers_of(act) for t in d.subtree)

        act = grammar.summed_up_act(verb.head) if obj is None and verb.dep_ == "relcl" else None
        if act is not None and doer_named(act):
            # "Washington doubled tariffs on Indian goods, a move New Delhi called unfair": the
            # relative clause's gap is the move its noun sums up (whose doer must be named; the
            # judging word may be read as an adverb, "an attack Qatar called cowardly")
            # (the summing noun is no judgement: "a step India called regrettable")
            obj = verb.head
            lemmas = {t.lemma_.lower() for t in grammar.judgement_words(verb, obj) if t.i != obj.i} | \
                {c.lemma_.lower() for c in verb.children if c.dep_ == "advmod" and c.i > verb.i}
            return self._judged(verb, lemmas, obj, CRITICISM, PRAISE)
        clause = grammar.sentential_which(verb) if obj is not None and obj.lower_ == "which" else None
        if clause is not None and doer_named(clause):
            # "Israel struck Doha on Tuesday, which Qatar called a cowardly attack": the act told
            # (the predicate noun may be read as a second object: "which Tallinn called a provocation")
            lemmas = {t.lemma_.lower() for t in grammar.judgement_words(verb, obj)} | \
                {t.lemma_.lower() for c in verb.children if c.dep_ == "dobj" and c.i > obj.i for t in c.subtree}
            return self._judged(verb, lemmas, obj, CRITICISM, PRAISE)
        small_clause = []
        if obj is None:
            # "Moscow considers [the deployment of British troops in Ukraine] unacceptable": the
            # small clause read as a complement adjective with the one judged as its subject
            small_clause = [c for c in verb.children if c.dep_ in ("ccomp", "xcomp") and c.pos_ in ("ADJ", "NOUN")]
            obj = next((s_ for c in small_clause for s_ in c.children
                        if s_.dep_ == "nsubj" and s_.pos_ in grammar.NOUN_POS), None)
        if obj is None and any(c.dep_ == "auxpass" for c in verb.children) and \
                not any(c.dep_ == "aux" and c.tag_ == "MD" for c in verb.children):
            # "Montenegro has been hailed as a success story by the European Union": the one judged
            # is the passive's subject (the "by" phrase judges) -- not what "would be considered an
            # act of war": a judgement foretold of an act not done
            obj = next((c for c in verb.children if c.dep_ == "nsubjpass" and c.pos_ in grammar.NOUN_POS), None)
        if obj is None:
            return None
        if not any(t.i in mentions for t in obj.subtree) and not grammar.act_anaphora(obj) and \
                not grammar.act_pronoun(obj):
            return None    # whose act it is must be named (or be the last told: "called the sanctions
            # an unfriendly act" judges whoever imposed them)
        lemmas = {t.lemma_.lower() for t in grammar.judgement_words(verb, obj) + small_clause}
        found = self._judged(verb, lemmas, obj, CRITICISM, PRAISE)
        if found is not None and found.pattern is PRAISE and (grammar.act_anaphora(obj) or small_clause) and \
                obj.lemma_.lower() in _W.outcome_nouns:
            return None   # "called the agreement a historic breakthrough": an outcome judged, as talks are
        return found

    def _judged(self, verb: Token, lemmas: set[str], judged: Token, criticism: Pattern,
                praise: Pattern) -> Match | None:
        """Criticism when ``lemmas`` hold a word of blame, praise when a word of praise -- but
        praise of talks or meetings (``judged`` a consultation noun, or a call or conversation)
        is an evaluation, no event."""
        if lemmas & _W.judgements["criticism"] or lemmas & _W.harm_to_a_good_nouns and lemmas & _W.public_goods:
            return Match(criticism, verb, (verb,))   # (a setback, blow or affront to democracy, peace ...)
        own = self.lexicon.match_noun(judged)
        talks = own is not None and own.pattern.code.startswith(_C.visit) or judged.lemma_.lower() in _W.contact_nouns
        if lemmas & _W.judgements["praise"] and not talks:
            return Match(praise, verb, (verb,))
        return None

    def _plans_a_meeting(self, noun: Token) -> bool:
        """Is ``noun`` a plan or other noun of intent for a meeting ("plans for a summit with
        Putin")? -- not a party's own of a meeting that names no one to meet ("rejected
        Zelensky's proposal for a meeting" rejects Zelensky's proposal)."""
        owned = any(c.dep_ == "poss" and c.pos_ != "PRON" for c in noun.children)
        return noun.lemma_.lower() in _MR.intent_nouns and any(
            (meeting := self.lexicon.match_noun(p)) is not None and meeting.pattern.code.startswith(_C.visit)
            and not (owned and not grammar.prep_objects(p, ("with", "between")))
            for p in grammar.prep_objects(noun, ("for",)))

    def _stated_judgement(self, root: Token) -> Match | None:
        """"NATO membership for Ukraine is unacceptable to us": the main clause's judgement of a
        party its subject names, said in no one's voice but the text's (modality's STATED_CRITICISM,
        STATED_PRAISE)."""
        found = self._be_judgement(root, root, STATED_CRITICISM, STATED_PRAISE)
        if found is None:
            return None
        # the predicate's nouns are the judgement's words, no events of their own: "Iran's support
        # for the Houthis is a threat to international peace" threatens no one
        words = [c for c in root.children if c.dep_ in ("attr", "acomp")]
        return Match(found.pattern, root, (root, *words))

    def _be_judgement(self, verb: Token, clause: Token, criticism: Pattern, praise: Pattern) -> Match | None:
        """Praise or criticism of the party named by the subject of ``clause`` (a "be" clause),
        matched at ``verb``."""
        subj = next((c for c in clause.children if c.dep_ == "nsubj"), None)
        mentions = verb.doc._.mention_at or {}
        if subj is None or not any(t.i in mentions for t in subj.subtree) and not grammar.act_anaphora(subj):
            return None    # whose act or who it is must be named (or be the last told: "the sanctions")
        predicates = [c for c in clause.children if c.dep_ in ("attr", "acomp")]
        linked = _W.linking_verbs.get(clause.lemma_.lower(), "")
        if clause.lemma_ != "be":
            # "said the strikes amounted to murder", "constituted a war crime": as "were"
            predicates = grammar.prep_objects(clause, (linked,)) if linked else \
                [c for c in clause.children if c.dep_ == "dobj"]
        if grammar.negated(clause) or any(c.dep_ == "preconj" and c.lower_ == "neither"
                                          for p in predicates for c in p.children):
            # "said the vote in Azerbaijan was not free", "neither free nor fair": a standard
            # denied is blame (words.yaml denied_standards); any other denial, no judgement
            denied = {t.lemma_.lower() for p in predicates for t in (p, *p.conjuncts)}
            denied |= {m.lemma_.lower() for p in predicates for m in p.children if m.dep_ == "amod"}
            return Match(criticism, verb, (verb,)) if denied & _W.denied_standards else None
        # the predicate and its own modifiers ("an unfriendly act", "a reliable partner"), not the
        # clauses hung on it ("willing to help defend X if it is attacked")
        words = [t for c in predicates
                 for t in (c, *(m for m in c.children if m.dep_ in ("amod", "compound", "advmod", "poss")))]
        # ... where a step it is said to be leads: "was a step towards war" (direction_nouns)
        words += [g for t in words if t.lemma_.lower() in _W.direction_nouns
                  for g in grammar.prep_objects(t, _W.direction_prepositions)]
        # ... and the good it is said to harm: "was a setback for democracy" (harm_to_a_good_nouns)
        words += [g for t in words if t.lemma_.lower() in _W.harm_to_a_good_nouns
                  for g in grammar.prep_objects(t, _W.harm_to_a_good_prepositions)]
        # ... and a state it is said to be in: "said Bosnia was in breach of its obligations"
        words += [p for c in clause.children if c.dep_ == "prep" and c.lower_ == "in"
                  for p in c.children if p.dep_ == "pobj"]
        # "said Israel was responsible for the attack": answerable for a harm is blame, whatever
        # praise "responsible" alone gives ("a responsible partner")
        if any(self._answerable_for_harm(t) for t in words):
            return Match(criticism, verb, (verb,))
        # ... and so is being behind one: "Poland said Russia was behind the sabotage"
        if clause.lemma_ == "be" and any(self._harm(p) for p in grammar.prep_objects(clause, _W.culprit_prepositions)):
            return Match(criticism, verb, (verb,))
        # ... and answerable for anything else is a duty, no praise ("responsible for security")
        words = [t for t in words if not (t.lemma_.lower() in _W.culpable_adjectives
                                          and grammar.prep_objects(t, ("for", "of")))]
        return self._judged(verb, {t.lemma_.lower() for t in words}, subj, criticism, praise)

    def _answerable_for_harm(self, adjective: Token) -> bool:
        """Is ``adjective`` "responsible", "guilty" or "to blame"-like (``culpable_adjectives``) with
        a "for"/"of" object that names a harm: a hostile act ("responsible for the attack"), a
        word of blame ("guilty of war crimes") or a harm done (``culpable_harms``: "responsible for
        the deaths")?  "responsible for security in the region" names a duty, no harm."""
        if adjective.lemma_.lower() not in _W.culpable_adjectives | _W.burden_nouns:
            return False
        return any(self._harm(obj) for obj in grammar.prep_objects(adjective, ("for", "of")))

    def _harm(self, obj: Token) -> bool:
        """Does ``obj`` name a harm: a hostile act the lexicon knows as a noun ("the attack"), a word
        of blame ("war crimes") or a harm done (``culpable_harms``: "the deaths")?"""
        lemma = obj.lemma_.lower()
        if lemma in _W.culpable_harms or lemma in _W.judgements["criticism"]:
            return True
        own = self.lexicon.match_noun(obj)
        return own is not None and own.pattern.code.startswith(_C.hostile)

    def _said_judgement(self, verb: Token) -> Match | None:
        """"Medvedev said the United States was now Russia's enemy", "Lavrov said the American
        proposal was unacceptable": a judgement of a party said of it in a that-clause with "be"
        -- criticism or praise, as "called X Y" is; praise of talks and meetings ("said the talks
        were productive") is an evaluation, no event."""
        clause = next((c for c in verb.children if c.dep_ == "ccomp" and (
            c.lemma_ == "be" or c.lemma_.lower() in _W.linking_verbs or _bears_blame(c))), None)
        if clause is None:
            return self._said_culpable(verb) or _said_reproach(verb)
        return self._be_judgement(verb, clause, SAID_CRITICISM, SAID_PRAISE)

    @staticmethod
    def _said_culpable(verb: Token) -> Match | None:
        """"China said the Philippine vessel had illegally intruded into Chinese waters": an act
        said to be done unlawfully (``culpable_adverbs``) by a party the clause's subject names is
        an accusation of that party, whatever the act."""
        mentions = verb.doc._.mention_at or {}
        for clause in verb.children:
            if clause.dep_ != "ccomp" or clause.pos_ not in grammar.VERB_POS or grammar.negated(clause) or \
                    not any(a.dep_ == "advmod" and a.lower_ in _W.culpable_adverbs for a in clause.children):
                continue
            subj = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None and any(t.i in mentions for t in subj.subtree):
                return Match(SAID_CRITICISM, verb, (verb,))
        return None


def _culpably_done(verb: Token) -> Token | None:
    """The adverb of ``verb`` that tells an act a party named as its subject did as done
    unlawfully (``culpable_adverbs``: "deliberately intruded", "illegally detained"), not denied."""
    adverb = next((a for a in verb.children if a.dep_ == "advmod" and a.lower_ in _W.culpable_adverbs), None)
    if adverb is None or verb.pos_ not in grammar.VERB_POS or grammar.negated(verb):
        return None
    mentions = verb.doc._.mention_at or {}
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    named = subj is not None and subj.lower_ not in _W.first_person_plural | _W.first_person_singular and \
        any(t.i in mentions for t in subj.subtree)
    return adverb if named else None


def _bears_blame(verb: Token) -> bool:
    """Is ``verb`` "bears responsibility", "carries the blame" (words.yaml ``burden_verbs`` and
    ``burden_nouns``) -- said of a party, as "is responsible" is?"""
    return verb.lemma_.lower() in _W.burden_verbs and any(
        c.dep_ == "dobj" and c.lemma_.lower() in _W.burden_nouns for c in verb.children)


def _said_reproach(verb: Token) -> Match | None:
    """"Beijing said Manila was playing with fire", "Lavrov said the West had crossed a red line": a
    reproach said of the party its that-clause's subject names (words.yaml ``reproach_phrases``:
    a verb and the words of its object or its prepositional object) is criticism of that party."""
    mentions = verb.doc._.mention_at or {}
    for clause in verb.children:
        if clause.dep_ != "ccomp":
            continue
        subj = next((c for c in clause.children if c.dep_ == "nsubj"), None)
        if clause.lemma_.lower() in _W.aspectual_verbs:
            # "the regime continues to fund terrorism": what it keeps doing
            clause = next((c for c in clause.children if c.dep_ == "xcomp"), clause)
        objects = _W.reproach_phrases.get(clause.lemma_.lower())
        if objects is None or grammar.negated(clause):
            continue
        said = [c for c in clause.children if c.dep_ == "dobj"] + grammar.prep_objects(clause, ("with", "in"))
        # (or an act named again, its doer the last told: "Oman said the strikes had undermined diplomacy")
        if subj is not None and (any(t.i in mentions for t in subj.subtree) or grammar.act_anaphora(subj)) and \
                any(o.lemma_.lower() in objects for o in said):
            # (the reproached act is the judgement's word, no event of its own: "said the RSF had
            # committed war crimes" accuses, it tells no attack)
            return Match(SAID_CRITICISM, verb, (verb, clause))
    return None


def _outcome_denied(m: Match) -> bool:
    """Does a negative determiner deny the act ``m`` names: on the pattern's own noun ("reached no
    agreement", "no ceasefire was agreed"), on a noun between the verb and it ("reached no
    agreement on a ceasefire"), on the verb's agreement object ("reached no deal on a truce"), or
    on the object of a verb that is the whole pattern ("offered no evidence")?"""
    def denied(noun: Token) -> bool:
        return any(c.dep_ == "det" and c.lower_ in _W.negative_determiners for c in noun.children) or \
            noun.dep_ == "pobj" and noun.head.lower_ in _W.privative_prepositions   # "concluded talks without a deal"
    if any(denied(n) for t in m.tokens[1:] for n in _path_up(t, m.trigger)):
        return True
    if len(m.tokens) == 1:
        # a verb alone, whose object is none at all: "has offered no public evidence", "offered no response"
        # (not one set off by a comma: "Bombs Training Camp, No Survivors")
        doc = m.trigger.doc
        return any(o.dep_ == "dobj" and denied(o) and not any(t.is_punct for t in doc[m.trigger.i + 1:o.left_edge.i])
                   for o in m.trigger.children)
    return any(o.dep_ == "dobj" and o.lemma_.lower() in _W.meeting_nouns and denied(o) for o in m.trigger.children)


def _path_up(tok: Token, top: Token) -> list[Token]:
    """``tok`` and the nouns above it up to (not including) ``top``: "[ceasefire] <- on <-
    [agreement] <- reached"."""
    out = [tok]
    t = tok
    while t.head.i != t.i and t.head.i != top.i and len(out) < 6:
        t = t.head
        if t.pos_ in grammar.NOUN_POS:
            out.append(t)
    return out


def _past_a_prospect(m: Match) -> bool:
    """Does a word of ``m`` hang, through "of", on a noun of what may come ("the possibility of
    sanctions") or of a topic ("the issue of sanctions") that is not itself one of the pattern's
    words?"""
    words = {t.i for t in m.tokens}
    return any(t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.i not in words
               and t.head.head.lemma_.lower() in _W.prospect_nouns | _W.topic_nouns for t in m.tokens[1:])


def _conveys_a_modal_noun(m: Match) -> bool:
    """Is ``m`` a verb of conveying (``conveying_verbs``) whose object -- or passive subject -- is
    a request, offer, proposal or permission, with the pattern's other words inside that noun's phrase
    ("sent a request for assistance" is no assistance sent)?"""
    if m.trigger.lemma_.lower() not in _W.conveying_verbs:
        return False
    named = {t.i for t in m.tokens}
    for obj in m.trigger.children:
        # (a pattern that names the noun itself is about conveying it: "presented a peace plan")
        # (and a permission: "gave permission to the UN to send food" gives no food)
        if obj.dep_ in ("dobj", "nsubjpass") and obj.lemma_.lower() in _MODAL_NOUNS | _MR.permit_nouns \
                and obj.i not in named:
            inside = {t.i for t in obj.subtree} - {obj.i}
            if any(t.i in inside for t in m.tokens[1:]):
                return True
    return False


def rule_trigger_slots() -> dict[str, set[tuple[frozenset[str], ...]]]:
    """The triggers the rules make beyond the lexicon, as the prefilter needs them: each lemma
    and the words it needs besides ("said ... must": a verb of saying; "called ... a provocation":
    a word of judgement)."""
    judged = frozenset(w for ws in _W.judgements.values() for w in ws)
    out: dict[str, set[tuple[frozenset[str], ...]]] = {}
    for aux in modality_rules().deontic_aux:
        out.setdefault(aux, set()).add((_W.speech_verbs,))
    for verb in _W.evaluation_verbs | _W.speech_verbs:
        out.setdefault(verb, set()).add((judged,))
    for verb in _W.mutual_speech_verbs | _W.mutual_review_verbs:
        out.setdefault(verb, set()).add(())
    for verb in _W.impact_verbs:
        out.setdefault(verb, set()).add((_W.weapon_nouns,))
    for verb in _W.withdrawal_verbs:
        out.setdefault(verb, set()).add((_W.force_nouns,))
    for word in _W.exit_words:
        out.setdefault(word, set()).add(())
    for verb in _W.member_suspension_verbs:
        out.setdefault(verb, set()).add(())
    return out


def _names_another(verb: Token) -> bool:
    """Is ``verb``'s subject a party the knowledge base names (not "we", "it", "everyone")?"""
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    mentions = verb.doc._.mention_at or {}
    return subj is not None and subj.pos_ != "PRON" and any(t.i in mentions for t in subj.subtree)


def _instead(matches: list[Match], match: Match | None) -> list[Match]:
    """``matches`` with ``match`` (when there is one) in place of its verb's other matches."""
    if match is None:
        return matches
    return [m for m in matches if m.trigger.i != match.trigger.i] + [match]


def _habitual_relative(verb: Token) -> bool:
    """Is ``verb`` a relative clause's verb in the simple present, with no auxiliary ("companies
    that fund the war", "militias which attack civilians"), or one conjoined to it ("a company
    that explores, extracts, and sells oil"), or the infinitive it governs ("countries that help
    Ukraine attack our fleet")?"""
    if verb.dep_ in ("xcomp", "ccomp") and verb.tag_ == "VB" and verb.head.pos_ in grammar.VERB_POS:
        verb = verb.head
    while verb.dep_ == "conj" and verb.head.pos_ in grammar.VERB_POS and verb.tag_ in ("VBZ", "VBP") and \
            not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        verb = verb.head
    return verb.dep_ == "relcl" and verb.tag_ in ("VBZ", "VBP") and \
        not any(c.dep_ in ("aux", "auxpass", "neg") for c in verb.children)


def _received_with(verb: Token) -> bool:
    """"Was met with a firm response", "the proposal was met with skepticism": a verb of meeting
    (``reception_verbs``) in the passive with a "with" phrase is a reaction, no meeting."""
    return verb.lemma_.lower() in _W.reception_verbs and \
        any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children) and \
        any(c.dep_ == "prep" and c.lower_ == "with" for c in verb.children)


def _weapon_hits(verb: Token) -> bool:
    """"Russian drones hit Odesa", "shells pounded the town", "missiles slammed into a market":
    a verb of impact whose subject's head is a weapon (the subject names whose); in the passive,
    whose "by" agent is one ("Kyiv was hit by Russian drones")."""
    if verb.lemma_.lower() not in _W.impact_verbs:
        return False
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        # "Kyiv was hit by Russian drones", "by a massive drone attack": the weapon or the attack
        # is the passive's agent
        return any(p.dep_ == "pobj" and _weapon_phrase(p)
                   for c in verb.children if c.dep_ == "agent" for p in c.children)
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return subj is not None and _weapon_phrase(subj)


def _cyber_hits(verb: Token) -> Token | None:
    """"A cyberattack by Russian hackers disrupted Poland's power grid", "the ministry's servers
    were hit by a cyber attack": the cyberattack (``cyber_nouns``, or an attack noun with a
    ``cyber_modifiers`` modifier) that is the subject of a verb of impact (``cyber_impact_verbs``),
    or its passive's agent -- or, for an active verb, its subject when that is hackers ("Russian
    hackers targeted German defence firms", ``cyber_doer_nouns``) or the attack, or a campaign of a
    cyber kind, it was done through ("targeted the ministry in a cyber campaign", "with
    ransomware": ``cyber_means_prepositions``, ``cyber_campaign_nouns``); None when there is none."""
    if verb.lemma_.lower() not in _W.cyber_impact_verbs:
        return None
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
    if passive:
        attacks = [p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
    else:
        attacks = [c for c in verb.children if c.dep_ == "nsubj"]
    found = next((a for a in attacks if _cyber_attack(a)), None)
    if found is not None or passive:
        return found
    hackers = next((a for a in attacks if a.lemma_.lower() in _W.cyber_doer_nouns), None)
    if hackers is not None:
        return hackers
    means = [p for c in verb.children if c.dep_ == "prep" and c.lower_ in _W.cyber_means_prepositions
             for p in c.children if p.dep_ == "pobj"]
    return next((p for p in means if _cyber_attack(p, _W.cyber_campaign_nouns)), None)


def _cyber_attack(noun: Token, kinds: frozenset[str] = frozenset()) -> bool:
    """"A cyberattack", "a hacking attack", "a cyber assault", "ransomware" (and, with ``kinds``,
    those nouns with a cyber modifier: "a cyber campaign")."""
    lemma = noun.lemma_.lower()
    return lemma in _W.cyber_nouns or (lemma in _W.attack_nouns or lemma in kinds) and any(
        c.dep_ in ("compound", "amod") and c.lemma_.lower() in _W.cyber_modifiers for c in noun.children)


def _weapon_phrase(head: Token) -> bool:
    """Does the phrase headed by ``head`` name weapons or an attack with them: "Russian drones",
    "a missile strike", "Ukraine's drone campaign", "Israel's bombing campaign", "a wave of drones"?"""
    lemma = head.lemma_.lower()
    if lemma in _W.weapon_nouns or lemma in _W.attack_nouns:
        return True
    if lemma not in _W.volley_nouns:
        return False
    named_by = [c for c in head.children if c.dep_ in ("compound", "amod")] + grammar.prep_objects(head, ("of",))
    return any(t.lemma_.lower() in _W.weapon_nouns or t.lemma_.lower() in _W.attack_nouns for t in named_by)


def _leaves_a_body(tok: Token) -> bool:
    """"Mali withdrew from ECOWAS", "announced its withdrawal from the World Health
    Organization": a word of withdrawing whose "from" phrase names an international body."""
    lemma = tok.lemma_.lower()
    mentions = tok.doc._.mention_at or {}
    if lemma in _W.departure_verbs and tok.pos_ in grammar.VERB_POS:
        # "Burkina Faso, Mali and Niger quit ECOWAS": the body left is the object
        obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
        left = mentions.get(obj.i) if obj is not None else None
        return left is not None and left.kind == "igo"
    if lemma not in _W.exit_words:
        return False
    bodies = (mentions.get(p.i) for p in grammar.prep_objects(tok, ("from",)))
    return any(m is not None and m.kind == "igo" for m in bodies)


def _suspends_a_member(verb: Token) -> bool:
    """"The African Union suspended Gabon after the coup": a verb of suspending or expelling
    whose subject is an international body and whose direct object is a country."""
    if verb.lemma_.lower() not in _W.member_suspension_verbs:
        return False
    mentions = verb.doc._.mention_at or {}
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if subj is None or obj is None:
        return False
    body, member = mentions.get(subj.i), mentions.get(obj.i)
    return body is not None and body.kind == "igo" and body.value[2] == "IGO" and \
        member is not None and member.kind == "country"


def _forces_withdraw(verb: Token) -> bool:
    """"Russian troops withdrew from Kherson", "the brigade pulled back to the river": a verb of
    withdrawing with no object whose subject's head is a force -- "pull" only with its particle
    ("pulled back", "pulled out"); "withdrew its troops" is the lexicon's own pattern."""
    lemma = verb.lemma_.lower()
    if lemma in _W.departure_verbs:
        # "the last French troops left Senegal": forces leaving a country (or its capital, or a
        # town: "Russian forces left Kherson", "left the city of Kherson")
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if obj is not None and obj.lemma_.lower() in _W.settlement_nouns:
            obj = next(iter(grammar.prep_objects(obj, ("of",))), obj)
        left = (verb.doc._.mention_at or {}).get(obj.i) if obj is not None else None
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        place = left is not None and left.kind in ("country", "capital") or obj is not None and obj.ent_type_ == "GPE"
        return place and subj is not None and subj.lemma_.lower() in _W.force_nouns
    if lemma not in _W.withdrawal_verbs or any(c.dep_ in ("dobj", "nsubjpass") for c in verb.children):
        return False
    if lemma != "withdraw" and not any(c.dep_ == "prt" and c.lower_ in _W.withdrawal_particles
                                       for c in verb.children):
        return False
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is None and verb.dep_ == "xcomp" and verb.head.lemma_.lower() in _W.aspectual_verbs:
        # "Israeli troops began withdrawing to an agreed line": the subject of "began"
        subj = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    if subj is None and verb.dep_ == "xcomp" and verb.head.pos_ in grammar.VERB_POS and \
            verb.head.lemma_.lower() in ORDERING_VERBS:
        # "Putin ordered the army to withdraw from Kherson": whom the order is to
        subj = grammar.direct_object(verb.head)
    if subj is None:
        return False
    if subj.lemma_.lower() in _W.force_nouns:
        return True
    # "Israel withdrew from Gaza", "Ukraine will not withdraw from the Donbas": a state withdrawing
    # from a place is its forces withdrawing (from a deal or a body it is no retreat)
    mentions = verb.doc._.mention_at or {}
    state = mentions.get(subj.i)
    return state is not None and state.kind in ("country", "capital") and any(
        p.ent_type_ in ("GPE", "LOC") and (mentions.get(p.i) is None or mentions[p.i].kind in ("country", "capital"))
        for p in grammar.prep_objects(verb, ("from",)))


def _no_choice_verb(verb: Token) -> Token | None:
    """"He would have no choice but to put sanctions on Russia", "Russia had no option but to
    withdraw": the act's tense, mood and condition are those of "have" (would have: held out; had:
    done), so the verb "have" carries it."""
    if verb.dep_ != "pcomp" or verb.head.lower_ != "but":
        return None
    head = verb.head.head      # "no choice [but to ...]", or (the parser's other reading) "have"
    have = head.head if head.dep_ == "dobj" and head.lemma_.lower() in _W.no_choice_nouns else head
    if have.pos_ not in grammar.VERB_POS or not any(
            c.dep_ == "dobj" and c.lemma_.lower() in _W.no_choice_nouns for c in have.children):
        return None
    return have


def _organisation_withdraws(verb: Token) -> bool:
    """"Human Rights Watch withdrew from Cambodia", "the aid agency pulled its staff out of
    Sudan": a verb of withdrawing whose subject is an organisation (an international body, an
    NGO, a company, the media -- not a state and not a force), whose "from"/"out of" phrase names
    a country, and which takes nothing, or only its own people or work ("its staff", "its
    mission"), with it -- the PLOVER manual's withdrawing "oneself or one's non-military
    resources" from a country."""
    lemma = verb.lemma_.lower()
    if lemma not in _W.withdrawal_verbs:
        return False
    outs = [c for c in verb.children if c.dep_ in ("prt", "prep") and c.lower_ in _W.withdrawal_particles]
    if lemma != "withdraw" and not outs:
        return False
    obj = next((c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")), None)
    if obj is not None and (obj.dep_ == "nsubjpass" or obj.lemma_.lower() not in _W.withdrawn_resources):
        return False
    mentions = verb.doc._.mention_at or {}
    places = grammar.prep_objects(verb, ("from",)) + [p for o in outs for p in grammar.prep_objects(o, ("of",))]
    if not any((m := mentions.get(p.i)) is not None and m.kind in ("country", "capital") for p in places):
        return False
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    m = mentions.get(subj.i) if subj is not None else None
    if m is None:
        return False
    if m.kind == "igo":
        return m.value[2] in _W.organisation_sectors
    return m.kind == "agent" and m.value in _W.organisation_sectors


def _pays_for_war(verb: Token) -> bool:
    """Is the direct object of an aid verb an act of war with no one's name on it ("fund the
    war against Ukraine", "bankrolled the offensive") or the doer's own ("the revenue Moscow uses
    to finance its war")?  A war that is someone else's ("financed Hezbollah's war") is aid to
    them."""
    return any(t.lemma_.lower() in _W.war_nouns and not any(c.dep_ == "poss" and c.tag_ != "PRP$" for c in o.children)
               for o in verb.children if o.dep_ == "dobj"
               for t in (o, *(c for c in o.children if c.dep_ in ("compound", "amod"))))


def _pressure_subject(verb: Token) -> bool:
    """Is the subject of ``verb`` a means of pressure -- sanctions, tariffs, pressure, threats
    ("New tariffs will not change China's stance")?"""
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return subj is not None and subj.pos_ == "NOUN" and (
        subj.lemma_.lower() in _W.sanction_instruments or subj.lemma_.lower() in _W.pressure_nouns)


def _aimed_with(verb: Token) -> str | None:
    """The lemma of what a verb of aiming aims with: its subject ("the sanctions target ..."),
    its passive's agent ("was targeted by new EU sanctions") or its "with" object ("targeted
    Russia's oil revenues with new sanctions") -- None when none of them is a noun."""
    with_objects = grammar.prep_objects(verb, ("with",))
    # (the parser often hangs the "with" on the object: "targeted [Russia's revenues with sanctions]")
    with_objects += [p for o in verb.children if o.dep_ == "dobj" for p in grammar.prep_objects(o, ("with",))]
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    instrument = next(filter(None, map(_instrument, (*with_objects, grammar.by_agent(verb), subj))), None)
    if instrument is None and any(_financiers(o) for o in verb.children if o.dep_ == "dobj"):
        return "sanction"   # "will continue to target those who fund the war"
    return instrument


def _financiers(obj: Token) -> bool:
    """Is ``obj`` people told by what they pay for or help evade ("those who fund the war",
    "anyone that helps Moscow evade sanctions")? -- ``financing_verbs`` in its relative clause,
    or in a clause that clause governs."""
    for rel in (c for c in obj.children if c.dep_ == "relcl"):
        if any(v.lemma_.lower() in _W.financing_verbs for v in (rel, *rel.children) if v.pos_ == "VERB"):
            return True
    return False


def _instrument(tok: Token | None) -> str | None:
    """The lemma of ``tok`` when it is a common noun of a sanction or a policy, else None (not
    a campaign of attacks named by its weapon: "Ukraine's drone campaign")."""
    if tok is None or tok.pos_ not in grammar.NOUN_POS or tok.pos_ == "PROPN" or _weapon_phrase(tok):
        return None
    if any(c.dep_ in ("amod", "compound") and c.lemma_.lower() in _W.armed_modifiers for c in tok.children):
        return None     # "Israel's military action", "a ground operation": force, no policy
    lemma = tok.lemma_.lower()
    return lemma if lemma in _W.sanction_instruments or lemma in _W.policy_instruments else None


def _done_by_instrument(verb: Token) -> bool:
    """Is the doer of ``verb`` -- its subject or its passive's agent -- a sanction or a policy
    (a common noun of ``sanction_instruments`` or ``policy_instruments``)?"""
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is None and verb.dep_ == "conj":
        # "the sanctions were illegal and would only hurt Europe": the subject the verb shares
        subj = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    if subj is not None and subj.lower_ in _W.relative_pronouns and verb.dep_ == "relcl":
        subj = verb.head    # "EU sanctions that hurt Slovakia's interests": the sanctions
    return any(_instrument(tok) for tok in (subj, grammar.by_agent(verb)))


def _takes_a_place(verb: Token) -> bool:
    """"Russian forces captured Pokrovsk": a verb of taking ground whose direct object is a
    place name the NER model tags as one -- not a country, a person or anything else ("seized the
    town of Goma", a place noun, is the lexicon's own pattern)."""
    if verb.lemma_.lower() not in _W.territory_verbs:
        return False
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is None:
        return False
    mentions = verb.doc._.mention_at or {}
    m = mentions.get(obj.i)
    if m is not None and m.kind != "capital":
        return False    # "took Russia's side", a person, an institution: not ground
    return obj.ent_type_ in grammar.PLACE_LABELS and obj.pos_ == "PROPN"


def _talk_together(verb: Token) -> bool:
    """"Putin and Trump talked about trade", "the two leaders spoke broadly about the Middle
    East", "the presidents reviewed bilateral relations": a verb of talking with no object and no
    reported speech, or of going over a matter (not a party), whose subject names both parties --
    "X and Y", or a plural pair noun ("the leaders", "both ministers")."""
    lemma = verb.lemma_.lower()
    if lemma in _W.mutual_review_verbs:
        # "the two presidents reviewed bilateral relations": what they went over, not whom
        mentions = verb.doc._.mention_at or {}
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if obj is None or obj.i in mentions or obj.pos_ in ("PROPN", "PRON") or \
                any(c.dep_ == "poss" for c in obj.children):
            return False
    elif lemma not in _W.mutual_speech_verbs or any(
            c.dep_ in ("dobj", "ccomp", "xcomp", "nsubjpass") or c.dep_ in ("prep", "dative") and c.lower_ in _W.speech_aside_prepositions
            for c in verb.children):
        return False   # "spoke to reporters": to someone else; "spoke of the need to ...": of something
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is None:
        return False
    if any(c.dep_ == "conj" and c.pos_ in grammar.NOUN_POS for c in subj.children):
        return True
    if subj.lower_ == "we" and lemma in _W.mutual_speech_verbs:
        return True     # "We talked about the steps that need to happen next", said after a meeting
    return subj.tag_ == "NNS" and subj.lemma_.lower() in (_W.people_pair_nouns | _W.pair_nouns) and \
        any(c.lower_ in _W.mutual_subject_determiners and c.dep_ in ("det", "nummod", "predet") for c in subj.children)


def _peacekeepers(m: Match) -> Match:
    """Who arrives or gathers decides the event: "NATO peacekeepers arrived in Bosnia" is a
    deployment of peacekeepers, "a rescue team from Japan arrived in Turkey" humanitarian aid and
    "US troops arrived in Poland" a deployment of forces, not visits; "protesters gathered outside
    the police station" is a demonstration, and so is "protesters massed in the square" (a
    gathering verb's own pattern, whatever its code, when it names no more than the verb: "massed
    troops" keeps its own)."""
    lemma = m.trigger.lemma_.lower()
    gathering = _gathering(m)
    if not (m.pattern.code.startswith(_C.visit) and lemma in _W.arrival_verbs or gathering):
        return m
    subj = _who_gathers(m.trigger)
    if subj is None:
        return m
    words = {t.lemma_.lower() for t in near_subtree(subj)}
    if lemma in _W.arrival_verbs:
        if any(w.startswith(_W.peacekeeper_prefix) for w in words):
            return Match(PEACEKEEPER_ARRIVAL, m.trigger, m.tokens)
        # (weapons first: "a shipment of military aid arrived" is arms, not relief)
        if lemma in _W.arms_arrival_verbs and subj.lemma_.lower() in _W.arriving_arms_nouns and \
                words & _W.arriving_arms_words:
            return Match(ARMS_ARRIVAL, m.trigger, m.tokens)
        if _carries_aid(subj, words):
            return Match(AID_TEAM_ARRIVAL, m.trigger, m.tokens)
        if subj.lemma_.lower() in _W.arriving_force_nouns or any(
                c.dep_ == "compound" and c.text in _SHIP_PREFIXES for c in subj.children):
            # (a ship named with its navy's prefix is a warship: "the USS Gerald R. Ford arrived")
            return Match(FORCES_ARRIVAL, m.trigger, m.tokens)
    elif subj.lemma_.lower() in _W.protester_nouns:
        return Match(PROTESTERS_GATHERING, m.trigger, m.tokens)
    elif (subj.lemma_.lower() in _W.crowd_nouns or subj.lower_ in _CROWD_COUNTS) and \
            any(t.lemma_.lower() in _W.protest_words for t in m.trigger.sent):
        # "Thousands of people gathered outside city hall despite a ban on demonstrations": a
        # crowd gathering where the sentence tells of protest is a demonstration
        return Match(PROTESTERS_GATHERING, m.trigger, m.tokens)
    return m


def _gathering(m: Match) -> bool:
    """Is ``m`` a gathering verb's own pattern, naming no more than the verb ("gathered",
    "massed" -- not "massed troops")?"""
    return m.trigger.lemma_.lower() in _W.gathering_verbs and len(m.pattern.words) == 1


def _who_gathers(verb: Token) -> Optional[Token]:
    """The subject of ``verb``, past a count: "hundreds of protesters gathered" -> protesters."""
    subj = grammar.subject(verb)
    return next(iter(grammar.counted(subj)), subj) if subj is not None else None


def _crowd_gathering(m: Match) -> bool:
    """Is ``m`` a gathering of a crowd that tells of no protest ("crowds gathered in Ramallah to
    greet the freed prisoners", "thousands gathered for the funeral")?  A meeting is of parties,
    and a crowd that protests is retyped so already (``_peacekeepers``)."""
    if not _gathering(m) or not m.pattern.code.startswith(_C.visit):
        return False
    subj = _who_gathers(m.trigger)
    return subj is not None and (subj.lemma_.lower() in _W.crowd_nouns or subj.lower_ in _CROWD_COUNTS)


def _carries_aid(subj: Token, words: set[str]) -> bool:
    """Is ``subj`` (whose phrase has ``words``) aid, or a team or vehicle that brings it ("a
    rescue team from Japan", "a convoy carrying food")?"""
    return subj.lemma_.lower() in _W.aid_team_nouns and bool(words & _W.aid_team_words)


def _aid_reaches(verb: Token) -> bool:
    """"An aid convoy reached El Fasher", "the first aid trucks entered Gaza": aid, or what
    carries it, reaching a place with a verb of arrival the lexicon gives no visit ("arrived in"
    has one: ``_peacekeepers``)."""
    if verb.lemma_.lower() not in _W.arrival_verbs:
        return False
    subj = grammar.subject(verb)
    if subj is None or not any(c.dep_ == "nsubj" and c.i == subj.i for c in verb.children):
        return False    # (its own subject, not that of a verb it completes)
    return _carries_aid(subj, {t.lemma_.lower() for t in near_subtree(subj)})


def _aimed_strike(noun: Token) -> Optional[Match]:
    """"Israel's strikes on Iran's nuclear sites": a strike (``aimed_strike_nouns``) with an "on"
    phrase naming something other than a date is an attack; a bare strike may stop work."""
    if noun.lemma_.lower() not in _W.aimed_strike_nouns:
        return None
    aimed = any(c.dep_ == "prep" and c.lower_ in _W.aimed_strike_prepositions and not grammar.dates_only(c)
                for c in noun.children)
    return Match(AIMED_STRIKE, noun, (noun,)) if aimed else None


def _thrown_attack(m: Match) -> Match:
    """"Protesters hurled stones at the police" is a riot; "two teenagers threw a petrol bomb at
    the bar" -- thrown by anyone but a crowd, with no protest in the sentence -- an assault."""
    if not m.pattern.code.startswith(_C.protest) or m.trigger.lemma_.lower() not in _W.throwing_verbs:
        return m
    subj = grammar.subject(m.trigger)
    if subj is None or subj.lemma_.lower() in _W.protester_nouns | _W.rioter_nouns:
        return m
    if any(t.lemma_.lower() in _W.protest_words or t.lemma_.lower() in _W.protester_nouns for t in m.trigger.sent):
        return m
    return Match(THROWN_ATTACK, m.trigger, m.tokens)


def _crowd_riot(m: Match) -> Match:
    """"Protesters set fire to parliament buildings", "rioters looted shops and torched cars":
    property looted or destroyed (codes.yaml ``property_damage``) by protesters or a crowd
    (``protester_nouns``, ``rioter_nouns``) is a riot, as PLOVER codes it -- not an assault on
    whoever owned the property; and so is an attack by protesters ("protesters attacked the
    embassies of Rwanda and France", ``crowd_violence``)."""
    damage = m.pattern.code.startswith(_C.property_damage)
    if not damage and not m.pattern.code.startswith(_C.crowd_violence):
        return m
    # (the doer: a passive's is its "by" phrase -- "hundreds of protesters had been killed" are
    # its victims, "shops were looted by protesters" a riot)
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in m.trigger.children)
    subj = grammar.by_agent(m.trigger) if passive else grammar.subject(m.trigger)
    if subj is None:
        return m
    subj = next(iter(grammar.counted(subj)), subj)   # "hundreds of protesters torched ...": who acts
    # (violence by a crowd not said to protest -- "a mob attacked the village" -- stays an assault)
    if subj.lemma_.lower() not in (_W.protester_nouns | _W.rioter_nouns if damage else _W.protester_nouns):
        return m
    return Match(CROWD_RIOT, m.trigger, m.tokens)


def _verbal_clash(m: Match) -> Match:
    """"Zelensky and Trump clashed in an Oval Office meeting", "Merz clashed with Orban over
    sanctions": a clash (``verbal_clash_verbs``) whose every party -- its subject, their
    conjuncts, its "with" objects -- is a person or an office-holder is a quarrel (criticism),
    no fighting; troops, rebels, crowds or states clashing stay violence."""
    if not m.pattern.code.startswith(_C.violence) or m.trigger.lemma_.lower() not in _W.verbal_clash_verbs:
        return m
    verb = m.trigger
    subj = grammar.subject(verb)
    if subj is None:
        return m
    parties = [subj, *subj.conjuncts]
    parties += [p for w in grammar.prep_objects(verb, ("with",)) for p in (w, *w.conjuncts)]
    mentions = verb.doc._.mention_at or {}

    def person(tok: Token) -> bool:
        mention = mentions.get(tok.i)
        if mention is not None:
            return mention.kind in ("person", "office")
        return tok.ent_type_ == "PERSON"
    return Match(VERBAL_CLASH, verb, m.tokens) if all(map(person, parties)) else m


def _trade_truce(m: Match) -> Match:
    """"Trump and Xi agreed to a one-year truce in their trade war": a truce (``truce_nouns``) the
    pattern names whose "in" phrase is a trade or tariff war (``trade_war_words``) holds tariffs
    off -- an intent to ease them, no ceasefire."""
    if not m.pattern.code.startswith(_C.truce):
        return m
    for noun in m.tokens[1:]:
        if noun.lemma_.lower() not in _W.truce_nouns:
            continue
        # (the "in" phrase hung on the noun or, as the parser often does, on the verb)
        for war in grammar.prep_objects(noun, ("in", "over")) + grammar.prep_objects(m.trigger, ("in", "over")):
            words = {war.lemma_.lower(), *(c.lemma_.lower() for c in war.children if c.dep_ in ("compound", "amod"))}
            if words & _W.trade_war_words:
                return Match(TRADE_TRUCE, m.trigger, m.tokens)
    return m


def _joint_exercise(m: Match) -> Match:
    """"India and France held naval exercises off Goa", "the Philippines and the United States
    began their annual exercises": exercises (``exercise_nouns``) a show of force names, held by
    a subject of two or more states, are held with each other -- military cooperation, not a show
    of force at one of them."""
    if not m.pattern.code.startswith(_C.force_posture):
        return m
    exercises = [t for t in m.tokens[1:] if t.lemma_.lower() in _W.exercise_nouns]
    if any(c.lower_ in _W.joint_words for t in exercises for c in t.children if c.dep_ in ("amod", "compound")):
        return Match(JOINT_EXERCISE, m.trigger, m.tokens)    # "began joint naval exercises"
    subject = grammar.subject(m.trigger) if exercises else None
    if subject is None:
        return m
    # (two states named by the subject: "India and France", "Chinese and Russian warships")
    mentions = m.trigger.doc._.mention_at or {}
    named = {mention_iso(mm) for t in subject.subtree
             if (mm := mentions.get(t.i)) is not None and mm.kind in ("country", "capital", "demonym")}
    return Match(JOINT_EXERCISE, m.trigger, m.tokens) if len(named - {None}) >= 2 else m


def _relief_deployment(m: Match) -> Match:
    """"Deployed the army to help flood victims", "sent troops for relief work after the
    earthquake": a deployment of forces (force posture, 15) whose purpose is relief -- an
    infinitive of ``relief_purposes`` or a "for" phrase -- and names a disaster or relief
    (``relief_words``) is aid (the PLOVER manual codes it so)."""
    if not m.pattern.code.startswith(_C.force_posture):
        return m
    verb = m.trigger
    purposes = [c for c in verb.children if c.dep_ in ("advcl", "xcomp") and c.pos_ in grammar.VERB_POS
                and grammar.infinitival(c) and c.lemma_.lower() in _W.relief_purposes]
    purposes += [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "for"]
    if not any(t.lemma_.lower() in _W.relief_words or t.lower_ in _W.relief_words
               for p in purposes for t in p.subtree):
        return m
    return Match(RELIEF_DEPLOYMENT, m.trigger, m.tokens)


def _guarding_operation(m: Match) -> Match:
    """"Launched Operation Eastern Sentry to bolster its eastern flank", "launched a naval operation
    to protect shipping": an attack pattern whose object is an operation (``operation_nouns``) with a
    purpose clause of guarding (``guarding_purposes``) is forces deployed; with one of relief
    (``relief_purposes``, or ``relief_objects`` sent: "to send aid to Myanmar"), aid."""
    if not m.pattern.code.startswith(_C.violence):
        return m
    operation = next((t for t in m.tokens[1:] if t.lemma_.lower() in _W.operation_nouns), None)
    if operation is None:
        return m
    purposes = [c for h in (m.trigger, operation) for c in h.children
                if c.dep_ in ("advcl", "acl", "relcl", "xcomp") and c.pos_ in grammar.VERB_POS
                and grammar.infinitival(c)]
    if any(c.lemma_.lower() in _W.relief_purposes or any(t.lemma_.lower() in _W.relief_objects for t in c.subtree)
           for c in purposes):
        # "India launched Operation Brahma to send aid to Myanmar": an operation of relief is aid
        return Match(RELIEF_DEPLOYMENT, m.trigger, m.tokens)
    if not any(c.lemma_.lower() in _W.guarding_purposes for c in purposes):
        return m
    return Match(GUARDING_OPERATION, m.trigger, m.tokens)


def _forecast(warning: Token) -> bool:
    """Does ``warning`` foretell only a trend of things that are no party ("warned that the
    outbreak could spread", "warned that prices would rise"): a that-clause with a verb of a trend
    (``trend_verbs``) whose subject names no one, and no one warned?"""
    if any(c.dep_ in ("dobj", "dative") for c in warning.children):
        return False
    mentions = warning.doc._.mention_at or {}
    clauses = [c for c in warning.children if c.dep_ == "ccomp"]
    return bool(clauses) and all(
        c.lemma_.lower() in _W.trend_verbs and
        all(s_.pos_ != "PRON" and not any(t.i in mentions for t in s_.subtree)
            for s_ in c.children if s_.dep_ in ("nsubj", "nsubjpass")) for c in clauses)


def _has_score(verb: Token) -> bool:
    """Does ``verb``'s clause hold a game's score ("beat Barcelona 3-1", "won 2–0"; the tokenizer
    splits it into number, dash, number)?"""
    doc = verb.doc
    return any(t.text.isdigit() and t.i + 2 < len(doc) and doc[t.i + 1].text in ("-", "–", ":")
               and doc[t.i + 2].text.isdigit() for t in verb.subtree)


def _official_protest(m: Match) -> Match:
    """"Japan protested China's decision", "a human rights group protested": a state, a body or an
    official that protests complains; crowds, students and farmers demonstrate."""
    if not m.pattern.code.startswith(_C.protest) or m.trigger.lemma_.lower() not in _W.official_protest_verbs:
        return m
    noun = m.pattern.kind == "noun"
    if noun and m.trigger.dep_ == "pobj" and m.trigger.head.lower_ == "of" and \
            m.trigger.head.head.lemma_.lower() in _W.protest_papers:
        return Match(OFFICIAL_PROTEST_NOUN, m.trigger, m.tokens)   # "handed a note of protest"
    if noun:
        # the noun's own protester: "drew a protest from Beijing", "China's protest"
        subj = next((c for c in m.trigger.children if c.dep_ == "poss"), None) or \
            next(iter(grammar.prep_objects(m.trigger, ("from", "by"))), None)
    else:
        subj = grammar.subject(m.trigger)
    if subj is None:
        return m
    if not noun and subj.pos_ == "PRON" and subj.lower_ in _W.institution_pronouns:
        # "The foreign ministry summoned the charge d'affaires. It protested against the arrests":
        # what protests as "it" is a body, never a crowd
        return Match(OFFICIAL_PROTEST, m.trigger, m.tokens)
    mention = (subj.doc._.mention_at or {}).get(subj.i)
    if mention is None:
        return m
    if mention.kind in _W.official_protester_kinds or \
            mention.kind == "agent" and mention.value in _W.official_protester_sectors:
        return Match(OFFICIAL_PROTEST_NOUN if noun else OFFICIAL_PROTEST, m.trigger, m.tokens)
    return m


def _describes(m: Match, sent: Span, main_verb: list) -> bool:
    """"equipment seized last year", "a resolution demanding ...": description, not news.
    ``main_verb`` holds the sentence's misread main verb once it has been looked for."""
    verb = m.trigger
    # (a reduced relative clause the tagger read as a past tense -- "West Africans ordered out of
    # Nigeria" -- is one too, when the sentence has a main verb of its own and the clause no subject)
    reduced_past = verb.tag_ == "VBD" and sent.root.pos_ in grammar.VERB_POS and sent.root.i != verb.i \
        and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
    if verb.dep_ != "acl" or not (verb.tag_ in ("VBN", "VBG") or reduced_past) or m.pattern is DEONTIC_DEMAND \
            or grammar.issued_statement(verb) or \
            m.pattern.code.startswith(_C.enacted) and grammar.issued_statement(verb, _W.law_nouns):
        return False   # ("Hungary passed a law banning foreign-funded NGOs": Hungary bans them)
    if verb.tag_ == "VBN" and grammar.by_agent(verb) is not None and grammar.summed_up_act(verb.head) is not None:
        return False   # "In a move condemned by Beijing, Japan's prime minister visited the shrine"
    if not main_verb:
        main_verb.append(grammar.misread_main_verb(sent))
    return main_verb[0] is None or main_verb[0].i != m.trigger.i


def _predicate_of_be(noun: Token) -> bool:
    """Is ``noun`` what a "be" clause says its subject is -- "was a key demand of the rebels",
    "is one of Tehran's main demands"?"""
    t = noun
    if t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.dep_ == "attr":
        t = t.head.head            # "one of its demands"
    return t.dep_ == "attr" and t.head.lemma_ == "be"


def _prohibited(m: Match) -> bool:
    """"would no longer abide by a moratorium on deploying missiles", "a ban on exporting grain":
    the act a prohibition is on is not done (the parser may hang the "on" on the verb before the
    prohibition noun)."""
    verb = m.trigger
    if verb.dep_ != "pcomp" or verb.head.lower_ not in ("on", "against"):
        return False
    prep = verb.head
    before = prep.doc[prep.i - 1] if prep.i > 0 else prep
    return prep.head.lemma_.lower() in _W.prohibition_nouns or before.lemma_.lower() in _W.prohibition_nouns


def _suspends_sanctions(noun: Token) -> Token | None:
    """The sanctions a halt (``halting_nouns``) has as its "of" phrase ("the suspension of
    sanctions", "a freeze of the tariffs"), else None."""
    if noun.lemma_.lower() not in _W.halting_nouns:
        return None
    return next((o for o in grammar.prep_objects(noun, ("of",)) if o.lemma_.lower() in _W.sanction_instruments), None)


def _standing(noun: Token) -> bool:
    """"Russia's long-standing demands", "its longstanding opposition to NATO": an event noun a
    modifier of duration (``standing_noun_modifiers``, or "standing" after "long") calls a
    position held for long is background, not an act of the news."""
    for c in noun.children:
        if c.dep_ != "amod":
            continue
        if c.lower_ in _W.standing_noun_modifiers or (
                c.lower_ == "standing" and any(a.lower_ == "long" for a in c.children)):
            return True
    return False


def _held_before(m: Match) -> bool:
    """"Marc Fogel, an American who was detained by Russia", "she was detained by Russia for over a
    year": a detention in the passive told in a clause that describes someone (with no date of
    its own) or as lasting over a stretch of time is who they are and what they went through,
    not news of an arrest (the release that ends it is)."""
    verb = m.trigger
    if verb.lemma_.lower() not in _W.holding_participles:
        return False
    if _object_read_as_subject(verb) and not any(t.ent_type_ in ("DATE", "TIME") for t in verb.subtree):
        # "bringing home all Americans wrongfully detained abroad": who they are
        return True
    if not any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        return False
    if verb.dep_ in ("relcl", "acl") and not any(t.ent_type_ in ("DATE", "TIME") for t in verb.subtree):
        return True
    return grammar.lasting(verb)


def _object_read_as_subject(verb: Token) -> bool:
    """"committed to bringing home all Canadians arbitrarily detained in China": the small model
    reads the object of "bringing" and its participle as a clause of their own (a subject and a
    past verb, no conjunction, no auxiliary) -- the "subject" right after a verb with no object of
    its own (particles and adverbs apart): that verb's object, described."""
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is None or verb.dep_ not in ("advcl", "ccomp", "conj") or verb.tag_ not in ("VBD", "VBN") or \
            any(c.dep_ in ("mark", "aux", "auxpass") for c in verb.children) or subj.left_edge.i == 0:
        return False
    if verb.dep_ == "conj" and any(c.dep_ == "cc" and c.i < verb.i for c in verb.head.children):
        return False    # "the army captured the town and detained its mayor": a clause of its own
    before = subj.doc[subj.left_edge.i - 1]
    while before.dep_ in ("advmod", "prt") and before.i > 0 and before.pos_ != "VERB":
        before = before.doc[before.i - 1]
    return before.pos_ == "VERB" and before.lemma_.lower() not in _W.speech_verbs and \
        not any(c.dep_ == "dobj" for c in before.children)


def _restates(m: Match) -> bool:
    """"Poland shot down Russian drones, the first time a NATO member has fired on Russian assets":
    a clause on a "time" phrase appended to the main clause says what the main event was, it is
    not one more event (nor is "a NATO member" NATO)."""
    verb = m.trigger
    return verb.dep_ == "relcl" and verb.head.lemma_.lower() in _W.restating_nouns and \
        verb.head.dep_ in ("npadvmod", "appos")


def _with_own_people(m: Match) -> bool:
    """"We will be in touch with you on that", "I'm in contact with my team", "talked to our
    lawyers": consulting the one spoken to or one's own people is no consultation between parties
    ("my Russian counterpart", "our allies" are other parties)."""
    if not m.pattern.code.startswith(_C.visit):
        return False
    partners = [p for t in m.tokens[1:] if t.dep_ == "prep" and t.lower_ in ("with", "to")
                for p in t.children if p.dep_ == "pobj"]
    # ... or hung on the pattern's noun: "had a meeting with our military commanders"
    partners += [p for t in m.tokens[1:] if t.pos_ in grammar.NOUN_POS for c in t.children
                 if c.dep_ == "prep" and c.lower_ in ("with", "to") for p in c.children if p.dep_ == "pobj"]
    def own(p: Token) -> bool:
        return p.lower_ in _W.own_people_pronouns or (p.lemma_.lower() in _W.own_people_nouns and any(
            c.dep_ == "poss" and c.lower_ in _W.own_people_possessives for c in p.children))
    return bool(partners) and all(map(own, partners))


def _own_command(m: Match) -> bool:
    """"Trump ordered the Pentagon to resume testing", "Putin instructed the government to
    prepare proposals": an order to one's own forces or services is no demand of anyone (what it
    orders is coded as the one who orders doing it, when it is an act)."""
    return len(m.tokens) == 1 and m.pattern.code.startswith(_C.demand) and commands_own(m.trigger)


def _attempt(m: Match) -> bool:
    """"European leaders sought to avoid a deal", "Moscow is seeking to drive a wedge": a verb of
    seeking with an infinitive is an attempt at what the infinitive says (coded from that verb,
    if it is an act), not a request of anyone; "sought Russian help" still asks for it."""
    verb = m.trigger
    return len(m.tokens) == 1 and verb.lemma_.lower() in _W.attempt_verbs and \
        any(c.dep_ == "xcomp" and grammar.infinitival(c) for c in verb.children)


def _threat_to_a_good(m: Match) -> bool:
    """"Iran continues to threaten regional stability", "the crisis threatens peace in the region":
    a good that everyone claims (``public_goods``) threatened is a charge against whoever threatens
    it, no threat made to a party (said of a party, ``reproach_phrases`` make it criticism)."""
    if not m.pattern.code.startswith(_C.threaten) or m.trigger.lemma_.lower() not in _W.reproach_phrases:
        return False
    objects = [c for c in m.trigger.children if c.dep_ == "dobj"]
    return bool(objects) and all(o.lemma_.lower() in _W.public_goods for o in objects)


def _relation_said(verb: Token) -> bool:
    """"should be partners and friends", "must be good neighbours": a "be" whose predicate says
    what parties are to each other (``relation_nouns``) -- a view of the relation, no demand."""
    return verb.lemma_ == "be" and any(c.dep_ == "attr" and c.lemma_.lower() in _W.relation_nouns
                                       for c in verb.children)


def _quality_of_a_tie(noun: Token) -> bool:
    """"reaffirmed the strength of the strategic partnership": a quality (``tie_quality_nouns``)
    of the tie the noun names -- a tie that stands, no act."""
    return noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lemma_.lower() in _W.tie_quality_nouns


def _others_talks_attended(m: Match) -> bool:
    """"The United States and China both sent representatives to the talks": parties that send
    people to a meeting naming no partner attend another's talks -- they do not meet each other."""
    noun = m.trigger
    if not m.pattern.code.startswith(_C.visit) or noun.dep_ != "pobj" or noun.head.lower_ != "to" or \
            grammar.prep_objects(noun, ("with", "between")):
        return False
    verb = noun.head.head
    if verb.lemma_.lower() not in _W.dispatching_verbs or verb.pos_ not in grammar.VERB_POS:
        return False
    senders = [c for c in verb.children if c.dep_ == "nsubj"]
    return any(c.conjuncts for c in senders)


def _no_destination(m: Match) -> bool:
    """"Voters went to the polls", "the dispute went to court": a going whose "to" names no
    place one visits is no visit."""
    if not m.pattern.code.startswith(_C.visit):
        return False
    return any(p.lemma_.lower() in _W.non_destinations for p in grammar.prep_objects(m.trigger, ("to",)))


def _in_a_third_party_role(verb: Token) -> bool:
    """Does ``verb`` say, with "as", that its subject acts as a third party (``third_party_roles``:
    "signed the agreement as guarantors", "attended the talks as observers")?"""
    return any(p.lemma_.lower() in _W.third_party_roles for p in grammar.prep_objects(verb, ("as",)))


def _readied(verb: Token) -> bool:
    """Is ``verb`` what its subject is ready for ("Russia is prepared to retaliate", "ready to take
    further measures against Moscow"): foretold, as "will retaliate" is?"""
    return verb.dep_ == "xcomp" and verb.head.dep_ == "acomp" and \
        verb.head.lemma_.lower() in modality_rules().intent_adjectives


def _ready_to_hit_back(m: Match) -> bool:
    """"ready to respond", "prepared to take further measures", "if Europe wants to fight, we are
    ready": a readiness to act against someone is no offer of cooperation (what the bare "be ready"
    pattern codes)."""
    if not m.pattern.code.startswith(_C.intent):
        return False
    ready = next((t for t in m.tokens if t.lemma_.lower() in modality_rules().intent_adjectives), None)
    if ready is None:
        return False
    for c in ready.children:
        if c.dep_ != "xcomp":
            continue
        lemma = c.lemma_.lower()
        if lemma in _W.hostile_readiness_verbs:
            return True
        if lemma in _W.light_verbs and any(o.dep_ == "dobj" and o.lemma_.lower() in _W.hostile_readiness_objects
                                           for o in c.children):
            return True
    # "If Europe wants to fight, we are ready": readiness for what its condition names
    clause = ready.head if ready.dep_ == "acomp" else ready
    condition = grammar.condition_clause(clause)
    return condition is not None and any(t.lemma_.lower() in _W.hostile_readiness_verbs or
                                         t.lemma_.lower() in _W.war_nouns for t in condition.subtree)


def _striving(m: Match) -> bool:
    """"Oil companies are fighting to keep their licences", "farmers battle to save their land":
    a verb of fighting with an infinitive of what one strives for, done by no armed party (the
    subject is no force noun and names no armed agent), is a struggle, not violence ("troops
    fought to hold the town" still is)."""
    verb = m.trigger
    if verb.lemma_.lower() not in _W.striving_verbs or len(m.pattern.words) != 1 or \
            not any(c.dep_ == "xcomp" and grammar.infinitival(c) for c in verb.children):
        return False
    subj = grammar.subject(verb)
    if subj is None:
        return False
    mentions = verb.doc._.mention_at or {}
    armed = subj.lemma_.lower() in _W.force_nouns or any(
        (mm := mentions.get(t.i)) is not None and mm.kind == "agent" and mm.value in _W.armed_sectors
        for t in subj.subtree)
    return not armed


def _leaves_casualties(verb: Token) -> bool:
    """Is ``verb`` "leave" with people left dead or wounded ("the bombing left 11 people dead", "the
    attack left two soldiers wounded")?  Its subject is whatever did it: a natural cause ("the
    earthquake left 11 people dead") is dropped afterwards, as for "killed" (``_natural_cause``)."""
    if verb.lemma_.lower() not in _W.casualty_leaving_verbs or \
            not any(c.dep_ == "nsubj" for c in verb.children) or \
            not any(c.dep_ == "dobj" for c in verb.children):
        return False
    return any(c.dep_ in ("oprd", "ccomp", "xcomp", "acomp", "advcl") and c.lemma_.lower() in _W.casualty_states
               for c in verb.children)


def _natural_cause(m: Match) -> bool:
    """"An earthquake killed 300 people", "five were injured in the floods": harm no one did."""
    if not m.pattern.code.startswith(_C.violence):
        return False
    verb = m.trigger
    if any(c.dep_ == "nsubj" and c.lemma_.lower() in _W.natural_causes for c in verb.children):
        return True
    if any(c.dep_ == "nsubj" for c in verb.children):
        return False  # someone did it, whatever the weather ("troops killed five in the storm")
    if any(c.dep_ == "advcl" and c.lemma_.lower() in _W.accident_verbs and
           any(m.dep_ in ("advmod", "mark") and m.lower_ == "when" for m in c.children) for c in verb.children):
        return True   # "the minister was injured when his car crashed": an accident
    return any(c.dep_ in ("agent", "prep") and c.lower_ in _W.cause_prepositions and
               any(p.dep_ == "pobj" and p.lemma_.lower() in _W.natural_causes for p in c.children)
               for c in verb.children)


def _modal_noun_verb(noun: Token) -> Token | None:
    """The verb whose object is a noun of intent, refusal, demand or appeal ("reiterated its
    call"), or whose "on" phrase is a need ("agreed on the need")."""
    lemma = noun.lemma_.lower()
    if lemma in _MODAL_NOUNS and noun.dep_ == "dobj" and noun.head.pos_ in grammar.VERB_POS:
        return noun.head
    if lemma in _W.need_nouns and noun.dep_ == "pobj" and noun.head.lower_ in _W.need_prepositions and \
            noun.head.head.pos_ in grammar.VERB_POS:
        return noun.head.head
    return None


def _noted(noun: Token) -> bool:
    """Is ``noun`` what a witness "took note of" (``witnessing_nouns``), the "of" hung on the note
    or, as the parser may, on the verb ("took note of the summit")?"""
    if noun.dep_ != "pobj" or noun.head.lower_ != "of":
        return False
    owner = noun.head.head
    if owner.pos_ in grammar.VERB_POS:
        return any(c.dep_ == "dobj" and c.lemma_.lower() in _W.witnessing_nouns.get(owner.lemma_.lower(), ())
                   for c in owner.children)
    return owner.dep_ == "dobj" and owner.lemma_.lower() in _W.witnessing_nouns.get(owner.head.lemma_.lower(), ())


def _pause_over(noun: Token) -> Token | None:
    """The pause, freeze or suspension (``pause_nouns``) an event noun is "on": "a pause on
    intelligence sharing" (or, as the parser may hang the "on" on the verb, "lifted its pause
    [on intelligence sharing]")."""
    if noun.dep_ != "pobj" or noun.head.lower_ != "on":
        return None
    owner = noun.head.head
    if owner.lemma_.lower() in _W.pause_nouns:
        return owner
    if owner.pos_ in grammar.VERB_POS:
        return next((c for c in owner.children if c.dep_ == "dobj" and c.lemma_.lower() in _W.pause_nouns), None)
    return None


def _planned_for(head: Token) -> bool:
    """Is ``head`` -- what a "for" phrase hangs on -- a noun of planning ("the venue for the
    meeting") or a verb whose subject or object is one ("no date had been set for a summit",
    "they set a date for the talks")?"""
    if head.lemma_.lower() in _W.planning_nouns:
        return True
    return head.pos_ in grammar.VERB_POS and any(
        c.dep_ in ("nsubj", "nsubjpass", "dobj") and c.lemma_.lower() in _W.planning_nouns for c in head.children)


def _failed(verb: Token) -> bool:
    """Does ``verb`` say its subject failed: "collapsed", "faltered"; with a particle "broke down",
    "fell apart", "fell through" ("fell into place" is no failure)?"""
    lemma = verb.lemma_.lower()
    if verb.pos_ not in grammar.VERB_POS:
        return False
    if lemma in _W.failure_phrasal_verbs:
        return any(c.dep_ in ("prt", "advmod") and c.lower_ in _W.failure_particles for c in verb.children)
    return lemma in _W.failure_verbs


def _aimed_at(verb: Token) -> bool:
    """Is ``verb`` a verb of reaching a goal in a to-infinitive or gerund that no verb of success
    carries ("aimed at securing", "to reach"; not "managed to secure")?"""
    if verb.lemma_.lower() not in _W.goal_verbs or verb.tag_ not in ("VB", "VBG") or \
            verb.dep_ not in ("pcomp", "xcomp", "acl", "advcl", "relcl"):
        return False
    above = verb.head.head if verb.dep_ == "pcomp" else verb.head
    return above.lemma_.lower() not in _W.success_verbs


def raging_between(noun: Token) -> bool:
    """Is ``noun`` (a conflict noun) the subject of a verb of breaking out or going on that names
    the two sides ("fighting raged between Israeli troops and Hamas", "clashes erupted between
    Armenian and Azerbaijani troops"), a noun naming them itself ("fighting between the army and
    the RSF resumed"), or an attack noun that names its side ("Russian strikes on
    Kharkiv intensified overnight")?  The fighting is theirs, now."""
    verb = noun.head
    if noun.dep_ != "nsubj" or verb.pos_ not in grammar.VERB_POS or verb.lemma_.lower() not in _W.outbreak_verbs:
        return False
    if grammar.prep_objects(verb, _W.between_prepositions):
        return True
    # ... or the noun's own "between" ("fighting between Armenia and Azerbaijan broke out again") --
    # not a war's or occupation's, which goes on ("the war between Russia and Ukraine continued")
    if grammar.prep_objects(noun, _W.between_prepositions) and noun.lemma_.lower() not in _W.durative_conflict_nouns:
        return True
    # ... or attacks that name their side: "Russian strikes on Kharkiv intensified overnight"
    mentions = noun.doc._.mention_at or {}
    return noun.lemma_.lower() in _W.attack_nouns and any(
        c.dep_ == "poss" or c.dep_ in ("amod", "compound") and (m := mentions.get(c.i)) is not None
        and m.kind in ("country", "demonym", "capital") for c in noun.children)


# the files of patterns the coder's rules make (not the lexicon's verbs)
_RULE_MADE = ("words.yaml", "modality.yaml")


def _consequence(m: Match) -> bool:
    """Is ``m`` a bare verb of ``resulting_participles`` as a participle clause with no subject of its
    own -- "intercepted dozens of drones, forcing airports to suspend flights" -- what the main
    clause's event brought about, not an act of its subject?"""
    verb = m.trigger
    return len(m.pattern.words) == 1 and verb.tag_ == "VBG" and verb.dep_ in ("advcl", "conj", "xcomp") and \
        verb.lemma_.lower() in _W.resulting_participles and \
        not any(c.dep_ in ("nsubj", "nsubjpass", "aux", "mark") for c in verb.children)


def _participle_as_adjective(m: Match) -> bool:
    """Is ``m``'s verb an "-ing" form of ``adjectival_participles`` with no subject, auxiliary or
    mark of its own, whose object is a bare plural -- "pressing international issues" read as
    pressing them?  A modifier, no act."""
    verb = m.trigger
    if verb.tag_ != "VBG" or verb.lemma_.lower() not in _W.adjectival_participles or \
            any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "mark") for c in verb.children):
        return False
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    return obj is not None and obj.tag_ == "NNS" and obj.i > verb.i and \
        not any(c.dep_ in ("det", "poss", "nummod") for c in obj.children)


def _passive_of_its_noun(m: Match, noun_at: set[int]) -> bool:
    """Is ``m`` a verb pattern of meeting in the passive, with no agent, whose noun (itself an
    event noun) is the verb's subject ("the talks were held", "talks with Erdogan were held in
    Ankara")?  (Other acts in the passive keep their verb: tried, an agreement signed by no one
    named coded one event too many on a blind half.)"""
    verb = m.trigger
    if m.pattern.kind != "verb" or not m.pattern.code.startswith(_C.visit) or \
            not any(c.dep_ == "auxpass" for c in verb.children) or \
            any(c.dep_ == "agent" for c in verb.children):
        return False
    return any(t.dep_ == "nsubjpass" and t.head.i == verb.i and t.i in noun_at for t in m.tokens[1:])


def _noun_anchor(m: Match, verb_by_i: dict[int, Match], noun_at: set[int]) -> Token | None:
    """The token whose clause carries an event noun's subject and modality, or None when the
    noun is no event of its own here."""
    trigger = m.trigger
    if m.pattern.speaker_praises:
        return trigger    # "called the release a goodwill gesture by Moscow": a judgement, its own anchor
    trigger = grammar.standing_noun(trigger)    # "wants a ceasefire agreement": placed as the agreement is
    if trigger.lemma_.lower() in _MODAL_NOUNS and _predicate_of_be(trigger):
        return None  # "sanctions relief is one of Tehran's main demands": what the demand is, told
    if trigger.dep_ in ("pobj", "dobj") and trigger.head.lower_ in _W.pending_prepositions:
        return None  # "accepted, pending Russia's agreement": waited for, not done
    if trigger.dep_ == "pobj" and trigger.head.dep_ == "prep" and trigger.head.head.lemma_.lower() in _W.pointing_nouns:
        return None  # "in a clear reference to Washington's latest ultimatum": pointed at, not told
    if trigger.dep_ == "pobj" and trigger.head.lower_ in _W.grounding_prepositions and \
            trigger.head.head.lemma_.lower() in _W.grounding_verbs and trigger.head.head.pos_ in grammar.VERB_POS:
        return None  # "builds on the trade deal reached in July", "based on the agreement": its ground
    if trigger.dep_ == "pobj" and trigger.head.lower_ in _W.approach_prepositions and \
            trigger.head.head.lemma_.lower() in _W.approach_verbs and trigger.head.head.tag_ == "VBG":
        return None  # "heading into the meeting with Putin": ahead, not held ("headed into
        # talks" went into them)
    if trigger.dep_ == "pobj" and trigger.head.lower_ == "for" and _planned_for(trigger.head.head):
        return None  # "no date had been set for a summit", "preparations for the talks": planned, not held
    if _noted(trigger):
        return None  # "took note of the summit": someone else's summit, noted
    # (or the object of a gerund there: "the possibility of holding a summit")
    held = trigger.head if trigger.dep_ == "dobj" and trigger.head.tag_ == "VBG" and trigger.head.dep_ == "pcomp" \
        else trigger
    if held.dep_ in ("pobj", "pcomp") and held.head.lower_ == "of" and held.head.head.lemma_.lower() in _W.prospect_nouns:
        return None  # "the preparation of a summit", "the possibility of talks": not held
    if any(c.dep_ == "amod" and c.lemma_.lower() in _W.hypothetical_adjectives for c in trigger.children):
        return None  # "a possible summit", "a potential meeting between Putin and Zelensky": supposed
    if any(c.dep_ == "det" and c.lower_ in _MR.hypothetical_determiners for c in trigger.children):
        return None  # "We will respond to any threat", "any attack on a member": none in particular
    pause = _pause_over(trigger)
    if pause is not None:
        if pause.dep_ == "dobj" and pause.head.lemma_.lower() in _W.lifting_verbs:
            return pause.head  # "lifted its pause on intelligence sharing with Kyiv": resumed
        return None  # "imposed a pause on intelligence sharing": stopped, not done
    if _predicate_of_be(trigger) and any(c.dep_ == "nsubj" and c.lower_ in _W.anaphoric_subjects
                                         for c in trigger.head.children):
        return None  # "It was a very productive meeting": the meeting told before, judged
    prep = trigger.head
    if trigger.dep_ == "pobj" and prep.lower_ in _W.content_prepositions and (
            prep.head.i in noun_at or prep.head.lemma_ == "be" and prep.i > 0 and prep.doc[prep.i - 1].i in noun_at):
        return None  # "a suspension of military cooperation", "a probe into a 2014 shooting": the
        # other event noun's content (also when the parser hung "into" on a copula: "was part of
        # a probe into a shooting")
    head = trigger.head
    anchor = trigger
    # "During a phone call with Putin, Erdogan offered ...": a consultation told as when another
    # act was done was held, by the one doing the act (whatever the act, the call is no content of it)
    # (with the partner named: "during a visit to Kampala" tells where the act was done)
    occasion = trigger.dep_ == "pobj" and head.lower_ in _W.occasion_prepositions and \
        m.pattern.code.startswith(_C.visit) and bool(grammar.prep_objects(trigger, ("with",)))
    if m.pattern.code.startswith(_C.protest) and trigger.dep_ in ("dobj", "nsubjpass") and \
            head.lemma_.lower() in _W.countering_verbs:
        return None  # "police removed the barricades", "riot police guarding barricades": acted on, not raised
    if trigger.dep_ in ("dobj", "attr", "nsubjpass", "pobj", "oprd") and head.pos_ in grammar.VERB_POS:
        head_lemma = head.lemma_.lower()
        if head.i in verb_by_i and (trigger.dep_ == "dobj" or trigger.dep_ == "nsubjpass" and
                                    verb_by_i[head.i].pattern.source_file not in _RULE_MADE and
                                    not verb_by_i[head.i].pattern.code.startswith(_C.reaction_to_act)) and not (
                verb_by_i[head.i].pattern.code.startswith(_C.statement)
                and len(verb_by_i[head.i].pattern.words) == 1 and head_lemma in _W.light_verbs) and not (
                len(verb_by_i[head.i].pattern.words) == 1 and head_lemma in _MR.command_verbs):
            return None  # the verb's own pattern covers it ("rejected the proposal", "the talks
            # were hosted by Turkey" -- not a rule's: "the discussion must be undertaken in good
            # faith", a demand made of it; nor a reaction's: "the expulsion of two diplomats by
            # Belarus was condemned by Warsaw" was done); a bare statement verb does not
            # ("announced a suspension of air links"), nor a bare order ("ordered the deployment
            # of troops": the deployment, governed by the order)
        if trigger.dep_ == "dobj" and grammar.evaluates(head, trigger):
            return None  # "called last week's talks useful": a judgement of talks held before
        if trigger.dep_ == "oprd" and head_lemma in _W.evaluation_verbs:
            return None  # "called the attack an attack on the community": the judgement's word
        if trigger.dep_ == "attr" and head_lemma == "be" and \
                any(c.dep_ == "nsubj" and c.pos_ == "NOUN" for c in head.children) and \
                any(a.dep_ == "amod" and (a.tag_ == "JJS" or any(m.lower_ in ("most", "least") for m in a.children))
                    for a in trigger.children):
            return None  # "the drone flights over Copenhagen airport were the most serious attack":
            # what a thing is ranked as, no act of its own (and none of whoever says so); "the
            # first step was a prisoner exchange" still tells the exchange
        if trigger.dep_ == "dobj" and head_lemma in _W.witnessing_verbs:
            return None  # "journalists covering the protests": witnessed, not staged by them
        if head_lemma in _W.light_verbs or trigger.dep_ in ("dobj", "attr"):
            anchor = head
        allowed = _W.verbs_that_make_event_nouns.get(m.pattern.code[:2])
        if allowed is not None and anchor.i == head.i and head_lemma not in allowed:
            return None  # "hold the treaty in abeyance" is no agreement
    elif trigger.dep_ == "pobj" and head.lower_ in _W.journey_prepositions and head.head.lemma_ == "be" and \
            trigger.lemma_.lower() in _W.journey_nouns and m.pattern.code.startswith(_C.visit):
        anchor = head.head  # "the Chinese foreign minister is on a three-day visit to Pakistan"
    elif trigger.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ in grammar.VERB_POS and (
            head.lower_ in _W.event_noun_prepositions or occasion):
        anchor = head.head  # "called for talks", "took part in talks"
        if anchor.i in verb_by_i and not occasion and not (
                head.lower_ == "in" and verb_by_i[anchor.i].pattern.code.startswith(_C.statement)
                and m.pattern.code.startswith(_C.visit)):
            return None   # (but "in a phone call with Macron, Sisi stressed ...": the call was held)
    elif trigger.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in _W.governed_noun_prepositions and \
            head.head.pos_ == "NOUN" and _modal_noun_verb(head.head) is not None:
        anchor = _modal_noun_verb(head.head)  # "reiterated its call for a ceasefire", "agreed on the need
        # for dialogue": the verb of the call or the need carries it
        if anchor.i in verb_by_i and not verb_by_i[anchor.i].pattern.code.startswith(_C.statement):
            return None  # "rejected the call for talks": the verb's own event
    elif trigger.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN" and \
            head.head.dep_ == "dobj" and head.head.head.pos_ in grammar.VERB_POS and \
            head.head.head.lemma_.lower() in _W.light_verbs:
        if head.head.lemma_.lower() in _W.marked_people_nouns:
            return None  # "handed over prisoners of war", "received veterans of the war": people, no war
        anchor = head.head.head  # "began two days of drills", "launched a wave of strikes"
    if trigger.dep_ == "pobj" and head.lower_ in ("for", "of") and head.head.lemma_.lower() in _W.desideratum_nouns \
            and anchor.i == trigger.i:
        return None  # "emphasized the need for a ceasefire", "stressed the importance of dialogue":
        # wanted, not had
    if trigger.dep_ == "nsubj" and head.pos_ in grammar.VERB_POS and head.lemma_.lower() in _W.consequence_verbs \
            and head.i not in verb_by_i:
        return None  # "Russia's full-scale invasion has caused immense suffering": what it led to, not news of it
    if any(c.dep_ == "det" and c.lower_ == "no" for c in trigger.children):
        return None
    if trigger.dep_ == "pobj" and head.lower_ in _W.privative_prepositions:
        return None  # "the talks ended without a ceasefire": not had
    if trigger.dep_ in ("nsubj", "nsubjpass") and _failed(head) and not m.pattern.code.startswith(_C.visit):
        return None  # "the ceasefire collapsed within hours", "the deal fell through": not had (talks
        # that broke down were still held)
    if trigger.dep_ == "dobj" and _aimed_at(head):
        return None  # "a mission aimed at securing a ceasefire": an aim, not had
    if any(c.dep_ in ("det", "amod", "predet") and c.lower_ in _W.anaphoric_determiners for c in trigger.children):
        return None  # "who attended those talks in Anchorage": an event told before, named again

    conflict = m.pattern.code.startswith(_C.material_conflict)
    if conflict and raging_between(trigger):
        return head  # "fighting raged between the army and the RSF", "clashes erupted between ..."
    if conflict and anchor.i != trigger.i and anchor.lemma_.lower() not in _W.light_verbs \
            and anchor.lemma_.lower() not in _W.conflict_participation_verbs:
        return None  # "spending in this war": a conflict noun only codes with its own verb
    if conflict and anchor.i == trigger.i and not any(
            c.dep_ == "poss" or c.dep_ == "prep" and c.lower_ == "by" for c in trigger.children) \
            and not grammar.misplaced_by_agents(trigger):
        return None  # "this war", "the killing must stop": a conflict noun alone is no event
    return anchor


@Language.factory("event_triggers", default_config={"lexicon_files": []})
def make_event_triggers(nlp: Language, name: str, lexicon_files: list[str]) -> EventTriggers:
    """``nlp.add_pipe("event_triggers")`` after the parser; ``lexicon_files``: pattern files of
    your own, added to the packaged lexicon."""
    return EventTriggers(Lexicon.load(extra=lexicon_files) if lexicon_files else default_lexicon())
