"""The ``event_modality`` component: what the grammar around a trigger does to its event.

As the CAMEO manual does, and as ``data/lexicon/modality.yaml`` lays out: a governing verb or
noun gives its meaning to the event it governs ("agreed to meet" is an intent, "refused to
release" a rejection, "urged X to withdraw" an appeal, "cancelled a planned visit" a reduction
of relations); negation turns cooperation into rejection and removes conflict; the future turns
cooperation into intent; possibility and conditions remove the event, except that a hostile act
held out on a condition is a threat; "X said Y must ..." is X's demand of Y.  Events inside
another event's complement ("accused X of attacking") are that event's content, and an act done
"to protest" is the protest.  The result is ``sent._.event_triggers``: :class:`Trigger` records,
main clause first.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Iterable, Optional

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..ontology import cameo_table
from . import grammar
from .lexicon import Match, Pattern
from .tables import codes, map_code, modality_rules, words

if TYPE_CHECKING:  # pragma: no cover
    from .triggers import Candidate

_W = words()
_C = codes()
_M = modality_rules()
# verbs that order or authorize someone to act ("ordered the army to", "authorized the military to")
ORDERING_VERBS = _M.command_verbs | _M.governors["permit"]
# verbs that pass a governing verb through to their complement: "agreed to continue talks",
# "agreed to help rebuild the grid", "proposed using frozen assets to fund a loan"
_PASS_THROUGH_VERBS = _W.aspectual_verbs | _W.helping_verbs | _W.instrument_verbs


# "NATO membership for Ukraine is unacceptable to us", "Russia's strikes are a flagrant violation
# of international law": a judgement of a party in a statement's own voice -- its speaker's, when
# the story has one (the resolver drops it otherwise, as an unvoiced demand).  Matched by the
# triggers component (words.yaml judgements); marked unvoiced here.
STATED_PRAISE = Pattern(code=_C.praise, words=(frozenset({"be"}),), kind="verb", text="X is good",
                        source_file="words.yaml")
STATED_CRITICISM = Pattern(code=_C.criticism, words=(frozenset({"be"}),), kind="verb", text="X is bad",
                           source_file="words.yaml")


@dataclass
class Trigger:
    """One event the sentence may hold: its lexicon match, its code after modality, and what
    the later components find about it (``roles``, ``circumstances``)."""

    match: Match
    code: str
    anchor: Token                   # token whose clause carries subject/modality (verb or light verb)
    governor: Optional[Token] = None
    governor_kind: Optional[str] = None
    negated: bool = False
    deontic: bool = False            # "X said Y must ...": X demands of Y
    unvoiced: bool = False           # "Y must ..." said by no one in the sentence: the story's speaker's demand, if any
    absorbed: Optional[Token] = None  # an intent word this event took over ("must be ready to")
    # who says the doer could do it ("Serbia's president said the government could ban the party"):
    # a threat when the doer is the speaker's own side, else a forecast and no event (roles decide)
    possible_by: Optional[Token] = None
    rule_notes: list[str] = field(default_factory=list)
    roles: Any = None                # detente.coding.roles.RoleSlots
    circumstances: Any = None        # detente.coding.circumstances.Circumstances
    issues: list[str] = field(default_factory=list)   # detente.coding.issues: what it is about

    @property
    def clause(self) -> Token:
        """The clause whose subject is the event's source: the governor's, else the anchor's."""
        return self.governor if self.governor is not None else self.anchor

    @property
    def rule(self) -> str:
        """The lexicon pattern and the modality rules that changed its code."""
        rule = self.match.pattern.rule_id
        if self.rule_notes:
            rule += " +" + "+".join(self.rule_notes)
        return rule


if not Span.has_extension("event_triggers"):
    Span.set_extension("event_triggers", default=None)


