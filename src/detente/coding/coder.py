"""The event coder: stories in, PLOVER/CAMEO events with provenance out.

:class:`Coder` parses stories with spaCy (``nlp.pipe``) and runs the coder's own components on
each parsed doc, in this order:

1. ``actor_mentions`` (:mod:`detente.actors.mentions`): the knowledge base's names;
2. ``event_triggers`` (:mod:`.triggers`): lexicon patterns on verbs and nouns, and the clause
   each event noun hangs on;
3. ``event_modality`` (:mod:`.modality`): governing verbs, negation, future, possibility and
   conditions change or remove each event's CAMEO code, as ``modality.yaml`` says;
4. ``event_roles`` (:mod:`.roles`): the phrases that can be the source and the target;
5. ``event_circumstances`` (:mod:`.circumstances`): the place and the date expressions;
6. ``discourse_cues`` (:mod:`.discourse`): the countries and named subjects of each sentence;
7. ``event_issues`` (:mod:`.issues`): what each event is about, from the issue taxonomy's
   phrases in the event's own clause.

Then :class:`~detente.coding.assembly.StoryAssembler` walks the story's sentences with the
story's context (pronouns, "both sides", surnames, the country the story is about), places the
actors (:mod:`.resolution`), resolves dates against the story's date and builds the events.  A
sentence with no trigger, or a trigger whose actors cannot be placed, yields no event: precision
matters as much as recall.

The components are spaCy factories (``nlp.add_pipe("event_triggers")`` ...) with their state on
``Doc``/``Span`` extensions; the coder creates its own instances rather than adding them to the
shared, cached model, so coders with different lexicons or knowledge bases share one model.
"""
from __future__ import annotations

import logging
from datetime import date
from typing import Iterable, Iterator, Optional

from spacy.tokens import Doc
from spacy.util import minibatch

from ..actors.kb import ActorKB, default_kb
from ..actors.matcher import ActorMatcher
from ..actors.mentions import ActorMentions
from ..errors import reason
from ..nlp.pieces import MAX_SYMBOL_RUN, PIECE_CHARS, blank_symbol_runs, pieces, straight_apostrophes
from ..nlp.pipeline import load_model
from ..nlp.places import Gazetteer
from ..schema import CodedStory, Event, Story
from .assembly import StoryAssembler
from .circumstances import EventCircumstances
from .discourse import DiscourseCues
from .issues import EventIssues
from .lexicon import Lexicon, default_lexicon
from .modality import EventModality
from .resolution import ActorResolver
from .roles import EventRoles
from .triggers import EventTriggers

CODER_VERSION = "0.1"

# the prefilter's kept share of a story's characters above which the whole story is parsed
_WHOLE_STORY_SHARE = 0.8
# characters of text in one spaCy batch (at least one text): a long story's pieces are parsed
# one at a time, so memory stays flat (1 MB: 0.7 GB peak, where whole it takes 3.1 GB)
_BATCH_CHARS = PIECE_CHARS
log = logging.getLogger("detente.coding")


