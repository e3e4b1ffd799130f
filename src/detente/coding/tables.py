"""The coder's word lists, CAMEO code families and modality rules, read from ``detente/data``.

``data/coding/words.yaml`` (:class:`CoderWords`), ``data/coding/codes.yaml`` (:class:`CoderCodes`)
and ``data/lexicon/modality.yaml`` (:class:`ModalityRules`) are checked on load: unknown keys,
a word or key given twice, a code missing from the CAMEO table or an unknown governor kind raise
:class:`~detente.errors.DetenteError` (E206-E209) naming the file and the key.  Code families
are tuples of prefixes, so ``code.startswith(codes().violence)`` tests membership.
"""
from __future__ import annotations

import functools
from typing import Literal, get_args

from pydantic import field_validator, model_validator

from ..datafiles import DataModel, DataProblem, Words, cameo_codes, cameo_prefixes, load, words_in_one_list

CodeFamily = tuple[str, ...]


class CoderWords(DataModel):
    cause_object_prepositions: Words
    causing_verbs: Words
    holding_verbs: Words
    pending_prepositions: Words
    release_nouns: Words
    holding_participles: Words
    holder_prepositions: Words
    hold_nouns: Words
    attack_place_prepositions: Words
    venue_nouns: Words
    venue_roles: Words
    designating_verbs: Words
    attributing_participles: dict[str, Words]
    national_nouns: Words
    membership_nouns: Words
    occasion_prepositions: Words
    meeting_nouns: Words
    existential_event_nouns: Words
    level_nouns: Words
    summary_nouns: Words
    own_clause_verbs: Words
    vowing_verbs: Words
    warning_verbs: Words
    trend_verbs: Words
    clause_judging_nouns: Words
    place_nouns: Words
    territory_verbs: Words
    light_verbs: Words
    receiving_verbs: Words
    receiving_prepositions: Words
    restating_nouns: Words
    denied_claim_nouns: Words
    alleging_nouns: Words
    aside_nouns: Words
    text_nouns: Words
    outcome_nouns: Words
    chairing_verbs: Words
    calling_verbs: Words
    welcoming_verbs: Words
    refusing_verbs: Words
    dispatching_verbs: Words
    accredited_nouns: Words
    reproach_phrases: dict[str, Words]
    act_anaphora_nouns: dict[str, tuple[str, ...]]
    act_anaphora_determiners: Words
    mutual_act_nouns: Words
    object_reason_prepositions: Words
    named_kind_nouns: Words
    setting_prepositions: Words
    adverbial_in_nouns: Words
    participle_clause_deps: Words
    grievance_prepositions: Words
    reaction_prepositions: Words
    act_pronouns: Words
    linking_verbs: dict[str, str]
    thing_pronouns: Words
    thing_pronoun_acts: tuple[str, ...]
    act_predicate_nouns: Words
    act_predicate_adjectives: Words
    habit_time_nouns: Words
    habit_time_determiners: Words
    speech_verbs: Words
    opinion_verbs: Words
    speaker_conjunct_verbs: Words
    plain_speech_adjectives: Words
    ultimatum_verbs: Words
    pair_determiners: Words
    pair_nouns: Words
    people_pair_nouns: Words
    state_pair_nouns: Words
    person_pronouns: Words
    group_pronouns: Words
    third_person_possessives: Words
    plural_object_pronouns: Words
    first_person_plural: Words
    third_party_words: Words
    record_nouns: Words
    outbreak_verbs: Words
    relative_pronouns: Words
    nonrestrictive_relative_pronouns: Words
    exercise_nouns: Words
    joint_words: Words
    currency_nouns: Words
    listing_prepositions: Words
    quantity_heads: Words
    compound_event_heads: Words
    own_people_pronouns: Words
    own_people_possessives: Words
    own_people_nouns: Words
    consequence_verbs: Words
    member_nouns: Words
    indefinite_people: Words
    own_side_nouns: Words
    duration_prepositions: Words
    non_destinations: Words
    denial_verbs: Words
    hearsay_nouns: Words
    confirming_verbs: Words
    standing_adverbs: Words
    recap_prepositions: Words
    recap_modifiers: Words
    recap_units: Words
    reception_verbs: Words
    duration_units: Words
    alternative_marks: Words
    hostile_readiness_verbs: Words
    hostile_readiness_objects: Words
    verbs_that_make_event_nouns: dict[str, Words]
    conflict_participation_verbs: Words
    arrival_verbs: Words
    peacekeeper_prefix: str
    aid_team_nouns: Words
    arms_arrival_verbs: Words
    arriving_arms_nouns: Words
    arriving_arms_words: Words
    arriving_force_nouns: Words
    aid_team_words: Words
    gathering_verbs: Words
    protester_nouns: Words
    throwing_verbs: Words
    aimed_strike_nouns: Words
    dying_verbs: Words
    owner_possessives: Words
    crowd_nouns: Words
    aimed_strike_prepositions: Words
    verbal_clash_verbs: Words
    truce_nouns: Words
    truce_offering_verbs: Words
    trade_war_words: Words
    rioter_nouns: Words
    protest_words: Words
    impact_verbs: Words
    casualty_leaving_verbs: Words
    casualty_states: Words
    withdrawal_verbs: Words
    exit_words: Words
    departure_verbs: Words
    withdrawn_resources: Words
    member_suspension_verbs: Words
    aiming_verbs: Words
    financing_verbs: Words
    sanction_instruments: Words
    sanction_target_prepositions: Words
    policy_instruments: Words
    armed_modifiers: Words
    organisation_sectors: frozenset[str]
    approach_verbs: Words
    approach_prepositions: Words
    others_words: Words
    withdrawal_particles: Words
    force_nouns: Words
    weapon_nouns: Words
    cyber_nouns: Words
    cyber_modifiers: Words
    cyber_impact_verbs: Words
    cyber_doer_nouns: Words
    cyber_means_prepositions: Words
    cyber_campaign_nouns: Words
    operation_nouns: Words
    guarding_purposes: Words
    relief_purposes: Words
    relief_objects: Words
    relief_words: Words
    ending_nouns: Words
    referring_pronouns: Words
    standing_noun_modifiers: Words
    framing_nouns: Words
    halting_nouns: Words
    culpable_adjectives: Words
    escaped_fate_modals: Words
    burden_verbs: Words
    burden_nouns: Words
    culprit_prepositions: Words
    culpable_adverbs: Words
    culpable_harms: Words
    blame_verbs: Words
    expressing_verbs: Words
    authoring_verbs: Words
    authored_nouns: Words
    statement_nouns: Words
    law_nouns: Words
    issue_verbs: Words
    content_verbs: Words
    journey_nouns: Words
    journey_prepositions: Words
    speaking_occasion_nouns: Words
    speaking_occasion_prepositions: Words
    desideratum_nouns: Words
    led_party_nouns: Words
    reversing_nouns: Words
    durative_conflict_nouns: Words
    striving_verbs: Words
    armed_sectors: Words
    stative_verbs: Words
    unrealized_copulas: Words
    unrealized_adjectives: Words
    content_holders: Words
    phrasal_verbs: dict[str, Words]
    background_clause_marks: Words
    sequence_prepositions: Words
    pluperfect_aux: Words
    background_phrase_marks: Words
    anaphoric_subjects: Words
    anaphoric_determiners: Words
    content_prepositions: Words
    pointing_nouns: Words
    grounding_verbs: Words
    grounding_prepositions: Words
    planning_nouns: Words
    struck_place_prepositions: Words
    prospect_nouns: Words
    topic_nouns: Words
    privative_prepositions: Words
    goal_verbs: Words
    locative_prepositions: Words
    third_party_roles: Words
    protest_papers: Words
    failure_verbs: Words
    failure_phrasal_verbs: Words
    failure_particles: Words
    success_verbs: Words
    hypothetical_adjectives: Words
    evaluation_verbs: Words
    object_verbs: Words
    judgements: dict[str, Words]
    relation_nouns: Words
    counterpart_nouns: Words
    weapon_system_names: dict[str, str]
    topic_frames: Words
    tie_quality_nouns: Words
    direction_nouns: Words
    direction_prepositions: Words
    harm_to_a_good_nouns: Words
    harm_to_a_good_prepositions: Words
    public_goods: Words
    natural_causes: Words
    cause_prepositions: Words
    other_senses: dict[str, Words]
    other_sense_prepositions: Words
    aspectual_verbs: Words
    halting_reach_verbs: Words
    wishing_reach_verbs: Words
    helping_verbs: Words
    causative_verbs: Words
    instrument_verbs: Words
    no_choice_nouns: Words
    origin_prepositions: Words
    war_nouns: Words
    background_words: Words
    negative_subjects: Words
    subject_denying_determiners: Words
    light_passive_verbs: Words
    negative_determiners: Words
    halting_adverbs: Words
    interrogative_words: Words
    presupposing_question_words: Words
    question_verbs: Words
    question_marks: Words
    frequency_adverbs: Words
    restriction_adverbs: Words
    with_complement_nouns: Words
    facility_nouns: Words
    facility_aim_prepositions: Words
    adjectival_participles: Words
    resulting_participles: Words
    habit_marks: Words
    public_manner_adverbs: Words
    public_manner_nouns: Words
    condition_conjunctions: Words
    hypothetical_aux: Words
    occurrence_verbs: Words
    partitive_event_heads: Words
    hypothetical_progressive_aux: Words
    object_prepositions: Words
    target_prepositions: Words
    protest_target_prepositions: Words
    violence_target_prepositions: Words
    posture_target_prepositions: Words
    side_by_side_marks: Words
    event_noun_prepositions: Words
    answering_verbs: Words
    attack_nouns: Words
    volley_nouns: Words
    marked_people_nouns: Words
    ally_prepositions: Words
    behalf_prepositions: Words
    occupation_nouns: Words
    work_stoppage_nouns: Words
    countering_verbs: Words
    attack_prepositions: Words
    bomber_nouns: Words
    halt_nouns: Words
    halt_noun_prepositions: Words
    attack_target_prepositions: Words
    first_person_singular: Words
    first_person_acts: tuple[str, ...]
    first_person_praise: tuple[str, ...]
    reason_prepositions: Words
    reason_conduct_prepositions: Words
    reason_frame_prepositions: Words
    reason_frame_nouns: Words
    response_frame_prepositions: Words
    response_nouns: Words
    answering_nouns: Words
    response_prepositions: Words
    complement_target_prepositions: Words
    between_prepositions: Words
    attempt_verbs: Words
    topic_prepositions: Words
    matter_prepositions: Words
    handing_verbs: Words
    settlement_nouns: Words
    denied_standards: Words
    mediating_participles: Words
    brokering_participles: Words
    harm_verbs: Words
    striking_participles: Words
    attribution_prepositions: Words
    conveying_verbs: Words
    combat_nouns: Words
    contrast_conjunctions: Words
    prohibition_nouns: Words
    pause_nouns: Words
    lifting_verbs: Words
    past_time_adverbs: Words
    past_time_nouns: Words
    past_time_prepositions: Words
    past_time_modifiers: Words
    historical_periods: Words
    contact_nouns: Words
    meeting_verbs: Words
    pressure_nouns: Words
    yield_pressure_prepositions: Words
    yield_pressure_nouns: Words
    toll_subjects: Words
    toll_verbs: Words
    onset_verbs: Words
    occasion_nouns: Words
    rate_nouns: Words
    rate_adverbs: Words
    rate_determiners: Words
    generic_quantifiers: Words
    commentator_nouns: Words
    source_prepositions: Words
    nominal_target_prepositions: Words
    governed_noun_prepositions: Words
    reporter_possessives: Words
    possessed_target_prepositions: Words
    record_ranks: Words
    witnessing_verbs: Words
    witnessing_nouns: dict[str, Words]
    that_clause_senses: Words
    accident_verbs: Words
    responding_verbs: Words
    dated_occasion_nouns: Words
    dated_occasion_prepositions: Words
    table_verbs: Words
    table_nouns: Words
    option_nouns: Words
    contest_verbs: Words
    violence_place_prepositions: Words
    untagged_place_prepositions: Words
    speech_like_governors: Words
    mutual_speech_verbs: Words
    mutual_review_verbs: Words
    perfect_aux: Words
    predicate_adjectives: Words
    need_nouns: Words
    need_prepositions: Words
    speech_aside_prepositions: Words
    mutual_subject_determiners: Words
    official_protest_verbs: Words
    official_protester_kinds: Words
    institution_pronouns: Words
    official_protester_sectors: frozenset[str]

    @field_validator("verbs_that_make_event_nouns")
    @classmethod
    def _roots_exist(cls, value: dict) -> dict:
        cameo_prefixes(value, "verbs_that_make_event_nouns")
        return value

    @functools.cached_property
    def pair_words(self) -> frozenset[tuple[str, str]]:
        """("both", "side"), ("two", "country"), ...: a determiner and a noun naming the pair."""
        return frozenset((d, n) for d in self.pair_determiners for n in self.pair_nouns)