class EventModality:
    """Sets ``sent._.event_triggers`` from ``sent._.event_matches`` (the ``event_triggers``
    component must run first)."""

    def __init__(self) -> None:
        self.codes = cameo_table()

    def __call__(self, doc: Doc) -> Doc:
        for sent in doc.sents:
            matches = sent._.event_matches
            sent._.event_triggers = self.sentence_triggers(matches.candidates, matches.verbs)
        return doc

    def sentence_triggers(self, candidates: list["Candidate"], verb_by_i: dict[int, Match]) -> list[Trigger]:
        # event verbs that are not bare statements govern nothing: their complements are content
        trigger_verbs = frozenset(i for i, vm in verb_by_i.items() if not vm.pattern.code.startswith(_C.statement))
        if candidates and grammar.is_question(candidates[0].anchor.sent) and \
                not grammar.presupposing_question(candidates[0].anchor.sent):
            return []  # a question reports no event: "Did Trump discuss sanctions with Putin?"
        triggers = []
        for c in candidates:
            m = c.match
            counted = _counted_as(m.trigger)
            if m.pattern.kind == "noun" and c.anchor.i == m.trigger.i and counted.dep_ in ("nsubj", "nsubjpass") \
                    and (not clause_is_factual(counted.head) or grammar.predicative(counted.head)
                         and not grammar.record_predicate(counted.head) or grammar.stative_present(counted.head)
                         or grammar.unrealized_predicate(counted.head)
                         or counted.lemma_.lower() in _W.durative_conflict_nouns and (
                             grammar.undated_perfect(counted.head) or counted.head.lemma_ == "be")):
                continue  # "a summit would only happen once ...", "talks may resume", "the
                # agreement is an indication of what is possible", "cooperation holds tremendous
                # potential", "a deal between Russia and Ukraine remains distant" (not happened),
                # "the Kremlin's war has drained the budget", "Russia's war in Ukraine is now in its
                # fourth year" (a war going on or described, no act)
            if m.pattern.kind == "noun" and c.anchor.i == m.trigger.i and counted.dep_ == "nsubj" \
                    and grammar.has_aux(counted.head, ("would",), deps=("aux",)) \
                    and counted.head.lemma_.lower() not in _W.occurrence_verbs:
                continue  # "a deal between Moscow and Washington would reshape European security":
                # what an event would do is talk about it, not news of it
            if c.anchor.dep_ == "pcomp" and c.anchor.head.lower_ in _W.privative_prepositions:
                continue  # "left the White House without signing the minerals deal": not done
            if m.pattern.kind == "noun" and _content_of_a_text(m.trigger, c.anchor):
                continue  # "Moscow's conditions include the withdrawal of Ukrainian forces": what
                # a demand or a plan holds is what it asks for, not an act
            # (a gerund conjoined to one is a subject too: "arming and supporting rebels is a crime")
            gerund = c.anchor.head if c.anchor.dep_ == "conj" and c.anchor.head.dep_ == "csubj" else c.anchor
            if m.pattern.kind == "verb" and c.anchor.i == m.trigger.i and gerund.dep_ == "csubj" \
                    and c.anchor.tag_ == "VBG" and (grammar.predicative(gerund.head) or grammar.has_aux(
                        gerund.head, _M.future_aux | _M.possible_aux | _M.deontic_aux, deps=("aux",))):
                continue  # "lifting sanctions now would reward aggression", "sending troops would be a
                # mistake": an act as the subject of what it would do or what it is -- talk about it
            trig = self.modalize(m, c.anchor, trigger_verbs)
            if trig is not None:
                triggers.append(trig)
                if m.pattern.also_code is not None and trig.code == m.pattern.code:
                    # "sentenced him to five years in prison": a conviction (116) that is also an
                    # arrest (173), as the PLOVER manual codes it -- only when done as told
                    triggers.append(replace(trig, code=m.pattern.also_code,
                                            rule_notes=[*trig.rule_notes, f"also:{m.pattern.also_code}"]))
        kept = _protest_topics_dropped(_content_of_others(_governed_events_merged(triggers)))
        # main clause first (a verb, or a noun with its light verb), verbs before nouns at the same
        # depth; stable for determinism
        kept.sort(key=lambda t: (grammar.depth(t.anchor), t.match.pattern.kind != "verb", t.match.trigger.i))
        return kept

    def modalize(self, m: Match, anchor: Token, trigger_verbs: frozenset[int]) -> Optional[Trigger]:
        """The trigger of match ``m`` anchored at ``anchor`` with its code after the governor,
        negation, future, possibility and conditions -- or None when no event remains.
        ``trigger_verbs``: the sentence's event verbs (governors of nothing)."""
        code = m.pattern.code
        trig = Trigger(match=m, code=code, anchor=anchor)
        if m.pattern.speaker_threatens:
            return _foretold(trig, anchor)
        if m.pattern.speaker_praises:
            # "a show of good faith from the Russians": the judgement of whoever says it (the
            # resolver finds who); not when the judging clause is denied or a question
            top = grammar.judging_verb(anchor) or anchor
            if grammar.negated(top) or grammar.inverted_question(top) or grammar.has_mark(top, _M.condition_marks):
                return None
            trig.rule_notes.append("praise:speaker")
            return trig
        if m.pattern is STATED_PRAISE or m.pattern is STATED_CRITICISM:
            if grammar.has_mark(anchor, _M.condition_marks) or grammar.inverted_question(anchor) or \
                    grammar.has_aux(anchor, _M.possible_aux | _M.future_aux) or anchor.sent.text.rstrip().endswith("?"):
                return None   # "would be a mistake", "is it acceptable?": no judgement made
            trig.unvoiced = trig.deontic = True
            trig.rule_notes.append("judgement:unvoiced")
            return trig
        # condition and possibility kill the event outright, and so does a question
        if grammar.has_mark(anchor, _M.condition_marks) or grammar.inverted_question(anchor) or \
                grammar.alternative_clause(anchor) or grammar.standing_position(anchor) or grammar.denied(anchor) \
                or grammar.question_infinitive(anchor) or grammar.habitual(anchor) or grammar.told_as_past(anchor) \
                or grammar.policy_rule(anchor) \
                or grammar.generic_opinion(anchor) or grammar.running_toll(anchor) or grammar.conflict_onset(anchor) \
                or grammar.extraposed_infinitive(anchor) or (anchor.i == m.trigger.i and grammar.asks_a_question(anchor)) \
                or grammar.in_indirect_question(anchor) or (
                    anchor.dep_ == "nsubj" and anchor.pos_ in grammar.NOUN_POS and grammar.standing_position(anchor.head)) \
                or _said_for_years(anchor):
            # (an event noun told by what it has done for years: "since 2022, Russia's invasion has
            # killed 12,000 civilians" is a tally, no invasion of the story's day)
            return None
        possible = grammar.has_aux(anchor, _M.possible_aux)
        future_or_possible = possible or grammar.has_aux(anchor, _M.future_aux)
        # ("could ... if" said by no one is the writer's conjecture, not anyone's threat: "if talks
        # fail, Washington could impose more sanctions")
        if future_or_possible and code.startswith(_C.hostile) and grammar.condition_clause(anchor) is not None \
                and not grammar.negated(anchor) and not (possible and not _voiced(anchor)):
            # "may halt mediation if ...", "will boycott the elections unless ...": a hostile act
            # held out on a condition is a threat (CAMEO 13)
            new = map_code(code, _M.maps["threaten"])
            if new is not None and new in self.codes:
                trig.code = new
                trig.rule_notes.append("conditional")
                return trig
        if possible and code.startswith(_C.hostile) and not grammar.negated(anchor) and _own_possibility(anchor):
            # "Bangladesh said it could break off ties with India", "we could cut off aid, the
            # minister said": a hostile act its own doer says it may do is held out -- a threat
            # (whoever else says it could happen forecasts it: "analysts said Russia could invade")
            new = map_code(code, _M.maps["threaten"])
            if new is not None and new in self.codes:
                trig.code = new
                trig.rule_notes.append("possible")
                return trig
        speaker = _possibility_voiced_by(anchor) if possible and code.startswith(_C.hostile) and \
            not grammar.negated(anchor) else None
        if speaker is not None:
            # "Trump said the United States might impose more tariffs": held out by its own side
            # if the speaker is of the doer's side (the resolver checks), else a forecast
            new = map_code(code, _M.maps["threaten"])
            if new is not None and new in self.codes:
                trig.code, trig.possible_by = new, speaker
                trig.rule_notes.append("possible")
                return trig
        if grammar.has_aux(anchor, _M.possible_aux) or _possible_above(anchor) or \
                grammar.shares_aux(anchor, _M.possible_aux):
            return None   # (and "could resume flights and work together": the conjunct shares "could")
        if anchor.tag_ == "VBG" and grammar.has_aux(anchor, _W.hypothetical_progressive_aux, deps=("aux",)) and \
                grammar.has_aux(anchor, ("be",), deps=("aux",)) and not grammar.is_speech_complement(anchor):
            return None   # "Rather, we would be recognizing Russia's refusal": what would be, no one's plan
        if m.pattern.denied_only and anchor.i == m.trigger.i and grammar.refused(anchor):
            trig.absorbed = anchor.head     # "refused to rule out new strikes": the refusal is the denial
            trig.rule_notes.append("held open")
            return trig
        gov, gov_kind = self._governor_of(trig, m, anchor, trigger_verbs)
        if gov_kind == "judged_due":
            trig.rule_notes.append("judged due")
            return trig
        raiser = _raised_prospect(anchor)
        if raiser is not None and code.startswith(_C.hostile) and not trig.match.pattern.code.startswith(_C.threaten):
            if grammar.rules_out(raiser):
                # "did not rule out the possibility of new sanctions": held open, as "did not rule
                # out new sanctions" is -- the denial is the threat's, one event with it
                new = map_code(code, _M.maps["threaten"])
                if new is None or new not in self.codes:
                    return None
                trig.code, trig.governor, trig.governor_kind = new, raiser, "threaten"
                trig.absorbed = raiser.head if grammar.refused(raiser) else raiser
                trig.rule_notes.append("held open")
                return trig
            gov, gov_kind = raiser, "threaten"   # "raised the possibility of suspending talks with India"
        if gov_kind == "reject" and grammar.rules_out(gov) and grammar.refused(gov):
            return None   # "declined to rule out sending Tomahawks": held open, as "did not rule out" is
        if gov_kind in ("demand", "permit") and not trig.deontic and commands_own(gov):
            gov_kind = "command"   # "Putin ordered the army to withdraw": Russia withdraws ("Trump
            # authorized the military to conduct strikes": the United States strikes)
            if gov.dep_ == "xcomp" and gov.head.pos_ in grammar.VERB_POS and \
                    gov.head.lemma_.lower() in _M.governors["intent"]:
                # ... unless the order is itself only agreed or promised: "the two presidents
                # agreed to instruct their teams to continue contacts" -- contacts intended
                gov, gov_kind = gov.head, "intent"
        elif gov_kind == "demand" and not trig.deontic and code.startswith(_C.ordered_coercion) and \
                gov.pos_ in grammar.VERB_POS and gov.lemma_.lower() in _M.command_verbs:
            # "ordered the newspaper to suspend publication": the suspension, of the one ordered
            gov_kind = "enforce"
        if gov is not None and gov_kind == "appeal" and gov.lemma_ == "be":
            # "it is time for Russia to agree": the call of whoever says so ("Lavrov said it was
            # time for Washington to lift the sanctions"), else of the story's speaker
            if grammar.is_speech_complement(gov):
                gov = gov.head
            else:
                trig.unvoiced = True
        unvoiced = None
        if gov is None:
            # "Sudan must reach an agreement", "Russia needs to withdraw", said by no one in the sentence
            unvoiced = anchor if grammar.has_aux(anchor, _M.deontic_aux) else obliging_verb(anchor)
        elif gov is not None and trig.absorbed is None and gov_kind == "intent" and \
                grammar.has_aux(gov, _M.deontic_aux, deps=("aux",)):
            unvoiced = gov       # "the leaders must agree to meet": no one's intent
        if unvoiced is not None:
            # a demand only when the story has a speaker (a statement's author, a transcript's
            # label): the assembler drops it otherwise, as before; never a passive ("it will have
            # to be agreed": no one is asked) or a negated, conditional or background clause
            if unvoiced.dep_ != "ROOT" or grammar.negated(unvoiced) or \
                    grammar.has_mark(unvoiced, _M.condition_marks) or grammar.background_clause(unvoiced) or \
                    not any(c.dep_ == "nsubj" for c in unvoiced.children) or \
                    any(c.dep_ in ("nsubjpass", "auxpass") for c in anchor.children):
                return None
            new = map_code(code, _M.maps["demand"])
            if new is None or new not in self.codes:
                return None
            trig.code, trig.deontic, trig.unvoiced = new, True, True
            if unvoiced is not anchor:
                trig.absorbed = unvoiced
            trig.rule_notes.append("demand:unvoiced")
            return trig
        if gov is not None:
            if grammar.has_mark(gov, _M.condition_marks) or grammar.has_aux(gov, _M.possible_aux, deps=("aux",)):
                return None
            if gov_kind == "none" and gov.lemma_.lower() in _M.litotes_verbs and grammar.negated(gov) and \
                    gov.pos_ in grammar.VERB_POS and not grammar.background_clause(gov):
                # "would not hesitate to impose further sanctions": will impose them (a threat for a
                # hostile act, an intent for cooperation); "did not hesitate to strike": struck
                if grammar.is_future(gov, _M.future_aux) and _future_is_intent(code):
                    new = map_code(code, _M.maps["intent"])
                    if new is None or new not in self.codes:
                        return None
                    trig.code = new
                trig.rule_notes.append("litotes")
                return trig
            if gov_kind == "none" or grammar.background_clause(gov) or _alleged(gov):
                return None   # a hope; "before the government ordered the ministry to investigate"
            if _denied_noun_between(m.trigger, gov):
                return None   # "there was no plan to meet them": nothing intended, nothing refused
            if gov_kind == "appeal" and gov.lemma_.lower() in _M.expectation_verbs and code.startswith(_C.hostile):
                return None   # "Ukraine expects Russia to launch a new offensive": a forecast
            new = map_code(code, _M.maps[gov_kind]) if gov_kind in _M.maps else code
            if gov_kind == "appeal" and gov.lemma_.lower() in _M.invitation_verbs and code.startswith(_C.visit):
                new = map_code(code, _M.maps["intent"])     # "invited Putin to visit Washington"
            if new is None:
                return None
            if gov_kind == "intent" and gov.lemma_.lower() == "prepare" and gov.pos_ == "VERB" and \
                    gov.tag_ in ("VBD", "VBZ", "VBP") and code.startswith(_C.violence):
                new = _C.military_buildup  # "the army prepared to resume shelling": a build-up
            trig.code, trig.governor, trig.governor_kind = new, gov, gov_kind
            trig.rule_notes.append(f"{gov_kind}:{gov.lemma_.lower()}")
        clause = trig.clause
        if _believed(clause):
            return None   # "analysts believe Trump is eager to strike a deal": an opinion
        # negation of the clause that carries the event -- or a permission refused: "refused to
        # allow the UN to deliver aid" is the permission denied, one event with the refusal
        refused_permission = trig.governor_kind == "permit" and grammar.refused(trig.governor)
        if refused_permission:
            trig.absorbed = trig.governor.head
        if trig.governor is None and grammar.no_longer(clause):
            # "Iran said it would no longer cooperate with the IAEA": a halt of what was done
            # (cooperation halted cuts relations); a halt of force or coercion is no event here
            new = map_code(trig.code, _M.maps["halt"])
            if new is None or new == trig.code:
                return None
            trig.code, trig.negated = new, True
            trig.rule_notes.append("no longer")
        elif m.pattern.denied_only and anchor.i == m.trigger.i:
            trig.rule_notes.append("held open")   # "did not rule out new sanctions": the denial is the pattern's
        elif grammar.negated(clause) or (clause.i != anchor.i and grammar.negated(anchor)) or any(
                t.dep_ == "acomp" and t.head.i == m.trigger.i and grammar.negated(t) for t in m.tokens[1:]) \
                or refused_permission:
            # (a predicate adjective of the pattern denied on its own: 'he was "not happy" with the
            # attack', the quotation marks hanging the "not" on the adjective)
            if anchor.i != m.trigger.i and anchor.lemma_.lower() in _W.speech_verbs:
                return None  # "the aid had not been announced": nothing said, nothing refused
            if grammar.in_public_manner(clause) or grammar.in_public_manner(anchor):
                return None  # "we're not going to negotiate in public": the manner is denied, not the act
            if trig.governor is None and (grammar.has_aux(clause, _W.perfect_aux, deps=("aux",)) or (
                    trig.code.startswith(_C.visit) and grammar.has_aux(clause, ("did",), deps=("aux",)))):
                return None  # "has not spoken with Lavrov since January", "has not returned the
                # properties", "we didn't discuss sanctions relief": an absence, no refusal (a
                # proposal that "was not accepted" still was refused)
            if m.pattern.negated_code is not None and trig.governor is None:
                # "Trump said he was not happy with Putin": a contentment denied is disapproval
                new = m.pattern.negated_code
            else:
                kind = map_code(trig.code, _M.maps["negated"])
                if kind is None or kind == trig.code:
                    return None
                new = map_code(trig.code, _M.maps["reject"])
                if new is None or new == trig.code:
                    return None
            trig.code, trig.negated = new, True
            trig.rule_notes.append("negated")
        elif trig.governor is None and not _performed(clause) and (grammar.is_future(clause, _M.future_aux) or (
                m.pattern.kind == "noun" and anchor.i == m.trigger.i and _counted_as(anchor).dep_ in ("nsubj", "nsubjpass")
                and grammar.is_future(_counted_as(anchor).head, _M.future_aux))):
            # (an event noun's own verb too: "a summit will take place in Budapest" is announced)
            if _future_is_intent(trig.code):
                new = map_code(trig.code, _M.maps["intent"])
                if new is None:
                    return None
                if new != trig.code:
                    trig.code = new
                    trig.rule_notes.append("future")
        if trig.code == _C.deescalation_appeal and not trig.negated and _own_conflict(m) and \
                not _asked_of_another(trig):
            # "Zelensky called for a ceasefire with Russia", "Ukraine wants an end to the war with
            # Russia": a party to a conflict calling for its end says it will de-escalate (AGREE,
            # as the PLOVER manual codes it); a third party's call stays an appeal, and so does
            # one made of someone ("urged India to agree to a ceasefire with the rebels")
            trig.code = _C.deescalation_intent
            trig.rule_notes.append("party")
        if trig.code not in self.codes:
            return None
        return trig

    @staticmethod
    def _governor_of(trig: Trigger, m: Match, anchor: Token, trigger_verbs: frozenset[int]):
        """The verb or noun that governs the event and its kind; marks reported demands
        ("X said Y must ...") on ``trig``."""
        gov, gov_kind = (None, None)
        noun = grammar.standing_noun(m.trigger)    # "wanted a ceasefire agreement": as the agreement
        if m.pattern.kind == "noun":
            noun = _counted_as(noun)    # "ready for a new round of talks": as the round
        if noun.dep_ == "nsubjpass" and noun.pos_ in grammar.NOUN_POS and \
                _M.governor_of.get(noun.head.lemma_.lower()) == "intent" and \
                any(c.dep_ == "xcomp" for c in noun.head.children):
            # "talks are expected to resume next week", "the summit is scheduled to take place":
            # arranged or foreseen, not held (and a hostile act foreseen -- "Russia's offensive is
            # expected to intensify" -- is no one's threat)
            return noun.head, "intent" if trig.code.startswith(_C.below_threats) else "none"
        if noun.dep_ == "attr" and noun.head.lemma_ == "be" and _aim_said(noun.head):
            return noun.head, "none"   # "the goal is a meeting between the presidents": an aim
        if noun.i != anchor.i and noun.dep_ in ("dobj", "pobj"):
            # "cancelled a planned visit", "reiterated its call for a ceasefire"
            gov, gov_kind = governor(noun, trigger_verbs)
        if gov is None:
            gov, gov_kind = governor(anchor, trigger_verbs)
        if gov is not None and gov_kind == "intent" and grammar.is_speech_complement(gov) and \
                grammar.has_aux(gov, _M.deontic_aux, deps=("aux",)):
            # "Mubarak said the US must be ready to mediate": not the US's offer, Egypt's demand
            trig.absorbed = gov
            gov, gov_kind = gov.head, "demand"
            trig.deontic = True
        if gov is None and grammar.has_aux(anchor, _M.deontic_aux) and grammar.is_speech_complement(anchor) and \
                trig.code.startswith((_C.praise, *_C.disapprove)) and \
                any(c.dep_ == "auxpass" for c in anchor.children) and grammar.by_agent(anchor) is None:
            # "said Turkey should be praised for preventing an escalation", "said the attack must
            # be condemned": the speaker's own judgement, told as what is due -- no demand of anyone
            # (modalize keeps the event as it is)
            return anchor, "judged_due"
        if gov is None and grammar.has_aux(anchor, _M.deontic_aux) and grammar.is_speech_complement(anchor):
            # "Straw said Sudan must reach an agreement": the speaker demands it of the subject
            gov, gov_kind = anchor.head, "demand"
            trig.deontic = True
        obliged = obliging_verb(anchor) if gov is None else None
        if obliged is not None and grammar.is_speech_complement(obliged) and not grammar.negated(obliged):
            # "Rubio said Russia needs to withdraw", "... has to agree": as "must"
            gov, gov_kind = obliged.head, "demand"
            trig.absorbed, trig.deontic = obliged, True
        if gov is not None and gov_kind == "intent" and not trig.code.startswith(_C.below_threats) and \
                any(c.dep_ == "auxpass" for c in gov.children) and \
                not any(c.dep_ == "agent" for c in gov.children):
            # "Russia is expected to launch a new offensive", "refiners are expected to cut
            # purchases": a hostile act foreseen by no one named is a forecast, no one's threat
            # (as "the offensive is expected to intensify" is)
            return gov, "none"
        if gov is not None and gov.dep_ in ("xcomp", "advcl", "acl") and gov.head.lemma_ == "be" and \
                _judged_by_it(gov.head) and any(c.dep_ == "aux" and c.lower_ == "to" for c in gov.children):
            # "it's not our job to tell Ukraine what it should give up": the governing act itself
            # judged, not done
            return gov.head, "none"
        return gov, gov_kind


