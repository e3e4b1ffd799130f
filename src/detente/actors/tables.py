"""The actor matcher's and knowledge base's word lists and codes, read from
``data/actors/rules.yaml`` and checked on load (E206/E207 name the file and the key)."""
from __future__ import annotations

import functools
from typing import Optional

from pydantic import field_validator

from ..datafiles import DataModel, Words, cameo_prefixes, load


class ActorSectors(DataModel):
    government: str
    former: str
    opposition: str
    military: str
    igo: str


class ActorRules(DataModel):
    noun_phrase_prepositions: Words
    body_anaphora_nouns: Words
    former_words: Words
    location_participles: Words
    place_group_prepositions: Words
    rival_nouns: Words
    sector_act_nouns: Words
    stance_prefixes: Words
    relational_nouns: Words
    sectors: ActorSectors
    military_role_prefixes: tuple[str, ...]
    single_holder_roles: Words
    igo_role_codes: dict[str, str]
    publisher_titles: dict[str, dict[str, str]]
    agent_other_senses: dict[str, Words]
    ship_prefixes: dict[str, str]
    naming_group_sectors: Words
    adjective_other_senses: Words
    head_only_agents: Words
    role_seniority: tuple[str, ...]
    mutual_codes: tuple[str, ...]
    halted_meeting_codes: tuple[str, ...]
    recognised_thing_codes: tuple[str, ...]
    halting_verbs: Words
    mutual_verbs: Words
    mutual_intent_governors: Words
    topic_verbs: Words
    lesser_rank_words: Words
    object_party_prepositions: Words
    definite_pair_nouns: Words
    definite_pair_people_nouns: Words
    leader_nouns: Words
    passive_release_verbs: Words
    in_object_participles: Words
    holding_participles: Words
    leader_roles: tuple[str, ...]
    spokesperson_roles: tuple[str, ...]
    own_support_codes: tuple[str, ...]
    pair_people_nouns: Words
    led_group_nouns: Words
    leading_participles: Words
    group_anaphora_nouns: Words
    envoy_titles: Words
    group_anaphora_sectors: Words
    office_holding_group_sectors: Words
    backing_participles: Words
    affiliation_participles: Words
    volley_heads: Words
    state_sectors: tuple[Optional[str], ...]
    home_ground_sectors: Words
    speaker_label_max_words: int
    held_people_nouns: Words
    regional_adjectives: Words
    unknown_adjectives: Words
    internal_meeting_codes: tuple[str, ...]
    internal_sectors: tuple[Optional[str], ...]
    foreign_act_codes: tuple[str, ...]
    foreign_measure_codes: tuple[str, ...]
    venue_prepositions: Words
    own_office_words: Words
    object_relative_pronouns: Words
    acronym_function_words: Words
    crowd_words: Words
    crowd_sector: str
    protesting_sectors: tuple[str, ...]
    own_people_codes: tuple[str, ...]
    own_people_by_noun_codes: tuple[str, ...]
    domestic_force_sectors: tuple[str, ...]
    bare_domestic_force_sectors: tuple[str, ...]
    dissent_easing_codes: tuple[str, ...]
    state_force_sectors: tuple[str, ...]
    state_passive_verbs: dict[str, str]
    state_faced_nouns: dict[str, str]
    passive_leave_doers: Words
    leaving_verbs: Words
    state_passive_measures: Words
    state_passive_releases: dict[str, str]
    state_custody_nouns: Words
    state_passive_named_only: Words
    state_passive_unjudged_sectors: dict[str, Words]
    passive_hosting_nouns: Words
    passive_own_acts: Words
    stance_participles: Words
    swap_passive_prepositions: Words
    passive_from_doers: Words
    passive_to_doers: Words
    own_law_nouns: Words
    pair_pronouns: Words
    pair_member_prepositions: Words
    briefer_honorifics: Words
    answer_labels: Words

    @field_validator("mutual_codes", "halted_meeting_codes", "recognised_thing_codes", "internal_meeting_codes",
                     "own_people_codes", "own_people_by_noun_codes")
    @classmethod
    def _codes_exist(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        cameo_prefixes(value, "mutual_codes")
        return value


@functools.lru_cache(maxsize=1)
def actor_rules() -> ActorRules:
    return load(ActorRules, "actors", "rules.yaml")
