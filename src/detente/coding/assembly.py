"""Assembly: the events of one story from its annotated docs.

A story arrives as one parsed doc, or with the prefilter as several docs cut from it, each with
its character offset in the story.  The coder's components have annotated every sentence
(``sent._.event_triggers`` with their role slots and circumstances, ``sent._.country_counts``);
:class:`StoryAssembler` walks the sentences in story order, carrying the story's
:class:`~detente.coding.discourse.Discourse`, and turns each trigger whose actors can be placed
into :class:`~detente.schema.Event` records: code, PLOVER type and Goldstein score from the CAMEO
table, date, place, the sentence, its span in the story and the rule.  A statement is kept only
when the sentence holds nothing else from the same source.
"""
from __future__ import annotations

from datetime import date
from typing import Iterable, Optional

from spacy.tokens import Doc, Span

from ..actors.matcher import Mention
from ..datafiles import issue_taxonomy
from ..nlp.dates import infer_reference_year
from ..nlp.pieces import as_written
from ..ontology import cameo_table
from ..schema import Actor, CodedStory, Event, Story
from .calibration import event_confidence
from .circumstances import event_date, event_place, scheduled
from .discourse import Discourse, is_person, rule_words, side_key
from .modality import Trigger, as_arranged
from .resolution import ActorResolver
from .tables import codes

# the matters of the normalization agenda (issues.yaml entries of detente's own, not the compiled
# Phoenix issue tags: weapons, crimes), by which an act told twice is told of two matters
_AGENDA_ISSUES = frozenset(e.id for e in issue_taxonomy().issues if e.source == "detente")

_C = codes()