def _raised_prospect(anchor: Token) -> Optional[Token]:
    """The verb that raises the possibility ``anchor`` is "of" -- "raised the possibility of
    suspending talks", "floated the prospect of cutting off gas", "hinted at the possibility of
    suspending relations", "did not rule out the possibility of new sanctions" -- or None."""
    of = anchor.head
    if anchor.dep_ not in ("pcomp", "pobj") or of.lower_ != "of":
        return None
    noun = of.head
    if noun.lemma_.lower() not in _M.raised_prospect_nouns:
        return None
    verb = noun.head
    if noun.dep_ == "pobj" and verb.lower_ in _M.raising_preposition:
        verb = verb.head                                  # "hinted at the possibility"
        raising = _M.raising_prep_verbs
    elif noun.dep_ == "dobj":
        raising = _M.raising_verbs
    else:
        return None
    if verb.pos_ not in grammar.VERB_POS:
        return None
    if grammar.rules_out(verb):           # held open only when the ruling out is denied
        return verb if grammar.negated(verb) or grammar.refused(verb) else None
    return verb if verb.lemma_.lower() in raising else None


def _denied_noun_between(anchor: Token, gov: Token) -> bool:
    """Is a noun from ``anchor`` up to its governor ``gov`` denied by its determiner ("no plan
    to meet", "no intention of resuming")?"""
    t = anchor
    for _ in range(6):      # (from an event noun: "no plans yet for a Putin-Trump summit")
        if t.pos_ in grammar.NOUN_POS and any(c.dep_ == "det" and c.lower_ in _W.negative_determiners
                                              for c in t.children):
            return True
        if t.i == gov.i or t.head.i == t.i:
            return False
        t = t.head
    return False


