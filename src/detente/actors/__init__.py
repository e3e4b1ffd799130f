"""Actors: who a phrase names, on the date of the event.

This package owns the actor knowledge base read from ``detente/data/actors/`` (countries with
aliases, demonyms and capitals, seats of power, IGOs, sector nouns, office titles and dated
office tenures; :mod:`.kb`), finding its names in a parsed doc (the ``actor_mentions``
component, :mod:`.mentions`) and turning a noun phrase into actors (:mod:`.matcher`: "Russian
Foreign Minister Sergey Lavrov", "the Secretary of State" in 2019 or 2025, "Hungarian and
Romanian officials").  It sits above :mod:`detente.nlp` and below :mod:`detente.coding`, which
places actors in the context of a story.
"""
