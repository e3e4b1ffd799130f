"""The event coder: stories in, PLOVER/CAMEO events with provenance out.

For each sentence of a parsed story the coder

1. finds event triggers: verbs and nouns that match a lexicon pattern (``lexicon.py``);
2. reads the grammar around each trigger: governing verbs ("agreed to", "refused to",
   "urged ... to"), negation, future and possibility, conditions (``modality.yaml``), and maps
   the pattern's CAMEO code accordingly, as the CAMEO manual does;
3. fills the source and target slots from the dependency parse: subject (or the "by" agent of
   a passive), object and prepositional objects, the speaker of reported speech, compound
   actors ("X and Y agreed", "US-Russia talks"), pronouns and "both sides" from context;
4. resolves the actors (``detente.actors``), the date (``detente.nlp.dates``) and the place
   (``detente.nlp.places``), and keeps the sentence, its span and the rule.

A sentence with no trigger, or a trigger whose actors cannot be placed, yields no event:
precision matters as much as recall.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from typing import Iterable, Iterator, Optional

import yaml
from spacy.tokens import Doc, Span, Token

from ..actors.kb import ActorKB
from ..actors.matcher import ActorMatcher, Mention, _np_tokens
from ..nlp.dates import infer_reference_year, sentence_date
from ..nlp.pipeline import load_model
from ..nlp.places import Gazetteer, event_location
from ..schema import Actor, CodedStory, Event, Location, Story
from .lexicon import Lexicon, Match, Pattern, _dependents, default_lexicon
from ..ontology import CameoCode, cameo_table

CODER_VERSION = "0.1"

_SUBJ = ("nsubj", "nsubjpass", "csubj")
_DEFAULT_TARGET_PREPS = ("with", "to", "against", "on", "toward", "towards", "upon", "into",
                         "from", "for", "between", "among", "over", "about")
_LIGHT_VERBS = {"hold", "have", "conduct", "launch", "carry", "stage", "pay", "make", "begin",
                "start", "resume", "continue", "open", "host", "attend", "join", "take", "mount",
                "organize", "organise", "undertake", "wage", "call", "announce", "impose",
                "unveil", "deliver", "provide", "send", "give", "offer", "sign", "reach", "seal",
                "strike", "conclude", "complete", "finish", "issue", "lodge", "file", "level",
                "express", "voice", "register", "extend", "grant", "hand", "receive",
                "agree", "approve", "adopt", "introduce", "order", "declare", "initiate",
                "restore", "reopen", "re-establish", "establish", "renew", "slap", "expand",
                "tighten", "lift", "ease", "suspend", "hit", "target", "commit", "perpetrate",
                "face", "be", "mark", "see", "plan", "arrange", "propose", "broker", "mediate"}
_SPEECH_LEMMAS = {"say", "tell", "state", "announce", "declare", "add", "note", "stress",
                  "emphasize", "emphasise", "report", "write", "claim", "insist", "assert",
                  "explain", "reiterate", "confirm", "acknowledge", "comment", "remark",
                  "tweet", "post", "argue", "suggest", "mention", "indicate", "underline",
                  "underscore", "point"}
_PAIR_WORDS = {("both", "side"), ("two", "side"), ("both", "country"), ("two", "country"),
               ("both", "party"), ("two", "party"), ("both", "government"),
               ("two", "government"), ("both", "delegation"), ("two", "delegation"),
               ("two", "leader"), ("both", "leader"), ("two", "minister"), ("both", "minister")}
_PERSON_PRONOUNS = {"he", "she", "him", "her", "his"}
# CAMEO roots whose events are often domestic (a government and its own people)
_DOMESTIC_ROOTS = {"08", "10", "13", "14", "15", "17", "18", "19", "20"}
# Quantity heads whose "of" phrase names the actor: "thousands of people", "a group of refugees"
_QUANTITY_HEADS = {"thousands", "hundreds", "dozens", "scores", "millions", "tens", "group", "crowd",
                   "number", "handful", "majority", "hundred", "thousand", "dozen"}
# Sectors of groups that, named only by their kind as a target, are taken to be domestic
_DOMESTIC_SECTORS = {"REB", "OPP", "CVL", "REF", "EDU", "LAB", "NGO", "INS", "AGR", "HLH", "CRM", "JUD", "LEG"}
# Event nouns that only some verbs make into events: an agreement is signed, reached or
# concluded -- a treaty that is "held", "seen" or "faced" is not a new agreement.
_NOUN_VERBS = {"05": {"sign", "reach", "conclude", "seal", "finalize", "finalise", "approve",
                      "adopt", "ratify", "strike", "initial", "agree", "clinch", "announce"}}
# CAMEO roots whose events, when no target is named, take the place they are aimed at:
# intent (03), cooperation and aid (05-09), threats (13) and material conflict (14-20)
_PLACE_TARGET_ROOTS = {"03", "05", "06", "07", "08", "09", "13", "14", "15", "16", "17", "18", "19", "20"}
# yielding codes that are domestic by nature (CAMEO 080-083 and demobilization): with no target
# named, the actor yields to its own country
_SELF_DIRECTED = ("080", "081", "082", "083", "0873")
# "X is guilty of / responsible for V-ing": X did it
_CULPABLE = {"guilty", "responsible", "culpable"}
# agent words that are titles before a name ("General Aoun", "former president Menem")
_TITLE_SECTORS = {"MIL", "GOV", "ELI"}
_GROUP_PRONOUNS = {"it", "its", "they", "them", "their", "we", "our", "us"}
# the prefilter's kept share of a story's characters above which the whole story is parsed
_WHOLE_STORY_SHARE = 0.8


# "X said Y must ..." where the demanded action is not in the lexicon: a plain demand (100)
_DEONTIC_DEMAND = Pattern(code="100", words=(frozenset({"must", "should"}),), kind="verb",
                          text="say ... must", source_file="modality.yaml")


# "peacekeepers arrived in X": the arrival of peacekeepers is their deployment (074)
_PEACEKEEPER_ARRIVAL = Pattern(code="074", words=(frozenset({"arrive"}),), kind="verb",
                               text="peacekeepers arrive", source_file="coder.py")
_ARRIVAL_LEMMAS = {"arrive", "land", "reach", "enter"}


@functools.lru_cache(maxsize=1)
def _modality() -> dict:
    text = (resources.files("detente") / "data" / "lexicon" / "modality.yaml").read_text(encoding="utf-8")
    m = yaml.safe_load(text)
    gov = {}
    for kind, lemmas in m["governors"].items():
        for lemma in lemmas:
            gov.setdefault(lemma, kind)
    m["_governor_of"] = gov
    return m


def _map_code(code: str, table: dict) -> Optional[str]:
    """Longest-prefix lookup of ``code`` in a modality map; None = no event."""
    for k in range(len(code), 0, -1):
        hit = table.get(code[:k])
        if hit is not None:
            if hit == "keep":
                return code
            if hit == "none":
                return None
            return str(hit)
    return code


@dataclass
class _Context:
    """What earlier sentences of the story said: for pronouns and "both sides"."""

    persons: list[Actor] = field(default_factory=list)
    groups: list[Actor] = field(default_factory=list)
    surnames: dict = field(default_factory=dict)   # surname -> person actor met earlier in the story
    home: Optional[str] = None      # the country the sentence (else the story so far) is about
    place: Optional[str] = None     # the country of the place the current event happens in
    story_counts: dict = field(default_factory=dict)

    def note(self, actor: Actor) -> None:
        if _is_person(actor) and actor.name:
            # "Polish Foreign Minister Radoslaw Sikorski ... Sikorski said": later mentions by
            # surname alone are the same person
            self.surnames.setdefault(actor.name.split()[-1], actor)
        pool = self.persons if _is_person(actor) else self.groups
        if pool and pool[-1].name == actor.name and pool[-1].country == actor.country:
            return
        pool.append(actor)
        del pool[:-6]

    def last_pair(self, people: bool = False) -> list[Actor]:
        """The two parties last named: "both sides", "the two countries"; with ``people``
        ("the two leaders", "both ministers") the last two people of different countries."""
        seen: dict[str, Actor] = {}
        pool = self.persons if people and len({p.country for p in self.persons}) >= 2 else self.groups + self.persons
        for a in reversed(pool):
            key = a.country or a.code or a.name or ""
            if key and key not in seen:
                seen[key] = a
            if len(seen) == 2:
                break
        return list(seen.values())


def _is_person(actor: Actor) -> bool:
    # people carry the office they hold (or held); countries, institutions and groups do not
    return bool(actor.role)


@dataclass
class _Trigger:
    match: Match
    code: str
    anchor: Token                   # token whose clause carries subject/modality (verb or light verb)
    governor: Optional[Token] = None
    governor_kind: Optional[str] = None
    negated: bool = False
    deontic: bool = False            # "X said Y must ...": X demands of Y
    absorbed: Optional[Token] = None  # an intent word this event took over ("must be ready to")
    rule_notes: list[str] = field(default_factory=list)


class Coder:
    """Codes stories into events.  One instance loads spaCy, the actor KB and the lexicon once.

    >>> coder = Coder()
    >>> coded = coder.code_story(Story(id="s1", text="Lavrov met Rubio in Riyadh on Tuesday.",
    ...                                date=date(2025, 2, 20)))
    """

    def __init__(self, nlp=None, *, kb: Optional[ActorKB] = None, lexicon: Optional[Lexicon] = None,
                 actor_files: Iterable[str] = (), lexicon_files: Iterable[str] = (),
                 prefilter: bool = False, batch_size: int = 64, fast: bool = False) -> None:
        # fast: spaCy without its statistical NER, rule-based entities instead (nlp/entities.py)
        self.nlp = nlp if nlp is not None else load_model(fast=fast)
        self.fast = fast
        if kb is None:
            kb = ActorKB.load(extra=actor_files) if actor_files else None
        self.matcher = ActorMatcher(self.nlp.vocab, kb, place_country=self._place_country)
        self.lexicon = lexicon or (Lexicon.load(extra=lexicon_files) if lexicon_files else default_lexicon())
        self.codes: dict[str, CameoCode] = cameo_table()
        self.modality = _modality()
        self.prefilter = prefilter
        self.batch_size = batch_size
        self._gazetteer: Optional[Gazetteer] = None
        self._prefilter_automaton = None

    def _place_country(self, name: str) -> Optional[str]:
        if self._gazetteer is None:
            self._gazetteer = Gazetteer()
        loc = self._gazetteer.lookup(name)
        return loc.country if loc is not None else None

    # ------------------------------------------------------------------ public API
    def code_story(self, story: Story) -> CodedStory:
        return next(iter(self.code_stories([story])))

    def code_text(self, text: str, *, story_date: Optional[date] = None,
                  story_id: Optional[str] = None) -> list[Event]:
        story = Story(id=story_id or Story.content_id(text), text=text, date=story_date)
        return self.code_story(story).events

    def code_stories(self, stories: Iterable[Story], batch_size: Optional[int] = None) -> Iterator[CodedStory]:
        bs = batch_size or self.batch_size
        if self.prefilter:
            yield from self._code_prefiltered(stories, bs)
            return
        pairs = ((s.text, s) for s in stories)
        for doc, story in self.nlp.pipe(pairs, as_tuples=True, batch_size=bs):
            yield self._code_doc(story, [(doc, 0)], n_words=_n_words(doc))

    # ------------------------------------------------------------------ prefilter
    def _code_prefiltered(self, stories: Iterable[Story], bs: int) -> Iterator[CodedStory]:
        from .prefilter import Prefilter

        if self._prefilter_automaton is None:
            self._prefilter_automaton = Prefilter(self.matcher.surface_forms, self.lexicon, self.nlp,
                                                  offices=self.matcher.kb.offices, agents=self.matcher.kb.agents)
        pf = self._prefilter_automaton
        for chunk in _chunks(stories, bs):
            plan = []   # (story, [(sentence_text, offset)], n_words)
            texts = []
            for story in chunk:
                kept = pf.candidate_sentences(story.text)
                if len(kept) > 1 and sum(len(t) for t, _ in kept) > _WHOLE_STORY_SHARE * len(story.text):
                    # nearly all of it is kept: one whole text parses faster than its fragments
                    # (and exactly as without the prefilter)
                    kept = [(story.text, 0)]
                plan.append((story, kept, pf.word_count(story.text)))
                texts.extend(t for t, _ in kept)
            docs = iter(self.nlp.pipe(texts, batch_size=bs))
            for story, kept, n_words in plan:
                parts = [(next(docs), off) for _, off in kept]
                yield self._code_doc(story, parts, n_words=n_words)

    # ------------------------------------------------------------------ per story
    def _code_doc(self, story: Story, parts: list[tuple[Doc, int]], n_words: int) -> CodedStory:
        ref = story.date
        inferred_year = None
        if ref is None:
            inferred_year = infer_reference_year(story.text)
        ctx = _Context()
        events: list[Event] = []
        mentions_total: dict[str, int] = {}
        sid = 0
        for doc, offset in parts:
            mentions = self.matcher.mentions(doc)
            for iso, n in self.matcher.country_mentions(mentions).items():
                mentions_total[iso] = mentions_total.get(iso, 0) + n
            by_token: dict[int, Mention] = {}
            for m in mentions:
                for i in range(m.start, m.end):
                    by_token[i] = m
            for sent in doc.sents:
                events.extend(self._code_sentence(sent, offset, sid, story, by_token, ctx,
                                                  ref, inferred_year))
                sid += 1
        return CodedStory(story=story, events=events, country_mentions=mentions_total,
                          n_sentences=sid, n_words=n_words)

    # ------------------------------------------------------------------ per sentence
    def _code_sentence(self, sent: Span, offset: int, sid: int, story: Story,
                       by_token: dict[int, Mention], ctx: _Context, ref: Optional[date],
                       inferred_year: Optional[int]) -> list[Event]:
        on = ref or (date(inferred_year, 7, 1) if inferred_year else None)
        counts: dict[str, int] = {}
        for tok in sent:
            m = by_token.get(tok.i)
            if m is not None and tok.i == m.start and m.kind in ("country", "capital", "demonym", "metonym"):
                iso = m.value[0] if m.kind == "metonym" else m.value
                counts[iso] = counts.get(iso, 0) + 1
        if not counts:
            # no country named: places the gazetteer knows ("in Algiers") still tell whose news it is
            for ent in sent.ents:
                if ent.label_ in ("GPE", "LOC") and not any(i in by_token for i in range(ent.start, ent.end)):
                    iso = self._place_country(ent.text)
                    if iso:
                        counts[iso] = counts.get(iso, 0) + 1
        for iso, n in counts.items():
            ctx.story_counts[iso] = ctx.story_counts.get(iso, 0) + n
        pool = counts or ctx.story_counts
        ctx.home = max(pool, key=lambda k: (pool[k], k in counts)) if pool else None
        triggers = self._triggers(sent)
        out: list[Event] = []
        seen: set[tuple] = set()
        has_non_statement = False
        for trig in triggers:
            if self._gazetteer is None:
                self._gazetteer = Gazetteer()
            first_place = event_location(sent, trig.match.trigger, self._gazetteer) or \
                self._untagged_place(trig.anchor)
            ctx.place = first_place.country if first_place is not None else None
            pairs = self._actors(trig, by_token, on, ctx)
            if not pairs:
                continue
            info = self.codes[trig.code]
            if info.plover_type is not None:
                has_non_statement = True
            elif has_non_statement:
                continue
            when = self._date(sent, trig.anchor, ref, inferred_year)
            parties = {a.country for st in pairs for a in st if a is not None}
            where = self._place(sent, trig.match.trigger, parties, found=first_place)
            if any(t_ is None for _, t_ in pairs) and trig.code[:2] in _PLACE_TARGET_ROOTS:
                # material acts, offers and threats without a named target fall on the place
                # they are done in or aimed at (CAMEO practice: "imposed a curfew in Cizre" ->
                # TUR; "ready to contribute troops to a force in Liberia" -> LBR)
                place = self._place_target(trig, by_token, where, {s_.country for s_, _ in pairs})
                if place is not None:
                    pairs = [(s_, t_ if t_ is not None else place) for s_, t_ in pairs]
            if any(t_ is None for _, t_ in pairs) and trig.match.pattern.code.startswith(_SELF_DIRECTED):
                # domestic concessions -- resigning, easing bans, reforms, demobilizing, calling
                # off protests -- with no one named are yielded to the actor's own country
                pairs = [(s_, t_ if t_ is not None or not s_.country else
                          Actor(text=s_.country, name=self.matcher.kb.countries.get(s_.country, s_.country),
                                country=s_.country, sector=None, code=s_.country, inferred=True))
                         for s_, t_ in pairs]
            for source, target in pairs:
                key = (source.code, source.name, target.code if target else None,
                       target.name if target else None, trig.code)
                if key in seen:
                    continue
                seen.add(key)
                trigger_start = offset + trig.match.trigger.idx
                ev = Event(
                    event_id=Event.make_id(story.id, trigger_start, trig.code, source.code or source.name,
                                           (target.code or target.name) if target else None),
                    story_id=story.id, sentence_id=sid, sentence=sent.text.strip(),
                    span=(offset + sent.start_char, offset + sent.end_char),
                    date=when[0], date_precision=when[1], source=source, target=target,
                    event_type=info.plover_type, mode=info.plover_mode, context=info.plover_context,
                    cameo=trig.code, goldstein=info.goldstein, quad_class=info.quad_class,
                    location=where, rule=self._rule(trig), confidence=self._confidence(trig, source, target),
                    trigger=" ".join(t.text for t in sorted(trig.match.tokens, key=lambda t: t.i)),
                    negated=trig.negated)
                out.append(ev)
        # remember this sentence's actors for pronouns and "both sides" in the next ones
        for ev in out:
            for a in (ev.source, ev.target):
                if a is not None:
                    ctx.note(a)
        # and the people the sentence has as subjects (speakers too), for "he" and surnames later
        for tok in sent:
            if tok.dep_ in _SUBJ and tok.pos_ == "PROPN" and by_token.get(tok.i) is not None:
                for a in self.matcher.actors_for(tok, by_token, on):
                    ctx.note(a)
        # statements only when the sentence holds nothing else from the same source
        if has_non_statement:
            out = [e for e in out if e.event_type is not None or
                   not any(o.event_type and o.source and e.source and o.source.code == e.source.code for o in out)]
        return out

    # ------------------------------------------------------------------ triggers
    def _triggers(self, sent: Span) -> list[_Trigger]:
        lex = self.lexicon
        verb_matches: list[Match] = []
        noun_matches: list[Match] = []
        for tok in sent:
            if tok.pos_ in ("VERB", "AUX") or (tok.pos_ == "ADJ" and tok.dep_ in ("ROOT", "conj", "xcomp")):
                m = lex.match_verb(tok)
                if m is not None:
                    verb_matches.append(m)
            elif tok.pos_ in ("NOUN", "PROPN"):
                m = lex.match_noun(tok)
                if m is not None:
                    noun_matches.append(m)
        # "X said Y must/should V" with V outside the lexicon is still X demanding something of Y
        matched = {m.trigger.i for m in verb_matches}
        deontic = set(self.modality["deontic_aux"])
        for tok in sent:
            if tok.i in matched or tok.pos_ not in ("VERB", "AUX") or tok.dep_ not in ("ccomp", "parataxis"):
                continue
            if tok.head.lemma_.lower() in _SPEECH_LEMMAS and \
                    any(c.dep_ == "aux" and c.lower_ in deontic for c in tok.children):
                verb_matches.append(Match(_DEONTIC_DEMAND, tok, (tok,)))
        consumed = {t.i for m in verb_matches for t in m.tokens[1:]}
        verb_by_i = {m.trigger.i: m for m in verb_matches}
        triggers: list[_Trigger] = []
        for m in verb_matches:
            if m.pattern.code.startswith("04") and m.trigger.lemma_.lower() in _ARRIVAL_LEMMAS:
                subj = _subject(m.trigger)
                if subj is not None and any(t.lemma_.lower().startswith("peacekeep") for t in subj.subtree):
                    # "NATO peacekeepers arrived in Bosnia": a deployment of peacekeepers, not a visit
                    m = Match(_PEACEKEEPER_ARRIVAL, m.trigger, m.tokens)
            if m.trigger.dep_ == "acl" and m.trigger.tag_ in ("VBN", "VBG") and m.pattern is not _DEONTIC_DEMAND \
                    and not _issued_statement(m.trigger) and not _main_verb_misread(m.trigger):
                continue  # "equipment seized last year", "a resolution demanding ...": description, not news
            trig = self._modalize(m, m.trigger, verb_by_i)
            if trig is None:
                continue
            triggers.append(trig)
        noun_at = {m.trigger.i for m in noun_matches}
        for m in noun_matches:
            if m.trigger.i in consumed:
                continue
            if m.trigger.dep_ == "pobj" and m.trigger.head.lower_ == "of" and m.trigger.head.head.i in noun_at:
                continue  # "a suspension of military cooperation": the other event noun's content
            head = m.trigger.head
            anchor = m.trigger
            if m.trigger.dep_ in ("dobj", "attr", "nsubjpass", "pobj", "oprd") and head.pos_ in ("VERB", "AUX"):
                if head.i in verb_by_i and m.trigger.dep_ == "dobj" and not (
                        verb_by_i[head.i].pattern.code.startswith("01") and len(verb_by_i[head.i].pattern.words) == 1
                        and head.lemma_.lower() in _LIGHT_VERBS):
                    continue  # the verb's own pattern covers it ("rejected the proposal"); a bare
                    # statement verb does not ("announced a suspension of air links")
                if head.lemma_.lower() in _LIGHT_VERBS or m.trigger.dep_ in ("dobj", "attr"):
                    anchor = head
                allowed = _NOUN_VERBS.get(m.pattern.code[:2])
                if allowed is not None and anchor.i == head.i and head.lemma_.lower() not in allowed:
                    continue  # "hold the treaty in abeyance" is no agreement
            elif m.trigger.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX") \
                    and head.lower_ in ("for", "in", "to", "into", "of"):
                anchor = head.head  # "called for talks", "took part in talks"
                if anchor.i in verb_by_i:
                    continue
            elif m.trigger.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN" and \
                    head.head.dep_ == "dobj" and head.head.head.pos_ in ("VERB", "AUX") and \
                    head.head.head.lemma_.lower() in _LIGHT_VERBS:
                anchor = head.head.head  # "began two days of drills", "launched a wave of strikes"
            if any(c.dep_ == "det" and c.lower_ in ("no",) for c in m.trigger.children):
                continue
            if m.trigger.dep_ == "pobj" and m.trigger.head.lower_ == "since":
                continue  # "the first visit since Russia's invasion": background, not news
            if int(m.pattern.code[:2]) >= 15 and anchor.i != m.trigger.i and \
                    anchor.lemma_.lower() not in _LIGHT_VERBS | {"participate", "engage", "join", "order"}:
                continue  # "spending in this war": a conflict noun only codes with its own verb
            if anchor.i == m.trigger.i and int(m.pattern.code[:2]) >= 15 and not any(
                    c.dep_ in ("poss",) or c.dep_ == "prep" and c.lower_ == "by" for c in m.trigger.children):
                continue  # "this war", "the killing must stop": a conflict noun alone is no event
            if anchor.i == m.trigger.i and m.trigger.dep_ in ("nsubj", "nsubjpass") \
                    and not self._clause_is_factual(m.trigger.head):
                continue  # "a summit would only happen once ...", "talks may resume"
            trig = self._modalize(m, anchor, verb_by_i)
            if trig is None:
                continue
            triggers.append(trig)
        # a governor verb gives its meaning to the event it governs ("agreed to meet" is one
        # intent event) -- unless that event itself did not survive: then the governor codes
        # on its own ("demanded that partners refuse to recognize X": the demand remains)
        survivors = triggers
        for _ in range(4):
            used = {t.governor.i for t in survivors if t.governor is not None} | \
                {t.absorbed.i for t in survivors if t.absorbed is not None}
            nxt = [t for t in triggers if t.match.trigger.i not in used]
            if [id(t) for t in nxt] == [id(t) for t in survivors]:
                break
            survivors = nxt
        triggers = survivors
        # an event inside the complement of another event verb ("accused X of attacking") is
        # that verb's content, not an event of its own -- unless the outer verb is speech
        outer = {t.match.trigger.i for t in triggers}
        # an act done "to protest ..." or "to disperse the crowd" is that protest or that
        # repression (CAMEO 14, 175): "shunned work to protest at ...", "opened fire to disperse
        # demonstrators" -- the purpose names the event when the act itself is a bare verb;
        # named acts ("summoned the ambassador to protest", "recalled its envoy") and violence keep
        # their own code
        purpose: set[int] = set()
        dropped: set[int] = set()
        for t in triggers:
            a = t.anchor
            if t.match.pattern.kind == "verb" and t.governor is None and a.dep_ == "advcl" and \
                    a.head.i in outer and (t.code[:2] == "14" or t.code == "175") and \
                    any(c.dep_ == "aux" and c.lower_ == "to" for c in a.children):
                head_trig = next(h for h in triggers if h.match.trigger.i == a.head.i)
                if head_trig.code[:2] != t.code[:2] and (t.code == "175" or (
                        len(head_trig.match.pattern.words) == 1 and head_trig.governor is None
                        and head_trig.code[:2] != "11" and int(head_trig.code[:2]) < 18)):
                    purpose.add(id(t))
                    dropped.add(a.head.i)
        kept = []
        for t in triggers:
            if t.match.trigger.i in dropped:
                continue
            if id(t) not in purpose and t.governor is None and self._embedded_under(t.anchor, outer):
                continue
            kept.append(t)
        # verbs first (main clause first), then nouns; stable for determinism
        # main clause first (a verb, or a noun with its light verb), verbs before nouns at the same
        # depth; stable for determinism
        kept.sort(key=lambda t: (_depth(t.anchor), t.match.pattern.kind != "verb", t.match.trigger.i))
        return kept

    def _clause_is_factual(self, verb: Token) -> bool:
        mod = self.modality
        aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
        if aux & (set(mod["possible_aux"]) | set(mod["deontic_aux"])):
            return False
        return not (_has_mark(verb, mod["condition_marks"], hypothetical_main=True) or _negated(verb))

    def _embedded_under(self, anchor: Token, outer: set[int]) -> bool:
        t = anchor
        steps = 0
        while t.head.i != t.i and steps < 6:
            parent = t.head
            if t.dep_ in ("pcomp", "ccomp", "xcomp", "advcl", "acl", "pobj", "relcl", "prep") and parent.i in outer:
                if parent.lemma_.lower() not in _SPEECH_LEMMAS:
                    return True
            t = parent
            steps += 1
        return False

    def _modalize(self, m: Match, anchor: Token, verb_by_i: dict[int, Match]) -> Optional[_Trigger]:
        mod = self.modality
        code = m.pattern.code
        trig = _Trigger(match=m, code=code, anchor=anchor)
        # condition and possibility kill the event outright
        if _has_mark(anchor, mod["condition_marks"]):
            return None
        aux = {c.lower_ for c in anchor.children if c.dep_ in ("aux", "auxpass")}
        if aux & (set(mod["possible_aux"]) | set(mod["future_aux"])) and 12 <= int(code[:2]) != 13 \
                and _condition_clause(anchor) is not None and not _negated(anchor):
            # "may halt mediation if ...", "will boycott the elections unless ...": a hostile act
            # held out on a condition is a threat (CAMEO 13)
            new = _map_code(code, mod["maps"]["threaten"])
            if new is not None and new in self.codes:
                trig.code = new
                trig.rule_notes.append("conditional")
                return trig
        if aux & set(mod["possible_aux"]):
            return None
        # a governing verb: "agreed to meet", "refused to release", "urged X to withdraw"
        trigger_verbs = frozenset(i for i, vm in verb_by_i.items() if not vm.pattern.code.startswith("01"))
        gov, gov_kind = (None, None)
        if m.trigger.i != anchor.i and m.trigger.dep_ == "dobj":
            gov, gov_kind = _governor(m.trigger, mod, trigger_verbs)   # "cancelled a planned visit"
        if gov is None:
            gov, gov_kind = _governor(anchor, mod, trigger_verbs)
        if gov is not None and gov_kind == "intent" and gov.dep_ in ("ccomp", "parataxis") and \
                gov.head.lemma_.lower() in _SPEECH_LEMMAS and \
                any(c.dep_ == "aux" and c.lower_ in mod["deontic_aux"] for c in gov.children):
            # "Mubarak said the US must be ready to mediate": not the US's offer, Egypt's demand
            trig.absorbed = gov
            gov, gov_kind = gov.head, "demand"
            trig.deontic = True
        if gov is None and aux & set(mod["deontic_aux"]):
            # "Straw said Sudan must reach an agreement": the speaker demands it of the subject
            if anchor.dep_ in ("ccomp", "parataxis") and anchor.head.lemma_.lower() in _SPEECH_LEMMAS:
                gov, gov_kind = anchor.head, "demand"
                trig.deontic = True
            else:
                return None
        if gov is not None:
            if _has_mark(gov, mod["condition_marks"]):
                return None
            if {c.lower_ for c in gov.children if c.dep_ == "aux"} & set(mod["possible_aux"]):
                return None
            if gov_kind == "none":
                return None
            new = _map_code(code, mod["maps"][gov_kind]) if gov_kind in mod["maps"] else code
            if new is None:
                return None
            if gov_kind == "intent" and gov.lemma_.lower() == "prepare" and gov.pos_ == "VERB" and \
                    gov.tag_ in ("VBD", "VBZ", "VBP") and int(code[:2]) >= 18:
                new = "152"  # "the army prepared to resume shelling": a military build-up (CAMEO 15)
            trig.code, trig.governor, trig.governor_kind = new, gov, gov_kind
            trig.rule_notes.append(f"{gov_kind}:{gov.lemma_.lower()}")
            clause = gov
        else:
            clause = anchor
        # negation of the clause that carries the event
        if _negated(clause) or (clause.i != anchor.i and _negated(anchor)):
            kind = _map_code(trig.code, mod["maps"]["negated"])
            if kind is None or kind == trig.code:
                return None
            new = _map_code(trig.code, mod["maps"]["reject"])
            if new is None or new == trig.code:
                return None
            trig.code, trig.negated = new, True
            trig.rule_notes.append("negated")
        elif trig.governor is None and _is_future(clause, mod["future_aux"]):
            kind = _map_code(trig.code, mod["maps"]["future"])
            if kind in ("intent",) and kind != trig.code:
                new = _map_code(trig.code, mod["maps"]["intent"])
                if new is None:
                    return None
                if new != trig.code:
                    trig.code = new
                    trig.rule_notes.append("future")
        if trig.code not in self.codes:
            return None
        return trig

    # ------------------------------------------------------------------ actors
    def _actors(self, trig: _Trigger, by_token: dict[int, Mention], on: Optional[date],
                ctx: _Context) -> list[tuple[Actor, Optional[Actor]]]:
        m = trig.match
        clause = trig.governor if trig.governor is not None else trig.anchor
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in trig.anchor.children)
        sources: list[Actor] = []
        targets: list[Actor] = []

        if m.pattern.kind == "noun" and trig.anchor.i == m.trigger.i:
            return self._nominal_actors(m.trigger, by_token, on, ctx)

        subj = _subject(clause)
        if passive and trig.code.startswith("03") and _by_agent(trig.anchor) is None:
            passive = False  # "Vietnam is committed to ...", "X is prepared to ...": a state, said of X
        if subj is not None and clause.dep_ == "advcl" and any(
                c.dep_ == "mark" and c.lower_ == "with" for c in clause.children):
            # a common small-model misparse: "spoke with Lavrov to discuss ..." read as a
            # clause "with [Lavrov] to discuss": the partner is the target, the source is the
            # subject of the main clause
            head_subj = _subject(clause.head)
            if head_subj is not None:
                sources = self._resolve(head_subj, by_token, on, ctx)
                targets = self._resolve(subj, by_token, on, ctx)
                if sources and targets:
                    return [(s_, t_) for s_ in sources for t_ in targets]
        if passive and trig.governor is None:
            agent = _by_agent(trig.anchor)
            if agent is not None:
                sources = self._resolve(agent, by_token, on, ctx)
            if subj is not None:
                targets = self._resolve(subj, by_token, on, ctx)
        else:
            if subj is not None:
                sources = self._resolve(subj, by_token, on, ctx)
        if not sources and m.pattern.kind == "noun":
            # "Putin's visit to Beijing began": the noun's own possessor or "by" phrase
            nominal = self._nominal_actors(m.trigger, by_token, on, ctx)
            if nominal:
                return nominal
        if not sources and trig.code[:2] in ("18", "19", "20") and not trig.match.pattern.swap \
                and (subj is None or (passive and trig.governor is None) or not self._names_someone(subj, by_token)):
            # violence with no one named as its author -- "a car bomb killed ...", "three soldiers
            # were killed by a roadside device near Basra" -- is coded to the country it happens
            # in, as CAMEO coders do with unattributed attacks
            agent = _by_agent(trig.anchor) if passive else None
            if agent is None or not self._names_someone(agent, by_token):
                iso = ctx.place or self._violence_place(trig.anchor, by_token)
                if iso:
                    sources = [Actor(text=iso, name=self.matcher.kb.countries.get(iso, iso), country=iso,
                                     sector=None, code=iso, inferred=True)]
        if not sources and (subj is None or passive or subj.pos_ == "PRON" or not self._names_someone(subj, by_token)):
            # reported speech: the speaker is the source (also of an agentless passive --
            # "three civilians have been killed, Iraqi police said" -- as CAMEO coders do);
            # but a subject we could not place is not replaced by whoever reported it
            speaker = _speaker(clause)
            if speaker is not None:
                sources = self._resolve(speaker, by_token, on, ctx)
        if not sources:
            return []

        if not targets:
            if trig.deontic:
                targets = self._resolve(_subject(trig.anchor), by_token, on, ctx) if _subject(trig.anchor) is not None else []
            elif trig.governor_kind in ("appeal", "demand", "permit"):
                # "demanded that Israel ease ...": who is asked is the asked-for clause's subject;
                # "urged Israel to ease ...": the governor's object
                own = next((c for c in trig.anchor.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                obj = own if own is not None else _object(trig.governor)
                if obj is not None:
                    targets = self._resolve(obj, by_token, on, ctx)
            if not targets:
                targets = self._targets(trig, by_token, on, ctx)
        if m.pattern.swap:
            sources, targets = targets, sources
            if not sources:
                return []
        src_keys = {(a.name, a.code) for a in sources}
        targets = [t for t in targets if (t.name, t.code) not in src_keys]
        if trig.code.startswith("01"):
            # a statement is worth keeping when it is about someone else, not one's own side
            src_countries = {a.country for a in sources}
            targets = [t for t in targets if t.country not in src_countries]
        if targets and trig.code[:2] not in _DOMESTIC_ROOTS:
            # "The Foreign Ministry summoned the Chinese ambassador": a source whose country
            # was only guessed from the target's own country is no source at all
            explicit = {t.country for t in targets if not t.inferred}
            sources = [s_ for s_ in sources if not (s_.inferred and s_.country in explicit)]
            if not sources:
                return []
        if targets:
            return [(s, t) for s in sources for t in targets]
        if len(sources) >= 2:
            # "Jordan and Britain agreed", "Lavrov and Rubio met": each with the other
            return [(s, t) for s in sources for t in sources if s is not t and s.code != t.code or
                    (s is not t and s.name != t.name)]
        if trig.match.pattern.code.startswith(("01",)):
            return []  # a statement needs an addressee or subject matter to be worth keeping
        return [(s, None) for s in sources]

    def _violence_place(self, anchor: Token, by_token) -> Optional[str]:
        """The country of a place named anywhere in the event's clause after a locative
        preposition, the subject included ("a car bomb explosion in eastern Beirut killed ...",
        "a device outside the Iraqi city of Basra")."""
        for t in anchor.subtree:
            if t.pos_ != "PROPN" or not t.text[:1].isupper():
                continue
            h, locative = t, False
            for _ in range(5):
                if h.dep_ == "prep" or h.i == anchor.i:
                    if h.lower_ in ("in", "near", "outside", "at", "around", "inside"):
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
            if t.ent_type_ in ("GPE", "LOC", "NORP", "FAC", ""):
                ent = next((e for e in t.doc.ents if e.start <= t.i < e.end), None)
                iso = self._place_country(ent.text if ent is not None else t.text)
                if iso:
                    return iso
        return None

    @staticmethod
    def _names_someone(tok: Token, by_token) -> bool:
        """Does the phrase name an actor at all (a person, a group, an organisation), as
        opposed to a thing or an event ("a roadside bombing", "an attempt")?"""
        m = by_token.get(tok.i)
        if m is not None:
            return True
        return any(t.pos_ == "PROPN" or t.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")
                   for t in (tok, *tok.lefts))   # "the UNITA militarist wing"

    def _targets(self, trig: _Trigger, by_token, on, ctx) -> list[Actor]:
        m = trig.match
        anchor = trig.anchor
        matched_preps = {t.lower_ for t in m.tokens[1:] if t.dep_ in ("prep", "agent", "dative")}
        cand: list[Token] = []
        # 1. direct objects and datives of the verb (or of the light verb), then of pattern nouns
        for head in (anchor, *m.tokens[1:]):
            for c in head.children:
                if c.dep_ in ("dobj", "dative", "iobj", "attr", "oprd"):
                    cand.append(c)  # a pattern noun too: "rejected an Indian proposal" -> IND
        # 2. prepositional objects: those the pattern names first, then the usual ones; a protest
        #    "outside the Israeli embassy" is aimed at Israel
        preps = _DEFAULT_TARGET_PREPS + (("near", "outside", "at", "before") if trig.code.startswith("14") else ())
        # "demanded the withdrawal of Serbian forces (from Bosnia)": who is to do what the
        # pattern noun names comes before any other prepositional object
        # (the noun's own phrase would name the place it is withdrawn from first)
        cand[:0] = [p for t in m.tokens[1:] if t.pos_ in ("NOUN", "PROPN")
                    for c in t.children if c.dep_ == "prep" and c.lower_ == "of"
                    for p in c.children if p.dep_ == "pobj"]
        for head in (anchor, *m.tokens):
            for c in head.children:
                if c.dep_ in ("prep", "dative") and (c.lower_ in matched_preps or c.lower_ in preps):
                    for p in c.children:
                        if p.dep_ in ("pobj", "pcomp"):
                            cand.append(p)
                elif c.dep_ == "prep" and c.lower_ in ("in", "as"):
                    # "... in protest at/of/against X", "as a protest against X": X is the target
                    for p in c.children:
                        if p.dep_ == "pobj" and p.lemma_.lower() in ("protest", "retaliation", "response"):
                            cand.extend(x for pp in p.children if pp.dep_ == "prep" and
                                        pp.lower_ in ("at", "of", "against", "over", "to", "for")
                                        for x in pp.children if x.dep_ == "pobj")
        # 3. the object or subject of an embedded complement: "agreed to supply Iraq",
        #    "demanded that the DPRK forsake its programme", "willing to send material to
        #    help defend Saudi Arabia" (down a short chain of complements)
        frontier = [c for c in anchor.children if c.dep_ in ("xcomp", "ccomp", "advcl", "acomp") and c.i != m.trigger.i
                    and not (c.dep_ == "advcl" and not _infinitival(c))]
        # (a participle clause -- "held a call, discussing Taiwan" -- names topics, not counterparts)
        # then the prepositional objects of those complements: "agreed to reopen its borders to
        # UN peacekeepers", "refused to respond to a demand from the US"
        late: list[Token] = []
        for _ in range(4):
            nxt = []
            for c in frontier:
                for cc in c.children:
                    if cc.dep_ in ("dobj", "dative", "nsubj", "nsubjpass"):
                        cand.append(cc)
                    elif cc.dep_ in ("xcomp", "ccomp") or (cc.dep_ == "advcl" and _infinitival(cc)):
                        nxt.append(cc)
                    elif cc.dep_ == "prep" and cc.lower_ in ("to", "with", "against", "toward", "towards", "on"):
                        late.extend(p for p in cc.children if p.dep_ == "pobj")
            frontier = nxt
        cand.extend(late)
        if trig.code.startswith("13"):
            # "threatened a strike unless Israel rescinds ...": who must meet the condition
            for head in (anchor, trig.governor):
                cond = _condition_clause(head) if head is not None else None
                if cond is not None:
                    late.extend(c for c in cond.children if c.dep_ in ("nsubj", "nsubjpass"))
        # 4. who made what the verb answers: "rejected calls by Belarus's rulers",
        #    "accepted demands from Shona rebels"
        for c in list(cand):
            for p in c.children:
                if p.dep_ == "prep" and p.lower_ in ("between", "among"):  # "host talks between X and Y"
                    cand.extend(x for x in p.children if x.dep_ == "pobj")
            for p in c.children:
                if p.dep_ in ("prep", "agent") and p.lower_ in ("by", "from"):
                    cand.extend(x for x in p.children if x.dep_ == "pobj")
                elif p.dep_ == "poss" and p.pos_ != "PRON":
                    cand.append(p)  # "welcomed Germany's statement", "denounced Serbia's crackdown"
        if trig.code.startswith("13"):
            cand.extend(t for t in late if t not in cand)
        for tok in cand:
            actors = self._resolve(tok, by_token, on, ctx, guess_country=False)
            if actors:
                return actors
        return []

    def _nominal_actors(self, noun: Token, by_token, on, ctx) -> list[tuple[Actor, Optional[Actor]]]:
        """Actors of a nominal event: "US-Russia talks", "Putin's visit to Beijing",
        "talks between Iran and the US", "sanctions against Iran by the EU"."""
        sources: list[Actor] = []
        targets: list[Actor] = []
        participants: list[Actor] = []
        for c in noun.children:
            if c.dep_ == "poss":
                sources += self._resolve(c, by_token, on, ctx)
            elif c.dep_ in ("compound", "amod", "nmod") and c.i < noun.i:
                # "US-Russia talks": the modifier's own compounds are parties too
                for x in [c, *(d for d in c.subtree if d.dep_ in ("compound", "conj") and d.i != c.i)]:
                    participants += self._resolve(x, by_token, on, ctx)
            elif c.dep_ == "prep":
                objs = [p for p in c.children if p.dep_ == "pobj"]
                for p in objs:
                    if c.lower_ == "by":
                        sources += self._resolve(p, by_token, on, ctx)
                    elif c.lower_ in ("between", "among"):
                        participants += self._resolve(p, by_token, on, ctx)
                    elif c.lower_ in ("with", "to", "against", "on", "toward", "towards", "into", "in"):
                        found = self._resolve(p, by_token, on, ctx)
                        if c.lower_ == "in" and found and not any(a.sector for a in found):
                            continue  # "talks in Istanbul": a place, not a party
                        targets += found
                    elif c.lower_ == "from":
                        sources += self._resolve(p, by_token, on, ctx)
        between = [p for c in noun.children if c.dep_ == "prep" and c.lower_ in ("between", "among")
                   for p in c.children if p.dep_ == "pobj"]
        if between:
            # "a White House meeting between Trump and Zelensky": the parties are named after
            # "between"; the modifier is the venue
            participants = []
            for p in between:
                participants += self._resolve(p, by_token, on, ctx, guess_country=False)
        if sources and not targets:
            # "Russia's invasion of Ukraine", "the bombing of Gaza by Israel"
            for c in noun.children:
                if c.dep_ == "prep" and c.lower_ == "of":
                    for p in c.children:
                        if p.dep_ == "pobj":
                            targets += self._resolve(p, by_token, on, ctx, guess_country=False)
        participants = _unique(participants)
        if not sources and participants and targets:
            sources, participants = participants, []
        if sources and targets:
            return [(s, t) for s in sources for t in targets if s.code != t.code or s.name != t.name]
        if sources and participants:
            return [(s, t) for s in sources for t in participants if s.code != t.code]
        group = _unique(sources + participants)
        if len(group) >= 2:
            return [(s, t) for s in group for t in group if s is not t]
        return [(s, None) for s in sources]

    def _resolve(self, tok: Token, by_token: dict[int, Mention], on, ctx: _Context,
                 guess_country: bool = True) -> list[Actor]:
        low = tok.lower_
        if low in _PERSON_PRONOUNS | _GROUP_PRONOUNS and not tok.text.isupper():  # "us", not "US"
            if tok.dep_ in ("nsubj", "nsubjpass") and low not in ("we", "us", "our"):
                # "Bouteflika said he is prepared to ...": the speaker of this very sentence
                clause = tok.head
                while clause.dep_ in ("xcomp", "conj") and clause.head.i != clause.i:
                    clause = clause.head
                if clause.dep_ in ("ccomp", "parataxis") and clause.head.lemma_.lower() in _SPEECH_LEMMAS:
                    speaker = _subject(clause.head)
                    if speaker is not None and speaker.i != tok.i and speaker.lower_ not in _PERSON_PRONOUNS | _GROUP_PRONOUNS:
                        found = self._resolve(speaker, by_token, on, ctx)
                        if found:
                            return found
            if low in _PERSON_PRONOUNS:
                return ctx.persons[-1:] or []
            if low in ("we", "our", "us"):
                return []
            return ctx.groups[-1:] or []
        if tok.dep_ == "nsubj" and tok.lower_ in ("who", "which", "that") and tok.head.dep_ == "relcl":
            return self._resolve(tok.head.head, by_token, on, ctx)
        lemma = tok.lemma_.lower()
        if any((c.lower_, lemma) in _PAIR_WORDS for c in tok.children) or low in ("both",):
            return ctx.last_pair(people=lemma in ("leader", "minister", "president", "counterpart"))
        for c in tok.children:  # "the two countries' foreign ministers"
            if c.dep_ == "poss" and any((g.lower_, c.lemma_.lower()) in _PAIR_WORDS for g in c.children):
                return ctx.last_pair()
        if low in _QUANTITY_HEADS:  # "thousands of Jordanians", "a group of Chechen refugees"
            for prep in tok.children:
                if prep.dep_ == "prep" and prep.lower_ == "of":
                    for p in prep.children:
                        if p.dep_ == "pobj":
                            found = self._resolve(p, by_token, on, ctx, guess_country)
                            if found:
                                return found
        actors = self.matcher.actors_for(tok, by_token, on)
        if actors:
            return actors
        if tok.pos_ == "PROPN" and tok.text in ctx.surnames:
            known = ctx.surnames[tok.text]
            return [Actor(text=tok.text, name=known.name, country=known.country, sector=known.sector,
                          code=known.code, role=known.role, inferred=known.inferred)]
        if not guess_country:
            # a target may still be a domestic group named only by its kind ("accused rebels
            # of ...", "cracked down on protesters"): it belongs to the country in question --
            # but not "its troops", which are the source's own
            m = by_token.get(tok.i)
            titled = tok.pos_ == "PROPN" and any(
                by_token.get(t.i) is not None and (by_token[t.i].kind == "office" or by_token[t.i].kind == "agent"
                                                   and by_token[t.i].value in _TITLE_SECTORS)
                for t in tok.lefts)  # "President X", "General Michel Aoun", "former president Carlos Menem"
            if not titled and (m is None or m.kind != "agent" or m.value not in _DOMESTIC_SECTORS or
                               any(c.dep_ == "poss" for c in tok.children)):
                return []
        return self._contextual_actor(tok, by_token, ctx)

    def _place_target(self, trig: _Trigger, by_token, where, source_countries: set) -> Optional[Actor]:
        iso = where.country if where is not None else None
        text = where.name if where is not None else None
        if iso is None:
            # a country or known place among what the event verb governs (not its subject)
            for t in _dependents(trig.anchor, max_depth=8, into_complements=True):
                m = by_token.get(t.i)
                if m is not None and m.kind in ("country", "capital", "demonym", "metonym"):
                    iso = m.value[0] if m.kind == "metonym" else m.value
                elif t.ent_type_ in ("GPE", "LOC") and m is None:
                    iso = self._place_country(t.text)
                if iso:
                    text = t.text
                    break
        relational = trig.code[:2] in ("04", "05", "06", "07") or trig.code in ("030", "031", "032", "036", "037", "038", "039")
        if not iso or (iso in source_countries and (relational or (where is None and int(trig.code[:2]) < 13))):
            # cooperation is with someone else: "offered to host talks in Istanbul" is not
            # Turkey cooperating with Turkey (a curfew in one's own city is domestic coercion)
            return None
        return Actor(text=text or iso, name=self.matcher.kb.countries.get(iso, iso), country=iso,
                     sector=None, code=iso)

    def _contextual_actor(self, tok: Token, by_token, ctx: _Context) -> list[Actor]:
        """A recognisable actor with no country in its phrase ("President Museveni",
        "opposition groups", "the rebels") takes the country the sentence or story is about."""
        if tok.lower_ in _QUANTITY_HEADS:
            for prep in tok.children:
                if prep.dep_ == "prep" and prep.lower_ == "of":
                    for p in prep.children:
                        if p.dep_ == "pobj":
                            return self._contextual_actor(p, by_token, ctx)
        if ctx.home is None:
            return []
        sector = None
        name = None
        head_m = by_token.get(tok.i)
        np = _np_tokens(tok)
        titled_name = tok.pos_ == "PROPN" and any(
            (by_token.get(t.i) is not None and by_token[t.i].kind == "office") for t in np)
        org = tok.ent_type_ in ("ORG", "NORP") and tok.pos_ == "PROPN"
        if tok.ent_type_ != "PERSON" and not titled_name and not org and \
                (head_m is None or head_m.kind not in ("agent", "office")):
            return []  # only the phrase's head may name the actor: not "joint military exercises"
        for t in np:
            m = by_token.get(t.i)
            if m is not None and m.kind == "agent" and sector is None:
                sector = m.value
            elif m is not None and m.kind == "office":
                sector = "GOV"
            elif m is not None and m.kind in ("country", "capital", "demonym", "metonym", "igo"):
                return []  # it had a country and still did not resolve: leave it
        if tok.ent_type_ == "PERSON":
            ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
            name = ent.text if ent is not None else tok.text
        elif org and not titled_name:  # "the rebel Revolutionary United Front": a named group
            ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
            name = ent.text if ent is not None else tok.text
        elif titled_name:  # "Vice-President Moody Awori" (the small model may tag him ORG)
            words = [t for t in sorted(np, key=lambda t: t.i)
                     if t.pos_ == "PROPN" and by_token.get(t.i) is None and t.i <= tok.i]
            name = " ".join(t.text for t in words) or tok.text
        if sector is None and (name is None or tok.ent_type_ == "PERSON"):
            # a bare unknown name ("Graham said ...") could be from anywhere: no guess
            return []
        # civilians and refugees are where the event happens ("a Russian strike killed 12
        # people in Kharkiv"); other groups belong to the country the sentence is about
        iso = ctx.place if (sector in ("CVL", "REF") and ctx.place) else ctx.home
        return [Actor(text=tok.text if name is None else name, name=name or self.matcher.kb.countries.get(iso, iso),
                      country=iso, sector=sector, code=iso + (sector or ""), inferred=True)]

    # ------------------------------------------------------------------ date, place, rule
    def _date(self, sent: Span, anchor: Token, ref: Optional[date], inferred_year: Optional[int]):
        reference = ref or (date(inferred_year, 12, 31) if inferred_year else None)
        rd = sentence_date(sent, reference, anchor=anchor) if reference is not None else None
        if rd is not None and _dates_other_event(sent, rd.text, anchor):
            rd = None
        if rd is not None:
            return rd.iso, rd.precision
        if ref is not None:
            return ref.isoformat(), "story"
        if inferred_year is not None:
            return str(inferred_year), "year"
        return None, "story"

    def _place(self, sent: Span, anchor: Token, parties: set, found=None):
        """Where the event happened; ``found`` is the place already looked up for ``anchor``."""
        if self._gazetteer is None:
            self._gazetteer = Gazetteer()
        if found is None:
            found = event_location(sent, anchor, self._gazetteer) or self._untagged_place(anchor)
        where = self._party_free(found, parties)
        if where is None and anchor.pos_ in ("NOUN", "PROPN"):
            # "talks ... took place in Istanbul": the place hangs on the noun's verb
            head = anchor
            for _ in range(3):
                if head.head.i == head.i:
                    break
                head = head.head
                if head.pos_ in ("VERB", "AUX"):
                    where = self._party_free(event_location(sent, head, self._gazetteer), parties)
                    break
        return where

    def _untagged_place(self, anchor: Token):
        """A place the small NER model did not tag ("12 people in Kharkiv"): a capitalised
        proper noun after in/near/outside, close under the event word, that the gazetteer knows."""
        for t in anchor.subtree:
            if t.dep_ == "pobj" and t.pos_ == "PROPN" and not t.ent_type_ and t.head.lower_ in (
                    "in", "near", "outside", "around") and len(t.text) >= 4 and t.text[0].isupper():
                depth, h = 0, t
                while h.i != anchor.i and depth < 4:
                    h, depth = h.head, depth + 1
                if h.i != anchor.i:
                    continue
                loc = self._gazetteer.lookup(t.text)
                if loc is not None and loc.country:
                    return Location(name=loc.name, country=loc.country)
        return None

    def _party_free(self, where, parties: set):
        """Drop a 'place' that is one of the event's parties named as a country ("US-Russia
        talks" is not an event in Russia), or an organisation ("at the United Nations")."""
        if where is None:
            return None
        if where.country in parties and self.matcher.kb.country_names.get(where.name) == where.country:
            return None
        name = where.name[4:] if where.name.lower().startswith("the ") else where.name
        kb = self.matcher.kb
        if name in kb.igos or name in kb.metonyms or name in kb.people:
            return None
        return where

    @staticmethod
    def _rule(trig: _Trigger) -> str:
        rule = trig.match.pattern.rule_id
        if trig.rule_notes:
            rule += " +" + "+".join(trig.rule_notes)
        return rule

    @staticmethod
    def _confidence(trig: _Trigger, source: Actor, target: Optional[Actor]) -> float:
        c = 0.45 + 0.08 * (len(trig.match.pattern.words) - 1)
        c += 0.15 if (source.country or source.sector == "IGO") and not source.inferred else 0.0
        c += 0.15 if target is not None else 0.0
        c += 0.05 if trig.match.pattern.kind == "verb" else 0.0
        c -= 0.05 if trig.rule_notes else 0.0
        return max(0.05, min(0.95, c))