def _asked_of_another(trig: Trigger) -> bool:
    """Is ``trig`` asked of someone its governor names as its object ("urged India to ...")
    rather than wanted ("wants a ceasefire")?"""
    if trig.governor is None:
        return False
    obj = grammar.direct_object(trig.governor)
    return obj is not None and obj.i not in {t.i for t in trig.match.tokens}


def _own_conflict(m: Match) -> bool:
    """Does the de-escalation ``m`` names have a "with" partner -- the caller's own conflict
    ("a ceasefire with Russia", "an end to the war with Russia")?"""
    return any(c.dep_ == "prep" and c.lower_ == "with" for t in m.tokens if t.pos_ in grammar.NOUN_POS
               for c in t.children)


def _foretold(trig: Trigger, anchor: Token) -> Optional[Trigger]:
    """"Iran will pay a heavy price, Katz said": whoever foretells the subject's fate threatens
    the subject.  Said of the past, or by no one, it is no threat."""
    speech = grammar.foretold_by(anchor, _M.future_aux, trig.match.pattern.denied_only) or \
        grammar.ultimatum_by(anchor, _M.deontic_aux)
    if speech is None:
        return None
    trig.governor, trig.governor_kind, trig.deontic = speech, "threaten", True
    trig.rule_notes.append(f"threaten:{speech.lemma_.lower()}")
    return trig


def obliging_verb(anchor: Token) -> Optional[Token]:
    """"Russia needs to withdraw", "it will have to be agreed": the verb of obligation (not in
    the past: "had to withdraw" tells what happened) whose infinitive ``anchor`` is."""
    head = anchor.head
    # ("He's got to stop", "Russia has got to end this war": "have got to" is "have to")
    got = head.lemma_.lower() == "get" and head.tag_ == "VBN" and \
        any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in head.children)
    # ... and a deadline one has, said in the past of what is still due ("Trump said Ukraine had
    # until Thanksgiving to accept the plan")
    deadline = head.lemma_.lower() == "have" and grammar.is_speech_complement(head) and \
        any(c.dep_ == "prep" and c.lower_ in _M.deadline_prepositions for c in head.children)
    if (anchor.dep_ == "xcomp" or deadline and anchor.dep_ == "advcl") and \
            (head.lemma_.lower() in _M.deontic_verbs or got) and (head.tag_ != "VBD" or deadline) and \
            any(c.dep_ in ("aux", "auxpass") and c.lower_ == "to" for c in anchor.children):
        return head
    return None


def _possible_above(anchor: Token) -> bool:
    """"the only leader who can get Ukraine and Russia to agree": a possibility on a verb the
    event's clause completes (not a verb of saying)."""
    t = anchor
    for _ in range(3):
        if t.dep_ not in ("xcomp", "ccomp") or t.head.lemma_.lower() in _W.speech_verbs:
            return False
        t = t.head
        if grammar.has_aux(t, _M.possible_aux, deps=("aux",)):
            return True
    return False


def clause_is_factual(verb: Token) -> bool:
    """Does ``verb``'s clause state a fact: no "may"/"must", no condition, no negation?"""
    if grammar.has_aux(verb, _M.blocking_aux):
        return False
    if verb.lemma_ == "be" and any(c.dep_ == "acomp" and c.lemma_.lower() in _M.modal_adjectives for c in verb.children):
        return False  # "a meeting would be possible only after a deal"
    return not (grammar.has_mark(verb, _M.condition_marks, hypothetical_main=True) or grammar.negated(verb))


def _planned_by_be(verb: Token) -> bool:
    """Is ``verb`` a bare "be" whose subject names a party ("Hamas is to release ...", "Israeli
    troops are to withdraw"), not a plan or a purpose ("the goal is to end the war")?"""
    if verb.lemma_ != "be" or any(c.dep_ in ("attr", "acomp", "expl") for c in verb.children):
        return False
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return subj is not None and (subj.pos_ in ("PROPN", "PRON") or any(
        c.dep_ in ("amod", "compound", "poss") and c.ent_type_ in ("NORP", "GPE", "ORG") for c in subj.children))


def _aim_said(verb: Token) -> bool:
    """Is ``verb`` a "be" whose subject is an aim ("the goal", "our priority") or a step to come
    ("the next step") -- its predicate what is aimed at, not done?"""
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is None or subj.pos_ != "NOUN":
        return False
    lemma = subj.lemma_.lower()
    return lemma in _M.aim_nouns or lemma in _M.stage_nouns and any(
        c.dep_ == "amod" and c.lower_ in _M.next_words for c in subj.children)


def _subordinate(noun: Token) -> bool:
    """Is ``noun`` one's own forces or services (``subordinate_nouns``), by its head or, for a
    common noun, its compound ("militia members"; not a titled name: "Prime Minister Prayuth")?"""
    return noun.lemma_.lower() in _M.subordinate_nouns or noun.pos_ == "NOUN" and any(
        c.dep_ == "compound" and c.lemma_.lower() in _M.subordinate_nouns for c in noun.children)


def _judged_by_it(verb: Token) -> bool:
    """Is ``verb`` a "be" with "it" as its subject and a judgement as its predicate -- an
    adjective or a noun ("it is logical", "it was a mistake") -- whose infinitive is judged,
    not told as done?"""
    if verb.dep_ == "ccomp" and verb.head.lemma_.lower() in _M.belief_verbs:
        return False    # "I believe it is prudent to suspend the demonstrations": one's own plan announced
    # (not an "it" that stands for a party ready or willing: "Morocco said it is willing to open
    # dialogue to end the sit-in")
    return any(c.dep_ in ("nsubj", "expl") and c.lower_ == "it" for c in verb.children) and \
        any(c.dep_ in ("acomp", "attr") and c.pos_ in ("ADJ", "NOUN") and c.lemma_.lower() not in _M.intent_adjectives
            for c in verb.children)


def _alleged(gov: Token) -> bool:
    """Is the governing verb ``gov`` itself what someone is accused, suspected or convicted of
    ("people accused of planning riots", "men suspected of plotting to seize power"): the plan is
    an allegation, not news of one?"""
    return gov.dep_ == "pcomp" and gov.head.dep_ == "prep" and \
        _M.governor_of.get(gov.head.head.lemma_.lower()) == "none"


