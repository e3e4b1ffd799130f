"""Discourse context: what earlier sentences of a story said, for the sentences after them.

The ``discourse_cues`` component records per sentence what the story's context is built from:
``sent._.country_counts`` (ISO3 -> how often the sentence names the country, or, when it names
none, places the gazetteer knows: "in Algiers") and ``sent._.named_subjects`` (proper-noun
subjects the knowledge base knows, for "he" and surnames later).  :class:`Discourse` carries the
context through one story, across sentences and, with the prefilter, across the parsed pieces
of the story: the people and groups named so far, surnames, the country the current sentence
(else the story so far) is about, and the country of the place the current event happens in.
"""
from __future__ import annotations

import re

from dataclasses import dataclass, field
from typing import Callable, Optional

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..actors.matcher import COUNTRYISH, stance_word
from ..actors.tables import actor_rules
from ..datafiles import load
from ..nlp.entities import EntityWords
from ..nlp.entity_index import entities_in
from ..schema import Actor
from . import grammar

_MAX_LABEL = actor_rules().speaker_label_max_words
_HOME_GROUND = frozenset(actor_rules().home_ground_sectors)
_PARTICLES = load(EntityWords, "nlp", "entities.yaml").name_particles   # "al", "bin", "van" ...
_LABEL_LINKS = ("of", "the")     # "President of the Russian Federation Vladimir Putin:"

for _name in ("country_counts", "named_subjects", "speaker_label", "titled_label"):
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=None)


class DiscourseCues:
    """Sets ``sent._.country_counts`` and ``sent._.named_subjects`` on every sentence; needs
    the ``actor_mentions`` component's ``doc._.mention_at``."""

    def __init__(self, place_country: Callable[[str], Optional[str]]) -> None:
        self.place_country = place_country

    def __call__(self, doc: Doc) -> Doc:
        by_token = doc._.mention_at
        for sent in doc.sents:
            sent._.country_counts = self.country_counts(sent, by_token)
            sent._.named_subjects = [tok for tok in sent if tok.dep_ in grammar.SUBJECT_DEPS
                                     and tok.pos_ == "PROPN" and by_token.get(tok.i) is not None]
            # (and the name that makes a common noun subject someone's: "The Kyiv regime is not
            # interested in peace. It rejected ..." -- "it" goes on with Kyiv)
            sent._.named_subjects += [tok if by_token.get(tok.i) is not None else c
                                      for tok in sent if tok.dep_ in grammar.SUBJECT_DEPS and tok.pos_ == "NOUN"
                                      for c in tok.children if c.dep_ == "compound" and c.pos_ == "PROPN"
                                      and (m := by_token.get(c.i)) is not None and m.kind in ("country", "capital")]
            sent._.speaker_label = speaker_label(sent)
            sent._.titled_label = titled_label(sent) if sent._.speaker_label is None else None
        return doc

    def country_counts(self, sent: Span, by_token) -> dict[str, int]:
        counts: dict[str, int] = {}
        for tok in sent:
            m = by_token.get(tok.i)
            if m is not None and tok.i == m.start and m.kind in COUNTRYISH and not stance_word(tok):
                # (not a stance: "anti-Pyongyang propaganda" is no news of North Korea's)
                iso = m.value[0] if m.kind == "metonym" else m.value
                counts[iso] = counts.get(iso, 0) + 1
        if not counts:
            # no country named: places the gazetteer knows ("in Algiers") still tell whose news it is
            for ent in entities_in(sent):
                if ent.label_ in grammar.PLACE_LABELS and not any(i in by_token for i in range(ent.start, ent.end)):
                    iso = self.place_country(ent.text)
                    if iso:
                        counts[iso] = counts.get(iso, 0) + 1
        return counts


def speaker_label(sent: Span) -> Optional[list[str]]:
    """The words of a transcript's speaker label opening the sentence ("SECRETARY RUBIO:",
    "QUESTION:"): words in capitals, then a colon; None when the sentence opens otherwise."""
    words: list[str] = []
    for tok in sent:
        if tok.is_space:
            continue
        if tok.text == ":":
            return words or None
        if not (tok.is_upper or tok.text in (".", "-")) or len(words) >= _MAX_LABEL:
            return None
        if tok.is_alpha:
            words.append(tok.text)
    return None


def titled_label(sent: Span) -> Optional[list[str]]:
    """The words of a speaker label in title case opening the sentence, as the Kremlin's English
    transcripts write them ("Vladimir Putin:", "President of Russia Vladimir Putin:",
    "Question:"): capitalised words (and "of"/"the" between them), then a colon.  Whether it is a
    label the coder decides: a person the knowledge base knows, or any such line in a transcript
    already under way ("Kyiv: ..." in a news story is no speaker)."""
    words: list[str] = []
    for tok in sent:
        if tok.is_space:
            continue
        if tok.text == ":":
            return words if words and words[0][:1].isupper() else None
        if len(words) >= _MAX_LABEL or not (tok.is_title or tok.lower_ in _LABEL_LINKS or tok.text == "."):
            return None
        if tok.is_alpha:
            words.append(tok.text)
    return None


