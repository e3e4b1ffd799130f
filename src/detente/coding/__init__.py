"""Event coding: spaCy-parsed sentences in, PLOVER/CAMEO events with provenance out.

    from detente.coding import Coder
    coder = Coder()
    coded = coder.code_story(story)            # -> CodedStory(events=[Event, ...])
    for coded in coder.code_stories(stories):  # batched through spaCy's nlp.pipe
        ...
"""
from .coder import CODER_VERSION, Coder
from .lexicon import Lexicon
from ..ontology import cameo_table, lookup

__all__ = ["Coder", "CODER_VERSION", "Lexicon", "cameo_table", "lookup"]