def governor(anchor: Token, trigger_verbs: frozenset = frozenset()) -> tuple[Optional[Token], Optional[str]]:
    """The word that governs the event at ``anchor`` and its kind from ``modality.yaml``:
    "agreed to meet" -> (agreed, "intent"), "its refusal to release" -> (its verb, "reject"),
    "cancelled a planned visit" -> (cancelled, "halt")."""
    gov_of = _M.governor_of
    t = anchor
    if t.dep_ in ("attr", "xcomp") and t.head.lemma_ == "be" and _aim_said(t.head):
        return t.head, "none"   # "the next step was a meeting between the two presidents"
    if t.dep_ in ("relcl", "acl") and t.head.lemma_.lower() in _M.time_nouns and t.head.dep_ in ("attr", "nsubj") \
            and t.head.head.lemma_ == "be" and any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children) \
            and not grammar.negated(t.head.head):
        return t.head.head, "appeal"    # "it is time for Russia to agree to a ceasefire": a call for it
    if t.dep_ == "ccomp" and t.head.lemma_ == "be" and any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children) \
            and t.tag_ in ("VB", "VBP", "VBZ") and not any(c.dep_ == "aux" and c.tag_ in ("VBD", "VBZ") for c in t.children) \
            and any(c.dep_ in ("nsubj", "expl") and c.lower_ == "it" for c in t.head.children) \
            and any(c.dep_ == "acomp" and c.lemma_.lower() in _M.necessity_adjectives for c in t.head.children) \
            and not grammar.negated(t.head):
        return t.head, "appeal"     # "it is important that Russia agrees to the ceasefire": called for
    need = grammar.needed_of_someone(t)
    if need is not None:
        # "stressed the need for Russia to agree to a ceasefire": called for, by who stressed it
        # ("saw no need for Russia to agree": asked by no one, and not done)
        return (need.head if need.head.pos_ in grammar.VERB_POS else need), \
            "none" if grammar.need_denied(t, need) else "appeal"
    if t.dep_ == "xcomp" and t.head.pos_ == "ADJ" and grammar.infinitival(t) and \
            any(c.dep_ == "advmod" and c.lower_ in _M.excess_adverbs for c in t.head.children):
        return t.head, "none"   # "it was too early to lift sanctions", "too weak to attack": not done
    judge = t.head.head if t.dep_ == "acl" and t.head.dep_ == "attr" else t.head
    if t.dep_ in ("xcomp", "advcl", "acl") and judge.lemma_ == "be" and _judged_by_it(judge) and \
            any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children):
        # "it is quite logical to meet here", "it was a mistake to impose sanctions", "it is
        # necessary for Kyiv to withdraw": judged, not told as done
        return judge, "none"
    # "cancelled a planned visit", "suspended the talks": the event noun is the halting verb's object
    if t.dep_ == "dobj" and gov_of.get(t.head.lemma_.lower()) == "halt" and t.head.i not in trigger_verbs:
        return t.head, "halt"
    if t.dep_ == "nsubjpass" and t.pos_ in grammar.NOUN_POS and _halting(t.head) and t.head.i not in trigger_verbs:
        return t.head, "halt"   # "talks were put on hold", "the summit was postponed"
    if t.dep_ == "nsubj" and t.pos_ in grammar.NOUN_POS and t.head.lemma_ == "be" and any(
            c.dep_ in ("advmod", "prt", "acomp") and c.lower_ in _M.off_words for c in t.head.children):
        return t.head, "halt"   # "the summit between Trump and Putin is off": called off
    if t.dep_ == "dobj" and t.head.lemma_.lower() in _M.arranging_verbs and t.head.i not in trigger_verbs:
        return t.head, "intent"   # "had been preparing the meeting for weeks": arranged, not yet held
    if t.dep_ == "dobj" and t.pos_ in grammar.NOUN_POS and t.head.lemma_.lower() in _M.offering_verbs \
            and t.head.pos_ in grammar.VERB_POS and t.head.i not in trigger_verbs:
        return t.head, "intent"   # "Russia proposed a pause in strikes": offered, not yet done
    if t.dep_ == "dobj" and gov_of.get(t.head.lemma_.lower()) == "reject" and t.head.i not in trigger_verbs:
        return t.head, "reject"   # "ruled out territorial concessions": a refusal of them
    if t.tag_ == "VBG" and t.dep_ in ("advcl", "xcomp", "dobj", "ccomp") and t.head.i not in trigger_verbs \
            and gov_of.get(t.head.lemma_.lower()) == "reject" and not any(c.dep_ == "mark" for c in t.children):
        return t.head, "reject"   # "ruled out ceding any territory" (the gerund read as an adverbial clause)
    if t.dep_ == "dobj" and t.pos_ in grammar.NOUN_POS and t.head.lemma_.lower() in _M.desire_verbs \
            and t.head.pos_ in grammar.VERB_POS and t.head.i not in trigger_verbs:
        if t.head.lemma_.lower() in _M.expectation_verbs:
            return t.head, "none"   # "We expect a productive meeting": a forecast, nothing asked
        return t.head, "appeal"   # "Ukraine wants an immediate ceasefire": asked for, not done
    if t.dep_ == "dobj" and t.pos_ in grammar.NOUN_POS and t.head.pos_ in grammar.VERB_POS \
            and t.head.lemma_.lower() in _M.command_verbs:
        # "Maduro ordered the deployment of troops along the coast": the event ordered, done by the
        # one who orders when what it is "of" is his own (or nothing is named), asked of others
        # otherwise ("ordered the withdrawal of Russian troops")
        order = t.head
        if _alleged(order):
            return order.head.head, "none"   # "convicted of ordering a crackdown": the charge, not news
        of = grammar.prep_objects(t, ("of",))
        # (through a quantity: "ordered the mobilisation of millions of militia members")
        of = [p for o in of for p in (grammar.prep_objects(o, ("of",)) or [o]
                                      if o.lower_ in _W.quantity_heads else [o])]
        own = not of or all(_subordinate(o) and not _names_a_country(o) or
                            any(c.dep_ == "poss" and c.lower_ in _M.own_possessives for c in o.children)
                            for o in of)
        return t.head, "command" if own else "demand"
    for _ in range(3):   # "agreed to withdraw troops and release prisoners": conjuncts share the governor
        if t.dep_ == "conj" and t.pos_ in grammar.VERB_POS and t.head.pos_ in grammar.VERB_POS:
            t = t.head
    # "have sworn to fight" misparsed as advcl; "it is time for Russia to agree" read as a relative clause
    # -- and "an opportunity for Paris and Berlin to cooperate", its "for" clause read as advcl
    for_infinitive = any(g.dep_ == "aux" and g.lower_ == "to" for g in t.children) and \
        all(g.lower_ == "for" for g in t.children if g.dep_ == "mark")
    # ... and "called for the US to support its plan", "is pushing for Kyiv to accept": a "for"
    # clause of a verb of asking
    asks = gov_of.get(t.head.lemma_.lower()) in ("appeal", "demand") or t.head.lemma_.lower() in _M.pressing_verbs \
        or any(c.dep_ == "dobj" and _noun_kind(c, ("demand", "appeal")) for c in t.head.children)
    # (or a verb whose object is a demand: "had set a deadline for Kyiv to accept the plan")
    is_infinitival = t.dep_ == "advcl" and (grammar.infinitival(t) or for_infinitive and (
        t.head.pos_ == "NOUN" or asks and t.head.pos_ in grammar.VERB_POS and any(g.dep_ == "mark" for g in t.children))) \
        or t.dep_ == "relcl" and for_infinitive
    if (is_infinitival or t.dep_ in ("xcomp", "ccomp") and grammar.infinitival(t)) and _sets_deadline(t.head):
        return t.head, "demand"   # "gave Pakistan until June to cut its deficit"
    if (is_infinitival or t.dep_ == "acl") and t.head.pos_ == "NOUN" and t.head.lemma_.lower() in _M.deadline_heads:
        # "set a Thanksgiving deadline for Ukraine to accept the plan": what a deadline is set for
        # is demanded, by whoever sets it (an ultimatum is a threat of its own: 13)
        setter = t.head.head
        return (setter if setter.pos_ in grammar.VERB_POS and t.head.dep_ == "dobj" else t.head), "demand"
    if t.dep_ == "xcomp" and grammar.infinitival(t) and _planned_by_be(t.head) and \
            t.lemma_.lower() not in _W.blame_verbs:     # ("Kosovo is to blame": blamed, its own rule)
        return t.head, "intent"   # "Hamas is to release all hostages", "Putin is to meet Trump": planned
    # aspectual and helping verbs pass the governor through: "prepared to resume shelling", "agreed to
    # continue talks"
    while t.dep_ == "xcomp" and t.head.lemma_.lower() in _PASS_THROUGH_VERBS and t.head.dep_ in ("xcomp", "ccomp"):
        t = t.head
    if t.dep_ in ("ccomp", "xcomp") and t.head.lemma_.lower() in _W.causative_verbs and t.head.dep_ == "xcomp" \
            and any(p.dep_ == "poss" and p.lower_ in _M.own_possessives
                    for doer in t.children if doer.dep_ in ("nsubj", "dobj") for p in doer.children):
        # "agreed to have their respective teams start negotiations": what one has one's own people
        # do is one's act, governed as it is
        t = t.head
    if t.dep_ == "xcomp" and t.head.lemma_.lower() in _W.helping_verbs and t.head.dep_ == "advcl" \
            and grammar.infinitival(t.head) and t.head.head.pos_ in grammar.VERB_POS:
        return t.head, "none"   # "sent material to help defend Saudi Arabia": the act's aim
    if (is_infinitival or t.dep_ == "xcomp" and grammar.infinitival(t)) and t.head.dep_ == "acl" \
            and t.head.pos_ in grammar.VERB_POS and t.head.head.pos_ == "NOUN" and grammar.infinitival(t.head):
        return t.head, "none"   # "rejected Trump's offer to send troops to fight the cartels": the
        # aim of an act that is itself only offered, refused or asked for
    topic_of = t.head.head if t.dep_ == "pcomp" and t.head.lower_ in _M.topic_prepositions else t.head
    if (t.dep_ == "xcomp" and t.tag_ == "VBG" or t.dep_ == "pcomp" and topic_of is not t.head) \
            and topic_of.pos_ in grammar.VERB_POS and topic_of.lemma_.lower() in _M.topic_verbs:
        return topic_of, "none"   # "talked about releasing prisoners": what is talked about is a topic
    # (a prevention denied keeps no one from it: "did not stop Russia from launching new strikes")
    if t.dep_ == "pcomp" and t.head.lower_ == "from" and t.head.head.pos_ in grammar.VERB_POS and \
            t.head.head.lemma_.lower() in _M.preventing_verbs and not grammar.negated(t.head.head):
        return t.head.head, "none"   # "blocked the UN agency from delivering food": kept from it
    if t.dep_ in ("pcomp", "pobj") and t.head.lower_ in ("on", "from") and t.head.head.pos_ in grammar.VERB_POS \
            and any(c.dep_ == "prt" and c.lower_ in _M.refraining_phrasals.get(t.head.head.lemma_.lower(), ())
                    for c in t.head.head.children):
        return t.head.head, "none"   # "held off on supplying Tomahawk missiles": none supplied
    if t.dep_ == "pcomp" and t.head.lower_ in ("in", "of"):
        # "saw no point in meeting Zelensky", "the chance of meeting" (the "in" may hang on the verb)
        holder = t.head.head
        pointless = holder if holder.pos_ == "NOUN" else next(
            (c for c in holder.children if c.dep_ == "dobj" and c.i < t.i), None)
        if pointless is not None and pointless.lemma_.lower() in _M.none_nouns:
            return pointless, "none"
    if t.dep_ == "pcomp" and t.head.dep_ == "prep" and \
            t.head.lower_ in _M.intent_adjective_prepositions.get(t.head.head.lemma_.lower(), ()):
        # "Tehran was serious about reaching a fair deal": meant, not reached
        adjective = t.head.head
        return (adjective.head if adjective.dep_ in ("acomp", "amod") else adjective), "intent"
    if t.dep_ in ("pcomp", "pobj") and t.head.lower_ == "in" and t.head.head.lemma_.lower() in _M.interest_words:
        # "expressed interest in joining the talks", "are interested in restoring flights":
        # wanted, not done (and another's interest -- "welcomed China's interest in ..." -- is no
        # one's act)
        holder = t.head.head
        if holder.pos_ == "NOUN" and any(c.dep_ == "poss" and c.pos_ != "PRON" for c in holder.children):
            return holder, "none"
        if any(c.dep_ in ("amod", "det", "advmod") and c.lower_ in _M.scant_words for c in holder.children):
            return holder, "none"   # ("showed little interest in a ceasefire", "is little interested in")
        return (holder.head if holder.dep_ in ("dobj", "acomp", "attr") else holder), "intent"
    if not (t.dep_ in ("xcomp", "ccomp", "pcomp", "acl") or is_infinitival or (
            t.dep_ == "pobj" and t.head.dep_ == "prep" and t.head.lower_ in _W.governed_noun_prepositions)):
        return None, None   # (a noun after "at", "in", "during" ... is a circumstance, not what is pledged)
    head = t.head.head if t.dep_ == "pobj" else t.head     # "call for talks": for -> call; "refusal to"
    if t.dep_ == "pcomp" and t.head.dep_ == "prep" and t.head.lower_ in _W.governed_noun_prepositions:
        head = t.head.head   # "remains committed to supporting", "insisted on holding talks"
    if head.dep_ == "acomp" and head.lemma_.lower() in _M.intent_adjectives:
        return head.head, "intent"
    if head.pos_ == "ADJ" and head.lemma_.lower() in _M.intent_adjectives:
        return head, "intent"
    if head.pos_ == "ADJ" and t.dep_ == "xcomp" and head.lemma_.lower() in _M.forecast_adjectives:
        # "Moscow is unlikely to accept the proposal": a forecast, no act and no intent
        return (head.head if head.dep_ == "acomp" else head), "none"
    if head.pos_ == "ADJ" and t.dep_ == "xcomp" and head.lemma_.lower() in _M.unwilling_adjectives:
        # "Moscow is unwilling to accept the proposal": refused, as "refuses to accept"
        return (head.head if head.dep_ == "acomp" else head), "reject"
    if head.pos_ == "NOUN" and head.lemma_.lower() in _W.need_nouns and head.dep_ == "pobj" and \
            head.head.lower_ in _W.need_prepositions and gov_of.get(head.head.head.lemma_.lower()) == "intent" and \
            head.head.head.pos_ in grammar.VERB_POS:
        return head.head.head, "intent"   # "agreed on the need to engage in talks"
    if head.pos_ == "NOUN" and t.dep_ in ("acl", "xcomp", "ccomp") and \
            any(c.dep_ == "det" and c.lower_ in _M.hypothetical_determiners for c in head.children):
        return head, "none"   # "would respond to any attempt to seize its assets"
    if head.pos_ == "NOUN" and head.lemma_.lower() in _M.none_nouns:
        return head, "none"   # "the Kremlin's ability to raise revenue and support its economy"
    if head.pos_ == "NOUN" and head.lemma_.lower() in _W.need_nouns and \
            any(c.dep_ == "det" and c.lower_ == "no" for c in head.children):
        return head, "none"   # "there was no need to meet Putin": no one asks it, none done
    if head.pos_ == "NOUN" and head.lemma_.lower() in _M.permit_nouns and head.head.pos_ in grammar.VERB_POS:
        return head.head, "permit"   # "has not given any authorization to provide assistance"
    if head.pos_ == "NOUN" and head.lemma_.lower() in _M.enactment_nouns and t.dep_ in ("acl", "relcl") and \
            grammar.infinitival(t) and head.head.pos_ in grammar.VERB_POS and head.head.i not in trigger_verbs:
        return head.head, "intent"   # "approved a measure to close the Strait of Hormuz": enacted, not done
    noun_kind = _noun_kind(head, ("intent", "reject", "demand", "appeal"))
    if noun_kind == "intent" and head.pos_ == "NOUN" and head.dep_ in ("nsubjpass", "dobj") and _halting(head.head):
        return head.head, "halt"   # "plans for a summit were put on hold", "shelved plans for talks"
    if noun_kind and head.pos_ == "NOUN" and head.head.pos_ in grammar.VERB_POS \
            and head.head.i not in trigger_verbs \
            and not any(c.dep_ in ("compound", "nmod") or c.dep_ == "poss" and c.pos_ != "PRON"
                        or c.dep_ == "prep" and c.lower_ == "by" for c in head.children):
        if noun_kind == "intent" and head.dep_ == "dobj" and gov_of.get(head.head.lemma_.lower()) == "reject":
            return head.head, "reject"   # "rejected the European proposal for new talks": refused
        return head.head, noun_kind   # "reiterated its willingness to resume talks" (not "the
        # decision by the Kenyan government to reopen the border": another's, below)
    if noun_kind and head.pos_ == "NOUN" and (t.dep_ in ("acl", "xcomp", "ccomp") or t.dep_ == "pobj" and any(
            c.dep_ == "poss" and c.pos_ != "PRON" for c in head.children)):
        return head, "none"   # "Russia's refusal to work with us", "welcomed Iran's offer to host
        # talks", "echoed Macron's call for a ceasefire": what another's offer, refusal or demand
        # is about has not happened
    if t.dep_ == "ccomp" and head.pos_ in grammar.VERB_POS and head.i not in trigger_verbs:
        # "reiterated its demand today that Israel ease ...": the that-clause hung on the verb
        # instead of on the noun it completes
        for c in head.children:
            if c.dep_ == "dobj" and c.i < t.i and c.pos_ == "NOUN":
                nk = _noun_kind(c, ("demand", "appeal", "intent"))
                if nk is not None and any(g.dep_ == "mark" and g.lower_ == "that" for g in t.children):
                    return head, nk
    if t.dep_ == "advcl" and (grammar.infinitival(t) or for_infinitive) and head.pos_ in grammar.VERB_POS \
            and head.i not in trigger_verbs:
        # "renewed its call on Russia to accept a ceasefire", "stepped up pressure on Russia to
        # accept", "had set a deadline for Kyiv to accept the plan": the infinitive hung on the
        # verb as its aim instead of on the noun it completes
        for c in head.children:
            if c.dep_ == "dobj" and c.i < t.i and c.pos_ == "NOUN":
                nk = _noun_kind(c, ("demand", "appeal"))
                if nk is not None:
                    return head, nk
                if c.lemma_.lower() in _M.permit_nouns:
                    return head, "permit"   # "had not given any authorization to the Red Cross to deliver aid"
    if t.dep_ == "pobj" and head.pos_ in grammar.VERB_POS and head.i not in trigger_verbs:
        # "signaled openness to a three-way meeting": the "to" phrase hung on the verb instead of
        # on the noun of intent, demand or appeal it completes
        for c in head.children:
            if c.dep_ == "dobj" and c.i < t.i and c.pos_ == "NOUN" and not grammar.prep_objects(c, ("to", "for")):
                nk = _noun_kind(c, ("demand", "appeal", "intent"))
                if nk is not None:
                    return head, nk
    if (t.dep_ == "xcomp" or is_infinitival) and head.pos_ in grammar.VERB_POS and head.i not in trigger_verbs \
            and head.lemma_.lower() in _M.effort_verbs:
        return head, "intent"   # "is working to secure the release of ...": striven for, not done
    if (is_infinitival or t.dep_ == "xcomp") and head.pos_ in grammar.VERB_POS and grammar.phone_call(head) is not None:
        return None, None   # "Macron called Putin to discuss Ukraine": the call's purpose, done in it
    kind = gov_of.get(head.lemma_.lower())
    if kind is None and head.lemma_.lower() in _M.conditional_desire_verbs and head.pos_ in grammar.VERB_POS \
            and any(c.dep_ == "aux" and c.lower_ in _M.conditional_aux for c in head.children):
        kind = "intent"   # "Kenya would like Uganda to reopen the border": a want (and asked of Uganda)
    if kind is None and head.lemma_.lower() in _M.pressing_verbs and head.pos_ in grammar.VERB_POS and (
            any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children) or
            any(c.dep_ == "dobj" and c.i < t.i for c in head.children)):
        return head, "appeal"   # "France lobbied Germany to back the tariffs": asked of Germany
    if kind is not None and head.pos_ in grammar.VERB_POS:
        if kind in ("appeal", "demand") and t.dep_ == "ccomp" and head.lemma_.lower() in _W.speech_like_governors:
            return None, None
        if _performed(t):
            return None, None   # "I want to thank President Trump": thanked by saying so
        if head.lemma_.lower() in _M.desire_verbs and (
                any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children) or
                t.dep_ == "xcomp" and any(c.dep_ == "dobj" and c.i < t.i for c in head.children)):
            return head, "appeal"   # "Lebanon wants Pakistan to stop ...": what one wants of another
        return head, kind
    return None, None