# ---------------------------------------------------------------------- grammar helpers
def _subject(verb: Token) -> Optional[Token]:
    t = verb
    for _ in range(5):
        for c in t.children:
            if c.dep_ in _SUBJ:
                if c.pos_ == "VERB" and c.tag_ in ("VBG", "VBN"):
                    # small-model misparse: "The Red Cross operating in Iraq said ...", "troops
                    # stationed in X said ..." -- the participle's own subject is the actor
                    own = next((g for g in c.children if g.dep_ == "nsubj" and g.pos_ in ("NOUN", "PROPN")), None)
                    if own is not None:
                        return own
                return c
        for c in t.children:  # small-model misparse: the subject hung on an auxiliary ("have been")
            if c.dep_ in ("aux", "auxpass"):
                for cc in c.children:
                    if cc.dep_ in _SUBJ:
                        return cc
        if t.dep_ in ("xcomp", "conj", "advcl", "acomp") and t.head.i != t.i:
            t = t.head
            continue
        if t.dep_ == "pcomp" and t.head.dep_ == "prep" and t.head.head.pos_ in ("VERB", "AUX"):
            t = t.head.head  # "resorted to throwing stones", "responded by expelling"
            continue
        if t.dep_ == "pcomp" and t.head.dep_ == "prep" and t.head.head.lemma_.lower() in _CULPABLE:
            t = t.head.head  # "X is guilty of violating ...", "X was responsible for shelling ..."
            continue
        if t.dep_ == "relcl":
            return t.head
        if t.dep_ == "acl" and t.head.pos_ in ("NOUN", "PROPN"):
            if _issued_statement(t):
                return _subject(t.head.head)  # "the party issued a statement condemning ...": the party
            return t.head
        break
    return None