class Sectors(DataModel):
    government: str
    igo: str
    domestic_groups: Words
    titles: Words
    placed_where_it_happens: Words
    unnamed_armed: Words


class CoderCodes(DataModel):
    statement: CodeFamily
    intent: CodeFamily
    visit: CodeFamily
    after_meeting: CodeFamily
    disapprove: CodeFamily
    demand: CodeFamily
    threaten: CodeFamily
    protest: CodeFamily
    violence: CodeFamily
    truce_broken: CodeFamily
    street_acts: CodeFamily
    material_conflict: CodeFamily
    force_posture: CodeFamily
    deportation: CodeFamily
    hostile: CodeFamily
    threat_or_force: CodeFamily
    below_threats: CodeFamily
    release_calls: CodeFamily
    holding_acts: CodeFamily
    retreat_from_place: CodeFamily
    handover: CodeFamily
    domestic: CodeFamily
    place_target: CodeFamily
    visited_place: CodeFamily
    enacted: CodeFamily
    reasoned: CodeFamily
    reaction_to_act: CodeFamily
    on_a_matter: CodeFamily
    answering_cause: CodeFamily
    partnered_talks: CodeFamily
    partnered_ties: CodeFamily
    hosting: CodeFamily
    negotiation: str
    signing: CodeFamily
    reporters_own: CodeFamily
    relational: CodeFamily
    aid: CodeFamily
    goods_origin: CodeFamily
    relational_intents: tuple[str, ...]
    self_directed: CodeFamily
    domestic_restriction: CodeFamily
    yielding: CodeFamily
    imposed_on: CodeFamily
    ordered_coercion: CodeFamily
    publisher_passive: CodeFamily
    habitual_description: CodeFamily
    addressed: CodeFamily
    refusal: CodeFamily
    answering: CodeFamily
    deontic_demand: str
    needed_act: str
    peacekeeper_deployment: str
    aid_team_arrival: str
    forces_arrival: str
    arms_arrival: str
    protest_gathering: str
    property_damage: CodeFamily
    counted_harm: CodeFamily
    crowd_violence: CodeFamily
    crowd_riot: str
    thrown_attack: str
    aimed_strike: str
    death_in_attack: str
    verbal_clash: str
    guarding_operation: str
    relief_deployment: str
    truce: tuple[str, ...]
    trade_truce: str
    joint_exercise: str
    deescalation_appeal: str
    sanctions_suspended: str
    deescalation_intent: str
    labour_strike: str
    generic_violence: str
    bombings: tuple[str, ...]
    labour_strike_threat: str
    blockade: str
    protest_blockade: str
    military_buildup: str
    crowd_dispersal: str
    praise: str
    criticism: str
    mutual_talk: str
    official_protest: str
    weapon_impact: str
    casualties_left: str
    phone_call: str
    guest_welcomed: str
    envoy_sent: str
    person_release: tuple[str, ...]
    cyber_impact: str
    body_exit: str
    forces_withdrawal: str
    organisation_withdrawal: str
    sanctions_aimed: str
    territory_seizure: str
    open_options: str
    sectors: Sectors

    @model_validator(mode="after")
    def _codes_exist(self) -> "CoderCodes":
        for name, value in self:
            if name == "sectors":
                continue
            if isinstance(value, str) or name == "relational_intents":
                # one code each (a rule's own code), or a list of whole codes
                cameo_codes([value] if isinstance(value, str) else value, name)
            else:
                cameo_prefixes(value, name)
        return self


