"""A coder for tests that need events but not spaCy: each sentence (a line, or text up to
``.``/``!``/``?``) is one event when it reads

* ``SRC TGT CAMEO [ISSUES]`` (``USA RUS 042``, ``USA RUS 042 sanctions,visas``): those ISO3
  codes and that CAMEO code (and those issue ids), or
* a sentence naming the United States (or Washington) and Russia: US -> Russia, 112 (accuse)
  when it speaks of sanctions, accusations or threats, else 040 (consult).

Names, Goldstein scores, quad classes and PLOVER types come from the real CAMEO table; the
event id, span and sentence are those the real coder would give the sentence.
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Iterable, Iterator, Optional

from detente.ontology import lookup
from detente.schema import Actor, CodedStory, Event, Story

_SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")
_CODED_LINE = re.compile(r"^([A-Z]{3}) ([A-Z]{3}) (\d{3})(?: ([a-z_,]+))?$")
_CONFLICT_WORDS = ("sanction", "accus", "threat")


def _us_russia(sentence: str) -> Optional[tuple[Actor, Actor, str, list[str]]]:
    if "Russia" not in sentence or not ("United States" in sentence or "Washington" in sentence):
        return None
    code = "112" if any(w in sentence for w in _CONFLICT_WORDS) else "040"
    return (Actor("United States", "United States", "USA", "GOV", "USAGOV"),
            Actor("Russia", "Russia", "RUS", "GOV", "RUSGOV"), code, [])


def _coded_line(sentence: str) -> Optional[tuple[Actor, Actor, str, list[str]]]:
    m = _CODED_LINE.match(sentence)
    if m is None:
        return None
    src, tgt, code, issues = m.groups()
    return (Actor(src, src, src, "GOV", src + "GOV"), Actor(tgt, tgt, tgt, None, tgt), code,
            issues.split(",") if issues else [])


def code_story(story: Story) -> CodedStory:
    events, mentions = [], Counter()
    sentences = [m for m in _SENTENCE.finditer(story.text) if m.group(0).strip()]
    for i, m in enumerate(sentences):
        text = m.group(0).strip()
        start = m.start() + len(m.group(0)) - len(m.group(0).lstrip())
        found = _coded_line(text) or _us_russia(text)
        if found is None:
            continue
        source, target, code, issues = found
        cameo = lookup(code)
        mentions[source.country] += 1
        mentions[target.country] += 1
        events.append(Event(
            event_id=Event.make_id(story.id, start, code, source.code, target.code), story_id=story.id,
            sentence_id=i, sentence=text, span=(start, start + len(text)),
            date=story.date.isoformat() if story.date else None, date_precision="story",
            source=source, target=target, event_type=cameo.plover_type, mode=cameo.plover_mode,
            context=cameo.plover_context, cameo=code, goldstein=cameo.goldstein, quad_class=cameo.quad_class,
            rule="fake:" + code, confidence=0.9, issues=issues))
    return CodedStory(story=story, events=events, country_mentions=dict(mentions),
                      n_sentences=len(sentences), n_words=len(story.text.split()))


class FakeCoder:
    """Stands in for :class:`detente.coding.Coder` (``code_story``, ``code_stories``).
    ``fail_on``: a story whose text holds this string raises, as a crashing coder would."""

    instances = 0                  # how many were built (a corpus worker builds one)

    def __init__(self, prefilter: bool = False, fail_on: str | None = None, **options: object) -> None:
        type(self).instances += 1
        self.prefilter = prefilter
        self.fail_on = fail_on

    def code_story(self, story: Story) -> CodedStory:
        if self.fail_on and self.fail_on in story.text:
            raise RuntimeError(f"boom in {story.id}")
        return code_story(story)

    def code_stories(self, stories: Iterable[Story]) -> Iterator[CodedStory]:
        for s in stories:
            yield self.code_story(s)