def _latest_last(pool: list[Actor], actor: Actor, key_of, keep: int = 12) -> None:
    """Append ``actor`` to ``pool`` unless the last one there is the same (by ``key_of``), and
    keep the ``keep`` latest."""
    if pool and key_of(pool[-1]) == key_of(actor):
        return
    pool.append(actor)
    del pool[:-keep]


def side_key(actor: Actor) -> str:
    """Which side of a story ``actor`` stands on: its country -- a state's government, forces
    and people are one side -- except an armed group at home there (rules.yaml
    ``home_ground_sectors``), a side of its own against its state ("the Congolese government and
    the M23 ... The two sides signed a declaration"); an international body by its code."""
    if actor.country and actor.sector in _HOME_GROUND:
        return actor.country + actor.sector
    return actor.country or actor.code or actor.name or ""


def is_person(actor: Actor) -> bool:
    # people carry the office they hold (or held); countries, institutions and groups do not
    return bool(actor.role)


@dataclass
class Discourse:
    """The context of one story so far: for pronouns, surnames, "both sides" and actors whose
    country the sentence or story supplies."""

    persons: list[Actor] = field(default_factory=list)
    groups: list[Actor] = field(default_factory=list)
    surnames: dict = field(default_factory=dict)   # surname -> person actor met earlier in the story
    home: Optional[str] = None      # the country the sentence (else the story so far) is about
    place: Optional[str] = None     # the country of the place the current event happens in
    story_counts: dict = field(default_factory=dict)
    sentence_counts: dict = field(default_factory=dict)     # the current sentence's own
    speaker: Optional[Actor] = None  # who is speaking in a transcript, since the last speaker label
    author: Optional[Actor] = None   # the statement's author, else its publishing institution, for the whole story
    transcript: bool = False         # a speaker label was met: the text is a transcript of several voices
    # the current speaker, unknown by name, briefs for the author: "MR PIGOTT:" in a State
    # Department briefing (an honorific and a surname; a journalist is "QUESTION:")
    briefer: bool = False
    # the two parties of the last sentence that coded an act of two with each other ("Both sides
    # agreed ..."), for a "they" that goes on with it ("They also agreed to continue talks")
    last_mutual: list[Actor] = field(default_factory=list)
    # who did the last acts the story told, by CAMEO code (of sentences that coded one), latest
    # last: "Moscow condemned the move" reacts to the last, "the strike" to the last attack
    # (and the words of the rule that coded it: "the strikes" are the last act told as a strike;
    # and whether it was only said -- a statement of no PLOVER type, which "the remarks" names and
    # "the move" does not)
    last_doers: list[tuple[str, Actor, frozenset[str], bool]] = field(default_factory=list)
    # the lemma of the last sentence's main subject: "The deal was signed ... It calls for ..."
    last_subject: Optional[str] = None
    # ... and whether it was a plural that named no party ("The Europeans are not interested in
    # peace"): a "they" that goes on with it is no one the story named
    last_plural_subject_unplaced: bool = False
    # the person the last sentence's main clause had as the subject of an act it coded: whom a
    # subject "he" of the next sentence goes on with ("The Secretary spoke with Foreign Minister
    # Sybiha. He reaffirmed our support ...")
    last_subject_person: Optional[Actor] = None
    # every person the story has named so far, in any role, latest last: whom a bare title stands
    # for ("Have you spoken with Foreign Minister Sybiha? -- I've talked to the foreign minister")
    people_named: list[Actor] = field(default_factory=list)
    # every international body the story has named so far, in any role (a title's "a UN Security
    # Council briefing" too), latest last: which one "the Council" is
    bodies_named: list[Actor] = field(default_factory=list)
    # the parties of the last sentence that coded a meeting, a call or talks between parties of two
    # countries or more (the assembler sets it): "the two sides" after "Landau met Japanese Vice
    # Foreign Minister Funakoshi" are those two, however often the story named others before
    last_named_together: list[Actor] = field(default_factory=list)
    # two people of two countries that did one act together as its subjects, since the last
    # meeting told (the assembler sets it): "the two leaders" after "Aliyev and Pashinyan thanked Trump"
    last_people_together: list[Actor] = field(default_factory=list)
    # the parties that did one act of the last sentence together, as its subjects ("The leaders
    # condemned terrorism": both leaders), for a "they" of the next main clause (the assembler sets it)
    last_joint_doers: list[Actor] = field(default_factory=list)
    # ... and whom those acts were aimed at ("called on Pakistan"), whom that "they" is not
    last_addressed: list[Actor] = field(default_factory=list)

    def voice(self) -> Optional[Actor]:
        """Who speaks now: the transcript's current speaker, else the author -- of a text with
        one voice, or through a briefer the knowledge base does not know; no one for a
        journalist's question or any other unknown voice."""
        if self.speaker is not None:
            return self.speaker
        return self.author if not self.transcript or self.briefer else None

    def last_doer(self, roots: tuple[str, ...] = ()) -> Optional[Actor]:
        """Who did the last act told whose code starts with one of ``roots`` (any act, no mere
        statement: ())."""
        return next((a for code, a, _, said in reversed(self.last_doers)
                     if (code.startswith(roots) if roots else not said)), None)

    def last_doer_of(self, roots: tuple[str, ...], word: str) -> Optional[Actor]:
        """Who did the last act of ``roots`` told with ``word`` ("the strikes": the last act
        told as a strike, not a later missile barrage), else the last act of ``roots``."""
        named = next((a for code, a, words, said in reversed(self.last_doers)
                      if (code.startswith(roots) if roots else not said) and word in words), None)
        return named if named is not None else self.last_doer(roots)

    def enter_sentence(self, counts: dict[str, int]) -> None:
        """A new sentence naming ``counts``: the story's counts grow and ``home`` becomes the
        sentence's most named country (else the story's)."""
        self.sentence_counts = counts
        for iso, n in counts.items():
            self.story_counts[iso] = self.story_counts.get(iso, 0) + n
        pool = counts or self.story_counts
        self.home = max(pool, key=lambda k: (pool[k], k in counts)) if pool else None

    def note(self, actor: Actor) -> None:
        if is_person(actor) and actor.name:
            # "Polish Foreign Minister Radoslaw Sikorski ... Sikorski said": later mentions by
            # surname alone are the same person
            last = actor.name.split()[-1]
            self.surnames.setdefault(last, actor)
            head, _, rest = last.partition("-")
            if rest and head.lower() in _PARTICLES:
                self.surnames.setdefault(rest, actor)    # "al-Bashir ... Bashir said"
            elif rest and len(actor.name.split()) >= 2 and head[:1].isupper() and rest[:1].islower():
                # a hyphened given name after the family name, as Korean names are written:
                # "Lee Jae-myung ... Lee spoke by phone with Ishiba"
                self.surnames.setdefault(actor.name.split()[0], actor)
        if is_person(actor):
            self.name_person(actor)
        pool = self.persons if is_person(actor) else self.groups
        if pool and pool[-1].name == actor.name and pool[-1].country == actor.country:
            return
        pool.append(actor)
        del pool[:-6]

    def name_person(self, actor: Actor) -> None:
        """``actor``, a person, was named (as a party or anywhere else in a sentence)."""
        _latest_last(self.people_named, actor, lambda a: (a.name, a.country))

    def name_body(self, actor: Actor) -> None:
        """``actor``, an international body, was named (as a party or anywhere else)."""
        _latest_last(self.bodies_named, actor, lambda a: (a.code, a.name))

    def last_pair(self, people: bool = False, excluding: frozenset = frozenset()) -> list[Actor]:
        """The two parties last named: "both sides", "the two countries"; with ``people``
        ("the two leaders", "both ministers") the last two people of different countries;
        never of the countries in ``excluding``."""
        seen: dict[str, Actor] = {}
        pool = self.persons if people and len({p.country for p in self.persons}) >= 2 else self.groups + self.persons
        together = [a for a in self.last_named_together if not people or is_person(a)]
        if people and len({a.country for a in self.last_people_together if a.country not in excluding}) == 2:
            together = self.last_people_together
        if len({side_key(a) for a in together if side_key(a) not in excluding}) == 2:
            pool = together
        for a in reversed(pool):
            key = side_key(a)
            if key in excluding:
                continue
            if key and key not in seen:
                seen[key] = a
            if len(seen) == 4:
                break
        if len(seen) < 2:
            return []    # "both sides" are two
        # of the last few named, the two the story names most: "Thailand and Cambodia agreed to a
        # ceasefire ... announced by Malaysia's Anwar ... Both sides said ..." are Thailand and
        # Cambodia, not the mediator named last (ties go to the two that last acted with each
        # other, then to the more recent: "India and Pakistan exchanged fire. Iran offered to
        # mediate between the two neighbours")
        recent = list(seen)
        acted = {side_key(a) for a in self.last_mutual}
        if not people and len(acted) == 2 and acted <= set(recent):
            # the two that last acted with each other, both named lately, however often a
            # mediator was named around them ("Pakistan and Afghanistan agreed to a ceasefire after
            # talks in Doha mediated by Qatar, Qatar's foreign ministry said. The two sides also
            # agreed ...")
            return [seen[k] for k in recent if k in acted]
        ranked = sorted(recent, key=lambda k: (-self.story_counts.get(seen[k].country or k, 0), k not in acted,
                                               recent.index(k)))[:2]
        return [seen[k] for k in sorted(ranked, key=recent.index)]


def rule_words(rule: str) -> frozenset[str]:
    """The words of the pattern a rule id names ("verb:190:strike" -> {"strike"})."""
    pattern = rule.split(" +")[0].split(":", 2)[-1]
    return frozenset(re.findall(r"[a-z]+", pattern.lower()))


@Language.factory("discourse_cues")
def make_discourse_cues(nlp: Language, name: str) -> DiscourseCues:
    """``nlp.add_pipe("discourse_cues")`` after ``actor_mentions``."""
    from ..nlp.places import Gazetteer

    return DiscourseCues(Gazetteer().country_of)