# "X issued a statement condemning ...", "the council adopted a resolution demanding ...": the
# participle is what X said or did, not a description of some other document
_STATEMENT_NOUNS = {"statement", "declaration", "communique", "communiqué", "letter", "message",
                    "resolution", "note", "ultimatum", "decree", "appeal", "report", "warning"}
_ISSUE_VERBS = {"issue", "release", "publish", "adopt", "pass", "send", "deliver", "sign", "approve",
                "put", "make", "circulate", "post"}


def _main_verb_misread(verb: Token) -> bool:
    """Small-model misparse: in "Doctors from two aid groups donated and delivered goods to ..."
    the sentence has no verb root and its past-tense verb is read as a participle describing a
    noun. The first such participle of a verbless sentence is the main verb."""
    root = verb.sent.root
    if root.pos_ not in ("NOUN", "PROPN") or verb.tag_ != "VBN":
        return False
    first = next((t for t in verb.sent if t.dep_ == "acl" and t.tag_ == "VBN"), None)
    return first is not None and first.i == verb.i and not any(c.dep_ in ("agent", "auxpass") for c in verb.children)


def _issued_statement(verb: Token) -> bool:
    noun = verb.head
    return verb.dep_ == "acl" and verb.tag_ == "VBG" and noun.lemma_.lower() in _STATEMENT_NOUNS \
        and noun.dep_ == "dobj" and noun.head.lemma_.lower() in _ISSUE_VERBS


