"""The actor matcher's and knowledge base's word lists and codes, read from
``data/actors/rules.yaml`` and checked on load (E206/E207 name the file and the key)."""
from __future__ import annotations

import functools

from ..datafiles import DataModel, Words, load


class ActorSectors(DataModel):
    government: str
    former: str
    military: str
    igo: str


class ActorRules(DataModel):
    noun_phrase_prepositions: Words
    former_words: Words
    location_participles: Words
    place_group_prepositions: Words
    stance_prefixes: Words
    sectors: ActorSectors
    military_role_prefixes: tuple[str, ...]
    single_holder_roles: Words
    role_seniority: tuple[str, ...]
    speaker_label_max_words: int


@functools.lru_cache(maxsize=1)
def actor_rules() -> ActorRules:
    return load(ActorRules, "actors", "rules.yaml")
