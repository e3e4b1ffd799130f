"""Event coding: spaCy-parsed stories in, PLOVER/CAMEO events with provenance out.

    from detente.coding import Coder
    coder = Coder()
    coded = coder.code_story(story)            # -> CodedStory(events=[Event, ...])
    for coded in coder.code_stories(stories):  # batched through spaCy's nlp.pipe
        ...

This package owns the coder: its spaCy components -- ``event_triggers`` (lexicon patterns,
:mod:`.triggers` and :mod:`.lexicon`), ``event_modality`` (:mod:`.modality`), ``event_roles``
(:mod:`.roles`), ``event_circumstances`` (:mod:`.circumstances`) and ``discourse_cues``
(:mod:`.discourse`), with the grammar helpers they share (:mod:`.grammar`) -- the story-level
assembly into events (:mod:`.assembly`, :mod:`.resolution`), the prefilter (:mod:`.prefilter`)
and the thin :class:`Coder` over ``nlp.pipe`` (:mod:`.coder`).  Its patterns, word lists and code
families are data files in ``detente/data/lexicon/`` and ``detente/data/coding/``, checked on load
(:mod:`.tables`).
"""
from .coder import CODER_VERSION, Coder
from .lexicon import Lexicon
from ..ontology import cameo_table, lookup

__all__ = ["Coder", "CODER_VERSION", "Lexicon", "cameo_table", "lookup"]