def _object(verb: Optional[Token]) -> Optional[Token]:
    if verb is None:
        return None
    for c in verb.children:
        if c.dep_ in ("dobj", "dative", "iobj"):
            return c
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ in ("on", "upon", "to"):
            for p in c.children:
                if p.dep_ == "pobj":
                    return p
    return None


def _by_agent(verb: Token) -> Optional[Token]:
    for c in verb.children:
        if c.dep_ == "agent":
            for p in c.children:
                if p.dep_ == "pobj":
                    return p
    return None


def _speaker(clause: Token) -> Optional[Token]:
    """The speaker of reported speech governing ``clause``: "Lavrov said (that) ..."."""
    t = clause
    for _ in range(4):
        if t.dep_ in ("ccomp", "parataxis", "xcomp", "conj") and t.head.lemma_.lower() in _SPEECH_LEMMAS:
            s = _subject(t.head)
            if s is not None:
                return s
        if t.head.i == t.i:
            break
        # "..., Lavrov said." : the speech verb attached to our root as parataxis/advcl
        t = t.head
    for c in clause.children:
        if c.dep_ in ("parataxis", "advcl") and c.lemma_.lower() in _SPEECH_LEMMAS:
            s = _subject(c)
            if s is not None:
                return s
    # "according to X"
    for tok in clause.subtree:
        if tok.lower_ == "according" and tok.nbor(1).lower_ == "to" if tok.i + 1 < len(tok.doc) else False:
            for p in tok.nbor(1).children:
                if p.dep_ == "pobj":
                    return p
    return None


