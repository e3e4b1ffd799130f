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

from datetime import date
from typing import Iterable, Iterator, Optional

from spacy.tokens import Doc
from spacy.util import minibatch

from ..actors.kb import ActorKB, default_kb
from ..actors.matcher import ActorMatcher
from ..actors.mentions import ActorMentions
from ..nlp.pipeline import load_model
from ..nlp.places import Gazetteer
from ..schema import CodedStory, Event, Story
from .assembly import StoryAssembler
from .circumstances import EventCircumstances
from .issues import EventIssues
from .discourse import DiscourseCues
from .lexicon import Lexicon, default_lexicon
from .modality import EventModality
from .resolution import ActorResolver
from .roles import EventRoles
from .triggers import EventTriggers

CODER_VERSION = "0.1"

# the prefilter's kept share of a story's characters above which the whole story is parsed
_WHOLE_STORY_SHARE = 0.8


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
        if self.prefilter:
            yield from self._code_prefiltered(stories, bs)
            return
        pairs = ((s.text, s) for s in stories)
        for doc, story in self.nlp.pipe(pairs, as_tuples=True, batch_size=bs):
            yield self.assembler.code_story(story, [(self.annotate(doc), 0)], n_words=_n_words(doc))

    def annotate(self, doc: Doc) -> Doc:
        """Run the coder's components on a parsed doc."""
        for component in self.components:
            doc = component(doc)
        return doc

    # ------------------------------------------------------------------ prefilter
    def _code_prefiltered(self, stories: Iterable[Story], bs: int) -> Iterator[CodedStory]:
        from .prefilter import Prefilter

        if self._prefilter_automaton is None:
            self._prefilter_automaton = Prefilter(self.matcher.surface_forms, self.lexicon, self.nlp,
                                                  offices=self.matcher.kb.offices, agents=self.matcher.kb.agents)
        pf = self._prefilter_automaton
        for chunk in minibatch(stories, bs):
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
                parts = [(self.annotate(next(docs)), off) for _, off in kept]
                yield self.assembler.code_story(story, parts, n_words=n_words)


def _n_words(doc: Doc) -> int:
    return sum(1 for t in doc if not t.is_punct and not t.is_space)