def _said_for_years(tok: Token) -> bool:
    """Is ``tok``'s clause what someone has said or insisted on for years ("Moscow has long
    insisted that any settlement must address the root causes", "Putin has repeatedly said he is
    open to talks")?  A position held, like a standing act, is no news of the story's day."""
    t = tok
    for _ in range(5):
        if t.head.i == t.i:
            return False
        if t.dep_ == "ccomp" and t.head.pos_ in grammar.VERB_POS and grammar.standing_position(t.head):
            # (but said again now by the speaker: "We have always said that we are open to dialogue
            # with the United States" -- the first person restates it as it speaks)
            subject = grammar.subject(t.head)
            return subject is None or subject.lower_ not in _W.first_person_plural | _W.first_person_singular
        t = t.head
    return False


def _performed(verb: Token) -> bool:
    """Is ``verb`` an act done by saying that one wants to do it ("we would like to congratulate
    the people of Belarus", "I want to thank the crown prince")?  The "would" of "would like" is
    then no future."""
    return verb.dep_ == "xcomp" and verb.lemma_.lower() in _M.performative_verbs and \
        verb.head.lemma_.lower() in _M.desire_verbs


def _counted_as(noun: Token) -> Token:
    """The phrase whose place in the clause an event noun has: the noun itself, or the head that
    counts it ("a new round of talks", "two days of talks")."""
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lemma_.lower() in _W.partitive_event_heads:
        return noun.head.head
    return noun