def _governor(anchor: Token, mod: dict, trigger_verbs: frozenset = frozenset()) -> tuple[Optional[Token], Optional[str]]:
    gov_of = mod["_governor_of"]
    t = anchor
    # "cancelled a planned visit", "suspended the talks": the event noun is the halting verb's object
    if t.dep_ == "dobj" and gov_of.get(t.head.lemma_.lower()) == "halt" and t.head.i not in trigger_verbs:
        return t.head, "halt"
    infinitival = t.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children) \
        and not any(c.dep_ == "mark" for c in t.children)   # "have sworn to fight" misparsed as advcl
    # aspectual verbs pass the governor through: "prepared to resume shelling", "agreed to
    # continue talks"
    while t.dep_ == "xcomp" and t.head.lemma_.lower() in _ASPECTUAL and t.head.dep_ in ("xcomp", "ccomp"):
        t = t.head
    if t.dep_ in ("xcomp", "ccomp", "pcomp", "acl") or infinitival or (
            t.dep_ == "pobj" and t.head.dep_ == "prep" and t.head.lower_ in ("to", "for", "on", "of", "into", "toward", "towards")):
        # (a noun after "at", "in", "during" ... is a circumstance, not what is pledged or refused)
        head = t.head
        if t.dep_ == "pobj":
            head = t.head.head  # "call for talks": for -> call ; "refusal to"
        if head.dep_ == "acomp" and head.lemma_.lower() in mod["intent_adjectives"]:
            return head.head, "intent"
        if head.pos_ == "ADJ" and head.lemma_.lower() in mod["intent_adjectives"]:
            return head, "intent"
        hl = head.lemma_.lower()
        noun_kind = ("intent" if hl in mod["intent_nouns"] else "reject" if hl in mod["reject_nouns"]
                     else "demand" if hl in mod["demand_nouns"] else "appeal" if hl in mod["appeal_nouns"]
                     else None)
        if noun_kind and head.pos_ == "NOUN" and head.head.pos_ in ("VERB", "AUX") \
                and head.head.i not in trigger_verbs \
                and not any(c.dep_ in ("compound", "nmod") or c.dep_ == "poss" and c.pos_ != "PRON"
                            for c in head.children):
            return head.head, noun_kind   # "reiterated its willingness to resume talks"
        if t.dep_ == "ccomp" and head.pos_ in ("VERB", "AUX") and head.i not in trigger_verbs:
            # "reiterated its demand today that Israel ease ...": the that-clause hung on the verb
            # instead of on the noun it completes
            for c in head.children:
                if c.dep_ == "dobj" and c.i < t.i and c.pos_ == "NOUN":
                    cl = c.lemma_.lower()
                    nk = ("demand" if cl in mod["demand_nouns"] else "appeal" if cl in mod["appeal_nouns"]
                          else "intent" if cl in mod["intent_nouns"] else None)
                    if nk is not None and any(g.dep_ == "mark" and g.lower_ == "that" for g in t.children):
                        return head, nk
        kind = gov_of.get(head.lemma_.lower())
        if kind is not None and head.pos_ in ("VERB", "AUX"):
            if kind in ("appeal", "demand") and t.dep_ == "ccomp" and head.lemma_.lower() in ("tell", "say"):
                return None, None
            return head, kind
    return None, None


