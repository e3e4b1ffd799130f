"""Language processing below the event coder: the spaCy pipeline and what it needs offline.

This package owns loading the English model once per process (:mod:`.pipeline`, with the
``paragraph_breaks`` component and numpy matrix products, :mod:`.ops`), the fast pipeline's
rule-based entities and memoised attributes (:mod:`.entities`, :mod:`.fast_attributes`), resolving
date expressions against a story's date (:mod:`.dates`) and the offline gazetteer with the
location of an event in a sentence (:mod:`.places`).  Its word lists and patterns are data files
in ``detente/data/nlp/``.  It knows nothing of actors or events: the names the fast pipeline's
entity recognizer labels are handed to it (:class:`.entities.KnownNames`).
"""