def as_arranged(trig: Trigger, known_codes) -> bool:
    """Recode ``trig``, an act told as done but dated after its story ("is heading to Washington
    Monday"), as what "will" makes of it (intent for cooperation, a threat for force); False when
    the future leaves its code as it is."""
    if not _future_is_intent(trig.code):
        return False
    new = map_code(trig.code, _M.maps["intent"])
    if new is None or new == trig.code or new not in known_codes:
        return False
    trig.code = new
    trig.rule_notes += ["future", "scheduled"]
    return True


def _future_is_intent(code: str) -> bool:
    """Does "will" make an act of ``code`` an intent (cooperation; a threat for force)?"""
    return map_code(code, _M.maps["future"]) == "intent"


def _countries_named(tokens: Iterable[Token]) -> set:
    """The countries that country or nationality words among ``tokens`` name."""
    tokens = list(tokens)
    if not tokens:
        return set()
    mentions = tokens[0].doc._.mention_at or {}
    return {m.value for t in tokens if (m := mentions.get(t.i)) is not None and m.kind in ("country", "demonym")}


def _names_a_country(noun: Token) -> bool:
    """Does a country or nationality word modify ``noun`` ("Russian troops", "the troops of Iran")?"""
    return bool(_countries_named(t for t in noun.subtree if t.i != noun.i))


def commands_own(verb: Token) -> bool:
    """Does ``verb`` order or authorize one's own forces or services ("ordered the army",
    "instructed its ministries", "authorized the military")?"""
    if verb.pos_ not in grammar.VERB_POS or verb.lemma_.lower() not in ORDERING_VERBS:
        return False
    obj = grammar.direct_object(verb)
    if obj is None:
        # "allowed his troops to withdraw": the small model reads the object as the subject of the
        # infinitive it hangs as a clause ("ordered the troops withdrawn": of the participle)
        obj = next((s_ for c in verb.children if c.dep_ == "ccomp" and grammar.infinitival(c)
                    for s_ in c.children if s_.dep_ == "nsubj"), None) or next(
            (s_ for c in verb.children if c.dep_ == "ccomp" and c.tag_ == "VBN"
             for s_ in c.children if s_.dep_ == "nsubjpass"), None)
    if obj is None:
        return False
    if verb.lemma_.lower() not in _M.command_verbs and any(c.dep_ == "det" and c.lower_ in ("a", "an")
                                                            for c in obj.children):
        return False    # "authorized a multinational force to fight gangs": a force, not one's own
    if any(c.dep_ == "poss" and c.lower_ in _M.own_possessives for c in obj.children):
        return True
    if obj.lemma_.lower() not in _M.subordinate_nouns:
        return False
    # "ordered Russian troops to withdraw", "told the Israeli army to stop": a country named in the
    # phrase may be anyone's (Trump ordering Russian troops out demands it of Russia) -- one's own
    # only when the one who orders names that country too ("Russia ordered Russian troops ...")
    named = _countries_named(t for t in obj.subtree if t.i != obj.i)
    if not named:
        return True
    subj = grammar.subject(verb)
    return bool(named & _countries_named(subj.subtree if subj is not None else ()))


def _sets_deadline(verb: Token) -> bool:
    """Does ``verb`` give someone a deadline: "gave X until June", "gave X 72 hours"?"""
    if verb.pos_ not in grammar.VERB_POS or verb.lemma_.lower() not in _M.deadline_verbs:
        return False
    return any(c.dep_ == "prep" and c.lower_ in _M.deadline_prepositions or
               c.dep_ in ("dobj", "npadvmod") and c.lemma_.lower() in _M.deadline_nouns
               for c in verb.children)


def _believed(clause: Token) -> bool:
    """Is ``clause`` (up through conjuncts and complements) what someone believes -- a that-clause
    of "believe", "think", "suspect" ..., of "confident", "sure", "hopeful" ..., or of "hope",
    "confidence", "expectation" ...?"""
    t = clause
    for _ in range(4):
        if t.dep_ == "ccomp" and (t.head.lemma_.lower() in _M.belief_verbs or
                                  t.head.pos_ == "ADJ" and t.head.lemma_.lower() in _M.belief_adjectives):
            # (not a speaker's own "I think" or "we believe": a hedge on what they assert)
            return not any(c.dep_ == "nsubj" and c.lower_ in ("i", "we") for c in t.head.children)
        if t.dep_ in ("acl", "ccomp") and t.head.pos_ in grammar.NOUN_POS and t.head.lemma_.lower() in _M.belief_nouns \
                and any(c.dep_ == "mark" and c.lower_ == "that" for c in t.children):
            return True     # "expressed hope that Russia would agree to a ceasefire": a hope, no agreement
        if t.dep_ not in ("conj", "xcomp", "ccomp") or t.head.i == t.i:
            return False
        t = t.head
    return False


def _own_possibility(anchor: Token) -> bool:
    """Is ``anchor`` a possibility its own doer voices: a that-clause of a verb of saying whose
    subject is a personal pronoun ("Trump said he could impose ...", "Iran said it may close ..."),
    or a first-person clause someone is reported saying ("we could cut off aid, X said")?"""
    subj = grammar.subject(anchor)
    if subj is None or subj.pos_ != "PRON":
        return False
    if subj.lower_ in _W.first_person_plural or subj.lower_ in _W.first_person_singular:
        return _voiced(anchor)
    speech = grammar.speech_verb(anchor) if grammar.is_speech_complement(anchor) else None
    speaker = grammar.subject(speech) if speech is not None else None
    return speaker is not None and speaker.pos_ != "PRON" and subj.lower_ in _W.referring_pronouns


def _possibility_voiced_by(anchor: Token) -> Optional[Token]:
    """The named speaker of a that-clause whose subject is a noun ("Serbia's president said the
    government could ban the party": the president), or None."""
    subj = grammar.subject(anchor)
    if subj is None or subj.pos_ not in grammar.NOUN_POS or not grammar.is_speech_complement(anchor):
        return None
    speech = grammar.speech_verb(anchor)
    speaker = grammar.subject(speech) if speech is not None else None
    return speaker if speaker is not None and speaker.pos_ in grammar.NOUN_POS else None


def _voiced(anchor: Token) -> bool:
    """Is the clause someone's words: a that-clause of a verb of saying ("Iran said it could close
    the strait if ...") or a main clause that a parenthetical "officials said" frames?"""
    if grammar.is_speech_complement(anchor):
        return True
    return any(c.dep_ in ("parataxis", "ccomp") and c.lemma_.lower() in _W.speech_verbs for c in anchor.children)