def _condition_clause(verb: Token) -> Optional[Token]:
    """The "if"/"unless" clause attached to ``verb``, if any."""
    for c in verb.children:
        if c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in ("if", "unless") for g in c.children):
            return c
    return None


def _infinitival(clause: Token) -> bool:
    """"(in order) to help defend ...": a to-infinitive with no subordinating conjunction."""
    return any(g.dep_ == "aux" and g.lower_ == "to" for g in clause.children) and \
        not any(g.dep_ == "mark" for g in clause.children)


def _negated(tok: Token) -> bool:
    for c in tok.children:
        if c.dep_ == "neg":
            return True
        if c.dep_ in _SUBJ and c.lower_ in ("nobody", "neither", "none"):
            return True
    return False


def _is_future(tok: Token, future_aux) -> bool:
    """"will meet", "would allow", "is going to meet", and "would help restore" (the future
    sits on a verb the event verb complements)."""
    fut = set(future_aux)
    t = tok
    for _ in range(3):
        for c in t.children:
            if c.dep_ in ("aux", "auxpass") and c.lower_ in fut:
                return True
            if c.dep_ == "aux" and c.lower_ == "to" and t.head.lemma_ == "go" and t.dep_ == "xcomp":
                return True
        if t.dep_ == "xcomp" and t.head.i != t.i:
            t = t.head
        else:
            break
    return False