class Coder:
    """Codes stories into events.  One instance loads spaCy, the actor KB and the lexicon once.

    >>> coder = Coder()
    >>> coded = coder.code_story(Story(id="s1", text="Lavrov met Rubio in Riyadh on Tuesday.",
    ...                                date=date(2025, 2, 20)))
    """

    def __init__(self, nlp=None, *, kb: Optional[ActorKB] = None, lexicon: Optional[Lexicon] = None,
                 actor_files: Iterable[str] = (), lexicon_files: Iterable[str] = (),
                 prefilter: bool = False, batch_size: int = 64, fast: bool = False) -> None:
        if kb is None:
            kb = ActorKB.load(extra=actor_files) if actor_files else default_kb()
        # fast: spaCy without its statistical NER, rule-based entities instead (nlp/entities.py),
        # which label the names this coder's knowledge base knows
        self.nlp = nlp if nlp is not None else load_model(fast=fast, names=kb.known_names() if fast else None)
        self.fast = fast
        if self.nlp.has_pipe("proper_name_entities") and self.nlp.get_pipe("proper_name_entities").names is None:
            self.nlp.get_pipe("proper_name_entities").use_names(kb.known_names())
        self.matcher = ActorMatcher(self.nlp.vocab, kb, place_country=self._place_country)
        self.lexicon = lexicon or (Lexicon.load(extra=lexicon_files) if lexicon_files else default_lexicon())
        if self.nlp.has_pipe("hyphen_word_lemmas"):
            # "cease-fire" is the lexicon's "ceasefire" (a one-word spelling the model's dictionary lacks)
            self.nlp.get_pipe("hyphen_word_lemmas").use_words(self.lexicon.vocabulary())
        self.prefilter = prefilter
        self.batch_size = batch_size
        self._gazetteer = Gazetteer()          # its index is built on first lookup
        self._prefilter_automaton = None
        self.components = [ActorMentions(self.matcher), EventTriggers(self.lexicon), EventModality(),
                           EventRoles(self._place_country), EventCircumstances(self._gazetteer),
                           DiscourseCues(self._place_country), EventIssues(self.nlp.tokenizer)]
        self.assembler = StoryAssembler(ActorResolver(self.matcher))

    def _place_country(self, name: str) -> Optional[str]:
        return self._gazetteer.country_of(name)

    # ------------------------------------------------------------------ public API
    def code_story(self, story: Story) -> CodedStory:
        return next(iter(self.code_stories([story])))

    def code_text(self, text: str, *, story_date: Optional[date] = None,
                  story_id: Optional[str] = None) -> list[Event]:
        story = Story(id=story_id or Story.content_id(text), text=text, date=story_date)
        return self.code_story(story).events

    def code_stories(self, stories: Iterable[Story], batch_size: Optional[int] = None) -> Iterator[CodedStory]:
        bs = batch_size or self.batch_size
        for chunk in minibatch(stories, bs):
            plans = [self._plan(story) for story in chunk]
            docs = self._parse([text for plan in plans for text, _ in plan], bs)
            for story, plan in zip(chunk, plans):
                parts = ((self.annotate(next(docs)), offset) for _, offset in plan)   # parsed as read
                n_words = self._prefilter().word_count(story.text) if self.prefilter else None
                yield self.assembler.code_story(story, parts, n_words=n_words)

    def annotate(self, doc: Doc) -> Doc:
        """Run the coder's components on a parsed doc."""
        for component in self.components:
            doc = component(doc)
        return doc

    # ------------------------------------------------------------------ what to parse
    def _plan(self, story: Story) -> list[tuple[str, int]]:
        """The stretches of ``story`` to parse, each with its offset in the story: the whole
        story, or with the prefilter the runs of sentences that can hold an event; pieces of at
        most 100,000 characters (spaCy refuses texts over its max_length); long runs of symbols
        read as spaces (:mod:`detente.nlp.pieces`)."""
        text, runs = blank_symbol_runs(straight_apostrophes(story.text))
        if runs:
            log.warning("[E211] %s: %s", story.id, reason("E211", runs=len(runs), limit=MAX_SYMBOL_RUN,
                        chars=sum(b - a for a, b in runs), offset=runs[0][0]))
        kept = [(text, 0)]
        if self.prefilter:
            kept = self._prefilter().candidate_sentences(text)
            if len(kept) > 1 and sum(len(t) for t, _ in kept) > _WHOLE_STORY_SHARE * len(text):
                # nearly all of it is kept: one whole text parses faster than its fragments
                # (and exactly as without the prefilter)
                kept = [(text, 0)]
        return [(piece, offset + at) for part, offset in kept for piece, at in pieces(part)]

    def _parse(self, texts: list[str], bs: int) -> Iterator[Doc]:
        """Docs of ``texts`` in order, parsed in spaCy batches of at most ``bs`` texts and, when
        long stories come in pieces, about ``_BATCH_CHARS`` characters (memory stays flat)."""
        start = 0
        while start < len(texts):
            end, size = start, 0
            while end < len(texts) and end - start < bs and (end == start or size + len(texts[end]) <= _BATCH_CHARS):
                size += len(texts[end])
                end += 1
            yield from self.nlp.pipe(texts[start:end], batch_size=bs)
            start = end

    def _prefilter(self):
        from .prefilter import Prefilter

        if self._prefilter_automaton is None:
            self._prefilter_automaton = Prefilter(self.matcher.surface_forms, self.lexicon, self.nlp,
                                                  offices=self.matcher.kb.offices, agents=self.matcher.kb.agents,
                                                  lemma_tables=not self.fast)
        return self._prefilter_automaton