class StoryAssembler:
    def __init__(self, resolver: ActorResolver) -> None:
        self.resolver = resolver
        self.codes = cameo_table()

    def code_story(self, story: Story, parts: Iterable[tuple[Doc, int]], n_words: Optional[int] = None) -> CodedStory:
        """The events of ``story`` from its annotated docs, each with its offset in the story.
        ``parts`` is read once, in order: a long story's pieces can be parsed as they are read,
        so that only one is held at a time.  ``n_words``: the story's words (default: those of
        the docs)."""
        ref = story.date
        inferred_year = infer_reference_year(story.text) if ref is None else None
        ctx = Discourse()
        if story.speaker:       # a statement's author speaks in its "we" until a transcript label says otherwise
            ctx.speaker = ctx.author = self.resolver.named_speaker(story.speaker, reference_day(ref, inferred_year))
        if ctx.author is None and story.source:
            # an official text's publisher (a ministry, a presidency): the author whose own
            # officials it names by title alone -- not a voice for "we"
            ctx.author = self.resolver.named_publisher(story.source)
        events: list[Event] = []
        mentions_total: dict[str, int] = {}
        sid = 0
        words = 0
        discarded = False
        for doc, offset in parts:
            words += sum(1 for t in doc if not t.is_punct and not t.is_space)
            discarded = discarded or any(scope == "story" for _, scope in doc._.discards or ())
            for iso, n in doc._.country_mentions.items():
                mentions_total[iso] = mentions_total.get(iso, 0) + n
            for sent in doc.sents:
                events.extend(self.sentence_events(sent, offset, sid, story, ctx, ref, inferred_year))
                sid += 1
        if discarded:
            events = []     # a discard phrase of the story's kind: sports, entertainment (compiled dictionaries)
        return CodedStory(story=story, events=events, country_mentions=mentions_total,
                          n_sentences=sid, n_words=words if n_words is None else n_words)

    def sentence_events(self, sent: Span, offset: int, sid: int, story: Story, ctx: Discourse,
                        ref: Optional[date], inferred_year: Optional[int]) -> list[Event]:
        by_token: dict[int, Mention] = sent.doc._.mention_at
        on = reference_day(ref, inferred_year)
        ctx.enter_sentence(sent._.country_counts)
        if sent._.speaker_label is not None:     # a transcript's "SECRETARY RUBIO:" (or "QUESTION:")
            ctx.speaker = self.resolver.speaker(sent._.speaker_label, on) or \
                self.resolver.authors_titled_speaker(sent._.speaker_label, on, ctx)
            ctx.transcript = True
            ctx.briefer = ctx.speaker is None and self.resolver.briefer_label(sent._.speaker_label, ctx)
        elif sent._.titled_label is not None:    # "Vladimir Putin:", then "Question:"
            who = self.resolver.named_speaker(" ".join(sent._.titled_label), on)
            if who is not None or ctx.transcript:
                ctx.speaker, ctx.transcript = who, True
        out: list[Event] = []
        seen: dict[tuple, Event] = {}
        has_non_statement = False
        # a discard phrase of the sentence's kind (the compiled dictionaries): no event from it
        discarded = any(sent.start <= i < sent.end and scope == "sentence" for i, scope in sent.doc._.discards or ())
        root_subject = next((c for c in sent.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        subject_person: Optional[Actor] = None
        for trig in () if discarded else sent._.event_triggers:
            place = trig.circumstances.place
            ctx.place = place.country if place is not None else None
            pairs = self.resolver.actors(trig, by_token, on, ctx)
            if not pairs:
                continue
            if scheduled(sent, trig, ref):
                as_arranged(trig, self.codes)    # an arrangement is announced, not yet done
            when = event_date(sent, trig, ref, inferred_year)
            if when is None:
                continue    # background: history or a recap, dated before the story's period
            info = self.codes[trig.code]
            # (a pattern PLOVER types apart from its CAMEO code -- a ceasefire agreed to is CONCEDE --
            # while modality has left the code as the pattern's)
            own_type = trig.match.pattern.plover_type if trig.code == trig.match.pattern.code else None
            plover_type = own_type or info.plover_type
            plover_mode = None if own_type and own_type != info.plover_type else info.plover_mode
            if info.plover_type is not None:
                has_non_statement = True
            elif has_non_statement:
                continue
            where = event_place(trig, {a.country for st in pairs for a in st if a is not None}, self.resolver.kb)
            named = self._untargeted(trig, pairs, where)
            if trig.match.pattern.needs_target:
                # towards no one named: no event -- nor towards where its goal lies ("reaffirmed its
                # commitment to a durable peace in Ukraine" names no one to cooperate with)
                named = [(s_, t_) for (_, t0), (s_, t_) in zip(pairs, named) if t_ is not None and not (
                    t0 is None and where is not None and where.country == t_.country)]
            pairs = named
            if root_subject is not None and trig.roles.subject is not None and trig.roles.subject.i == root_subject.i:
                subject_person = next((s_ for s_, _ in pairs if is_person(s_)), subject_person)
            for source, target in pairs:
                key = (source.code, source.name, target.code if target else None,
                       target.name if target else None, trig.code)
                if key in seen:
                    # the same act told again ("Lavrov met Rubio in Riyadh and discussed sanctions"):
                    # one event, about whatever either telling names
                    first = seen[key]
                    first.issues[:] = sorted({*first.issues, *trig.issues})
                    continue
                trigger_start = offset + trig.match.trigger.idx
                out.append(Event(
                    # each named party its own mention, as the key above: "Rubio, Waltz and Witkoff
                    # met Lavrov" is three (the store's unique_events counts one meeting; a
                    # statement stays its speaker's)
                    event_id=Event.make_id(story.id, trigger_start, trig.code, _party_key(source),
                                           _party_key(target) if target else None),
                    story_id=story.id, sentence_id=sid,
                    sentence=as_written(sent.text, story.text, offset + sent.start_char).strip(),
                    span=(offset + sent.start_char, offset + sent.end_char),
                    date=when[0], date_precision=when[1], source=source, target=target,
                    event_type=plover_type, mode=plover_mode, context=info.plover_context,
                    cameo=trig.code, goldstein=info.goldstein, quad_class=info.quad_class,
                    location=where, rule=trig.rule, confidence=event_confidence(trig.rule, source, target),
                    trigger=" ".join(_as_written(t) for t in sorted(trig.match.tokens, key=lambda t: t.i)),
                    negated=trig.negated, issues=list(trig.issues)))
                seen[key] = out[-1]
        # an act of a kind the sentence also tells of the same doer towards someone, told again
        # with no one named, is the same act ("Rubio met Lavrov and discussed the war", "Russia
        # struck Kyiv, launching hundreds of drones"): one event, the one that names its target
        aimed: dict[tuple, set[str]] = {}
        for e in out:
            if e.target is not None and e.source is not None and e.event_type is not None:
                aimed.setdefault((e.source.code, e.event_type), set()).update(e.issues)
        # (unless it is about an agenda matter the other is not: "lift its pause on intelligence
        # sharing with Kyiv and resume security assistance" keeps the military aid; a weapon named,
        # "launched 400 drones", is no other matter)
        out = [e for e in out if not (e.target is None and e.source is not None and e.event_type is not None
                                      and (e.source.code, e.event_type) in aimed
                                      and not (set(e.issues) & _AGENDA_ISSUES) - aimed[(e.source.code, e.event_type)])]
        # remember this sentence's actors for pronouns and "both sides" in the next ones
        ctx.last_subject = root_subject.lemma_.lower() if root_subject is not None else None
        # ("The Europeans are not interested in peace. They keep sending weapons": a plural main
        # subject that names no party leaves the next "they" no one's)
        ctx.last_plural_subject_unplaced = root_subject is not None and root_subject.tag_ in ("NNS", "NNPS") and \
            root_subject.pos_ != "PRON" and not any(e.source is not None for e in out) and \
            not self.resolver.resolve(root_subject, by_token, on, ctx, guess_country=False)
        ctx.last_subject_person = subject_person
        if out:
            pairs = {(e.source.code, e.target.code): e for e in out if e.source is not None and e.target is not None
                     and e.event_type is not None}
            mutual = next(((e.source, e.target) for (a, b), e in pairs.items()
                           if (b, a) in pairs and side_key(e.source) != side_key(e.target)), None)
            if mutual is None:
                # "Qatar hosted talks between the Congolese government and the M23": the two the
                # talks were between acted with each other
                hosted = [e.target for e in out if e.cameo.startswith(_C.hosting) and e.target is not None]
                if len({side_key(a) for a in hosted}) == 2 and len(hosted) == 2:
                    mutual = (hosted[0], hosted[1])
            if mutual:      # (kept through sentences of one side's acts: "Ukraine was not invited")
                ctx.last_mutual = list(mutual)
            ctx.last_doers += [(e.cameo, e.source, rule_words(e.rule), e.event_type is None) for e in out
                               if e.source is not None and
                               (e.event_type is not None or e.cameo.startswith(tuple(_C.statement)))]
            del ctx.last_doers[:-20]
        for ev in out:
            for a in (ev.source, ev.target):
                if a is not None:
                    ctx.note(a)
        # the sentence's typed events by the act they code (one trigger, rule and code: its subjects'
        # events of it) -- the parties that did one act together, aimed at someone else (not two
        # that met each other), and whom such acts addressed: for a "they" of the next main clause
        by_act: dict[tuple, list[Event]] = {}
        for ev in out:
            if ev.source is not None and ev.event_type is not None:
                by_act.setdefault((ev.rule, ev.trigger, ev.cameo), []).append(ev)
        joint = [[e for e in evs if not e.source.inferred] for evs in by_act.values()]
        acts = [evs for evs in joint if len({e.source.country or e.source.code for e in evs}) >= 2
                and not {e.target.code for e in evs if e.target is not None} & {e.source.code for e in evs}]
        ctx.last_joint_doers = [e.source for e in acts[0]] if acts else []
        ctx.last_addressed = [e.target for evs in acts for e in evs if e.target is not None]
        # (a meeting, a call, talks: what makes two parties "the two sides" of what follows; one
        # party accepting another's plan does not -- "Israel accepted the American proposal. Trump
        # accused both sides" are still Israel and Iran)
        together = [a for ev in out if ev.cameo.startswith(_C.visit)
                    for a in (ev.source, ev.target) if a is not None]
        if len({a.country or a.code for a in together}) >= 2:
            ctx.last_named_together = together
            ctx.last_people_together = []
        else:
            # ... and two people of two countries who do one act together, as its subjects, are
            # "the two leaders" of what follows ("Aliyev and Pashinyan thanked Trump. The two
            # leaders also agreed ..." are Aliyev and Pashinyan, however often Trump was named)
            doers_by_act = ([e.source for e in evs if is_person(e.source)] for evs in by_act.values())
            people = next((doers for doers in doers_by_act if len({a.country for a in doers} - {None}) == 2), [])
            if people:
                ctx.last_people_together = people
        # every person the sentence names, in any role, for a bare title later ("Have you spoken
        # with Foreign Minister Sybiha?" ... "I've talked to the foreign minister")
        people = {m.end - 1 for i in range(sent.start, sent.end)
                  if (m := by_token.get(i)) is not None and m.kind == "person"}
        for i in sorted(people):
            for a in self.resolver.matcher.actors_for(sent.doc[i], by_token, on):
                if is_person(a):
                    ctx.name_person(a)
        # and every international body, for "the Council" later ("Remarks at a UN Security
        # Council briefing ... We call on the Council to ...")
        bodies = {m.end - 1 for i in range(sent.start, sent.end)
                  if (m := by_token.get(i)) is not None and m.kind == "igo"}
        for i in sorted(bodies):
            for a in self.resolver.matcher.actors_for(sent.doc[i], by_token, on):
                if not is_person(a):
                    ctx.name_body(a)
        # ... and the body whose office a person holds ("IAEA chief Rafael Grossi": the IAEA)
        for i in sorted(people):
            for a in self.resolver.matcher.actors_for(sent.doc[i], by_token, on):
                body = self.resolver.body_of(a)
                if body is not None:
                    ctx.name_body(body)
        # and the people the sentence has as subjects (speakers too), for "he" and surnames later
        for tok in sent._.named_subjects:
            for a in (self.resolver.matcher.actors_for(tok, by_token, on) or
                      self.resolver.authors_office(tok, by_token, on, ctx)):
                ctx.note(a)
        # an act with no one named as its target, when another trigger of the sentence tells the
        # same act by the same party towards someone ("Turkey offered to host [a new round of
        # talks between Russia and Ukraine]"), is that act told again -- unless it tells what the
        # act was about ("Lavrov met Rubio and discussed sanctions": the discussion keeps its topic)
        aimed: dict[tuple, set] = {}
        for e in out:
            if e.source is not None and e.target is not None:
                aimed.setdefault((e.cameo, e.source.code, e.source.name), set()).update(e.issues)
        out = [e for e in out if e.target is not None or e.source is None or
               (key := (e.cameo, e.source.code, e.source.name)) not in aimed or not set(e.issues) <= aimed[key]]
        # an event noun that names again what a verb of the sentence tells, by the same party
        # towards the same country ("arrived in Washington for talks, the first visit by a senior
        # Russian official since 2022"; "extended the mandate of its peacekeeping mission in
        # Lebanon") is that act told twice
        def retold(e: Event) -> tuple:
            return e.cameo, e.source.country or e.source.code, e.target.country if e.target else None
        told = {retold(e): e for e in out if e.rule.startswith("verb:") and e.source is not None}
        retelling = {id(e): told[retold(e)] for e in out
                     if e.rule.startswith("noun:") and e.source is not None and retold(e) in told}
        for e in out:
            if id(e) in retelling:      # (the verb's event keeps what the noun adds)
                retelling[id(e)].issues = sorted(set(retelling[id(e)].issues) | set(e.issues))
        out = [e for e in out if id(e) not in retelling]
        # statements only when the sentence holds nothing else from the same source
        if has_non_statement:
            out = [e for e in out if e.event_type is not None or
                   not any(o.event_type and o.source and e.source and o.source.code == e.source.code for o in out)]
        return out

    def _untargeted(self, trig: Trigger, pairs, where):
        """Give events with no named target the target their kind implies."""
        if any(t_ is None for _, t_ in pairs) and trig.code.startswith(_C.place_target + _C.visited_place):
            # material acts, offers and threats without a named target fall on the place
            # they are done in or aimed at, and visits on the country visited
            place = self.resolver.place_target(trig, where, {s_.country for s_, _ in pairs})
            if place is not None and trig.match.pattern.swap and any(s_.country == place.country for s_, _ in pairs):
                place = None    # ("the coast guard tracked a Russian submarine": no show of force at Russia)
            if place is not None and not any(s_.text == place.text for s_, _ in pairs):
                # (not the place that is itself the doer: "were expelled from Moscow")
                pairs = [(s_, t_ if t_ is not None else place) for s_, t_ in pairs]
        if (any(t_ is None for _, t_ in pairs) and (trig.match.pattern.code.startswith(_C.self_directed)
                                                     or trig.code.startswith(_C.domestic_restriction))
                and not trig.match.pattern.owed_to_others
                and not any(c.pos_ == "PROPN" and c.ent_type_ != "PERSON" and c.dep_ in ("dobj", "nsubjpass")
                            for c in trig.roles.target_candidates[:1])):
            # (not when it names what it is done to, unknown to us and no person: "designated Tren
            # de Aragua as a terrorist organization" is no act on the designator's own country)
            # domestic concessions -- resigning, easing bans, reforms, demobilizing, calling
            # off protests -- with no one named are yielded to the actor's own country (not
            # keeping an agreement, which is owed to its other parties)
            pairs = [(s_, t_ if t_ is not None or not s_.country else
                      self.resolver.country_actor(s_.country, inferred=True)) for s_, t_ in pairs]
        return pairs


def _as_written(tok) -> str:
    """A trigger word as the text has it: a word in two hyphened halves whole ("cease-fire")."""
    if tok.i >= 2 and tok.doc[tok.i - 1].text == "-" and not tok.doc[tok.i - 2].whitespace_ and \
            tok.lemma_.lower().startswith(tok.doc[tok.i - 2].lower_ + tok.lower_[:1]):
        return tok.doc[tok.i - 2:tok.i + 1].text
    return tok.text


def reference_day(ref: Optional[date], inferred_year: Optional[int]) -> Optional[date]:
    """The day offices and tenures are looked up on: the story's date, else mid-year of the year
    its text implies."""
    return ref or (date(inferred_year, 7, 1) if inferred_year else None)


def _party_key(actor: Actor) -> str:
    """What an event id knows a party by: its code and its name ("USAGOV/Mike Waltz")."""
    return f"{actor.code or ''}/{actor.name or ''}"