GovernorKind = Literal["intent", "reject", "threaten", "appeal", "demand", "none", "halt", "permit", "command",
                       "enforce"]
GOVERNOR_KINDS: tuple[str, ...] = get_args(GovernorKind)
# the maps that are not a governor's: what negation and the future do to a code
_OTHER_MAPS = ("negated", "future")


class ModalityRules(DataModel):
    governors: dict[str, Words]
    desire_verbs: Words
    conditional_desire_verbs: Words
    conditional_aux: Words
    expectation_verbs: Words
    invitation_verbs: Words
    performative_verbs: Words
    litotes_verbs: Words
    raising_verbs: Words
    raising_preposition: Words
    raising_prep_verbs: Words
    raised_prospect_nouns: Words
    pressing_verbs: Words
    effort_verbs: Words
    arranging_verbs: Words
    time_nouns: Words
    necessity_adjectives: Words
    necessity_nouns: Words
    offering_verbs: Words
    deadline_verbs: Words
    command_verbs: Words
    subordinate_nouns: Words
    own_possessives: Words
    hypothetical_determiners: Words
    deadline_prepositions: Words
    deadline_nouns: Words
    deadline_heads: Words
    belief_verbs: Words
    belief_adjectives: Words
    belief_nouns: Words
    topic_verbs: Words
    topic_prepositions: Words
    intent_nouns: Words
    enactment_nouns: Words
    excess_adverbs: Words
    off_words: Words
    interest_words: Words
    refraining_phrasals: dict[str, Words]
    preventing_verbs: Words
    halting_phrasals: dict[str, Words]
    reject_nouns: Words
    demand_nouns: Words
    appeal_nouns: Words
    none_nouns: Words
    aim_nouns: Words
    stage_nouns: Words
    next_words: Words
    permit_nouns: Words
    intent_adjectives: Words
    intent_adjective_prepositions: dict[str, Words]
    scant_words: Words
    forecast_adjectives: Words
    unwilling_adjectives: Words
    future_aux: Words
    possible_aux: Words
    deontic_aux: Words
    deontic_verbs: Words
    condition_marks: Words
    modal_adjectives: Words
    maps: dict[str, dict[str, str]]

    @model_validator(mode="after")
    def _consistent(self) -> "ModalityRules":
        known = ", ".join(GOVERNOR_KINDS)
        for kind in self.governors:
            if kind not in GOVERNOR_KINDS:
                raise DataProblem("E209", key=f"governors.{kind}", kind=kind, known=known)
        words_in_one_list(self.governors, "governors")
        words_in_one_list({k: getattr(self, k) for k in ("intent_nouns", "reject_nouns", "demand_nouns",
                                                          "appeal_nouns")}, "governing nouns")
        for name, table in self.maps.items():
            if name not in GOVERNOR_KINDS + _OTHER_MAPS:
                raise DataProblem("E209", key=f"maps.{name}", kind=name, known=known)
            cameo_prefixes(table, f"maps.{name}")
            for prefix, value in table.items():
                if name in _OTHER_MAPS:
                    # negation and the future name another map ("reject", "intent") or drop the event
                    if value != "none" and value not in self.maps:
                        raise DataProblem("E209", key=f"maps.{name}.{prefix}", kind=value, known=known)
                elif value not in ("keep", "none"):
                    cameo_codes([value], f"maps.{name}.{prefix}")
        return self

    @functools.cached_property
    def governor_of(self) -> dict[str, str]:
        """lemma -> governor kind ("agree" -> "intent")."""
        return words_in_one_list(self.governors, "governors")

    @functools.cached_property
    def blocking_aux(self) -> frozenset[str]:
        """Auxiliaries of possibility or obligation: "could meet", "must withdraw"."""
        return self.possible_aux | self.deontic_aux


class PrefilterWords(DataModel):
    """``data/coding/prefilter.yaml``: the prefilter's cues that are not in the lexicon or KB."""

    pronouns: Words
    clitics: dict[str, tuple[str, ...]]
    function_words: Words
    fallback_inflections: tuple[tuple[str, str], ...]
    doubling_suffixes: tuple[str, ...]
    abbreviations: Words


def map_code(code: str, table: dict[str, str]):
    """Longest-prefix lookup of ``code`` in a modality map: the new code, ``code`` itself
    ("keep" or no prefix listed), or None ("none": no event)."""
    for k in range(len(code), 0, -1):
        hit = table.get(code[:k])
        if hit is not None:
            if hit == "keep":
                return code
            if hit == "none":
                return None
            return hit
    return code


# the packaged files, read once (datafiles.load caches)
words = functools.partial(load, CoderWords, "coding", "words.yaml")
codes = functools.partial(load, CoderCodes, "coding", "codes.yaml")
modality_rules = functools.partial(load, ModalityRules, "lexicon", "modality.yaml")
prefilter_words = functools.partial(load, PrefilterWords, "coding", "prefilter.yaml")