def _halting(verb: Token) -> bool:
    """Does ``verb`` halt what it governs: "cancelled", "shelved", "put on hold", "put on ice"?"""
    if verb.pos_ not in grammar.VERB_POS:
        return False
    if _M.governor_of.get(verb.lemma_.lower()) == "halt":
        return True
    if any(c.dep_ == "prt" and c.lower_ in _M.halting_phrasals.get(verb.lemma_.lower(), ()) for c in verb.children):
        return True   # "was called off"
    return verb.lemma_.lower() in _W.holding_verbs and any(
        p.lemma_.lower() in _W.hold_nouns for p in grammar.prep_objects(verb, ("on",)))


def _noun_kind(noun: Token, kinds: tuple[str, ...]) -> Optional[str]:
    """The first of ``kinds`` whose governing nouns ("willingness", "demand") hold ``noun``'s lemma."""
    lemma = noun.lemma_.lower()
    return next((k for k in kinds if lemma in getattr(_M, f"{k}_nouns")), None)


def _governed_events_merged(triggers: list[Trigger]) -> list[Trigger]:
    """A governor verb gives its meaning to the event it governs ("agreed to meet" is one intent
    event) -- unless that event itself did not survive: then the governor codes on its own
    ("demanded that partners refuse to recognize X": the demand remains)."""
    survivors = triggers
    for _ in range(4):
        used = {t.governor.i for t in survivors if t.governor is not None} | \
            {t.absorbed.i for t in survivors if t.absorbed is not None}
        nxt = [t for t in triggers if t.match.trigger.i not in used]
        if [id(t) for t in nxt] == [id(t) for t in survivors]:
            break
        survivors = nxt
    return survivors


_BLAMED_GOVERNORS = ("reject", "intent", "demand", "appeal", "threaten")


def _content_of_others(triggers: list[Trigger]) -> list[Trigger]:
    """Drop events that are another event's content ("accused X of attacking") -- unless the
    outer verb is speech -- and acts whose purpose names the event ("shunned work to protest
    at ...", "opened fire to disperse demonstrators": the protest, the repression).  Named acts
    ("summoned the ambassador to protest") and violence keep their own code."""
    outer = {t.match.trigger.i for t in triggers}
    purpose: set[int] = set()
    dropped: set[int] = set()
    for t in triggers:
        a = t.anchor
        if t.match.pattern.kind == "verb" and t.governor is None and a.dep_ == "advcl" and \
                a.head.i in outer and (t.code.startswith(_C.protest) or t.code == _C.crowd_dispersal) and \
                any(c.dep_ == "aux" and c.lower_ == "to" for c in a.children):
            head_trig = next(h for h in triggers if h.match.trigger.i == a.head.i)
            if head_trig.code[:2] != t.code[:2] and (t.code == _C.crowd_dispersal or (
                    len(head_trig.match.pattern.words) == 1 and head_trig.governor is None
                    and not head_trig.code.startswith(_C.disapprove) and not head_trig.code.startswith(_C.violence))):
                purpose.add(id(t))
                dropped.add(a.head.i)
    # the words of another event's pattern hold content too: "froze its participation in the
    # military alliance", "expressed concern over military cooperation between X and Y"
    words = outer | {w.i for t in triggers if t.match.pattern.kind == "verb" for w in t.match.tokens}
    # "accused Moscow of failing to honor the truce", "blamed Hamas for refusing to return the
    # bodies": a refusal the accusation holds is what the accused is blamed for, not an event --
    # nor an intent ("accused Ethiopia of seeking to seize the port"), a demand or an appeal
    # ("accused Moscow of making unacceptable demands to withdraw its troops") or a threat
    blamed = {t.match.trigger.i for t in triggers if t.code.startswith(_C.disapprove)}
    meetings = {t.match.trigger.i for t in triggers if t.code.startswith(_C.visit)}
    return [t for t in triggers if t.match.trigger.i not in dropped and
            not grammar.alleged(t.anchor if t.match.pattern.kind == "verb" else t.match.trigger) and
            not (t.governor is not None and t.governor_kind in _BLAMED_GOVERNORS
                 and _embedded_under(t.governor, blamed)) and
            (id(t) in purpose or t.governor is not None or _drawn_by_the_act(t) or _outcome_of_talks(t, meetings) or
             _truce_broken_by_the_act(t) or
             not _embedded_under(t.anchor, outer if t.match.pattern.kind == "verb" else words))]


def _truce_broken_by_the_act(t: Trigger) -> bool:
    """Is ``t`` a truce broken, told in a participle after the act that broke it ("Israel resumed
    its offensive in Gaza, ending a two-month ceasefire")?  The breach is an event of its own (196),
    not the act's content."""
    a = t.anchor
    return t.code.startswith(tuple(_C.truce_broken)) and a.tag_ == "VBG" and a.dep_ == "advcl" and \
        not any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in a.children)


def _outcome_of_talks(t: Trigger, meetings: set[int]) -> bool:
    """Is ``t`` told in a participle after talks, what the talks came to ("held a third round of
    talks in Istanbul, agreeing to another prisoner exchange"): an act of the talks' parties, not
    the talks' content?"""
    a = t.anchor
    return t.match.pattern.kind == "verb" and a.i == t.match.trigger.i and a.dep_ == "advcl" and a.tag_ == "VBG" \
        and a.head.i in meetings and not t.code.startswith(_C.visit) and \
        not any(c.dep_ in ("mark", "nsubj", "aux") for c in a.children)


def _content_of_a_text(noun: Token, anchor: Token) -> bool:
    """Is the event noun ``noun`` (or a noun it is conjoined to) the object of a verb of holding
    ("include", "envisage", "require") whose subject is a text, a demand or a proposal?"""
    head = noun
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head
    if head.dep_ != "dobj" or head.head.i != anchor.i or anchor.lemma_.lower() not in _W.content_verbs:
        return False
    holders = _W.content_holders | _W.text_nouns | _W.authored_nouns
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in holders for c in anchor.children)


def _drawn_by_the_act(t: Trigger) -> bool:
    """Is ``t`` a reaction an act drew, told in a participle after it ("visited the shrine,
    drawing criticism from China", "..., prompting a protest from Seoul"): the reaction is
    another party's act, not the content of the first."""
    a = t.anchor
    return t.match.pattern.kind == "noun" and t.match.trigger.dep_ == "dobj" and t.match.trigger.head.i == a.i \
        and a.tag_ == "VBG" and a.dep_ == "advcl" and a.lemma_.lower() in _W.receiving_verbs


def _protest_topics_dropped(triggers: list[Trigger]) -> list[Trigger]:
    """"staged rallies against Abbas, saying he must resign": what protesters say they want is the
    protest's topic, not an event of its own (PLOVER manual: the topic of a protest, typically a
    REQUEST, is not coded separately)."""
    protests = {t.match.trigger.i for t in triggers if t.code.startswith(_C.protest)}
    if not protests:
        return triggers
    return [t for t in triggers if not (
        t.governor is not None and t.governor_kind == "demand" and t.governor.tag_ == "VBG" and
        t.governor.dep_ in ("advcl", "acl", "xcomp", "conj") and t.governor.head.i in protests)]


def _embedded_under(anchor: Token, outer: set[int]) -> bool:
    t = anchor
    steps = 0
    while t.head.i != t.i and steps < 6:
        parent = t.head
        if t.dep_ == "relcl" and any(c.dep_ == "advmod" and c.lower_ == "where" for c in t.children) \
                and any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ not in _W.relative_pronouns for c in t.children):
            return False    # "flew to Tianjin, where he met Xi": what happened there, an event of its own
        if t.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in _W.side_by_side_marks for c in t.children):
            return False    # "pressed on with their offensive, while a drone attack on Kharkiv killed
            # four people": an act told beside the other, no content of it
        if t.dep_ in ("acl", "relcl") and grammar.summed_up_act(parent) is not None or \
                grammar.sentential_which(t) is not None:
            return False    # "In a move condemned by Beijing, Japan's prime minister visited ...": a
            # reaction to the act told, an event of its own
        if t.dep_ == "xcomp" and parent.lemma_.lower() in _W.causing_verbs and \
                any(c.dep_ == "dobj" for c in parent.children):
            return False    # "exchanged fire, prompting Bangkok to close the border": what it made another do
        if t.dep_ in ("pcomp", "ccomp", "xcomp", "advcl", "acl", "pobj", "relcl", "prep") and parent.i in outer:
            if parent.lemma_.lower() not in _W.speech_verbs and not grammar.told_before_denied_claim(t):
                return True
        if t.dep_ == "prep" and t.lower_ in _W.reason_prepositions and parent.dep_ == "dobj" and \
                parent.head.i in outer and parent.head.lemma_.lower() not in _W.speech_verbs:
            return True     # "thanked the minister for Qatar's mediation efforts" (the parser hangs the
            # reason on the object): what one is thanked or blamed for is the act's content
        t = parent
        steps += 1
    return False


@Language.factory("event_modality")
def make_event_modality(nlp: Language, name: str) -> EventModality:
    """``nlp.add_pipe("event_modality")`` after ``event_triggers``."""
    return EventModality()
