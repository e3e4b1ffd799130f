"""The prefilter keeps what can yield an event, drops what cannot, and loses no events."""
from __future__ import annotations

import collections
from datetime import date

import pytest

from detente.coding.coder import Coder
from detente.coding.prefilter import Prefilter
from detente.schema import Story


@pytest.fixture(scope="module")
def coder_off():
    return Coder(prefilter=False)


@pytest.fixture(scope="module")
def coder_on(coder_off):
    return Coder(coder_off.nlp, prefilter=True)


@pytest.fixture(scope="module")
def pf(coder_off):
    kb = coder_off.matcher.kb
    return Prefilter(coder_off.matcher.surface_forms, coder_off.lexicon, coder_off.nlp,
                     offices=kb.offices, agents=kb.agents)


def kept_text(pf: Prefilter, text: str) -> str:
    return " ".join(t for t, _ in pf.candidate_sentences(text))


def events(coder: Coder, text: str, day=date(2025, 3, 1)):
    return coder.code_story(Story(id="t", text=text, date=day)).events


# a sentence that names no actor and holds no trigger, to pad stories
FILLER = "The weather was mild and the streets were quiet."


@pytest.mark.parametrize("sentence", [
    "Russian Foreign Minister Sergei Lavrov met U.S. Secretary of State Marco Rubio in Riyadh.",
    "Ukrainian and Russian officials held talks in Istanbul.",
    "Israeli aircraft struck targets in southern Lebanon.",
])
def test_irregular_trigger_forms_are_kept(coder_off, pf, sentence):
    assert events(coder_off, sentence), "the sentence should code an event"
    text = f"{FILLER} {sentence}"
    assert sentence in kept_text(pf, text)
    assert FILLER not in kept_text(pf, text)


def test_trigger_detection_follows_the_lemmatizer(pf):
    for word in ("met", "meets", "meeting", "held", "struck", "strikes", "said", "says", "told",
                 "condemned", "accused", "sanctions", "talks"):
        assert pf.is_trigger(word), word
    for word in ("weather", "quiet", "mild"):
        assert not pf.is_trigger(word), word


def test_pronoun_subject_after_an_actor_sentence(coder_off, pf):
    text = ("Finnish President Alexander Stubb arrived in Kyiv on Monday. "
            "He condemned the attacks on civilians.")
    assert any(e.cameo.startswith("11") for e in events(coder_off, text))
    kept = kept_text(pf, text)
    assert "He condemned" in kept
    assert "Stubb arrived" in kept     # the pronoun's antecedent travels with it


def test_office_title_without_a_country(coder_off, pf):
    sentence = "The foreign minister accused the rebels of violating the ceasefire."
    assert not pf._names_actor(sentence)          # no KB name: the office title is the cue
    text = f"The report came from Sudan on Monday. {sentence}"
    assert any(e.source and e.source.country == "SDN" for e in events(coder_off, text))
    assert sentence in kept_text(pf, text)


def test_igo_is_an_actor(coder_off, pf):
    text = "NATO condemned the missile launch."
    assert events(coder_off, text)
    assert "NATO condemned" in kept_text(pf, text)


def test_drops_sentences_without_a_trigger_or_an_actor(pf):
    no_trigger = "Moscow is the largest city in Russia."
    no_actor = "the meeting was held at noon and ended at three."
    needs_more = "the discussions were long."          # "have discussion" needs "have" too
    for s in (no_trigger, no_actor, needs_more):
        assert pf.candidate_sentences(s) == [], s


def test_kept_sentences_are_cut_from_the_story_as_written(pf):
    text = ("Talks opened in Geneva.  Russia and Ukraine signed a deal on Friday. "
            f"{FILLER} The United States welcomed the agreement.")
    out = pf.candidate_sentences(text)
    assert out
    for t, off in out:
        assert text[off:off + len(t)] == t
    # adjacent kept sentences travel as one text, so they parse in context
    assert any("Geneva" in t and "signed" in t for t, _ in out)
    assert all(FILLER not in t for t, _ in out)


SAMPLE = [
    ("a", "Russian President Vladimir Putin spoke by telephone with U.S. President Donald Trump on "
          "Wednesday. The two leaders agreed to begin negotiations on Ukraine. The Kremlin said the call "
          "lasted ninety minutes. It added that Putin had invited Trump to visit Moscow."),
    ("b", "Protesters clashed with police in Belgrade on Saturday. Officers fired tear gas at the crowd. "
          "The students say they will keep marching until the government resigns. The weather was cold."),
    ("c", "The European Union imposed new sanctions on Iran over its nuclear programme. Tehran "
          "rejected the measures and threatened to expel inspectors. Both sides said they remain "
          "open to talks."),
    ("d", "Chinese and Philippine vessels collided near Second Thomas Shoal. Manila accused Beijing "
          "of dangerous manoeuvres. China's foreign ministry spokesman blamed the Philippine crew."),
]


def test_prefilter_on_codes_the_same_events_as_off(coder_off, coder_on):
    stories = [Story(id=i, text=t, date=date(2025, 2, 12)) for i, t in SAMPLE]

    def keys(coder):
        c = collections.Counter()
        for cs in coder.code_stories(stories):
            for e in cs.events:
                c[(cs.story.id, e.cameo, e.source.code if e.source else None,
                   e.target.code if e.target else None)] += 1
        return c

    off, on = keys(coder_off), keys(coder_on)
    assert sum(off.values()) >= 8
    assert off == on


def test_sentence_splitter_keeps_abbreviations_and_splits_paragraphs():
    from detente.coding.prefilter import split_sentences

    text = ("WASHINGTON, Feb. 18 (Reuters) - U.S. Secretary of State Marco Rubio met Lavrov. "
            "\"We agreed,\" he said! Gen. Smith arrived at 5 p.m.\n\nNew paragraph without a stop\n\n"
            "2025 was a year of talks.")
    got = [text[a:b] for a, b in split_sentences(text)]
    assert got == ["WASHINGTON, Feb. 18 (Reuters) - U.S. Secretary of State Marco Rubio met Lavrov.",
                   "\"We agreed,\" he said!", "Gen. Smith arrived at 5 p.m.",
                   "New paragraph without a stop", "2025 was a year of talks."]


@pytest.mark.parametrize("sentence", [
    "Tokyo described Seoul's decision as unacceptable.",      # judgements: no lexicon word in them
    "Estonia regards New Zealand as a reliable friend.",
    "Putin and Trump talked about trade.",                    # talking together: a bare "talk"
])
def test_sentences_the_rules_code_beyond_the_lexicon_are_kept(coder_off, pf, sentence):
    assert events(coder_off, sentence), "the sentence should code an event"
    assert sentence in kept_text(pf, f"{FILLER} {sentence}")


def test_the_full_pipeline_reads_the_lemmatizer_tables_the_fast_one_english_by_hand(coder_off):
    # memo_attributes disables spaCy's lemmatizer in both pipelines: the full coder's prefilter
    # still reads its tables (as before the memo), the fast coder's keeps its own inflections
    from detente.coding.prefilter import _W as prefilter_words_table
    full = Coder(coder_off.nlp, prefilter=True)._prefilter()
    assert full._rules != list(prefilter_words_table.fallback_inflections) and full._exc
    fast = Coder(fast=True, prefilter=True)._prefilter()
    assert fast._rules == list(prefilter_words_table.fallback_inflections) and not fast._exc
