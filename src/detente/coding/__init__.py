"""Event coding: spaCy-parsed sentences in, PLOVER/CAMEO events with provenance out.

Public API (implementation in progress in coder.py):
    Coder(nlp=None).code_story(story) -> CodedStory
    Coder(nlp=None).code_stories(stories, batch_size=64) -> Iterator[CodedStory]
"""
