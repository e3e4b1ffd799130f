"""Test helper (no tests here): a tiny fake coder for the store/ingest tests (no spaCy).

Each line "SRC TGT CAMEO" of a story is one event.
"""
from __future__ import annotations

from collections import Counter

from detente.schema import Actor, CodedStory, Event, Story

_TABLE = {"042": ("CONSULT", "visit", 1.9, 1), "112": ("ACCUSE", "allege", -2.0, 3),
          "163": ("COERCE", None, -8.0, 4), "190": ("ASSAULT", None, -10.0, 4)}


class FakeCoder:
    instances = 0

    def __init__(self, prefilter: bool = True, fail_on: str | None = None, **options):
        type(self).instances += 1
        self.prefilter = prefilter
        self.fail_on = fail_on

    def code_stories(self, stories):
        for s in stories:
            if self.fail_on and self.fail_on in s.text:
                raise RuntimeError(f"boom in {s.id}")
            yield code_story(s)


def code_story(s: Story) -> CodedStory:
    events, mentions = [], Counter()
    off = 0
    for i, line in enumerate(s.text.splitlines()):
        parts = line.split()
        if len(parts) == 3 and parts[2] in _TABLE:
            src, tgt, code = parts
            et, mode, g, q = _TABLE[code]
            mentions[src] += 1
            mentions[tgt] += 1
            events.append(Event(
                event_id=Event.make_id(s.id, off, code, src, tgt), story_id=s.id, sentence_id=i,
                sentence=line, span=(off, off + len(line)),
                date=s.date.isoformat() if s.date else None, date_precision="story",
                source=Actor(text=src, name=src, country=src, sector="GOV", code=src + "GOV"),
                target=Actor(text=tgt, name=tgt, country=tgt, code=tgt),
                event_type=et, mode=mode, context=None, cameo=code, goldstein=g, quad_class=q,
                rule="fake:" + code, confidence=0.9))
        off += len(line) + 1
    return CodedStory(story=s, events=events, country_mentions=dict(mentions),
                      n_sentences=len(s.text.splitlines()), n_words=len(s.text.split()))