def _has_mark(tok: Token, marks, hypothetical_main: bool = False) -> bool:
    """Is ``tok``'s clause conditional ("if they meet")?  With ``hypothetical_main``, also a
    main clause that only happens under a condition ("would only happen once a deal is
    ready") -- used for nominal events; a conditional offer with an event verb ("they would
    meet him if ...") is still an offer, as CAMEO codes it."""
    marks = set(marks)
    t = tok
    for _ in range(2):
        for c in t.children:
            if c.dep_ == "mark" and c.lower_ in marks:
                return True
            if hypothetical_main and c.dep_ == "advcl" and \
                    any(g.dep_ == "mark" and g.lower_ in marks for g in c.children) and \
                    any(a.dep_ == "aux" and a.lower_ in ("would", "could", "might") for a in t.children):
                return True
        if t.dep_ in ("conj", "xcomp") and t.head.i != t.i:
            t = t.head
        else:
            break
    return False


def _depth(t: Token) -> int:
    d = 0
    while t.head.i != t.i and d < 20:
        t = t.head
        d += 1
    return d


_BACKGROUND_WORDS = {"since", "after", "before", "until", "following", "ago", "prior"}
_ASPECTUAL = {"resume", "continue", "begin", "start", "keep", "restart", "renew"}


def _dates_other_event(sent: Span, date_text: str, anchor: Token) -> bool:
    """Does the date belong to a background event ("the first visit since Russia's invasion
    in February 2022")?  True when the way from the date up to the event's trigger passes
    through "since", "after", "before", ... or through another clause."""
    ent = next((e for e in sent.ents if e.label_ == "DATE" and e.text == date_text), None)
    if ent is None:
        return False
    if anchor.i < ent.start and any(tok.lower_ == "since" for tok in sent.doc[anchor.i + 1:ent.start]):
        return True  # "... to visit Washington since the invasion in February 2022" (however parsed)
    t = ent.root
    anchor_path = {a.i for a in [anchor, *anchor.ancestors]}
    for _ in range(12):
        if t.i in anchor_path:
            return False
        if t.lower_ in _BACKGROUND_WORDS and t.dep_ in ("prep", "mark", "advmod"):
            return True
        if t.head.i == t.i:
            return False
        t = t.head
    return False


def _unique(actors: list[Actor]) -> list[Actor]:
    seen = set()
    out = []
    for a in actors:
        key = (a.name, a.code)
        if key not in seen:
            seen.add(key)
            out.append(a)
    return out


def _n_words(doc: Doc) -> int:
    return sum(1 for t in doc if not t.is_punct and not t.is_space)


def _chunks(items: Iterable, n: int):
    buf = []
    for it in items:
        buf.append(it)
        if len(buf) >= n:
            yield buf
            buf = []
    if buf:
        yield buf
